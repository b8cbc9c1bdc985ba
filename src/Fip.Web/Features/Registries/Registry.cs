using System.Linq.Expressions;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>The list filters a registry page or API call can carry. Enum filters are member names.</summary>
public sealed record RegistryFilter
{
    public string? Q { get; init; }
    public int? District { get; init; }
    public int? Track { get; init; }
    public string? Qualification { get; init; }
    public string? Stage { get; init; }
    public string? Status { get; init; }
    public string? Level { get; init; }
    public string? Kind { get; init; }
    public bool Deleted { get; init; }
    /// <summary>Only the records the indicator with this code counts, for the goals drill-down.</summary>
    public string? Indicator { get; init; }
    public string? Sort { get; init; }
    public bool Desc { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
    /// <summary>
    /// Count at most this many matches (and a page beyond): the list page says "more than N" instead of counting a
    /// common word's tens of thousands of rows. Null counts them all (the API's total).
    /// </summary>
    public int? CountLimit { get; init; }
}

/// <summary>What the generic pages, API, import and export need to know about a registry, without its type.</summary>
public interface IRegistry
{
    /// <summary>URL and CLI name: enterprises, products, scenarios, parks, platforms, projects.</summary>
    string Name { get; }
    Type EntityType { get; }
    IReadOnlyList<string> FilterKeys { get; }
    IReadOnlyList<string> SortKeys { get; }
}

/// <summary>A registry of records of type <typeparamref name="T"/>: its fields, queries, natural key and scope.</summary>
public abstract class Registry<T> : IRegistry where T : RegistryRecord, IScopedResource, new()
{
    public abstract string Name { get; }
    public Type EntityType => typeof(T);
    public abstract IReadOnlyList<RegistryField<T>> Fields { get; }
    public abstract IReadOnlyList<string> FilterKeys { get; }
    public IReadOnlyList<string> SortKeys => [.. Sorts.Keys];

    /// <summary>The records with what display and scope checks need loaded.</summary>
    public abstract IQueryable<T> Query(FipDbContext db);

    /// <summary>Name (and code) substring search, translated to SQL LIKE.</summary>
    public abstract IQueryable<T> Search(IQueryable<T> query, string pattern);

    /// <summary>The list's text search: <see cref="Search"/> by default; a registry may reach the same rows a faster way.</summary>
    protected virtual IQueryable<T> SearchText(FipDbContext db, IQueryable<T> query, RegistryFilter filter) =>
        Search(query, Infrastructure.Like.Contains(filter.Q!));

    public abstract IQueryable<T> Filter(IQueryable<T> query, RegistryFilter filter);

    protected abstract IReadOnlyDictionary<string, Func<IQueryable<T>, bool, IQueryable<T>>> Sorts { get; }

    /// <summary>The key that makes an imported row the same record as a stored one (USCC; name + owner for the rest).</summary>
    public abstract string NaturalKey(T record);

    /// <summary>
    /// Stored records (deleted ones too) with the natural keys of <paramref name="candidates"/>, by key. By default
    /// the names narrow it in SQL and the owner part of the key is compared in memory.
    /// </summary>
    public virtual async Task<Dictionary<string, T>> FindByNaturalKeysAsync(FipDbContext db, IReadOnlyCollection<T> candidates, CancellationToken ct)
    {
        var names = candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        return (await Query(db).Where(r => names.Contains(r.Name)).ToListAsync(ct))
            .GroupBy(NaturalKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>Rows an enterprise user may see: only their own enterprise's, where the registry is enterprise-bound.</summary>
    public virtual IQueryable<T> VisibleTo(IQueryable<T> query, ClaimsPrincipal user) => query;

    public virtual string Title(T record) => record.Name;

    public RegistryField<T>? Field(string key) => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Filters, search, visibility, sort and page: everything in SQL.</summary>
    public IQueryable<T> List(FipDbContext db, RegistryFilter filter, ClaimsPrincipal user) => Order(Filtered(db, filter, user), filter);

    /// <summary>
    /// The ids of <see cref="List"/> in its order, the first <paramref name="limit"/> of them (all when null). A registry
    /// may read them a faster way that gives the same ids in the same order (the enterprise list walks its name index in
    /// id order and stops at the limit).
    /// </summary>
    public virtual Task<List<int>> ListIdsAsync(FipDbContext db, RegistryFilter filter, ClaimsPrincipal user, int? limit, CancellationToken ct)
    {
        var ids = List(db, filter, user).Select(r => r.Id);
        return (limit is { } n ? ids.Take(n) : ids).ToListAsync(ct);
    }

    /// <summary>How many records <see cref="List"/> holds; registries that override <see cref="ListIdsAsync"/> may count their way.</summary>
    public virtual async Task<int> CountAsync(FipDbContext db, RegistryFilter filter, ClaimsPrincipal user, CancellationToken ct) =>
        await List(db, filter, user).CountAsync(ct);

    /// <summary><see cref="List"/> before its order; without <paramref name="search"/>, the text search is left to the caller.</summary>
    protected IQueryable<T> Filtered(FipDbContext db, RegistryFilter filter, ClaimsPrincipal user, bool search = true)
    {
        var query = VisibleTo(Query(db), user).Where(r => r.IsDeleted == filter.Deleted);
        if (search && !string.IsNullOrWhiteSpace(filter.Q)) query = SearchText(db, query, filter);
        query = Filter(query, filter);
        if (!string.IsNullOrEmpty(filter.Indicator))
        {
            var criteria = db.Indicators.Where(i => i.Code == filter.Indicator && i.Registry == Name).Select(i => i.Criteria).FirstOrDefault();
            var counted = criteria is null ? null : Goals.CriteriaCatalogues.For<T>()?.Predicate(Goals.IndicatorCriteria.Parse(criteria).AnyOf);
            query = counted is null ? query.Where(r => false) : query.Where(counted);
        }
        return query;
    }

    /// <summary>Whether the filter asks for one of this registry's sorts (otherwise: newest first, by id).</summary>
    protected bool IsSorted(RegistryFilter filter) => filter.Sort is { } key && Sorts.ContainsKey(key);

    private IQueryable<T> Order(IQueryable<T> query, RegistryFilter filter) =>
        filter.Sort is { } key && Sorts.TryGetValue(key, out var sort) ? sort(query, filter.Desc) : query.OrderByDescending(r => r.Id);

    protected static Func<IQueryable<T>, bool, IQueryable<T>> By<TKey>(Expression<Func<T, TKey>> key) =>
        (q, desc) => desc ? q.OrderByDescending(key).ThenByDescending(r => r.Id) : q.OrderBy(key).ThenBy(r => r.Id);

    protected static TEnum? ParseEnum<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: false, out var e) && Enum.IsDefined(e) ? e : null;

    protected static RegistryField<T> F(string key, FieldKind kind, Func<T, object?> get, Action<T, object?> set) => new(key, kind, get, set);
}

/// <summary>All registries by name.</summary>
public sealed class Registries(IEnumerable<IRegistry> all)
{
    public IReadOnlyList<IRegistry> All { get; } = [.. all];
    public IRegistry? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
    public static readonly IReadOnlyList<string> Names = ["enterprises", "products", "scenarios", "parks", "platforms", "projects"];
}

