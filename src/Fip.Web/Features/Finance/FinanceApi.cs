using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Finance;

/// <summary>A fund or bank proposed for a need, with its reasons in the caller's language.</summary>
public sealed record NeedMatchDto(string Source, string Name, int? FundId, int Score, IReadOnlyList<string> Reasons);

/// <summary>A need's status and outcome after it was recorded.</summary>
public sealed record NeedOutcomeDto(int Id, string Status, int? InvestmentId, int? LoanId, decimal? Amount, DateOnly? On, string? Reason,
    string Version);

/// <summary>Financing needs beyond their registry (/api/v1/needs): the matches and the recorded outcome.</summary>
public static class FinanceApi
{
    public static RouteGroupBuilder MapFinanceApi(this RouteGroupBuilder api)
    {
        var needs = api.MapGroup("/needs").WithTags("Finance");
        needs.MapGet("/{id:int}/matches", MatchesAsync).RequireAuthorization(Policies.FinancingNeeds).ProducesNotFound()
            .WithName("GetFinancingNeedMatches")
            .WithSummary("Funds and banks for a financing need, best first, each with why it matches (track and stage rules); staff read " +
                "every need, an enterprise its own.");
        needs.MapPost("/{id:int}/outcome", OutcomeAsync).RequireAuthorization(Policies.DepartmentWrite).ProducesOutcomeProblems()
            .WithName("RecordFinancingNeedOutcome")
            .WithSummary("Records an open need's outcome (the finance office, admins): status funded with investmentId or loanId of the " +
                "same enterprise, or unmet with a reason; version in If-Match or the body.");
        return api;
    }

    public static async Task<Results<Ok<List<NeedMatchDto>>, ProblemHttpResult>> MatchesAsync(int id, FinancingNeedService service,
        FipDbContext db, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await service.FindAsync(id, user, ct) is not { } need) return ApiHttp.NotFound(l);
        var matches = await FinancingMatch.ForAsync(db, need, ct);
        return TypedResults.Ok(matches.Select(m => new NeedMatchDto(m.Source.ToString(), m.Name, m.FundId, m.Score,
            [.. m.Reasons.Select(r => r.In(l))])).ToList());
    }

    public static async Task<Results<Ok<NeedOutcomeDto>, ProblemHttpResult>> OutcomeAsync(int id, NeedOutcomeInput body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, FinancingNeedService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, HttpContext http, CancellationToken ct)
    {
        var outcome = await service.RecordOutcomeAsync(id, body, ifMatch, user, ct);
        if (outcome.Problem(l) is { } problem) return problem;
        var n = (await service.FindAsync(id, user, ct))!;
        http.SetETag(n.Version);
        return TypedResults.Ok(new NeedOutcomeDto(n.Id, n.Status.ToString(), n.InvestmentId, n.LoanId, n.OutcomeAmount, n.OutcomeOn,
            n.ClosedReason, n.Version));
    }
}
