using System.Diagnostics;
using System.Reflection;
using Fip.Web.Data;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Infrastructure.Backup;

/// <summary>A restore's temporary database: a file (SQLite) or a database beside the live one (PostgreSQL).</summary>
internal sealed record PreparedRestore(string Name, string ConnectionString);

/// <summary>What each engine does for a backup and a restore; <see cref="BackupService"/> does the rest.</summary>
internal interface IDatabaseEngine
{
    string DumpFileName { get; }
    /// <summary>Writes the dump; returns the tables as dumped.</summary>
    Task<IReadOnlyList<TableSummary>> DumpAsync(string file, CancellationToken ct);
    /// <summary>Rows the live database holds outside the migrations' history (0 when it does not exist).</summary>
    Task<long> LiveDataRowsAsync(CancellationToken ct);
    /// <summary>Loads the dump into a temporary database, leaving the live one alone.</summary>
    Task<PreparedRestore> PrepareAsync(string dumpFile, CancellationToken ct);
    System.Data.Common.DbConnection Connection(PreparedRestore prepared);
    FipDbContext Context(PreparedRestore prepared);
    /// <summary>Makes the temporary database the live one.</summary>
    Task SwapAsync(PreparedRestore prepared, CancellationToken ct);
    Task DiscardAsync(PreparedRestore prepared);
}

public sealed record BackupReport(string Path, BackupManifest Manifest, long Bytes, TimeSpan Duration);

public sealed record RestoreReport(BackupManifest Manifest, string? MigratedTo, int Attachments, TimeSpan Duration);

