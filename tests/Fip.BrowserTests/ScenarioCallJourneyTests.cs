using System.Text.RegularExpressions;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>Issue 19 "Done when": a department publishes a need, it appears on the public portal, an enterprise posts a capability,
/// the match is shown with its reasons, the need is put out as a 揭榜 call, applied for, scored by two experts the department added
/// on the expert pool's page (a third, who declared a conflict with the applicant there, is refused) and awarded, the project
/// reaches 融合试验 and the goal card 应用场景 moves. At 1440 px, then the workspace's pages again at 390 px; every page axe-checked.
/// It adds one 应用场景 registry row of its own and asserts only that the card moved by it.</summary>
[Collection(BrowserCollection.Name)]
public class ScenarioCallJourneyTests(BrowserFixture fixture)
{
    private static async Task FillPostAsync(IPage page, string title, string summary, string? products)
    {
        await page.GetByTestId("in-title").FillAsync(title);
        await page.GetByTestId("in-organisation").FillAsync("扬州旅程测试单位");
        await page.GetByTestId("in-summary").FillAsync(summary);
        if (products is not null) await page.GetByTestId("in-requirements").FillAsync(products);
        await page.GetByTestId("in-trackId").SelectOptionAsync(new SelectOptionValue { Label = "低空经济" });
        if (await page.GetByTestId("in-districtId").CountAsync() > 0)
            await page.GetByTestId("in-districtId").SelectOptionAsync(new SelectOptionValue { Label = "邗江区" });
        if (await page.GetByTestId("in-timeline").CountAsync() > 0) await page.GetByTestId("in-timeline").FillAsync("2027年内");
        await page.GetByTestId("in-contactName").FillAsync("赵工");
        await page.GetByTestId("in-contactPhone").FillAsync("13700000019");
        await page.GetByTestId("scenario-save").ClickAsync();
        await Expect(page.GetByTestId("scenario-state")).ToHaveAttributeAsync("data-state", "Draft");
        await page.GetByTestId("scenario-move-submit").ClickAsync();
        await Expect(page.GetByTestId("scenario-state")).ToHaveAttributeAsync("data-state", "Review");
    }

    private static async Task PublishAsync(IPage admin, string postUrl)
    {
        await admin.GotoAsync(postUrl);
        await admin.GetByTestId("scenario-move-publish").ClickAsync();
        await Expect(admin.GetByTestId("scenario-state")).ToHaveAttributeAsync("data-state", "Published");
    }

