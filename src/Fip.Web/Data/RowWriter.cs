using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fip.Web.Data;

/// <summary>
/// Inserts untracked rows of an entity type in the current transaction, for bulk saves where EF Core's thousand
/// single-row statements are the cost: SQLite gets a thousand rows a statement as JSON (<see cref="SqliteJsonRows"/>; a
/// prepared statement rebound per row for a column type it does not take), PostgreSQL a COPY in the text format
/// (<see cref="PostgresTextRows"/>; the binary format for a column type it does not take). Values go through each property's
/// own EF Core type mapping (parameters, converters, store types), so they are stored exactly as a save stores them;
/// columns the database generates (identities) are left to it.
/// </summary>
internal static class RowWriter
{
    /// <summary>From this many rows PostgreSQL gets a COPY; below it one many-row INSERT is as quick.</summary>
    private const int CopyFrom = 50;

    /// <param name="withKeys">Also writes the columns the database would generate (keys the caller reserved, see
    /// <see cref="ReserveKeysAsync{T}"/>).</param>
    /// <summary>
    /// Reserves <paramref name="count"/> keys of an entity whose integer key the database makes, for rows written with
    /// <c>withKeys</c> in the current transaction: PostgreSQL draws them from the identity's sequence; SQLite takes the
    /// ones after the largest used (the transaction holds the database's write lock, so no other writer can take them).
    /// </summary>
    /// <param name="after">On SQLite, a key already handed out in this transaction (its row perhaps not yet written): the keys
    /// reserved come after it too.</param>
    public static async Task<IReadOnlyList<int>> ReserveKeysAsync<T>(FipDbContext db, int count, CancellationToken ct, int after = 0)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var column = key.GetColumnName(table)!;
        if (count == 0) return [];
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Keys are reserved within a transaction.");
            if (db.Database.IsSqlite())
            {
                // AUTOINCREMENT never reuses a key: past both the largest row and the largest key ever handed out.
                command.CommandText =
                    $"SELECT MAX(COALESCE((SELECT MAX(\"{column}\") FROM \"{table.Name}\"), 0), " +
                    $"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table.Name}'), 0))";
                var last = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                return [.. Enumerable.Range(Math.Max(last, after) + 1, count)];
            }
            // The sequence is named once: nextval of a text looks the sequence up again for every key (and
            // pg_get_serial_sequence runs for every row), five times the cost of a constant regclass in psql (58 → 13 ms for
            // 20,000 keys).
            command.CommandText = $"SELECT pg_get_serial_sequence('\"{table.Name}\"', '{column}')";
            var sequence = (string)(await command.ExecuteScalarAsync(ct))!;
            var literal = sequence.Replace("'", "''", StringComparison.Ordinal);
            command.CommandText = $"SELECT nextval('{literal}'::regclass)::int FROM generate_series(1, {count})";
            var keys = new List<int>(count);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) keys.Add(reader.GetInt32(0));
            return keys;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Keys of <typeparamref name="T"/> reserved ahead, a block at a time (<see cref="ReserveKeysAsync{T}"/>), for a load that
    /// writes its rows a chunk at a time in one transaction: one reservation a block instead of one a chunk. Keys reserved and
    /// never used are gaps in the sequence on PostgreSQL (as a rolled-back insert leaves) and nothing on SQLite.
    /// </summary>
    public sealed class KeyBlocks<T>(int blockSize) where T : class
    {
        private IReadOnlyList<int> _block = [];
        private int _next;

        public async Task<int[]> TakeAsync(FipDbContext db, int count, CancellationToken ct)
        {
            var taken = new int[count];
            for (var i = 0; i < count; i++)
            {
                if (_next == _block.Count)
                {
                    _block = await ReserveKeysAsync<T>(db, Math.Max(blockSize, count - i), ct, after: _block.Count > 0 ? _block[^1] : 0);
                    _next = 0;
                }
                taken[i] = _block[_next++];
            }
            return taken;
        }
    }

    public static async Task InsertAsync<T>(FipDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool withKeys = false)
        where T : class
    {
        if (rows.Count == 0) return;
        if (!db.Database.IsSqlite() && !db.Database.IsNpgsql())
            throw new NotSupportedException("Only SQLite and PostgreSQL are supported.");
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var properties = entityType.GetProperties().Where(p => withKeys || p.ValueGenerated == ValueGenerated.Never).ToList();
        if (properties.Any(p => p.IsShadowProperty()))
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties: save it normally.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""));
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var getters = properties.Select(p => p.GetGetter()).ToList();

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.IsSqlite() || rows.Count < CopyFrom)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                if (db.Database.IsSqlite() && rows.Count > 1 && SqliteJsonRows.Supports(properties, mappings))
                    await SqliteJsonRows.InsertAsync(command, table.Name, columns, getters, mappings, rows, ct);
                else if (db.Database.IsSqlite())
                {
                    command.CommandText =
                        $"INSERT INTO \"{table.Name}\" ({columns}) VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i))})";
                    // One prepared statement, its parameters made once by each type mapping and rebound per row.
                    var parameters = new System.Data.Common.DbParameter[properties.Count];
                    for (var i = 0; i < properties.Count; i++)
                        command.Parameters.Add(parameters[i] =
                            mappings[i].CreateParameter(command, "@p" + i, getters[i].GetClrValue(rows[0]), properties[i].IsNullable));
                    await command.PrepareAsync(ct);
                    for (var r = 0; r < rows.Count; r++)
                    {
                        if (r > 0)
                            for (var i = 0; i < properties.Count; i++)
                            {
                                var value = getters[i].GetClrValue(rows[r]);
                                if (value is not null && mappings[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                                parameters[i].Value = value ?? DBNull.Value;
                            }
                        await command.ExecuteNonQueryAsync(ct);
                    }
                }
                else
                {
                    // A few rows on PostgreSQL: one statement, one round trip.
                    var tuples = new List<string>(rows.Count);
                    for (var r = 0; r < rows.Count; r++)
                    {
                        var names = new string[properties.Count];
                        for (var i = 0; i < properties.Count; i++)
                        {
                            names[i] = $"@p{r}_{i}";
                            command.Parameters.Add(
                                mappings[i].CreateParameter(command, names[i], getters[i].GetClrValue(rows[r]), properties[i].IsNullable));
                        }
                        tuples.Add("(" + string.Join(", ", names) + ")");
                    }
                    command.CommandText = $"INSERT INTO \"{table.Name}\" ({columns}) VALUES {string.Join(", ", tuples)}";
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
            else if (PostgresTextRows.Supports(properties, mappings))
                await PostgresTextRows.InsertAsync((NpgsqlConnection)db.Database.GetDbConnection(), table.Name, columns, properties,
                    getters, mappings, rows, ct);
            else
            {
                // The store type without its modifiers ("numeric(18,2)" → "numeric") names the binary format.
                var types = mappings.Select(m => m.StoreType.Split('(')[0].Trim()).ToList();
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await using var import =
                    await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var row in rows)
                {
                    await import.StartRowAsync(ct);
                    for (var i = 0; i < properties.Count; i++)
                    {
                        var value = getters[i].GetClrValue(row);
                        if (value is not null && mappings[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                        if (value is null) await import.WriteNullAsync(ct);
                        else await import.WriteAsync(value, types[i], ct);
                    }
                }
                await import.CompleteAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
