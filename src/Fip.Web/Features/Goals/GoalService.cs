using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>Where the history of an indicator comes from: monthly snapshots, or (until there are enough) the records' own dates.</summary>
public enum HistoryBasis
{
    Snapshots,
    Reconstructed,
}

/// <summary>An indicator as measured now, with its history; shared by every target that uses it.</summary>
public sealed record IndicatorReading(
    IndicatorDefinition Definition,
    IndicatorCriteria Criteria,
    int Value,
    int Pipeline,
    IReadOnlyList<SeriesPoint> History,
    HistoryBasis Basis);

/// <summary>One target of the plan with its live value, projection and status.</summary>
public sealed record GoalCard(
    int TargetId,
    string Indicator,
    string? IndicatorEn,
    int? Year,
    Comparator? Comparator,
    decimal? TargetValue,
    string Unit,
    string Quote,
    IndicatorReading? Reading,
    Projection? Projection,
    GoalStatus Status,
    int? CityValue = null,
    decimal? CityTarget = null,
    bool OwnTarget = false)
{
    /// <summary>Whether the value is one district's or track's contribution (status and projection stay the city's unless the
    /// district has its own target: <see cref="OwnTarget"/>).</summary>
    public bool IsSlice => CityValue is not null;
    public string Title => Display.Name(Indicator, IndicatorEn);
    public decimal? Value => Reading?.Value;
    /// <summary>Share of the target reached, 0–100, for progress bars; null without a number.</summary>
    public decimal? Percent => TargetValue is > 0
        && Reading is { } r ? Math.Min(100, Math.Round(r.Value * 100m / TargetValue.Value, 0)) : null;
}

/// <summary>Measures the targets of the plan in force, live from the registries.</summary>
public sealed class GoalService(FipDbContext db, IndicatorEngine engine, TimeProvider clock, KeptViews kept)
{
    public const int ReconstructedMonths = 24;

    /// <summary>Monthly snapshot points per indicator, read once per request for all the indicators shown.</summary>
    private Dictionary<int, List<SeriesPoint>>? _snapshots;

    public DateOnly Today => Display.Today(clock);

    /// <summary>
    /// <see cref="CardsAsync"/> kept in memory per registries and goals change stamps (both move on in the transaction of
    /// every write the cards read: records, chain links, plans, indicators, snapshots, units) and the day, so a kept list is
    /// never behind a write and a page costs one stamps query until something changes.
    /// </summary>
    public async Task<IReadOnlyList<GoalCard>> KeptCardsAsync(CancellationToken ct, int? district = null, int? track = null)
    {
        return await kept.GetOrCreateAsync(nameof(KeptCardsAsync), (Today, district, track), StampSet.Registries | StampSet.Goals,
            c => CardsAsync(c, district, track), ct);
    }

    public async Task<IReadOnlyList<GoalCard>> CardsAsync(CancellationToken ct, int? district = null, int? track = null)
    {
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (planId is null) return [];
        var targets = await db.Targets.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var definitions = await DefinitionsAsync(targets, ct);
        var readings = new Dictionary<int, IndicatorReading>();
        var cards = new List<GoalCard>();
        await LoadSnapshotsAsync([.. targets.Where(t => t.IndicatorId is not null).Select(t => t.IndicatorId!.Value).Distinct()], ct);
        foreach (var t in targets)
        {
            IndicatorReading? reading = null;
            if (t.IndicatorId is { } id && definitions.TryGetValue(id, out var def) && !readings.TryGetValue(def.Id, out reading))
                readings[def.Id] = reading = await ReadAsync(def, ct, district, track);
            cards.Add(Card(t, reading));
        }
        if (district is null && track is null) return cards;
        // A district's or track's share: the status and projection are the city's, the value is the slice's contribution; a
        // district with its own target (目标分解到板块) gets its own status, measured against its target with its own projection.
        var city = await CardsAsync(ct);
        var own = district is { } d && track is null
            ? await db.DistrictTargets.AsNoTracking().Where(s => s.DistrictId == d).ToDictionaryAsync(s => s.TargetId, s => s.Value, ct)
            : [];
        return [.. cards.Select(c =>
        {
            if (city.FirstOrDefault(x => x.TargetId == c.TargetId) is not { Reading: not null } whole) return c;
            if (own.TryGetValue(c.TargetId, out var share) && c is { Reading: { } r, Projection: { } p })
                return c with
                {
                    TargetValue = share,
                    Status = GoalMath.Status(c.Comparator, share, c.Year, r.Value, p.Projected, Today),
                    CityValue = whole.Reading.Value,
                    CityTarget = whole.TargetValue,
                    OwnTarget = true,
                };
            return c with { Status = whole.Status, Projection = whole.Projection, CityValue = whole.Reading.Value };
        })];
    }