    private static async Task<int> GoalValueAsync(IPage page)
    {
        await page.GotoAsync("/Goals");
        var value = page.GetByTestId("goal-card").Filter(new() { HasText = "应用场景" }).GetByTestId("goal-value");
        return int.Parse(await value.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ANeed_IsPublished_Matched_PutOutAsACall_Awarded_AndItsProjectMovesTheGoal()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var needTitle = $"旅程·园区无人机巡检{tag}";
        var capTitle = $"旅程·无人机巡检服务{tag}";
        var uscc = Fip.Web.Demo.DemoDataGenerator.CreditCode("321012", new Random(tag.GetHashCode(StringComparison.Ordinal)));
        var depUser = await fixture.CreateUserAsync(Roles.Department);
        var entUser = await fixture.CreateUserAsync(Roles.Enterprise, enterprise: uscc);
        var adminUser = await fixture.CreateUserAsync(Roles.Admin);

        var department = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(department, depUser.UserName!, BrowserFixture.UserPassword);
        var goalBefore = await GoalValueAsync(department);

        // A department posts a need; the task force publishes it; it appears on the public portal.
        await department.GotoAsync("/Scenarios");
        await department.GetByTestId("scenario-new-need").ClickAsync();
        await FillPostAsync(department, needTitle, "在工业园区开展无人机巡检，自动机场值守，图像识别发现隐患", null);
        var needUrl = new Uri(department.Url).AbsolutePath;
        var admin = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(admin, adminUser.UserName!, BrowserFixture.UserPassword);
        await PublishAsync(admin, needUrl);
        var visitor = await fixture.NewPageAsync(1440, 900);
        await visitor.GotoAsync("/Portal/Scenarios");
        await Expect(visitor.GetByText(needTitle)).ToBeVisibleAsync();
        await fixture.CheckPageAsync(visitor, "sc0-portal-1440");

        // An enterprise posts a capability, published in turn; the need's page shows the match with its reasons.
        var enterprise = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(enterprise, entUser.UserName!, BrowserFixture.UserPassword);
        await enterprise.GotoAsync("/Scenarios");
        await enterprise.GetByTestId("scenario-new-capability").ClickAsync();
        await FillPostAsync(enterprise, capTitle, "提供无人机巡检服务：自动机场、图像识别、园区巡检", "YZ-巡检无人机、自动机场");
        await PublishAsync(admin, new Uri(enterprise.Url).AbsolutePath);
        await department.GotoAsync(needUrl);
        var match = department.GetByTestId("scenario-match").Filter(new() { HasText = capTitle });
        await Expect(match.GetByTestId("scenario-reasons")).ToContainTextAsync("无人机");
        await fixture.CheckPageAsync(department, "sc1-need-matches-1440");

        // The department puts the need out as a call (three criteria of 50/30/20 by default).
        await department.GetByText("发布为揭榜挂帅榜单").First.ClickAsync();
        var deadline = Fip.Web.Infrastructure.Display.ToShanghai(DateTime.UtcNow.AddDays(7));
        await department.GetByTestId("call-deadline").FillAsync(deadline.ToString("yyyy-MM-ddTHH:mm",
            System.Globalization.CultureInfo.InvariantCulture));
        await fixture.CheckPageAsync(department, "sc2-call-form-1440");
        await department.GetByTestId("call-create").ClickAsync();
        await Expect(department).ToHaveURLAsync(new Regex("/Scenarios/Call/\\d+$"));
        var callUrl = new Uri(department.Url).AbsolutePath;
        await Expect(department.GetByTestId("call-criteria")).ToContainTextAsync("技术方案");
        await fixture.CheckPageAsync(department, "sc3-call-1440");

        // The enterprise applies with its proposal and a PDF.
        await enterprise.GotoAsync(callUrl);
        await enterprise.GetByTestId("call-proposal").FillAsync("自动机场加图像识别，三个月完成园区验证");
        await enterprise.GetByTestId("call-file").SetInputFilesAsync(new FilePayload
        {
            Name = "方案.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4 journey proposal"u8.ToArray(),
        });
        await fixture.CheckPageAsync(enterprise, "sc4-call-apply-1440");
        await enterprise.GetByTestId("call-apply").ClickAsync();
        await Expect(enterprise.GetByTestId("call-applied")).ToBeVisibleAsync();

        // The department adds three experts to the pool on its page; the third declares a conflict with the applicant.
        await department.GotoAsync("/Scenarios/Calls");
        await department.GetByTestId("calls-experts").ClickAsync();
        await Expect(department).ToHaveURLAsync(new Regex("/Scenarios/Experts$"));
        var experts = new List<string> { $"旅程专家甲{tag}", $"旅程专家乙{tag}" };
        var conflicted = $"旅程专家丙{tag}";
        foreach (var name in experts.Append(conflicted))
        {
            await department.GetByTestId("expert-in-name").FillAsync(name);
            await department.GetByTestId("expert-in-organisation").FillAsync("扬州大学");
            await department.GetByTestId("expert-in-title").FillAsync("教授");
            await department.GetByTestId("expert-in-fields").FillAsync("低空经济、无人机");
            await department.GetByLabel("低空经济", new() { Exact = true }).CheckAsync();
            if (name == conflicted)
            {
                await department.GetByTestId("expert-in-conflict-enterprise").First.FillAsync(uscc);
                await department.GetByTestId("expert-in-conflict-reason").First.FillAsync("曾任该企业技术顾问");
                await fixture.CheckPageAsync(department, "sc5a-experts-form-1440");
            }
            await department.GetByTestId("expert-save").ClickAsync();
            await Expect(department.GetByTestId("expert").Filter(new() { HasText = name })).ToBeVisibleAsync();
        }
        await Expect(department.GetByTestId("expert").Filter(new() { HasText = conflicted }).GetByTestId("expert-conflict"))
            .ToHaveAttributeAsync("data-uscc", uscc);
        await fixture.CheckPageAsync(department, "sc5b-experts-1440");

        // The conflicted expert's scores are refused with the reason; the two others score on the scoring page.
        await department.GotoAsync(callUrl);
        await department.GetByTestId("call-score").First.ClickAsync();
        await department.GetByTestId("score-expert").SelectOptionAsync(new SelectOptionValue { Label = $"{conflicted} · 扬州大学" });
        for (var i = 0; i < 3; i++) await department.GetByTestId("score-value").Nth(i).FillAsync("95");
        await department.GetByTestId("score-save").ClickAsync();
        await Expect(department.GetByTestId("score-error")).ToContainTextAsync("利益冲突");
        foreach (var (expert, scores) in experts.Zip(new[] { new[] { "90", "80", "70" }, ["80", "80", "80"] }))
        {
            await department.GotoAsync(callUrl);
            await department.GetByTestId("call-score").First.ClickAsync();
            await department.GetByTestId("score-expert").SelectOptionAsync(new SelectOptionValue { Label = $"{expert} · 扬州大学" });
            for (var i = 0; i < scores.Length; i++) await department.GetByTestId("score-value").Nth(i).FillAsync(scores[i]);
            if (expert == experts[0]) await fixture.CheckPageAsync(department, "sc5-score-1440");
            await department.GetByTestId("score-save").ClickAsync();
            await Expect(department).ToHaveURLAsync(new Regex(Regex.Escape(callUrl) + "$"));
        }
        await Expect(department.GetByTestId("call-application").First).ToHaveAttributeAsync("data-rank", "1");

        // The deadline passes; the department publishes the award and starts the project.
        var callId = int.Parse(callUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await fixture.WithDbAsync(async (db, _) => await db.Set<ScenarioCall>().Where(c => c.Id == callId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Deadline, DateTime.UtcNow.AddMinutes(-1))));
        await department.GotoAsync(callUrl);
        await department.GetByTestId("call-award").ClickAsync();
        await Expect(department.GetByTestId("call-winner")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(department, "sc6-call-awarded-1440");
        await department.GetByTestId("call-start").ClickAsync();
        await Expect(department).ToHaveURLAsync(new Regex("/Scenarios/Project/\\d+$"));
        var projectUrl = new Uri(department.Url).AbsolutePath;

        // The project reaches 融合试验 with its evidence and outcomes.
        await department.GetByTestId("project-stage-select").SelectOptionAsync("IntegrationTrial");
        await department.GetByTestId("project-evidence").FillAsync("园区两处自动机场上线，试运行一个月");
        await department.GetByLabel("采购合同（份）").FillAsync("1");
        await department.GetByLabel("推广点位（个）").FillAsync("2");
        await department.GetByTestId("project-save").ClickAsync();
        await Expect(department.GetByTestId("project-stage")).ToHaveAttributeAsync("data-stage", "IntegrationTrial");
        await Expect(department.GetByTestId("project-updates")).ToContainTextAsync("园区两处自动机场上线");
        await fixture.CheckPageAsync(department, "sc7-project-1440");

        // The goal card moved by this project; the funnel shows it as a chart with its table.
        Assert.Equal(goalBefore + 1, await GoalValueAsync(department));
        await department.GotoAsync("/Scenarios/Calls");
        await Expect(department.Locator("[data-chart='funnel'] canvas")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await Expect(department.GetByTestId("funnel")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(department, "sc8-calls-funnel-1440");

        // The same pages on a phone: nothing overflows sideways, axe clean.
        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, depUser.UserName!, BrowserFixture.UserPassword);
        var scoreUrl = "";
        await fixture.WithDbAsync(async (db, _) => scoreUrl = callUrl.Replace("/Call/", "/Score/", StringComparison.Ordinal) + "/"
            + await db.Set<CallApplication>().Where(a => a.CallId == callId).Select(a => a.Id).SingleAsync());
        foreach (var (url, name) in new[]
        {
            (needUrl, "sc9-need-390"), (callUrl, "sc10-call-390"), (scoreUrl, "sc11-score-390"), (projectUrl, "sc12-project-390"),
            ("/Scenarios/Calls", "sc13-calls-390"), ("/Scenarios/Institutions", "sc14-institutions-390"),
            ("/Scenarios/Events", "sc15-events-390"), ("/Scenarios/Experts", "sc18-experts-390"),
        })
        {
            await phone.GotoAsync(url);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), name);
            await fixture.CheckPageAsync(phone, name);
        }
        await department.GotoAsync("/Scenarios/Institutions");
        await fixture.CheckPageAsync(department, "sc16-institutions-1440");
        await department.GotoAsync("/Scenarios/Events");
        await fixture.CheckPageAsync(department, "sc17-events-1440");
    }
}
