using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fip.Web.Infrastructure;

/// <summary>How a one-sheet workbook is laid out: the sheet's name and an optional title row above the header row.</summary>
/// <param name="SheetName">The sheet's name (cut to Excel's 31 characters, characters Excel refuses replaced).</param>
/// <param name="Title">A bold title in row 1, merged across the columns, with the header in row 2; null for the header in row 1
/// (import templates, so the import reader finds the header on the first row).</param>
public sealed record SheetLayout(string SheetName, string? Title = null);

/// <summary>
/// Writes a one-sheet .xlsx as valid OOXML with DocumentFormat.OpenXml's streaming <see cref="OpenXmlWriter"/>: the sheet named after
/// its content, an optional title row, a bold header row frozen on screen, column widths fitted to the header and the first
/// <see cref="SampleRows"/> rows. Strings are written as inline strings (no shared-string table in memory), numbers as numbers.
/// </summary>
public static class XlsxSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>How many rows are read ahead to fit the column widths; the rest stream through.</summary>
    public const int SampleRows = 200;

    private const uint TitleStyle = 1, HeaderStyle = 2;

    /// <summary>Writes the sheet. A non-seekable <paramref name="output"/> gets the file through a temporary file.</summary>
    /// <param name="output">The stream to write to; it is not disposed.</param>
    /// <param name="layout">The sheet's name and title.</param>
    /// <param name="headers">The header row.</param>
    /// <param name="rows">The data rows: cells are strings, numbers (int, long, decimal, double) or null for empty.</param>
    /// <param name="ct">Cancels the writing.</param>
    public static void Write(Stream output, SheetLayout layout, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (!output.CanSeek || !output.CanRead)
        {
            using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose);
            Write(temp, layout, headers, rows, ct);
            temp.Position = 0;
            temp.CopyTo(output);
            return;
        }

        using var enumerator = rows.GetEnumerator();
        var sample = new List<IReadOnlyList<object?>>();
        while (sample.Count < SampleRows && enumerator.MoveNext()) sample.Add(Checked(enumerator.Current, headers.Count));
        var rest = sample.Count < SampleRows ? Enumerable.Empty<IReadOnlyList<object?>>() : Remaining(enumerator, headers.Count);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = document.AddWorkbookPart();
        var sheetPart = book.AddNewPart<WorksheetPart>();
        book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        WriteSheet(sheetPart, layout, headers, sample, rest, ct);
        var sheet = new Sheet { Name = SafeName(layout.SheetName), SheetId = 1, Id = book.GetIdOfPart(sheetPart) };
        book.Workbook = new Workbook(new Sheets(sheet));
    }

    private static void WriteSheet(WorksheetPart part, SheetLayout layout, IReadOnlyList<string> headers,
        List<IReadOnlyList<object?>> sample, IEnumerable<IReadOnlyList<object?>> rest, CancellationToken ct)
    {
        var headerRow = layout.Title is null ? 1u : 2u;
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = headerRow,
                TopLeftCell = "A" + (headerRow + 1).ToString(CultureInfo.InvariantCulture),
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft })
        { WorkbookViewId = 0 }));
        if (headers.Count > 0) writer.WriteElement(Columns(headers, sample));

        writer.WriteStartElement(new SheetData());
        var row = 1u;
        if (layout.Title is { } title) WriteRow(writer, row++, [title], TitleStyle);
        WriteRow(writer, row++, [.. headers], HeaderStyle);
        foreach (var cells in sample.Concat(rest))
        {
            ct.ThrowIfCancellationRequested();
            WriteRow(writer, row++, cells, 0);
        }

        writer.WriteEndElement();
        if (layout.Title is not null && headers.Count > 1)
            writer.WriteElement(new MergeCells(new MergeCell { Reference = "A1:" + Column(headers.Count - 1) + "1" }) { Count = 1 });
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<object?> cells, uint style)
    {
        var rowText = index.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = Column(i) + rowText;
            switch (cells[i])
            {
                case null:
                case string { Length: 0 }:
                    if (style != 0) writer.WriteElement(new Cell { CellReference = reference, StyleIndex = style });
                    break;
                case int or long or decimal or double or float or short:
                    writer.WriteElement(new Cell(new CellValue(Convert.ToString(cells[i], CultureInfo.InvariantCulture)!))
                    {
                        CellReference = reference,
                        DataType = CellValues.Number,
                        StyleIndex = style == 0 ? null : style,
                    });
                    break;
                default:
                    var text = XmlSafe(Convert.ToString(cells[i], CultureInfo.InvariantCulture) ?? "");
                    writer.WriteElement(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        StyleIndex = style == 0 ? null : style,
                    });
                    break;
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>Widths in characters: the widest of the header and the sampled cells, a CJK character counting two, within 8–60.</summary>
    private static Columns Columns(IReadOnlyList<string> headers, List<IReadOnlyList<object?>> sample)
    {
        var columns = new Columns();
        for (var i = 0; i < headers.Count; i++)
        {
            var width = DisplayWidth(headers[i]) + 2;
            foreach (var cells in sample)
                if (i < cells.Count && cells[i] is { } value)
                    width = Math.Max(width, DisplayWidth(Convert.ToString(value, CultureInfo.InvariantCulture)) + 2);
            var index = (uint)(i + 1);
            columns.Append(new Column { Min = index, Max = index, Width = Math.Clamp(width, 8, 60), CustomWidth = true });
        }

        return columns;
    }

    /// <summary>How many character widths a text takes in a spreadsheet cell: East Asian wide characters count two; the longest line
    /// counts.</summary>
    public static int DisplayWidth(string? text)
    {
        var longest = 0;
        foreach (var line in (text ?? "").Split('\n'))
        {
            var width = 0;
            foreach (var c in line) width += IsWide(c) ? 2 : 1;
            longest = Math.Max(longest, width);
        }

        return longest;
    }

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';

    /// <summary>The name Excel accepts for a sheet: at most 31 characters, none of : \ / ? * [ ], not starting or ending with an
    /// apostrophe, never empty.</summary>
    public static string SafeName(string? name)
    {
        var kept = new StringBuilder();
        foreach (var c in name ?? "")
            kept.Append(c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? '_' : c);
        var safe = kept.ToString().Trim().Trim('\'');
        if (safe.Length > 31) safe = safe[..31];
        return safe.Length == 0 ? "Sheet1" : safe;
    }

    /// <summary>The column letters of a 0-based column index (0 → A, 26 → AA).</summary>
    public static string Column(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    /// <summary>Drops characters XML 1.0 cannot carry (control characters other than tab, CR, LF; lone surrogates).</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvertible)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) kept.Append(c).Append(text[++i]);
            else if (XmlConvertible(c) && !char.IsSurrogate(c)) kept.Append(c);
        }

        return kept.ToString();
    }

    private static bool XmlConvertible(char c) => c >= ' ' && c != '\uFFFE' && c != '\uFFFF' || c is '\t' or '\n' or '\r';

    private static IReadOnlyList<object?> Checked(IReadOnlyList<object?>? cells, int columns)
    {
        if (cells is null) throw new ArgumentException("A row is null.", nameof(cells));
        if (cells.Count > columns)
            throw new ArgumentException($"A row has {cells.Count} cells but there are {columns} headers.", nameof(cells));
        return cells;
    }

    private static IEnumerable<IReadOnlyList<object?>> Remaining(IEnumerator<IReadOnlyList<object?>> rows, int columns)
    {
        while (rows.MoveNext()) yield return Checked(rows.Current, columns);
    }

    /// <summary>Styles: 0 plain, 1 title (bold, 14 pt), 2 header (bold, grey fill, thin border, wrapped).</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 14 }),
            new Font(new Bold(), new FontSize { Val = 11 }))
        { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(),
            new Border(new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin },
                new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center })
            { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true })
            {
                NumberFormatId = 0,
                FontId = 2,
                FillId = 2,
                BorderId = 1,
                FormatId = 0,
                ApplyFont = true,
                ApplyFill = true,
                ApplyBorder = true,
                ApplyAlignment = true,
            })
        { Count = 3 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
