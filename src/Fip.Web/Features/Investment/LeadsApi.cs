using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Investment;

public sealed record LeadDto(long Id, string EnterpriseName, string? CreditCode, string HomeCity, string Source, int TrackId,
    string Track, int ChainLinkId, string ChainLink, int? OwnerDepartmentId, int? OwnerDistrictId, string Owner, string Stage,
    decimal? PlannedInvestment, int? LandedEnterpriseId, DateOnly LastContactOn, bool Stale, bool IsDemo, string Version,
    IReadOnlyList<LeadContactDto>? Contacts = null, IReadOnlyList<LeadStageChangeDto>? StageChanges = null);

public sealed record LeadContactDto(long Id, DateOnly On, string Who, string Method, string Summary, string? NextStep, string RecordedBy);

public sealed record LeadStageChangeDto(string From, string To, string? Reason, DateTime At, string By);

public sealed record LeadPageDto(int Total, IReadOnlyList<LeadDto> Items);

public sealed record FunnelDto(int TrackId, string Track, int Total, IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, decimal> Investment);

/// <summary>招商 leads under /api/v1/investment/leads: staff read; the owner unit's users and admins write (versioned).</summary>
public static class LeadsApi
{
    public static RouteGroupBuilder MapInvestmentApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/investment").WithTags("Investment");
        g.MapGet("/leads", ListAsync).RequireAuthorization(Policies.Staff).WithName("ListLeads")
            .WithSummary("招商 leads, filtered by track, stage, owner department or district and chain link; paged.");
        g.MapPost("/leads", CreateAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems().WithName("CreateLead")
            .WithSummary("Adds a lead for a chain link (the owner is the caller's unit; an admin names a department or a district).");
        g.MapGet("/leads/{id:long}", GetAsync).RequireAuthorization(Policies.Staff).ProducesNotFound().WithName("GetLead")
            .WithSummary("A lead with its contact history and stage moves; the version in ETag.");
        g.MapPut("/leads/{id:long}", UpdateAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("UpdateLead").WithSummary("Changes a lead's fields (If-Match: the version read; 409 when stale).");
        g.MapPost("/leads/{id:long}/contacts", AddContactAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("AddLeadContact").WithSummary("Records a dated contact: who, how, summary, next step (If-Match).");
        g.MapPost("/leads/{id:long}/stage", MoveAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("MoveLead").WithSummary("Moves the stage 接触 → 洽谈 → 签约 → 落地; back needs a reason; 落地 names the local " +
                "enterprise record by credit code (If-Match).");
        g.MapGet("/funnel", FunnelAsync).RequireAuthorization(Policies.Staff).WithName("LeadFunnel")
            .WithSummary("Leads and planned investment (万元) per stage, per track.");
        g.MapGet("/leads/export", ExportAsync).RequireAuthorization(Policies.Staff)
            .Produces<Stream>(StatusCodes.Status200OK, XlsxSheet.ContentType).WithName("ExportLeads")
            .WithSummary("The filtered leads as .xlsx.");
        return api;
    }

    public static async Task<Results<Ok<LeadPageDto>, ValidationProblem>> ListAsync(int? trackId, string? stage, int? departmentId,
        int? districtId, int? chainLinkId, string? page, string? pageSize, LeadService service, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, 50, l, out var p, out var size, out var problem)) return problem;
        var filter = new LeadFilter(trackId, Enum.TryParse<LeadStage>(stage, out var s) ? s : null, departmentId, districtId, chainLinkId);
        var (total, items) = await service.ListAsync(filter, p, size, ct);
        return TypedResults.Ok(new LeadPageDto(total, [.. items.Select(x => ToDto(x, service.Today))]));
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> GetAsync(long id, HttpContext context, LeadService service,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await service.GetAsync(id, ct) is not { } lead) return ApiHttp.NotFound(l);
        context.SetETag(lead.Version);
        return TypedResults.Ok(ToDto(lead, service.Today, full: true));
    }

    public static async Task<Results<Created<LeadDto>, ProblemHttpResult>> CreateAsync(LeadInput input, HttpContext context,
        LeadService service, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await ReadBackAsync(await service.CreateAsync(input, user, ct), context, service, l,
            d => TypedResults.Created($"/api/v1/investment/leads/{d.Id}", d), ct);

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> UpdateAsync(long id, LeadInput input,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, HttpContext context, LeadService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await ReadBackAsync(await service.UpdateAsync(id, input with { Version = IfMatch.Version(ifMatch, input.Version) }, user, ct),
            context, service, l, TypedResults.Ok, ct);

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> AddContactAsync(long id, ContactInput input,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, HttpContext context, LeadService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await ReadBackAsync(await service.AddContactAsync(id, input with { Version = IfMatch.Version(ifMatch, input.Version) }, user,
            ct), context, service, l, TypedResults.Ok, ct);

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> MoveAsync(long id, StageInput input,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, HttpContext context, LeadService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await ReadBackAsync(await service.MoveAsync(id, input with { Version = IfMatch.Version(ifMatch, input.Version) }, user, ct),
            context, service, l, TypedResults.Ok, ct);

    private static async Task<Results<T, ProblemHttpResult>> ReadBackAsync<T>(Outcome<InvestmentLead> outcome, HttpContext context,
        LeadService service, IStringLocalizer l, Func<LeadDto, T> ok, CancellationToken ct) where T : IResult
    {
        if (!outcome.IsOk) return outcome.Status.AsProblem(l);
        var lead = (await service.GetAsync(outcome.Value!.Id, ct))!;
        context.SetETag(lead.Version);
        return ok(ToDto(lead, service.Today, full: true));
    }

    public static async Task<Ok<List<FunnelDto>>> FunnelAsync(LeadService service, CancellationToken ct) =>
        TypedResults.Ok((await service.FunnelAsync(ct)).Select(f => new FunnelDto(f.TrackId, Display.Name(f.Track, f.TrackEn), f.Total,
            f.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value), f.Investment.ToDictionary(c => c.Key.ToString(), c => c.Value)))
            .ToList());

    public static async Task<FileContentHttpResult> ExportAsync(int? trackId, string? stage, int? departmentId, int? districtId,
        int? chainLinkId, LeadService service, IStringLocalizer<SharedResource> l, TimeProvider clock, CancellationToken ct)
    {
        var filter = new LeadFilter(trackId, Enum.TryParse<LeadStage>(stage, out var s) ? s : null, departmentId, districtId, chainLinkId);
        var (_, items) = await service.ListAsync(filter, 1, 100_000, ct);
        using var stream = new MemoryStream();
        string[] headers = [.. new[] { "Name", "CreditCode", "HomeCity", "Source", "Track", "Link", "Owner", "Stage", "InvestmentWan",
            "LastContact" }.Select(h => l["Leads." + h].Value)];
        var title = l["Leads.Export.Title"].Value;
        var layout = new SheetLayout(title, l["Files.Title", title, Display.Time(clock.GetUtcNow().UtcDateTime)]);
        XlsxSheet.Write(stream, layout, headers, items.Select(x => (IReadOnlyList<object?>)
        [
            x.EnterpriseName, x.CreditCode, x.HomeCity, x.Source, Display.Name(x.ChainLink.Track.Name, x.ChainLink.Track.NameEn),
            Display.Name(x.ChainLink.Name, x.ChainLink.NameEn), OwnerName(x), l["Leads.Stage." + x.Stage].Value, x.PlannedInvestment,
            x.LastContactOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ]), ct);
        return TypedResults.File(stream.ToArray(), XlsxSheet.ContentType, FileNames.Dated(title, clock, "xlsx"));
    }

    public static string OwnerName(InvestmentLead x) => x.OwnerDepartment?.Name ?? x.OwnerDistrict?.Name ?? "";

    private static LeadDto ToDto(InvestmentLead x, DateOnly today, bool full = false) => new(x.Id, x.EnterpriseName, x.CreditCode,
        x.HomeCity, x.Source, x.ChainLink.TrackId, Display.Name(x.ChainLink.Track.Name, x.ChainLink.Track.NameEn), x.ChainLinkId,
        Display.Name(x.ChainLink.Name, x.ChainLink.NameEn), x.OwnerDepartmentId, x.OwnerDistrictId, OwnerName(x), x.Stage.ToString(),
        x.PlannedInvestment, x.LandedEnterpriseId, x.LastContactOn, LeadRules.IsStale(x.Stage, x.LastContactOn, today), x.IsDemo,
        x.Version,
        full ? [.. x.Contacts.Select(c => new LeadContactDto(c.Id, c.On, c.Who, c.Method.ToString(), c.Summary, c.NextStep, c.RecordedBy))]
            : null,
        full ? [.. x.StageChanges.Select(c => new LeadStageChangeDto(c.From.ToString(), c.To.ToString(), c.Reason, c.At, c.By))] : null);
}
