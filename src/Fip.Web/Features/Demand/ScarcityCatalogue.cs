using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fip.Web.Features.Supervision.Exports;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Demand;

/// <summary>
/// 紧缺人才目录: the cells of the 图谱 whose index is above 0, most scarce first (then by headcount asked), as an .xlsx sheet or as
/// a .docx in the GB/T 9704 layout of the 督办通报 (<see cref="BulletinDocument"/>), issued by the talent office.
/// </summary>
public sealed class ScarcityCatalogue(FipDbContext db, ScarcityMap map, TimeProvider clock)
{
    /// <summary>The catalogue's columns (Chinese: the document is published in Chinese), with their widths in the .docx (twips).</summary>
    public static readonly (string Header, int Width)[] Columns =
    [
        ("序号", 700), ("产业方向", 1745), ("紧缺岗位/技能", 2200), ("需求人数", 1050), ("库内人才", 1050), ("紧缺指数", 1050),
        ("紧缺程度", 1050),
    ];

    public static string LevelText(ScarcityLevel level) => level switch
    {
        ScarcityLevel.Severe => "严重紧缺",
        ScarcityLevel.Short => "紧缺",
        ScarcityLevel.Tight => "偏紧",
        ScarcityLevel.Balanced => "平衡",
        _ => "无需求",
    };

    public static string IndexText(decimal? index) => index?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The rows of the catalogue: every scarce cell (index above 0), most scarce first.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(IEnumerable<ScarcityCell> cells) =>
        [.. cells.Where(c => c.Index > 0).OrderByDescending(c => c.Index).ThenByDescending(c => c.Demand)
            .ThenBy(c => c.Track, StringComparer.Ordinal)
            .ThenBy(c => c.Skill, StringComparer.Ordinal)
            .Select((c, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), c.Track, c.Skill, c.Demand.ToString(CultureInfo.InvariantCulture),
                c.Supply.ToString(CultureInfo.InvariantCulture), IndexText(c.Index), LevelText(c.Level),
            ])];

    /// <summary>
    /// The catalogue as one sheet (紧缺人才目录): the header row frozen, then the rows; counts and the index as numbers, the rest as
    /// text (inline strings, never formulas). Written with the OpenXML SDK so that the file validates.
    /// </summary>
    public async Task WriteXlsxAsync(Stream output, CancellationToken ct)
    {
        var rows = Rows(await map.CellsAsync(ct));
        using var book = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = book.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData(new Row([.. Columns.Select(c => TextCell(c.Header))]) { RowIndex = 1 });
        uint r = 1;
        foreach (var row in rows)
        {
            var cells = row.Select((v, i) => i is 0 or 3 or 4 or 5 && v != "—" ? NumberCell(v) : TextCell(v));
            data.Append(new Row([.. cells]) { RowIndex = ++r });
        }
        sheetPart.Worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane
            { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }),
            new Columns([.. Columns.Select((c, i) => new Column
            { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Round(c.Width / 100.0, 1), CustomWidth = true })]),
            data);
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "紧缺人才目录" }));
    }

    private static Cell TextCell(string text) => new(new InlineString(new Text(text))) { DataType = CellValues.InlineString };

    private static Cell NumberCell(string number) => new(new CellValue(number)) { DataType = CellValues.Number };

    public async Task WriteDocxAsync(Stream output, CancellationToken ct)
    {
        var rows = Rows(await map.CellsAsync(ct));
        var city = await db.Plans.AsNoTracking().Where(p => p.IsCurrent).Select(p => p.CityName).FirstOrDefaultAsync(ct) ?? "";
        var keeperId = await KeepingDepartments.FindAsync(db, TalentSkillRegistry.KeeperMarker, ct);
        var keeper = await db.Departments.AsNoTracking().Where(d => d.Id == keeperId).Select(d => d.Name).FirstOrDefaultAsync(ct);
        var issuer = keeper ?? $"{city}人才工作领导小组办公室";
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        var data = new BulletinData(issuer, $"人才目录〔{year}〕1号", $"{city}未来产业紧缺人才目录（{year}年）",
            $"截至{ExportFormat.ChineseDate(today)}", today, [], [], [], [], []);
        IReadOnlyList<OfficialSection> sections =
        [
            new("一、编制说明",
            [
                "本目录依据企业在平台发布的人才需求与未来产业核心人才库在库人才测算生成，按紧缺指数由高到低排列。",
                "紧缺指数＝（需求人数－库内人才数）÷需求人数，取值0至1，库内人才数不少于需求人数时为0；"
                + "0.8及以上为严重紧缺，0.5至0.8为紧缺，0至0.5为偏紧。",
            ]),
            new("二、紧缺岗位及技能", rows.Count == 0 ? ["本期无紧缺岗位。"] : [], Columns, rows),
        ];
        BulletinDocument.Write(data, sections, output);
    }
}
