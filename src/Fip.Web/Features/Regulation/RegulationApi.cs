using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Regulation;

public sealed record MeasureDto(long Id, string Kind, string Subject, string SubjectName, string Enterprise, string EnterpriseUscc,
    string Department, string? Track, string LegalBasis, string Scope, DateOnly StartOn, DateOnly EndOn, string Conditions, string Risks,
    string Outcome, string? OutcomeReason, DateOnly? PreviousEndOn, string Version);

public sealed record NoticeDto(long Id, string Kind, string State, long? MeasureId, string Enterprise, string Department, string Findings,
    string Advice, DateOnly? ReplyBy, string? SignalRule, DateTime? SentAt, string? Reply, DateTime? RepliedAt, string? FollowUp,
    DateTime? ClosedAt, string Version);

/// <summary>Flexible regulation under /api/v1/regulation: the measures and notices the caller sees; a department grants a
/// measure.</summary>
public static class RegulationApi
{
    public static RouteGroupBuilder MapRegulationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/regulation").WithTags("Regulation");
        g.MapGet("/measures", ListMeasuresAsync).RequireAuthorization(Policies.SignedIn).WithName("ListMeasures")
            .WithSummary("观察期 and 包容期 the caller sees: the granting department, the enterprise's district, the enterprise, " +
                "leaders, admins.");
        g.MapPost("/measures", GrantAsync).RequireAuthorization(Policies.Regulator).ProducesOutcomeProblems().WithName("GrantMeasure")
            .WithSummary("A department grants a 观察期 or 包容期 (422 when the end precedes the start or a required field is missing).");
        g.MapGet("/notices", ListNoticesAsync).RequireAuthorization(Policies.SignedIn).WithName("ListNotices")
            .WithSummary("提示 and 行政指导 the caller sees (an enterprise: those sent to it).");
        return api;
    }

    public static async Task<Ok<List<MeasureDto>>> ListMeasuresAsync(RegulationService service, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok((await service.MeasuresAsync(user, ct)).Select(ToDto).ToList());

    public static async Task<Results<Created<MeasureDto>, ProblemHttpResult>> GrantAsync(MeasureInput input, RegulationService service,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var outcome = await service.GrantAsync(input, user, ct);
        if (!outcome.IsOk) return outcome.Status.AsProblem(l);
        var m = (await service.MeasureAsync(outcome.Value!.Id, user, ct))!;
        return TypedResults.Created($"/Regulation/Measure/{m.Id}", ToDto(m));
    }

    public static async Task<Ok<List<NoticeDto>>> ListNoticesAsync(RegulationService service, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await service.NoticesAsync(user, null, ct)).Select(n => new NoticeDto(n.Id, n.Kind.ToString(), n.State.ToString(),
            n.MeasureId, n.Enterprise.Name, n.Department.Name, n.Findings, n.Advice, n.ReplyBy, n.SignalRule, n.SentAt, n.Reply,
            n.RepliedAt,
            n.FollowUp, n.ClosedAt, n.Version)).ToList());

    private static MeasureDto ToDto(RegulatoryMeasure m) => new(m.Id, m.Kind.ToString(), m.Subject.ToString(), m.SubjectName,
        m.Enterprise.Name, m.EnterpriseUscc, m.Department.Name, m.Track?.Name, m.LegalBasis, m.Scope, m.StartOn, m.EndOn, m.Conditions,
        m.Risks, m.Outcome.ToString(), m.OutcomeReason, m.PreviousEndOn, m.Version);
}
