using Fip.Web.Features.Accounts;
using Fip.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>Issue 14: the district's 待办 and messages through a return and a resubmission; a leader's 批示 answered.</summary>
[Collection(BrowserCollection.Name)]
public class InboxJourneyTests(BrowserFixture fixture)
{
    private static ILocator Item(IPage page, string kind, string title) =>
        page.Locator($"[data-testid='todo-item'][data-kind='{kind}']").Filter(new() { HasText = title });

    /// <summary>A task carried out by 邗江区 (led by 市科技局 when <paramref name="withLead"/>), reporting monthly from this month.</summary>
    private async Task<int> NewTaskAsync(string title, bool withLead)
    {
        var taskId = 0;
        await fixture.WithDbAsync(async (db, sp) =>
        {
            var kjj = await db.Departments.Where(d => d.Name == "市科技局").Select(d => d.Id).SingleAsync();
            var hanjiang = await db.Districts.Where(d => d.Name == "邗江区").Select(d => d.Id).SingleAsync();
            var start = ReportingPeriod.Of(ReportingCycle.Monthly, sp.GetRequiredService<SupervisionBoard>().Today).Start;
            var result = await sp.GetRequiredService<TaskAdmin>().CreateAsync(new TaskInput(title, null, "旅程", null, null, 1,
                ReportingCycle.Monthly, start, null, withLead ? [kjj] : [], [], [hanjiang], [], [], null), default);
            taskId = result.Value!.Id;
        });
        return taskId;
    }

