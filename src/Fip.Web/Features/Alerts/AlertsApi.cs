using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Alerts;

public sealed record AlertDto(long Id, string Rule, string Severity, string Status, string Title, string Message, string? Link,
    string? Owner,
    DateTime RaisedAt, DateTime? AcknowledgedAt, string? AcknowledgedBy, DateTime? ResolvedAt, string? ResolvedBy, string? ResolutionNote,
    string Version, bool CanAct);
public sealed record AlertActionDto(string? Note, string? Version);
/// <summary>How many alerts a run of the rules raised.</summary>
public sealed record RaisedAlertsDto(int Raised);
public sealed record AlertPage(int Total, IReadOnlyList<AlertDto> Items);
/// <summary>Filters of the alert list: status (Open, Acknowledged, Resolved), severity (Red, Yellow, Blue), page (from 1), pageSize (1-200,
/// default 50).</summary>
public sealed record AlertFilter(string? Status, string? Severity, string? Page, string? PageSize);

/// <summary>预警 under /api/v1/alerts: the caller's alerts, acknowledge and resolve, and running the rules now.</summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");

        alerts.MapGet("/", ListAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListAlerts").WithSummary("The alerts the caller answers for (admins and leaders: all), open and most severe first.");
        alerts.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("AcknowledgeAlert")
            .WithSummary("The owner (or an admin) acknowledges an open alert. With a version (If-Match or \"version\"), a stale one gets " +
                "409.");
        alerts.MapPost("/{id:long}/resolve", ResolveAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("ResolveAlert").WithSummary("The owner (or an admin) resolves an alert with a note (422 without one).");
        alerts.MapPost("/evaluate", EvaluateAsync).RequireAuthorization(Policies.Admin)
            .WithName("EvaluateAlertRules")
            .WithSummary("Runs every feature's alert rules now (goals, supervision; admins); the background jobs run them hourly.");
        return api;
    }

    public static async Task<Results<Ok<AlertPage>, ValidationProblem>> ListAsync([AsParameters] AlertFilter filter, AlertService service,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!Paging.TryRead(filter.Page, filter.PageSize, 50, l, out var page, out var size, out var problem)) return problem;
        var q = service.VisibleTo(user);
        if (Enum.TryParse<AlertStatus>(filter.Status, out var st)) q = q.Where(a => a.Status == st);
        if (Enum.TryParse<AlertSeverity>(filter.Severity, out var sv)) q = q.Where(a => a.Severity == sv);
        var total = await q.CountAsync(ct);
        var items = await AlertService.BySeverityThenAge(q)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new AlertPage(total, [.. items.Select(a => ToDto(a, AlertService.CanAct(user, a)))]));
    }

    public static async Task<Results<Ok<AlertDto>, ProblemHttpResult>> AcknowledgeAsync(long id, AlertActionDto? body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, AlertService service, ClaimsPrincipal user, IStringLocalizer<SharedResource> l,
        CancellationToken ct) =>
        (await service.ChangeAsync(id, user, IfMatch.Version(ifMatch, body?.Version), resolve: false, null, ct)).ToHttp(l,
            a => TypedResults.Ok(ToDto(a, AlertService.CanAct(user, a))));

    public static async Task<Results<Ok<AlertDto>, ProblemHttpResult>> ResolveAsync(long id, AlertActionDto? body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, AlertService service, ClaimsPrincipal user, IStringLocalizer<SharedResource> l,
        CancellationToken ct) =>
        (await service.ChangeAsync(id, user, IfMatch.Version(ifMatch, body?.Version), resolve: true, body?.Note, ct)).ToHttp(l,
            a => TypedResults.Ok(ToDto(a, AlertService.CanAct(user, a))));

    public static async Task<Ok<RaisedAlertsDto>> EvaluateAsync(IEnumerable<IAlertRules> rules, CancellationToken ct)
    {
        var raised = 0;
        foreach (var set in rules) raised += await set.EvaluateAsync(ct);
        return TypedResults.Ok(new RaisedAlertsDto(raised));
    }

    public static AlertDto ToDto(Alert a, bool canAct) =>
        new(a.Id, a.Rule, a.Severity.ToString(), a.Status.ToString(), Display.Name(a.Title, a.TitleEn),
        Display.Name(a.Message, a.MessageEn), a.Link, a.OwnerDepartment?.Name ?? a.OwnerDistrict?.Name, a.RaisedAt, a.AcknowledgedAt,
        a.AcknowledgedBy,
        a.ResolvedAt, a.ResolvedBy, a.ResolutionNote, a.Version, canAct);
}
