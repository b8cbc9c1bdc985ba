using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Fip.Web.Features.Registries.Files;

/// <summary>
/// Limits applied while reading an uploaded table file, to refuse oversized or malicious uploads.
/// </summary>
/// <param name="MaxBytes">The largest accepted file size in bytes (default 50 MB).</param>
/// <param name="MaxRows">The largest accepted number of non-empty data rows, the header row not counted (default 1,000,000).</param>
/// <param name="MaxUncompressedBytes">For .xlsx: the largest accepted sum of the uncompressed sizes of all zip entries (default 1
/// GB).</param>
/// <param name="MaxCompressionRatio">For .xlsx: the largest accepted uncompressed/compressed ratio of a zip entry larger than 1 MB (default
/// 200).</param>
/// <param name="KeepInMemory">Up to this many data rows are kept as objects; the rows of a larger file go to a temporary file
/// (<see cref="SpilledRows"/>) and are streamed from there by each pass over them (default 10,000).</param>
public sealed record ReadLimits(
    long MaxBytes = 50L * 1024 * 1024,
    int MaxRows = 1_000_000,
    long MaxUncompressedBytes = 1L * 1024 * 1024 * 1024,
    double MaxCompressionRatio = 200,
    int KeepInMemory = 10_000);

/// <summary>
/// A table read from an uploaded .csv or .xlsx file: the header row and the non-empty data rows.
/// </summary>
/// <param name="Headers">The trimmed header texts, in column order; empty header cells at the end are dropped, an empty header cell in
/// between is kept as "".</param>
/// <param name="Rows">The non-empty data rows, in file order, each aligned to <paramref name="Headers"/>.</param>
/// <param name="Format">The file format: "csv" or "xlsx".</param>
/// <param name="Encoding">For CSV, the detected text encoding ("UTF-8" or "GB18030"); null for xlsx.</param>
/// <remarks>The rows of a large file are streamed from a temporary file (see <see cref="ReadLimits.KeepInMemory"/>): enumerate
/// them (each enumeration reads them again), do not index them, and dispose the file when done with it.</remarks>
public sealed record TabularFile(IReadOnlyList<string> Headers, IReadOnlyList<TabularRow> Rows, string Format, string? Encoding)
    : IDisposable
{
    /// <summary>The file's name as it was uploaded (no folder).</summary>
    public string Name { get; init; } = "";

    /// <summary>Deletes the temporary file of a large file's rows; nothing to do for a small one.</summary>
    public void Dispose() => (Rows as IDisposable)?.Dispose();
}

/// <summary>
/// One data row of a <see cref="TabularFile"/>.
/// </summary>
/// <param name="RowNumber">The 1-based row number as the user sees it in Excel (row 1 is the first line of the file, so with the header on
/// the first line the first data row is 2); skipped blank rows still count.</param>
/// <param name="Cells">The cell texts aligned to the headers (same count): trimmed, with null for an empty or missing cell.</param>
public sealed record TabularRow(int RowNumber, IReadOnlyList<string?> Cells);

/// <summary>
/// An uploaded table file was refused or could not be read. The web app shows a localized message chosen by <see cref="Code"/>.
/// </summary>
/// <param name="code">The error code, see <see cref="Code"/>.</param>
/// <param name="args">The message arguments for the code, see <see cref="Args"/>.</param>
public sealed class TabularFileException(string code, params object[] args) : Exception(code)
{
    /// <summary>File larger than <see cref="ReadLimits.MaxBytes"/>; argument: the limit in MB.</summary>
    public const string TooLarge = "File.TooLarge";

    /// <summary>More data rows than <see cref="ReadLimits.MaxRows"/>; argument: the row limit.</summary>
    public const string TooManyRows = "File.TooManyRows";

    /// <summary>The file is damaged or not in the format its extension says; no argument.</summary>
    public const string Unreadable = "File.Unreadable";

    /// <summary>The .xlsx decompresses to too much data or compresses suspiciously well (a zip bomb); no argument.</summary>
    public const string ZipBomb = "File.ZipBomb";

