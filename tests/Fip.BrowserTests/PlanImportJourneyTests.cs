using System.Text.RegularExpressions;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
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
        var pdf = fixture.ScratchFile("政策.pdf");
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

    /// <summary>On a phone, a document laid out unlike Yangzhou's: the page asks for each direction's tier in words; reviewing
    /// before answering, with a sentence piece typed as a name, is refused with each question named; answered, the changes show.</summary>
    [Fact]
    public async Task Admin_OnAPhone_AnswersTheTierQuestions_RemovesASentencePiece_ReviewsTheDraft()
    {
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Plans/Import");
        var sample = Path.Combine(BrowserFixture.RepoRoot, "samples", "policies", "corpus",
            "kaizhou-chuangxin-qudong-shishi-yijian-2017.txt");
        await page.GetByTestId("policy-file").SetInputFilesAsync(sample);
        await page.GetByTestId("policy-upload").ClickAsync();
        await Expect(page.GetByTestId("import-questions")).ToBeVisibleAsync();
        var rows = page.GetByTestId("draft-track");
        var count = await rows.CountAsync();
        Assert.True(count >= 2, $"{count} tracks");
        await Expect(page.GetByTestId("tier-asked")).ToHaveCountAsync(count);
        await Expect(page.GetByTestId("fragment-note")).ToHaveCountAsync(0);
        await fixture.CheckPageAsync(page, "64-plan-import-unseen-phone");

        // A sentence piece pasted over a name, and no tier chosen: both refused with what to do.
        await rows.Nth(1).Locator("input[name='Tracks[1].Name']").FillAsync("印发泰州市未来产业");
        await page.GetByTestId("import-review").ClickAsync();
        await Expect(page.GetByTestId("fragment-note")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("选择梯次");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("句子的片段");

        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            if (await row.GetByTestId("fragment-note").CountAsync() > 0) await row.Locator("input[type=checkbox]").CheckAsync();
            else await row.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = i == 0 ? "前瞻探索" : "其他方向" });
        }
        await page.GetByTestId("import-review").ClickAsync();
        await Expect(page.GetByTestId("import-changes")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-errors")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("tier-asked")).ToHaveCountAsync(0);
        await fixture.CheckPageAsync(page, "65-plan-import-unseen-reviewed-phone");
    }

    /// <summary>A revision that removes a track named by many records lists them a page at a time; the pager's buttons, outside the
    /// draft's form, post it for the next page.</summary>
    [Fact]
    public async Task Admin_ReviewsARemovalNamedByManyRecords_PagesThroughThem()
    {
        const string prefix = "导入分页浏览器测试企业";
        await fixture.WithDbAsync(async (db, _) =>
        {
            var hydrogen = await db.Tracks.SingleAsync(t => t.Code == "hydrogen" && db.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent));
            var district = await db.Districts.Select(d => d.Id).FirstAsync();
            var random = new Random(2212);
            for (var i = 0; i < 60; i++)
            {
                var e = new Enterprise
                {
                    CreditCode = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", random),
                    Name = $"{prefix}{i:00}",
                    DistrictId = district,
                };
                e.Tracks.Add(new EnterpriseTrack { TrackId = hydrogen.Id });
                db.Enterprises.Add(e);
            }
            await db.SaveChangesAsync();
        });
        try
        {
            var admin = await fixture.CreateUserAsync(Roles.Admin);
            var page = await fixture.NewPageAsync(1440, 900);
            await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
            await page.GotoAsync("/Plans/Import");
            var sample = Path.Combine(BrowserFixture.RepoRoot, "samples", "policies", "yangzhou-future-industries-2024.txt");
            await page.GetByTestId("policy-file").SetInputFilesAsync(sample);
            await page.GetByTestId("policy-upload").ClickAsync();
            await page.GetByLabel("删除 氢能", new() { Exact = true }).CheckAsync();
            await page.GetByTestId("import-review").ClickAsync();
            await Expect(page.GetByTestId("import-affected-groups")).ToContainTextAsync("氢能 · 企业库");
            await Expect(page.GetByTestId("import-affected").Locator("li")).ToHaveCountAsync(50);
            var pager = page.GetByTestId("import-affected-pages");
            await Expect(pager).ToContainTextAsync("1 /");
            await fixture.CheckPageAsync(page, "66-plan-import-affected-paged");

            await page.GetByTestId("affected-next").ClickAsync();
            await Expect(pager).ToContainTextAsync("2 /");
            await Expect(page.GetByTestId("import-affected")).ToContainTextAsync(prefix);
            await page.GetByTestId("affected-previous").ClickAsync();
            await Expect(pager).ToContainTextAsync("1 /");

            // A listed record opens.
            await page.GetByTestId("import-affected").Locator("a").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/(Registries|Chains)/"));
        }
        finally
        {
            await fixture.WithDbAsync(async (db, _) =>
            {
                db.Enterprises.RemoveRange(await db.Enterprises.Where(e => e.Name.StartsWith(prefix)).ToListAsync());
                await db.SaveChangesAsync();
            });
        }
    }
}
