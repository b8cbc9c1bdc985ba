using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fip.Web.Features.Supervision.Exports;

/// <summary>
/// Writes the 任务分解表 as a printable .xlsx: a title, an "as of" line, the column headers (repeated on every printed
/// page and frozen on screen), then per programme a bold group row and one bordered row per task. A4 landscape, one
/// page wide, page numbers in the footer.
/// </summary>
/// <remarks>
/// The 重点工程 column repeats the programme's name on every task row rather than merging it down the group: a merged
/// cell prints once, so the pages after a page break inside a group would show an empty column, and filtering or sorting
/// the sheet would lose the programme.
/// </remarks>
public static class BreakdownWorkbook
{
    public const string SheetName = "任务分解表";

    /// <summary>The column headers, in order.</summary>
    public static readonly IReadOnlyList<string> Headers = ["序号", "重点工程", "任务", "牵头单位", "配合单位", "责任板块", "完成时限", "进展", "状态"];

    /// <summary>Column widths in characters (a Chinese character counts about two).</summary>
    private static readonly double[] Widths = [8, 20, 46, 18, 22, 14, 17, 9, 10];

    /// <summary>The 1-based row of the column headers: the title and the "as of" line stand above it.</summary>
    public const int HeaderRow = 3;

    private const int MaxIndent = 3;

    public static void Write(BreakdownSheet sheet, Stream output)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(output);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        document.PackageProperties.Title = sheet.Title;
        var workbookPart = document.AddWorkbookPart();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles.Build();

        var strings = new SharedStrings();
        var rows = new List<Row>();
        var merges = new List<string>();
        var lastColumn = ColumnName(Headers.Count);

        rows.Add(MergedRow(1, sheet.Title, Styles.Title, strings, height: 36));
        merges.Add($"A1:{lastColumn}1");
        rows.Add(MergedRow(2, $"数据截至：{ExportFormat.ChineseDate(sheet.AsOf)}", Styles.AsOf, strings, height: 20));
        merges.Add($"A2:{lastColumn}2");

        var header = new Row { RowIndex = HeaderRow, Height = 22, CustomHeight = true };
        for (var c = 0; c < Headers.Count; c++) header.Append(TextCell(c + 1, HeaderRow, Headers[c], Styles.Header, strings));
        rows.Add(header);

        var r = (uint)HeaderRow;
        foreach (var group in sheet.Groups)
        {
            r++;
            var label = string.IsNullOrWhiteSpace(group.Number) ? group.Programme : $"{group.Number}、{group.Programme}";
            rows.Add(MergedRow(r, label, Styles.Group, strings, height: 20));
            merges.Add($"A{r}:{lastColumn}{r}");
            foreach (var task in group.Rows)
            {
                r++;
                rows.Add(TaskRow(r, group.Programme, task, strings));
            }
        }

        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        worksheetPart.Worksheet = BuildWorksheet(rows, merges, lastColumn, r);

        var sharedStringPart = workbookPart.AddNewPart<SharedStringTablePart>();
        sharedStringPart.SharedStringTable = strings.Table;

