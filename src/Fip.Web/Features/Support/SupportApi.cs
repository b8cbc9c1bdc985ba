using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Portal;
using Fip.Web.Infrastructure;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Support;

public sealed record PolicyDto(int Id, string Code, string Name, string IssuingUnit, string SourceDocument, string SourceClause,
    string Summary, string Interpretation, string HowToApply, string BenefitKind, decimal? BenefitAmount, decimal? BenefitShare,
    string? BenefitFigure, decimal? BenefitCap, DateOnly? OpensOn, DateOnly? ClosesOn, string Rule, bool Proactive, bool IsPublished,
    bool IsExample, string Version);
public sealed record RuleInput(string? Rule, string? Version);
public sealed record ConditionDto(string Field, bool Met, bool Negated, string Text);
public sealed record MatchDto(int PolicyId, string Policy, bool Met, bool NearlyMet, int Missing, decimal? ExpectedBenefit,
    IReadOnlyList<ConditionDto> Conditions, IReadOnlyList<ConditionDto> Blocking);
public sealed record EnterpriseMatchDto(int EnterpriseId, int FiguresYear, IReadOnlyList<MatchDto> Policies);
public sealed record EligibleDto(int EnterpriseId, string CreditCode, string Name, string District);
public sealed record EligibleListDto(int PolicyId, int Total, IReadOnlyList<EligibleDto> Items);
public sealed record PushedDto(int Messages);
public sealed record ApplyInput(int PolicyId, int? EnterpriseId, string? Note);
public sealed record ApplicationDto(int Id, int PolicyId, string Policy, int EnterpriseId, string Enterprise, string State, bool OnBehalf,
    decimal? ExpectedAmount, decimal? ApprovedAmount, decimal? PaidAmount, string? Note, string? Reason, DateTime SubmittedAt,
    DateTime? DecidedAt, DateTime? PaidAt, DateOnly? PaidOn, string? PaymentVoucher, string Version);
public sealed record DecideInput(string? Decision, decimal? Amount, string? Reason, string? Version);
public sealed record PayInput(decimal? Amount, DateOnly? PaidOn, string? Voucher, string? Version);
public sealed record ResubmitInput(string? Note, string? Version);
public sealed record WithdrawInput(string? Reason, string? Version);

/// <summary>扶持政策 under /api/v1/support: the catalogue and its rules, matching (政策计算器, 免申即享), applications and 兑现.</summary>
public static class SupportApi
{
    public static RouteGroupBuilder MapSupportApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/support").WithTags("Support");
        g.MapGet("/policies", ListPoliciesAsync).RequireAuthorization(Policies.SignedIn).WithName("ListSupportPolicies")
            .WithSummary("The support policies (staff see unpublished ones too).");
        g.MapGet("/policies/{id:int}",
            GetPolicyAsync).RequireAuthorization(Policies.SignedIn).ProducesNotFound().WithName("GetSupportPolicy")
            .WithSummary("One support policy with its rule (JSON) and version.");
        g.MapPut("/policies/{id:int}/rule", UpdateRuleAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("UpdateSupportPolicyRule")
            .WithSummary("Replaces a policy's eligibility rule; an invalid or contradictory rule is 422.");
        g.MapPost("/policies/{id:int}/dry-run", DryRunAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("DryRunSupportPolicyRule").WithSummary("How many enterprises a rule change would add or drop; nothing is saved.");
        g.MapGet("/match", MatchAsync).RequireAuthorization(Policies.SupportMatch).ProducesNotFound().WithName("MatchSupportPolicies")
            .WithSummary("政策计算器: an enterprise's verdict on every published policy (an enterprise user: its own).");
        g.MapGet("/policies/{id:int}/eligible", EligibleAsync).RequireAuthorization(Policies.Staff).ProducesNotFound()
            .WithName("ListEligibleEnterprises").WithSummary("免申即享: eligible enterprises that have not applied.");
        g.MapGet("/policies/{id:int}/eligible.xlsx", ExportEligibleAsync).RequireAuthorization(Policies.Staff).ProducesNotFound()
            .Produces<Stream>(StatusCodes.Status200OK, Registries.RegistriesApi.Xlsx)
            .WithName("ExportEligibleEnterprises").WithSummary("The 免申即享 list as .xlsx.");
        g.MapPost("/policies/{id:int}/eligible/push", PushAsync).RequireAuthorization(Policies.SupportReview).ProducesOutcomeProblems()
            .WithName("PushEligibleEnterprises").WithSummary("Tells each eligible enterprise that has not applied, in its messages.");
        g.MapGet("/applications", ListApplicationsAsync).RequireAuthorization(Policies.SignedIn).WithName("ListPolicyApplications")
            .WithSummary("Applications the caller may see (an enterprise: its own).");
        g.MapPost("/applications", ApplyAsync).RequireAuthorization(Policies.SupportApply).ProducesOutcomeProblems()
            .WithName("ApplyForSupportPolicy").WithSummary("申报 (or, for the issuing department, on the enterprise's behalf).");
        g.MapPost("/applications/{id:int}/decide", DecideAsync).RequireAuthorization(Policies.SupportReview).ProducesOutcomeProblems()
            .WithName("DecidePolicyApplication").WithSummary("approve (with amount), return or refuse (with reason).");
        g.MapPost("/applications/{id:int}/pay", PayAsync).RequireAuthorization(Policies.SupportReview).ProducesOutcomeProblems()
            .WithName("PayPolicyApplication").WithSummary("兑现: records the amount paid.");
        g.MapPost("/applications/{id:int}/resubmit", ResubmitAsync).RequireAuthorization(Policies.RecordWrite).ProducesOutcomeProblems()
            .WithName("ResubmitPolicyApplication").WithSummary("Sends a returned application again.");
        g.MapPost("/applications/{id:int}/withdraw", WithdrawAsync).RequireAuthorization(Policies.RecordWrite).ProducesOutcomeProblems()
            .WithName("WithdrawPolicyApplication").WithSummary("撤回: takes back an application the department has not reviewed yet.");
        g.MapGet("/statistics", StatisticsAsync).RequireAuthorization(Policies.Staff).WithName("SupportStatistics")
            .WithSummary("Applications, approvals, amounts and days to pay per policy, district and track.");
        return api;
    }

    public static PolicyDto ToDto(SupportPolicy p) => new(p.Id, p.Code, p.Name, p.IssuingUnit, p.SourceDocument, p.SourceClause, p.Summary,
        p.Interpretation, p.HowToApply, p.BenefitKind.ToString(), p.BenefitAmount, p.BenefitShare, p.BenefitFigure, p.BenefitCap, p.OpensOn,
        p.ClosesOn, p.Rule, p.Proactive, p.IsPublished, p.IsExample, p.Version);

    public static async Task<Ok<List<PolicyDto>>> ListPoliciesAsync(PolicyMatcher m, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await m.PoliciesAsync(!IsStaff(user), ct)).Select(ToDto).ToList());

