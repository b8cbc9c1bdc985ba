using Fip.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Infrastructure.Backup;

/// <summary>
/// SQLite through its online backup API: a backup copies the live file page by page while the app keeps working; a restore
/// copies a checked, migrated temporary file onto the live one in one step (the API writes the destination in one transaction,
/// so a failure leaves it as it was).
/// </summary>
internal sealed class SqliteEngine(string connectionString) : IDatabaseEngine
{
    public string DumpFileName => "database.db";

    private static SqliteConnection Open(string file) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());

    private string LiveFile => new SqliteConnectionStringBuilder(connectionString).DataSource;

    public async Task<IReadOnlyList<TableSummary>> DumpAsync(string file, CancellationToken ct)
    {
        await using (var live = new SqliteConnection(connectionString))
        await using (var copy = Open(file))
        {
            await live.OpenAsync(ct);
            await copy.OpenAsync(ct);
            live.BackupDatabase(copy);
        }
        // One self-contained file (no -wal beside it), summarised as copied.
        await using var done = Open(file);
        await done.OpenAsync(ct);
        await using (var journal = done.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteNonQueryAsync(ct);
        }
        return await TableSummaries.ReadAsync(done, DatabaseProvider.Sqlite, ct);
    }

    public async Task<long> LiveDataRowsAsync(CancellationToken ct)
    {
        if (!File.Exists(LiveFile)) return 0;
        await using var live = Open(LiveFile);
        await live.OpenAsync(ct);
        return await TableSummaries.DataRowsAsync(live, DatabaseProvider.Sqlite, ct);
    }

    public async Task<PreparedRestore> PrepareAsync(string dumpFile, CancellationToken ct)
    {
        await using (var check = Open(dumpFile))
        {
            await check.OpenAsync(ct);
            await using var integrity = check.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check;";
            if (await integrity.ExecuteScalarAsync(ct) is not "ok")
                throw new BackupException("The backup's database file fails SQLite's integrity check; nothing was changed.");
        }
        return new PreparedRestore(dumpFile, $"Data Source={dumpFile};Pooling=False");
    }

    public System.Data.Common.DbConnection Connection(PreparedRestore prepared) => Open(prepared.Name);

    public FipDbContext Context(PreparedRestore prepared) =>
        new SqliteFipDbContext(new DbContextOptionsBuilder<SqliteFipDbContext>().UseSqlite(prepared.ConnectionString).Options);

    public async Task SwapAsync(PreparedRestore prepared, CancellationToken ct)
    {
        SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(Path.GetFullPath(LiveFile));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        await using (var source = Open(prepared.Name))
        await using (var live = Open(LiveFile))
        {
            await source.OpenAsync(ct);
            await live.OpenAsync(ct);
            source.BackupDatabase(live);
            await using var wal = live.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(ct);
        }
        SqliteKeptConnections.Release(LiveFile);
        SqliteConnection.ClearAllPools();
    }

    public Task DiscardAsync(PreparedRestore prepared) => Task.CompletedTask; // the temporary file goes with the staging folder
}