        workbookPart.Workbook = new Workbook(
            new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) }),
            new DefinedNames(new DefinedName($"'{SheetName}'!${HeaderRow}:${HeaderRow}")
            {
                Name = "_xlnm.Print_Titles",
                LocalSheetId = 0,
            }));
    }

    private static Worksheet BuildWorksheet(List<Row> rows, List<string> merges, string lastColumn, uint lastRow)
    {
        var columns = new Columns();
        for (var c = 0; c < Widths.Length; c++)
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Widths[c], CustomWidth = true });

        var mergeCells = new MergeCells();
        foreach (var m in merges) mergeCells.Append(new MergeCell { Reference = m });

        var frozen = new Pane
        {
            VerticalSplit = HeaderRow,
            TopLeftCell = $"A{HeaderRow + 1}",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        };

        return new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetDimension { Reference = $"A1:{lastColumn}{lastRow}" },
            new SheetViews(new SheetView(
                frozen,
                new Selection
                {
                    Pane = PaneValues.BottomLeft,
                    ActiveCell = $"A{HeaderRow + 1}",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{HeaderRow + 1}" }
                })
            { WorkbookViewId = 0 }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            columns,
            new SheetData(rows),
            mergeCells,
            new PrintOptions { HorizontalCentered = true },
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.7, Bottom = 0.7, Header = 0.3, Footer = 0.3 },
            new PageSetup
            {
                PaperSize = 9, // A4
                Orientation = OrientationValues.Landscape,
                FitToWidth = 1,
                FitToHeight = 0, // as many pages tall as needed
            },
            new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
    }

    private static Row TaskRow(uint r, string programme, BreakdownRow task, SharedStrings strings)
    {
        // Spreadsheet programs do not all grow a row to fit its wrapped text when opening a file (LibreOffice keeps the
        // default height), so the height is set from the longest cell.
        var lines = new[]
        {
            Lines(programme, Widths[1], 0),
            Lines(task.Task, Widths[2], Math.Clamp(task.Depth, 0, MaxIndent)),
            Lines(task.LeadUnits, Widths[3], 0),
            Lines(task.CoUnits, Widths[4], 0),
            Lines(task.Districts, Widths[5], 0),
        }.Max();
        var row = new Row { RowIndex = r, Height = lines * LineHeight + 4, CustomHeight = true };
        row.Append(
            TextCell(1, r, task.Number, Styles.Centred, strings),
            TextCell(2, r, programme, Styles.Text, strings),
            TextCell(3, r, task.Task, Styles.Indented(task.Depth), strings),
            TextCell(4, r, task.LeadUnits, Styles.Text, strings),
            TextCell(5, r, task.CoUnits, Styles.Text, strings),
            TextCell(6, r, task.Districts, Styles.Text, strings));
        row.Append(task.Deadline is { } deadline
            ? NumberCell(7, r, deadline.DayNumber - ExcelEpoch.DayNumber, Styles.Date)
            : TextCell(7, r, "", Styles.Centred, strings));
        row.Append(
            NumberCell(8, r, (double)Math.Clamp(task.Progress, 0m, 100m) / 100d, Styles.Percent),
            TextCell(9, r, task.Status, Styles.Status(task.Light), strings));
        return row;
    }

    /// <summary>Height of one line of 11 pt text in points.</summary>
    private const double LineHeight = 14.5;

    /// <summary>
    /// How many lines a text wraps to in a column <paramref name="width"/> characters wide: a Chinese character takes about
    /// 2.1 widths of the digit 0 (the unit of column widths), an ASCII character about one, an indent level about two.
    /// </summary>
    private static int Lines(string text, double width, int indent)
    {
        var usable = Math.Max(2, width - 1 - 2 * indent);
        return text.Split('\n').Sum(line => Math.Max(1, (int)Math.Ceiling(line.Sum(ch => ch < 0x80 ? 1.1 : 2.1) / usable)));
    }

    /// <summary>A row whose first cell carries the text and whose other cells only carry the style (so the merged range is bordered
    /// throughout).</summary>
    private static Row MergedRow(uint r, string text, uint style, SharedStrings strings, double height)
    {
        var row = new Row { RowIndex = r, Height = height, CustomHeight = true };
        row.Append(TextCell(1, r, text, style, strings));
        for (var c = 2; c <= Headers.Count; c++) row.Append(new Cell { CellReference = $"{ColumnName(c)}{r}", StyleIndex = style });
        return row;
    }

    private static Cell TextCell(int column, uint row, string text, uint style, SharedStrings strings) => new()
    {
        CellReference = $"{ColumnName(column)}{row}",
        DataType = CellValues.SharedString,
        CellValue = new CellValue(strings.Index(text)),
        StyleIndex = style,
    };

    private static Cell NumberCell(int column, uint row, double value, uint style) => new()
    {
        CellReference = $"{ColumnName(column)}{row}",
        CellValue = new CellValue(value),
        StyleIndex = style,
    };

    /// <summary>Day 0 of the 1900 date system as spreadsheets count it (serial 1 = 1900-01-01, with the 1900 leap-year bug).</summary>
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    private static string ColumnName(int column) => ((char)('A' + column - 1)).ToString();

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

        public SharedStringTable Table { get; } = new();

        public int Index(string text)
        {
            if (_indexes.TryGetValue(text, out var i)) return i;
            i = _indexes.Count;
            _indexes.Add(text, i);
            var item = new Text(text);
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                item.Space = SpaceProcessingModeValues.Preserve;
            Table.Append(new SharedStringItem(item));
            return i;
        }
    }

    /// <summary>The stylesheet and the indexes of its cell formats.</summary>
    private static class Styles
    {
        public const uint Title = 1;
        public const uint AsOf = 2;
        public const uint Header = 3;
        public const uint Group = 4;
        public const uint Text = 5;
        public const uint Centred = 6;
        public const uint Date = 7;
        public const uint Percent = 8;
        private const uint FirstIndent = 9; // 9, 10, 11: task text indented 1 to MaxIndent levels
        private const uint FirstStatus = FirstIndent + MaxIndent; // green, yellow, red, done

        public static uint Indented(int depth) => depth <= 0 ? Text : FirstIndent + (uint)Math.Min(depth, MaxIndent) - 1;

        public static uint Status(TaskLight light) => FirstStatus + light switch
        {
            TaskLight.Green => 0u,
            TaskLight.Yellow => 1u,
            TaskLight.Red => 2u,
            _ => 3u,
        };

        private const uint DateFormatId = 164;
        private const uint PercentFormatId = 9; // built-in "0%"

        // Fonts: 0 body, 1 bold, 2 title, then one text colour per light.
        private const uint BoldFont = 1, TitleFont = 2, FirstLightFont = 3;
        // Fills: 0 and 1 are required by the format, then header, group and one per light.
        private const uint HeaderFill = 2, GroupFill = 3, FirstLightFill = 4;
        private const uint ThinBorder = 1;

        /// <summary>Fill and text colours per light, in the order green, yellow, red, done: pale fills with dark text, readable in
        /// print.</summary>
        private static readonly (string Fill, string Text)[] LightColours =
        [
            ("FFC6EFCE", "FF006100"),
            ("FFFFEB9C", "FF7F4F00"),
            ("FFFFC7CE", "FF9C0006"),
            ("FFD9D9D9", "FF404040"),
        ];

        public static Stylesheet Build()
        {
            var fonts = new Fonts(
                Font(11, bold: false, colour: null),
                Font(11, bold: true, colour: null),
                Font(18, bold: true, colour: null));
            foreach (var (_, text) in LightColours) fonts.Append(Font(11, bold: true, colour: text));

            var fills = new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                SolidFill("FFD9E1F2"),
                SolidFill("FFF2F2F2"));
            foreach (var (fill, _) in LightColours) fills.Append(SolidFill(fill));

            var thin = new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder { Style = BorderStyleValues.Thin, Color = new Color { Auto = true } },
                    new RightBorder { Style = BorderStyleValues.Thin, Color = new Color { Auto = true } },
                    new TopBorder { Style = BorderStyleValues.Thin, Color = new Color { Auto = true } },
                    new BottomBorder { Style = BorderStyleValues.Thin, Color = new Color { Auto = true } },
                    new DiagonalBorder()));

            var formats = new CellFormats(
                new CellFormat(), // 0 default
                Format(TitleFont, 0, 0, 0, HorizontalAlignmentValues.Center, wrap: false), // Title
                Format(0, 0, 0, 0, HorizontalAlignmentValues.Right, wrap: false), // AsOf
                Format(BoldFont, HeaderFill, ThinBorder, 0, HorizontalAlignmentValues.Center), // Header
                Format(BoldFont, GroupFill, ThinBorder, 0, HorizontalAlignmentValues.Left), // Group
                Format(0, 0, ThinBorder, 0, HorizontalAlignmentValues.Left), // Text
                Format(0, 0, ThinBorder, 0, HorizontalAlignmentValues.Center), // Centred
                Format(0, 0, ThinBorder, DateFormatId, HorizontalAlignmentValues.Center), // Date
                Format(0, 0, ThinBorder, PercentFormatId, HorizontalAlignmentValues.Center)); // Percent
            for (uint indent = 1; indent <= MaxIndent; indent++)
                formats.Append(Format(0, 0, ThinBorder, 0, HorizontalAlignmentValues.Left, indent: indent));
            for (uint light = 0; light < LightColours.Length; light++)
                formats.Append(Format(FirstLightFont + light, FirstLightFill + light, ThinBorder, 0, HorizontalAlignmentValues.Center));

            return new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" }),
                fonts,
                fills,
                thin,
                new CellStyleFormats(new CellFormat()),
                formats,
                new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
        }

        private static Font Font(double size, bool bold, string? colour)
        {
            var font = new Font();
            if (bold) font.Append(new Bold());
            font.Append(new FontSize { Val = size });
            if (colour is not null) font.Append(new Color { Rgb = colour });
            font.Append(new FontName { Val = "宋体" }, new FontFamilyNumbering { Val = 2 }, new FontCharSet { Val = 134 }); // 134 = GB2312
            return font;
        }

        private static Fill SolidFill(string argb) =>
            new(
                new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 })
                { PatternType = PatternValues.Solid });

        private static CellFormat Format(uint font, uint fill, uint border, uint numberFormat, HorizontalAlignmentValues horizontal,
            bool wrap = true, uint indent = 0)
        {
            var alignment = new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrap };
            if (indent > 0) alignment.Indent = indent;
            return new CellFormat(alignment)
            {
                FontId = font,
                FillId = fill,
                BorderId = border,
                NumberFormatId = numberFormat,
                FormatId = 0,
                ApplyFont = font != 0,
                ApplyFill = fill != 0,
                ApplyBorder = border != 0,
                ApplyNumberFormat = numberFormat != 0,
                ApplyAlignment = true,
            };
        }
    }
}
