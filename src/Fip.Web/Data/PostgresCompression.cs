using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Data;

/// <summary>
/// PostgreSQL compresses a long text value (TOAST) with pglz unless told otherwise: an import's audit batches (about 1.5 kB of
/// JSON a record, a megabyte or more a batch) cost more to compress with it than to write (1,000,000 records: 0.9 GB of JSON,
/// 15.8 s through pglz against 2.3 s through lz4 in the same minute, and lz4's is the smaller). A bulk transaction switches to
/// lz4 for itself (<c>SET LOCAL</c>) when the server has it; values read back the same whichever method stored them.
/// </summary>
internal static class PostgresCompression
{
    /// <summary>lz4 for the current transaction's new long values, when the server was built with it; nothing on SQLite.</summary>
    public static async Task UseLz4Async(FipDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is null) return;
        // One statement whether or not the server knows lz4 (before PostgreSQL 14 the setting does not exist: no row).
        await db.Database.ExecuteSqlRawAsync(
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings " +
            "WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)", ct);
    }
}
