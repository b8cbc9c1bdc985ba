using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>A registry's records added, changed and removed since the user's last visit.</summary>
public sealed record RegistryChange(string Registry, int Created, int Updated, int Deleted);

/// <summary>An indicator's value then (the last snapshot before the previous visit) and now.</summary>
public sealed record ValueChange(string Name, string? NameEn, decimal Before, decimal Now);

/// <summary>The leaders' home page in one round trip: goal cards, the open red and yellow alerts, what changed since the last
/// visit.</summary>
public sealed record LeaderHomeView(
    IReadOnlyList<GoalCard> Goals,
    IReadOnlyList<Alert> Alerts,
    int OpenAlerts,
    DateTime? PreviousVisit,
    int NewAlerts,
    IReadOnlyList<RegistryChange> Changes,
    IReadOnlyList<ValueChange> ValueChanges,
    PlanHomeDto? Plan);

public sealed class LeaderHome(FipDbContext db, GoalService goals, AlertService alerts, TimeProvider clock, KeptViews kept,
    PlanQueries plans, HomeVisitMemory visits)
{
    /// <summary>Visits closer together than this count as one, so reloading keeps "since your last visit".</summary>
    public static readonly TimeSpan VisitGap = TimeSpan.FromMinutes(30);

    /// <summary>The registries by the entity type their audit lines name.</summary>
    private static readonly Dictionary<string, string> RegistryOfEntity =
        RegistryCatalogue.All.ToDictionary(r => r.EntityType.Name, r => r.Name, StringComparer.Ordinal);

    /// <summary>
    /// The home page's figures, kept per change stamps: the registries stamp (records, and with them the registries' audit
    /// lines) and the goals stamp (plan, targets, indicators, snapshots, alerts, departments, districts) both move on in the
    /// transaction of any write the page reads, so a kept view is never behind. The key also holds the day (statuses and
    /// projections are dated), what alerts the user may see, and the previous visit the changes are counted from.
    /// </summary>
    public async Task<LeaderHomeView> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var previous = await RecordVisitAsync(user.UserId(), ct);
        var view = await kept.GetOrCreateAsync(nameof(LeaderHome),
            (goals.Today, user.Role(), user.DepartmentId(), user.DistrictId(), previous),
            StampSet.Registries | StampSet.Goals, c => ComputeAsync(user, previous, c), ct);
        alerts.RememberOpenCount(view.OpenAlerts); // the nav shows the same count
        return view;
    }

    private async Task<LeaderHomeView> ComputeAsync(ClaimsPrincipal user, DateTime? previous, CancellationToken ct)
    {
        var cards = await goals.CardsAsync(ct);
        // A district user's cards are the district's own: its value, and its own target where the task force split one.
        var shown = user.Role() == Roles.District && user.DistrictId() is { } own ? await goals.CardsAsync(ct, own) : cards;
        var visible = alerts.VisibleTo(user).Where(a => a.Status != AlertStatus.Resolved);
        var top = await visible.Where(a => a.Severity != AlertSeverity.Blue)
            .OrderBy(a => a.Severity)
            .ThenByDescending(a => a.RaisedAt)
            .Take(6)
            .ToListAsync(ct);
        var open = await alerts.OpenCountAsync(user, ct);
        var newAlerts = 0;
        var changes = new List<RegistryChange>();
        var values = new List<ValueChange>();
        if (previous is { } since)
        {
            newAlerts = await alerts.VisibleTo(user).CountAsync(a => a.RaisedAt > since, ct);
            var types = RegistryOfEntity.Keys.ToList();
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.At > since && types.Contains(a.EntityType))
                .GroupBy(a => new { a.EntityType, a.Action })
                .Select(g => new { g.Key.EntityType, g.Key.Action, Count = g.Count() })
                .ToListAsync(ct);
            // Enterprises an import created have their lines in its batches: counted there.
            var imported = await db.Set<Audit.AuditBatch>().AsNoTracking().Where(b => b.At > since && types.Contains(b.EntityType))
                .GroupBy(b => b.EntityType)
                .Select(g => new { EntityType = g.Key, Action = Audit.AuditActions.Create, Count = g.Sum(b => b.Records) })
                .ToListAsync(ct);
            rows.AddRange(imported);
            foreach (var type in types)
            {
                int Of(string action) => rows.Where(r => r.EntityType == type && r.Action == action).Sum(r => r.Count);
                var c = new RegistryChange(RegistryOfEntity[type], Of(Audit.AuditActions.Create), Of(Audit.AuditActions.Update),
                    Of(Audit.AuditActions.Delete));
                if (c.Created + c.Updated + c.Deleted > 0) changes.Add(c);
            }
            // Each indicator's last snapshot before the previous visit, all in one query.
            var readings = cards.Select(c => c.Reading).OfType<IndicatorReading>().DistinctBy(r => r.Definition.Id).ToList();
            var ids = readings.Select(r => r.Definition.Id).ToList();
            var before = await db.IndicatorSnapshots.AsNoTracking().Where(s => ids.Contains(s.IndicatorId) && s.TakenAt <= since)
                .GroupBy(s => s.IndicatorId)
                .Select(
                    g =>
                        new
                        {
                            Id = g.Key,
                            Value = g.OrderByDescending(s => s.TakenAt).ThenByDescending(s => s.Id).Select(s => s.Value).First()
                        })
                .ToDictionaryAsync(x => x.Id, x => x.Value, ct);
            foreach (var reading in readings)
            {
                if (!reading.NoData && before.TryGetValue(reading.Definition.Id, out var b) && b != reading.Value)
                    values.Add(new ValueChange(reading.Definition.Name, reading.Definition.NameEn, b, reading.Value));
            }
        }
        var plan = await plans.CurrentPlanIdAsync(ct) is { } planId ? await plans.HomeAsync(planId, ct) : null;
        return new LeaderHomeView(shown, top, open, previous, newAlerts, changes, values, plan);
    }

    /// <summary>Records this visit and returns the time of the one before (null on the first). A reload within a minute of the
    /// last recorded visit changes nothing, so it is answered from this node's memory of that visit without a query (see
    /// <see cref="HomeVisitMemory"/>).</summary>
    private async Task<DateTime?> RecordVisitAsync(string? userId, CancellationToken ct)
    {
        if (userId is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (visits.Recent(userId, now) is { } remembered) return remembered.PreviousAt;
        var visit = await db.HomeVisits.FirstOrDefaultAsync(v => v.UserId == userId, ct);
        if (visit is null)
        {
            visit = new HomeVisit { UserId = userId, LastAt = now };
            db.HomeVisits.Add(visit);
        }
        else if (now - visit.LastAt > VisitGap)
        {
            visit.PreviousAt = visit.LastAt;
            visit.LastAt = now;
        }
        else if (now - visit.LastAt > HomeVisitMemory.Fresh)
        {
            visit.LastAt = now; // extends the visit; written at most once a minute
        }
        else
        {
            visits.Remember(visit);
            return visit.PreviousAt;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            visits.Remember(visit);
        }
        catch (DbUpdateException)
        {
            // Two first visits at once: the other one recorded it.
        }
        return visit.PreviousAt;
    }
}

/// <summary>
/// Each user's last recorded home visit as this node last read or wrote it. Within <see cref="Fresh"/> of that visit a reload
/// writes nothing (see <see cref="LeaderHome"/>), and no node can have rolled the previous visit on since: that needs a gap of
/// <see cref="LeaderHome.VisitGap"/> after the last visit. So the remembered previous visit is the stored one, on every node.
/// One entry per user who opened the home page, a few hundred bytes each.
/// </summary>
public sealed class HomeVisitMemory
{
    /// <summary>How long a recorded visit answers reloads: the visit is extended in the database at most this often.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime LastAt, DateTime? PreviousAt)> _visits =
        new(StringComparer.Ordinal);

    /// <summary>The remembered visit when it is at most <see cref="Fresh"/> old at <paramref name="now"/>, else null.</summary>
    public (DateTime LastAt, DateTime? PreviousAt)? Recent(string userId, DateTime now) =>
        _visits.TryGetValue(userId, out var v) && now >= v.LastAt && now - v.LastAt <= Fresh ? v : null;

    public void Remember(HomeVisit visit) => _visits[visit.UserId] = (visit.LastAt, visit.PreviousAt);
}
