using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Demand;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Sheet = DocumentFormat.OpenXml.Spreadsheet;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Fip.BrowserTests;

/// <summary>
/// Issue 20's talent journeys: an enterprise's demand moves a cell of the 紧缺人才图谱 and enters the 紧缺人才目录 the talent office
/// downloads; the talent office plans a young talent's follow-up and files a yearly check-in on the plan page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TalentJourneyTests(BrowserFixture fixture)
{
    private const string TalentOffice = "市委组织部（人才办）";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory, MemberData(nameof(TalentFinanceJourneyTests.Widths), MemberType = typeof(TalentFinanceJourneyTests))]
    public async Task EnterprisePostsADemand_TheMapCellMoves_AndTheTalentOfficeExportsTheCatalogueWithTheNewRow(int width, int height)
    {
        // A position of its own per width (other journeys in the shared database leave its cell alone): one person asked for by
        // another enterprise, one person in the pool, so the cell is balanced (index 0) and not in the catalogue before.
        var skill = "旅程量子导航" + width.ToString(CultureInfo.InvariantCulture);
        var code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random(width * 31337));
        var otherCode = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random(width * 7331));
        var skillId = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            var plan = await db.Plans.Where(p => p.IsCurrent).Select(p => p.Id).SingleAsync();
            var track = await db.Tracks.Where(t => t.PlanId == plan && t.Name == "低空经济").Select(t => t.Id).SingleAsync();
            var district = await db.Districts.Where(d => d.ShortName == "邗江区").Select(d => d.Id).SingleAsync();
            var enterprises = new[] { (code, "扬州旅程人才需求企业"), (otherCode, "扬州旅程人才对照企业") }
                .Select(e => new Enterprise
                {
                    CreditCode = e.Item1,
                    Name = e.Item2 + width.ToString(CultureInfo.InvariantCulture),
                    DistrictId = district,
                    FoundedOn = new DateOnly(2018, 1, 1),
                }).ToList();
            db.AddRange(enterprises);
            var entry = new TalentSkill
            {
                Name = skill,
                TrackId = track,
                KeeperDepartmentId = await KeepingDepartments.FindAsync(db, TalentSkillRegistry.KeeperMarker, default),
            };
            db.Add(entry);
            db.Add(new TalentDemand
            {
                Name = "旅程对照岗位",
                Enterprise = enterprises[1],
                TrackId = track,
                Skills = skill,
                Headcount = 1,
                PostedOn = Today,
            });
            db.Add(await TalentAsync(db, "旅程在库人才" + width.ToString(CultureInfo.InvariantCulture), TalentCategory.Professional, skill,
                track));
            await db.SaveChangesAsync();
            skillId = entry.Id;
        });
        var downloads = Directory.CreateTempSubdirectory("fip-catalogue-").FullName;

        // Before: the talent office sees 1 asked for, index 0.00, and the catalogue has no row for it.
        var officer = await fixture.CreateUserAsync(Roles.Department, department: TalentOffice);
        var office = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(office, officer.UserName!, BrowserFixture.UserPassword);
        await office.GotoAsync("/Talent/Map");
        await Expect(office.GetByTestId($"demand-{skillId}")).ToHaveTextAsync("1");
        await Expect(office.GetByTestId($"index-{skillId}")).ToHaveTextAsync("0.00");
        await fixture.CheckPageAsync(office, $"70-talent-map-before-{width}");
        Assert.Null(CatalogueRow(await DownloadAsync(office, "catalogue-xlsx", downloads), skill));

        // The enterprise posts its demand: 3 more people with that skill.
        var owner = await fixture.CreateUserAsync(Roles.Enterprise, enterprise: code);
        var page = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(page, owner.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Registries/demands/Edit");
        var position = "旅程组合导航算法工程师" + width.ToString(CultureInfo.InvariantCulture);
        await page.Locator("[name='v.name']").FillAsync(position);
        await page.Locator("[name='v.enterprise']").FillAsync(code);
        await page.Locator("[name='v.track']").SelectOptionAsync(new SelectOptionValue { Label = "低空经济" });
        await page.Locator("[name='v.skills']").FillAsync(skill + "、惯性导航");
        await page.Locator("[name='v.headcount']").FillAsync("3");
        await page.Locator("[name='v.education']").SelectOptionAsync(new SelectOptionValue { Label = "硕士" });
        await page.Locator("[name='v.urgency']").SelectOptionAsync(new SelectOptionValue { Label = "紧急" });
        await page.Locator("[name='v.postedOn']").FillAsync(Day(Today));
        await fixture.CheckPageAsync(page, $"71-demand-edit-{width}");
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.Locator("[data-field='headcount']")).ToHaveTextAsync("3");
        await fixture.CheckPageAsync(page, $"72-demand-record-{width}");

        // After: through the menu to the map, the cell asks for 4 against 1 in the pool, (4 − 1) ÷ 4 = 0.75 (紧缺).
        if (width < 992) await office.GetByRole(AriaRole.Button, new() { Name = "展开菜单" }).ClickAsync();
        // On a phone the menu slides open; a click on the dropdown while it still moves can be lost on a busy machine, so the
        // dropdown is opened again until its item shows (it failed once at 390 px with the item never visible).
        var item = office.GetByTestId("nav-talent-map");
        for (var attempt = 0; attempt < 3 && !await item.IsVisibleAsync(); attempt++)
        {
            await Expect(office.GetByTestId("nav-services")).ToBeVisibleAsync();
            await office.GetByTestId("nav-services").ClickAsync();
            try { await item.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5000 }); }
            catch (TimeoutException) { }
        }
        await item.ClickAsync();
        await Expect(office.GetByTestId($"demand-{skillId}")).ToHaveTextAsync("4");
        await Expect(office.GetByTestId($"index-{skillId}")).ToHaveTextAsync("0.75");
        await Expect(office.Locator("[data-testid='scarcity-heat'] canvas").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var problems = await BrowserFixture.ChartProblemsAsync(office);
        Assert.True(problems.Length == 0, $"the scarcity map at {width} px: {string.Join("; ", problems)}");
        await fixture.CheckPageAsync(office, $"73-talent-map-after-{width}");

        // The cell drills down to the demand behind it, which opens.
        await office.GetByTestId($"cell-{skillId}").ClickAsync();
        await Expect(office.GetByTestId("cell-summary")).ToContainTextAsync("需求 4 人，库内人才 1 人，紧缺指数 0.75");
        await Expect(office.GetByTestId("cell-demands")).ToContainTextAsync(position);
        await Expect(office.GetByTestId("cell-people")).ToContainTextAsync("旅程在库人才" + width.ToString(CultureInfo.InvariantCulture));
        await fixture.CheckPageAsync(office, $"74-talent-cell-{width}");
        await office.GetByTestId("cell-demands").GetByRole(AriaRole.Link, new() { Name = position }).ClickAsync();
        await Expect(office.Locator("[data-field='headcount']")).ToHaveTextAsync("3");
        await office.GoBackAsync();
        await office.GetByTestId("back-map").ClickAsync();

        // The catalogue, as .xlsx and as .docx, now lists it: 4 asked for, 1 in the pool, 0.75, 紧缺.
        string[] expected = ["低空经济", skill, "4", "1", "0.75", "紧缺"];
        Assert.Equal(expected, CatalogueRow(await DownloadAsync(office, "catalogue-xlsx", downloads), skill)?[1..]);
        Assert.Equal(expected, CatalogueRow(await DownloadAsync(office, "catalogue-docx", downloads), skill)?[1..]);
        Directory.Delete(downloads, true);
    }

    [Theory, MemberData(nameof(TalentFinanceJourneyTests.Widths), MemberType = typeof(TalentFinanceJourneyTests))]
    public async Task TalentOffice_PlansAYoungTalentsFollowUp_FilesTheYearlyCheckIn_AndSeesItListed(int width, int height)
    {
        var name = "旅程青年人才" + width.ToString(CultureInfo.InvariantCulture);
        var id = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            var talent = await TalentAsync(db, name, TalentCategory.Young, "飞控系统", null);
            db.Add(talent);
            await db.SaveChangesAsync();
            id = talent.Id;
        });
        var officer = await fixture.CreateUserAsync(Roles.Department, department: TalentOffice);
        var page = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(page, officer.UserName!, BrowserFixture.UserPassword);

        // From the person's record to the plan page: no plan yet.
        await page.GotoAsync($"/Registries/talents/{id}");
        await Expect(page.GetByTestId("followup-none")).ToBeVisibleAsync();
        await page.GetByTestId("followup-link").ClickAsync();
        await Expect(page.GetByTestId("plan-none")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("checkin-form")).ToHaveCountAsync(0);
        await fixture.CheckPageAsync(page, $"75-talent-plan-none-{width}");

        // The plan: started a year ago less 10 days, so the first yearly check-in falls due in 10 days (within its 30-day window).
        var start = Today.AddYears(-1).AddDays(10);
        await page.Locator("#unit").SelectOptionAsync(new SelectOptionValue { Label = TalentOffice });
        await page.Locator("#startsOn").FillAsync(Day(start));
        await page.Locator("#endsOn").FillAsync(Day(start.AddYears(3).AddDays(-1)));
        await page.Locator("#goals").FillAsync("三年内主持省级以上科研项目一项");
        await page.GetByTestId("plan-save").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToHaveTextAsync("跟踪培养计划已保存。");
        await Expect(page.GetByTestId("plan-goals")).ToHaveTextAsync("三年内主持省级以上科研项目一项");
        await Expect(page.GetByTestId("plan-unit")).ToHaveTextAsync(TalentOffice);
        var slots = page.GetByTestId("plan-slot");
        await Expect(slots).ToHaveCountAsync(3);
        await Expect(slots.First).ToHaveAttributeAsync("data-state", "Due");
        await Expect(slots.Nth(1)).ToHaveAttributeAsync("data-state", "Upcoming");
        await Expect(page.GetByTestId("checkin-form")).ToHaveCountAsync(1);
        await fixture.CheckPageAsync(page, $"76-talent-plan-due-{width}");

        // A check-in dated tomorrow is refused with the reason on the page, and nothing is filed.
        await page.Locator("#ci1-on").FillAsync(Day(Today.AddDays(1)));
        await page.Locator("#ci1-progress").FillAsync("完成年度研发任务");
        await page.GetByTestId("checkin-submit").ClickAsync();
        await Expect(page.GetByTestId("action-error")).ToContainTextAsync("跟踪日期须在该年度填报期内，且不晚于今天。");
        await Expect(slots.First).ToHaveAttributeAsync("data-state", "Due");
        await fixture.CheckPageAsync(page, $"77-talent-plan-refused-{width}");

        // The yearly check-in, filed through the page, is listed with its outcomes counted.
        await page.Locator("#ci1-on").FillAsync(Day(Today));
        await page.Locator("#ci1-progress").FillAsync("完成年度研发任务，入选省双创计划");
        await page.Locator("#ci1-projects").FillAsync("省重点研发项目、市科技项目");
        await page.Locator("#ci1-papers").FillAsync("发明专利1件");
        await page.GetByTestId("checkin-submit").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToHaveTextAsync("年度跟踪已填报。");
        await Expect(slots.First).ToHaveAttributeAsync("data-state", "Filed");
        await Expect(slots.First).ToContainTextAsync(Day(Today) + " · 完成年度研发任务，入选省双创计划");
        await Expect(slots.First).ToContainTextAsync("承担项目：省重点研发项目、市科技项目");
        await Expect(page.GetByTestId("plan-summary"))
            .ToHaveTextAsync("已填报 1 次年度跟踪，成果：项目 2 项，论文/专利 1 项，职称 0 项，称号/荣誉 0 项，单位变动 0 次。");
        await Expect(page.GetByTestId("checkin-form")).ToHaveCountAsync(0);
        await fixture.CheckPageAsync(page, $"78-talent-plan-filed-{width}");

        // The plan form's button again: the goals change, the check-in stays.
        await page.Locator("#goals").FillAsync("三年内主持国家级科研项目一项");
        await page.GetByTestId("plan-save").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToHaveTextAsync("跟踪培养计划已保存。");
        await Expect(page.GetByTestId("plan-goals")).ToHaveTextAsync("三年内主持国家级科研项目一项");
        await Expect(slots.First).ToHaveAttributeAsync("data-state", "Filed");

        // The breadcrumb's links: the person's record shows the check-in counted, the registry lists the person.
        await page.GetByTestId("plan-talent").ClickAsync();
        await Expect(page.GetByTestId("followup-summary")).ToContainTextAsync("已填报 1 次年度跟踪");
        await fixture.CheckPageAsync(page, $"79-talent-record-followup-{width}");
        await page.GetByTestId("followup-link").ClickAsync();
        await page.Locator("nav[aria-label='当前位置'] a[href='/Registries/talents']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/Registries/talents(\?.*)?$"));
    }

    /// <summary>A person of the core talent pool, kept by the talent office, with consent and a retention period.</summary>
    private static async Task<Talent> TalentAsync(FipDbContext db, string name, TalentCategory category, string field, int? track) => new()
    {
        Name = name,
        Category = category,
        TrackId = track,
        Field = field,
        Employer = "扬州大学",
        EmployerKind = EmployerKind.University,
        Purpose = "人才服务",
        ConsentOn = new DateOnly(2025, 1, 1),
        RetainUntil = new DateOnly(2035, 1, 1),
        KeeperDepartmentId = await KeepingDepartments.FindAsync(db, TalentRegistry.KeeperMarker, default),
    };

    /// <summary>Clicks a download link, waits for the file and checks that it opens and validates as OOXML; returns its path.</summary>
    private static async Task<string> DownloadAsync(IPage page, string testId, string dir)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        Assert.Null(await download.FailureAsync());
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + Path.GetExtension(download.SuggestedFilename));
        await download.SaveAsAsync(path);
        Assert.Null(DownloadJourneyTests.Opens(path, download.SuggestedFilename));
        var validator = new OpenXmlValidator();
        using OpenXmlPackage doc = path.EndsWith(".docx", StringComparison.Ordinal)
            ? WordprocessingDocument.Open(path, false)
            : SpreadsheetDocument.Open(path, false);
        var errors = doc switch
        {
            WordprocessingDocument w => validator.Validate(w),
            SpreadsheetDocument s => validator.Validate(s),
            _ => [],
        };
        Assert.Empty(errors.Select(e => $"{e.Path?.XPath}: {e.Description}"));
        return path;
    }

    /// <summary>The catalogue's row (its cells' texts) naming the entry, from the .xlsx sheet or the .docx table; null if none.</summary>
    private static string[]? CatalogueRow(string path, string entry)
    {
        if (path.EndsWith(".docx", StringComparison.Ordinal))
        {
            using var word = WordprocessingDocument.Open(path, false);
            return word.MainDocumentPart!.Document.Body!.Descendants<Word.TableRow>()
                .Select(r => r.Elements<Word.TableCell>().Select(c => c.InnerText.Trim()).ToArray())
                .FirstOrDefault(cells => cells.Contains(entry));
        }
        using var book = SpreadsheetDocument.Open(path, false);
        return book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Sheet.Row>()
            .Select(r => r.Elements<Sheet.Cell>().Select(c => c.InnerText.Trim()).ToArray())
            .FirstOrDefault(cells => cells.Contains(entry));
    }
}
