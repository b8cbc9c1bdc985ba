using System.Linq.Expressions;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>An indicator's figure in a district (null: records without one).</summary>
public sealed record DistrictCount(int? DistrictId, decimal Count);

/// <summary>
/// The counted records dated in a month (Year 0: undated records, which count from the beginning): how many, and the total of the
/// measure (for a count, the number of records again). For a measure, <see cref="Count"/> is the records that have a value.
/// </summary>
public sealed record DatedCount(int Year, int Month, int Count, decimal Sum)
{
    public DatedCount(int year, int month, int count) : this(year, month, count, count)
    {
    }
}

/// <summary>
/// What an indicator measures now: the figure, the records behind it (the drill-down lists them) and, for an average,
/// whether any record has a value at all (none: 无数据, never 0).
/// </summary>
public sealed record IndicatorFigure(decimal Value, int Records, bool NoData = false)
{
    /// <summary>Combines the measure values of the counted records (null: the record has no value).</summary>
    public static IndicatorFigure Of(MeasureAggregate aggregate, IReadOnlyCollection<decimal?> values)
    {
        var set = values.OfType<decimal>().ToList();
        return aggregate switch
        {
            MeasureAggregate.Average when set.Count == 0 => new(0, values.Count, NoData: true),
            MeasureAggregate.Average => new(Math.Round(set.Average(), 4, MidpointRounding.AwayFromZero), values.Count),
            _ => new(set.Sum(), values.Count),
        };
    }
}

/// <summary>Measures an indicator's records in the database: the value, the pipeline, breakdowns and dated figures.</summary>
public interface IIndicatorCounter
{
    Task<IndicatorFigure> MeasureAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track, CancellationToken ct);
    /// <summary>Records meeting the pipeline groups that are not counted already (their count, or their measure's sum).</summary>
    Task<decimal> PipelineAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track, CancellationToken ct);
    Task<IReadOnlyList<DistrictCount>> ByDistrictAsync(FipDbContext db, IndicatorCriteria criteria, int? track, CancellationToken ct);
    Task<IReadOnlyList<DatedCount>> DatedAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track,
        CancellationToken ct);
    /// <summary>How the measure of the criteria combines values; null for a count of records.</summary>
    MeasureAggregate? AggregateOf(IndicatorCriteria criteria);
}

