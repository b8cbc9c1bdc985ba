using System.Globalization;
using System.Text;
using Fip.Web.Infrastructure;

namespace Fip.Web.Features.Registries.Files;

/// <summary>
/// Writes tables as .csv or .xlsx downloads, defending every cell against formula injection.
/// </summary>
public static class TabularWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Makes a cell text safe to open in a spreadsheet (OWASP CSV injection): a text that begins with '=', '+', '-', '@',
    /// a tab or a carriage return gets a leading apostrophe, unless it is a plain invariant decimal number such as "-12.5" or "+3".
    /// </summary>
    /// <param name="value">The cell text; null for an empty cell.</param>
    /// <returns>The text to write: "" for null, the text itself, or the text with a leading apostrophe.</returns>
    public static string Neutralize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return value;
        }

        var isNumber = decimal.TryParse(
            value,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture,
            out _);
        return isNumber ? value : "'" + value;
    }

    /// <summary>
    /// Writes a CSV file that Excel opens correctly with Chinese text: UTF-8 with a byte order mark, comma separators, CRLF line ends,
    /// a field quoted (with "" for a quote) when it holds a comma, a quote, a CR or an LF, and every cell passed through <see
    /// cref="Neutralize"/>.
    /// Rows are written as they come, without buffering them all.
    /// </summary>
    /// <param name="output">The stream to write to; it is flushed, not disposed.</param>
    /// <param name="headers">The header row.</param>
    /// <param name="rows">The data rows; a row shorter than the headers is padded with empty cells.</param>
    /// <param name="ct">Cancels the writing.</param>
    /// <returns>A task that completes when everything is written and flushed.</returns>
    /// <exception cref="ArgumentException">A row has more cells than there are headers.</exception>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);

        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
        var writer = new StreamWriter(output, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer)
        {
            var line = new StringBuilder();
            AppendCsvLine(line, headers, headers.Count);
            await writer.WriteAsync(line, ct);
            await foreach (var row in rows.WithCancellation(ct))
            {
                line.Clear();
                AppendCsvLine(line, row, headers.Count);
                await writer.WriteAsync(line, ct);
            }

            await writer.FlushAsync(ct);
        }
    }

    /// <summary>
    /// Writes an .xlsx file with one sheet laid out by <paramref name="layout"/> (<see cref="XlsxSheet"/>: valid OOXML, frozen header,
    /// fitted widths), the rows as text cells, every cell passed through <see cref="Neutralize"/>. The rows are enumerated lazily, so
    /// 100,000+ rows do not build a list in memory.
    /// </summary>
    /// <param name="output">The stream to write to (need not be seekable); it is not disposed.</param>
    /// <param name="layout">The sheet's name and title row.</param>
    /// <param name="headers">The header row; the texts must be distinct.</param>
    /// <param name="rows">The data rows; a row shorter than the headers is padded with empty cells.</param>
    /// <param name="ct">Cancels the writing.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentException">Two headers are equal, or a row has more cells than there are headers.</exception>
    public static Task WriteXlsxAsync(Stream output, SheetLayout layout, IReadOnlyList<string> headers,
        IEnumerable<IReadOnlyList<string?>> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = SheetKeys(headers);
        XlsxSheet.Write(output, layout, keys, rows.Select(r => (IReadOnlyList<object?>)Cells(r, keys.Length)), ct);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Builds an .xlsx import template: one sheet named <paramref name="sheetName"/> with the header row first (so the import reader
    /// finds it) and one example row.
    /// </summary>
    /// <param name="sheetName">The sheet's name, e.g. the registry's name.</param>
    /// <param name="headers">The header row; the texts must be distinct.</param>
    /// <param name="exampleRow">The example data row, aligned to <paramref name="headers"/>.</param>
    /// <returns>The .xlsx file content.</returns>
    /// <exception cref="ArgumentException">Two headers are equal, or the example row has more cells than there are headers.</exception>
    public static byte[] Template(string sheetName, IReadOnlyList<string> headers, IReadOnlyList<string?> exampleRow)
    {
        ArgumentNullException.ThrowIfNull(exampleRow);
        using var output = new MemoryStream();
        WriteXlsxAsync(output, new SheetLayout(sheetName), headers, [exampleRow]).GetAwaiter().GetResult();
        return output.ToArray();
    }

    private static void AppendCsvLine(StringBuilder line, IReadOnlyList<string?> cells, int columns)
    {
        if (cells.Count > columns)
        {
            throw new ArgumentException($"A row has {cells.Count} cells but there are {columns} headers.", nameof(cells));
        }

        for (var i = 0; i < columns; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var text = Neutralize(i < cells.Count ? cells[i] : null);
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(text);
            }
        }

        line.Append("\r\n");
    }

    /// <summary>The neutralized header texts, checked to be distinct.</summary>
    private static string[] SheetKeys(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var keys = new string[headers.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Neutralize(headers[i]);
            if (!seen.Add(keys[i]))
            {
                throw new ArgumentException($"The header '{headers[i]}' appears twice.", nameof(headers));
            }
        }

        return keys;
    }

    /// <summary>A row's cells neutralized, empty ones as null.</summary>
    private static object?[] Cells(IReadOnlyList<string?> row, int columns)
    {
        if (row is null) throw new ArgumentException("A row is null.", nameof(row));
        if (row.Count > columns) throw new ArgumentException($"A row has {row.Count} cells but there are {columns} headers.", nameof(row));
        var cells = new object?[row.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = string.IsNullOrEmpty(row[i]) ? null : Neutralize(row[i]);
        return cells;
    }
}
