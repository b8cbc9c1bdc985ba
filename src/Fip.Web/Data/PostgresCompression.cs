using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Data;

/// <summary>
/// PostgreSQL compresses a long text value (TOAST) with pglz unless told otherwise, which costs a bulk write more than writing it
/// (an import's audit JSON when it was sent as text: 1,000,000 records, 0.9 GB, 15.8 s through pglz against 2.3 s through lz4 in
/// the same minute, and lz4's is the smaller). A bulk transaction switches to lz4 for itself (<c>SET LOCAL</c>) when the server has
/// it, for whatever long text it writes (an import's batches are now compressed by the application, <c>AuditBatch.PackedLines</c>,
/// and stored as they are); values read back the same whichever method stored them.
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
