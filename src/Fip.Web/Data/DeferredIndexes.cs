using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fip.Web.Data;

/// <summary>
/// A table's secondary indexes dropped in the current transaction and made again, as they were, before it commits: for a
/// load of more rows than the table holds, one sorted build of each index costs a fraction of millions of inserts into
/// B-trees that outgrow the page cache (pg_restore loads the same way). Unique indexes stay (they answer the load's key
/// lookups and keep its keys unique) unless asked, by a load that needs no lookups and whose keys are unique by its own check
/// (its build fails otherwise, and the load with it); a primary key goes only where asked (<see cref="DropAsync"/>) and the database can
/// (PostgreSQL; a SQLite table's primary key is the table itself or cannot be dropped). The definitions are read from the
/// database's own catalogue, so they are made again exactly as the migrations left them. Everything happens in the caller's
/// transaction: a rollback, or a failure before <see cref="CreateAsync"/>, leaves the indexes as they were. On SQLite a WAL
/// reader keeps its snapshot, indexes included, and other writers wait for the write lock as they would for any import; on
/// PostgreSQL dropping an index locks its table (ACCESS EXCLUSIVE) until the commit, so readers of the table wait for it.
/// On PostgreSQL a table's foreign keys may go too (<c>foreignKeys</c>): a load into an empty table then has no trigger a row
/// (each checking its reference, and locking the referenced row), and each key is added again after the rows by one validating
/// join. Dropping a foreign key locks the referenced table too (ACCESS EXCLUSIVE: its triggers go with the key) until the commit.
/// A key that no longer holds once the rows are in throws <see cref="MissingReferenceException"/>, the transaction still usable
/// (a savepoint around each key) so that the caller can say which row and roll everything back.
/// </summary>
internal sealed class DeferredIndexes
{
    private readonly List<(string Name, string Create)> dropped;
    private readonly List<ForeignKey> keys;

    private DeferredIndexes(List<(string, string)> dropped, List<ForeignKey> keys) => (this.dropped, this.keys) = (dropped, keys);

    /// <summary>A dropped single-column foreign key: how to add it again, and what it refers to.</summary>
    private sealed record ForeignKey(string Table, string Name, string Create, string Column, string Parent, string ParentColumn);

