using System.Diagnostics;
using Fip.Web.Features.Supervision.Exports;
using Xunit.Abstractions;

namespace Fip.UnitTests.Features.Supervision;

/// <summary>
/// The exports as LibreOffice prints them (with Debian's fonts-noto-cjk standing in for the official fonts): page
/// counts, page numbers and the repeated header. Needs soffice and poppler-utils, which ./test.sh installs.
/// </summary>
public sealed class ExportRenderingTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fip-exports-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Render(string name, Action<Stream> write)
    {
        var file = Path.Combine(_dir, name);
        using (var stream = File.Create(file)) write(stream);
        var watch = Stopwatch.StartNew();
        var pdf = OfficeRenderer.ToPdf(file);
        output.WriteLine($"{name}: converted to PDF in {watch.Elapsed.TotalSeconds:0.0} s, {OfficeRenderer.Pages(pdf)} pages");
        return pdf;
    }

    [Fact]
    public void Bulletin_LongList_PrintsOnSeveralPagesNumberedOnEach()
    {
        var pdf = Render("long.docx",
            s => BulletinDocument.Write(ExportSamples.Bulletin(red: 12, yellow: 12, departments: 6, districts: 6), s));

        var pages = OfficeRenderer.Pages(pdf);
        Assert.InRange(pages, 3, 5);
        var first = OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf, 1));
        Assert.Contains(ExportSamples.Issuer, first, StringComparison.Ordinal);
        Assert.Contains("扬制强办〔2026〕3号", first, StringComparison.Ordinal);
        Assert.Contains(ExportSamples.BulletinTitle, first, StringComparison.Ordinal);
        for (var page = 1; page <= pages; page++)
            Assert.EndsWith($"—{page}—", OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf, page)), StringComparison.Ordinal);
        // The last page ends with the 版记: 印发机关 and 印发日期.
        var end = OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf, pages))[..^$"—{pages}—".Length];
        Assert.EndsWith(ExportSamples.Issuer + "2026年11月30日印发", end,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 3, 3)]
    [InlineData(6, 4, 4)]
    [InlineData(9, 2, 5)]
    [InlineData(12, 6, 6)]
    public void Bulletin_SignatureNeverStandsAloneOnTheLastPage_AndTheRecordFollowsIt(int red, int yellow, int units)
    {
        var data = ExportSamples.Bulletin(red, yellow, units, units) with
        {
            CopyTo = "市制造强市建设工作专班成员单位，各县（市、区）人民政府",
            NotRatedDistricts = ["宝应县", "高邮市"],
        };
        var pdf = Render($"sign-{red}-{yellow}-{units}.docx", s => BulletinDocument.Write(data, s));

        var pages = OfficeRenderer.Pages(pdf);
        var last = OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf, pages));
        // Body text stands with the signature: the closing request and 特此通报 are on its page.
        Assert.Contains(OfficeRenderer.Squeeze(BulletinDocument.Closing), last, StringComparison.Ordinal);
        Assert.Contains(BulletinDocument.SoOrdered, last, StringComparison.Ordinal);
        Assert.Contains(ExportSamples.Issuer + "2026年11月30日", last, StringComparison.Ordinal);
        // The 版记: 抄送 and 印发 on the last page, after the signature.
        Assert.Contains("抄送：市制造强市建设工作专班成员单位，各县（市、区）人民政府。", last, StringComparison.Ordinal);
        Assert.True(last.IndexOf("抄送：", StringComparison.Ordinal) > last.IndexOf("特此通报", StringComparison.Ordinal));
        Assert.Contains("2026年11月30日印发", last, StringComparison.Ordinal);
        Assert.Contains("不参评（本期无到期应报事项）：宝应县、高邮市。", OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Bulletin_BodyPage_Holds22Lines()
    {
        // Enough red items to fill page 2 with body text only.
        var pdf = Render("lines.docx",
            s => BulletinDocument.Write(ExportSamples.Bulletin(red: 30, yellow: 0, departments: 0, districts: 0), s));

        var lines = OfficeRenderer.Text(pdf, 2).Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        Assert.Equal("—2—", OfficeRenderer.Squeeze(lines[^1]));
        Assert.Equal(22, lines.Count - 1);
    }

    [Fact]
    public void Bulletin_Short_FitsTwoPages()
    {
        // The 版头 and title take about half of the first page.
        var pdf = Render("short.docx",
            s => BulletinDocument.Write(ExportSamples.Bulletin(red: 1, yellow: 0, departments: 1, districts: 1), s));

        Assert.Equal(2, OfficeRenderer.Pages(pdf));
        var text = OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf));
        Assert.Contains("本期无黄色预警事项。", text, StringComparison.Ordinal);
        Assert.Contains("—1—", text, StringComparison.Ordinal);
        Assert.Contains("—2—", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Workbook_ManyRows_RepeatsTheHeaderOnPage2()
    {
        var pdf = Render("sheet.xlsx", s => BreakdownWorkbook.Write(ExportSamples.Sheet(groups: 3, rowsPerGroup: 25), s));

        Assert.True(OfficeRenderer.Pages(pdf) >= 2, "75 tasks should need more than one A4 page");
        var first = OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf, 1));
        var second = OfficeRenderer.Squeeze(OfficeRenderer.Text(pdf, 2));
        Assert.Contains(ExportSamples.SheetTitle, first, StringComparison.Ordinal);
        Assert.Contains("序号重点工程任务牵头单位配合单位责任板块完成时限进展状态", first, StringComparison.Ordinal);
        Assert.Contains("序号重点工程任务牵头单位配合单位责任板块完成时限进展状态", second, StringComparison.Ordinal);
        Assert.DoesNotContain(ExportSamples.SheetTitle, second, StringComparison.Ordinal);
        Assert.Contains("第2页", second, StringComparison.Ordinal);
        Assert.Contains("2027年2月2日", first, StringComparison.Ordinal);
        Assert.Contains("10%", first, StringComparison.Ordinal);
    }
}
