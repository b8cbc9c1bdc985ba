using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fip.Web.Data;

/// <summary>What a signed-in request's first query read (<see cref="FipDbContext.SessionSql"/>): the account's state, its unread
/// messages and the change stamps.</summary>
public sealed record SessionRead(SessionAccount? Account, int Unread, IReadOnlyDictionary<string, long> Stamps);

/// <summary>
/// The session query's results kept between requests while nothing it reads can have changed, so that a signed-in page on
/// PostgreSQL costs no round trip for its session check (the page's own views are kept per stamps too).
/// <para>
/// The query reads three tables: the change stamps, the account and its messages. A kept result is used only while
/// <see cref="Version"/> is what it was when the query started: the version moves on with every notification of
/// <see cref="PostgresChangeFeed"/> (triggers on those three tables notify every node at the commit of any statement that writes
/// them), every time the feed connects or is lost, and every write this process makes through EF Core
/// (<see cref="LocalWrites"/>, so a node reads its own writes without waiting for the notification). Without a live feed (SQLite,
/// or PostgreSQL while the feed reconnects) nothing is kept and every request reads the database, as before. A kept result is
/// also never older than <see cref="MaxAge"/>, a bound on staleness should the feed's connection die without an error (its
/// keepalive finds that within seconds).
/// </para>
/// </summary>
public sealed class SessionSnapshots(TimeProvider clock, DatabaseOptions options)
{
    /// <summary>The oldest kept result used, whatever the feed says.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>The most accounts kept; past it the whole cache is dropped (a kept result costs one query to read again).</summary>
    public const int Capacity = 20_000;

    private sealed record Entry(SessionRead Read, long Version, long At);

    private readonly string _database = options.EffectiveConnectionString;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _feed;
    private volatile bool _live;
    private long _hits;
    private long _reads;

    /// <summary>Whether a change feed is connected and listening: only then are results kept.</summary>
    public bool Live => _live;

    /// <summary>Moves on with every change the feed reports and every write of this process to the database.</summary>
    public long Version => Volatile.Read(ref _feed) + LocalWrites.CountFor(_database);

    /// <summary>Requests answered from a kept result, and requests that read the database (for tests and metrics).</summary>
    public (long Hits, long Reads) Counts => (Volatile.Read(ref _hits), Volatile.Read(ref _reads));

    /// <summary>The kept result for the account, if it is still what the database holds.</summary>
    public SessionRead? Find(string userId)
    {
        if (_live && _entries.TryGetValue(userId, out var entry) && entry.Version == Version
            && clock.GetElapsedTime(entry.At) < MaxAge)
        {
            Interlocked.Increment(ref _hits);
            return entry.Read;
        }
        Interlocked.Increment(ref _reads);
        return null;
    }

    /// <summary>Keeps what the query read, when nothing moved the version since <paramref name="versionBefore"/> (read before the
    /// query started): a change committed meanwhile may or may not be in the result.</summary>
    public void Keep(string userId, SessionRead read, long versionBefore)
    {
        if (!_live || read.Account is null || Version != versionBefore) return;
        if (_entries.Count >= Capacity) _entries.Clear();
        _entries[userId] = new Entry(read, versionBefore, clock.GetTimestamp());
    }

    /// <summary>Something the session query reads has changed (or may have: the feed connected or was lost).</summary>
    public void Changed() => Interlocked.Increment(ref _feed);

    /// <summary>The feed is listening (true) or not (false); either way, what was kept is no longer used.</summary>
    public void SetLive(bool live)
    {
        Changed();
        _live = live;
        Changed();
        if (!live) _entries.Clear();
    }
}

/// <summary>
/// Counts this process's writes through EF Core (saves, committed transactions, statements that are not queries) per database
/// (the contexts' configured connection string), so that results kept by <see cref="SessionSnapshots"/> are read again after a
/// write of this node: its change notification may arrive a little after the next request.
/// </summary>
public sealed class LocalWrites : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Counts = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<IDbContextOptions, string> Databases = [];

    /// <summary>The writes so far to the database of <paramref name="connectionString"/>.</summary>
    public static long CountFor(string connectionString) =>
        Counts.TryGetValue(connectionString, out var count) ? Volatile.Read(ref count.Value) : 0;

    private static void Note(DbContext? context)
    {
        if (context is null) return;
        var database = Databases.GetValue(context.GetService<IDbContextOptions>(),
            o => RelationalOptionsExtension.Extract(o).ConnectionString ?? "");
        Interlocked.Increment(ref Counts.GetOrAdd(database, _ => new StrongBox<long>()).Value);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Note(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }
}
