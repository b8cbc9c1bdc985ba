using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fip.Web.Data;

/// <summary>
/// Writes that several nodes may make at once (the month's snapshots, an alert, a robot message) are made idempotent
/// by a unique key in the database: the second insert fails with a unique violation, which its writer treats as "the
/// row is already there".
/// </summary>
public static class UniqueKeys
{
    /// <summary>SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).</summary>
    private const int SqliteUnique = 2067, SqlitePrimaryKey = 1555;

    /// <summary>True when the save failed because a unique index refused a row (PostgreSQL 23505, SQLite's unique constraint).</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) => IsUniqueViolationError(e.InnerException);

    private static bool IsUniqueViolationError(Exception? e) => e switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        _ => false,
    };

    /// <summary>
    /// EF Core's own error lines for a unique violation (the failed command, the failed save): the writer that expects one
    /// treats it as "already there", and one that does not lets the exception reach the request's or the job's error log,
    /// so these lines would only report races that ended well as errors.
    /// </summary>
    public static bool IsEfCoreUniqueViolationLine(Serilog.Events.LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source)
        && source.ToString().StartsWith("\"Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
        && (IsUniqueViolationError(e.Exception) || (e.Exception is DbUpdateException update && update.IsUniqueViolation()));

    /// <summary>Forgets the rows a failed save was to add, so the context can go on (the next save does not try them again).</summary>
    public static void ForgetAdded(this FipDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            entry.State = EntityState.Detached;
    }
}
