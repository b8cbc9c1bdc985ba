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
/// </summary>
public sealed class StampsAtCommitInterceptor : DbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbTransaction, SortedSet<string>> Pending = [];

    /// <summary>Notes a stamp to move on when <paramref name="transaction"/> commits (once, however many saves noted it).</summary>
    internal static void Note(IDbContextTransaction transaction, string stamp) =>
        Pending.GetValue(transaction.GetDbTransaction(), _ => new SortedSet<string>(StringComparer.Ordinal)).Add(stamp);

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction,
        TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Pending.TryGetValue(transaction, out var stamps) && eventData.Context is FipDbContext db)
        {
            Pending.Remove(transaction);
            foreach (var stamp in stamps) await ChangeStamp.BumpNowAsync(db, stamp, cancellationToken);
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
