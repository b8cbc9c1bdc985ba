using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;

namespace Fip.IntegrationTests;

/// <summary>
/// Every generated office file, downloaded as a reader gets it: valid OOXML (zero OpenXmlValidator errors), a sheet named after its
/// content with the header frozen and columns sized, and a file name in the reader's language sent as RFC 5987 filename*.
/// </summary>
public class FileExportTests
{
    /// <summary>A download: its URL ({track} is replaced by a track's id), whether it is fetched with an API token (else a signed-in
    /// browser), the reader's language, the expected file name (a regex; {date} is the Beijing date), the sheet name (null for a
    /// .docx) and the 1-based header row.</summary>
    public static TheoryData<DatabaseProvider, string, bool, string, string, string?, int> Downloads()
    {
        (string Url, bool Api, string Language, string Name, string? Sheet, int HeaderRow)[] cases =
        [
            ("/api/v1/enterprises/export", true, "zh-CN", "企业名单-{date}\\.xlsx", "企业库", 2),
            ("/api/v1/enterprises/export", true, "en", "Enterprises-{date}\\.xlsx", "Enterprises", 2),
            ("/api/v1/parks/export", true, "zh-CN", "先导园区名单-{date}\\.xlsx", "先导园区", 2),
            ("/api/v1/platforms/export", true, "zh-CN", "创新平台名单-{date}\\.xlsx", "创新平台", 2),
            ("/api/v1/products/export", true, "zh-CN", "关键产品清单-{date}\\.xlsx", "关键产品", 2),
            ("/api/v1/projects/export", true, "zh-CN", "重点项目清单-{date}\\.xlsx", "重点项目", 2),
            ("/api/v1/scenarios/export", true, "en", "Application scenarios-{date}\\.xlsx", "Application scenarios", 2),
            ("/api/v1/enterprises/template", true, "zh-CN", "企业库导入模板\\.xlsx", "企业库", 1),
            ("/api/v1/products/template", true, "en", "Key products import template\\.xlsx", "Key products", 1),
            ("/api/v1/enterprises/indicators/template", true, "zh-CN", "企业年度指标导入模板\\.xlsx", "企业年度指标", 1),
            ("/api/v1/chains/tracks/{track}/gaps", true, "zh-CN", "招商清单-.+-{date}\\.xlsx", "招商清单", 2),
            ("/api/v1/chains/tracks/{track}/gaps", true, "en", "recruitment-list-.+-{date}\\.xlsx", "recruitment-list", 2),
            ("/api/v1/investment/leads/export", true, "zh-CN", "招商线索-{date}\\.xlsx", "招商线索", 2),
            ("/api/v1/investment/leads/export", true, "en", "Investment leads-{date}\\.xlsx", "Investment leads", 2),
            ("/Alerts?handler=Export", false, "zh-CN", "预警清单-{date}\\.xlsx", "预警清单", 2),
            ("/Admin/Audit?handler=Export", false, "zh-CN", "审计日志-{date}\\.xlsx", "审计日志", 2),
            ("/Admin/Audit?handler=Export", false, "en", "Audit log-{date}\\.xlsx", "Audit log", 2),
            ("/Supervision/Export?handler=Breakdown", false, "zh-CN", "任务分解表-{date}\\.xlsx", "任务分解表", 3),
            ("/Supervision/Export?handler=Scorecard", false, "zh-CN", "评分排名-.+\\.xlsx", "评分排名", 2),
            ("/Supervision/Export?handler=Bulletin", false, "zh-CN", "督办通报-.+\\.docx", null, 0),
        ];
        var data = new TheoryData<DatabaseProvider, string, bool, string, string, string?, int>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var c in cases) data.Add(db, c.Url, c.Api, c.Language, c.Name, c.Sheet, c.HeaderRow);
        return data;
    }

    [Theory, MemberData(nameof(Downloads))]
    public async Task Download_IsValidOoxml_NamedForTheReader(DatabaseProvider db, string url, bool api, string language, string name,
        string? sheetName, int headerRow)
    {
        var app = FipApp.For(db);
        HttpClient client;
        if (api) client = (await app.ApiClientAsync(Roles.Admin)).Client;
        else
        {
            var admin = await app.CreateUserAsync(Roles.Admin);
            client = app.BrowserClient();
            await FipApp.SignInAsync(client, admin.UserName!, FipApp.UserPassword);
        }

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var track = app.Use(d => d.Tracks.OrderBy(t => t.Id).Select(t => t.Id).First());
        var trackId = track.ToString(CultureInfo.InvariantCulture);
        var response = await client.GetAsync(url.Replace("{track}", trackId, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition!;
        var date = Display.Today(TimeProvider.System).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.Matches("^" + name.Replace("{date}", date, StringComparison.Ordinal) + "$", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var validator = new OpenXmlValidator();
        if (sheetName is null)
        {
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            Assert.Empty(validator.Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            return;
        }

        using var book = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(validator.Validate(book).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        Assert.Equal(sheetName, book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
        var sheet = book.WorkbookPart.WorksheetParts.Single().Worksheet;
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, (double)headerRow), (pane.State!.Value, pane.VerticalSplit!.Value));
        Assert.NotEmpty(sheet.Descendants<Column>());
        Assert.All(sheet.Descendants<Column>(), c => Assert.True(c.Width!.Value >= 8));
    }

    /// <summary>A title row above the header (as the platform's own lists have) is skipped by the import reader; a one-column file
    /// keeps its first row as the header.</summary>
    [Theory]
    [InlineData("企业名单（导出时间：2026-12-05 10:00）\n名称,代码\n甲,1\n", new[] { "名称", "代码" }, 1)]
    [InlineData("名称,代码\n甲,1\n", new[] { "名称", "代码" }, 1)]
    [InlineData("名称\n甲\n乙\n", new[] { "名称" }, 2)]
    [InlineData("名称\n", new[] { "名称" }, 0)]
    public void Reader_SkipsATitleRow(string csv, string[] headers, int rows)
    {
        var file = Fip.Web.Features.Registries.Files.TabularReader.Read(
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "a.csv");

        Assert.Equal(headers, file.Headers);
        Assert.Equal(rows, file.Rows.Count);
    }

    /// <summary>Column letters, display widths (a CJK character counts two) and sheet names Excel accepts.</summary>
    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_Letters(int index, string letters) => Assert.Equal(letters, XlsxSheet.Column(index));

    [Theory]
    [InlineData("企业名单", 8)]
    [InlineData("abc", 3)]
    [InlineData("第一行\nab", 6)]
    [InlineData("", 0)]
    public void DisplayWidth_CountsWideCharactersTwice(string text, int width) =>
        Assert.Equal(width, XlsxSheet.DisplayWidth(text));

    [Theory]
    [InlineData("a/b?", "a_b_")]
    [InlineData("", "Sheet1")]
    [InlineData("'引号'", "引号")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")]
    public void SafeName_IsWhatExcelAccepts(string name, string safe) => Assert.Equal(safe, XlsxSheet.SafeName(name));
}
