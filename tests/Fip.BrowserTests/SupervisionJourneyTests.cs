using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

[Collection(BrowserCollection.Name)]
public class SupervisionJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task
        DepartmentFilesAReportWithEvidence_AdminReturnsIt_ItIsResubmittedAndApproved_TheScorecardChanges_AndTheExportsDownload()
    {
        // A task of 市科技局 (the department user's unit), reporting monthly from this month.
        var title = "浏览器督办任务" + Guid.NewGuid().ToString("N")[..4];
        int taskId = 0, kjj = 0;
        string period = "";
        await fixture.WithDbAsync(async (db, sp) =>
        {
            kjj = await db.Departments.Where(d => d.Name == "市科技局").Select(d => d.Id).SingleAsync();
            var board = sp.GetRequiredService<SupervisionBoard>();
            period = ReportingPeriod.Of(ReportingCycle.Monthly, board.Today).Key;
            var result = await sp.GetRequiredService<TaskAdmin>()
                .CreateAsync(new TaskInput(title, null, "浏览器测试", null, null, 1, ReportingCycle.Monthly,
                ReportingPeriod.Of(ReportingCycle.Monthly, board.Today).Start, null, [kjj], [], [], [], [], null), default);
            taskId = result.Value!.Id;
        });
        var evidence = fixture.ScratchFile("会议纪要.pdf");
        await File.WriteAllTextAsync(evidence, "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
        var unit = $"dep:{kjj}";

        var admin = await fixture.NewPageAsync();
        await fixture.SignInAsync(admin, (await fixture.CreateUserAsync(Roles.Admin)).UserName!, BrowserFixture.UserPassword);
        await admin.GotoAsync($"/Supervision/Scorecard?period={period}");
        var myRow = admin.Locator($"tr[data-testid='score-row'][data-unit='{unit}']");
        // Nothing due from the unit this month yet: not rated, listed apart with the reason.
        await Expect(admin.Locator($"li[data-testid='not-rated'][data-unit='{unit}']")).ToContainTextAsync("本期无到期应报事项");
        await Expect(myRow).ToHaveCountAsync(0);

        // The department user finds the task among theirs and files the report with evidence.
        var user = await fixture.CreateUserAsync(Roles.Department);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        await page.GetByTestId("nav-supervision").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "督办任务", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("只看本单位报送的任务").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await fixture.CheckPageAsync(page, "70-supervision-tasks");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync(title);
        await page.GetByTestId("file-report").ClickAsync();
        await page.GetByLabel("完成进度").FillAsync("40");
        await page.GetByLabel("按计划").CheckAsync();
        await page.GetByLabel("工作进展").FillAsync("完成平台申报材料初审，召开推进会一次。");
        await page.GetByTestId("evidence-input").SetInputFilesAsync(evidence);
        await fixture.CheckPageAsync(page, "71-supervision-report-form");
        await page.GetByTestId("submit-report").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToContainTextAsync("已报送");
        await Expect(page.GetByTestId("report-state")).ToHaveTextAsync("待审核");
        await Expect(page.GetByTestId("attachment-link")).ToHaveTextAsync(Path.GetFileName(evidence));
        var reportUrl = page.Url;

        // The task force returns it with a comment.
        await admin.GotoAsync("/Supervision/Review");
        await admin.GetByTestId("review-waiting").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await fixture.CheckPageAsync(admin, "72-supervision-review");
        await admin.GetByTestId("return").ClickAsync();
        await Expect(admin.GetByTestId("report-error")).ToContainTextAsync("退回时请填写意见");
        await admin.GetByLabel("审核意见（退回时必填）").FillAsync("请补充申报企业名单。");
        await admin.GetByTestId("return").ClickAsync();
        await Expect(admin.GetByTestId("report-state")).ToHaveTextAsync("已退回");

        // The unit sees the comment, changes only what is new, and submits again.
        await page.GotoAsync(reportUrl);
        await Expect(page.GetByTestId("return-comment")).ToContainTextAsync("请补充申报企业名单。");
        await Expect(page.GetByLabel("工作进展")).ToHaveValueAsync("完成平台申报材料初审，召开推进会一次。");
        await page.GetByLabel("完成进度").FillAsync("50");
        await page.GetByLabel("工作进展").FillAsync("完成平台申报材料初审，召开推进会一次；申报企业名单：扬州某航空科技有限公司等3家。");
        await page.GetByTestId("submit-report").ClickAsync();
        await Expect(page.GetByTestId("report-state")).ToHaveTextAsync("待审核");

        await admin.GotoAsync(reportUrl);
        await admin.GetByTestId("approve").ClickAsync();
        await Expect(admin.GetByTestId("report-state")).ToHaveTextAsync("已通过");
        // Saved with its evidence, submitted, returned, submitted again, approved.
        await Expect(admin.GetByTestId("report-history").Locator("li")).ToHaveCountAsync(5);
        await Expect(admin.GetByTestId("report-percent")).ToHaveTextAsync("50%");

        // The scorecard now counts the report, on time.
        await admin.GotoAsync($"/Supervision/Scorecard?period={period}");
        await Expect(myRow.GetByTestId("score-ontime")).ToHaveTextAsync("1 / 1");
        await fixture.CheckPageAsync(admin, "73-supervision-scorecard");

        // The 任务分解表 and the 督办通报 download.
        var sheet =
            await admin.RunAndWaitForDownloadAsync(
                () => admin.GotoAsync("/Supervision").ContinueWith(_ => admin.GetByTestId("export-breakdown").ClickAsync()).Unwrap());
        Assert.EndsWith(".xlsx", sheet.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("任务分解表", sheet.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(new FileInfo(await sheet.PathAsync()).Length > 3000);
        await admin.GotoAsync($"/Supervision/Scorecard?period={period}");
        var bulletin = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("export-bulletin").ClickAsync());
        Assert.Equal($"督办通报-{period}.docx", bulletin.SuggestedFilename);
        Assert.True(new FileInfo(await bulletin.PathAsync()).Length > 3000);

        // The task page on a phone, in English.
        var phone = await fixture.NewPageAsync(375, 812);
        await fixture.SignInAsync(phone, user.UserName!, BrowserFixture.UserPassword);
        await phone.GotoAsync($"/culture/en?returnUrl=/Supervision/Task/{taskId}");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Reports" })).ToBeVisibleAsync();
        await fixture.CheckPageAsync(phone, "74-supervision-task-phone-en");
        File.Delete(evidence);
    }

    [Fact]
    public async Task TaskForm_FiltersAndPicksUnits_Takes4Milestones_AndSavesThem_OnADesktopAndAPhone()
    {
        var admin = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(admin, (await fixture.CreateUserAsync(Roles.Admin)).UserName!, BrowserFixture.UserPassword);
        await admin.GotoAsync("/Supervision");
        await fixture.CheckPageAsync(admin, "80-supervision-board-1440");
        await admin.GotoAsync("/Supervision/Scorecard");
        await fixture.CheckPageAsync(admin, "81-supervision-scorecard-1440");
        await admin.GotoAsync("/Supervision/Edit");
        var title = "节点任务" + Guid.NewGuid().ToString("N")[..4];
        await admin.GetByLabel("任务", new() { Exact = true }).FillAsync(title);

        // The filter narrows the lead units to 市科技局; the keyboard picks it (Enter ticks the only match).
        var leads = admin.GetByTestId("picker-leads");
        await admin.GetByTestId("filter-leads").FillAsync("科技");
        await Expect(leads.GetByLabel("市科技局", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(leads.GetByLabel("市工信局", new() { Exact = true })).ToBeHiddenAsync();
        await admin.GetByTestId("filter-leads").PressAsync("Enter");
        await Expect(leads.GetByLabel("市科技局", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(admin.Locator("[data-picker-status]").First).ToHaveTextAsync("已选 1 个");
        // Co-units: filter by part of a full name, tick with the mouse; no group phrase is offered.
        var cos = admin.GetByTestId("picker-cos");
        await Expect(cos.GetByLabel("市制造强市建设工作专班成员单位")).ToHaveCountAsync(0);
        await admin.GetByTestId("filter-cos").FillAsync("工业和信息化");
        await cos.GetByLabel("市工信局", new() { Exact = true }).CheckAsync();
        await admin.GetByTestId("filter-cos").FillAsync("财政");
        await cos.GetByLabel("市财政局", new() { Exact = true }).CheckAsync();
        await admin.GetByTestId("filter-districts").FillAsync("邗江");
        await admin.GetByTestId("picker-districts").GetByLabel("邗江区").CheckAsync();

        // Four milestones: one row is there, three are added; a fifth is added and removed again.
        string[] steps = ["完成方案编制", "召开推进会", "项目开工", "通过验收"];
        for (var i = 1; i <= 4; i++) await admin.GetByTestId("add-milestone").ClickAsync();
        await Expect(admin.Locator("[data-milestone]")).ToHaveCountAsync(5);
        await admin.GetByRole(AriaRole.Button, new() { Name = "删除节点 5" }).ClickAsync();
        await Expect(admin.Locator("[data-milestone]")).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++)
        {
            await admin.GetByLabel($"节点 {i + 1}", new() { Exact = true }).FillAsync(steps[i]);
            await admin.Locator($"#m-due-{i}").FillAsync($"2027-0{i + 2}-15");
        }
        await Expect(admin.Locator("label[for='m-due-3']")).ToHaveTextAsync("计划完成日期");
        await fixture.CheckPageAsync(admin, "82-supervision-task-form-1440");
        await admin.GetByTestId("save-task").ClickAsync();

        // Saved: the task page lists the four milestones and its units.
        await Expect(admin.GetByTestId("task-title")).ToHaveTextAsync(title);
        foreach (var step in steps) await Expect(admin.GetByText(step, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("task-leads")).ToHaveTextAsync("市科技局");
        int id = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            var task = await db.SupervisionTasks.Include(t => t.Milestones).Include(t => t.Units).Include(t => t.Districts)
                .SingleAsync(t => t.Title == title);
            Assert.Equal(steps, task.Milestones.OrderBy(m => m.DueDate).Select(m => m.Title));
            Assert.Equal(3, task.Units.Count);
            Assert.Single(task.Districts);
            id = task.Id;
        });

        // The form again on a phone: the four saved rows and an empty one, usable at 390 px.
        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, (await fixture.CreateUserAsync(Roles.Admin)).UserName!, BrowserFixture.UserPassword);
        await phone.GotoAsync($"/Supervision/Edit/{id}");
        await Expect(phone.Locator("[data-milestone]")).ToHaveCountAsync(5);
        await Expect(phone.GetByLabel("节点 4", new() { Exact = true })).ToHaveValueAsync("通过验收");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the form is {width} px wide on a 390 px phone");
        await fixture.CheckPageAsync(phone, "83-supervision-task-form-390");
        await phone.GotoAsync("/Supervision");
        // The table scrolls inside its frame; the page itself stays phone-wide.
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the board overflows 390 px");
        await fixture.CheckPageAsync(phone, "84-supervision-board-390");
        await phone.GotoAsync("/Supervision/Scorecard");
        await fixture.CheckPageAsync(phone, "85-supervision-scorecard-390");
    }
}
