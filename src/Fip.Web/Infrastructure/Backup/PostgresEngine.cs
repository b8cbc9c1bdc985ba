using System.ComponentModel;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fip.Web.Infrastructure.Backup;

/// <summary>
/// PostgreSQL through pg_dump -Fc and pg_restore (found on PATH, major version at least the server's). A backup dumps the
/// snapshot its row counts and checksums were read in. A restore loads into a new database beside the live one, checks and
/// migrates it there, then swaps the names (the live database renamed away, the new one renamed in, the old one dropped):
/// until the swap the live database is untouched, and a failed swap renames it back.
/// </summary>
internal sealed partial class PostgresEngine(string connectionString) : IDatabaseEngine
{
    public string DumpFileName => "database.pgdump";

    private readonly NpgsqlConnectionStringBuilder _live = new(connectionString);

    private string LiveName => _live.Database ?? throw new BackupException("Database:ConnectionString names no Database.");

    private string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = false }.ToString();

    private string Maintenance => ConnectionTo("postgres");

    public async Task<IReadOnlyList<TableSummary>> DumpAsync(string file, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionTo(LiveName));
        await connection.OpenAsync(ct);
        await CheckToolAsync("pg_dump", connection, ct);
        // The counts and checksums are read in the snapshot pg_dump dumps, so they describe exactly what the file holds.
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
        var id = (string)(await export.ExecuteScalarAsync(ct))!;
        var tables = await TableSummaries.ReadAsync(connection, DatabaseProvider.Postgres, ct, snapshot);
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={id}", $"--file={file}", LiveName], ct);
        await snapshot.CommitAsync(ct);
        return tables;
    }

    public async Task<long> LiveDataRowsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionTo(LiveName));
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return 0; // the database is gone (wiped): the restore creates it
        }
        return await TableSummaries.DataRowsAsync(connection, DatabaseProvider.Postgres, ct);
    }

    public async Task<PreparedRestore> PrepareAsync(string dumpFile, CancellationToken ct)
    {
        var live = LiveName;
        var name = $"{(live.Length > 40 ? live[..40] : live)}_restore_{Guid.NewGuid().ToString("N")[..8]}";
        await using (var admin = new NpgsqlConnection(Maintenance))
        {
            await admin.OpenAsync(ct);
            await CheckToolAsync("pg_restore", admin, ct);
            await ExecuteAsync(admin, $"CREATE DATABASE {TableSummaries.Quote(name)} TEMPLATE template0 ENCODING 'UTF8'", ct);
        }
        var prepared = new PreparedRestore(name, ConnectionTo(name));
        try
        {
            await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={name}",
                dumpFile], ct);
        }
        catch
        {
            await DiscardAsync(prepared);
            throw;
        }
        return prepared;
    }

    public System.Data.Common.DbConnection Connection(PreparedRestore prepared) => new NpgsqlConnection(prepared.ConnectionString);

    public FipDbContext Context(PreparedRestore prepared) =>
        new PostgresFipDbContext(new DbContextOptionsBuilder<PostgresFipDbContext>().UseNpgsql(prepared.ConnectionString).Options);

    public async Task SwapAsync(PreparedRestore prepared, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Maintenance);
        await admin.OpenAsync(ct);
        var live = TableSummaries.Quote(LiveName);
        var old = TableSummaries.Quote($"{prepared.Name}_old");
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", LiveName);
        var hadLive = (long)(await exists.ExecuteScalarAsync(ct))! > 0;
        if (hadLive)
        {
            // No new sessions, then end the running ones (the app's nodes reconnect to the restored database after the swap).
            await ExecuteAsync(admin, $"ALTER DATABASE {live} ALLOW_CONNECTIONS false", ct);
            try
            {
                await RetryWhileInUseAsync(admin, LiveName, $"ALTER DATABASE {live} RENAME TO {old}", ct);
            }
            catch
            {
                await ExecuteAsync(admin, $"ALTER DATABASE {live} ALLOW_CONNECTIONS true", CancellationToken.None);
                throw;
            }
        }
        try
        {
            await ExecuteAsync(admin, $"ALTER DATABASE {TableSummaries.Quote(prepared.Name)} RENAME TO {live}", ct);
        }
        catch when (hadLive)
        {
            await ExecuteAsync(admin, $"ALTER DATABASE {old} RENAME TO {live}", CancellationToken.None);
            await ExecuteAsync(admin, $"ALTER DATABASE {live} ALLOW_CONNECTIONS true", CancellationToken.None);
            throw;
        }
        if (hadLive) await ExecuteAsync(admin, $"DROP DATABASE {old} WITH (FORCE)", CancellationToken.None);
    }

    public async Task DiscardAsync(PreparedRestore prepared)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Maintenance);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {TableSummaries.Quote(prepared.Name)} WITH (FORCE)", CancellationToken.None);
    }

    private static async Task RetryWhileInUseAsync(NpgsqlConnection admin, string database, string sql, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            const string EndSessions =
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()";
            await using (var end = new NpgsqlCommand(EndSessions, admin))
            {
                end.Parameters.AddWithValue("name", database);
                await end.ExecuteNonQueryAsync(ct);
            }
            try
            {
                await ExecuteAsync(admin, sql, ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(250, ct); // terminated sessions take a moment to end
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"\)\s+(\d+)")]
    private static partial Regex ToolVersion();

    /// <summary>The tool must be on PATH and of the server's major version or newer (an older pg_dump refuses a newer server).</summary>
    private async Task CheckToolAsync(string tool, NpgsqlConnection server, CancellationToken ct)
    {
        var version = await RunAsync(tool, ["--version"], ct);
        await using var command = new NpgsqlCommand("SHOW server_version_num", server);
        var serverMajor = int.Parse((string)(await command.ExecuteScalarAsync(ct))!, CultureInfo.InvariantCulture) / 10000;
        if (ToolVersion().Match(version) is not { Success: true } m
            || int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var toolMajor && toolMajor < serverMajor)
            throw new BackupException($"{version.Trim()} cannot work with this PostgreSQL {serverMajor} server: install the client tools " +
                $"of version {serverMajor} or newer (Debian: postgresql-client-{serverMajor}) and put them first on PATH.");
    }

    /// <summary>Runs a PostgreSQL client tool with the connection's host, port, user and password in its environment.</summary>
    private async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (_live.Host is { } host) start.Environment["PGHOST"] = host.Split(',')[0];
        start.Environment["PGPORT"] = _live.Port.ToString(CultureInfo.InvariantCulture);
        if (_live.Username is { } user) start.Environment["PGUSER"] = user;
        if (_live.Password is { } password) start.Environment["PGPASSWORD"] = password;
        start.Environment["PGSSLMODE"] = _live.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new BackupException($"{tool} was not found on PATH: install the PostgreSQL client tools (Debian: postgresql-client) " +
                "of the server's major version or newer.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await error).Trim()}");
            return await output;
        }
    }
}
