using System.Globalization;
using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Chains;

public sealed record LinkEnterpriseRequest(int? EnterpriseId, string? CreditCode);
public sealed record MergeRequest(int Into);
public sealed record DecideRequest(IReadOnlyList<int>? Ids, bool Accept);
public sealed record RunSuggestionsRequest(int? EnterpriseId);
public sealed record LinkIdDto(int Id);
public sealed record MergedDto(int Id, int Moved);
public sealed record LinkedEnterpriseDto(int EnterpriseId);
public sealed record DecidedDto(int Decided);
public sealed record SuggestionRunDto(int Enterprises, int Suggestions, double Seconds);
/// <summary>Filters of the pending suggestions: link, enterprise and district ids.</summary>
public sealed record SuggestionFilter(int? Link, int? Enterprise, int? District);

/// <summary>产业链图谱 under /api/v1/chains: maps, coverage, gap lists, the tree (admins), enterprises on links and suggestions.</summary>
public static class ChainsApi
{
    public static RouteGroupBuilder MapChainsApi(this RouteGroupBuilder api)
    {
        var chains = api.MapGroup("/chains").WithTags("Chains");

        chains.MapGet("/", ListCoverageAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListChainCoverage")
            .WithSummary("Per track: leaf links, links with ≥ 1 local enterprise (coverage) and with a 龙头骨干/链主/小巨人 enterprise " +
                "(strength); district filters the enterprises.");
        chains.MapGet("/tracks/{trackId:int}", GetMapAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetChainMap")
            .WithSummary("A track's chain: every link with its count of local enterprises, leaders, pending suggestions and strength " +
                "(Gap, Some, Strong).");
        chains.MapGet("/tracks/{trackId:int}/gaps", ExportGapsAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .Produces<Stream>(StatusCodes.Status200OK, Registries.RegistriesApi.Xlsx)
            .WithName("ExportChainGaps")
            .WithSummary("The 招商 list (.xlsx): gaps and weak links with position, why weak and the plan's focus districts for the track.");
        chains.MapPost("/tracks/{trackId:int}/links", AddLinkAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("AddChainLink")
            .WithSummary("Adds a link (name, nameEn, position Upstream/Midstream/Downstream, parentId, terms separated by '|').");
        chains.MapGet("/links/{id:int}", GetLinkAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetChainLink")
            .WithSummary("A link with its local enterprises (the first 100, leaders first; enterpriseTotal counts all), their products " +
                "and the pending suggestions.");
        chains.MapPut("/links/{id:int}", UpdateLinkAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("UpdateChainLink").WithSummary("Renames, re-terms, re-positions or moves a link (parentId 0 = top level).");
        chains.MapPost("/links/{id:int}/merge", MergeLinkAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("MergeChainLink")
            .WithSummary("Merges the link into another of the same track: enterprises, suggestions and children move; the name becomes a " +
                "term.");
        chains.MapPost("/links/{id:int}/enterprises", LinkEnterpriseAsync)
            .RequireAuthorization(Policies.DistrictWrite)
            .ProducesOutcomeProblems()
            .WithName("LinkEnterprise")
            .WithSummary("Puts an enterprise (enterpriseId or creditCode) on the link. District users: enterprises of their district " +
                "only.");
        chains.MapDelete("/links/{id:int}/enterprises/{enterpriseId:int}", UnlinkEnterpriseAsync)
            .RequireAuthorization(Policies.DistrictWrite)
            .ProducesOutcomeProblems()
            .WithName("UnlinkEnterprise");
        chains.MapGet("/suggestions", ListSuggestionsAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListChainSuggestions")
            .WithSummary("Pending suggestions (best first, at most 500): confidence and the matched words; filter by link, enterprise, " +
                "district.");
        chains.MapPost("/suggestions/decide", DecideAsync).RequireAuthorization(Policies.DistrictWrite).ProducesOutcomeProblems()
            .WithName("DecideChainSuggestions")
            .WithSummary("Accepts (accept=true) or rejects up to 1,000 suggestions by id; a rejected pair is never proposed again.");
        chains.MapPost("/suggestions/run", RunSuggestionsAsync).RequireAuthorization(Policies.Admin)
            .WithName("RunChainSuggestions").WithSummary("Computes suggestions for every enterprise (or one), in batches.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ChainCoverageDto>>> ListCoverageAsync(int? district, ChainQueries q, CancellationToken ct) =>
        TypedResults.Ok(await q.CoverageAsync(district, ct));

    public static async Task<Results<Ok<ChainMapDto>, ProblemHttpResult>> GetMapAsync(int trackId, int? district, ChainQueries q,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await q.MapAsync(trackId, district, ct) is { } map ? TypedResults.Ok(map) : ApiHttp.NotFound(l);

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportGapsAsync(int trackId, int? district, ChainQueries q,
        IStringLocalizer<SharedResource> l, TimeProvider clock, CancellationToken ct) =>
        await q.MapAsync(trackId, district, ct) is null
            ? ApiHttp.NotFound(l)
            : await GapExport.FileAsync(await q.GapsAsync(trackId, district, ct), l, clock, ct);

    public static async Task<Results<Created<LinkIdDto>, ProblemHttpResult>> AddLinkAsync(int trackId, LinkInput input, ChainCommands c,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.AddAsync(trackId, input, ct)).ToHttp(l,
            r => TypedResults.Created($"/api/v1/chains/links/{r.Id}", new LinkIdDto(r.Id!.Value)));

    public static async Task<Results<Ok<LinkDetailDto>, ProblemHttpResult>> GetLinkAsync(int id, int? district, ChainQueries q,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await q.LinkAsync(id, district, 100, ct) is { } link ? TypedResults.Ok(link) : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<LinkIdDto>, ProblemHttpResult>> UpdateLinkAsync(int id, LinkInput input, ChainCommands c,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.UpdateAsync(id, input, ct)).ToHttp(l, r => TypedResults.Ok(new LinkIdDto(r.Id!.Value)));

    public static async Task<Results<Ok<MergedDto>, ProblemHttpResult>> MergeLinkAsync(int id, MergeRequest request, ChainCommands c,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.MergeAsync(id, request.Into, ct)).ToHttp(l, r => TypedResults.Ok(new MergedDto(r.Id!.Value, r.Count)));

    public static async Task<Results<Ok<LinkedEnterpriseDto>, ProblemHttpResult>> LinkEnterpriseAsync(int id, LinkEnterpriseRequest request,
        ClaimsPrincipal user, ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.LinkAsync(id, request.EnterpriseId, request.CreditCode, user, ct)).ToHttp(l,
            r => TypedResults.Ok(new LinkedEnterpriseDto(r.Id!.Value)));

    public static async Task<Results<NoContent, ProblemHttpResult>> UnlinkEnterpriseAsync(int id, int enterpriseId, ClaimsPrincipal user,
        ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.UnlinkAsync(id, enterpriseId, user, ct)).ToHttp(l, _ => TypedResults.NoContent());

    public static async Task<Ok<IReadOnlyList<SuggestionDto>>> ListSuggestionsAsync([AsParameters] SuggestionFilter filter, ChainQueries q,
        CancellationToken ct)
    {
        var (link, enterprise) = (filter.Link, filter.Enterprise);
        return TypedResults.Ok(
            await q.SuggestionsAsync(
                s => s.State == SuggestionState.Pending
                    && (link == null || s.ChainLinkId == link)
                    && (enterprise == null || s.EnterpriseId == enterprise), filter.District, 500, ct));
    }

    public static async Task<Results<Ok<DecidedDto>, ProblemHttpResult>> DecideAsync(DecideRequest request, ClaimsPrincipal user,
        ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await c.DecideAsync(request.Ids ?? [], request.Accept, user, ct)).ToHttp(l, r => TypedResults.Ok(new DecidedDto(r.Count)));

    public static async Task<Ok<SuggestionRunDto>> RunSuggestionsAsync(RunSuggestionsRequest? request, ChainSuggester s,
        CancellationToken ct)
    {
        var report = await s.RunAsync(request?.EnterpriseId, ct);
        return TypedResults.Ok(new SuggestionRunDto(report.Enterprises, report.Suggestions, Math.Round(report.Duration.TotalSeconds, 2)));
    }
}

/// <summary>The 招商 list as .xlsx: one row per gap or weak link.</summary>
public static class GapExport
{
    public static IReadOnlyList<string> Headers(IStringLocalizer l) =>
        [l["Chains.Export.Track"], l["Chains.Export.Link"], l["Chains.Export.Segment"], l["Chains.Export.Position"],
            l["Chains.Export.Kind"], l["Chains.Export.Enterprises"], l["Chains.Export.Why"], l["Chains.Export.FocusDistricts"]];

    public static IEnumerable<IReadOnlyList<string?>> Rows(IReadOnlyList<GapDto> gaps, IStringLocalizer l) =>
        gaps.Select(g => (IReadOnlyList<string?>)
    [
        g.Track, g.Link, g.Parent, l["Chains.Position." + g.Position], l["Chains.Strength." + g.Strength],
        g.Enterprises.ToString(CultureInfo.InvariantCulture),
        g.Strength == LinkStrength.Gap ? l["Chains.Why.Gap"] : l["Chains.Why.Weak", g.Enterprises],
        string.Join("、", g.FocusDistricts),
    ]);

    public static async Task<FileStreamHttpResult> FileAsync(IReadOnlyList<GapDto> gaps, IStringLocalizer l, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = new MemoryStream();
        var name = $"{l["Chains.Export.FileName"]}-{gaps.FirstOrDefault()?.Track ?? "chain"}";
        await Registries.Files.TabularWriter.WriteXlsxAsync(stream,
            new SheetLayout(l["Chains.Export.FileName"], l["Files.Title", name, Display.Time(clock.GetUtcNow().UtcDateTime)]),
            Headers(l), Rows(gaps, l), ct);
        stream.Position = 0;
        return TypedResults.File(stream, Registries.RegistriesApi.Xlsx, FileNames.Dated(name, clock, "xlsx"));
    }
}
