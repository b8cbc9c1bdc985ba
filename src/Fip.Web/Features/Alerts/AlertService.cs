using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Alerts;

/// <summary>What a rule wants raised; the same key raised again while the first is unresolved changes nothing.</summary>
public sealed record AlertRequest(
    string Rule,
    string DedupKey,
    AlertSeverity Severity,
    string Title,
    string? TitleEn,
    string Message,
    string? MessageEn,
    string? Link,
    int? OwnerDepartmentId,
    int? OwnerDistrictId);

/// <summary>Raises alerts (once per key), queues them for the robots, and moves them through open → acknowledged → resolved.</summary>
/// <summary>
/// A set of alert rules a feature declares (<c>services.AddAlertRules&lt;T&gt;()</c>): evaluating them raises the alerts whose
/// conditions hold and resolves the ones that cleared. <c>POST /api/v1/alerts/evaluate</c> runs every set now.
/// </summary>
public interface IAlertRules
{
    /// <summary>Evaluates the rules; returns how many alerts were raised.</summary>
    Task<int> EvaluateAsync(CancellationToken ct);
}

public static class AlertRuleServices
{
    public static IServiceCollection AddAlertRules<T>(this IServiceCollection services) where T : class, IAlertRules
    {
        services.AddScoped<T>();
        services.AddScoped<IAlertRules>(sp => sp.GetRequiredService<T>());
        return services;
    }
}

/// <summary>
/// Whether an alert may be resolved by a person now: a feature that raises alerts about work still owed (a report not filed) refuses
/// to let the alert be closed with a note until the work is done. Returns the message key of the refusal, or null.
/// </summary>
public interface IAlertResolutionCheck
{
    Task<string?> RefusalAsync(Alert alert, CancellationToken ct);
}

