using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
/// </summary>
internal sealed class DeferredIndexes
{
    private readonly List<(string Name, string Create)> dropped;

    private DeferredIndexes(List<(string, string)> dropped) => this.dropped = dropped;

    /// <summary>Drops the non-unique indexes of <paramref name="table"/> (the unique ones too when <paramref name="unique"/>, but
    /// not an index behind a constraint; on PostgreSQL its primary key when <paramref name="primaryKey"/>) in the current
    /// transaction.</summary>
    public static async Task<DeferredIndexes> DropAsync(FipDbContext db, string table, bool primaryKey, CancellationToken ct,
        bool unique = false)
    {
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
        foreach (var (name, create) in found)
        {
            await using var command = Command(db);
            command.CommandText = create.StartsWith("ALTER TABLE", StringComparison.Ordinal)
                ? $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\""
                : $"DROP INDEX \"{name}\"";
            await command.ExecuteNonQueryAsync(ct);
        }
        return new DeferredIndexes(found);
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
