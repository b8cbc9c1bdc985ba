using Fip.Web.Features.Accounts;
using Microsoft.Playwright;

namespace Fip.BrowserTests;

/// <summary>The audit log as an auditor reads it, at desk (1440 px) and phone (390 px) width: people in words, the raw change
/// behind its toggle, the filter applied from the form, the export downloaded; axe clean.</summary>
[Collection(BrowserCollection.Name)]
public class AuditJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task Auditor_FiltersByPersonAndAction_OpensTheRawChange_AndExports(int width)
    {
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync(width, 900);
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
        await page.WaitForURLAsync(u => !u.Contains("/Accounts/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Admin/Audit");
        await page.Locator("#user").FillAsync(admin.UserName!);
        await page.Locator("#entityType").SelectOptionAsync("AppUser");
        await page.GetByTestId("audit-filter").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("entityType=AppUser", StringComparison.Ordinal));
        var rows = page.GetByTestId("audit-row");
        Assert.True(await rows.CountAsync() >= 1);
        await Assertions.Expect(rows.First).ToContainTextAsync(admin.DisplayName);
        await Assertions.Expect(rows.First).ToContainTextAsync("账号");
        var raw = rows.First.GetByTestId("audit-raw");
        await Assertions.Expect(raw.Locator("code").First).Not.ToBeVisibleAsync();
        await raw.Locator("summary").ClickAsync();
        await Assertions.Expect(raw.Locator("code").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, $"audit-{width}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("audit-export").ClickAsync());
        Assert.Matches(@"^审计日志-\d{8}\.xlsx$", download.SuggestedFilename);
        await page.Context.CloseAsync();
    }
}
