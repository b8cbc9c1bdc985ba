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

/// <summary>
/// An indicator as measured now, with its history; shared by every target that uses it. <see cref="Value"/> is a count of records
/// or, for a measure, their sum or average (<see cref="Records"/> is then how many records are behind it); an average of no
/// values is <see cref="NoData"/> (无数据), never 0.
/// </summary>
public sealed record IndicatorReading(
    IndicatorDefinition Definition,
    IndicatorCriteria Criteria,
    decimal Value,
    decimal Pipeline,
    IReadOnlyList<SeriesPoint> History,
    HistoryBasis Basis,
    int Records,
    bool NoData = false)
{
    /// <summary>Whether the value is a sum or an average of a field rather than a count of records.</summary>
    public bool IsMeasure => Criteria.Measure is not null;
}

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
    decimal? CityValue = null,
    decimal? CityTarget = null,
    bool OwnTarget = false)
{
    /// <summary>Whether the value is one district's or track's contribution (status and projection stay the city's unless the
    /// district has its own target: <see cref="OwnTarget"/>).</summary>
    public bool IsSlice => CityValue is not null;
    /// <summary>A slice without a target of its own: the target and status shown are the city's and are labelled so (a district's
    /// 0 beside "≥ 3 个 已达成" read as its own target met).</summary>
    public bool CityTargetOnly => IsSlice && !OwnTarget;
    public string Title => Display.Name(Indicator, IndicatorEn);
    /// <summary>Met before its target year, the year still to come (a projection runs 12 months or more): said as 提前达成 rather
    /// than 已达成, so that a 2030 goal reached in 2026 does not read as a finished programme.</summary>
    public bool MetEarly => Status == GoalStatus.Met && Year is not null && Projection is { MonthsLeft: >= 12 };
    /// <summary>The resource key of the status as shown (<see cref="MetEarly"/> has its own words).</summary>
    public string StatusKey => MetEarly ? "Goals.Status.MetEarly" : "Goals.Status." + Status;
    /// <summary>The live value; null without an indicator or without data (an average of no values).</summary>
    public decimal? Value => Reading is { NoData: false } r ? r.Value : null;
    /// <summary>Share of the target reached, 0–100, for progress bars; null without a number.</summary>
    public decimal? Percent => !CityTargetOnly && TargetValue is > 0
        && Value is { } v ? Math.Min(100, Math.Round(v * 100m / TargetValue.Value, 0)) : null;
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

    /// <summary>
    /// The indicators that measure no target of the plan in force (finance and support figures, indicators kept for monitoring),
    /// measured live for the district or track; kept like <see cref="KeptCardsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorReading>> KeptOtherReadingsAsync(CancellationToken ct, int? district = null,
        int? track = null)
    {
        return await kept.GetOrCreateAsync(nameof(KeptOtherReadingsAsync), (Today, district, track), StampSet.Registries | StampSet.Goals,
            async c =>
            {
                var defs = await db.Indicators.AsNoTracking().Include(i => i.OwnerDepartment)
                    .Where(i => !db.Targets.Any(t => t.IndicatorId == i.Id && db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId)))
                    .OrderBy(i => i.Id).ToListAsync(c);
                var list = new List<IndicatorReading>();
                foreach (var def in defs) list.Add(await ReadAsync(def, c, district, track));
                return (IReadOnlyList<IndicatorReading>)list;
            }, ct);
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
        if (reading is { NoData: false })
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
        var (figure, pipeline, dated, average) = await CountsAsync(def, criteria, district, track, ct);
        var value = figure.Value;
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        if (district is null && track is null)
        {
            if (_snapshots is null || !_snapshots.ContainsKey(def.Id)) await LoadSnapshotsAsync([def.Id], ct);
            var points = _snapshots![def.Id].Where(p => p.Month < thisMonth).ToList();
            if (points.Count >= 3)
            {
                if (!figure.NoData) points.Add(new SeriesPoint(thisMonth, value));
                return new IndicatorReading(def, criteria, value, pipeline, points, HistoryBasis.Snapshots, figure.Records, figure.NoData);
            }
        }
        var history = Reconstruct(dated, figure.NoData ? null : value, thisMonth, ReconstructedMonths, average);
        return new IndicatorReading(def, criteria, value, pipeline, history, HistoryBasis.Reconstructed, figure.Records, figure.NoData);
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

    private sealed record Counts(IndicatorFigure Figure, decimal Pipeline, IReadOnlyList<DatedCount> Dated, bool Average);

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
            var value = await counter.MeasureAsync(db, criteria, district, track, c);
            var pipeline = criteria.Pipeline.Count == 0 ? 0 : await counter.PipelineAsync(db, criteria, district, track, c);
            var dated = await counter.DatedAsync(db, criteria, district, track, c);
            return new Counts(value, pipeline, dated, counter.AggregateOf(criteria) == Registries.MeasureAggregate.Average);
        }, ct);
    }

    /// <summary>
    /// Monthly values rebuilt from the months the counted records are dated in (approval, recognition, start): the value at a
    /// month is the undated records plus those dated up to its end (for a sum, their total; for an <paramref name="average"/>,
    /// their mean, and no point for a month before the first value). The current month shows the live value (null: no data).
    /// </summary>
    public static IReadOnlyList<SeriesPoint> Reconstruct(IReadOnlyList<DatedCount> dated, decimal? live, DateOnly thisMonth, int months,
        bool average = false)
    {
        var points = new List<SeriesPoint>();
        for (var i = months - 1; i >= 1 && dated.Count > 0; i--)
        {
            var month = thisMonth.AddMonths(-i);
            var key = (month.Year * 12) + month.Month;
            var upTo = dated.Where(d => d.Year == 0 || (d.Year * 12) + d.Month <= key).ToList();
            var count = upTo.Sum(d => d.Count);
            if (!average) points.Add(new SeriesPoint(month, upTo.Sum(d => d.Sum)));
            else if (count > 0)
                points.Add(new SeriesPoint(month, Math.Round(upTo.Sum(d => d.Sum) / count, 4, MidpointRounding.AwayFromZero)));
        }
        if (live is { } now) points.Add(new SeriesPoint(thisMonth, now));
        return points;
    }
}
