using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Fip.Web.Features.Supervision.Exports;

namespace Fip.UnitTests.Features.Supervision;

public class BreakdownWorkbookTests
{
    /// <summary>The written workbook, opened read-only, with helpers to read what a user sees in a cell.</summary>
    private sealed class Opened : IDisposable
    {
        private readonly MemoryStream _stream = new();

        public Opened(BreakdownSheet sheet)
        {
            BreakdownWorkbook.Write(sheet, _stream);
            _stream.Position = 0;
            Document = SpreadsheetDocument.Open(_stream, false);
            var part = Document.WorkbookPart!;
            SheetElement = part.Workbook.Sheets!.Elements<Sheet>().Single();
            Worksheet = ((WorksheetPart)part.GetPartById(SheetElement.Id!)).Worksheet;
            Strings = part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
            Stylesheet = part.WorkbookStylesPart!.Stylesheet;
        }

        public SpreadsheetDocument Document { get; }
        public Sheet SheetElement { get; }
        public Worksheet Worksheet { get; }
        public Stylesheet Stylesheet { get; }
        private List<string> Strings { get; }

        public List<Row> Rows => Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();

        public Row Row(uint index) => Rows.Single(r => r.RowIndex! == index);

        public Cell Cell(Row row, string column) => row.Elements<Cell>().Single(c => c.CellReference! == $"{column}{row.RowIndex}");

        public string Text(Row row, string column)
        {
            var cell = Cell(row, column);
            if (cell.CellValue is null) return "";
            return cell.DataType?.Value == CellValues.SharedString
                ? Strings[int.Parse(cell.CellValue.Text, System.Globalization.CultureInfo.InvariantCulture)]
                : cell.CellValue.Text;
        }

        public CellFormat Format(Cell cell) => Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);

        public IReadOnlySet<string> Merges => Worksheet.GetFirstChild<MergeCells>()!
            .Elements<MergeCell>()
            .Select(m => m.Reference!.Value!)
            .ToHashSet();

