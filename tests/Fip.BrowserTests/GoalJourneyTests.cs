using System.Text.RegularExpressions;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

[Collection(BrowserCollection.Name)]
public class GoalJourneyTests(BrowserFixture fixture)
{
    private async Task SeedAsync()
    {
        await fixture.WithDbAsync(async (db, services) =>
        {
            if (await db.KeyProducts.AnyAsync(p => p.Name.StartsWith("YZ-旅程"))) return;
            var district = await db.Districts.SingleAsync(d => d.Name == "江都区");
            var track = await db.Tracks.SingleAsync(t => t.Name == "低空经济");
            var enterprise = new Enterprise
            {
                CreditCode = Fip.Web.Demo.DemoDataGenerator.CreditCode("321012", new Random(99)),
                Name = "扬州旅程航空科技有限公司",
                DistrictId = district.Id
            };
            enterprise.Tracks.Add(new EnterpriseTrack { TrackId = track.Id });
            db.Enterprises.Add(enterprise);
            for (var i = 0; i < 6; i++)
                db.KeyProducts.Add(new KeyProduct
                {
                    Name = $"YZ-旅程{i}型无人机",
                    Enterprise = enterprise,
                    TrackId = track.Id,
                    Stage = i < 4 ? ProductStage.MassProduction : ProductStage.Prototype,
                    RecognitionLevel = i < 4 ? RecognitionLevel.Provincial : null,
                    RecognizedOn = i < 4 ? new DateOnly(2025, 3, 1).AddMonths(i * 5) : null,
                });
            db.PilotParks.Add(
                new PilotPark
                {
                    Name = "扬州江都低空经济先导园",
                    DistrictId = district.Id,
                    TrackCodes = "|" + track.Id + "|",
                    Status = ParkStatus.UnderConstruction,
                    ApprovedOn = new DateOnly(2025, 6, 1)
                });
            await db.SaveChangesAsync();
            await services.GetRequiredService<GoalAlertRules>().EvaluateAsync(CancellationToken.None);
        });
    }

    [Fact]
    public async Task Leader_SeesTheTargetsWithCharts_OpensTheCountedRecords_AndFiltersByDistrict()
    {
        await SeedAsync();
        var leader = await fixture.CreateUserAsync(Roles.Leader);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, leader.UserName!, BrowserFixture.UserPassword);

