using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fip.Web.Features.Plans;

public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans").RequireAuthorization(Policies.SignedIn);

        plans.MapGet("/", (PlanQueries q, CancellationToken ct) => q.ListAsync(ct))
            .WithName("ListPlans").WithSummary("Plans loaded from policy documents, the current one first.");

        plans.MapGet("/current", async Task<Results<Ok<PlanDto>, NotFound>> (PlanQueries q, CancellationToken ct) =>
            await q.CurrentPlanIdAsync(ct) is { } id && await q.GetAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : TypedResults.NotFound())
            .WithName("GetCurrentPlan").WithSummary("The plan in force: tiers, tracks with focus districts, targets, programmes with their units, each with its source quote.");

        plans.MapGet("/{id:int}", async Task<Results<Ok<PlanDto>, NotFound>> (int id, PlanQueries q, CancellationToken ct) =>
            await q.GetAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : TypedResults.NotFound())
            .WithName("GetPlan");

        plans.MapGet("/{id:int}/document", async Task<Results<Ok<DocumentDto>, NotFound>> (int id, PlanQueries q, CancellationToken ct) =>
            await q.GetDocumentAsync(id, ct) is { } doc ? TypedResults.Ok(doc) : TypedResults.NotFound())
            .WithName("GetPlanDocument").WithSummary("The policy text verbatim, with the offsets of every quoted passage.");

        api.MapGet("/tracks/{id:int}", async Task<Results<Ok<TrackDto>, NotFound>> (int id, PlanQueries q, CancellationToken ct) =>
            await q.GetTrackAsync(id, ct) is { } track ? TypedResults.Ok(track) : TypedResults.NotFound())
            .WithTags("Plans").WithName("GetTrack").RequireAuthorization(Policies.SignedIn);

        api.MapGet("/programmes/{id:int}", async Task<Results<Ok<ProgrammeDto>, NotFound>> (int id, PlanQueries q, CancellationToken ct) =>
            await q.GetProgrammeAsync(id, ct) is { } programme ? TypedResults.Ok(programme) : TypedResults.NotFound())
            .WithTags("Plans").WithName("GetProgramme").RequireAuthorization(Policies.SignedIn);
        return api;
    }
}
