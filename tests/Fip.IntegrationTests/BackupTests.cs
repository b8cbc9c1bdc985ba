using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fip.Web.Data;
using Fip.Web.Features.Supervision;
using Fip.Web.Infrastructure;
using Fip.Web.Infrastructure.Backup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>
/// fip backup / fip restore on each database, each test on an app and database of its own (a restore replaces the whole
/// database, which the shared app's other tests would not survive).
/// </summary>
public class BackupTests
{
    private static async Task<IReadOnlyList<TableSummary>> TablesAsync(FipApp app) =>
        await app.WithAsync<FipDbContext, IReadOnlyList<TableSummary>>(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return await TableSummaries.ReadAsync(db.Database.GetDbConnection(), app.Provider, CancellationToken.None);
        });

    private static SortedDictionary<string, string> AttachmentHashes(FipApp app) =>
        new(Directory.Exists(app.AttachmentsPath)
            ? Directory.EnumerateFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(app.AttachmentsPath, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))))
            : [], StringComparer.Ordinal);

    private static Task<(string Key, string Sha256)> AttachAsync(FipApp app, string text) =>
        app.WithAsync<AttachmentStore, (string, string)>(
            s => s.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None));

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"fip-backup-{Guid.NewGuid():N}.tar.gz");

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BackupChangeRestore_GivesBackIdenticalTablesAndAttachments(DatabaseProvider provider)
    {
        using var app = FipApp.Start(provider);
        var kept = await app.CreateUserAsync("leader");
        var (keptFile, _) = await AttachAsync(app, "进展报送佐证材料");
        await AttachAsync(app, "second evidence");
        var tables = await TablesAsync(app);
        var files = AttachmentHashes(app);
        Assert.Equal(2, files.Count);
        Assert.Contains(tables, t => t.Name == "AspNetUsers" && t.Rows >= 2);
        var file = TempFile();
        try
        {
            var (code, output, error) = await app.RunCliAsync("backup", file);
            Assert.True(code == 0, error);
            Assert.Contains("2 attachments", output, StringComparison.Ordinal);

            // Changes after the backup: a new user, a renamed one, an attachment gone and another one added.
            var added = await app.CreateUserAsync("leader");
            app.Use(db =>
            {
                db.Users.Single(u => u.Id == kept.Id).DisplayName = "改过的名字";
                return db.Save();
            });
            await app.WithAsync<AttachmentStore, int>(s =>
            {
                s.Delete(keptFile);
                return Task.FromResult(0);
            });
            await AttachAsync(app, "added after the backup");
            Assert.NotEqual(tables, await TablesAsync(app));

            // A database with data is not overwritten without --force.
            (code, _, error) = await app.RunCliAsync("restore", file);
            Assert.Equal(1, code);
            Assert.Contains("--force", error, StringComparison.Ordinal);
            Assert.True(app.Use(db => db.Users.Any(u => u.Id == added.Id)));

            (code, output, error) = await app.RunCliAsync("restore", file, "--force");
            Assert.True(code == 0, error);
            Assert.Contains("checksums verified", output, StringComparison.Ordinal);
            Assert.Equal(tables, await TablesAsync(app));
            Assert.Equal(files, AttachmentHashes(app));
            Assert.False(app.Use(db => db.Users.Any(u => u.Id == added.Id)));
            Assert.Equal("测试leader", app.Use(db => db.Users.Single(u => u.Id == kept.Id).DisplayName));
            // The running app works on the restored database.
            var client = app.BrowserClient();
            Assert.Equal(System.Net.HttpStatusCode.Redirect,
                (await FipApp.SignInAsync(client, kept.UserName!, FipApp.UserPassword)).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<DatabaseProvider, string> Refusals()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var kind in new[] { "newer-schema", "flipped-byte", "changed-attachment", "changed-manifest", "extra-file",
                         "missing-database", "other-provider" })
                data.Add(provider, kind);
        return data;
    }

    [Theory, MemberData(nameof(Refusals))]
    public async Task Restore_RefusesAFileItCannotTrust_AndChangesNothing(DatabaseProvider provider, string kind)
    {
        using var app = FipApp.Start(provider);
        await AttachAsync(app, "evidence");
        var file = TempFile();
        try
        {
            Assert.Equal(0, (await app.RunCliAsync("backup", file)).Code);
            var after = await app.CreateUserAsync("leader");
            var tables = await TablesAsync(app);
            var files = AttachmentHashes(app);
            var expected = Tamper(file, kind);

            var (code, _, error) = await app.RunCliAsync("restore", file, "--force");

            Assert.Equal(1, code);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", error, StringComparison.Ordinal);
            Assert.Equal(tables, await TablesAsync(app));
            Assert.Equal(files, AttachmentHashes(app));
            Assert.True(app.Use(db => db.Users.Any(u => u.Id == after.Id)));
            Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(app.AttachmentsPath)!,
                Path.GetFileName(app.AttachmentsPath) + ".restore-*"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The archive's decompressed bytes, or null when gzip refuses them (bad data or CRC).</summary>
    private static byte[]? Inflated(byte[] gz)
    {
        try
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress)) gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Spoils the backup in one way; returns what the refusal must say.</summary>
    private static string Tamper(string file, string kind)
    {
        if (kind == "flipped-byte")
        {
            // Damage in transit: one bit flipped from the middle on, at the first place where it changes what the file holds (a
            // flip in an unused bit of a deflate block header decodes to the very same archive, which is then restored rightly).
            var bytes = File.ReadAllBytes(file);
            var original = Inflated(bytes);
            for (var at = bytes.Length / 2; ; at++)
            {
                bytes[at] ^= 0x40;
                if (Inflated(bytes) is not { } changed || !changed.AsSpan().SequenceEqual(original)) break;
                bytes[at] ^= 0x40;
            }
            File.WriteAllBytes(file, bytes);
            return "damaged";
        }
        var entries = Read(file);
        var manifest = JsonNode.Parse(entries[BackupArchive.ManifestName])!;
        var attachment = entries.Keys.First(k => k.StartsWith("attachments/", StringComparison.Ordinal));
        var database = (string)manifest["databaseFile"]!;
        string expected;
        switch (kind)
        {
            case "newer-schema":
                manifest["migration"] = "29991231000000_FromTheFuture";
                expected = "29991231000000_FromTheFuture is unknown to this version";
                break;
            case "other-provider":
                manifest["provider"] = (string)manifest["provider"]! == "Sqlite" ? "Postgres" : "Sqlite";
                expected = "restore it into a";
                break;
            case "changed-attachment":
                entries[attachment] = Encoding.UTF8.GetBytes("not the evidence");
                expected = $"{attachment} is not the file that was backed up";
                break;
            case "changed-manifest":
                manifest["tables"]![0]!["rows"] = 12345;
                entries[BackupArchive.ManifestName] = Encoding.UTF8.GetBytes(manifest.ToJsonString());
                Write(file, entries);
                return "the manifest does not match its checksum";
            case "extra-file":
                entries["attachments/zz/zz-planted"] = [1, 2, 3];
                expected = "files the manifest does not list";
                break;
            case "missing-database":
                entries.Remove(database);
                expected = $"{database} is missing";
                break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
        // A consistent checksum over the changed manifest: only the manifest's own checks can find the change.
        var json = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        entries[BackupArchive.ManifestName] = json;
        entries[BackupArchive.ChecksumName] = Encoding.ASCII.GetBytes(BackupArchive.Hash(json) + "\n");
        Write(file, entries);
        return expected;
    }

    private static Dictionary<string, byte[]> Read(string file)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            using var buffer = new MemoryStream();
            entry.DataStream?.CopyTo(buffer);
            entries[entry.Name] = buffer.ToArray();
        }
        return entries;
    }

    private static void Write(string file, Dictionary<string, byte[]> entries)
    {
        using var gzip = new GZipStream(File.Create(file), CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        // The checksum stays last, as the platform writes it.
        foreach (var (name, bytes) in entries.OrderBy(e => e.Key == BackupArchive.ChecksumName))
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ScheduledBackup_WritesIntoTheFolder_KeepsTheNewest_AndSkipsWhenOneIsFresh(DatabaseProvider provider)
    {
        var app = FipApp.For(provider);
        var folder = Path.Combine(Path.GetTempPath(), $"fip-backups-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string[] older = ["fip-20250101-000000.tar.gz", "fip-20250102-000000.tar.gz", "fip-20250103-000000.tar.gz"];
        foreach (var name in older)
        {
            File.WriteAllText(Path.Combine(folder, name), "old");
            File.SetLastWriteTimeUtc(Path.Combine(folder, name), DateTime.UtcNow.AddDays(-3));
        }
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a backup");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = app.ConnectionString,
            ["Storage:Attachments"] = app.AttachmentsPath,
            ["Backup:Directory"] = folder,
            ["Backup:Hours"] = "24",
            ["Backup:Keep"] = "2",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddFipCore(configuration);
        await using var provided = services.BuildServiceProvider();
        var job = provided.GetServices<Fip.Web.Infrastructure.Jobs.IScheduledJob>().OfType<ScheduledBackupJob>().Single();
        try
        {
            await using (var scope = provided.CreateAsyncScope())
                Assert.StartsWith("backup ", await job.RunAsync(scope.ServiceProvider, CancellationToken.None), StringComparison.Ordinal);
            var kept = ScheduledBackupJob.Backups(folder).Select(Path.GetFileName).ToList();
            Assert.Equal(2, kept.Count);
            Assert.Equal(older[^1], kept[0]);
            Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
            var made = Path.Combine(folder, kept[1]!);
            await using (var scope = provided.CreateAsyncScope())
                Assert.Null(await job.RunAsync(scope.ServiceProvider, CancellationToken.None)); // a fresh one is there
            Assert.Equal(kept, ScheduledBackupJob.Backups(folder).Select(Path.GetFileName).ToList());
            // The file it made is a whole backup: its checks pass.
            var check = Path.Combine(folder, "check");
            var manifest = await BackupArchive.ExtractAsync(made, check, CancellationToken.None);
            Assert.Equal(provider.ToString(), manifest.Provider);
            Assert.Contains(manifest.Tables, t => t.Name == "AspNetUsers" && t.Rows > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
