using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>The leaders' cockpit at 1440 px, 390 px and full screen; a district's own targets; tables as cards on a phone.</summary>
[Collection(BrowserCollection.Name)]
public class CockpitJourneyTests(BrowserFixture fixture)
{
    private const string Shots = "/tmp/shots-cockpit";

    private async Task SeedAsync()
    {
        await fixture.WithDbAsync(async (db, _) =>
        {
            if (await db.Enterprises.AnyAsync(e => e.Name.StartsWith("驾驶舱旅程"))) return;
            var tracks = await db.Tracks.Where(t => db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId)).OrderBy(t => t.SortOrder)
                .Take(4).ToListAsync();
            var districts = await db.Districts.OrderBy(d => d.SortOrder).Take(6).ToListAsync();
            var random = new Random(7);
            for (var i = 0; i < 24; i++)
            {
                var e = new Enterprise
                {
                    CreditCode = Fip.Web.Demo.DemoDataGenerator.CreditCode("321000", random),
                    Name = $"驾驶舱旅程企业{i:00}",
                    DistrictId = districts[i % districts.Count].Id,
                };
                e.Tracks.Add(new EnterpriseTrack { TrackId = tracks[i % tracks.Count].Id });
                for (var year = 2023; year <= 2025; year++)
                    e.Indicators.Add(new EnterpriseIndicator
                    {
                        Year = year,
                        Revenue = 8000 + (i * 900) + ((year - 2023) * 1200),
                        OutputValue = 9000 + (i * 1000),
                        Tax = 300 + (i * 20),
                        RdExpense = 400 + (i * 35),
                        Employees = 120 + (i * 9),
                    });
                db.Enterprises.Add(e);
            }
            await db.SaveChangesAsync();
        });
    }

    private async Task CheckAsync(IPage page, string name)
    {
        await fixture.CheckPageAsync(page, name);
        Directory.CreateDirectory(Shots);
        File.Copy(Path.Combine(BrowserFixture.Screenshots, name + ".png"), Path.Combine(Shots, name + ".png"), overwrite: true);
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");

    [Fact]
    public async Task Leader_Cockpit_AtDeskWidth_OnAPhone_AndFullScreen()
    {
        await SeedAsync();
        var leader = await fixture.CreateUserAsync(Roles.Leader);
        var page = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(page, leader.UserName!, BrowserFixture.UserPassword);
        await Expect(page.GetByTestId("cockpit")).ToBeVisibleAsync();
        // The 24 enterprises seeded here, and any other journey's enterprises with figures in the shared browser database.
        var reporting = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            var figures = db.EnterpriseIndicators.Where(i => db.Enterprises.Any(e => e.Id == i.EnterpriseId && !e.IsDeleted));
            var latest = await figures.MaxAsync(i => i.Year);
            reporting = await figures.Where(i => i.Year == latest && i.Revenue != null).Select(i => i.EnterpriseId).Distinct().CountAsync();
        });
        Assert.True(reporting >= 24);
        await Expect(page.GetByTestId("scale-Revenue").GetByTestId("scale-count")).ToHaveTextAsync($"{reporting} 家企业");
        await Expect(page.GetByTestId("scale-Revenue").GetByTestId("scale-yoy")).ToContainTextAsync("同比 +");
        await Expect(page.Locator("[data-cockpit-chart='tracks'] canvas")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Expect(page.Locator("[data-cockpit-chart='trend'] canvas")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("cockpit-ranking").GetByTestId("ranking-row")).ToHaveCountAsync(await CountDistrictsAsync());
        await Expect(page.Locator("a[href='/api/docs'].module-card")).ToHaveCountAsync(0); // no developer tile for leaders
        await page.GetByTestId("cockpit-measure").SelectOptionAsync("Employees");
        var problems = await BrowserFixture.ChartProblemsAsync(page, "[data-cockpit-chart]", toolbox: false);
        Assert.True(problems.Length == 0, $"the cockpit's charts at 1440 px: {string.Join("; ", problems)}");
        await CheckAsync(page, "cockpit-1440");

        // The ranking's first district opens the district's page.
        await page.GetByTestId("ranking-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("district-title")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("figure-row").First).ToBeVisibleAsync();
        await CheckAsync(page, "cockpit-district-1440");

        // Full screen: no navigation, dark, a way back.
        await page.GotoAsync("/");
        await page.GetByTestId("cockpit-fullscreen").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Cockpit/Screen$"));
        await Expect(page.Locator(".fip-navbar")).ToHaveCountAsync(0);
        // One title, said once: the cockpit's own, as the page's h1 (the platform's name above it is no heading).
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveAttributeAsync("data-testid", "cockpit-title");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).Filter(new() { HasText = "驾驶舱" })).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-cockpit-chart='districts'] canvas")).ToBeVisibleAsync(new() { Timeout = 15000 });
        problems = await BrowserFixture.ChartProblemsAsync(page, "[data-cockpit-chart]", toolbox: false);
        Assert.True(problems.Length == 0, $"the full-screen cockpit's charts: {string.Join("; ", problems)}");
        await CheckAsync(page, "cockpit-screen-1920");
        await page.GetByTestId("screen-exit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Cockpit$"));

        // A phone: the cockpit is a row of cards swiped sideways, and the page itself never scrolls sideways.
        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, leader.UserName!, BrowserFixture.UserPassword);
        await Expect(phone.GetByTestId("cockpit-deck")).ToBeVisibleAsync();
        Assert.Equal("x mandatory", await phone.GetByTestId("cockpit-deck")
            .EvaluateAsync<string>("e => getComputedStyle(e).scrollSnapType"));
        Assert.True(await FitsAsync(phone));
        // Tables become cards: each value carries its column's name.
        var cell = phone.GetByTestId("cockpit-tracks").Locator("td[data-measure='Revenue']").First;
        Assert.Equal("营业收入 (亿元)", await cell.GetAttributeAsync("data-label"));
        Assert.Equal("block", await cell.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        await Expect(phone.Locator("[data-cockpit-chart='tracks'] canvas").First).ToBeAttachedAsync(new() { Timeout = 15000 });
        problems = await BrowserFixture.ChartProblemsAsync(phone, "[data-cockpit-chart]", toolbox: false);
        Assert.True(problems.Length == 0, $"the cockpit's charts at 390 px: {string.Join("; ", problems)}");
        await CheckAsync(phone, "cockpit-390");
    }

    private async Task<int> CountDistrictsAsync()
    {
        var n = 0;
        await fixture.WithDbAsync(async (db, _) => n = await db.Districts.CountAsync());
        return n;
    }

    [Fact]
    public async Task Tables_AtPhoneWidth_AreCards_OnEveryListPage()
    {
        await SeedAsync();
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, admin.UserName!, BrowserFixture.UserPassword);
        foreach (var (url, name) in new[]
        {
            ("/Supervision", "phone-supervision"), ("/Registries/enterprises", "phone-registries"), ("/Alerts", "phone-alerts"),
            ("/Supervision/Scorecard", "phone-scorecard"),
        })
        {
            await phone.GotoAsync(url);
            Assert.True(await FitsAsync(phone), $"{url} scrolls sideways at 390 px");
            var labelled = await phone.Locator("table td[data-label]").CountAsync();
            var cells = await phone.Locator("table > tbody > tr > td").CountAsync();
            Assert.True(cells == 0 || labelled > 0, $"{url}: no cell carries its column's name");
            await CheckAsync(phone, name);
        }
    }

    /// <summary>
    /// The goal page's charts (history, by track, by district, heat map) at a desk and on a phone: the toolbox's download icon sits
    /// in a band of its own, over no label, legend entry or plot area (it covered the history's legend and the heat map's top row);
    /// no two labels overlap (the heat map's slanted district names did on a phone); a colour scale shows its ends' numbers and
    /// paints a cell of its low end in its low colour (empty cells were the darkest).
    /// </summary>
    [Fact]
    public async Task GoalTarget_ChartToolbox_CoversNoLabelLegendOrPlot_AtDeskWidthAndOnAPhone()
    {
        await SeedAsync();
        var leader = await fixture.CreateUserAsync(Roles.Leader);
        var target = 0;
        await fixture.WithDbAsync(async (db, _) => target = await db.Targets
            .Where(t => t.Value != null && t.IndicatorId != null && db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId))
            .OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync());
        foreach (var (width, height) in new[] { (1440, 900), (390, 844) })
        {
            var page = await fixture.NewPageAsync(width, height);
            await fixture.SignInAsync(page, leader.UserName!, BrowserFixture.UserPassword);
            await page.GotoAsync($"/Goals/Target/{target}");
            // Every chart drawn (or saying it has no data yet), the history and the bars at least drawn.
            await Expect(page.Locator("[data-chart]:not(:has(canvas)):not(.chart-empty)")).ToHaveCountAsync(0, new() { Timeout = 15000 });
            Assert.True(await page.Locator("[data-chart]:has(canvas)").CountAsync() >= 3);
            var problems = await BrowserFixture.ChartProblemsAsync(page);
            Assert.True(problems.Length == 0, $"the charts at {width} px: {string.Join("; ", problems)}");
            await CheckAsync(page, $"goal-target-charts-{width}");
        }
    }

    [Fact]
    public async Task Admin_SplitsATarget_AndTheDistrictSeesItsOwnTarget()
    {
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
        int target = 0;
        await fixture.WithDbAsync(async (db, _) => target = await db.Targets
            .Where(t => t.Value != null && t.IndicatorId != null && db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId))
            .OrderByDescending(t => t.SortOrder).Select(t => t.Id).FirstAsync());
        await page.GotoAsync($"/Goals/Target/{target}");
        await page.GetByTestId("goal-split").ClickAsync();
        await Expect(page.GetByTestId("split-form")).ToBeVisibleAsync();
        await page.GetByLabel("邗江区").FillAsync("3");
        await page.GetByLabel("江都区").FillAsync("2");
        await page.GetByTestId("split-save").ClickAsync();
        await Expect(page.GetByTestId("split-sum")).ToContainTextAsync("5");
        await CheckAsync(page, "split-1440");

        var clerk = await fixture.CreateUserAsync(Roles.District, "邗江区");
        var district = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(district, clerk.UserName!, BrowserFixture.UserPassword);
        var card = district.Locator($"a.kpi-card[href='/Goals/Target/{target}']");
        await Expect(card.GetByTestId("kpi-own-target")).ToContainTextAsync("本板块分解目标");
        await Expect(card).ToContainTextAsync("3");
        Assert.True(await FitsAsync(district));
        await CheckAsync(district, "district-own-target-390");
    }
}