        // Home: one card per target, each with its status and a sparkline drawn from the JSON endpoint.
        var cards = page.GetByTestId("kpi-card");
        await Expect(cards).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("home-goals")).ToContainTextAsync("关键产品");
        await Expect(page.GetByTestId("home-goals")).ToContainTextAsync("未来产业先导园区");
        // A chart for each target with a number; the one without (骨干企业, 一批) says what it tracks instead of an empty chart.
        await Expect(page.GetByTestId("kpi-tracks")).ToHaveCountAsync(1);
        await Expect(page.Locator(".sparkline canvas")).ToHaveCountAsync(4, new() { Timeout = 15000 });
        await Expect(page.GetByTestId("home-alerts")).ToContainTextAsync("滞后"); // 6 products against 50: behind
        await Expect(page.GetByTestId("home-changes")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "30-leader-home");

        // The key-products card → its page: number, definition, history chart, breakdowns.
        await cards.Filter(new() { HasText = "关键产品" }).ClickAsync();
        await Expect(page.GetByTestId("goal-title")).ToHaveTextAsync("关键产品");
        await Expect(page.GetByTestId("goal-value")).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("goal-definition")).ToContainTextAsync("认定级别");
        await Expect(page.GetByTestId("goal-status")).ToHaveTextAsync("滞后");
        await Expect(page.Locator("[data-chart='history'] canvas")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await Expect(page.Locator("[data-chart='heat'] canvas").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Expect(page.GetByTestId("goal-projection")).ToContainTextAsync("储备 2 个");
        await fixture.CheckPageAsync(page, "31-goal-key-products");

        // One click lists the records counted: the four recognised products, not the two prototypes.
        await page.GetByTestId("goal-records").ClickAsync();
        await Expect(page.GetByTestId("counted-by")).ToContainTextAsync("关键产品");
        await Expect(page.GetByTestId("result-count")).ToHaveTextAsync("共4条");
        await Expect(page.Locator("table.registry-table")).Not.ToContainTextAsync("YZ-旅程5型");
        await fixture.CheckPageAsync(page, "32-goal-drilldown");

        // The goals page, narrowed to a district.
        await page.GotoAsync("/Goals");
        await Expect(page.GetByTestId("goal-card")).ToHaveCountAsync(5);
        await page.GetByTestId("goal-district").SelectOptionAsync(new SelectOptionValue { Label = "高邮市" });
        await page.GetByTestId("goal-filter").ClickAsync();
        await Expect(page.GetByTestId("goal-filter-note")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("goal-card").Filter(new() { HasText = "关键产品" }).GetByTestId("goal-value")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("goal-card").Filter(new() { HasText = "关键产品" }).GetByTestId("goal-city-value"))
            .ToHaveTextAsync("全市合计 4 / 全市目标 50 个");
        await Expect(page.GetByTestId("goal-card").Filter(new() { HasText = "关键产品" }).GetByTestId("goal-status")).ToHaveTextAsync("全市滞后");
        // the city's status, labelled as the city's: 高邮市 has no target of its own, so its 0 is not set against 50 nor shown 滞后
        // as if it were its own.
        await Expect(page.GetByTestId("goal-card").Filter(new() { HasText = "关键产品" }).Locator(".goal-target")).ToHaveTextAsync("个");
        await Expect(page.GetByTestId("goal-card").Filter(new() { HasText = "关键产品" }).Locator(".progress")).ToHaveCountAsync(0);
        await page.GetByTestId("goal-district").SelectOptionAsync(new SelectOptionValue { Label = "江都区" });
        await page.GetByTestId("goal-filter").ClickAsync();
        await Expect(page.GetByTestId("goal-card").Filter(new() { HasText = "关键产品" }).GetByTestId("goal-value")).ToHaveTextAsync("4");
        await Expect(page.Locator(".sparkline canvas").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Expect(page.GetByTestId("chain-coverage")).ToContainTextAsync("低空经济"); // chain coverage as context
        await fixture.CheckPageAsync(page, "33-goals-jiangdu");

        await page.GotoAsync("/Goals/Districts");
        await Expect(page.GetByTestId("district-table")).ToContainTextAsync("江都区");
        await Expect(page.Locator("[data-chart='stack'] canvas").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await fixture.CheckPageAsync(page, "34-goals-districts");

        await page.GotoAsync("/Alerts");
        await Expect(page.GetByTestId("alert-item").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "35-alerts-leader");

        // On a phone the cards stack and nothing overflows sideways.
        var phone = await fixture.NewPageAsync(375, 800);
        await fixture.SignInAsync(phone, leader.UserName!, BrowserFixture.UserPassword);
        await Expect(phone.GetByTestId("kpi-card")).ToHaveCountAsync(5);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await fixture.CheckPageAsync(phone, "36-leader-home-phone");
    }

    [Fact]
    public async Task Admin_ChangesADefinition_AndSeesTheNewValue()
    {
        await SeedAsync();
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Goals");
        await page.GetByTestId("goal-card").Filter(new() { HasText = "关键产品" }).GetByTestId("goal-link").ClickAsync();
        await page.GetByTestId("goal-edit").ClickAsync();
        await fixture.CheckPageAsync(page, "37-goal-definition-edit");
        // Count only products recognised at provincial level or above… and also those in mass production.
        await page.Locator("#c1-stage-MassProduction").CheckAsync();
        await page.GetByTestId("definition-save").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToContainTextAsync("统计口径已保存");
        await Expect(page.GetByTestId("goal-value")).ToHaveTextAsync("4"); // the four mass-produced ones are the recognised ones
        await Expect(page.GetByTestId("goal-definition")).ToContainTextAsync("量产");
        // Put it back.
        await page.GetByTestId("goal-edit").ClickAsync();
        await page.Locator("#c1-stage-MassProduction").UncheckAsync();
        await page.GetByTestId("definition-save").ClickAsync();
        await Expect(page.GetByTestId("goal-definition")).Not.ToContainTextAsync("量产");
    }
}
