using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Tolerance;

namespace Fip.IntegrationTests;

/// <summary>容错 cases on both databases: confidential to the reviewers and the task force, every read audited, decided by the rules,
/// and published anonymised on the portal.</summary>
public class ToleranceTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<HttpClient> BrowserAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    internal static async Task<long> ApplyAsync(FipApp app, HttpClient reviewer, string involved = "", string people = "张某某（投资部经理）")
    {
        var unit = "市属测试投资集团" + Guid.NewGuid().ToString("N")[..6];
        var response = await FipApp.PostFormAsync(reviewer, "/Tolerance/Case?handler=Apply", new Dictionary<string, string>
        {
            ["Form.Unit"] = unit,
            ["Form.People"] = people,
            ["Form.Project"] = "固态电池天使轮投资",
            ["Form.Expected"] = "三年内增值",
            ["Form.Actual"] = "企业清算",
            ["Form.Loss"] = "800",
            ["Form.AppliedOn"] = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Form.InvolvedReviewers"] = involved,
            ["Form.Evidence[Uncertainty]"] = "技术路线评估报告",
        }, "/Tolerance/Case");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return app.Use(d => d.Set<ToleranceCase>().Single(c => c.Unit == unit).Id);
    }

    private static Task<HttpResponseMessage> FindAsync(HttpClient browser, long id, ToleranceCondition condition, bool met) =>
        FipApp.PostFormAsync(browser, $"/Tolerance/Case/{id}?handler=Find", new Dictionary<string, string>
        {
            ["condition"] = condition.ToString(),
            ["met"] = met ? "true" : "false",
            ["note"] = "经核查",
            ["evidence"] = "会议纪要",
        }, $"/Tolerance/Case/{id}");

    private static Task<HttpResponseMessage> DecideAsync(HttpClient browser, long id, string decision, bool publish = true,
        bool publishUnit = false) =>
        FipApp.PostFormAsync(browser, $"/Tolerance/Case/{id}?handler=Decide", new Dictionary<string, string>
        {
            ["decision"] = decision,
            ["reasons"] = "决策合规，投后管理存在瑕疵",
            ["publish"] = publish ? "true" : "false",
            ["publishUnit"] = publishUnit ? "true" : "false",
            ["publicSummary"] = "市属投资企业天使轮投资因技术迭代清算，予以减责。",
        }, $"/Tolerance/Case/{id}");

    private static ToleranceCase Stored(FipApp app, long id) => app.Use(d => d.Set<ToleranceCase>().Single(c => c.Id == id));

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Case_FromApplicationToAReducedDecision_WithEveryConditionFound_AndAnAnonymisedNotice(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var reviewer = await BrowserAsync(app, await app.CreateUserAsync(Roles.ToleranceReviewer));
        var id = await ApplyAsync(app, reviewer);

        // No decision before every condition has a finding.
        await FindAsync(reviewer, id, ToleranceCondition.Uncertainty, true);
        await DecideAsync(reviewer, id, "Reduced");
        Assert.Equal(ToleranceDecision.Pending, Stored(app, id).Decision);
        Assert.Contains("须先对四项条件逐项作出认定", await reviewer.GetStringAsync($"/Tolerance/Case/{id}"), StringComparison.Ordinal);

        await FindAsync(reviewer, id, ToleranceCondition.DutiesPerformed, true);
        await FindAsync(reviewer, id, ToleranceCondition.ProceduresFollowed, false);
        await FindAsync(reviewer, id, ToleranceCondition.NoPersonalGain, true);
        // 免责 needs all four.
        await DecideAsync(reviewer, id, "Exempt");
        Assert.Equal(ToleranceDecision.Pending, Stored(app, id).Decision);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(reviewer, id, "Reduced")).StatusCode);
        var decided = Stored(app, id);
        Assert.Equal((ToleranceDecision.Reduced, true, false), (decided.Decision, decided.Publish, decided.PublishUnit));

        var page = await reviewer.GetStringAsync($"/Tolerance/Case/{id}");
        Assert.DoesNotContain("data-testid=\"decision-form\"", page, StringComparison.Ordinal);
        var kinds = System.Text.RegularExpressions.Regex.Matches(page, "data-testid=\"timeline-event\" data-kind=\"(\\w+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("Applied", kinds[0]);
        Assert.Equal("Decided", kinds[^1]);
        Assert.Equal(4, kinds.Count(k => k == "Finding"));

        // The portal: the project and decision, no people, no unit (the decision did not publish it); open without sign-in.
        var anonymous = app.BrowserClient();
        var home = await anonymous.GetStringAsync("/Portal");
        Assert.Contains("href=\"/Portal/Tolerance\"", home, StringComparison.Ordinal);
        var portal = await anonymous.GetAsync("/Portal/Tolerance");
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        var html = await portal.Content.ReadAsStringAsync();
        Assert.Contains("予以减责", html, StringComparison.Ordinal);
        Assert.DoesNotContain("张某某", html, StringComparison.Ordinal);
        Assert.DoesNotContain(decided.Unit, html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Case_AReviewerInvolvedMayNotFindOrDecide_AndPendingCasesAreNotPublished(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var involvedUser = await app.CreateUserAsync(Roles.ToleranceReviewer);
        var involved = await BrowserAsync(app, involvedUser);
        var other = await BrowserAsync(app, await app.CreateUserAsync(Roles.ToleranceReviewer));
        var id = await ApplyAsync(app, other, involved: "someone, " + involvedUser.UserName);
        foreach (var c in ToleranceRules.Conditions) await FindAsync(other, id, c, true);

        var page = await involved.GetStringAsync($"/Tolerance/Case/{id}");
        Assert.Contains("data-testid=\"case-involved\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"decision-form\"", page, StringComparison.Ordinal);
        await DecideAsync(involved, id, "Exempt");
        await FindAsync(involved, id, ToleranceCondition.NoPersonalGain, false);
        var stored = app.Use(d => d.Set<ToleranceFinding>()
            .Single(f => f.CaseId == id && f.Condition == ToleranceCondition.NoPersonalGain));
        Assert.True(stored.Met);
        Assert.Equal(ToleranceDecision.Pending, Stored(app, id).Decision);
        Assert.Contains("不能参与认定或决定", await involved.GetStringAsync($"/Tolerance/Case/{id}"), StringComparison.Ordinal);

        var html = await app.BrowserClient().GetStringAsync("/Portal/Tolerance");
        Assert.DoesNotContain($"id=\"pc-{id}\"", html, StringComparison.Ordinal);

        // Decided by the other reviewer, publishing the unit: now it shows, with the unit.
        await DecideAsync(other, id, "Exempt", publishUnit: true);
        html = await app.BrowserClient().GetStringAsync("/Portal/Tolerance");
        Assert.Contains($"id=\"pc-{id}\"", html, StringComparison.Ordinal);
        Assert.Contains(Stored(app, id).Unit, html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Case_IsReadOnlyByReviewersAndTheTaskForce_EveryReadAudited(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var reviewerUser = await app.CreateUserAsync(Roles.ToleranceReviewer);
        var id = await ApplyAsync(app, await BrowserAsync(app, reviewerUser));
        int Reads() => app.Use(d => d.AuditEntries.Count(a => a.Action == ToleranceService.ReadAction
            && a.EntityType == nameof(ToleranceCase)
            && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var before = Reads();

        foreach (var role in new[] { Roles.Department, Roles.District, Roles.Leader, Roles.Enterprise })
        {
            var user = await app.CreateUserAsync(role);
            var browser = await BrowserAsync(app, user);
            foreach (var url in new[] { "/Tolerance", $"/Tolerance/Case/{id}", "/Tolerance/Case" })
            {
                var response = await browser.GetAsync(url);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect,
                    $"{role} {url}: {response.StatusCode}");
                Assert.DoesNotContain("固态电池", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            Assert.DoesNotContain("data-testid=\"nav-tolerance\"", await browser.GetStringAsync("/"), StringComparison.Ordinal);
            var api = app.CreateClient();
            api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user));
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/tolerance/cases/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/tolerance/cases")).StatusCode);
        }
        Assert.Equal(before, Reads());

        // Reads by the reviewer (page) and the task force (API) are each logged with the reader.
        var reviewer = await BrowserAsync(app, reviewerUser);
        Assert.Contains("href=\"/Tolerance\" data-testid=\"nav-tolerance\"", await reviewer.GetStringAsync("/Tolerance"),
            StringComparison.Ordinal);
        Assert.Contains($"href=\"/Tolerance/Case/{id}\"", await reviewer.GetStringAsync("/Tolerance"), StringComparison.Ordinal);
        await reviewer.GetStringAsync($"/Tolerance/Case/{id}");
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var dto = await admin.GetFromJsonAsync<CaseDto>($"/api/v1/tolerance/cases/{id}", Json);
        Assert.Equal(4, dto!.Findings.Count);
        Assert.Equal(before + 2, Reads());
        var readers = app.Use(d => d.AuditEntries.Where(a => a.Action == ToleranceService.ReadAction
            && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.UserName).ToList());
        Assert.Contains(reviewerUser.UserName, readers);
        Assert.Contains(adminUser.UserName, readers);
        // A reviewer sees no regulation records.
        Assert.DoesNotContain("data-testid=\"nav-regulation\"", await reviewer.GetStringAsync("/Tolerance"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Application_MissingFields_AreRefusedWithClearMessages(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var reviewer = await BrowserAsync(app, await app.CreateUserAsync(Roles.ToleranceReviewer));
        var response = await FipApp.PostFormAsync(reviewer, "/Tolerance/Case?handler=Apply",
            new Dictionary<string, string> { ["Form.Unit"] = "某单位", ["Form.Loss"] = "-1" }, "/Tolerance/Case");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var message in new[] { "请填写相关人员", "请填写项目", "损失不能为负数", "请填写申请日期" })
            Assert.Contains(message, html, StringComparison.Ordinal);
    }
}
