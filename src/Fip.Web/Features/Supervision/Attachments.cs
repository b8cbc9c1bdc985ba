using System.IO.Compression;
using System.Security.Cryptography;

namespace Fip.Web.Features.Supervision;

/// <summary>The kinds of evidence a report may carry, recognised by their content (never by the name or the declared type).</summary>
public static class EvidenceTypes
{
    public const long MaxBytes = 20 * 1024 * 1024;

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".wps"] = "application/vnd.ms-works",
    };

    public static IReadOnlyCollection<string> Extensions => ByExtension.Keys;

    /// <summary>
    /// The content type of <paramref name="content"/> when its bytes are what its extension says (a PDF starts with %PDF-, a .docx is a
    /// ZIP package with word/document.xml, …); otherwise null.
    /// </summary>
    public static string? Detect(string fileName, Stream content)
    {
        var ext = Path.GetExtension(fileName);
        if (!ByExtension.TryGetValue(ext, out var type)) return null;
        Span<byte> head = stackalloc byte[12];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        head = head[..read];
        var ok = ext.ToLowerInvariant() switch
        {
            ".pdf" => head.StartsWith("%PDF-"u8),
            ".png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".jpg" or ".jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            ".gif" => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
            ".webp" => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
            ".docx" => IsPackage(content, head, "word/document.xml"),
            ".xlsx" => IsPackage(content, head, "xl/workbook.xml"),
            ".pptx" => IsPackage(content, head, "ppt/presentation.xml"),
            ".doc" or ".xls" or ".ppt" or ".wps" => head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }),
            _ => false,
        };
        content.Position = 0;
        return ok ? type : null;
    }

    private static bool IsPackage(Stream content, ReadOnlySpan<byte> head, string part)
    {
        if (!head.StartsWith("PK\u0003\u0004"u8)) return false;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry(part) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}

/// <summary>
/// Keeps attachment bytes on disk under <c>Storage:Attachments</c> (default <c>data/attachments</c> beside the app, never under
/// wwwroot), named by a random key; they are served only through the scope-checked download endpoint.
/// </summary>
public sealed class AttachmentStore(IConfiguration configuration, IWebHostEnvironment environment)
{
    public string Root => Infrastructure.StoragePaths.Attachments(configuration, environment.ContentRootPath);

    public async Task<(string Key, string Sha256)> SaveAsync(Stream content, CancellationToken ct)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var dir = Path.Combine(Root, key[..2]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, key);
        content.Position = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await content.CopyToAsync(file, ct);
        content.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        return (key, hash);
    }

    public Stream? Open(string key)
    {
        if (key.Length < 3 || key.Any(c => !char.IsAsciiHexDigitLower(c))) return null;
        var path = Path.Combine(Root, key[..2], key);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public void Delete(string key)
    {
        if (key.Length < 3 || key.Any(c => !char.IsAsciiHexDigitLower(c))) return;
        var path = Path.Combine(Root, key[..2], key);
        if (File.Exists(path)) File.Delete(path);
    }
}
