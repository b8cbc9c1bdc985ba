using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fip.Web.Data;

#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's own SQLite connection service, extended here only to stay open

/// <summary>
/// EF Core's SQLite connection service, except that it keeps the connection open once opened, while its context goes back to
/// the pool and out again, until the context is disposed (<see cref="DatabaseSetup.SqliteContextPoolSize"/>). EF Core registers
/// its eleven SQL functions (<c>regexp</c>, <c>ef_add</c>, …) on the connection, and Microsoft.Data.Sqlite creates them on the
/// native connection at every open, pooled or not, each leaving a handle for the finalizer: a signed-in page opened and closed
/// its connection several times, and a fifth of the node's CPU went to those registrations and their finalizers
/// (docs/benchmarks.md). A transaction still ends with its command or the scope (EF Core rolls back what is left when the
/// context goes back); a read outside a transaction holds no lock in SQLite, so an idle open connection blocks no writer.
/// After a restore of the file, <see cref="SqliteKeptConnections"/> closes a kept connection at its context's next lease.
/// </summary>
public sealed class KeptSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override void CloseDbConnection()
    {
        if (DbConnection.State != ConnectionState.Open) base.CloseDbConnection();
    }

    protected override Task CloseDbConnectionAsync() =>
        DbConnection.State != ConnectionState.Open ? base.CloseDbConnectionAsync() : Task.CompletedTask;
}
