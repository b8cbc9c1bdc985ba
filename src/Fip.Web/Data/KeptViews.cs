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
    /// <summary>The enterprises' yearly figures as they add up by track, district and year (<see cref="ChangeStamp.Figures"/>).</summary>
    Figures = 8,
}

/// <summary>
/// Views computed from the database and kept in memory until a change stamp they depend on moves on (the stamps are read
/// once per request, see <see cref="FipDbContext.AllStampsAsync"/>): a kept view is never behind a write, and a page
/// costs one stamps query until something changes. Entries count one each against the cache's size limit
/// (<c>Cache:SizeLimit</c>), a page of records one a record, and are dropped after 10 unused minutes. <c>Cache:Bypass</c>
/// (view names, comma-separated, or <c>*</c>) computes the named views on every request: for measuring what keeping them
/// saves (docs/benchmarks.md).
/// <para>
/// A view is computed once at a time: requests that need it while a computation of it (same view, arguments and stamps) is
/// running wait for that one instead of computing it too (at 1,000,000 enterprises a city-wide view takes seconds, and ten
/// leaders' requests computing it at once took the server's cores from every other request). <c>Cache:StaleSeconds</c>
/// (default 0: never) lets every request that needs the view while a computation of it (same view and arguments, any stamps)
/// runs be answered at once with the view as last computed, when it was computed at most that many seconds ago, and starts no
/// other computation of it meanwhile: a province's deployment, where districts register enterprises all day and each write
/// moves the registries' stamp, trades that many seconds of lag for pages that do not wait; the request computing it waits.
/// </para>
/// </summary>
public sealed class KeptViews(IMemoryCache cache, FipDbContext db, IConfiguration configuration, TimeProvider clock,
    KeptViewFlights flights, ILogger<KeptViews> logger)
{
    /// <summary>A computation slower than this is logged (view, arguments, time): what a write makes the next reader pay.</summary>
    private static readonly TimeSpan SlowComputation = TimeSpan.FromMilliseconds(500);

    private static readonly MemoryCacheEntryOptions Options = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };

    internal readonly record struct Key(Type Type, string View, object? Args, long Registries, long Goals, long Supervision,
        long Figures);

    /// <summary>A view's last computed value, whatever its stamps, for <c>Cache:StaleSeconds</c>.</summary>
    internal readonly record struct LatestKey(Type Type, string View, object? Args);

    private sealed record Latest(object Value, DateTimeOffset ComputedAt);

    /// <param name="view">The view's name (unique per caller).</param>
    /// <param name="args">What else the view depends on (filters, the day, the reader's scope); compared by value.</param>
    /// <param name="size">How much of the cache's size limit the view takes (1 unless its values are many records: a page of
    /// records counts one a record), so that a limit of entries bounds the memory they hold.</param>
    public async Task<T> GetOrCreateAsync<T>(string view, object? args, StampSet dependsOn, Func<CancellationToken, Task<T>> factory,
        CancellationToken ct, Func<T, int>? size = null) where T : notnull
    {
        if (Bypassed(configuration, view)) return await factory(ct);
        var stamps = await db.AllStampsAsync(ct);
        long Of(StampSet s, string name) => dependsOn.HasFlag(s) ? stamps.GetValueOrDefault(name) : 0;
        var key = new Key(typeof(T), view, args, Of(StampSet.Registries, ChangeStamp.Registries), Of(StampSet.Goals, ChangeStamp.Goals),
            Of(StampSet.Supervision, ChangeStamp.Supervision), Of(StampSet.Figures, ChangeStamp.Figures));
        if (cache.TryGetValue(key, out T? kept) && kept is not null) return kept;

        var latestKey = new LatestKey(typeof(T), view, args);
        // While the view (these arguments, any stamps) is being computed, a recent last value answers at once.
        var staleSeconds = configuration.GetValue("Cache:StaleSeconds", 0);
        if (staleSeconds > 0 && flights.IsBusy(latestKey) && cache.TryGetValue(latestKey, out Latest? latest)
            && latest is not null && clock.GetUtcNow() - latest.ComputedAt <= TimeSpan.FromSeconds(staleSeconds))
            return (T)latest.Value;
        var running = flights.Running;
        var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computing = running.GetOrAdd(key, mine.Task);
        if (computing != mine.Task)
        {
            try
            {
                return (T)await computing.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The request computing it was cancelled or failed: this one computes it for itself.
                return await factory(ct);
            }
        }
        flights.Enter(latestKey);
        try
        {
            var started = clock.GetTimestamp();
            var value = await factory(ct);
            var took = clock.GetElapsedTime(started);
            if (took >= SlowComputation)
                logger.LogInformation("Kept view {View} ({Args}) computed in {Milliseconds:F0} ms", view, args, took.TotalMilliseconds);
            var options = size is null ? Options : new MemoryCacheEntryOptions
            { SlidingExpiration = Options.SlidingExpiration, Size = Math.Max(1, size(value)) };
            cache.Set(key, value, options);
            // The same value again (no memory of its own): one against the limit.
            cache.Set(latestKey, new Latest(value, clock.GetUtcNow()), Options);
            mine.TrySetResult(value);
            return value;
        }
        catch
        {
            mine.TrySetCanceled(CancellationToken.None);
            throw;
        }
        finally
        {
            running.TryRemove(new KeyValuePair<Key, Task<object>>(key, mine.Task));
            flights.Leave(latestKey);
        }
    }

    internal static bool Bypassed(IConfiguration configuration, string view) =>
        configuration["Cache:Bypass"] is { Length: > 0 } bypass
        && (bypass == "*" || bypass.Split(',', StringSplitOptions.TrimEntries).Contains(view, StringComparer.Ordinal));
}

/// <summary>The kept views' computations running in this application (a singleton).</summary>
public sealed class KeptViewFlights
{
    private readonly Dictionary<KeptViews.LatestKey, int> _busy = [];

    /// <summary>Each computation running, by view, arguments and stamps: what a request for the same waits for.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<KeptViews.Key, Task<object>> Running { get; } = new();

    /// <summary>Whether a computation of a view with these arguments runs, whatever its stamps.</summary>
    internal bool IsBusy(KeptViews.LatestKey view)
    {
        lock (_busy) return _busy.ContainsKey(view);
    }

    internal void Enter(KeptViews.LatestKey view)
    {
        lock (_busy) _busy[view] = _busy.GetValueOrDefault(view) + 1;
    }

    internal void Leave(KeptViews.LatestKey view)
    {
        lock (_busy)
        {
            if (_busy.GetValueOrDefault(view) > 1) _busy[view]--;
            else _busy.Remove(view);
        }
    }
}

/// <summary>A view that may be absent, so its absence can be kept too.</summary>
public sealed record Optional<T>(T? Value) where T : class;