    /// <summary>The extension is neither .csv nor .xlsx; argument: the extension (lower case, with the dot, or "" when none).</summary>
    public const string UnknownFormat = "File.UnknownFormat";

    /// <summary>The file has no header row (it is empty or holds only blank rows); no argument.</summary>
    public const string Empty = "File.Empty";

    /// <summary>Two header cells have the same text (ignoring case); argument: the header text.</summary>
    public const string DuplicateHeader = "File.DuplicateHeader";

    /// <summary>The error code: one of "File.TooLarge", "File.TooManyRows", "File.Unreadable", "File.ZipBomb", "File.UnknownFormat",
    /// "File.Empty", "File.DuplicateHeader".</summary>
    public string Code { get; } = code;

    /// <summary>The arguments of the localized message for <see cref="Code"/> (see each code's constant).</summary>
    public IReadOnlyList<object> Args { get; } = args;
}

/// <summary>
/// Reads an uploaded .csv or .xlsx file into headers and rows, enforcing <see cref="ReadLimits"/>.
/// </summary>
public static class TabularReader
{
    private const long Megabyte = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding Gb18030 = CreateGb18030();

    /// <summary>
    /// Reads the first table of a file: the first non-empty row is the header row, the non-empty rows after it are the data rows.
    /// The format comes from the extension of <paramref name="fileName"/> (.csv or .xlsx, any case).
    /// </summary>
    /// <param name="stream">The file content, read from its current position; it is not disposed.</param>
    /// <param name="fileName">The uploaded file name: its extension gives the format; the file keeps its name (the audit log
    /// names the file an import came from).</param>
    /// <param name="limits">The limits to enforce; null for the defaults.</param>
    /// <returns>The headers and data rows.</returns>
    /// <exception cref="TabularFileException">The file is refused or unreadable; <see cref="TabularFileException.Code"/> tells
    /// why.</exception>
    public static TabularFile Read(Stream stream, string fileName, ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= new ReadLimits();

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            throw new TabularFileException(TabularFileException.UnknownFormat, extension);
        }

        // A seekable stream (a file on disk, an upload buffered by the server, a stored file) is read where it is, twice at
        // most (a CSV that is not UTF-8 is decoded again as GB18030); only a forward-only stream is copied first.
        using var copy = stream.CanSeek ? null : CopyLimited(stream, limits.MaxBytes);
        var content = copy ?? stream;
        var length = content.Length - content.Position;
        if (length > limits.MaxBytes)
        {
            throw TooLarge(limits.MaxBytes);
        }

        if (length == 0)
        {
            throw new TabularFileException(TabularFileException.Empty);
        }

