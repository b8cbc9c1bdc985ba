using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Plans;

/// <summary>规划 under /api/v1/plans, /api/v1/tracks and /api/v1/programmes: the plans and their parts, each with its source quote.</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans").RequireAuthorization(Policies.SignedIn);
        plans.MapGet("/", ListAsync)
            .WithName("ListPlans").WithSummary("Plans loaded from policy documents, the current one first.");
        plans.MapGet("/current", GetCurrentAsync).ProducesNotFound()
            .WithName("GetCurrentPlan")
            .WithSummary("The plan in force: tiers, tracks with focus districts, targets, programmes with their units, each with its " +
                "source quote.");
        plans.MapGet("/{id:int}", GetAsync).ProducesNotFound()
            .WithName("GetPlan");
        plans.MapGet("/{id:int}/document", GetDocumentAsync).ProducesNotFound()
            .WithName("GetPlanDocument").WithSummary("The policy text verbatim, with the offsets of every quoted passage.");
        api.MapGet("/tracks/{id:int}", GetTrackAsync).ProducesNotFound().RequireAuthorization(Policies.SignedIn)
            .WithTags("Plans").WithName("GetTrack");
        api.MapGet("/programmes/{id:int}", GetProgrammeAsync).ProducesNotFound().RequireAuthorization(Policies.SignedIn)
            .WithTags("Plans").WithName("GetProgramme");
        return api;
    }

    public static async Task<Ok<List<PlanSummaryDto>>> ListAsync(PlanQueries q, CancellationToken ct) =>
        TypedResults.Ok(await q.ListAsync(ct));

    public static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> GetCurrentAsync(PlanQueries q, IStringLocalizer<SharedResource> l,
        CancellationToken ct) =>
        await q.CurrentPlanIdAsync(ct) is { } id && await q.GetAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> GetAsync(int id, PlanQueries q, IStringLocalizer<SharedResource> l,
        CancellationToken ct) =>
        await q.GetAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetDocumentAsync(int id, PlanQueries q,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await q.GetDocumentAsync(id, ct) is { } doc ? TypedResults.Ok(doc) : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<TrackDto>, ProblemHttpResult>> GetTrackAsync(int id, PlanQueries q,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await q.GetTrackAsync(id, ct) is { } track ? TypedResults.Ok(track) : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<ProgrammeDto>, ProblemHttpResult>> GetProgrammeAsync(int id, PlanQueries q,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await q.GetProgrammeAsync(id, ct) is { } programme ? TypedResults.Ok(programme) : ApiHttp.NotFound(l);
}