    /// <summary>Drops the non-unique indexes of <paramref name="table"/> (the unique ones too when <paramref name="unique"/>, but
    /// not an index behind a constraint; on PostgreSQL its primary key when <paramref name="primaryKey"/>, its single-column
    /// foreign keys when <paramref name="foreignKeys"/>) in the current transaction.</summary>
    public static async Task<DeferredIndexes> DropAsync(FipDbContext db, string table, bool primaryKey, CancellationToken ct,
        bool unique = false, bool foreignKeys = false)
    {
        if (foreignKeys && !db.Database.IsNpgsql()) throw new NotSupportedException("Foreign keys are deferred on PostgreSQL only.");
        var found = new List<(string Name, string Create)>();
        var sqlite = db.Database.IsSqlite();
        await using (var command = Command(db))
        {
            command.CommandText = sqlite
                ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = @t AND sql IS NOT NULL " +
                  "AND (@unique OR sql NOT LIKE 'CREATE UNIQUE %') ORDER BY name"
                : "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
                  "WHERE i.indrelid = to_regclass(quote_ident(@t)) AND NOT i.indisprimary " +
                  "AND (NOT i.indisunique OR @unique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)) " +
                  "UNION ALL SELECT conname, 'ALTER TABLE ' || quote_ident(@t) || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' " +
                  "|| pg_get_constraintdef(oid) FROM pg_constraint " +
                  "WHERE @pk AND contype = 'p' AND conrelid = to_regclass(quote_ident(@t)) " +
                  "ORDER BY 1";
            Add(command, "@t", table);
            Add(command, "@pk", primaryKey);
            Add(command, "@unique", unique);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) found.Add((reader.GetString(0), reader.GetString(1)));
        }
        var keys = new List<ForeignKey>();
        if (foreignKeys)
        {
            await using var command = Command(db);
            // Single-column keys only (a composite one stays where it is).
            command.CommandText =
                "SELECT k.conname, 'ALTER TABLE ' || quote_ident(@t) || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' " +
                "|| pg_get_constraintdef(k.oid), a.attname, p.relname, pa.attname FROM pg_constraint k " +
                "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] " +
                "JOIN pg_class p ON p.oid = k.confrelid " +
                "JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1] " +
                "WHERE k.contype = 'f' AND k.conrelid = to_regclass(quote_ident(@t)) AND cardinality(k.conkey) = 1 ORDER BY 1";
            Add(command, "@t", table);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                keys.Add(new ForeignKey(table, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4)));
        }
        foreach (var key in keys)
        {
            await using var command = Command(db);
            command.CommandText = $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{key.Name}\"";
            await command.ExecuteNonQueryAsync(ct);
        }
        foreach (var (name, create) in found)
        {
            await using var command = Command(db);
            command.CommandText = create.StartsWith("ALTER TABLE", StringComparison.Ordinal)
                ? $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\""
                : $"DROP INDEX \"{name}\"";
            await command.ExecuteNonQueryAsync(ct);
        }
        return new DeferredIndexes(found, keys);
    }

    /// <summary>Makes the dropped indexes again, in the current transaction (each one a sorted build of the whole table).</summary>
    public async Task CreateAsync(FipDbContext db, CancellationToken ct)
    {
        foreach (var (_, create) in dropped)
        {
            await using var command = Command(db);
            command.CommandText = create;
            command.CommandTimeout = 0; // a build over millions of rows takes what it takes; the import's cancellation stops it
            await command.ExecuteNonQueryAsync(ct);
        }
        dropped.Clear();
        foreach (var key in keys) await AddAsync(db, key, ct);
        keys.Clear();
    }

    /// <summary>
    /// Adds a dropped foreign key again (one join over the table), under a savepoint: when a row refers to nothing, the
    /// savepoint is rolled back and the first such row (in key order) is read and thrown as <see cref="MissingReferenceException"/>.
    /// </summary>
    private static async Task AddAsync(FipDbContext db, ForeignKey key, CancellationToken ct)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await transaction.SaveAsync("deferred_key", ct);
        try
        {
            await using var command = Command(db);
            command.CommandText = key.Create;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            await transaction.RollbackAsync("deferred_key", ct);
            await using var command = Command(db);
            command.CommandText =
                $"SELECT * FROM \"{key.Table}\" c WHERE c.\"{key.Column}\" IS NOT NULL AND NOT EXISTS " +
                $"(SELECT 1 FROM \"{key.Parent}\" p WHERE p.\"{key.ParentColumn}\" = c.\"{key.Column}\") LIMIT 1";
            command.CommandTimeout = 0;
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(ct))
                if (await reader.ReadAsync(ct))
                    for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            throw new MissingReferenceException(key.Table, key.Column, key.Parent, row, e);
        }
        await transaction.ReleaseAsync("deferred_key", ct);
    }

    private static DbCommand Command(FipDbContext db)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Indexes are dropped and made again within the caller's transaction.");
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>
/// A foreign key made again after a load (<see cref="DeferredIndexes"/>) found a row of <see cref="Table"/> whose
/// <see cref="Column"/> refers to no row of <see cref="Parent"/>: <see cref="Row"/> is that row's columns. The transaction
/// is still usable, to be rolled back.
/// </summary>
internal sealed class MissingReferenceException(string table, string column, string parent,
    IReadOnlyDictionary<string, object?> row, Exception inner)
    : Exception($"A row of {table} refers by {column} to no row of {parent}.", inner)
{
    public string Table { get; } = table;
    public string Column { get; } = column;
    public string Parent { get; } = parent;
    public IReadOnlyDictionary<string, object?> Row { get; } = row;
}
