using System.Globalization;
using System.Text;
using MiniExcelLibs;

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
    /// Writes an .xlsx file with one sheet ("Sheet1"): the header row (styled and frozen by MiniExcel), then the rows as text cells,
    /// every cell passed through <see cref="Neutralize"/>. The rows are enumerated lazily, so 100,000+ rows do not build a list in memory.
    /// </summary>
    /// <param name="output">The stream to write to (need not be seekable); it is not disposed.</param>
    /// <param name="headers">The header row; the texts must be distinct.</param>
    /// <param name="rows">The data rows; a row shorter than the headers is padded with empty cells.</param>
    /// <param name="ct">Cancels the writing.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentException">Two headers are equal, or a row has more cells than there are headers.</exception>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var keys = SheetKeys(headers);

        using var enumerator = rows.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            // MiniExcel takes the columns from the first row; with no rows, write the header texts as the only row.
            await MiniExcel.SaveAsAsync(output, HeaderOnly(keys), printHeader: false, sheetName: "Sheet1", cancellationToken: ct);
            return;
        }

        await MiniExcel.SaveAsAsync(output, SheetRows(keys, enumerator, ct), printHeader: true, sheetName: "Sheet1", cancellationToken: ct);
    }

    /// <summary>
    /// Builds an .xlsx import template: one sheet with the header row and one example row.
    /// </summary>
    /// <param name="headers">The header row; the texts must be distinct.</param>
    /// <param name="exampleRow">The example data row, aligned to <paramref name="headers"/>.</param>
    /// <returns>The .xlsx file content.</returns>
    /// <exception cref="ArgumentException">Two headers are equal, or the example row has more cells than there are headers.</exception>
    public static byte[] Template(IReadOnlyList<string> headers, IReadOnlyList<string?> exampleRow)
    {
        ArgumentNullException.ThrowIfNull(exampleRow);
        var keys = SheetKeys(headers);
        IEnumerable<IReadOnlyList<string?>> rows = [exampleRow];
        using var enumerator = rows.GetEnumerator();
        enumerator.MoveNext();
        using var output = new MemoryStream();
        MiniExcel.SaveAs(output, SheetRows(keys, enumerator, CancellationToken.None), printHeader: true, sheetName: "Sheet1");
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

    /// <summary>The neutralized header texts, used as MiniExcel's column keys and header cells.</summary>
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

    private static IEnumerable<IDictionary<string, object?>> HeaderOnly(string[] keys)
    {
        var row = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            row[key] = key;
        }

        yield return row;
    }

    /// <summary>Lazily turns rows into MiniExcel's dictionaries, starting with the enumerator's current row.</summary>
    private static IEnumerable<IDictionary<string, object?>> SheetRows(string[] keys, IEnumerator<IReadOnlyList<string?>> rows,
        CancellationToken ct)
    {
        do
        {
            ct.ThrowIfCancellationRequested();
            var cells = rows.Current ?? throw new ArgumentException("A row is null.", nameof(rows));
            if (cells.Count > keys.Length)
            {
                throw new ArgumentException($"A row has {cells.Count} cells but there are {keys.Length} headers.", nameof(rows));
            }

            var row = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                var text = i < cells.Count ? cells[i] : null;
                row[keys[i]] = string.IsNullOrEmpty(text) ? null : Neutralize(text);
            }

            yield return row;
        }
        while (rows.MoveNext());
    }
}
