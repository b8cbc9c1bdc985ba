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
    /// <summary>
    /// The condition groups of <see cref="Indicator"/>, looked up by the registry operations (see <see cref="ICountingIndicators"/>);
    /// never taken from a request. Null with an indicator: no such indicator, nothing is listed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlyList<IReadOnlyDictionary<string, string[]>>? CountedBy { get; init; }
    /// <summary>The period the records of <see cref="Indicator"/> must be dated in; looked up with <see cref="CountedBy"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore, Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public (DateOnly? From, DateOnly? To) CountedWithin { get; init; }
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

/// <summary>A list filter a registry offers: its query key and, for a choice among an enum's members, the enum.</summary>
public sealed record RegistryFilterKey(string Key, Type? EnumType = null)
{
    public static readonly RegistryFilterKey District = new("district");
    public static readonly RegistryFilterKey Track = new("track");
    public static RegistryFilterKey Choice<TEnum>(string key) where TEnum : struct, Enum => new(key, typeof(TEnum));
}

/// <summary>What the generic pages, API, import and export, the goals and the leaders' page know about a registry, without its
/// type.</summary>
public interface IRegistry
{
    /// <summary>URL and CLI name: enterprises, products, scenarios, parks, platforms, projects.</summary>
    string Name { get; }
    /// <summary>UI string key of the registry's name (see <see cref="RegistryCatalogue.LabelKeyOf"/>).</summary>
    string LabelKey { get; }
    Type EntityType { get; }
    /// <summary>The access rule that guards writes (see <see cref="Accounts.Policies"/>).</summary>
    string WritePolicy { get; }
    /// <summary>The access rule that guards adding and removing records (the write rule unless narrowed).</summary>
    string AddRemovePolicy { get; }
    /// <summary>The access rule that guards reading the list, a record, the export and the template (signed-in users by default).</summary>
    string ReadPolicy { get; }
    /// <summary>The access rule that guards imports (admins and district users by default).</summary>
    string ImportPolicy { get; }
    /// <summary>Whether an enterprise user may add records (of their own enterprise).</summary>
    bool EnterpriseUsersCreate { get; }
    IReadOnlyList<RegistryFilterKey> Filters { get; }
    IReadOnlyList<string> FilterKeys { get; }
    IReadOnlyList<string> SortKeys { get; }
    /// <summary>What the goals' indicators may count in this registry, and the date that places a record in time.</summary>
    ICriteriaCatalogue Criteria { get; }
    /// <summary>Calls <paramref name="visitor"/> with the typed registry (for work generic in the entity type).</summary>
    TResult Accept<TResult>(IRegistryVisitor<TResult> visitor);
}

/// <summary>Work over a registry that needs its entity type.</summary>
public interface IRegistryVisitor<out TResult>
{
    TResult Visit<T>(Registry<T> registry) where T : RegistryRecord, IScopedResource, new();
}

/// <summary>
/// The definition of a registry of records of type <typeparamref name="T"/>, all in one place: its name, fields (and so
/// its import and export columns), queries, filters, natural key, scope, write policy, the criteria the goals may count
/// by, the district a record counts in, and how it is dated. Listed once in <see cref="RegistryCatalogue"/>.
/// </summary>
public abstract class Registry<T> : IRegistry where T : RegistryRecord, IScopedResource, new()
{
    public abstract string Name { get; }
    public string LabelKey => RegistryCatalogue.LabelKeyOf(Name);
    public Type EntityType => typeof(T);
    public abstract string WritePolicy { get; }
    public virtual string AddRemovePolicy => WritePolicy;
    public virtual string ReadPolicy => Policies.SignedIn;
    public virtual string ImportPolicy => Policies.DistrictWrite;
    public virtual bool EnterpriseUsersCreate => false;

    /// <summary>
    /// Whether each read of a record's personal data unmasked is written to the audit log (PIPL: access to personal information
    /// is traceable). Off for registries whose personal data is only a contact.
    /// </summary>
    public virtual bool LogsPersonalReads => false;

    /// <summary>
    /// Derives what a record takes from stored data (its keeping department, a generated name) and checks rules that span fields
    /// or records (a loan dated before its enterprise was founded). Runs on every save and every imported row, after the fields
    /// are parsed and before the natural key and the scope are checked. Returns the problem (a resource key and its arguments),
    /// or null when the record may be stored.
    /// </summary>
    public virtual Task<FieldText.Problem?> CompleteAsync(FipDbContext db, T record, CancellationToken ct) =>
        Task.FromResult<FieldText.Problem?>(null);

    /// <summary>
    /// Whether <see cref="CompleteAsync"/> is this base's, which reads nothing: an import may then parse and complete its rows
    /// on another thread than the one using the context (<see cref="RegistryOps{T}"/>). A registry that overrides it may read
    /// the database there, so its rows are parsed on the context's thread.
    /// </summary>
    public bool CompletesWithoutDatabase =>
        GetType().GetMethod(nameof(CompleteAsync), [typeof(FipDbContext), typeof(T), typeof(CancellationToken)])!.DeclaringType
            == typeof(Registry<T>);
    public abstract IReadOnlyList<RegistryField<T>> Fields { get; }
    public abstract IReadOnlyList<RegistryFilterKey> Filters { get; }
    public IReadOnlyList<string> FilterKeys => [.. Filters.Select(f => f.Key)];
    public IReadOnlyList<string> SortKeys => [.. Sorts.Keys];

    /// <summary>The fields indicator criteria may test, and the date from which a record counts.</summary>
    public abstract CriteriaCatalogue<T> Criteria { get; }
    ICriteriaCatalogue IRegistry.Criteria => Criteria;

    /// <summary>The district a record counts in, for the goals' breakdowns (null: none).</summary>
    public abstract Expression<Func<T, int?>> DistrictOf { get; }

    public TResult Accept<TResult>(IRegistryVisitor<TResult> visitor) => visitor.Visit(this);

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
    public virtual async Task<Dictionary<string, T>> FindByNaturalKeysAsync(FipDbContext db, IReadOnlyCollection<T> candidates,
        CancellationToken ct)
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
    public virtual Task<List<int>> ListIdsAsync(FipDbContext db, RegistryFilter filter, ClaimsPrincipal user, int? limit,
        CancellationToken ct)
    {
        var ids = List(db, filter, user).Select(r => r.Id);
        return (limit is { } n ? ids.Take(n) : ids).ToListAsync(ct);
    }

    /// <summary>
    /// Whether the list's ids for this filter are worth keeping between requests (see <c>RegistryOps.IdsUpToAsync</c>): only
    /// where <see cref="ListIdsAsync"/> reads them a costly way, and only for filters that depend on the registries alone.
    /// </summary>
    public virtual bool KeepsListIds(RegistryFilter filter) => false;

    /// <summary>How many records <see cref="List"/> holds; registries that override <see cref="ListIdsAsync"/> may count their
    /// way.</summary>
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
            var counted = filter.CountedBy is { } groups ? Criteria.Predicate(groups) : null;
            query = counted is null ? query.Where(r => false) : query.Where(counted);
            if (Criteria.DatedWithin(filter.CountedWithin.From, filter.CountedWithin.To) is { } within) query = query.Where(within);
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

    protected static RegistryField<T> F(string key, FieldKind kind, Func<T, object?> get, Action<T, object?> set) =>
        new(key, kind, get, set);
}
