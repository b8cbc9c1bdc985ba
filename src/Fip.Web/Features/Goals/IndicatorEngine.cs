using System.Linq.Expressions;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>A count of records in a district (null: records without one).</summary>
public sealed record DistrictCount(int? DistrictId, int Count);

/// <summary>How many counted records are dated in a month (Year 0: undated records, which count from the beginning).</summary>
public sealed record DatedCount(int Year, int Month, int Count);

/// <summary>Counts an indicator's records in the database: the value, the pipeline, breakdowns and dated counts.</summary>
public interface IIndicatorCounter
{
    Task<int> CountAsync(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups, int? district, int? track,
        CancellationToken ct);
    /// <summary>Records meeting the pipeline groups that are not counted already.</summary>
    Task<int> PipelineAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track, CancellationToken ct);
    Task<IReadOnlyList<DistrictCount>> ByDistrictAsync(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups,
        int? track, CancellationToken ct);
    Task<IReadOnlyList<DatedCount>> DatedAsync(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups, int? district,
        int? track, CancellationToken ct);
}

public sealed class IndicatorCounter<T>(Registry<T> registry) : IIndicatorCounter
    where T : RegistryRecord, Accounts.IScopedResource, new()
{
    private IQueryable<T> Base(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups, int? district, int? track)
    {
        var q = registry.Filter(db.Set<T>().Where(r => !r.IsDeleted), new RegistryFilter { District = district, Track = track });
        // No groups at all means nothing is counted (an indicator must say what it counts).
        return registry.Criteria.Predicate(groups) is { } predicate ? q.Where(predicate) : q.Where(r => false);
    }

    public Task<int> CountAsync(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups, int? district, int? track,
        CancellationToken ct) =>
        Base(db, groups, district, track).CountAsync(ct);

    public Task<int> PipelineAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track, CancellationToken ct)
    {
        var q = Base(db, criteria.Pipeline, district, track);
        if (registry.Criteria.Predicate(criteria.AnyOf) is { } counted)
            q = q.Where(Expression.Lambda<Func<T, bool>>(Expression.Not(counted.Body), counted.Parameters));
        return q.CountAsync(ct);
    }

    public async Task<IReadOnlyList<DistrictCount>> ByDistrictAsync(FipDbContext db,
        IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups, int? track, CancellationToken ct)
    {
        var rows = await Base(db, groups, null, track).Select(registry.DistrictOf)
            .GroupBy(d => d)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new DistrictCount(r.Key, r.Count))];
    }

    public async Task<IReadOnlyList<DatedCount>> DatedAsync(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups,
        int? district, int? track, CancellationToken ct)
    {
        if (registry.Criteria.DatedBy is null)
        {
            var all = await Base(db, groups, district, track).CountAsync(ct);
            return all == 0 ? [] : [new DatedCount(0, 0, all)];
        }
        var dates = Base(db, groups, district, track).Select(registry.Criteria.DatedBy);
        var undated = await dates.CountAsync(d => d == null, ct);
        var dated = await dates.Where(d => d != null).GroupBy(d => new { d!.Value.Year, d.Value.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() }).ToListAsync(ct);
        var result = dated.Select(d => new DatedCount(d.Year, d.Month, d.Count)).OrderBy(d => d.Year).ThenBy(d => d.Month).ToList();
        if (undated > 0) result.Insert(0, new DatedCount(0, 0, undated));
        return result;
    }
}

/// <summary>The counters of every registry of the <see cref="RegistryCatalogue"/>, by registry name.</summary>
public sealed class IndicatorEngine
{
    private readonly Dictionary<string, IIndicatorCounter> _counters =
        RegistryCatalogue.All.ToDictionary(r => r.Name, r => r.Accept(new CounterOf()), StringComparer.OrdinalIgnoreCase);

    private sealed class CounterOf : IRegistryVisitor<IIndicatorCounter>
    {
        public IIndicatorCounter Visit<T>(Registry<T> registry) where T : RegistryRecord, Accounts.IScopedResource,
            new() => new IndicatorCounter<T>(registry);
    }

    public IIndicatorCounter For(string registry) =>
        _counters.TryGetValue(registry, out var c) ? c : throw new InvalidOperationException($"No registry named {registry}.");

    public Task<int> ValueAsync(FipDbContext db, IndicatorDefinition def, CancellationToken ct, int? district = null, int? track = null) =>
        For(def.Registry).CountAsync(db, IndicatorCriteria.Parse(def.Criteria).AnyOf, district, track, ct);

    public async Task<int> PipelineAsync(FipDbContext db, IndicatorDefinition def, CancellationToken ct, int? district = null,
        int? track = null)
    {
        var criteria = IndicatorCriteria.Parse(def.Criteria);
        return criteria.Pipeline.Count == 0 ? 0 : await For(def.Registry).PipelineAsync(db, criteria, district, track, ct);
    }
}
