using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Talent;

/// <summary>人才跟踪培养 under /api/v1/talent: a young talent's follow-up plan and its yearly check-ins.</summary>
public static class FollowUpApi
{
    public static RouteGroupBuilder MapFollowUpApi(this RouteGroupBuilder api)
    {
        var talent = api.MapGroup("/talent").WithTags("Talent");
        talent.MapGet("/people/{talentId:int}/plan", GetAsync).RequireAuthorization(Policies.Staff).ProducesNotFound()
            .WithName("GetTalentPlan")
            .WithSummary("A young talent's follow-up plan with each plan year's check-in and state (Upcoming, Due, Overdue, Filed, " +
                "Waived) and the outcomes counted; its texts masked without the talent scope, each unmasked read audited.");
        talent.MapPut("/people/{talentId:int}/plan", SaveAsync).RequireAuthorization(Policies.DepartmentWrite).ProducesOutcomeProblems()
            .WithName("SaveTalentPlan")
            .WithSummary("Creates or changes a 青年科技人才's follow-up plan (the talent office, admins): unitDepartmentId or " +
                "unitDistrictId, startsOn, endsOn (at most 10 years), goals; closedOn and closedReason close it early; a change " +
                "needs the version in If-Match or the body.");
        talent.MapPost("/plans/{planId:int}/checkins", CheckInAsync).RequireAuthorization(Policies.Responsible)
            .ProducesOutcomeProblems()
            .WithName("FileTalentCheckIn")
            .WithSummary("Files a plan year's check-in (the following unit, the talent office, admins) while it is due or overdue: " +
                "planYear, checkedOn, progress, projects, papers, titles, recognitions, employerChange; the plan's version in " +
                "If-Match or the body.");
        return api;
    }

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> GetAsync(int talentId, FollowUpService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, HttpContext http, CancellationToken ct)
    {
        if (await service.FindTalentAsync(talentId, user, ct) is not { } talent
            || await service.ViewAsync(talent, user, "api", ct) is not { } plan)
            return ApiHttp.NotFound(l);
        http.SetETag(plan.Version);
        return TypedResults.Ok(plan);
    }

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> SaveAsync(int talentId, PlanInput body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, FollowUpService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, HttpContext http, CancellationToken ct)
    {
        var outcome = await service.SaveAsync(talentId, body, ifMatch, user, ct);
        if (outcome.Problem(l) is { } problem) return problem;
        return await GetAsync(talentId, service, user, l, http, ct);
    }

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> CheckInAsync(int planId, CheckInInput body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, FollowUpService service, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, HttpContext http, CancellationToken ct)
    {
        var outcome = await service.CheckInAsync(planId, body, ifMatch, user, ct);
        if (outcome.Problem(l) is { } problem) return problem;
        return await GetAsync(outcome.Value, service, user, l, http, ct);
    }
}