public sealed class AlertService(
    FipDbContext db, Messenger messenger, TimeProvider clock, IEnumerable<IAlertResolutionCheck> checks, ILogger<AlertService> log)
{
    /// <summary>Most severe first (red, yellow, blue: the stored names do not sort so), then the oldest; resolved ones last.</summary>
    public static IOrderedQueryable<Alert> BySeverityThenAge(IQueryable<Alert> q) =>
        q.OrderBy(a => a.Status == AlertStatus.Resolved ? 1 : 0)
            .ThenBy(a => a.Severity == AlertSeverity.Red ? 0 : a.Severity == AlertSeverity.Yellow ? 1 : 2)
            .ThenBy(a => a.RaisedAt).ThenBy(a => a.Id);

    /// <summary>After a person resolves an alert, the same condition is not raised again for this long.</summary>
    public static readonly TimeSpan QuietAfterResolution = TimeSpan.FromDays(30);

    /// <summary>
    /// Raises the alert unless one with its key is unresolved, or a person resolved one within <see cref="QuietAfterResolution"/>;
    /// returns the new alert or null. Several nodes (or the hourly job and an admin's evaluation) may raise the same key at
    /// once: the unique index over the unresolved alerts' keys keeps the first, and the others get null as if they had
    /// found it (with its robot messages, which are saved with it or not at all).
    /// </summary>
    public async Task<Alert?> RaiseAsync(AlertRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var quietSince = now - QuietAfterResolution;
        if (await db.Alerts.AnyAsync(a => a.DedupKey == request.DedupKey
                && (a.Status != AlertStatus.Resolved || (a.ResolvedBy != SystemUser && a.ResolvedAt > quietSince)), ct)) return null;
        var alert = new Alert
        {
            Rule = request.Rule,
            DedupKey = request.DedupKey,
            Severity = request.Severity,
            Status = AlertStatus.Open,
            Title = request.Title,
            TitleEn = request.TitleEn,
            Message = request.Message,
            MessageEn = request.MessageEn,
            Link = request.Link,
            OwnerDepartmentId = request.OwnerDepartmentId,
            OwnerDistrictId = request.OwnerDistrictId,
            RaisedAt = now,
        };
        db.Alerts.Add(alert);
        // Queue for every enabled robot that takes this severity (Red < Yellow < Blue: lower is more severe).
        foreach (var channel in await db.RobotChannels.Where(c => c.Enabled).ToListAsync(ct))
            if (alert.Severity <= channel.MinimumSeverity)
                db.AlertDeliveries.Add(
                    new AlertDelivery { Alert = alert, ChannelId = channel.Id, Status = DeliveryStatus.Pending, NextAttemptAt = now });
        // The owner's users get a message in the same save: no alert, no message.
        await messenger.NotifyAsync(new MessageEvent("alert:" + alert.Version,
            request.Rule.EndsWith("-due", StringComparison.Ordinal) || request.DedupKey.EndsWith(":due", StringComparison.Ordinal)
                ? MessageKind.DeadlineNear : MessageKind.AlertRaised,
            alert.Title, alert.TitleEn, alert.Message, alert.MessageEn, alert.Link ?? "/Alerts"),
            Recipients.Unit(alert.OwnerDepartmentId, alert.OwnerDistrictId), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ForgetAdded();
            log.LogInformation("Alert {Key} was raised at the same moment elsewhere; kept once", request.DedupKey);
            return null;
        }
        FipMetrics.AlertRaised(alert.Severity.ToString().ToLowerInvariant());
        return alert;
    }

    public const string SystemUser = "system";

    /// <summary>
    /// Resolves, as the system, the unresolved alerts of a key whose condition has cleared. When another node (or a person)
    /// changed one of them meanwhile, the alerts are read again and the clearing tried once more: what is resolved by then
    /// is left as it is.
    /// </summary>
    public async Task<int> ClearAsync(string dedupKey, string note, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var open = await db.Alerts.Where(a => a.DedupKey == dedupKey && a.Status != AlertStatus.Resolved).ToListAsync(ct);
            if (open.Count == 0) return 0;
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var a in open)
            {
                a.Status = AlertStatus.Resolved; a.ResolvedAt = now; a.ResolvedBy = SystemUser; a.ResolutionNote = note;
                a.Version = RecordVersions.New();
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return open.Count;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                foreach (var a in open) db.Entry(a).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The alerts a user answers for (admins and leaders: all), newest and most severe first.</summary>
    public IQueryable<Alert> VisibleTo(ClaimsPrincipal user)
    {
        var q = db.Alerts.AsNoTracking().Include(a => a.OwnerDepartment).Include(a => a.OwnerDistrict).AsQueryable();
        return user.Role() switch
        {
            Roles.Admin or Roles.Leader => q,
            Roles.Department => user.DepartmentId() is { } d ? q.Where(a => a.OwnerDepartmentId == d) : q.Where(a => false),
            Roles.District => user.DistrictId() is { } d ? q.Where(a => a.OwnerDistrictId == d) : q.Where(a => false),
            _ => q.Where(a => false),
        };
    }

    /// <summary>How many unresolved alerts the user answers for.</summary>
    /// <remarks>Counted here; the navigation keeps it per goals stamp (<see cref="Inbox.NavigationCounts"/>): on SQLite keeping it
    /// saved nothing measurable at 100,000 enterprises (docs/benchmarks.md, kept views), on PostgreSQL it is a round trip a page.</remarks>
    public async Task<int> OpenCountAsync(ClaimsPrincipal user, CancellationToken ct) =>
        _openCount ??= await VisibleTo(user).CountAsync(a => a.Status != AlertStatus.Resolved, ct);

    /// <summary>Counted once per request: the nav and the home page both show it.</summary>
    private int? _openCount;

    /// <summary>A count of this user's open alerts read under the current goals stamp (the home page's kept view), for the nav.</summary>
    public void RememberOpenCount(int count) => _openCount = count;

    /// <summary>The count if this request has read it already.</summary>
    public int? KnownOpenCount => _openCount;

    /// <summary>Only the owner (or an admin) acknowledges and resolves; a stale version is refused.</summary>
    public async Task<Outcome<Alert>> ChangeAsync(long id, ClaimsPrincipal user, string? version, bool resolve, string? note,
        CancellationToken ct)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null || !await VisibleTo(user).AnyAsync(a => a.Id == id, ct)) return Outcome.NotFound;
        if (!CanAct(user, alert)) return Outcome.Forbidden;
        if (version is not null && version != alert.Version) return Outcome.Stale;
        var now = clock.GetUtcNow().UtcDateTime;
        var who = user.Identity?.Name ?? "?";
        if (resolve)
        {
            if (alert.Status == AlertStatus.Resolved) return Outcome.Conflict("Alerts.InvalidState");
            if (string.IsNullOrWhiteSpace(note)) return Outcome.Invalid("note", "Alerts.NoteRequired");
            foreach (var check in checks)
                if (await check.RefusalAsync(alert, ct) is { } refusal) return Outcome.Invalid("note", refusal);
            alert.Status = AlertStatus.Resolved; alert.ResolvedAt = now; alert.ResolvedBy = who; alert.ResolutionNote = note.Trim();
            if (alert.AcknowledgedAt is null) { alert.AcknowledgedAt = now; alert.AcknowledgedBy = who; }
        }
        else
        {
            if (alert.Status != AlertStatus.Open) return Outcome.Conflict("Alerts.InvalidState");
            alert.Status = AlertStatus.Acknowledged; alert.AcknowledgedAt = now; alert.AcknowledgedBy = who;
        }
        alert.Version = RecordVersions.New();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale;
        }
        return Outcome.Ok(alert);
    }

    public static bool CanAct(ClaimsPrincipal user, Alert alert) => user.Role() switch
    {
        Roles.Admin => true,
        Roles.Department => alert.OwnerDepartmentId is { } d && user.DepartmentId() == d,
        Roles.District => alert.OwnerDistrictId is { } d && user.DistrictId() == d,
        _ => false,
    };
}
