using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Wordprocessing;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>
/// Fair scorecards and an honest roll-up, read the four ways officials read them: the pages, the API, the spreadsheets and the
/// 督办通报 must say the same.
/// </summary>
public partial class FairSupervisionTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A settled month that is not the last of its quarter: a quarterly task started in it owes nothing in it.</summary>
    private static ReportingPeriod MidQuarterMonth()
    {
        var today = SupervisionSamples.Today();
        var p = ReportingPeriod.Of(ReportingCycle.Monthly, today).Previous();
        while (p.Due(SupervisionRules.DefaultDueDays) >= today || p.Index % 3 == 0) p = p.Previous();
        return p;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Scorecard_OfAPeriodWhereHalfTheUnitsHaveNothingDue_RanksOnlyTheOthers_InPageApiXlsxAndDocx(DatabaseProvider db)
    {
        // Its own database: ranks are over every unit, and other tests filing reports at the same time would move them between
        // the four reads this test compares.
        using var app = FipApp.Start(db);
        var month = MidQuarterMonth();
        // Four departments of this test: two owe two monthly reports each in the month, two own a quarterly task owing nothing in it.
        var oneOfTwo = SupervisionSamples.NewDepartment(app);
        var noneOfTwo = SupervisionSamples.NewDepartment(app);
        var idle = new[] { SupervisionSamples.NewDepartment(app), SupervisionSamples.NewDepartment(app) };
        var filed = await SupervisionSamples.NewTaskAsync(app, oneOfTwo.Id, month.Start);
        await SupervisionSamples.NewTaskAsync(app, oneOfTwo.Id, month.Start);
        await SupervisionSamples.NewTaskAsync(app, noneOfTwo.Id, month.Start);
        await SupervisionSamples.NewTaskAsync(app, noneOfTwo.Id, month.Start);
        foreach (var d in idle) await SupervisionSamples.NewTaskAsync(app, d.Id, month.Start, ReportingCycle.Quarterly);
        var (client, _) = await app.ApiClientAsync(Roles.Department, oneOfTwo.Name);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{filed}/reports",
            SupervisionSamples.Report(month.Key, 30))).StatusCode);
        var onTime = Fip.Web.Infrastructure.Display.FromShanghai(
            month.Due(SupervisionRules.DefaultDueDays).AddDays(-2).ToDateTime(new TimeOnly(9, 0)));
        app.Use(d =>
        {
            foreach (var r in d.ProgressReports.Where(r => r.TaskId == filed)) r.FirstSubmittedAt = r.SubmittedAt = onTime;
            return d.Save();
        });

        // API: the two with something due are ranked, 1 of 2 above 0 of 2; the others are listed apart with the reason.
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/supervision/scorecard?period={month.Key}");
        var ranked = card.GetProperty("departments").EnumerateArray()
            .ToDictionary(r => r.GetProperty("unit").GetString()!, r => (Rank: r.GetProperty("rank").GetInt32(),
                Score: r.GetProperty("score").GetDecimal(), Name: r.GetProperty("name").GetString()!));
        var apart = card.GetProperty("notRatedDepartments").EnumerateArray()
            .ToDictionary(r => r.GetProperty("unit").GetString()!, r => r.GetProperty("reason").GetString());
        var one = ranked[Key(oneOfTwo)];
        var none = ranked[Key(noneOfTwo)];
        Assert.True(one.Score > none.Score && one.Rank < none.Rank, $"1 of 2: {one}, 0 of 2: {none}");
        foreach (var d in idle)
        {
            Assert.False(ranked.ContainsKey(Key(d)), d.Name);
            Assert.Equal("NothingDue", apart[Key(d)]);
        }
        // No group is ever ranked or listed: only real units.
        var groups = app.Use(d => d.Departments.AsEnumerable().Where(x => x.IsGroup).Select(x => Key(x)).ToHashSet());
        Assert.NotEmpty(groups);
        Assert.DoesNotContain(ranked.Keys.Concat(apart.Keys), groups.Contains);

        // Page: the same ranks, the idle units apart.
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, adminUser.UserName!, FipApp.UserPassword);
        var page = await browser.GetStringAsync($"/Supervision/Scorecard?period={month.Key}");
        Assert.Equal(one.Rank.ToString(CultureInfo.InvariantCulture), PageRank(page, Key(oneOfTwo)));
        Assert.Equal(none.Rank.ToString(CultureInfo.InvariantCulture), PageRank(page, Key(noneOfTwo)));
        foreach (var d in idle)
        {
            Assert.Null(PageRank(page, Key(d)));
            Assert.Contains($"data-testid=\"not-rated\" data-unit=\"{Key(d)}\"", page, StringComparison.Ordinal);
        }

        // The scorecard sheet, followed from the page's link.
        var link = Regex.Match(page, "href=\"(/Supervision/Export\\?handler=Scorecard[^\"]*)\" data-testid=\"export-scorecard\"");
        Assert.True(link.Success);
        // Row 1 is the title; the unit rows have every column.
        var sheet = SheetRows(await browser.GetByteArrayAsync(WebUtility.HtmlDecode(link.Groups[1].Value)))
            .Where(r => r.Count > 2).ToList();
        Assert.Equal(one.Rank.ToString(CultureInfo.InvariantCulture), sheet.Single(r => r[2] == oneOfTwo.Name)[1]);
        Assert.Equal(none.Rank.ToString(CultureInfo.InvariantCulture), sheet.Single(r => r[2] == noneOfTwo.Name)[1]);
        Assert.Equal(one.Score, decimal.Parse(sheet.Single(r => r[2] == oneOfTwo.Name)[11], CultureInfo.InvariantCulture));
        foreach (var row in idle.Select(d => sheet.Single(r => r[2] == d.Name))) Assert.Equal(("不参评", "本期无到期应报事项"), (row[1], row[12]));

        // The 督办通报 of the period, followed from the page's link: the same ranks in its table, the idle units in its 不参评 line.
        var docLink = Regex.Match(page, "href=\"(/Supervision/Export\\?handler=Bulletin[^\"]*)\" data-testid=\"export-bulletin\"");
        using var doc = WordprocessingDocument.Open(
            new MemoryStream(await browser.GetByteArrayAsync(WebUtility.HtmlDecode(docLink.Groups[1].Value))), false);
        var rows = doc.MainDocumentPart!.Document.Body!.Descendants<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(one.Rank.ToString(CultureInfo.InvariantCulture), rows.Single(r => r[1] == oneOfTwo.Name)[0]);
        Assert.Equal(none.Rank.ToString(CultureInfo.InvariantCulture), rows.Single(r => r[1] == noneOfTwo.Name)[0]);
        Assert.Equal(one.Score.ToString("0.0", CultureInfo.InvariantCulture), rows.Single(r => r[1] == oneOfTwo.Name)[8]);
        var notRatedLine = doc.MainDocumentPart.Document.Body.Elements<Paragraph>().Select(p => p.InnerText)
            .First(t => t.StartsWith("不参评（本期无到期应报事项）：", StringComparison.Ordinal) && t.Contains(idle[0].Name, StringComparison.Ordinal));
        Assert.All(idle, d => Assert.Contains(d.Name, notRatedLine, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => idle.Any(d => r.Contains(d.Name)));
        // One date basis: the period's dates and the day the figures stand at, stated once each.
        var text = doc.MainDocumentPart.Document.Body.InnerText;
        Assert.Contains($"本通报统计期为{month.Start.Year}年{month.Start.Month}月1日至", text, StringComparison.Ordinal);
        var asOf = card.GetProperty("asOf").GetString()!;
        var asOfDate = DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"数据截至{asOfDate.Year}年{asOfDate.Month}月{asOfDate.Day}日", text, StringComparison.Ordinal);
        Assert.Contains("抄送：", text, StringComparison.Ordinal);
        Assert.Contains("印发", text, StringComparison.Ordinal);
    }

    /// <summary>Status of every task of a department, as the board page, the API, the 任务分解表 and the 督办通报 say it.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Status_OfEveryTask_AgreesOnTheBoardPageApiBreakdownAndBulletin(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var dep = SupervisionSamples.NewDepartment(app);
        var (client, user) = await app.ApiClientAsync(Roles.Department, dep.Name);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var today = SupervisionSamples.Today();
        var start = today.AddMonths(-2);
        // 重点工程4's case: a programme to 2030 whose only sub-task is done and approved.
        var programme = await SupervisionSamples.NewTaskAsync(app, dep.Id, start, deadline: new DateOnly(2030, 12, 31),
            title: "工程" + Guid.NewGuid().ToString("N")[..6]);
        var child = await SupervisionSamples.NewTaskAsync(app, dep.Id, start, parentId: programme,
            title: "子任务" + Guid.NewGuid().ToString("N")[..6]);
        var first = ReportingPeriod.Of(ReportingCycle.Monthly, start);
        var done = await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{child}/reports",
            SupervisionSamples.Report(first.Key, 100, "Done"));
        var report = JsonDocument.Parse(await done.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{report}/review", new { approve = true })).StatusCode);
        // A task owing two monthly reports and filing none: red.
        var silent = await SupervisionSamples.NewTaskAsync(app, dep.Id, start, title: "未报" + Guid.NewGuid().ToString("N")[..6]);
        // Started yesterday, due tomorrow, nothing reported (no report due yet): half the time gone, 0 %: behind, yellow.
        var behind = await SupervisionSamples.NewTaskAsync(app, dep.Id, today.AddDays(-1), deadline: today.AddDays(1),
            title: "滞后" + Guid.NewGuid().ToString("N")[..6]);

        // API.
        var api = (await client.GetFromJsonAsync<JsonElement>("/api/v1/supervision/tasks")).EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetInt32(), t => t.GetProperty("light").GetString()!);
        var titles = app.Use(d => d.SupervisionTasks.Where(t => api.Keys.Contains(t.Id)).ToDictionary(t => t.Id, t => t.Title));
        Assert.Equal(("Done", "Green", "Red", "Yellow"), (api[child], api[programme], api[silent], api[behind]));

        // Board page: the same colours, and the header counts add up to the rows listed.
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        var page = await browser.GetStringAsync("/Supervision");
        var rows = TaskRow().Matches(page)
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
        Assert.Equal(api, rows);
        var counts = LightCount().Matches(page)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(rows.Count, counts.Values.Sum());
        Assert.All(counts, c => Assert.Equal(rows.Values.Count(l => l == c.Key), c.Value));

        // 任务分解表, followed from the board's link: the same status words.
        var breakdownHref = Regex.Match(page, "href=\"(/Supervision/Export\\?handler=Breakdown)\"").Groups[1].Value;
        var sheet = SheetRows(await browser.GetByteArrayAsync(breakdownHref));
        var words = new Dictionary<string, string> { ["Green"] = "按计划", ["Yellow"] = "滞后", ["Red"] = "逾期", ["Done"] = "已完成" };
        foreach (var (id, light) in api)
        {
            var row = sheet.Single(r => r.Count > 2 && r[2] == titles[id]);
            Assert.Equal(words[light], row[8]);
            // Its own units lead it: 牵头 filled, 配合 empty.
            Assert.Equal((dep.Name, ""), (row[3], row[4]));
        }

        // 督办通报 of this month (its figures stand at today): red and yellow items are exactly the red and yellow tasks.
        var admins = app.BrowserClient();
        await FipApp.SignInAsync(admins, adminUser.UserName!, FipApp.UserPassword);
        using var doc = WordprocessingDocument.Open(new MemoryStream(
            await admins.GetByteArrayAsync($"/Supervision/Export?handler=Bulletin&period={SupervisionSamples.CurrentMonth()}")), false);
        var paragraphs = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        List<string> Section(string heading, string next) =>
            paragraphs.SkipWhile(p => p != heading).Skip(1).TakeWhile(p => p != next).ToList();
        var red = Section("二、红色预警事项", "三、黄色预警事项");
        var yellow = Section("三、黄色预警事项", "四、评分排名");
        foreach (var (id, light) in api)
        {
            Assert.Equal(light == "Red", red.Any(p => p.Contains(". " + titles[id] + "（", StringComparison.Ordinal)));
            Assert.Equal(light == "Yellow", yellow.Any(p => p.Contains(". " + titles[id] + "（", StringComparison.Ordinal)));
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Groups_ExpandToTheirMembers_AndAreNeverOfferedAsUnits(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (groups, members) = app.Use(d =>
        {
            var all = d.Departments.ToList();
            return (all.Where(x => x.IsGroup).ToList(), all.Single(x => x.Name == "市制造强市建设工作专班成员单位").Members);
        });
        Assert.Contains(groups, g => g.Name == "有关县（市、区）区人民政府");
        Assert.Contains("市发改委", members, StringComparison.Ordinal);

        // 强化组织保障〔市制造强市建设工作专班成员单位、有关产业链工作专班等按职责分工负责〕: its member departments report, not the phrases.
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var taskId = app.Use(d => d.SupervisionTasks.Single(t => t.Title == "强化组织保障" && t.ProgrammeId != null).Id);
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/supervision/tasks/{taskId}");
        var reporters = detail.GetProperty("reporters").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("市发改委", reporters);
        Assert.DoesNotContain(reporters, r => groups.Any(g => g.Name == r));

        // Never offered: the user form's and the task form's pickers list units only.
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, adminUser.UserName!, FipApp.UserPassword);
        foreach (var url in new[] { "/Admin/Users/Create", "/Supervision/Edit", $"/Supervision/Edit/{taskId}" })
        {
            var html = await browser.GetStringAsync(url);
            Assert.Contains("市科技局", html, StringComparison.Ordinal);
            Assert.All(groups, g => Assert.DoesNotContain($">{g.Name}<", html, StringComparison.Ordinal));
        }
        // The task form shows the group's members picked, so saving it keeps real units.
        var form = await browser.GetStringAsync($"/Supervision/Edit/{taskId}");
        var reform = app.Use(d => d.Departments.Single(x => x.Name == "市发改委").Id);
        Assert.Matches($"id=\"t-cos-{reform}\" value=\"{reform}\" checked", form);
        // A user can belong to a unit, never to a group.
        object NewUser(string department) => new
        {
            userName = "grp" + Guid.NewGuid().ToString("N")[..8],
            role = Roles.Department,
            department,
            password = FipApp.UserPassword,
        };
        var unit = await admin.PostAsJsonAsync("/api/v1/users", NewUser("市科技局"));
        Assert.True(unit.IsSuccessStatusCode, await unit.Content.ReadAsStringAsync());
        var refused = await admin.PostAsJsonAsync("/api/v1/users", NewUser("市制造强市建设工作专班成员单位"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    private static string Key(Department d) => "dep:" + d.Id.ToString(CultureInfo.InvariantCulture);

    private static string? PageRank(string page, string unit)
    {
        var m = Regex.Match(page, $"data-testid=\"score-row\" data-unit=\"{unit}\">\\s*<td data-testid=\"score-rank\">(\\d+)</td>");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<tr data-testid=\"task-row\" data-task-id=\"(\\d+)\">.*?data-light=\"(\\w+)\"", RegexOptions.Singleline)]
    private static partial Regex TaskRow();

    [GeneratedRegex("data-testid=\"light-count-(\\w+)\">(\\d+)<")]
    private static partial Regex LightCount();

    /// <summary>The first sheet's rows as text, cells placed by their column.</summary>
    internal static List<List<string>> SheetRows(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var shared = doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>()
            .Select(s => s.InnerText).ToList()
            ?? [];
        var sheet = doc.WorkbookPart.WorksheetParts.First().Worksheet;
        return [.. sheet.Descendants<Row>().Select(row =>
        {
            var cells = new List<string>();
            foreach (var c in row.Elements<Cell>())
            {
                var column = Regex.Match(c.CellReference!.Value!, "^[A-Z]+").Value.Aggregate(0, (a, ch) => a * 26 + ch - 'A' + 1) - 1;
                while (cells.Count < column) cells.Add("");
                cells.Add(c.DataType?.Value == CellValues.SharedString
                    ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : c.InlineString?.InnerText ?? c.CellValue?.Text ?? "");
            }
            return cells;
        })];
    }
}
