using System.Text;
using System.Text.RegularExpressions;
using Fip.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

[Collection(BrowserCollection.Name)]
public class RegistryJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_ImportsAFileWithAnError_ReadsThePreview_FixesIt_Commits_FindsTheRecord_Exports()
    {
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);

        await page.GetByTestId("nav-registries").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "企业库" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "企业库" })).ToBeVisibleAsync();
        await page.GetByTestId("record-import").ClickAsync();
        await fixture.CheckPageAsync(page, "20-import");

        var code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321012", new Random(4711));
        var bad = fixture.ScratchFile("企业名单.csv");
        await File.WriteAllTextAsync(bad, $"统一社会信用代码,企业名称,所属板块,产业方向\r\n{code},扬州浏览器测试航空有限公司,江都区,低空经济\r\n123,坏数据有限公司,火星区,低空经济\r\n",
            new UTF8Encoding(true));
        await page.GetByTestId("import-file").SetInputFilesAsync(bad);
        await page.GetByTestId("import-upload").ClickAsync();
        await Expect(page.GetByTestId("import-refused")).ToBeVisibleAsync(new() { Timeout = 20000 });
        var problems = page.GetByTestId("row-problems");
        await Expect(problems).ToContainTextAsync("火星区");
        await Expect(problems).ToContainTextAsync("统一社会信用代码应为18位");
        await Expect(problems.Locator("tbody tr").First).ToContainTextAsync("3");
        await fixture.CheckPageAsync(page, "21-import-refused");

        // Fix the file: the bad row goes; the good one is imported.
        await File.WriteAllTextAsync(bad, $"统一社会信用代码,企业名称,所属板块,产业方向\r\n{code},扬州浏览器测试航空有限公司,江都区,低空经济\r\n", new UTF8Encoding(true));
        await page.GetByTestId("import-file").SetInputFilesAsync(bad);
        await page.GetByTestId("import-upload").ClickAsync();
        await Expect(page.GetByTestId("import-ready")).ToContainTextAsync("将新增1条", new() { Timeout = 20000 });
        await fixture.CheckPageAsync(page, "22-import-ready");
        await page.GetByTestId("import-commit").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("新增1条", new() { Timeout = 20000 });

        await page.GotoAsync("/Registries/enterprises");
        await page.GetByLabel("名称搜索").FillAsync("浏览器测试");
        await page.GetByTestId("filter-submit").ClickAsync();
        await Expect(page.GetByTestId("result-count")).ToHaveTextAsync("共1条");
        await fixture.CheckPageAsync(page, "23-enterprise-list");
        await page.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Expect(page.GetByTestId("record-title")).ToHaveTextAsync(new Regex("扬州浏览器测试航空有限公司"));
        await Expect(page.Locator("[data-field='district']")).ToHaveTextAsync("江都区");
        await Expect(page.Locator(".history-list")).ToContainTextAsync("新增");
        await Expect(page.Locator(".history-list")).ToContainTextAsync(admin.UserName!); // the import ran in the background, as this admin
        await Expect(page.Locator(".history-list")).Not.ToContainTextAsync("anonymous");
        await fixture.CheckPageAsync(page, "24-enterprise-record");

        await page.GetByTestId("record-edit").ClickAsync();
        await page.GetByLabel("从业人数").FillAsync("很多");
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.GetByTestId("error-employees")).ToHaveTextAsync("应为非负整数");
        await fixture.CheckPageAsync(page, "25-enterprise-edit-error");
        await page.GetByLabel("从业人数").FillAsync("86");
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.Locator("[data-field='employees']")).ToHaveTextAsync("86");

        await page.GotoAsync("/Registries/enterprises?q=浏览器测试");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        var path = Path.Combine(Path.GetDirectoryName(bad)!, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        await using var stream = File.OpenRead(path);
        var exported = Fip.Web.Features.Registries.Files.TabularReader.Read(stream, path);
        var row = Assert.Single(exported.Rows);
        Assert.Equal(code, row.Cells[0]);
        Assert.Equal("86", row.Cells[exported.Headers.ToList().IndexOf("从业人数")]);
    }

    [Fact]
    public async Task Leader_SeesRegistriesReadOnly_WithPersonalDataMasked()
    {
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Registries/scenarios/Edit");
        await page.GetByLabel("场景名称").FillAsync("城市低空物流配送示范");
        await page.GetByLabel("建设主体").FillAsync("扬州市邮政分公司");
        await page.GetByLabel("所属板块").SelectOptionAsync(new SelectOptionValue { Label = "广陵区" });
        await page.GetByLabel("场景类型").SelectOptionAsync(new SelectOptionValue { Label = "示范" });
        await page.GetByLabel("场景阶段").SelectOptionAsync(new SelectOptionValue { Label = "融合试验" });
        await page.GetByLabel("场景状态").SelectOptionAsync(new SelectOptionValue { Label = "建设中" });
        await fixture.CheckPageAsync(page, "26-scenario-form");
        await page.GetByTestId("record-save").ClickAsync();
        await Expect(page.GetByTestId("record-title")).ToHaveTextAsync(new Regex("城市低空物流配送示范"));

        var leader = await fixture.CreateUserAsync(Roles.Leader);
        var other = await fixture.NewPageAsync();
        await fixture.SignInAsync(other, leader.UserName!, BrowserFixture.UserPassword);
        await other.GotoAsync("/Registries/scenarios");
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "城市低空物流配送示范" })).ToBeVisibleAsync();
        await Expect(other.GetByTestId("record-create")).ToHaveCountAsync(0);
        await Expect(other.GetByTestId("record-import")).ToHaveCountAsync(0);
        await fixture.CheckPageAsync(other, "27-scenarios-leader");
    }

    [Fact]
    public async Task Admin_AddsAYearsFigures_ABadAmountIsExplained_ThenEditsAndDeletesTheYear()
    {
        var id = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            var district = db.Districts.Single(d => d.ShortName == "仪征市").Id;
            var e = new Fip.Web.Features.Registries.Enterprise
            {
                CreditCode = Fip.Web.Demo.DemoDataGenerator.CreditCode("321081", new Random(8123)),
                Name = "扬州年度数据演练有限公司",
                DistrictId = district,
            };
            db.Enterprises.Add(e);
            await db.SaveChangesAsync();
            id = e.Id;
        });
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync($"/Registries/enterprises/{id}");
        var card = page.GetByTestId("indicators-card");
        await Expect(card).ToContainTextAsync("暂无年度指标。");

        // A year with an amount in words: the field says what it needs, nothing is saved.
        var form = page.GetByTestId("indicator-form");
        await form.GetByLabel("年份").FillAsync("2025");
        await form.GetByLabel("营业收入（万元）").FillAsync("一千二百");
        await form.GetByLabel("研发投入（万元）").FillAsync("88");
        await page.GetByTestId("indicator-save").ClickAsync();
        await Expect(page.GetByTestId("indicator-error-revenue")).ToHaveTextAsync("须为数字（万元）");
        await Expect(card).ToContainTextAsync("暂无年度指标。");
        await fixture.CheckPageAsync(page, "28-indicators-error");

        await page.GetByTestId("indicator-form").GetByLabel("营业收入（万元）").FillAsync("1234.5");
        await page.GetByTestId("indicator-save").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToContainTextAsync("年度数据已保存。");
        var row = page.GetByTestId("indicators").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("2025");
        await Expect(row).ToContainTextAsync(new Regex(@"1,?234\.5"));

        // The same year again is refused; the table's own edit link changes it.
        await page.GetByTestId("indicator-form").GetByLabel("年份").FillAsync("2025");
        await page.GetByTestId("indicator-save").ClickAsync();
        await Expect(page.GetByTestId("indicator-error-year")).ToContainTextAsync("2025 年的数据已存在");
        await page.GetByRole(AriaRole.Link, new() { Name = "修改 2025 年数据" }).ClickAsync();
        await Expect(page.GetByTestId("indicator-form")).ToContainTextAsync("修改 2025 年数据");
        await page.GetByTestId("indicator-form").GetByLabel("营业收入（万元）").FillAsync("2000");
        await page.GetByTestId("indicator-save").ClickAsync();
        await Expect(page.GetByTestId("indicators").Locator("tbody tr")).ToContainTextAsync(new Regex(@"2,?000"));
        await Expect(page.GetByTestId("indicators").Locator("tbody tr")).Not.ToContainTextAsync("1234.5");
        // The record's history reads like the record: labels, names and the year, not property names and ids.
        var history = page.Locator("section[aria-labelledby=history-h]");
        await Expect(history).ToContainTextAsync("年度指标 2025");
        await Expect(history).ToContainTextAsync("营业收入（万元）");
        await Expect(history).ToContainTextAsync("所属板块");
        await Expect(history).ToContainTextAsync("仪征市");
        await Expect(history).Not.ToContainTextAsync("DistrictId");
        await Expect(history).Not.ToContainTextAsync("IsDemo");
        await fixture.CheckPageAsync(page, "29-indicators-saved");

        await page.GetByTestId("indicator-delete-2025").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToContainTextAsync("已删除 2025 年数据。");
        await Expect(page.GetByTestId("indicators-card")).ToContainTextAsync("暂无年度指标。");
    }
}
