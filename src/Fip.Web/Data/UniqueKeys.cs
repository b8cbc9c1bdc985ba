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
    public static bool IsUniqueViolation(this DbUpdateException e) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        _ => false,
    };

    /// <summary>Forgets the rows a failed save was to add, so the context can go on (the next save does not try them again).</summary>
    public static void ForgetAdded(this FipDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            entry.State = EntityState.Detached;
    }
}