    [Fact]
    public async Task DistrictFiles_TaskForceReturns_DistrictSeesMessageAndInboxItemAtOnce_Resubmits_Approved_InboxEmpties()
    {
        var title = "待办旅程任务" + Guid.NewGuid().ToString("N")[..4];
        await NewTaskAsync(title, withLead: true);

        // The district sees the new task and the report due in its inbox, and files from the item.
        var districtUser = await fixture.CreateUserAsync(Roles.District);
        var district = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(district, districtUser.UserName!, BrowserFixture.UserPassword);
        await district.GotoAsync("/Inbox");
        await Expect(Item(district, "NewTask", title)).ToHaveCountAsync(1);
        await Item(district, "ReportDue", title).GetByTestId("todo-link").ClickAsync();
        await district.GetByLabel("完成进度").FillAsync("30");
        await district.GetByLabel("按计划").CheckAsync();
        await district.GetByLabel("工作进展").FillAsync("完成企业摸排。");
        await district.GetByTestId("submit-report").ClickAsync();
        await Expect(district.GetByTestId("report-state")).ToHaveTextAsync("待审核");
        var reportUrl = district.Url;
        await district.GotoAsync("/Inbox");
        await Expect(Item(district, "ReportDue", title)).ToHaveCountAsync(0);
        await Expect(Item(district, "NewTask", title)).ToHaveCountAsync(0);

        // The task force sees the 待审核 count on its home and returns the report; it then sees it read-only.
        var admin = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(admin, (await fixture.CreateUserAsync(Roles.Admin)).UserName!, BrowserFixture.UserPassword);
        await Expect(admin.GetByTestId("home-review-count")).ToContainTextAsync("待审核");
        await admin.GotoAsync("/Inbox");
        await Item(admin, "ReviewWaiting", title).GetByTestId("todo-link").ClickAsync();
        await admin.GetByLabel("审核意见（退回时必填）").FillAsync("请补充企业名单。");
        await admin.GetByTestId("return").ClickAsync();
        await Expect(admin.GetByTestId("report-state")).ToHaveTextAsync("已退回");
        await Expect(admin.GetByTestId("submit-report")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("report-content")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(admin, "90-inbox-reviewer-read-only");

        // At once: the district's nav counts a message, its inbox lists the returned report.
        await district.GotoAsync("/Inbox");
        await Expect(district.GetByTestId("nav-message-count")).ToBeVisibleAsync();
        await Expect(Item(district, "ReportReturned", title)).ToContainTextAsync("请补充企业名单。");
        await fixture.CheckPageAsync(district, "91-inbox-district-1440");
        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, districtUser.UserName!, BrowserFixture.UserPassword);
        await Expect(Item(phone, "ReportReturned", title)).ToBeVisibleAsync();
        await fixture.CheckPageAsync(phone, "92-inbox-district-home-390");
        await district.GetByTestId("nav-messages").ClickAsync();
        var message = district.Locator("[data-testid='message'][data-kind='ReportReturned']").Filter(new() { HasText = title });
        await Expect(message).ToHaveAttributeAsync("data-unread", "true");
        await fixture.CheckPageAsync(district, "93-messages-1440");
        await phone.GotoAsync("/Messaging");
        await fixture.CheckPageAsync(phone, "94-messages-390");
        await message.GetByTestId("message-open").ClickAsync();
        await Expect(district).ToHaveURLAsync(reportUrl);
        await Expect(district.GetByTestId("return-comment")).ToContainTextAsync("请补充企业名单。");
        await district.GetByLabel("工作进展").FillAsync("完成企业摸排；企业名单：扬州某科技有限公司等2家。");
        await district.GetByTestId("submit-report").ClickAsync();
        await Expect(district.GetByTestId("report-state")).ToHaveTextAsync("待审核");

        await admin.GotoAsync(reportUrl);
        await admin.GetByTestId("approve").ClickAsync();
        await Expect(admin.GetByTestId("report-state")).ToHaveTextAsync("已通过");

        await district.GotoAsync("/Inbox");
        await Expect(district.Locator("[data-testid='todo-item']").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        await district.GotoAsync("/Messaging");
        await Expect(district.Locator("[data-testid='message'][data-kind='ReportApproved']").Filter(new() { HasText = title }))
            .ToHaveCountAsync(1);
        await district.GetByTestId("messages-read-all").ClickAsync();
        await Expect(district.GetByTestId("nav-message-count")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LeaderWritesAnInstruction_TheUnitReplies_TheLeaderSeesTheReplyAndClosesIt()
    {
        var title = "批示旅程任务" + Guid.NewGuid().ToString("N")[..4];
        var taskId = await NewTaskAsync(title, withLead: false);
        var leader = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(leader, (await fixture.CreateUserAsync(Roles.Leader)).UserName!, BrowserFixture.UserPassword);
        await leader.GotoAsync($"/Supervision/Task/{taskId}");
        await leader.GetByLabel("批示内容").FillAsync("请邗江区本月内拿出具体推进方案。");
        await leader.GetByTestId("instruct-submit").ClickAsync();
        await Expect(leader.GetByTestId("flash")).ToContainTextAsync("批示已发出");
        await Expect(leader.GetByTestId("instruction-text")).ToHaveTextAsync("请邗江区本月内拿出具体推进方案。");
        await fixture.CheckPageAsync(leader, "95-instruction-task-1440");

        var district = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(district, (await fixture.CreateUserAsync(Roles.District)).UserName!, BrowserFixture.UserPassword);
        await district.GotoAsync("/Inbox");
        await Item(district, "Instruction", title).GetByTestId("todo-link").ClickAsync();
        await district.GetByLabel("反馈内容").FillAsync("已制定推进方案，月底前完成首批项目签约。");
        await fixture.CheckPageAsync(district, "96-instruction-reply-390");
        await district.GetByTestId("instruction-reply-submit").ClickAsync();
        await Expect(district.GetByTestId("instruction-reply")).ToHaveTextAsync("已制定推进方案，月底前完成首批项目签约。");
        await district.GotoAsync("/Inbox");
        await Expect(Item(district, "Instruction", title)).ToHaveCountAsync(0);

        await leader.GotoAsync("/Inbox");
        await Expect(leader.GetByTestId("nav-message-count")).ToBeVisibleAsync();
        await Item(leader, "InstructionReplied", title).GetByTestId("todo-link").ClickAsync();
        await Expect(leader.GetByTestId("instruction-reply")).ToHaveTextAsync("已制定推进方案，月底前完成首批项目签约。");
        await leader.GetByTestId("instruction-close").ClickAsync();
        await Expect(leader.GetByTestId("instruction-closed")).ToBeVisibleAsync();
        await leader.GotoAsync("/Inbox");
        await Expect(Item(leader, "InstructionReplied", title)).ToHaveCountAsync(0);
    }
}
