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

/// <summary>产业链图谱 under /api/v1/chains: maps, coverage, gap lists, the tree (admins), enterprises on links and suggestions.</summary>
public static class ChainsApi
{
    public static RouteGroupBuilder MapChainsApi(this RouteGroupBuilder api)
    {
        var chains = api.MapGroup("/chains").WithTags("Chains");

        chains.MapGet("/", (ChainQueries q, int? district, CancellationToken ct) => q.CoverageAsync(district, ct))
            .WithName("ListChainCoverage").WithSummary("Per track: leaf links, links with ≥ 1 local enterprise (coverage) and with a 龙头骨干/链主/小巨人 enterprise (strength); district filters the enterprises.")
            .RequireAuthorization(Policies.Staff);

        chains.MapGet("/tracks/{trackId:int}", async Task<Results<Ok<ChainMapDto>, NotFound>> (int trackId, int? district, ChainQueries q, CancellationToken ct) =>
                await q.MapAsync(trackId, district, ct) is { } map ? TypedResults.Ok(map) : TypedResults.NotFound())
            .WithName("GetChainMap").WithSummary("A track's chain: every link with its count of local enterprises, leaders, pending suggestions and strength (Gap, Some, Strong).")
            .RequireAuthorization(Policies.Staff);

        chains.MapGet("/tracks/{trackId:int}/gaps", async (int trackId, int? district, ChainQueries q, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await q.MapAsync(trackId, district, ct) is null ? Results.NotFound() : await GapExport.FileAsync(await q.GapsAsync(trackId, district, ct), l, ct))
            .WithName("ExportChainGaps").WithSummary("The 招商 list (.xlsx): gaps and weak links with position, why weak and the plan's focus districts for the track.")
            .RequireAuthorization(Policies.Staff);

        chains.MapPost("/tracks/{trackId:int}/links", async (int trackId, LinkInput input, ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await c.AddAsync(trackId, input, ct), l, r => TypedResults.Created($"/api/v1/chains/links/{r.Id}", new { id = r.Id })))
            .WithName("AddChainLink").WithSummary("Adds a link (name, nameEn, position Upstream/Midstream/Downstream, parentId, terms separated by '|').")
            .RequireAuthorization(Policies.Admin);

        chains.MapGet("/links/{id:int}", async Task<Results<Ok<LinkDetailDto>, NotFound>> (int id, int? district, ChainQueries q, CancellationToken ct) =>
                await q.LinkAsync(id, district, 100, ct) is { } link ? TypedResults.Ok(link) : TypedResults.NotFound())
            .WithName("GetChainLink").WithSummary("A link with its local enterprises (the first 100, leaders first; enterpriseTotal counts all), their products and the pending suggestions.")
            .RequireAuthorization(Policies.Staff);

        chains.MapPut("/links/{id:int}", async (int id, LinkInput input, ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await c.UpdateAsync(id, input, ct), l, r => TypedResults.Ok(new { id = r.Id })))
            .WithName("UpdateChainLink").WithSummary("Renames, re-terms, re-positions or moves a link (parentId 0 = top level).")
            .RequireAuthorization(Policies.Admin);

        chains.MapPost("/links/{id:int}/merge", async (int id, MergeRequest request, ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await c.MergeAsync(id, request.Into, ct), l, r => TypedResults.Ok(new { id = r.Id, moved = r.Count })))
            .WithName("MergeChainLink").WithSummary("Merges the link into another of the same track: enterprises, suggestions and children move; the name becomes a term.")
            .RequireAuthorization(Policies.Admin);

        chains.MapPost("/links/{id:int}/enterprises", async (int id, LinkEnterpriseRequest request, ClaimsPrincipal user, ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await c.LinkAsync(id, request.EnterpriseId, request.CreditCode, user, ct), l, r => TypedResults.Ok(new { enterpriseId = r.Id })))
            .WithName("LinkEnterprise").WithSummary("Puts an enterprise (enterpriseId or creditCode) on the link. District users: enterprises of their district only.")
            .RequireAuthorization(Policies.DistrictWrite);

        chains.MapDelete("/links/{id:int}/enterprises/{enterpriseId:int}", async (int id, int enterpriseId, ClaimsPrincipal user, ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await c.UnlinkAsync(id, enterpriseId, user, ct), l, _ => TypedResults.NoContent()))
            .WithName("UnlinkEnterprise").RequireAuthorization(Policies.DistrictWrite);

        chains.MapGet("/suggestions", async (int? link, int? enterprise, int? district, ChainQueries q, CancellationToken ct) =>
                await q.SuggestionsAsync(s => s.State == SuggestionState.Pending && (link == null || s.ChainLinkId == link) && (enterprise == null || s.EnterpriseId == enterprise), district, 500, ct))
            .WithName("ListChainSuggestions").WithSummary("Pending suggestions (best first, at most 500): confidence and the matched words; filter by link, enterprise, district.")
            .RequireAuthorization(Policies.Staff);

        chains.MapPost("/suggestions/decide", async (DecideRequest request, ClaimsPrincipal user, ChainCommands c, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ToResult(await c.DecideAsync(request.Ids ?? [], request.Accept, user, ct), l, r => TypedResults.Ok(new { decided = r.Count })))
            .WithName("DecideChainSuggestions").WithSummary("Accepts (accept=true) or rejects up to 1,000 suggestions by id; a rejected pair is never proposed again.")
            .RequireAuthorization(Policies.DistrictWrite);

        chains.MapPost("/suggestions/run", async (RunSuggestionsRequest? request, ChainSuggester s, CancellationToken ct) =>
            {
                var report = await s.RunAsync(request?.EnterpriseId, ct);
                return TypedResults.Ok(new { enterprises = report.Enterprises, suggestions = report.Suggestions, seconds = Math.Round(report.Duration.TotalSeconds, 2) });
            })
            .WithName("RunChainSuggestions").WithSummary("Computes suggestions for every enterprise (or one), in batches.")
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    private static IResult ToResult(ChainResult result, IStringLocalizer l, Func<ChainResult, IResult> ok) => result.Status switch
    {
        ChainStatus.Ok => ok(result),
        ChainStatus.NotFound => TypedResults.NotFound(),
        ChainStatus.Forbidden => TypedResults.Problem(l["Problem.403"], statusCode: StatusCodes.Status403Forbidden),
        _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["chain"] = [l[result.Error!]] }, title: l["Problem.400"]),
    };
}

/// <summary>The 招商 list as .xlsx: one row per gap or weak link.</summary>
public static class GapExport
{
    public static IReadOnlyList<string> Headers(IStringLocalizer l) =>
        [l["Chains.Export.Track"], l["Chains.Export.Link"], l["Chains.Export.Segment"], l["Chains.Export.Position"], l["Chains.Export.Kind"], l["Chains.Export.Enterprises"], l["Chains.Export.Why"], l["Chains.Export.FocusDistricts"]];

    public static IEnumerable<IReadOnlyList<string?>> Rows(IReadOnlyList<GapDto> gaps, IStringLocalizer l) => gaps.Select(g => (IReadOnlyList<string?>)
    [
        g.Track, g.Link, g.Parent, l["Chains.Position." + g.Position], l["Chains.Strength." + g.Strength],
        g.Enterprises.ToString(CultureInfo.InvariantCulture),
        g.Strength == LinkStrength.Gap ? l["Chains.Why.Gap"] : l["Chains.Why.Weak", g.Enterprises],
        string.Join("、", g.FocusDistricts),
    ]);

    public static async Task<IResult> FileAsync(IReadOnlyList<GapDto> gaps, IStringLocalizer l, CancellationToken ct)
    {
        var stream = new MemoryStream();
        await Registries.Files.TabularWriter.WriteXlsxAsync(stream, Headers(l), Rows(gaps, l), ct);
        stream.Position = 0;
        var track = gaps.FirstOrDefault()?.Track ?? "chain";
        return TypedResults.File(stream, Registries.RegistriesApi.Xlsx, $"{l["Chains.Export.FileName"]}-{track}-{DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx");
    }
}