/// <summary>
/// <c>fip backup FILE</c>, <c>fip restore FILE</c> and the scheduled backup: the database (SQLite online backup, PostgreSQL
/// pg_dump) and the attachments (<c>Storage:Attachments</c>) in one archive with a manifest and checksums (<see cref="BackupArchive"/>).
/// </summary>
public sealed class BackupService(FipDbContext db, DatabaseOptions options, IConfiguration configuration,
    IHostEnvironment? environment = null)
{
    public string AttachmentsRoot { get; } =
        StoragePaths.Attachments(configuration, environment?.ContentRootPath ?? StoragePaths.CommandLineContentRoot());

    private IDatabaseEngine Engine() => options.Provider == DatabaseProvider.Sqlite
        ? new SqliteEngine(options.EffectiveConnectionString)
        : new PostgresEngine(options.EffectiveConnectionString);

    public static string AppVersion =>
        typeof(BackupService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<BackupReport> BackupAsync(string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var engine = Engine();
        var work = Path.GetFullPath(path) + $".work-{Guid.NewGuid():N}";
        Directory.CreateDirectory(work);
        try
        {
            var migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault()
                ?? throw new BackupException("The database has no schema yet (run fip migrate): there is nothing to back up.");
            var dump = Path.Combine(work, engine.DumpFileName);
            var tables = await engine.DumpAsync(dump, ct);
            // Attachments after the database: every file the dump names is there (files are added, never changed).
            var files = new Dictionary<string, string>(StringComparer.Ordinal) { [engine.DumpFileName] = dump };
            if (Directory.Exists(AttachmentsRoot))
                foreach (var file in Directory.EnumerateFiles(AttachmentsRoot, "*", SearchOption.AllDirectories)
                             .Order(StringComparer.Ordinal))
                    files[BackupArchive.AttachmentsFolder + "/" + Path.GetRelativePath(AttachmentsRoot, file).Replace('\\', '/')] = file;
            var described = new List<ArchivedFile>();
            foreach (var (name, file) in files) described.Add(await BackupArchive.DescribeAsync(name, file, ct));
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, options.Provider.ToString(), migration, AppVersion,
                DateTime.UtcNow, engine.DumpFileName, tables, described);
            await BackupArchive.WriteAsync(path, manifest, files, ct);
            return new BackupReport(Path.GetFullPath(path), manifest, new FileInfo(path).Length, clock.Elapsed);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Checks the file (checksums, schema, provider), refuses a non-empty database without <paramref name="force"/>, loads the
    /// database into a temporary one, checks its tables against the manifest, migrates it when the backup is older, then swaps it
    /// in and the attachments folder after it. Until the swap nothing live is touched.
    /// </summary>
    public async Task<RestoreReport> RestoreAsync(string path, bool force, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var engine = Engine();
        var id = Guid.NewGuid().ToString("N")[..8];
        // Beside the attachments folder, so the restored folder is renamed into place on the same file system.
        var staging = AttachmentsRoot.TrimEnd(Path.DirectorySeparatorChar) + ".restore-" + id;
        try
        {
            var manifest = await BackupArchive.ExtractAsync(path, staging, ct);
            if (!string.Equals(manifest.Provider, options.Provider.ToString(), StringComparison.Ordinal))
                throw new BackupException($"This backup is of a {manifest.Provider} database and this installation uses " +
                    $"{options.Provider}: " +
                    $"restore it into a {manifest.Provider} installation. Nothing was changed.");
            var known = db.Database.GetMigrations().ToList();
            if (!known.Contains(manifest.Migration, StringComparer.Ordinal))
                throw new BackupException($"The backup was made by a newer version of the platform ({manifest.AppVersion}): its schema's " +
                    $"last migration {manifest.Migration} is unknown to this version ({AppVersion}, last migration " +
                    $"{known.LastOrDefault()}). " +
                    "Upgrade the platform, then restore. Nothing was changed.");
            var rows = await engine.LiveDataRowsAsync(ct);
            if (rows > 0 && !force)
                throw new BackupException($"The database is not empty ({rows} rows): restoring replaces it and the attachments in " +
                    $"{AttachmentsRoot}. Run again with --force to overwrite.");
            var prepared = await engine.PrepareAsync(Path.Combine(staging, manifest.DatabaseFile), ct);
            string? migratedTo = null;
            try
            {
                IReadOnlyList<TableSummary> restored;
                await using (var connection = engine.Connection(prepared))
                {
                    await connection.OpenAsync(ct);
                    restored = await TableSummaries.ReadAsync(connection, options.Provider, ct);
                }
                if (Mismatch(manifest.Tables, restored) is { } why)
                    throw new BackupException($"The restored database does not match the backup's manifest ({why}). Nothing was changed.");
                if (manifest.Migration != known[^1])
                {
                    await using var context = engine.Context(prepared);
                    await DatabaseSetup.MigrateAsync(context, ct);
                    migratedTo = known[^1];
                }
                await engine.SwapAsync(prepared, ct);
            }
            catch
            {
                await engine.DiscardAsync(prepared);
                throw;
            }
            var attachments = SwapAttachments(Path.Combine(staging, BackupArchive.AttachmentsFolder), id);
            return new RestoreReport(manifest, migratedTo, attachments, clock.Elapsed);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static string? Mismatch(IReadOnlyList<TableSummary> expected, IReadOnlyList<TableSummary> actual)
    {
        foreach (var e in expected)
            if (actual.FirstOrDefault(a => a.Name == e.Name) is not { } a) return $"table {e.Name} is missing";
            else if (a.Rows != e.Rows) return $"table {e.Name} has {a.Rows} rows, the backup {e.Rows}";
            else if (a.Sha256 != e.Sha256) return $"table {e.Name}'s content differs";
        return actual.Count != expected.Count ? "the restored database has tables the backup does not" : null;
    }

    /// <summary>The restored folder replaces the live one by two renames; the old one is deleted afterwards.</summary>
    private int SwapAttachments(string restored, string id)
    {
        Directory.CreateDirectory(restored);
        var count = Directory.EnumerateFiles(restored, "*", SearchOption.AllDirectories).Count();
        var old = AttachmentsRoot.TrimEnd(Path.DirectorySeparatorChar) + ".old-" + id;
        Directory.CreateDirectory(Path.GetDirectoryName(AttachmentsRoot.TrimEnd(Path.DirectorySeparatorChar))!);
        if (Directory.Exists(AttachmentsRoot)) Directory.Move(AttachmentsRoot, old);
        Directory.Move(restored, AttachmentsRoot);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        return count;
    }
}

/// <summary>
/// Every <c>Backup:Hours</c> (24) hours, when <c>Backup:Directory</c> is set: a backup named fip-YYYYMMDD-HHMMSS.tar.gz there,
/// keeping the newest <c>Backup:Keep</c> (7). A backup younger than the interval (another node's, or one before a restart) counts.
/// </summary>
public sealed class ScheduledBackupJob : IScheduledJob
{
    public const string Prefix = "fip-";
    public const string Suffix = ".tar.gz";

    public string Name => "backup";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromHours(Math.Max(1, configuration.GetValue("Backup:Hours", 24.0)));

    public TimeSpan FirstRunAfter => TimeSpan.FromMinutes(2);

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration["Backup:Directory"] is not { Length: > 0 } folder) return null;
        Directory.CreateDirectory(folder);
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = Backups(folder);
        // A little slack, so a run a few seconds early is not skipped for a whole interval.
        if (existing.Count > 0 && now - File.GetLastWriteTimeUtc(existing[^1]) < Interval(configuration) * 0.9) return null;
        var path = Path.Combine(folder, $"{Prefix}{now:yyyyMMdd-HHmmss}{Suffix}");
        var report = await services.GetRequiredService<BackupService>().BackupAsync(path, ct);
        var keep = Math.Max(1, configuration.GetValue("Backup:Keep", 7));
        var all = Backups(folder);
        foreach (var old in all.Take(Math.Max(0, all.Count - keep))) File.Delete(old);
        return $"backup {report.Path} ({report.Bytes / 1024} KiB, {report.Duration.TotalSeconds:0.0} s), kept {Math.Min(keep, all.Count)}";
    }

    /// <summary>The scheduled backups in the folder, oldest first (their names sort by time).</summary>
    public static List<string> Backups(string folder) =>
        [.. Directory.EnumerateFiles(folder, Prefix + "*" + Suffix).Order(StringComparer.Ordinal)];
}

public static class BackupServices
{
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddScoped<BackupService>();
        services.AddScheduledJob<ScheduledBackupJob>();
        return services;
    }
}
