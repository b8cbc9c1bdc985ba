using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Finance;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>Issue 20's journeys: the talent pool's masking and access log, and the finance officer's day.</summary>
[Collection(BrowserCollection.Name)]
public class TalentFinanceJourneyTests(BrowserFixture fixture)
{
    public static TheoryData<int, int> Widths => new() { { 1440, 900 }, { 390, 844 } };

    [Theory, MemberData(nameof(Widths))]
    public async Task DepartmentUser_SeesTalentMasked_TheTalentOfficeUnmasked_AndTheAdminFindsThatReadInTheAuditLog(int width,
        int height)
    {
        var id = 0;
        var idNumber = "";
        await fixture.WithDbAsync(async (db, _) =>
        {
            var n = Random.Shared.Next(100, 999);
            var body = $"3210021990030{n % 10}{n:000}";
            idNumber = body + Fip.Web.Infrastructure.IdNumber.CheckCharacter(body);
            var keeper = await KeepingDepartments.FindAsync(db, TalentRegistry.KeeperMarker, default);
            var talent = new Talent
            {
                Name = "旅程人才" + n,
                Category = TalentCategory.Young,
                Employer = "扬州大学",
                EmployerKind = EmployerKind.University,
                IdNumber = idNumber,
                Phone = "13912345678",
                Purpose = "人才服务",
                ConsentOn = new DateOnly(2025, 1, 1),
                RetainUntil = new DateOnly(2030, 1, 1),
                KeeperDepartmentId = keeper,
            };
            db.Add(talent);
            await db.SaveChangesAsync();
            id = talent.Id;
        });

        var other = await fixture.CreateUserAsync(Roles.Department);
        var page = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(page, other.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync($"/Registries/talents/{id}");
        await Expect(page.Locator("[data-field='idNumber']")).ToHaveTextAsync(idNumber[..3] + new string('*', 11) + idNumber[^4..]);
        await Expect(page.Locator("[data-field='phone']")).ToHaveTextAsync("139****5678");
        await fixture.CheckPageAsync(page, $"60-talent-masked-{width}");

        var office = await fixture.CreateUserAsync(Roles.Department, department: "市委组织部（人才办）");
        var officePage = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(officePage, office.UserName!, BrowserFixture.UserPassword);
        await officePage.GotoAsync($"/Registries/talents/{id}");
        await Expect(officePage.Locator("[data-field='idNumber']")).ToHaveTextAsync(idNumber);
        await fixture.CheckPageAsync(officePage, $"61-talent-unmasked-{width}");

        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var adminPage = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(adminPage, admin.UserName!, BrowserFixture.UserPassword);
        await adminPage.GotoAsync("/Admin/Audit");
        await adminPage.GetByLabel("操作").SelectOptionAsync(new SelectOptionValue { Label = "查看个人信息" });
        await adminPage.GetByLabel("用户", new() { Exact = true }).FillAsync(office.UserName!);
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var rows = adminPage.Locator(".audit-table tbody tr");
        await Expect(rows.First).ToContainTextAsync(office.DisplayName); // who, in words
        await Expect(rows.First).ToContainTextAsync("核心人才");
        await Expect(rows.First).ToContainTextAsync(id.ToString(CultureInfo.InvariantCulture));
        await fixture.CheckPageAsync(adminPage, $"62-talent-access-log-{width}");
        // The department user without the talent scope left no such line.
        await adminPage.GetByLabel("用户", new() { Exact = true }).FillAsync(other.UserName!);
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(adminPage.Locator(".audit-table tbody tr")).ToHaveCountAsync(0);
    }

    [Theory, MemberData(nameof(Widths))]
    public async Task FinanceOfficer_RecordsAnInvestmentAndAFirstLoan_AndSeesTheDashboardMove(int width, int height)
    {
        // Fields by their form names: a required field's label ends in a marker (*).
        var code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random(width * 7919));
        var fund = "旅程天使基金" + width;
        // A goal indicator 天使基金投资额 of its own per width: angel investments dated on this width's own day, so the other width
        // and other journeys in the shared database leave its figure alone.
        var investedOn = new DateOnly(2025, 3, 1 + (width % 28));
        var indicator = "journey-angel-" + width.ToString(CultureInfo.InvariantCulture);
        await fixture.WithDbAsync(async (db, _) =>
        {
            if (await db.Indicators.AnyAsync(i => i.Code == indicator)) return;
            db.Indicators.Add(new IndicatorDefinition
            {
                Code = indicator,
                Name = "天使基金投资额" + width.ToString(CultureInfo.InvariantCulture),
                Registry = InvestmentRegistry.Key,
                Criteria = new IndicatorCriteria
                {
                    AnyOf = [new Dictionary<string, string[]> { ["kind"] = [nameof(FundKind.Angel)] }],
                    Measure = "amount",
                    From = investedOn,
                    To = investedOn,
                }.ToJson(),
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        await fixture.WithDbAsync(async (db, _) =>
        {
            if (await db.Enterprises.AnyAsync(e => e.CreditCode == code)) return;
            var district = await db.Districts.FirstAsync(d => d.ShortName == "邗江区");
            db.Add(new Enterprise
            {
                CreditCode = code,
                Name = "扬州旅程融资企业" + width,
                DistrictId = district.Id,
                FoundedOn = new DateOnly(2018, 1, 1),
            });
            var keeper = await KeepingDepartments.FindAsync(db, FundRegistry.KeeperMarker, default);
            db.Add(new Fund { Name = fund, Kind = FundKind.Angel, KeeperDepartmentId = keeper });
            await db.SaveChangesAsync();
        });
        var officer = await fixture.CreateUserAsync(Roles.Department, department: "国家金融监管总局扬州监管分局");
        var page = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(page, officer.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Finance");
        await fixture.CheckPageAsync(page, $"63-finance-before-{width}");
        var firstLoans = int.Parse(await page.GetByTestId("total-first-loans").InnerTextAsync(), CultureInfo.InvariantCulture);
        var angel = await page.GetByTestId("total-angel").InnerTextAsync();
        await page.GotoAsync("/Goals");
        var card = page.Locator($"[data-testid='indicator-card'][data-code='{indicator}']");
        await Expect(card.GetByTestId("indicator-unit")).ToHaveTextAsync("万元");
        var angelGoal = decimal.Parse(await card.GetByTestId("indicator-value").InnerTextAsync(), CultureInfo.InvariantCulture);
        await page.GotoAsync("/Finance");

        await page.GetByTestId("finance-investments").ClickAsync();
        await page.GetByTestId("record-create").ClickAsync();
        await page.Locator("[name='v.fund']").FillAsync(fund);
        await page.Locator("[name='v.enterprise']").FillAsync(code);
        await page.Locator("[name='v.round']").SelectOptionAsync(new SelectOptionValue { Label = "天使轮" });
        await page.Locator("[name='v.amount']").FillAsync("650");
        await page.Locator("[name='v.investedOn']").FillAsync(investedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await fixture.CheckPageAsync(page, $"64-investment-edit-{width}");
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.Locator("[data-field='amount']")).ToHaveTextAsync("650");

        await page.GotoAsync("/Registries/loans/Edit");
        await page.Locator("[name='v.enterprise']").FillAsync(code);
        await page.Locator("[name='v.kind']").SelectOptionAsync(new SelectOptionValue { Label = "首贷" });
        await page.Locator("[name='v.bank']").FillAsync("江苏银行扬州分行");
        await page.Locator("[name='v.amount']").FillAsync("300");
        await page.Locator("[name='v.lentOn']").FillAsync("2017-12-31");   // before the enterprise was founded: refused
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("日期早于企业成立日期");
        await page.Locator("[name='v.lentOn']").FillAsync("2025-04-01");
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.Locator("[data-field='kind']")).ToHaveTextAsync("首贷");

        if (width < 992) await page.GetByRole(AriaRole.Button, new() { Name = "展开菜单" }).ClickAsync(); // the phone's collapsed menu
        await page.GetByTestId("nav-services").ClickAsync();
        await page.GetByTestId("nav-finance").ClickAsync();
        // The dashboard sums every register: on a loaded machine the page can take longer than an assertion's 5 s.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Finance$"), new() { Timeout = 20000 });
        await Expect(page.GetByTestId("total-first-loans")).ToHaveTextAsync((firstLoans + 1).ToString(CultureInfo.InvariantCulture),
            new() { Timeout = 20000 });
        await Expect(page.GetByTestId("total-angel")).Not.ToHaveTextAsync(angel);
        await Expect(page.GetByTestId("finance-district")).ToContainTextAsync("邗江区");
        await fixture.CheckPageAsync(page, $"65-finance-after-{width}");
        await page.GetByTestId("total-first-loans").ClickAsync();
        await Expect(page.GetByTestId("result-count")).Not.ToHaveTextAsync("共0条");

        // The goal card 天使基金投资额 moved by the amount recorded, and drills down to the investments behind it.
        await page.GotoAsync("/Goals");
        await Expect(card.GetByTestId("indicator-value"))
            .ToHaveTextAsync(Fip.Web.Infrastructure.Display.Number(angelGoal + 650));
        await fixture.CheckPageAsync(page, $"66-goal-angel-{width}");
        await card.GetByTestId("indicator-records").ClickAsync();
        await Expect(page.GetByTestId("counted-by")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("扬州旅程融资企业" + width.ToString(CultureInfo.InvariantCulture));
    }

    [Theory, MemberData(nameof(Widths))]
    public async Task Enterprise_PostsAFinancingNeed_AndTheOfficerSeesTheMatchAndRecordsTheOutcome(int width, int height)
    {
        var code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random(width * 104729));
        var fund = "旅程对接天使基金" + width;
        await fixture.WithDbAsync(async (db, _) =>
        {
            if (await db.Enterprises.AnyAsync(e => e.CreditCode == code)) return;
            var district = await db.Districts.FirstAsync(d => d.ShortName == "邗江区");
            db.Add(new Enterprise
            {
                CreditCode = code,
                Name = "扬州旅程融资需求企业" + width,
                DistrictId = district.Id,
                FoundedOn = new DateOnly(2019, 1, 1),
            });
            var keeper = await KeepingDepartments.FindAsync(db, FundRegistry.KeeperMarker, default);
            db.Add(new Fund { Name = fund, Kind = FundKind.Angel, KeeperDepartmentId = keeper });
            await db.SaveChangesAsync();
        });
        var owner = await fixture.CreateUserAsync(Roles.Enterprise, enterprise: code);
        var page = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(page, owner.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Registries/needs/Edit");
        var use = "旅程研发中心建设" + width;
        await page.Locator("[name='v.name']").FillAsync(use);
        await page.Locator("[name='v.enterprise']").FillAsync(code);
        await page.Locator("[name='v.amount']").FillAsync("800");
        await page.Locator("[name='v.kind']").SelectOptionAsync(new SelectOptionValue { Label = "股权融资" });
        await page.Locator("[name='v.stage']").SelectOptionAsync(new SelectOptionValue { Label = "天使轮" });
        await page.Locator("[name='v.postedOn']").FillAsync("2025-06-01");
        await fixture.CheckPageAsync(page, $"66-need-edit-{width}");
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.Locator("[data-field='amount']")).ToHaveTextAsync("800");
        var id = 0;
        await fixture.WithDbAsync(async (db, _) => id = (await db.Set<FinancingNeed>().SingleAsync(n => n.Name == use)).Id);
        await page.GotoAsync($"/Finance/Need/{id}");
        await Expect(page.GetByTestId("need-matches")).ToContainTextAsync(fund);
        await Expect(page.GetByTestId("need-outcome-form")).ToHaveCountAsync(0);   // the enterprise does not decide
        await fixture.CheckPageAsync(page, $"67-need-enterprise-{width}");

        var officer = await fixture.CreateUserAsync(Roles.Department, department: "国家金融监管总局扬州监管分局");
        var office = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(office, officer.UserName!, BrowserFixture.UserPassword);
        await office.GotoAsync("/Finance");
        // The sums of open needs: the need names no track, so it is summed under 未指定; the count links to those needs.
        await Expect(office.GetByTestId("need-sums-track")).ToContainTextAsync("未指定");
        var openCount = int.Parse((await office.GetByTestId("need-open-count").InnerTextAsync()).Split(' ')[0],
            CultureInfo.InvariantCulture);
        await office.GetByTestId("need-open-count").ClickAsync();
        await Expect(office.GetByTestId("needs-total")).ToHaveTextAsync($"共{openCount}条");
        await office.GotoAsync("/Finance");
        await office.GetByTestId("finance-needs").ClickAsync();
        // The list is paged, oldest first: the officer finds the need by its use.
        await office.Locator("#q").FillAsync(use);
        await office.GetByTestId("needs-filter-submit").ClickAsync();
        await Expect(office.GetByTestId("needs-total")).ToHaveTextAsync("共1条");
        await fixture.CheckPageAsync(office, $"67-needs-found-{width}");
        await office.GetByRole(AriaRole.Link, new() { Name = use }).ClickAsync();
        await Expect(office.GetByTestId("need-matches")).ToContainTextAsync(fund);
        await Expect(office.GetByTestId("need-matches")).ToContainTextAsync("天使基金投资种子轮、天使轮");
        await fixture.CheckPageAsync(office, $"68-need-officer-{width}");
        await office.Locator("#status").SelectOptionAsync("unmet");
        await office.Locator("#reason").FillAsync("企业估值分歧，暂缓融资");
        await office.GetByTestId("need-outcome-submit").ClickAsync();
        await Expect(office.GetByTestId("need-status")).ToContainTextAsync("未满足（已关闭）");
        await Expect(office.GetByTestId("need-outcome")).ToContainTextAsync("企业估值分歧");
        await fixture.CheckPageAsync(office, $"69-need-outcome-{width}");
    }
}
