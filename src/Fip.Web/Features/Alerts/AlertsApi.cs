using Fip.Web.Features.Accounts;
using Fip.Web.Features.Goals;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Alerts;

public sealed record AlertDto(long Id, string Rule, string Severity, string Status, string Title, string Message, string? Link, string? Owner,
    DateTime RaisedAt, DateTime? AcknowledgedAt, string? AcknowledgedBy, DateTime? ResolvedAt, string? ResolvedBy, string? ResolutionNote, string Version, bool CanAct);
public sealed record AlertActionDto(string? Note, string? Version);

public static class AlertsApi
{
    public static AlertDto ToDto(Alert a, bool canAct) => new(a.Id, a.Rule, a.Severity.ToString(), a.Status.ToString(), Display.Name(a.Title, a.TitleEn),
        Display.Name(a.Message, a.MessageEn), a.Link, a.OwnerDepartment?.Name ?? a.OwnerDistrict?.Name, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy,
        a.ResolvedAt, a.ResolvedBy, a.ResolutionNote, a.Version, canAct);

    public static IResult Outcome(AlertChange change, Alert? alert, System.Security.Claims.ClaimsPrincipal user, IStringLocalizer l) => change switch
    {
        AlertChange.Done => Results.Ok(ToDto(alert!, AlertService.CanAct(user, alert!))),
        AlertChange.NotFound => Results.NotFound(),
        AlertChange.Forbidden => Results.Problem(l["Problem.403"], statusCode: StatusCodes.Status403Forbidden),
        AlertChange.Stale => Results.Problem(l["Error.Stale"], statusCode: StatusCodes.Status409Conflict),
        AlertChange.NoteRequired => Results.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [l["Alerts.NoteRequired"]] }, title: l["Problem.400"]),
        _ => Results.Problem(l["Alerts.InvalidState"], statusCode: StatusCodes.Status409Conflict),
    };

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");

        alerts.MapGet("/", async (AlertService service, HttpContext http, string? status, string? severity, string? page, string? pageSize, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (!Paging.TryRead(page, pageSize, 50, l, out var pageNumber, out var size, out var problem)) return problem;
                var q = service.VisibleTo(http.User);
                if (Enum.TryParse<AlertStatus>(status, out var st)) q = q.Where(a => a.Status == st);
                if (Enum.TryParse<AlertSeverity>(severity, out var sv)) q = q.Where(a => a.Severity == sv);
                var total = await q.CountAsync(ct);
                var items = await q.OrderBy(a => a.Status).ThenBy(a => a.Severity).ThenByDescending(a => a.RaisedAt)
                    .Skip((pageNumber - 1) * size).Take(size).ToListAsync(ct);
                return Results.Ok(new { total, items = items.Select(a => ToDto(a, AlertService.CanAct(http.User, a))) });
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("ListAlerts").WithSummary("The alerts the caller answers for (admins and leaders: all), open and most severe first.");

        alerts.MapPost("/{id:long}/acknowledge", async (long id, AlertActionDto? body, AlertService service, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var (result, alert) = await service.ChangeAsync(id, http.User, body?.Version, resolve: false, null, ct);
                return Outcome(result, alert, http.User, l);
            })
            .RequireAuthorization(Policies.Responsible)
            .WithName("AcknowledgeAlert").WithSummary("The owner (or an admin) acknowledges an open alert.");

        alerts.MapPost("/{id:long}/resolve", async (long id, AlertActionDto? body, AlertService service, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var (result, alert) = await service.ChangeAsync(id, http.User, body?.Version, resolve: true, body?.Note, ct);
                return Outcome(result, alert, http.User, l);
            })
            .RequireAuthorization(Policies.Responsible)
            .WithName("ResolveAlert").WithSummary("The owner (or an admin) resolves an alert with a note.");

        alerts.MapPost("/evaluate", async (GoalAlertRules rules, CancellationToken ct) => Results.Ok(new { raised = await rules.EvaluateAsync(ct) }))
            .RequireAuthorization(Policies.Admin)
            .WithName("EvaluateAlertRules").WithSummary("Runs the goal alert rules now (admins); the background job runs them hourly.");
        return api;
    }
}