public sealed class IndicatorCounter<T>(Registry<T> registry) : IIndicatorCounter
    where T : RegistryRecord, Accounts.IScopedResource, new()
{
    /// <summary>A counted record's district, date and measured value, read in one query and combined in memory (SQLite cannot sum
    /// decimals).</summary>
    private sealed class Row
    {
        public int? District { get; set; }
        public DateOnly? Date { get; set; }
        public decimal? Value { get; set; }
    }

    private IQueryable<T> Base(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups, IndicatorCriteria criteria,
        int? district, int? track)
    {
        var q = registry.Filter(db.Set<T>().Where(r => !r.IsDeleted), new RegistryFilter { District = district, Track = track });
        if (registry.Criteria.DatedWithin(criteria.From, criteria.To) is { } within) q = q.Where(within);
        // No groups at all means nothing is counted (an indicator must say what it counts).
        return registry.Criteria.Predicate(groups) is { } predicate ? q.Where(predicate) : q.Where(r => false);
    }

    private RegistryMeasure<T>? MeasureOf(IndicatorCriteria criteria) => criteria.Measure is not { } key
        ? null
        : registry.Criteria.TypedMeasures.FirstOrDefault(m => m.Key == key)
            ?? throw new InvalidOperationException($"No measure {key} in {registry.Name}.");

    public MeasureAggregate? AggregateOf(IndicatorCriteria criteria) => MeasureOf(criteria)?.Aggregate;

    private Task<List<Row>> RowsAsync(IQueryable<T> q, RegistryMeasure<T> measure, CancellationToken ct)
    {
        var p = Expression.Parameter(typeof(T), "r");
        Expression Body<TValue>(Expression<Func<T, TValue>>? e) =>
            e is null ? Expression.Constant(null, typeof(TValue)) : new Rebind(e.Parameters[0], p).Visit(e.Body);
        var init = Expression.MemberInit(Expression.New(typeof(Row)),
            Expression.Bind(typeof(Row).GetProperty(nameof(Row.District))!, Body(registry.DistrictOf)),
            Expression.Bind(typeof(Row).GetProperty(nameof(Row.Date))!, Body(registry.Criteria.DatedBy)),
            Expression.Bind(typeof(Row).GetProperty(nameof(Row.Value))!, Body(measure.Value)));
        return q.Select(Expression.Lambda<Func<T, Row>>(init, p)).ToListAsync(ct);
    }

    public async Task<IndicatorFigure> MeasureAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track,
        CancellationToken ct)
    {
        var q = Base(db, criteria.AnyOf, criteria, district, track);
        if (MeasureOf(criteria) is not { } measure)
        {
            var count = await q.CountAsync(ct);
            return new IndicatorFigure(count, count);
        }
        return IndicatorFigure.Of(measure.Aggregate, [.. (await RowsAsync(q, measure, ct)).Select(r => r.Value)]);
    }

    public async Task<decimal> PipelineAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track, CancellationToken ct)
    {
        var q = Base(db, criteria.Pipeline, criteria, district, track);
        if (registry.Criteria.Predicate(criteria.AnyOf) is { } counted)
            q = q.Where(Expression.Lambda<Func<T, bool>>(Expression.Not(counted.Body), counted.Parameters));
        var measure = MeasureOf(criteria);
        if (measure is null) return await q.CountAsync(ct);
        if (measure.Aggregate == MeasureAggregate.Average) return 0; // an average has no pipeline to add
        return (await RowsAsync(q, measure, ct)).Sum(r => r.Value ?? 0);
    }

    public async Task<IReadOnlyList<DistrictCount>> ByDistrictAsync(FipDbContext db, IndicatorCriteria criteria, int? track,
        CancellationToken ct)
    {
        var q = Base(db, criteria.AnyOf, criteria, null, track);
        if (MeasureOf(criteria) is { } measure)
            return [.. (await RowsAsync(q, measure, ct)).GroupBy(r => r.District)
                .Select(g => (g.Key, Figure: IndicatorFigure.Of(measure.Aggregate, [.. g.Select(r => r.Value)])))
                .Where(g => !g.Figure.NoData)
                .Select(g => new DistrictCount(g.Key, g.Figure.Value))];
        var rows = await q.Select(registry.DistrictOf)
            .GroupBy(d => d)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new DistrictCount(r.Key, r.Count))];
    }

    public async Task<IReadOnlyList<DatedCount>> DatedAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track,
        CancellationToken ct)
    {
        var q = Base(db, criteria.AnyOf, criteria, district, track);
        if (MeasureOf(criteria) is { } measure)
            return [.. (await RowsAsync(q, measure, ct)).Where(r => r.Value is not null)
                .GroupBy(r => r.Date is { } d ? (d.Year, d.Month) : (0, 0))
                .OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2)
                .Select(g => new DatedCount(g.Key.Item1, g.Key.Item2, g.Count(), g.Sum(r => r.Value!.Value)))];
        if (registry.Criteria.DatedBy is null)
        {
            var all = await q.CountAsync(ct);
            return all == 0 ? [] : [new DatedCount(0, 0, all)];
        }
        var dates = q.Select(registry.Criteria.DatedBy);
        var undated = await dates.CountAsync(d => d == null, ct);
        var dated = await dates.Where(d => d != null).GroupBy(d => new { d!.Value.Year, d.Value.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() }).ToListAsync(ct);
        var result = dated.Select(d => new DatedCount(d.Year, d.Month, d.Count)).OrderBy(d => d.Year).ThenBy(d => d.Month).ToList();
        if (undated > 0) result.Insert(0, new DatedCount(0, 0, undated));
        return result;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>The counters of every registry of the <see cref="RegistryCatalogue"/> and every other <see cref="IndicatorSources"/>, by
/// name.</summary>
public sealed class IndicatorEngine
{
    private readonly Dictionary<string, IIndicatorCounter> _counters = RegistryCatalogue.All
        .Select(r => (r.Name, Counter: r.Accept(new CounterOf())))
        .Concat(IndicatorSources.Extra.Select(s => (s.Name, s.Counter)))
        .ToDictionary(r => r.Name, r => r.Counter, StringComparer.OrdinalIgnoreCase);

    private sealed class CounterOf : IRegistryVisitor<IIndicatorCounter>
    {
        public IIndicatorCounter Visit<T>(Registry<T> registry) where T : RegistryRecord, Accounts.IScopedResource,
            new() => new IndicatorCounter<T>(registry);
    }

    public IIndicatorCounter For(string registry) =>
        _counters.TryGetValue(registry, out var c) ? c : throw new InvalidOperationException($"No indicator source named {registry}.");

    public Task<IndicatorFigure> ValueAsync(FipDbContext db, IndicatorDefinition def, CancellationToken ct, int? district = null,
        int? track = null) =>
        For(def.Registry).MeasureAsync(db, IndicatorCriteria.Parse(def.Criteria), district, track, ct);

    public async Task<decimal> PipelineAsync(FipDbContext db, IndicatorDefinition def, CancellationToken ct, int? district = null,
        int? track = null)
    {
        var criteria = IndicatorCriteria.Parse(def.Criteria);
        return criteria.Pipeline.Count == 0 ? 0 : await For(def.Registry).PipelineAsync(db, criteria, district, track, ct);
    }
}
