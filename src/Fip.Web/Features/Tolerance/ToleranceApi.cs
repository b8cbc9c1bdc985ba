using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Tolerance;

public sealed record CaseSummaryDto(long Id, string Unit, string Project, DateOnly AppliedOn, string Decision, DateTime? DecidedAt);
public sealed record FindingDto(string Condition, string Evidence, bool? Met, string? Note, string? FoundBy);
public sealed record CaseDto(long Id, string Unit, string People, string Project, string Expected, string Actual, decimal? Loss,
    DateOnly AppliedOn, string Decision, string? DecisionReasons, DateTime? DecidedAt, bool Publish, bool PublishUnit,
    IReadOnlyList<FindingDto> Findings, string Version);

/// <summary>容错 cases under /api/v1/tolerance: the 容错 reviewers and the task force only; every read of a case is audited.</summary>
public static class ToleranceApi
{
    public static RouteGroupBuilder MapToleranceApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tolerance").WithTags("Tolerance");
        g.MapGet("/cases", ListAsync).RequireAuthorization(Policies.Tolerance).WithName("ListToleranceCases")
            .WithSummary("容错 cases (reviewers and the task force only), newest application first.");
        g.MapGet("/cases/{id:long}", GetAsync).RequireAuthorization(Policies.Tolerance).WithName("GetToleranceCase")
            .WithSummary("One 容错 case with its findings; the read is written to the audit log.");
        return api;
    }

    public static async Task<Ok<List<CaseSummaryDto>>> ListAsync(ToleranceService service, CancellationToken ct) =>
        TypedResults.Ok((await service.ListAsync(ct)).Select(c => new CaseSummaryDto(c.Id, c.Unit, c.Project, c.AppliedOn,
            c.Decision.ToString(), c.DecidedAt)).ToList());

    public static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> GetAsync(long id, ToleranceService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await service.ReadAsync(id, user, ct) is not { } c) return ApiHttp.NotFound(l);
        return TypedResults.Ok(new CaseDto(c.Id, c.Unit, c.People, c.Project, c.Expected, c.Actual, c.Loss, c.AppliedOn,
            c.Decision.ToString(), c.DecisionReasons, c.DecidedAt, c.Publish, c.PublishUnit,
            [.. c.Findings.Select(f => new FindingDto(f.Condition.ToString(), f.Evidence, f.Met, f.Note, f.FoundBy))], c.Version));
    }
}
