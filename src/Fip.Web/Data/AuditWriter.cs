using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fip.Web.Data;

/// <summary>
/// Writes the audit rows of a save in the save's transaction, without tracking them: they are append-only and nothing
/// reads them back in the same unit of work. A bulk save (an import of 1,000 rows a batch) writes as many audit rows as
/// records, so the way they are written matters: SQLite takes one prepared single-row statement rebound per row (its
/// fastest path, see <see cref="Features.Registries.EnterpriseNameSearch"/>), PostgreSQL a binary COPY once the batch is
/// large enough to repay it, and EF Core's batched inserts otherwise.
/// </summary>
internal static class AuditWriter
{
    /// <summary>From this many rows PostgreSQL gets a COPY; below it one batched INSERT is as quick.</summary>
    private const int CopyFrom = 50;

    private static readonly string[] Columns =
        ["At", "UserId", "UserName", "Action", "EntityType", "EntityKey", "Before", "After", "Success", "IpAddress", "Detail"];

    private static object?[] Values(AuditEntry a) =>
        [a.At, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityKey, a.Before, a.After, a.Success, a.IpAddress, a.Detail];

    public static async Task WriteAsync(FipDbContext db, IReadOnlyList<AuditEntry> rows, Func<CancellationToken, Task> viaEf, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        foreach (var row in rows)
            if (row.At.Kind != DateTimeKind.Utc) throw new ArgumentException("Audit times are UTC.", nameof(rows));
        var isSqlite = db.Database.IsSqlite();
        if (!isSqlite && (rows.Count < CopyFrom || !db.Database.IsNpgsql()))
        {
            await viaEf(ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (isSqlite) await PreparedAsync(db, rows, ct);
            else await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task PreparedAsync(FipDbContext db, IReadOnlyList<AuditEntry> rows, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"INSERT INTO \"AuditEntries\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))})";
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameters = Columns.Select(c =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + c;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            var values = Values(row);
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<AuditEntry> rows, CancellationToken ct)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY \"AuditEntries\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var a in rows)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync(a.At, NpgsqlDbType.TimestampTz, ct);
            await WriteTextAsync(import, a.UserId, ct);
            await WriteTextAsync(import, a.UserName, ct);
            await WriteTextAsync(import, a.Action, ct);
            await WriteTextAsync(import, a.EntityType, ct);
            await WriteTextAsync(import, a.EntityKey, ct);
            await WriteTextAsync(import, a.Before, ct);
            await WriteTextAsync(import, a.After, ct);
            await import.WriteAsync(a.Success, NpgsqlDbType.Boolean, ct);
            await WriteTextAsync(import, a.IpAddress, ct);
            await WriteTextAsync(import, a.Detail, ct);
        }
        await import.CompleteAsync(ct);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter import, string? value, CancellationToken ct) =>
        value is null ? import.WriteNullAsync(ct) : import.WriteAsync(value, NpgsqlDbType.Text, ct);
}