        public void Dispose()
        {
            Document.Dispose();
            _stream.Dispose();
        }
    }

    [Fact]
    public void Write_HeaderRow_HasTheNineColumnsInOrderAboveTitleAndAsOf()
    {
        using var book = new Opened(ExportSamples.Sheet());

        Assert.Equal("任务分解表", book.SheetElement.Name!.Value);
        Assert.Equal(ExportSamples.SheetTitle, book.Text(book.Row(1), "A"));
        Assert.Equal("数据截至：2026年11月30日", book.Text(book.Row(2), "A"));
        Assert.Contains("A1:I1", book.Merges);
        var header = book.Row(3);
        Assert.Equal(
            ["序号", "重点工程", "任务", "牵头单位", "配合单位", "责任板块", "完成时限", "进展", "状态"],
            header.Elements<Cell>().Select(c => book.Text(header, c.CellReference!.Value![..1])));
        var format = book.Format(book.Cell(header, "A"));
        Assert.True(book.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value).Bold is not null);
        Assert.NotEqual(0u, format.FillId!.Value);
        Assert.NotEqual(0u, format.BorderId!.Value);
    }

    [Fact]
    public void Write_Tasks_OneRowEachUnderTheirProgrammeGroupRow()
    {
        var sheet = ExportSamples.Sheet(groups: 3, rowsPerGroup: 4);
        using var book = new Opened(sheet);

        var rows = book.Rows.Where(r => r.RowIndex! > 3).ToList();
        Assert.Equal(3 * (1 + 4), rows.Count);
        var i = 0;
        foreach (var group in sheet.Groups)
        {
            var groupRow = rows[i++];
            Assert.Equal($"{group.Number}、{group.Programme}", book.Text(groupRow, "A"));
            Assert.Contains($"A{groupRow.RowIndex}:I{groupRow.RowIndex}", book.Merges);
            foreach (var task in group.Rows)
            {
                var row = rows[i++];
                Assert.Equal(task.Number, book.Text(row, "A"));
                Assert.Equal(group.Programme, book.Text(row, "B"));
                Assert.Equal(task.Task, book.Text(row, "C"));
                Assert.Equal(task.LeadUnits, book.Text(row, "D"));
                Assert.Equal(task.CoUnits, book.Text(row, "E"));
                Assert.Equal(task.Districts, book.Text(row, "F"));
                Assert.Equal(task.Status, book.Text(row, "I"));
                // Tasks are indented by depth; every cell is bordered and wrapped.
                var taskFormat = book.Format(book.Cell(row, "C"));
                Assert.Equal((uint)task.Depth, taskFormat.Alignment!.Indent?.Value ?? 0u);
                Assert.All(row.Elements<Cell>(), c => Assert.NotEqual(0u, book.Format(c).BorderId!.Value));
                Assert.True(taskFormat.Alignment.WrapText!.Value);
            }
        }
    }

    [Fact]
    public void Write_ProgressAndDeadline_ArePercentAndChineseDateFormats()
    {
        using var book = new Opened(ExportSamples.Sheet(groups: 1, rowsPerGroup: 5));

        var first = book.Row(6); // row 4 is the group, 5 task 1, 6 task 1.1: 10 %, deadline 2027-02-02
        Assert.Equal(0.1, double.Parse(book.Text(first, "H"), System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal(9u, book.Format(book.Cell(first, "H")).NumberFormatId!.Value); // built-in 0%
        var dateFormat = book.Format(book.Cell(first, "G"));
        var code = book.Stylesheet.NumberingFormats!
            .Elements<NumberingFormat>()
            .Single(n => n.NumberFormatId! == dateFormat.NumberFormatId!);
        Assert.Equal("yyyy\"年\"m\"月\"d\"日\"", code.FormatCode!.Value);
        Assert.Equal(new DateOnly(2027, 2, 2),
            DateOnly.FromDateTime(
                DateTime.FromOADate(double.Parse(book.Text(first, "G"), System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal("", book.Text(book.Row(9), "G")); // task 1.4 has no deadline
    }

    [Fact]
    public void Write_PageSetup_PrintsA4LandscapeOnePageWideWithRepeatedHeaderAndPageNumbers()
    {
        using var book = new Opened(ExportSamples.Sheet());

        var titles = book.Document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single();
        Assert.Equal("_xlnm.Print_Titles", titles.Name!.Value);
        Assert.Equal(0u, titles.LocalSheetId!.Value);
        Assert.Equal("'任务分解表'!$3:$3", titles.Text);

        var setup = book.Worksheet.GetFirstChild<PageSetup>()!;
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(9u, setup.PaperSize!.Value);
        Assert.Equal(1u, setup.FitToWidth!.Value);
        Assert.Equal(0u, setup.FitToHeight!.Value);
        Assert.True(book.Worksheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        Assert.NotNull(book.Worksheet.GetFirstChild<PageMargins>());

        var pane = book.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(3d, pane.VerticalSplit!.Value);

        var footer = book.Worksheet.GetFirstChild<HeaderFooter>()!.OddFooter!.Text;
        Assert.Contains("&P", footer, StringComparison.Ordinal);
        Assert.Contains("&N", footer, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StatusCells_AreFilledByLight()
    {
        using var book = new Opened(ExportSamples.Sheet(groups: 1, rowsPerGroup: 4));
        var sheet = ExportSamples.Sheet(groups: 1, rowsPerGroup: 4);

        var fills = book.Stylesheet.Fills!.Elements<Fill>().ToList();
        var byLight = new Dictionary<TaskLight, string>();
        for (var r = 0; r < 4; r++)
        {
            var format = book.Format(book.Cell(book.Row((uint)(5 + r)), "I"));
            byLight[sheet.Groups[0].Rows[r].Light] = fills[(int)format.FillId!.Value].PatternFill!.ForegroundColor!.Rgb!.Value!;
        }
        Assert.Equal(4, byLight.Values.Distinct().Count());
        Assert.Equal("FFFFC7CE", byLight[TaskLight.Red]);
        Assert.Equal("FFC6EFCE", byLight[TaskLight.Green]);
    }

    [Fact]
    public void Write_IsValidOpenXml()
    {
        using var book = new Opened(ExportSamples.Sheet(groups: 3, rowsPerGroup: 6));

        var errors = new OpenXmlValidator().Validate(book.Document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
