using System.Globalization;
using System.Net;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Scenarios;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>The 揭榜挂帅 workspace in the browser, over HTTP on both databases: a need put out as a call from its page, an enterprise's
/// application with its file (refused after the deadline), the scoring page (a conflicted expert refused), the award, the project page
/// along its path, 场景促进机构 and 对接会, and declining a match with its reason. Every link and button added is followed.</summary>
[Collection(CallCollection.Name)]
public class CallPageTests
{
    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpClient> SignedInAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    /// <summary>Posts a form with repeated fields the way a browser does (the token from <paramref name="formPage"/>).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formPage,
        params (string Name, string Value)[] fields)
    {
        var token = FipApp.AntiforgeryToken(await client.GetStringAsync(formPage));
        return await client.PostAsync(url, new FormUrlEncodedContent(
            [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    /// <summary>Follows a redirect and returns the page it leads to.</summary>
    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location!.ToString());
    }

    private static async Task<HttpResponseMessage> ApplyAsync(HttpClient enterprise, int callId, string proposal, byte[]? file, string name)
    {
        var page = $"/Scenarios/Call/{I(callId)}";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(proposal), "proposal" },
            { new StringContent(FipApp.AntiforgeryToken(await enterprise.GetStringAsync(page))), "__RequestVerificationToken" },
        };
        if (file is not null) form.Add(new ByteArrayContent(file), "file", name);
        return await enterprise.PostAsync(page + "?handler=Apply", form);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ANeedPutOutAsACall_IsAppliedFor_Scored_Awarded_AndStartedAsAProject_InTheBrowser(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var owner = await app.CreateUserAsync(Roles.Department);
        var department = await SignedInAsync(app, owner);
        var entUser = await app.CreateUserAsync(Roles.Enterprise);
        var enterprise = await SignedInAsync(app, entUser);
        var need = await ScenarioSamples.PostAsync(app, owner, PostKind.Need, PostState.Published, "揭榜·园区巡检机器人", "园区巡检机器人");

        // The need's page offers to put it out as a call; its form posts to the page's Call handler.
        var postPage = $"/Scenarios/Post/{I(need)}";
        var html = await department.GetStringAsync(postPage);
        Assert.Contains("data-testid=\"call-form\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/Scenarios/Post/{I(need)}?handler=Call\"", html, StringComparison.Ordinal);
        var deadline = Display.ToShanghai(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        // Weights that do not sum to 100 come back with the rule; nothing is made.
        var bad = await PostAsync(department, postPage + "?handler=Call", postPage, ("title", "揭榜·巡检机器人"), ("deadline", deadline),
            ("criterion", "技术方案"), ("weight", "50"), ("criterion", "团队能力"), ("weight", "30"), ("criterion", ""), ("weight", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("权重之和须为 100", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<ScenarioCall>().Any(c => c.NeedId == need)));
        var made = await PostAsync(department, postPage + "?handler=Call", postPage, ("title", "揭榜·巡检机器人"), ("deadline", deadline),
            ("criterion", "技术方案"), ("weight", "60"), ("criterion", "团队能力"), ("weight", "40"), ("criterion", ""), ("weight", ""));
        var callPage = await FollowAsync(department, made);
        var callId = app.Use(d => d.Set<ScenarioCall>().Single(c => c.NeedId == need).Id);
        Assert.Equal($"/Scenarios/Call/{I(callId)}", made.Headers.Location!.ToString());
        Assert.Contains("技术方案", callPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"call-award-later\"", callPage, StringComparison.Ordinal); // the award waits for the deadline
        // The need's page and the calls list now link to the call; the call links back to its need.
        Assert.Contains($"href=\"/Scenarios/Call/{I(callId)}\" data-testid=\"post-call\"", await department.GetStringAsync(postPage),
            StringComparison.Ordinal);
        Assert.Contains($"href=\"/Scenarios/Call/{I(callId)}\" data-testid=\"call-link\"",
            await department.GetStringAsync("/Scenarios/Calls"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Scenarios/Post/{I(need)}\" data-testid=\"call-need\"", callPage, StringComparison.Ordinal);

        // The enterprise applies: a file whose content is not what its name says is refused with the reason, then a PDF is taken.
        Assert.Contains("data-testid=\"call-apply-form\"", await enterprise.GetStringAsync($"/Scenarios/Call/{I(callId)}"),
            StringComparison.Ordinal);
        var fake = await FollowAsync(enterprise, await ApplyAsync(enterprise, callId, "方案", "MZ not a pdf"u8.ToArray(), "方案.pdf"));
        Assert.Contains("data-testid=\"call-error\"", fake, StringComparison.Ordinal);
        Assert.Contains("方案文件须为 PDF", fake, StringComparison.Ordinal);
        var applied = await FollowAsync(enterprise, await ApplyAsync(enterprise, callId, "巡检机器人三个月完成验证",
            "%PDF-1.4 proposal"u8.ToArray(), "方案.pdf"));
        Assert.Contains("data-testid=\"call-applied\"", applied, StringComparison.Ordinal);
        var applicationId = app.Use(d => d.Set<CallApplication>().Single(a => a.CallId == callId).Id);

        // The owner sees the application, follows its file and its scoring link.
        callPage = await department.GetStringAsync($"/Scenarios/Call/{I(callId)}");
        var fileUrl = $"/api/v1/scenario-calls/{I(callId)}/applications/{I(applicationId)}/file";
        Assert.Contains($"href=\"{fileUrl}\"", callPage, StringComparison.Ordinal);
        Assert.Equal("%PDF-1.4 proposal", await department.GetStringAsync(fileUrl));
        var scorePage = $"/Scenarios/Score/{I(callId)}/{I(applicationId)}";
        Assert.Contains($"href=\"{scorePage}\"", callPage, StringComparison.Ordinal);
        Assert.Contains("巡检机器人三个月完成验证", await department.GetStringAsync(scorePage), StringComparison.Ordinal);
        // The applicant may not open the scoring page.
        Assert.NotEqual(HttpStatusCode.OK, (await enterprise.GetAsync(scorePage)).StatusCode);

        // A conflicted expert is refused on the page with the reason; two others score.
        var conflicted = await CallSamples.ExpertAsync(app, ScenarioSamples.Reload(app, entUser).EnterpriseUscc);
        var refused = await FollowAsync(department, await PostAsync(department, scorePage, scorePage,
            ("expertId", I(conflicted.Id)), ("scores", "90"), ("scores", "90")));
        Assert.Contains("data-testid=\"score-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("利益冲突", refused, StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<ExpertScore>().Any(s => s.ExpertId == conflicted.Id)));
        // A blank score is refused too, naming how many are needed.
        var blank = await FollowAsync(department, await PostAsync(department, scorePage, scorePage,
            ("expertId", I((await CallSamples.ExpertAsync(app)).Id)), ("scores", "90"), ("scores", "")));
        Assert.Contains("请为全部 2 项标准打分", blank, StringComparison.Ordinal);
        foreach (var (a, b) in new[] { ("90", "70"), ("80", "80") })
        {
            var expert = await CallSamples.ExpertAsync(app);
            var saved = await PostAsync(department, scorePage, scorePage, ("expertId", I(expert.Id)), ("scores", a), ("scores", b));
            Assert.Equal($"/Scenarios/Call/{I(callId)}", saved.Headers.Location!.ToString());
        }
        callPage = await department.GetStringAsync($"/Scenarios/Call/{I(callId)}");
        Assert.Contains("data-rank=\"1\"", callPage, StringComparison.Ordinal);
        Assert.Contains(">81<", callPage, StringComparison.Ordinal); // (0.6×90 + 0.4×70 + 0.6×80 + 0.4×80) / 2

        // After the deadline: another enterprise is refused with the deadline in words; the owner awards and starts the project.
        app.Use(d => d.Set<ScenarioCall>().Where(c => c.Id == callId)
            .ExecuteUpdate(u => u.SetProperty(c => c.Deadline, DateTime.UtcNow.AddMinutes(-1))));
        var late = await SignedInAsync(app, await app.CreateUserAsync(Roles.Enterprise));
        Assert.Contains("data-testid=\"call-closed\"", await late.GetStringAsync($"/Scenarios/Call/{I(callId)}"), StringComparison.Ordinal);
        var tooLate = await FollowAsync(late, await ApplyAsync(late, callId, "迟到的方案", null, ""));
        Assert.Contains("已过，不再接受申报", tooLate, StringComparison.Ordinal);
        Assert.Equal(1, app.Use(d => d.Set<CallApplication>().Count(a => a.CallId == callId)));
        callPage = await department.GetStringAsync($"/Scenarios/Call/{I(callId)}");
        Assert.Contains($"action=\"/Scenarios/Call/{I(callId)}?handler=Award\"", callPage, StringComparison.Ordinal);
        var version = app.Use(d => d.Set<ScenarioCall>().Single(c => c.Id == callId).Version);
        var awarded = await FollowAsync(department, await PostAsync(department, $"/Scenarios/Call/{I(callId)}?handler=Award",
            $"/Scenarios/Call/{I(callId)}", ("applicationId", I(applicationId)), ("note", "综合得分第一"), ("version", version)));
        Assert.Contains("data-testid=\"call-winner\"", awarded, StringComparison.Ordinal);
        Assert.Contains($"action=\"/Scenarios/Call/{I(callId)}?handler=Start\"", awarded, StringComparison.Ordinal);
        var started = await PostAsync(department, $"/Scenarios/Call/{I(callId)}?handler=Start", $"/Scenarios/Call/{I(callId)}");
        var projectId = app.Use(d => d.Set<ScenarioProject>().Single(p => p.CallId == callId).Id);
        Assert.Equal($"/Scenarios/Project/{I(projectId)}", started.Headers.Location!.ToString());
        Assert.Contains("data-stage=\"EarlyValidation\"", await FollowAsync(department, started), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Scenarios/Project/{I(projectId)}\" data-testid=\"call-project\"",
            await department.GetStringAsync($"/Scenarios/Call/{I(callId)}"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TheProjectPage_ShowsItsPath_MovesForward_AndBackOnlyWithAReason(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var owner = await app.CreateUserAsync(Roles.District);
        var browser = await SignedInAsync(app, owner);
        var project = await CallSamples.ProjectAsync(app, ScenarioSamples.Reload(app, owner));
        var url = $"/Scenarios/Project/{I(project.Id)}";
        // The calls list links the project's row to its page.
        Assert.Contains($"href=\"{url}\" data-testid=\"project-link\"", await browser.GetStringAsync("/Scenarios/Calls"),
            StringComparison.Ordinal);
        var page = await browser.GetStringAsync(url);
        Assert.Contains("data-stage=\"IntegrationTrial\" data-reached=\"false\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Registries/scenarios/{I(project.RegistryScenarioId)}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Registries/scenarios/{I(project.RegistryScenarioId)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Scenarios/Call/{I(project.CallId!.Value)}")).StatusCode);

        var forward = await FollowAsync(browser, await PostAsync(browser, url, url, ("Stage", "IntegrationTrial"),
            ("Evidence", "试点园区上线运行"), ("Contracts", "2"), ("ContractAmount", "150.5"), ("Users", "12"), ("Sites", "3"),
            ("Version", project.Version)));
        Assert.Contains("data-stage=\"IntegrationTrial\" data-reached=\"true\"", forward, StringComparison.Ordinal);
        Assert.Contains("试点园区上线运行", forward, StringComparison.Ordinal);
        Assert.Equal(ScenarioStage.IntegrationTrial, app.Use(d => d.Scenarios.Single(s => s.Id == project.RegistryScenarioId).Stage));
        Assert.Equal((2, 150.5m, 12, 3), app.Use(d => d.Set<ScenarioProject>().Where(p => p.Id == project.Id)
            .Select(p => new { p.Contracts, p.ContractAmount, p.Users, p.Sites }).AsEnumerable()
            .Select(p => (p.Contracts, p.ContractAmount, p.Users, p.Sites)).Single()));

        // Backwards without a reason: refused with the rule, nothing written.
        var updates = app.Use(d => d.Set<ProjectUpdate>().Count(u => u.ProjectId == project.Id));
        var back = await FollowAsync(browser, await PostAsync(browser, url, url, ("Stage", "EarlyValidation"), ("Evidence", "复核")));
        Assert.Contains("data-testid=\"project-error\"", back, StringComparison.Ordinal);
        Assert.Contains("退回到更早的阶段须说明原因", back, StringComparison.Ordinal);
        Assert.Equal(updates, app.Use(d => d.Set<ProjectUpdate>().Count(u => u.ProjectId == project.Id)));
        var withReason = await FollowAsync(browser, await PostAsync(browser, url, url, ("Stage", "EarlyValidation"), ("Evidence", "复核"),
            ("Reason", "试点数据不足")));
        Assert.Contains("试点数据不足", withReason, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"EarlyValidation\" data-reached=\"true\"", withReason, StringComparison.Ordinal);

        // Someone outside the owner's unit reads the page without its form and cannot post to it.
        var other = await SignedInAsync(app, await app.CreateUserAsync(Roles.District, district: "仪征市"));
        Assert.DoesNotContain("data-testid=\"project-form\"", await other.GetStringAsync(url), StringComparison.Ordinal);
        var forbidden = await PostAsync(other, url, url, ("Stage", "Promotion"), ("Evidence", "越权"));
        Assert.Contains("AccessDenied", forbidden.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(ScenarioStage.EarlyValidation, app.Use(d => d.Set<ScenarioProject>().Single(p => p.Id == project.Id).Stage));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Institutions_AndMatchmakingEvents_AreListedAndRecordedFromTheirPages(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var admin = await SignedInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var calls = await admin.GetStringAsync("/Scenarios/Calls");
        Assert.Contains("href=\"/Scenarios/Institutions\"", calls, StringComparison.Ordinal);
        Assert.Contains("href=\"/Scenarios/Events\"", calls, StringComparison.Ordinal);

        var name = "扬州场景创新促进中心" + Guid.NewGuid().ToString("N")[..6];
        var missing = await FollowAsync(admin, await PostAsync(admin, "/Scenarios/Institutions", "/Scenarios/Institutions",
            ("Name", name), ("Description", "")));
        Assert.Contains("data-testid=\"institution-error\"", missing, StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<PromotionInstitution>().Any(i => i.Name == name)));
        var added = await FollowAsync(admin, await PostAsync(admin, "/Scenarios/Institutions", "/Scenarios/Institutions",
            ("Name", name), ("DistrictId", I(ScenarioSamples.District(app))), ("Description", "组织场景对接和揭榜挂帅")));
        Assert.Contains(name, added, StringComparison.Ordinal);
        var institution = app.Use(d => d.Set<PromotionInstitution>().Single(i => i.Name == name).Id);

        // A district user records a 对接会 (not an institution); the event lists who met and links their posts.
        var districtUser = await app.CreateUserAsync(Roles.District);
        var district = await SignedInAsync(app, districtUser);
        Assert.DoesNotContain("data-testid=\"institution-form\"", await district.GetStringAsync("/Scenarios/Institutions"),
            StringComparison.Ordinal);
        Assert.Contains("AccessDenied", (await PostAsync(district, "/Scenarios/Institutions", "/Scenarios/Institutions",
            ("Name", name + "2"), ("Description", "x"))).Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        var need = await ScenarioSamples.PublishedNeedAsync(app);
        var capability = await ScenarioSamples.PublishedCapabilityAsync(app);
        Assert.Contains($"value=\"{I(need)}\"", await district.GetStringAsync("/Scenarios/Events"), StringComparison.Ordinal);
        var title = "低空经济供需对接会" + Guid.NewGuid().ToString("N")[..6];
        var noPosts = await FollowAsync(district, await PostAsync(district, "/Scenarios/Events", "/Scenarios/Events",
            ("title", title), ("heldOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("attendees", "甲公司"), ("followUp", "约定现场考察")));
        Assert.Contains("data-testid=\"event-error\"", noPosts, StringComparison.Ordinal);
        var recorded = await FollowAsync(district, await PostAsync(district, "/Scenarios/Events", "/Scenarios/Events",
            ("title", title), ("heldOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("institutionId", I(institution)), ("postIds", I(need)), ("postIds", I(capability)),
            ("attendees", "甲公司\n乙研究院"), ("followUp", "约定现场考察")));
        Assert.Contains(title, recorded, StringComparison.Ordinal);
        Assert.Contains(">乙研究院<", recorded, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Scenarios/Post/{I(capability)}\"", recorded, StringComparison.Ordinal);
        var eventId = app.Use(d => d.Set<MatchEvent>().Single(e => e.Title == title).Id);
        // The institution's row links the event it organised.
        Assert.Contains($"href=\"/Scenarios/Events#event-{I(eventId)}\"", await admin.GetStringAsync("/Scenarios/Institutions"),
            StringComparison.Ordinal);
        // Enterprises read the lists but record neither.
        var ent = await SignedInAsync(app, await app.CreateUserAsync(Roles.Enterprise));
        Assert.DoesNotContain("data-testid=\"event-form\"", await ent.GetStringAsync("/Scenarios/Events"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DecliningAMatch_OnThePostPage_AsksForTheReason(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var owner = await app.CreateUserAsync(Roles.District);
        var browser = await SignedInAsync(app, owner);
        var need = await ScenarioSamples.PostAsync(app, owner, PostKind.Need, PostState.Published, "园区无人机巡逻谢绝测试", "园区无人机巡逻");
        var capability = await ScenarioSamples.PublishedCapabilityAsync(app);
        var page = $"/Scenarios/Post/{I(need)}";
        var url = $"{page}?handler=Answer&otherId={I(capability)}&accept=false";
        var refused = await PostAsync(browser, url, page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("谢绝对接须说明原因", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<ScenarioMatchAnswer>().Any(a => a.PostId == need)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, url, page, ("note", "预算不匹配"))).StatusCode);
        Assert.Equal("预算不匹配", app.Use(d => d.Set<ScenarioMatchAnswer>().Single(a => a.PostId == need).Note));
    }
}

/// <summary>Tests that write posts, calls, applications, scores and refusals, and count them: run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CallCollection
{
    public const string Name = "scenario-calls";
}