    public async Task<GoalCard?> CardAsync(int targetId, CancellationToken ct, int? district = null, int? track = null)
    {
        var t = await db.Targets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == targetId, ct);
        if (t is null) return null;
        var definitions = await DefinitionsAsync([t], ct);
        return Card(t,
            t.IndicatorId is { } id && definitions.TryGetValue(id, out var def) ? await ReadAsync(def, ct, district, track) : null);
    }

    /// <summary>The indicators that measure the targets, with their owner departments (targets belong to the plan, indicators to the
    /// goals).</summary>
    private async Task<Dictionary<int, IndicatorDefinition>> DefinitionsAsync(IReadOnlyCollection<Target> targets, CancellationToken ct)
    {
        var ids = targets.Where(t => t.IndicatorId is not null).Select(t => t.IndicatorId!.Value).Distinct().ToList();
        return await db.Indicators
            .AsNoTracking()
            .Include(i => i.OwnerDepartment)
            .Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, ct);
    }

    private GoalCard Card(Target t, IndicatorReading? reading)
    {
        Projection? projection = null;
        var status = GoalStatus.NoTarget;
        if (reading is not null)
        {
            projection = GoalMath.Project(reading.Value, reading.History, reading.Pipeline, reading.Criteria.PipelineRate, Today, t.Year);
            status = GoalMath.Status(t.Comparator, t.Value, t.Year, reading.Value, projection.Projected, Today);
        }
        return new GoalCard(t.Id, t.Indicator, t.IndicatorEn, t.Year, t.Comparator, t.Value, t.Unit, t.Source.Text, reading, projection,
            status);
    }

    /// <summary>The value, pipeline and history of an indicator; with a district or track, the history is reconstructed for that
    /// slice.</summary>
    public async Task<IndicatorReading> ReadAsync(IndicatorDefinition def, CancellationToken ct, int? district = null, int? track = null)
    {
        var criteria = IndicatorCriteria.Parse(def.Criteria);
        var (value, pipeline, dated) = await CountsAsync(def, criteria, district, track, ct);
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        if (district is null && track is null)
        {
            if (_snapshots is null || !_snapshots.ContainsKey(def.Id)) await LoadSnapshotsAsync([def.Id], ct);
            var points = _snapshots![def.Id].Where(p => p.Month < thisMonth).ToList();
            if (points.Count >= 3)
            {
                points.Add(new SeriesPoint(thisMonth, value));
                return new IndicatorReading(def, criteria, value, pipeline, points, HistoryBasis.Snapshots);
            }
        }
        return new IndicatorReading(def, criteria, value, pipeline, Reconstruct(dated, value, thisMonth, ReconstructedMonths),
            HistoryBasis.Reconstructed);
    }

    /// <summary>The last snapshot of each month, per indicator, in one query.</summary>
    private async Task LoadSnapshotsAsync(IReadOnlyList<int> indicatorIds, CancellationToken ct)
    {
        _snapshots ??= [];
        var rows = await db.IndicatorSnapshots.AsNoTracking().Where(s => indicatorIds.Contains(s.IndicatorId))
            .OrderBy(s => s.Period).ThenBy(s => s.TakenAt).Select(s => new { s.IndicatorId, s.Period, s.Value }).ToListAsync(ct);
        foreach (var id in indicatorIds)
            _snapshots[id] =
                [.. rows.Where(r => r.IndicatorId == id).GroupBy(r => r.Period).Select(g => new SeriesPoint(g.Key, g.Last().Value))];
    }

    private sealed record Counts(int Value, int Pipeline, IReadOnlyList<DatedCount> Dated);

    /// <summary>
    /// The indicator's counts, computed in the database, and kept for as long as the registries' change stamp stays the same:
    /// every write to a registry moves the stamp on in its own transaction, so a kept figure is never behind the records.
    /// </summary>
    private async Task<Counts> CountsAsync(IndicatorDefinition def, IndicatorCriteria criteria, int? district, int? track,
        CancellationToken ct)
    {
        return await kept.GetOrCreateAsync(nameof(CountsAsync), (def.Id, def.Version, district, track), StampSet.Registries, async c =>
        {
            var counter = engine.For(def.Registry);
            var value = await counter.CountAsync(db, criteria.AnyOf, district, track, c);
            var pipeline = criteria.Pipeline.Count == 0 ? 0 : await counter.PipelineAsync(db, criteria, district, track, c);
            var dated = await counter.DatedAsync(db, criteria.AnyOf, district, track, c);
            return new Counts(value, pipeline, dated);
        }, ct);
    }

    /// <summary>
    /// Monthly values rebuilt from the months the counted records are dated in (approval, recognition, start): the value at a
    /// month is the undated records plus those dated up to its end. The current month shows the live value.
    /// </summary>
    public static IReadOnlyList<SeriesPoint> Reconstruct(IReadOnlyList<DatedCount> dated, int live, DateOnly thisMonth, int months)
    {
        if (dated.Count == 0) return [new SeriesPoint(thisMonth, live)];
        var points = new List<SeriesPoint>();
        for (var i = months - 1; i >= 1; i--)
        {
            var month = thisMonth.AddMonths(-i);
            var key = (month.Year * 12) + month.Month;
            var value = dated.Where(d => d.Year == 0 || (d.Year * 12) + d.Month <= key).Sum(d => d.Count);
            points.Add(new SeriesPoint(month, value));
        }
        points.Add(new SeriesPoint(thisMonth, live));
        return points;
    }
}