        return (extension == ".csv" ? ReadCsv(content, limits) : ReadXlsx(content, limits)) with { Name = Path.GetFileName(fileName) };
    }

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static MemoryStream CopyLimited(Stream stream, long maxBytes)
    {
        var copy = new MemoryStream();
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                copy.Write(buffer, 0, read);
            }

            copy.Position = 0;
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    private static TabularFileException TooLarge(long maxBytes) =>
        new(TabularFileException.TooLarge, (maxBytes + Megabyte - 1) / Megabyte);

    // ---- CSV ----

    private static TabularFile ReadCsv(Stream content, ReadLimits limits)
    {
        var start = content.Position;
        Span<byte> head = stackalloc byte[3];
        var bom = content.ReadAtLeast(head, 3, throwOnEndOfStream: false) == 3 && head.SequenceEqual(Encoding.UTF8.Preamble);
        if (bom)
        {
            return ReadCsv(content, start + 3, Encoding.UTF8, "UTF-8", limits);
        }

        try
        {
            return ReadCsv(content, start, StrictUtf8, "UTF-8", limits);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8 somewhere in the file: read it again as GB18030 (what Excel saves in a Chinese locale).
            return ReadCsv(content, start, Gb18030, "GB18030", limits);
        }
    }

    private static TabularFile ReadCsv(Stream content, long start, Encoding encoding, string encodingName, ReadLimits limits)
    {
        char separator;
        content.Position = start;
        using (var head = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true))
        {
            separator = DetectSeparator(head);
        }

        content.Position = start;
        using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        using var table = new TableBuilder(limits);
        foreach (var (rowNumber, cells) in ParseCsv(reader, separator))
        {
            table.Add(rowNumber, cells);
        }

        return table.Build("csv", encodingName);
    }

    /// <summary>Comma, unless the header line (the first non-blank line) has no comma but has tabs or semicolons.</summary>
    private static char DetectSeparator(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Contains(',', StringComparison.Ordinal))
            {
                return ',';
            }

            var tabs = line.AsSpan().Count('\t');
            var semicolons = line.AsSpan().Count(';');
            if (tabs > 0 && tabs >= semicolons)
            {
                return '\t';
            }

            return semicolons > 0 ? ';' : ',';
        }

        return ',';
    }

    /// <summary>RFC 4180 records with their 1-based record numbers; CRLF, LF or a lone CR end a record outside quotes.</summary>
    private static IEnumerable<(int RowNumber, List<string?> Cells)> ParseCsv(TextReader reader, char separator)
    {
        var field = new StringBuilder();
        var rowNumber = 0;
        while (reader.Peek() >= 0)
        {
            rowNumber++;
            var cells = new List<string?>();
            while (true)
            {
                field.Clear();
                if (reader.Peek() == '"')
                {
                    reader.Read();
                    while (true)
                    {
                        var q = reader.Read();
                        if (q < 0)
                        {
                            // A quoted field left open would swallow the rest of the file into one cell.
                            throw new TabularFileException(TabularFileException.Unreadable);
                        }

                        if (q == '"')
                        {
                            if (reader.Peek() == '"')
                            {
                                field.Append('"');
                                reader.Read();
                                continue;
                            }

                            break;
                        }

                        field.Append((char)q);
                    }
                }

                // Unquoted text, or (leniently) anything between a closing quote and the next separator.
                int c;
                while ((c = reader.Peek()) >= 0 && c != separator && c != '\r' && c != '\n')
                {
                    field.Append((char)c);
                    reader.Read();
                }

                cells.Add(Clean(field.ToString()));
                if (c < 0)
                {
                    break;
                }

                reader.Read();
                if (c == separator)
                {
                    if (reader.Peek() < 0)
                    {
                        cells.Add(null);
                        break;
                    }

                    continue;
                }

                // End of line: CRLF, LF or CR.
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                break;
            }

            yield return (rowNumber, cells);
        }
    }

    // ---- XLSX ----

    private static TabularFile ReadXlsx(Stream content, ReadLimits limits)
    {
        var start = content.Position;
        InspectZip(content, limits);
        content.Position = start;

        using var table = new TableBuilder(limits);
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var (rowNumber, cells) in XlsxRows.Read(zip))
            {
                table.Add(rowNumber, cells);
            }
        }
        catch (Exception ex) when (ex is not TabularFileException)
        {
            throw new TabularFileException(TabularFileException.Unreadable);
        }

        return table.Build("xlsx", null);
    }

    /// <summary>Checks the zip directory before any part is decompressed.</summary>
    private static void InspectZip(Stream content, ReadLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            var hasWorkbook = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxUncompressedBytes || entry.Length > limits.MaxUncompressedBytes)
                {
                    throw new TabularFileException(TabularFileException.ZipBomb);
                }

                if (entry.Length > Megabyte
                    && (entry.CompressedLength <= 0 || (double)entry.Length / entry.CompressedLength > limits.MaxCompressionRatio))
                {
                    throw new TabularFileException(TabularFileException.ZipBomb);
                }

                hasWorkbook |= string.Equals(entry.FullName, "xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
            }

            if (!hasWorkbook)
            {
                throw new TabularFileException(TabularFileException.Unreadable);
            }
        }
        catch (InvalidDataException)
        {
            throw new TabularFileException(TabularFileException.Unreadable);
        }
    }

    private const string NumberFormat = "0.############################";

    internal static string NumberText(double value)
    {
        if (double.IsFinite(value) && Math.Abs(value) < 7.9e28)
        {
            // decimal keeps 15 significant digits, as Excel shows them, and never uses an exponent.
            return ((decimal)value).ToString(NumberFormat, CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    internal static string DateText(DateTime value)
    {
        // Excel stores date-times as day fractions; round off the floating-point noise to whole seconds.
        var rounded = new DateTime((value.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond,
            value.Kind);
        return rounded.TimeOfDay == TimeSpan.Zero
            ? rounded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : rounded.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    // ---- common ----

    internal static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>
    /// Turns raw rows into headers and aligned data rows, enforcing the row limit; past <see cref="ReadLimits.KeepInMemory"/>
    /// rows they go to a <see cref="SpilledRows"/> file, which <see cref="Build"/> hands over (disposing the builder before
    /// that deletes it).
    /// </summary>
    private sealed class TableBuilder(ReadLimits limits) : IDisposable
    {
        private readonly List<TabularRow> _rows = [];
        private SpilledRows? _spilled;
        private string[]? _headers;
        private (int Row, List<string?> Cells)? _title;

        public void Add(int rowNumber, List<string?> cells)
        {
            if (_headers is null)
            {
                if (!cells.Exists(c => c is not null))
                {
                    return;
                }

                // A title row (only its first cell filled, as in the platform's own exports) above a wider header row is skipped.
                if (_title is null && cells.FindLastIndex(c => c is not null) == 0)
                {
                    _title = (rowNumber, cells);
                    return;
                }

                if (_title is { } title && cells.Count(c => c is not null) < 2)
                {
                    _headers = MakeHeaders(title.Cells);
                    _title = null;
                    Add(rowNumber, cells);
                    return;
                }

                _title = null;
                _headers = MakeHeaders(cells);
                return;
            }

            var aligned = new string?[_headers.Length];
            var any = false;
            for (var i = 0; i < aligned.Length && i < cells.Count; i++)
            {
                aligned[i] = cells[i];
                any |= cells[i] is not null;
            }

            // Rows with nothing under a header (blank, or text only past the last header) are skipped.
            if (!any)
            {
                return;
            }

            if (_rows.Count + (_spilled?.Count ?? 0) >= limits.MaxRows)
            {
                throw new TabularFileException(TabularFileException.TooManyRows, limits.MaxRows);
            }

            var row = new TabularRow(rowNumber, aligned);
            if (_spilled is null && _rows.Count >= limits.KeepInMemory)
            {
                _spilled = new SpilledRows(_headers.Length);
                foreach (var kept in _rows)
                {
                    _spilled.Add(kept);
                }

                _rows.Clear();
            }

            if (_spilled is not null)
            {
                _spilled.Add(row);
            }
            else
            {
                _rows.Add(row);
            }
        }

        public TabularFile Build(string format, string? encoding)
        {
            if (_headers is null && _title is { } title) _headers = MakeHeaders(title.Cells);
            if (_headers is null)
            {
                throw new TabularFileException(TabularFileException.Empty);
            }

            IReadOnlyList<TabularRow> rows = _rows;
            if (_spilled is { } spilled)
            {
                spilled.Seal();
                rows = spilled;
                _spilled = null;
            }

            return new TabularFile(_headers, rows, format, encoding);
        }

        public void Dispose() => _spilled?.Dispose();

        private static string[] MakeHeaders(List<string?> cells)
        {
            var count = cells.FindLastIndex(c => c is not null) + 1;
            var headers = new string[count];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < count; i++)
            {
                var header = cells[i] ?? string.Empty;
                if (header.Length > 0 && !seen.Add(header))
                {
                    throw new TabularFileException(TabularFileException.DuplicateHeader, header);
                }

                headers[i] = header;
            }

            return headers;
        }
    }
}