    public static async Task<Results<Ok<PolicyDto>, ProblemHttpResult>> GetPolicyAsync(int id, FipDbContext db, ClaimsPrincipal user,
        HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var p = await db.Set<SupportPolicy>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && (x.IsPublished || IsStaff(user)), ct);
        if (p is null) return ApiHttp.NotFound(l);
        http.SetETag(p.Version);
        return TypedResults.Ok(ToDto(p));
    }

    public static async Task<Results<Ok<PolicyDto>, ProblemHttpResult>> UpdateRuleAsync(int id, RuleInput input, SupportCommands c,
        HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var outcome = await c.UpdateRuleAsync(id, input.Rule, IfMatch.Version(http.Request.Headers.IfMatch, input.Version), ct);
        return outcome.IsOk ? TypedResults.Ok(ToDto(outcome.Value!)) : Words(outcome.Status, l);
    }

    public static async Task<Results<Ok<DryRunResult>, ProblemHttpResult>> DryRunAsync(int id, RuleInput input, SupportCommands c,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var outcome = await c.DryRunAsync(id, input.Rule, ct);
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : Words(outcome.Status, l);
    }

    /// <summary>Rule problems name fields by resource key: put them into words before the usual problem.</summary>
    private static ProblemHttpResult Words(Outcome o, IStringLocalizer l) => o.Kind == OutcomeKind.Invalid
        ? ApiHttp.Invalid(o.Errors.ToDictionary(e => e.Key, e => RuleValidator.Words(e.Value, l)), l)
        : o.AsProblem(l);

    public static async Task<Results<Ok<EnterpriseMatchDto>, ProblemHttpResult>> MatchAsync(int? enterpriseId, SupportQueries q,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await q.MatchAsync(enterpriseId, user, l, ct) is { } dto ? TypedResults.Ok(dto) : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<EligibleListDto>, ProblemHttpResult>> EligibleAsync(int id, SupportQueries q,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await q.EligibleAsync(id, ct) is { } list ? TypedResults.Ok(list) : ApiHttp.NotFound(l);

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportEligibleAsync(int id, SupportQueries q,
        IStringLocalizer<SharedResource> l, TimeProvider clock, CancellationToken ct)
    {
        if (await q.EligibleAsync(id, ct) is not { } list) return ApiHttp.NotFound(l);
        var stream = new MemoryStream();
        string[] headers = [l["Field.enterprises.creditCode"], l["Field.enterprises.name"], l["Field.enterprises.district"]];
        string name = l["Support.Eligible.FileName"];
        var layout = new SheetLayout(name, l["Files.Title", name, Display.Time(clock.GetUtcNow().UtcDateTime)]);
        await Registries.Files.TabularWriter.WriteXlsxAsync(stream, layout, headers,
            list.Items.Select(e => (IReadOnlyList<string?>)[e.CreditCode, e.Name, e.District]), ct);
        stream.Position = 0;
        return TypedResults.File(stream, Registries.RegistriesApi.Xlsx,
            FileNames.Dated($"{name}-{id.ToString(CultureInfo.InvariantCulture)}", clock, "xlsx"));
    }

    public static async Task<Results<Ok<PushedDto>, ProblemHttpResult>> PushAsync(int id, SupportCommands c, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.PushAsync(id, user, ct)).ToHttp(l, n => TypedResults.Ok(new PushedDto(n)));

    public static async Task<Ok<List<ApplicationDto>>> ListApplicationsAsync(SupportQueries q, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await q.ApplicationsAsync(user, ct));

    public static async Task<Results<Created<ApplicationDto>, ProblemHttpResult>> ApplyAsync(ApplyInput input, SupportCommands c,
        SupportQueries q, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var enterpriseId = input.EnterpriseId ?? await q.OwnEnterpriseIdAsync(user, ct);
        if (enterpriseId is null) return ApiHttp.NotFound(l);
        return (await c.ApplyAsync(input.PolicyId, enterpriseId.Value, input.Note, user, ct)).ToHttp(l,
            a => TypedResults.Created($"/api/v1/support/applications/{a.Id}", SupportQueries.ToDto(a)));
    }

    public static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> DecideAsync(int id, DecideInput input, SupportCommands c,
        ClaimsPrincipal user, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!Enum.TryParse<ReviewDecision>(input.Decision, ignoreCase: true, out var decision) || int.TryParse(input.Decision, out _))
            return Outcome.Invalid("decision", "Support.Review.BadDecision").AsProblem(l);
        return (await c.DecideAsync(id, decision, input.Amount, input.Reason, IfMatch.Version(http.Request.Headers.IfMatch, input.Version),
            user, ct)).ToHttp(l, a => TypedResults.Ok(SupportQueries.ToDto(a)));
    }

    public static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> PayAsync(int id, PayInput input, SupportCommands c,
        ClaimsPrincipal user, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.PayAsync(id, input.Amount, input.PaidOn, input.Voucher, IfMatch.Version(http.Request.Headers.IfMatch,
            input.Version), user, ct))
        .ToHttp(l, a => TypedResults.Ok(SupportQueries.ToDto(a)));

    public static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> ResubmitAsync(int id, ResubmitInput input, SupportCommands c,
        ClaimsPrincipal user, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.ResubmitAsync(id, input.Note, IfMatch.Version(http.Request.Headers.IfMatch, input.Version), user, ct))
        .ToHttp(l, a => TypedResults.Ok(SupportQueries.ToDto(a)));

    public static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> WithdrawAsync(int id, WithdrawInput input, SupportCommands c,
        ClaimsPrincipal user, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.WithdrawAsync(id, input.Reason, IfMatch.Version(http.Request.Headers.IfMatch, input.Version), user, ct))
        .ToHttp(l, a => TypedResults.Ok(SupportQueries.ToDto(a)));

    public static async Task<Ok<SupportStatistics>> StatisticsAsync(SupportQueries q, CancellationToken ct) =>
        TypedResults.Ok(await q.StatisticsAsync(ct));

    public static bool IsStaff(ClaimsPrincipal user) => user.Role() is Roles.Admin or Roles.Department or Roles.District or Roles.Leader;
}

public static class SupportServices
{
    public static IServiceCollection AddSupport(this IServiceCollection services)
    {
        services.AddScoped<PolicyMatcher>();
        services.AddSingleton<MatchKeeper>();
        services.AddScheduledJob<RegistryJournalRetentionJob>();
        services.AddScoped<SupportCommands>();
        services.AddScoped<PolicyEditor>();
        services.AddScoped<SupportQueries>();
        services.AddScoped<Registries.IEnterpriseProfileSections, SupportProfileSections>();
        services.AddScoped<SupportSeeder>();
        services.AddPortalSection(new PortalSection("policies", "Support.Portal.Section", "Support.Portal.SectionLead",
            "/Portal/Policies", 10));
        return services;
    }
}
