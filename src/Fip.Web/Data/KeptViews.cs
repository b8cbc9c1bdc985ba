using Microsoft.Extensions.Caching.Memory;

namespace Fip.Web.Data;

/// <summary>The change stamps a kept view is computed from: it is computed again when one of them moves on.</summary>
[Flags]
public enum StampSet
{
    None = 0,
    Registries = 1,
    Goals = 2,
    Supervision = 4,
}

/// <summary>
/// Views computed from the database and kept in memory until a change stamp they depend on moves on (the stamps are read
/// once per request, see <see cref="FipDbContext.AllStampsAsync"/>): a kept view is never behind a write, and a page
/// costs one stamps query until something changes. Entries count one each against the cache's size limit
/// (<c>Cache:SizeLimit</c>) and are dropped after 10 unused minutes. <c>Cache:Bypass</c> (view names, comma-separated, or
/// <c>*</c>) computes the named views on every request: for measuring what keeping them saves (docs/benchmarks.md).
/// </summary>
public sealed class KeptViews(IMemoryCache cache, FipDbContext db, IConfiguration configuration)
{
    private static readonly MemoryCacheEntryOptions Options = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };

    private readonly record struct Key(Type Type, string View, object? Args, long Registries, long Goals, long Supervision);

    /// <param name="view">The view's name (unique per caller).</param>
    /// <param name="args">What else the view depends on (filters, the day, the reader's scope); compared by value.</param>
    public async Task<T> GetOrCreateAsync<T>(string view, object? args, StampSet dependsOn, Func<CancellationToken, Task<T>> factory,
        CancellationToken ct) where T : notnull
    {
        if (Bypassed(configuration, view)) return await factory(ct);
        var stamps = await db.AllStampsAsync(ct);
        long Of(StampSet s, string name) => dependsOn.HasFlag(s) ? stamps.GetValueOrDefault(name) : 0;
        var key = new Key(typeof(T), view, args, Of(StampSet.Registries, ChangeStamp.Registries), Of(StampSet.Goals, ChangeStamp.Goals),
            Of(StampSet.Supervision, ChangeStamp.Supervision));
        if (cache.TryGetValue(key, out T? kept) && kept is not null) return kept;
        var value = await factory(ct);
        cache.Set(key, value, Options);
        return value;
    }

    internal static bool Bypassed(IConfiguration configuration, string view) =>
        configuration["Cache:Bypass"] is { Length: > 0 } bypass
        && (bypass == "*" || bypass.Split(',', StringSplitOptions.TrimEntries).Contains(view, StringComparer.Ordinal));
}

/// <summary>A view that may be absent, so its absence can be kept too.</summary>
public sealed record Optional<T>(T? Value) where T : class;
