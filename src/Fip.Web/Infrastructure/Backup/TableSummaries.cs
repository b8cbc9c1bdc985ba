using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fip.Web.Data;

namespace Fip.Web.Infrastructure.Backup;

/// <summary>
/// Every table of a database with its row count and a checksum of its content: the rows in the order of all their columns,
/// each value as invariant text. Read from the engine's catalogue, so tables the model does not map are counted too.
/// </summary>
public static class TableSummaries
{
    public const string MigrationsTable = "__EFMigrationsHistory";

    public static async Task<IReadOnlyList<string>> TablesAsync(DbConnection connection, DatabaseProvider provider, CancellationToken ct,
        DbTransaction? transaction = null)
    {
        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' " +
              "ORDER BY table_name";
        var tables = new List<string>();
        await using var command = Command(connection, sql, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        tables.Sort(StringComparer.Ordinal);
        return tables;
    }

    public static async Task<IReadOnlyList<TableSummary>> ReadAsync(DbConnection connection, DatabaseProvider provider,
        CancellationToken ct, DbTransaction? transaction = null)
    {
        var summaries = new List<TableSummary>();
        foreach (var table in await TablesAsync(connection, provider, ct, transaction))
            summaries.Add(await SummariseAsync(connection, provider, table, ct, transaction));
        return summaries;
    }

    /// <summary>Rows in the tables other than the migrations' history: 0 means there is nothing a restore would overwrite.</summary>
    public static async Task<long> DataRowsAsync(DbConnection connection, DatabaseProvider provider, CancellationToken ct)
    {
        long rows = 0;
        foreach (var table in await TablesAsync(connection, provider, ct))
        {
            if (table == MigrationsTable) continue;
            await using var command = Command(connection, $"SELECT COUNT(*) FROM {Quote(table)}", null);
            rows += Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        return rows;
    }

    /// <summary>The last migration applied to the database, or null when it has none.</summary>
    public static async Task<string?> LastMigrationAsync(DbConnection connection, DatabaseProvider provider, CancellationToken ct,
        DbTransaction? transaction = null)
    {
        if (!(await TablesAsync(connection, provider, ct, transaction)).Contains(MigrationsTable)) return null;
        await using var command = Command(connection,
            $"SELECT \"MigrationId\" FROM {Quote(MigrationsTable)} ORDER BY \"MigrationId\" DESC LIMIT 1", transaction);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>
    /// The rows in a fixed order whatever the server's collation: PostgreSQL by the row's text in the "C" collation, SQLite (binary
    /// collation) by every column in turn.
    /// </summary>
    private static async Task<TableSummary> SummariseAsync(DbConnection connection, DatabaseProvider provider, string table,
        CancellationToken ct, DbTransaction? transaction)
    {
        var order = "t::text COLLATE \"C\"";
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var shape = Command(connection, $"SELECT * FROM {Quote(table)} LIMIT 0", transaction);
            await using var columns = await shape.ExecuteReaderAsync(ct);
            order = string.Join(", ", Enumerable.Range(1, columns.FieldCount).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        await using (var command = Command(connection, $"SELECT * FROM {Quote(table)} AS t ORDER BY {order}", transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var line = new StringBuilder();
            while (await reader.ReadAsync(ct))
            {
                line.Clear();
                for (var i = 0; i < reader.FieldCount; i++) line.Append(Text(reader.GetValue(i))).Append('\u001f');
                line.Append('\n');
                hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
                rows++;
            }
        }
        return new TableSummary(table, rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Text(object value) => value switch
    {
        DBNull => "\u2400",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        return command;
    }
}
