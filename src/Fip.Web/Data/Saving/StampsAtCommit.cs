using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fip.Web.Data.Saving;

/// <summary>
/// Moves the change stamps a transaction's writes touched once, as its last statements just before it commits
/// (<see cref="ChangeStamp.MarkAsync"/> notes them; this interceptor writes them). A stamp's row is therefore the last lock
/// any transaction takes, held only for its commit: a long transaction (a 100,000-row import) does not make every other
/// write of the same registries wait behind that row, and two transactions cannot deadlock over it (neither waits for
/// anything while holding it). Stamps are written in name order, so transactions moving several take them in one order.
/// With the registries' stamp go the journal rows of the enterprises the transaction touched (<see cref="RegistryJournal"/>).
/// </summary>
public sealed class StampsAtCommitInterceptor : DbTransactionInterceptor
{
    private sealed class Commit
    {
        public SortedSet<string> Stamps { get; } = new(StringComparer.Ordinal);
        public HashSet<int> Enterprises { get; } = [];
    }

    private static readonly ConditionalWeakTable<DbTransaction, Commit> Pending = [];

    private static Commit Of(IDbContextTransaction transaction) => Pending.GetValue(transaction.GetDbTransaction(), _ => new Commit());

    /// <summary>Notes a stamp to move on when <paramref name="transaction"/> commits (once, however many saves noted it).</summary>
    internal static void Note(IDbContextTransaction transaction, string stamp) => Of(transaction).Stamps.Add(stamp);

    /// <summary>Notes enterprises whose facts <paramref name="transaction"/> wrote, for the registries' journal.</summary>
    internal static void NoteEnterprises(IDbContextTransaction transaction, IEnumerable<int> ids)
    {
        var commit = Of(transaction);
        commit.Stamps.Add(ChangeStamp.Registries);
        // Past the cap the journal says "everything": no need to keep counting.
        if (commit.Enterprises.Count <= RegistryChange.MaxIdsPerCommit) commit.Enterprises.UnionWith(ids);
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction,
        TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Pending.TryGetValue(transaction, out var commit) && eventData.Context is FipDbContext db)
        {
            Pending.Remove(transaction);
            foreach (var stamp in commit.Stamps)
            {
                await ChangeStamp.BumpNowAsync(db, stamp, cancellationToken);
                if (stamp == ChangeStamp.Registries) await RegistryJournal.WriteAsync(db, commit.Enterprises, cancellationToken);
            }
        }
        return result;
    }

    /// <summary>A synchronous commit cannot write the stamps (every write here is asynchronous): refused rather than skipped.</summary>
    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result) =>
        Pending.TryGetValue(transaction, out _)
            ? throw new InvalidOperationException("A transaction with changed records must be committed with CommitAsync.")
            : result;

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Pending.Remove(transaction);
        return Task.CompletedTask;
    }
}
