using System.Text;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Fip.Policy;

/// <summary>A policy file that cannot be read: wrong kind, unreadable bytes or a damaged Word file. The message is fit to show a
/// user.</summary>
public sealed class PolicyFileException : Exception
{
    /// <summary>A failure with a message fit to show a user.</summary>
    public PolicyFileException(string message) : base(message) { }

    /// <summary>A failure with a message fit to show a user, and its cause.</summary>
    public PolicyFileException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The file was refused because it would expand too much when decompressed (a zip bomb), before it was.</summary>
    public bool TooLargeDecompressed { get; init; }

    /// <summary>Needed by the exception pattern; prefer the overloads with a message.</summary>
    public PolicyFileException() : base("The policy file cannot be read.") { }
}

/// <summary>
/// Reads a policy document to text: <c>.txt</c> in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030
/// (detected: bytes that are not valid UTF-8 are read as GB18030); <c>.docx</c> as its paragraphs, one per line.
/// </summary>
public static class PolicyFileReader
{
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The largest accepted sum of the uncompressed sizes of a .docx file's parts (a policy is text: 100 MB is ample).</summary>
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;

    /// <summary>The largest accepted uncompressed/compressed ratio of a .docx part larger than 1 MB (text XML deflates 5-20 times;
    /// a zip bomb 1,000 times).</summary>
    public const double MaxCompressionRatio = 100;

    private const long Megabyte = 1024 * 1024;

    /// <summary>The file extensions <see cref="ReadFile"/> accepts.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".txt", ".docx"];

    /// <summary>Reads the file at <paramref name="path"/> to text.</summary>
    /// <exception cref="PolicyFileException">The file is missing, of another kind, or cannot be decoded.</exception>
    public static string ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new PolicyFileException($"No such file: {path}");
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    /// <summary>Reads <paramref name="stream"/>, whose kind is told by the extension of <paramref name="fileName"/>.</summary>
    /// <exception cref="PolicyFileException">The kind is not supported or the content cannot be decoded.</exception>
    public static string Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        return extension switch
        {
            ".TXT" => DecodeText(ReadAll(stream)),
            ".DOCX" => ReadDocx(stream, fileName),
            _ => throw new PolicyFileException(
                $"{fileName}: policy documents must be .txt (UTF-8 or GB18030) or .docx files; “{Path.GetExtension(fileName)}” is not " +
                $"supported. Save a .doc or .pdf as .docx or plain text first."),
        };
    }

    /// <summary>Decodes text bytes: a BOM decides; otherwise strict UTF-8, and GB18030 when the bytes are not UTF-8.</summary>
    /// <exception cref="PolicyFileException">The bytes are neither UTF-8 nor GB18030.</exception>
    public static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            try
            {
                return Gb18030.Value.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new PolicyFileException("The text file is neither UTF-8 nor GB18030; save it as UTF-8.", e);
            }
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ReadDocx(Stream stream, string fileName)
    {
        try
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            InspectZip(copy, fileName);
            copy.Position = 0;
            using var document = WordprocessingDocument.Open(copy, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new PolicyFileException($"{fileName}: the Word file has no body text.");
            var text = new StringBuilder();
            foreach (var paragraph in body.Descendants<W.Paragraph>())
            {
                foreach (var run in paragraph.Descendants())
                {
                    switch (run)
                    {
                        case W.Text t: text.Append(t.Text); break;
                        case W.TabChar: text.Append('\t'); break;
                        case W.Break: text.Append('\n'); break;
                    }
                }
                text.Append('\n');
            }
            return text.ToString();
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or FormatException
            or System.Xml.XmlException or IOException)
        {
            throw new PolicyFileException($"{fileName}: not a readable Word (.docx) file ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Refuses a zip bomb from the zip directory, before any part is decompressed (as the registries' .xlsx reader does): the
    /// parts' uncompressed sizes must add up to at most <see cref="MaxUncompressedBytes"/>, and no part over 1 MB may inflate more
    /// than <see cref="MaxCompressionRatio"/> times. Reading a part never yields more than its declared size.
    /// </summary>
    private static void InspectZip(MemoryStream content, string fileName)
    {
        using var zip = new System.IO.Compression.ZipArchive(content, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            var bomb = entry.Length > Megabyte
                && (entry.CompressedLength <= 0 || (double)entry.Length / entry.CompressedLength > MaxCompressionRatio);
            if (total > MaxUncompressedBytes || bomb)
                throw new PolicyFileException(
                    $"{fileName}: refused, the Word file would expand to more than {MaxUncompressedBytes / Megabyte} MB or its part " +
                    $"“{entry.FullName}” is compressed more than {MaxCompressionRatio:0} times (a zip bomb?). Save the text as a new " +
                    ".docx or as plain text.")
                { TooLargeDecompressed = true };
        }
    }
}
