using System.Text.RegularExpressions;
using Fip.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PlanImportJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_UploadsThePolicy_SeesTheDraftBesideTheText_CorrectsAUnit_ReviewsTheChange_AcceptsARevision()
    {
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync(1400, 900);
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);

        await page.GotoAsync("/Plans");
        await page.GetByTestId("plan-import").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "导入政策文件" })).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "60-plan-import");

        // A file of another kind is refused with the reason.
        var folder = Directory.CreateTempSubdirectory("fip-policy-");
        var pdf = Path.Combine(folder.FullName, "政策.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4");
        await page.GetByTestId("policy-file").SetInputFilesAsync(pdf);
        await page.GetByTestId("policy-upload").ClickAsync();
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync(".pdf");

        var sample = Path.Combine(BrowserFixture.RepoRoot, "samples", "policies", "yangzhou-future-industries-2024.txt");
        await page.GetByTestId("policy-file").SetInputFilesAsync(sample);
        await page.GetByTestId("policy-upload").ClickAsync();
        await Expect(page.Locator("#row-track-0 input[name='Tracks[0].Name']")).ToHaveValueAsync("低空经济");
        await Expect(page.Locator(".import-document .q-target").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "61-plan-import-draft");

        // The highlighted passage leads to the draft row it became.
        await page.Locator(".import-document a.q-target", new() { HasText = "推出50个以上关键产品" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#row-target-\\d+$"));

        await page.GetByLabel("牵头 未来产业技术策源工程", new() { Exact = true }).FillAsync("市科技局");
        await page.GetByTestId("import-review").ClickAsync();
        var changes = page.GetByTestId("import-changes");
        await Expect(changes).ToContainTextAsync("未来产业技术策源工程");
        await Expect(changes).ToContainTextAsync("市科技局 |");
        await fixture.CheckPageAsync(page, "62-plan-import-review");

        await page.GetByTestId("accept-revision").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Plans/\\d+$"));
        await Expect(page.GetByTestId("plan-title")).ToContainTextAsync("关于加快培育发展未来产业的指导意见");
        await fixture.CheckPageAsync(page, "63-plan-revised");
    }
}
