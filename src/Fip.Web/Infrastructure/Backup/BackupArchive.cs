using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Fip.Web.Infrastructure.Backup;

/// <summary>A table's row count and content checksum (SHA-256 over its rows, sorted, each value in invariant text).</summary>
public sealed record TableSummary(string Name, long Rows, string Sha256);

/// <summary>A file in the archive: its path there ("database.db", "attachments/ab/ab12…"), size and SHA-256.</summary>
public sealed record ArchivedFile(string Path, long Size, string Sha256);

/// <summary>
/// What a backup holds (manifest.json): the provider and the schema's last migration, the app's version, when it was made,
/// every table's row count and checksum and every file's SHA-256. The archive's last entry, checksum.sha256, is the SHA-256 of
/// manifest.json, so a changed byte anywhere is found on restore.
/// </summary>
public sealed record BackupManifest(int Format, string Provider, string Migration, string AppVersion, DateTime CreatedAt,
    string DatabaseFile, IReadOnlyList<TableSummary> Tables, IReadOnlyList<ArchivedFile> Files)
{
    public const int CurrentFormat = 1;
}

/// <summary>The backup could not be used: the message says why, in words an operator can act on.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// The backup file: a gzip-compressed tar of manifest.json, the database dump, attachments/… and checksum.sha256.
/// </summary>
public static class BackupArchive
{
    public const string ManifestName = "manifest.json";
    public const string ChecksumName = "checksum.sha256";
    public const string AttachmentsFolder = "attachments";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<ArchivedFile> DescribeAsync(string archivePath, string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return new ArchivedFile(archivePath, stream.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)));
    }

    /// <summary>
    /// Writes the archive to a temporary file beside <paramref name="path"/> and renames it into place, so a backup interrupted
    /// half-way never leaves a file that looks complete. <paramref name="files"/>: path in the archive → file on disk.
    /// </summary>
    public static async Task WriteAsync(string path, BackupManifest manifest, IReadOnlyDictionary<string, string> files,
        CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        try
        {
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
                await WriteBytesAsync(tar, ManifestName, manifestBytes, ct);
                foreach (var f in manifest.Files)
                    await tar.WriteEntryAsync(files[f.Path], f.Path, ct);
                await WriteBytesAsync(tar, ChecksumName, Encoding.ASCII.GetBytes(Hash(manifestBytes) + "\n"), ct);
            }
            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task WriteBytesAsync(TarWriter tar, string name, byte[] bytes, CancellationToken ct)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) };
        await tar.WriteEntryAsync(entry, ct);
    }

    /// <summary>
    /// Unpacks the archive into <paramref name="folder"/> and checks it: the manifest against checksum.sha256, every file
    /// against the manifest (none missing, none extra, no path leaving the folder). Returns the manifest.
    /// </summary>
    public static async Task<BackupManifest> ExtractAsync(string path, string folder, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new BackupException($"No such backup file: {path}");
        byte[]? manifestBytes = null;
        string? checksum = null;
        var found = new Dictionary<string, ArchivedFile>(StringComparer.Ordinal);
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        try
        {
            await using var input = File.OpenRead(path);
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                if (entry.Name == ManifestName) manifestBytes = await ReadAllAsync(entry, ct);
                else if (entry.Name == ChecksumName) checksum = Encoding.ASCII.GetString(await ReadAllAsync(entry, ct)).Trim();
                else
                {
                    var target = Path.GetFullPath(Path.Combine(root, entry.Name));
                    if (!target.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.Name))
                        throw Damaged($"it names a file outside the archive ({entry.Name})");
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await using (var file = File.Create(target))
                        if (entry.DataStream is { } data) await data.CopyToAsync(file, ct);
                    found[entry.Name] = await DescribeAsync(entry.Name, target, ct);
                }
            }
            // The tar reader stops at the archive's end marker; reading the compressed stream to its end makes gzip check its
            // CRC-32 over everything, so a damaged byte in a header field or padding (which no SHA-256 covers) is refused too.
            await gzip.CopyToAsync(Stream.Null, ct);
        }
        catch (Exception e) when (e is not (BackupException or OperationCanceledException or UnauthorizedAccessException))
        {
            throw Damaged($"it cannot be read ({e.Message})");
        }
        if (manifestBytes is null || checksum is null) throw Damaged("the manifest or its checksum is missing");
        if (!string.Equals(Hash(manifestBytes), checksum, StringComparison.Ordinal))
            throw Damaged("the manifest does not match its checksum");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(manifestBytes, Json) ?? throw Damaged("the manifest is empty");
        if (manifest.Format > BackupManifest.CurrentFormat)
            throw new BackupException($"The backup's format {manifest.Format} is newer than this version of the platform reads " +
                $"({BackupManifest.CurrentFormat}); restore it with the version that made it ({manifest.AppVersion}) or a newer one.");
        foreach (var expected in manifest.Files)
            if (!found.Remove(expected.Path, out var actual) || actual != expected)
                throw Damaged($"{expected.Path} is {(actual is null ? "missing" : "not the file that was backed up (SHA-256 differs)")}");
        if (found.Count > 0) throw Damaged($"it holds files the manifest does not list ({string.Join(", ", found.Keys.Take(3))})");
        return manifest;
    }

    private static async Task<byte[]> ReadAllAsync(TarEntry entry, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        if (entry.DataStream is { } data) await data.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static BackupException Damaged(string why) =>
        new($"The backup file is damaged and was not restored: {why}. Nothing was changed.");
}
