using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Inbox;
using Fip.Web.Features.Messaging;
using Fip.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>The message centre (站内消息), the 待办 inbox of each role, 催办 and 领导批示, on both databases.</summary>
public class InboxTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<MessagePage> MessagesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<MessagePage>("/api/v1/messages?page=1&pageSize=200", Json))!;

    private static async Task<TodoListDto> InboxAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<TodoListDto>("/api/v1/inbox", Json))!;

    private static async Task<HttpClient> BrowserAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    /// <summary>
    /// Follows a link as the user's browser would: the page it names opens, after at most a few redirects within the site (a
    /// report link for a period whose draft another step already started goes on to that report's own page).
    /// </summary>
    private static async Task<string> FollowAsync(HttpClient browser, string link)
    {
        var response = await browser.GetAsync(link);
        for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && hops < 3; hops++)
        {
            var next = response.Headers.Location!;
            Assert.False(next.IsAbsoluteUri, $"{link} leaves the site for {next}");
            response = await browser.GetAsync(next);
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ReturnedReport_ReachesTheUnitAtOnce_AsMessageAndInboxItem_UntilResubmitted_AndApproved(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user, _, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var period = SupervisionSamples.CurrentMonth();
        // New task: the unit was told and sees it in its inbox, with its due reports.
        Assert.Contains((await MessagesAsync(client)).Items, m => m.Kind == "TaskAssigned" && m.Link == $"/Supervision/Task/{taskId}");
        var before = await InboxAsync(client);
        Assert.Contains(before.Items, i => i.Kind == "NewTask" && i.Link == $"/Supervision/Task/{taskId}");
        Assert.Contains(before.Items,
            i => i.Kind is "ReportDue" or "ReportOverdue" && i.Link.Contains($"period={period}", StringComparison.Ordinal));

        var report = await ReadAsync(await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
            SupervisionSamples.Report(period, 30)));
        var id = report.GetProperty("id").GetInt64();
        var reportLink = $"/Supervision/Report/{id}";
        var inboxAfterFiling = await InboxAsync(client);
        Assert.DoesNotContain(inboxAfterFiling.Items,
            i => i.Link.Contains($"task={taskId}&", StringComparison.Ordinal)
                && i.Link.Contains($"period={period}", StringComparison.Ordinal));
        Assert.DoesNotContain(inboxAfterFiling.Items, i => i.Kind == "NewTask" && i.Link == $"/Supervision/Task/{taskId}");
        Assert.Contains((await InboxAsync(admin)).Items, i => i.Kind == "ReviewWaiting" && i.Link == reportLink);

        var reviewed = await ReadAsync(await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{id}/review",
            new { approve = false, comment = "请补充项目清单" }));
        var returned = Assert.Single((await MessagesAsync(client)).Items, m => m.Kind == "ReportReturned");
        Assert.Equal(reportLink, returned.Link);
        Assert.Contains("请补充项目清单", returned.Body, StringComparison.Ordinal);
        Assert.Null(returned.ReadAt);
        var item = Assert.Single((await InboxAsync(client)).Items, i => i.Kind == "ReportReturned");
        Assert.Equal(reportLink, item.Link);
        Assert.DoesNotContain((await InboxAsync(admin)).Items, i => i.Link == reportLink);

        // The unit follows the links (message and inbox item) to its form; the reviewer sees the report read-only.
        var unitBrowser = await BrowserAsync(app, user);
        var home = await FollowAsync(unitBrowser, "/");
        Assert.Contains(reportLink, home, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-message-count\"", home, StringComparison.Ordinal);
        var form = await FollowAsync(unitBrowser, item.Link);
        Assert.Contains("data-testid=\"submit-report\"", form, StringComparison.Ordinal);
        var adminBrowser = await BrowserAsync(app, adminUser);
        var reviewerView = await FollowAsync(adminBrowser, reportLink);
        Assert.DoesNotContain("data-testid=\"submit-report\"", reviewerView, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"report-form\"", reviewerView, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"report-content\"", reviewerView, StringComparison.Ordinal);

        var again = await ReadAsync(await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
            SupervisionSamples.Report(period, 45, version: reviewed.GetProperty("version").GetString())));
        Assert.Equal("Submitted", again.GetProperty("state").GetString());
        Assert.DoesNotContain((await InboxAsync(client)).Items, i => i.Kind == "ReportReturned" && i.Link == reportLink);
        Assert.Contains((await InboxAsync(admin)).Items, i => i.Kind == "ReviewWaiting" && i.Link == reportLink);
        Assert.Contains("home-review-count", await FollowAsync(adminBrowser, "/"), StringComparison.Ordinal);

        await ReadAsync(await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{id}/review", new { approve = true }));
        Assert.DoesNotContain((await InboxAsync(admin)).Items, i => i.Link == reportLink);
        Assert.Contains((await MessagesAsync(client)).Items, m => m.Kind == "ReportApproved" && m.Link == reportLink);
        Assert.DoesNotContain((await InboxAsync(client)).Items, i => i.Link == reportLink);
        Assert.Equal(0, app.Use(d => d.Set<Message>().Count(m => m.UserId != user.Id && m.Link == reportLink)));
    }

    /// <summary>The badge's count is read with the session check, at every request: a message arriving or read between two pages
    /// shows on the next one; another account's messages never count.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NavigationBadge_CountsTheAccountsOwnUnreadMessages_AtEveryPage(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Leader);
        var other = await app.CreateUserAsync(Roles.Leader);
        var browser = await BrowserAsync(app, user);
        static int? Badge(string page) => NavigationBadges.Messages(page);
        var before = Badge(await FollowAsync(browser, "/"));
        async Task SendAsync(string to, int count)
        {
            using var scope = app.Services.CreateScope();
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            for (var i = 0; i < count; i++)
                context.Add(new Message
                {
                    EventKey = $"badge-test:{Guid.NewGuid():N}",
                    UserId = to,
                    Kind = MessageKind.TaskAssigned,
                    Title = "徽标测试",
                    Body = "徽标测试",
                    CreatedAt = DateTime.UtcNow,
                });
            await context.SaveChangesAsync();
        }
        await SendAsync(user.Id, 3);
        await SendAsync(other.Id, 2);
        Assert.Equal((before ?? 0) + 3, Badge(await FollowAsync(browser, "/Goals")));
        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await context.Set<Message>().Where(m => m.UserId == user.Id && m.ReadAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ReadAt, DateTime.UtcNow));
        }
        Assert.Null(Badge(await FollowAsync(browser, "/")));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NoMessage_ForAReviewThatRollsBack(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user, _, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var report = await ReadAsync(await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
            SupervisionSamples.Report(SupervisionSamples.CurrentMonth(), 30)));
        var id = report.GetProperty("id").GetInt64();
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Admin), new Claim(ClaimTypes.Name, "reviewer"), new Claim(ClaimTypes.NameIdentifier, "x")],
            "test"));
        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            var result = await scope.ServiceProvider.GetRequiredService<ReportService>()
                .ReviewAsync(id, approve: false, "退回", null, admin, CancellationToken.None);
            Assert.True(result.IsOk);
            // Written in the review's save: inside the transaction, the message is there …
            Assert.Equal(1, await context.Set<Message>().CountAsync(m => m.UserId == user.Id && m.Kind == MessageKind.ReportReturned
                && m.Link == $"/Supervision/Report/{id}"));
            await transaction.RollbackAsync();
        }
        // … and gone with it when the review rolls back.
        Assert.Equal(ReportState.Submitted, app.Use(d => d.ProgressReports.Single(r => r.Id == id).State));
        Assert.Equal(0, app.Use(d => d.Set<Message>().Count(m => m.Link == $"/Supervision/Report/{id}")));
        Assert.DoesNotContain((await MessagesAsync(client)).Items, m => m.Kind == "ReportReturned");
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Message_IsOnePerEventAndRecipient_AndTheUniqueKeyRefusesASecond(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var dep = SupervisionSamples.NewDepartment(app);
        var a = await app.CreateUserAsync(Roles.Department, dep.Name);
        var b = await app.CreateUserAsync(Roles.Department, dep.Name);
        var key = "test:" + Guid.NewGuid().ToString("N");
        var e = new MessageEvent(key, MessageKind.AlertRaised, "测试", "Test", "正文", "Body", "/Alerts");
        for (var round = 0; round < 2; round++)
        {
            using var scope = app.Services.CreateScope();
            var messenger = scope.ServiceProvider.GetRequiredService<Messenger>();
            // Twice in one unit of work and again in a second: still one message per user.
            await messenger.NotifyAsync(e, Recipients.Unit(dep.Id, null), CancellationToken.None);
            await messenger.NotifyAsync(e, Recipients.Unit(dep.Id, null).And(Recipients.Users(a.Id)), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<FipDbContext>().SaveChangesAsync();
        }
        Assert.Equal(new[] { a.Id, b.Id }.Order(StringComparer.Ordinal),
            app.Use(d => d.Set<Message>().Where(m => m.EventKey == key).Select(m => m.UserId).ToList()).Order(StringComparer.Ordinal));
        using var raw = app.Services.CreateScope();
        var context = raw.ServiceProvider.GetRequiredService<FipDbContext>();
        context.Set<Message>().Add(new Message { EventKey = key, UserId = a.Id, Title = "x", Body = "x", CreatedAt = DateTime.UtcNow });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Messages_AreTheUsersOwn_MarkedReadOneOrAll_AndOldOnesAreCleanedUp(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (mine, me) = await app.ApiClientAsync(Roles.Department, SupervisionSamples.NewDepartment(app).Name);
        var (other, _) = await app.ApiClientAsync(Roles.Department, SupervisionSamples.NewDepartment(app).Name);
        var alert = await app.RaiseAlertAsync(me);
        var page = await MessagesAsync(mine);
        var message = Assert.Single(page.Items, m => m.Kind == "AlertRaised" && m.Title == "测试预警");
        Assert.True(page.Unread >= 1);
        // Nobody reads or marks another's messages, nor sees another unit's inbox items.
        Assert.DoesNotContain((await MessagesAsync(other)).Items, m => m.Id == message.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/messages/{message.Id}/read", null)).StatusCode);
        Assert.DoesNotContain((await InboxAsync(other)).Items, i => i.Link.EndsWith($"#alert-{alert.Id}", StringComparison.Ordinal));
        Assert.Contains((await InboxAsync(mine)).Items,
            i => i.Kind == "Alert" && i.Link.EndsWith($"#alert-{alert.Id}", StringComparison.Ordinal));

        var read = await ReadAsync(await mine.PostAsync($"/api/v1/messages/{message.Id}/read", null));
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        await app.RaiseAlertAsync(me);
        Assert.True((await ReadAsync(await mine.PostAsync("/api/v1/messages/read-all", null))).GetProperty("marked").GetInt32() >= 1);
        Assert.Equal(0, (await MessagesAsync(mine)).Unread);
        Assert.Equal(0, (await mine.GetFromJsonAsync<MessagePage>("/api/v1/messages?unread=true", Json))!.Total);
        Assert.Equal(HttpStatusCode.BadRequest, (await mine.GetAsync("/api/v1/messages?pageSize=500")).StatusCode);

        // Kept 180 days: an older message goes, a younger one stays.
        var oldKey = "old:" + Guid.NewGuid().ToString("N");
        app.Use(d =>
        {
            d.Set<Message>().Add(new Message
            { EventKey = oldKey, UserId = me.Id, Title = "旧", Body = "旧", CreatedAt = DateTime.UtcNow.AddDays(-Messenger.KeepDays - 1) });
            d.Set<Message>().Add(new Message
            {
                EventKey = oldKey + ":young",
                UserId = me.Id,
                Title = "新",
                Body = "新",
                CreatedAt = DateTime.UtcNow.AddDays(-Messenger.KeepDays + 1),
            });
            return d.Save();
        });
        Assert.True(await app.WithAsync<Messenger, int>(m => m.CleanupAsync(CancellationToken.None)) >= 1);
        Assert.Equal([oldKey + ":young"],
            app.Use(d => d.Set<Message>().Where(m => m.EventKey.StartsWith(oldKey)).Select(m => m.EventKey).ToList()));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Urge_IsRecordedOnTheTask_TellsTheUnit_AndLeavesItsInboxWhenAnswered(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user, dep, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var adminBrowser = await BrowserAsync(app, await app.CreateUserAsync(Roles.Admin));
        var taskPage = $"/Supervision/Task/{taskId}";
        var empty = await FipApp.PostFormAsync(adminBrowser, "/Supervision/Followup?handler=Urge",
            new Dictionary<string, string> { ["TaskId"] = $"{taskId}", ["unit"] = $"dep:{dep.Id}", ["note"] = " " }, taskPage);
        Assert.Equal(HttpStatusCode.Redirect, empty.StatusCode);
        Assert.Contains("请填写催办说明", await FollowAsync(adminBrowser, taskPage), StringComparison.Ordinal);
        var urged = await FipApp.PostFormAsync(adminBrowser, "/Supervision/Followup?handler=Urge",
            new Dictionary<string, string> { ["TaskId"] = $"{taskId}", ["unit"] = $"dep:{dep.Id}", ["note"] = "请本周内报送进展" }, taskPage);
        Assert.Equal($"{taskPage}#followups", urged.Headers.Location?.OriginalString);
        var urge = app.Use(d => d.Set<TaskUrge>().Single(u => u.TaskId == taskId));
        Assert.Equal(("请本周内报送进展", $"dep:{dep.Id}"), (urge.Note, urge.UnitKey));
        Assert.True(app.Use(d => d.AuditEntries.Any(a => a.EntityType == nameof(TaskUrge))));
        Assert.Contains((await MessagesAsync(client)).Items, m => m.Kind == "Urged" && m.Body == "请本周内报送进展");
        var item = Assert.Single((await InboxAsync(client)).Items, i => i.Kind == "Urge");

        // A district user (not urged) may not answer; the urged unit does, from the link.
        var unitBrowser = await BrowserAsync(app, user);
        var page = await FollowAsync(unitBrowser, item.Link);
        Assert.Contains("urge-reply-form", page, StringComparison.Ordinal);
        var replied = await FipApp.PostFormAsync(unitBrowser, "/Supervision/Followup?handler=ReplyUrge",
            new Dictionary<string, string> { ["TaskId"] = $"{taskId}", ["id"] = $"{urge.Id}", ["reply"] = "已于今日报送" }, taskPage);
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.DoesNotContain((await InboxAsync(client)).Items, i => i.Kind == "Urge");
        var history = await FollowAsync(adminBrowser, taskPage);
        Assert.Contains("请本周内报送进展", history, StringComparison.Ordinal);
        Assert.Contains("已于今日报送", history, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Instruction_OnATaskAndAGoal_IsSupervisedUntilReplied_AndTheLeaderSeesTheReply(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user, dep, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var leader = await app.CreateUserAsync(Roles.Leader);
        var (otherLeader, _) = await app.ApiClientAsync(Roles.Leader);
        var leaderBrowser = await BrowserAsync(app, leader);
        var taskPage = $"/Supervision/Task/{taskId}";
        var deadline = SupervisionSamples.Today().AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("instruct-form", await FollowAsync(leaderBrowser, taskPage), StringComparison.Ordinal);
        var sent = await FipApp.PostFormAsync(leaderBrowser, "/Supervision/Followup?handler=Instruct",
            new Dictionary<string, string>
            { ["TaskId"] = $"{taskId}", ["text"] = "请加快进度，月底前见成效", ["deadline"] = deadline, ["units"] = $"dep:{dep.Id}" }, taskPage);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var instruction = app.Use(d => d.Set<Instruction>().Include(i => i.Units).Single(i => i.TaskId == taskId));
        Assert.Equal(leader.Id, instruction.ByUserId);
        Assert.Contains((await MessagesAsync(client)).Items, m => m.Kind == "Instructed" && m.Link == $"{taskPage}#followups");
        var todo = Assert.Single((await InboxAsync(client)).Items, i => i.Kind == "Instruction");
        Assert.Equal($"{taskPage}#followups", todo.Link);
        var unitBrowser = await BrowserAsync(app, user);
        Assert.Contains("instruction-reply-form", await FollowAsync(unitBrowser, todo.Link), StringComparison.Ordinal);
        await FipApp.PostFormAsync(unitBrowser, "/Supervision/Followup?handler=ReplyInstruction",
            new Dictionary<string, string>
            { ["TaskId"] = $"{taskId}", ["id"] = $"{instruction.Units.Single().Id}", ["reply"] = "已召开专题会，落实三项措施" }, taskPage);
        Assert.DoesNotContain((await InboxAsync(client)).Items, i => i.Kind == "Instruction");

        var leaderHome = await FollowAsync(leaderBrowser, "/");
        Assert.Contains("已召开专题会", await FollowAsync(leaderBrowser, taskPage), StringComparison.Ordinal);
        Assert.Contains($"{taskPage}#followups", leaderHome, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"InstructionReplied\"", leaderHome, StringComparison.Ordinal);
        Assert.Equal(1, app.Use(d => d.Set<Message>().Count(m => m.UserId == leader.Id && m.Kind == MessageKind.InstructionReplied)));
        // The reply is in this leader's inbox, not another leader's.
        Assert.DoesNotContain((await InboxAsync(otherLeader)).Items,
            i => i.Kind == "InstructionReplied" && i.Link == $"{taskPage}#followups");
        await FipApp.PostFormAsync(leaderBrowser, "/Supervision/Followup?handler=Close",
            new Dictionary<string, string> { ["TaskId"] = $"{taskId}", ["id"] = $"{instruction.Id}" }, taskPage);
        Assert.NotNull(app.Use(d => d.Set<Instruction>().Single(i => i.Id == instruction.Id).ClosedAt));
        var leaderApi = app.CreateClient();
        leaderApi.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(leader));
        Assert.DoesNotContain((await InboxAsync(leaderApi)).Items, i => i.Kind == "InstructionReplied");
        // Closed, the task is again one awaiting an instruction (it is 逾期 with no open 批示).
        Assert.Contains((await InboxAsync(leaderApi)).Items, i => i.Kind == "AwaitingInstruction" && i.Link == $"{taskPage}#followups");

        // On a goal target: any unit may be named; the target page shows the panel.
        var targetId = app.Use(d => d.Targets.First().Id);
        var targetPage = $"/Goals/Target/{targetId}";
        Assert.Contains("instruct-form", await FollowAsync(leaderBrowser, targetPage), StringComparison.Ordinal);
        await FipApp.PostFormAsync(leaderBrowser, "/Supervision/Followup?handler=Instruct",
            new Dictionary<string, string>
            { ["TargetId"] = $"{targetId}", ["text"] = "研究提高该指标的措施", ["deadline"] = deadline, ["units"] = $"dep:{dep.Id}" }, targetPage);
        var onTarget = Assert.Single((await InboxAsync(client)).Items, i => i.Kind == "Instruction");
        Assert.Equal($"{targetPage}#followups", onTarget.Link);
        Assert.Contains("研究提高该指标的措施", await FollowAsync(unitBrowser, onTarget.Link), StringComparison.Ordinal);
        // A past deadline or no unit is refused with a clear message.
        await FipApp.PostFormAsync(leaderBrowser, "/Supervision/Followup?handler=Instruct",
            new Dictionary<string, string> { ["TargetId"] = $"{targetId}", ["text"] = "x", ["deadline"] = "2000-01-01" }, targetPage);
        var refused = await FollowAsync(leaderBrowser, targetPage);
        Assert.Contains("请选择至少一个承办单位", refused, StringComparison.Ordinal);
        Assert.Contains("请填写不早于今天的反馈时限", refused, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RoleInboxes => new()
    {
        { Roles.Admin, "/Supervision/Review" },
        { Roles.Leader, "/Inbox" },
        { Roles.Department, "/Inbox" },
        { Roles.District, "/Inbox" },
    };

    [Theory, MemberData(nameof(RoleInboxes))]
    public async Task EveryStaffRole_HasAnInbox_OnItsHomeAndItsOwnPage_AndEveryItemLinkOpens(string role, string link)
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var user = await app.CreateUserAsync(role);
        var browser = await BrowserAsync(app, user);
        var home = await FollowAsync(browser, "/");
        Assert.Contains("data-testid=\"todo\"", home, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-todo\"", home, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-messages\"", home, StringComparison.Ordinal);
        if (role == Roles.Admin) Assert.Contains("home-review-count", home, StringComparison.Ordinal);
        // The home lists the eight most pressing and links to the whole inbox when there are more.
        static int Count(string page) =>
            int.Parse(Regex.Match(page, "data-testid=\"todo-count\">(\\d+)<").Groups[1].Value, CultureInfo.InvariantCulture);
        static int Listed(string page) => Regex.Count(page, "data-testid=\"todo-item\"");
        Assert.Equal(Math.Min(Count(home), 8), Listed(home));
        Assert.Equal(Count(home) > 8, home.Contains("href=\"/Inbox\" data-testid=\"todo-all\"", StringComparison.Ordinal));
        var all = await FollowAsync(browser, "/Inbox");
        Assert.Equal(Math.Min(Count(all), TodoInbox.Shown), Listed(all));
        await FollowAsync(browser, link);
        await FollowAsync(browser, "/Messaging");
        var (api, _) = await app.ApiClientAsync(role);
        foreach (var item in (await InboxAsync(api)).Items.Take(15)) await FollowAsync(browser, item.Link);
    }

    /// <summary>An enterprise's 待办 holds only what awaits its own reply (the 提示 and 行政指导 sent to it): empty when nothing does;
    /// a 容错 reviewer has no inbox.</summary>
    [Fact]
    public async Task Enterprise_HasAnInboxOfItsOwn_ReviewerNone()
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var (api, user) = await app.ApiClientAsync(Roles.Enterprise);
        var inbox = await InboxAsync(api);
        Assert.Equal(0, inbox.Count);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/messages")).StatusCode);
        var browser = await BrowserAsync(app, user);
        Assert.Contains("data-testid=\"nav-todo\"", await FollowAsync(browser, "/Messaging"), StringComparison.Ordinal);
        await FollowAsync(browser, "/Inbox");
        var (reviewer, _) = await app.ApiClientAsync(Roles.ToleranceReviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/v1/inbox")).StatusCode);
    }
}
