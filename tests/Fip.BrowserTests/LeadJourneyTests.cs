using Fip.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>Issue 15 item 9: a district clerk adds a 招商 lead from a chain map's gap, records a contact, moves it on, finds it in
/// the list, the funnel and back on the gap panel; the same pages on a phone. Every page axe-checked and photographed.</summary>
[Collection(BrowserCollection.Name)]
public class LeadJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task DistrictAddsALeadFromAGap_RecordsAContact_MovesItOn_AndFindsItInTheListAndFunnel()
    {
        var name = "旅程·深圳翼展科技" + Guid.NewGuid().ToString("N")[..4];
        var track = 0;
        await fixture.WithDbAsync(async (db, _) => track = await db.ChainLinks.Select(l => l.TrackId).OrderBy(t => t).FirstAsync());
        var user = await fixture.CreateUserAsync(Roles.District);
        var page = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);

        await page.GetByTestId("nav-services").ClickAsync();
        await page.GetByTestId("nav-leads").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Investment$"));
        await fixture.CheckPageAsync(page, "l0-leads-1440");

        await page.GotoAsync($"/Chains/Track/{track}");
        var add = page.GetByTestId("gap-add-lead").First;
        await add.ClickAsync();
        await Expect(page.GetByTestId("lead-form")).ToBeVisibleAsync();
        await page.GetByLabel("企业名称").FillAsync(name);
        await page.GetByLabel("所在城市").FillAsync("深圳市");
        await page.GetByLabel("线索来源").FillAsync("世界无人机大会展商名录");
        await page.GetByLabel("计划投资额（万元）").FillAsync("5000");
        await fixture.CheckPageAsync(page, "l1-new-lead-1440");
        await page.GetByTestId("lead-submit").ClickAsync();
        // The save goes to its handler (an empty form action once posted to the page itself and lost every field).
        await Expect(page.GetByTestId("form-errors")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        var leadUrl = page.Url;

        await page.GetByLabel("联系人（我方）").FillAsync("邗江区投资促进局张科长");
        await page.GetByLabel("联系方式").SelectOptionAsync("Visit");
        await page.GetByLabel("内容摘要").FillAsync("上门介绍产业链配套，对方有意扩产");
        await page.GetByLabel("下一步").FillAsync("邀请来扬考察");
        await page.GetByTestId("contact-submit").ClickAsync();
        await Expect(page.GetByTestId("contacts")).ToContainTextAsync("邀请来扬考察");
        await page.GetByLabel("新阶段").SelectOptionAsync("Negotiation");
        await page.GetByTestId("stage-submit").ClickAsync();
        await Expect(page.GetByTestId("lead-stage")).ToHaveTextAsync("洽谈");
        // Back without a reason is refused, and the page says why.
        await page.GetByLabel("新阶段").SelectOptionAsync("Contact");
        await page.GetByTestId("stage-submit").ClickAsync();
        await Expect(page.GetByTestId("form-errors")).ToContainTextAsync("须填写原因");
        await fixture.CheckPageAsync(page, "l2-lead-1440");

        await page.GotoAsync("/Investment");
        await page.GetByLabel("阶段").SelectOptionAsync("Negotiation");
        await page.GetByTestId("filter-leads").ClickAsync();
        await page.GetByTestId("lead-link").Filter(new() { HasText = name }).ClickAsync();
        await Expect(page).ToHaveURLAsync(leadUrl);
        await page.GotoAsync("/Investment");
        await page.GetByTestId("lead-funnel").ClickAsync();
        await Expect(page.GetByTestId("funnel")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("lead-funnel-chart").Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await fixture.CheckPageAsync(page, "l3-funnel-1440");
        await page.GotoAsync($"/Chains/Track/{track}");
        await page.GetByTestId("gap-leads").First.ClickAsync();
        await Expect(page.GetByTestId("lead-link").Filter(new() { HasText = name })).ToBeVisibleAsync();

        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, user.UserName!, BrowserFixture.UserPassword);
        await phone.GotoAsync("/Investment");
        await fixture.CheckPageAsync(phone, "l4-leads-390");
        await phone.GotoAsync(leadUrl);
        await fixture.CheckPageAsync(phone, "l5-lead-390");
        await phone.GotoAsync("/Investment/Funnel");
        await fixture.CheckPageAsync(phone, "l6-funnel-390");
    }
}
