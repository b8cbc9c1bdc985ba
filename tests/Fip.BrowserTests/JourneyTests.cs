using System.Text.RegularExpressions;
using Fip.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

[Collection(BrowserCollection.Name)]
public class JourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_SignsIn_ChangesFirstPassword_FollowsATargetToItsSentence_SwitchesToEnglish_SignsOut()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Accounts/Login"));
        await fixture.CheckPageAsync(page, "01-login");

        // A wrong password first: one generic message, the user name kept.
        await fixture.SignInAsync(page, "admin", "Wrong-Password-1");
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("用户名或密码不正确");
        await Expect(page.GetByLabel("用户名")).ToHaveValueAsync("admin");

        await fixture.SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Accounts/ChangePassword"));
        await Expect(page.GetByTestId("must-change")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "02-change-password");

        await page.GetByLabel("当前密码").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("确认新密码").FillAsync("short");
        await page.GetByTestId("change-password-submit").ClickAsync();
        await Expect(page.GetByTestId("new-password-error")).ToContainTextAsync("密码至少10位");

        await page.GetByLabel("当前密码").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Changed-Admin-2024!");
        await page.GetByLabel("确认新密码").FillAsync("Changed-Admin-2024!");
        await page.GetByTestId("change-password-submit").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToContainTextAsync("密码已修改");
        await Expect(page.GetByTestId("module-plan")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "03-home");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })
            .GetByRole(AriaRole.Link, new() { Name = "规划", Exact = true })
            .ClickAsync();
        await Expect(page.GetByTestId("plan-title")).ToContainTextAsync("关于加快培育发展未来产业的指导意见");
        await Expect(page.GetByText("低空经济").First).ToBeVisibleAsync();
        await Expect(page.GetByText("生态科技新城").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "04-plan");

        // Follow the 关键产品 target to its sentence in the document.
        var card = page.Locator(".target-card", new() { HasText = "关键产品" });
        await card.GetByTestId("target-source").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Plans/Document/\d+#q-target-\d+$"));
        var anchor = new Uri(page.Url).Fragment.TrimStart('#');
        var passage = page.Locator($"[id='{anchor}']");
        await Expect(passage).ToHaveTextAsync("推出50个以上关键产品");
        await Expect(passage).ToBeInViewportAsync();
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "05b-document-at-target.png") });
        await fixture.CheckPageAsync(page, "05-document");

        // …and back from the sentence to the plan item.
        await passage.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Plans#target-\d+$"));

        await page.GotoAsync("/Plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "低空经济", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "低空经济" })).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "06-track");

        await page.GotoAsync("/Plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "未来产业技术策源工程" }).ClickAsync();
        await Expect(page.GetByText("市发改委").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "07-programme");

        await page.GotoAsync("/Admin/Users");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "admin", Exact = true })).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "08-users");
        await page.GetByTestId("user-create").ClickAsync();
        await page.GetByLabel("用户名").FillAsync("jiangdu-liaison");
        await page.GetByLabel("角色").SelectOptionAsync("district");
        await Expect(page.GetByLabel("所属部门")).ToBeHiddenAsync();
        await page.GetByLabel("所属板块").SelectOptionAsync(new SelectOptionValue { Label = "江都区" });
        await fixture.CheckPageAsync(page, "09-user-create");
        await page.GetByTestId("user-save").ClickAsync();
        await Expect(page.GetByTestId("temp-password")).ToBeVisibleAsync();

        await page.GotoAsync("/Admin/Audit");
        await Expect(page.Locator("table.audit-table")).ToContainTextAsync("jiangdu-liaison");
        await fixture.CheckPageAsync(page, "10-audit");

        await page.GotoAsync("/Plans");
        await page.GetByTestId("lang-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Targets" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Low-altitude economy").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "11-plan-en");

        // The longer English menu folds into the menu button at this width; the page itself does not scroll sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        // The menu opens with an animation: on a busy machine a click during it was lost (the sign-out item never showed).
        await Expect(page.Locator("#mainNav.show")).ToBeVisibleAsync();
        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Accounts/Login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/Plans");
        await Expect(page).ToHaveURLAsync(new Regex("/Accounts/Login"));
    }

    [Fact]
    public async Task DistrictUser_IsRefusedTheAdminPages()
    {
        var user = await fixture.CreateUserAsync(Roles.District);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        await Expect(page.GetByTestId("module-plan")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "用户管理" })).ToHaveCountAsync(0);
        await page.GotoAsync("/Admin/Users");
        await Expect(page.GetByTestId("error-title")).ToHaveTextAsync("没有访问权限");
        await fixture.CheckPageAsync(page, "12-district-denied");
        await page.GotoAsync("/Admin/Audit");
        await Expect(page.GetByTestId("error-title")).ToHaveTextAsync("没有访问权限");
    }

    [Fact]
    public async Task Phone_PlanAndDocumentFitA375PxScreen()
    {
        var user = await fixture.CreateUserAsync(Roles.Leader);
        var page = await fixture.NewPageAsync(375, 812);
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        foreach (var (url, name) in new[] { ("/", "13-phone-home"), ("/Plans", "14-phone-plan"), ("/Plans/Document", "15-phone-document") })
        {
            await page.GotoAsync(url);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{url} scrolls sideways by {overflow}px at 375px");
            await fixture.CheckPageAsync(page, name);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "展开菜单" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "规划", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnknownPage_ShowsTheFriendly404()
    {
        var user = await fixture.CreateUserAsync(Roles.Department);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        var response = await page.GotoAsync("/no/such/page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("error-title")).ToHaveTextAsync("页面不存在");
        await fixture.CheckPageAsync(page, "16-not-found");
    }
}
