using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>揭榜挂帅 calls and scenario projects over HTTP on both databases: a need put out as a call, an application with its file,
/// two experts' scores (a conflicted one refused), the ranking and the award, the project along its path, the registry row the goal
/// counts, and the stall alert. Its bad-input cases count every call, score and refusal, so the call pages' tests, which write the
/// same tables, run in the same collection, never beside it.</summary>
[Collection(CallCollection.Name)]
public class CallTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Refused writes audited for these users (other tests refuse writes meanwhile).</summary>
    private static int Refusals(FipApp app, params string[] users) =>
        app.Use(d => d.AuditEntries.Count(a => a.Action == "Refused" && !a.Success && users.Contains(a.UserName)));

    private static void Backdate(FipApp app, int callId) => app.Use(d =>
    {
        d.Set<ScenarioCall>().Where(c => c.Id == callId).ExecuteUpdate(u => u.SetProperty(c => c.Deadline, DateTime.UtcNow.AddMinutes(-1)));
        return 0;
    });

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ACall_IsAppliedFor_ScoredByTwoExperts_Awarded_AndBecomesAProjectAlongThePath(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (department, depUser) = await app.ApiClientAsync(Roles.Department);
        var (enterprise, entUser) = await app.ApiClientAsync(Roles.Enterprise);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var need = await ScenarioSamples.PostAsync(app, ScenarioSamples.Reload(app, depUser), PostKind.Need, PostState.Published,
            "揭榜·长江岸线无人机巡检", "长江岸线无人机巡检");

        var created = await department.PostAsJsonAsync($"/api/v1/scenario-posts/{need}/calls", new
        {
            title = "揭榜挂帅·长江岸线无人机巡检",
            deadline = DateTime.UtcNow.AddDays(20),
            criteria = new[] { new { name = "技术方案", weight = 60 }, new { name = "团队能力", weight = 40 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var callId = (await Json(created)).GetProperty("id").GetInt32();
        // The same need is not put out twice.
        Assert.Equal(HttpStatusCode.Conflict, (await department.PostAsJsonAsync($"/api/v1/scenario-posts/{need}/calls", new
        {
            title = "again",
            deadline = DateTime.UtcNow.AddDays(20),
            criteria = new[] { new { name = "综合", weight = 100 } },
        })).StatusCode);

        // The enterprise applies with a PDF; its file is kept and comes back to the call's owner.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("采用自动机场和图像识别，三个月完成验证"), "proposal" },
            { new ByteArrayContent("%PDF-1.4 proposal"u8.ToArray()), "file", "方案.pdf" },
        };
        var applied = await enterprise.PostAsync($"/api/v1/scenario-calls/{callId}/applications", form);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var applicationId = (await Json(applied)).GetProperty("id").GetInt32();
        var file = await department.GetAsync($"/api/v1/scenario-calls/{callId}/applications/{applicationId}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("%PDF-1.4 proposal", await file.Content.ReadAsStringAsync());
        // Another enterprise sees neither the application nor its file.
        var (stranger, _) = await app.ApiClientAsync(Roles.Enterprise);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/scenario-calls/{callId}")).GetProperty("applications")
            .GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.GetAsync($"/api/v1/scenario-calls/{callId}/applications/{applicationId}/file")).StatusCode);

        // Two experts score; a third who declared a conflict with the applicant is refused, and nothing of theirs is kept.
        var uscc = ScenarioSamples.Reload(app, entUser).EnterpriseUscc!;
        var tag = Guid.NewGuid().ToString("N")[..6];
        var experts = new List<int>();
        foreach (var body in new object[]
        {
            new { name = "张教授" + tag, organisation = "扬州大学", fields = new[] { "低空经济" } },
            new { name = "李研究员" + tag, organisation = "省产研院", fields = new[] { "人工智能" } },
            new
            {
                name = "王总工" + tag,
                organisation = "某设计院",
                fields = new[] { "低空经济" },
                conflicts = new[] { new { enterprise = uscc.ToLowerInvariant(), reason = "曾任该企业顾问" } },
            },
        })
        {
            var r = await admin.PostAsJsonAsync("/api/v1/scenario-experts", body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            experts.Add((await Json(r)).GetProperty("id").GetInt32());
        }
        var before = Refusals(app, depUser.UserName!);
        var conflicted = await department.PostAsJsonAsync($"/api/v1/scenario-calls/{callId}/applications/{applicationId}/scores",
            new { expertId = experts[2], scores = new[] { 95, 95 } });
        Assert.Equal(HttpStatusCode.Conflict, conflicted.StatusCode);
        Assert.Contains("利益冲突", (await Json(conflicted)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, Refusals(app, depUser.UserName!));
        Assert.False(app.Use(d => d.Set<ExpertScore>().Any(s => s.ExpertId == experts[2])));

        Assert.Equal(HttpStatusCode.OK, (await department.PostAsJsonAsync(
            $"/api/v1/scenario-calls/{callId}/applications/{applicationId}/scores", new
            {
                expertId = experts[0],
                scores = new[] { 90,
                70 }
            }))
            .StatusCode);
        // One expert is not enough to award, and the award waits for the deadline.
        var early = await department.PostAsJsonAsync($"/api/v1/scenario-calls/{callId}/award", new { applicationId });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Backdate(app, callId);
        var notScored = await department.PostAsJsonAsync($"/api/v1/scenario-calls/{callId}/award", new { applicationId });
        Assert.Equal(HttpStatusCode.Conflict, notScored.StatusCode);
        Assert.Contains("2", (await Json(notScored)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await department.PostAsJsonAsync(
            $"/api/v1/scenario-calls/{callId}/applications/{applicationId}/scores", new
            {
                expertId = experts[1],
                scores = new[] { 80,
                80 }
            }))
            .StatusCode);
        var ranking = (await department.GetFromJsonAsync<JsonElement>($"/api/v1/scenario-calls/{callId}")).GetProperty("ranking")[0];
        Assert.Equal(81m, ranking.GetProperty("total").GetDecimal()); // (0.6×90 + 0.4×70 + 0.6×80 + 0.4×80) / 2
        Assert.Equal(1, ranking.GetProperty("rank").GetInt32());
        // Too late to apply now.
        var (late, _) = await app.ApiClientAsync(Roles.Enterprise);
        var tooLate = await late.PostAsync($"/api/v1/scenario-calls/{callId}/applications",
            new FormUrlEncodedContent([new("proposal", "迟到的方案")]));
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Contains("截止", (await Json(tooLate)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var awarded = await department.PostAsJsonAsync($"/api/v1/scenario-calls/{callId}/award", new { applicationId, note = "综合得分第一" });
        Assert.Equal(HttpStatusCode.OK, awarded.StatusCode);
        Assert.Equal("awarded", (await Json(awarded)).GetProperty("state").GetString());

        // The project: the registry row follows its stage; backwards needs a reason.
        var started = await department.PostAsJsonAsync("/api/v1/scenario-projects", new { callId });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var project = await Json(started);
        var projectId = project.GetProperty("id").GetInt32();
        var rowId = project.GetProperty("registryScenarioId").GetInt32();
        Assert.Equal(ScenarioStage.EarlyValidation, app.Use(d => d.Scenarios.Single(s => s.Id == rowId).Stage));
        var moved = await department.PostAsJsonAsync($"/api/v1/scenario-projects/{projectId}/updates", new
        {
            stage = "IntegrationTrial",
            evidence = "融合试验方案通过评审",
            contracts = 1,
            contractAmount = 120,
            users = 3,
            sites = 2,
        });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var scenario = app.Use(d => d.Scenarios.Single(s => s.Id == rowId));
        Assert.Equal((ScenarioStage.IntegrationTrial, ScenarioStatus.Building), (scenario.Stage, scenario.Status));
        var back = await department.PostAsJsonAsync($"/api/v1/scenario-projects/{projectId}/updates",
            new { stage = "EarlyValidation", evidence = "返回验证" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, back.StatusCode);
        Assert.Equal("退回到更早的阶段须说明原因。", (await Json(back)).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(ScenarioStage.IntegrationTrial, app.Use(d => d.Scenarios.Single(s => s.Id == rowId).Stage));
        Assert.Equal(1, app.Use(d => d.Set<ProjectUpdate>().Count(u => u.ProjectId == projectId)));
        // Another department may not move it.
        var (other, _) = await app.ApiClientAsync(Roles.Department, "市工信局");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/v1/scenario-projects/{projectId}/updates",
            new { stage = "Promotion", evidence = "x" })).StatusCode);
        var detail = await department.GetFromJsonAsync<JsonElement>($"/api/v1/scenario-projects/{projectId}");
        Assert.Equal(2, detail.GetProperty("project").GetProperty("sites").GetInt32());

        // The funnel counts it: published → matched (awarded) → awarded → reached 融合试验.
        var funnel = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/scenario-funnel")).GetProperty("total");
        Assert.True(funnel.GetProperty("integrationTrial").GetInt32() >= 1);
        Assert.True(funnel.GetProperty("awarded").GetInt32() >= 1);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AProjectWithoutProgressFor60Days_RaisesAnAlertToItsOwner_Once(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (_, depUser) = await app.ApiClientAsync(Roles.Department);
        var owner = ScenarioSamples.Reload(app, depUser);
        var stalled = await CallSamples.ProjectAsync(app, owner);
        var fresh = await CallSamples.ProjectAsync(app, owner);
        app.Use(d => d.Set<ScenarioProject>().Where(p => p.Id == stalled.Id)
            .ExecuteUpdate(u => u.SetProperty(p => p.LastUpdateAt, DateTime.UtcNow.AddDays(-61))));
        var raised = await app.WithAsync<ProjectAlertRules, int>(r => r.EvaluateAsync(CancellationToken.None));
        Assert.True(raised >= 1);
        var alerts = app.Use(d => d.Alerts.Where(a => a.Rule == "scenario-stalled").ToList());
        Assert.Contains(alerts, a => a.Link == $"/Scenarios/Project/{stalled.Id}" && a.OwnerDepartmentId == owner.DepartmentId);
        Assert.DoesNotContain(alerts, a => a.Link == $"/Scenarios/Project/{fresh.Id}");
        // The alert's link opens the project's page, with the form its owner records progress in.
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, depUser.UserName!, FipApp.UserPassword)).StatusCode);
        var html = await browser.GetStringAsync($"/Scenarios/Project/{stalled.Id}");
        Assert.Contains("data-testid=\"project-form\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithAsync<ProjectAlertRules, int>(r => r.EvaluateAsync(CancellationToken.None))); // not twice
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadInput => new()
    {
        // case, what is sent, expected status, words of the message
        { "call weights 90", "weights", HttpStatusCode.UnprocessableEntity, "权重之和须为 100" },
        { "call deadline past", "deadline", HttpStatusCode.UnprocessableEntity, "截止时间须晚于现在" },
        { "call on a draft need", "draft", HttpStatusCode.Conflict, "只有已发布的场景机会" },
        { "apply without proposal", "noProposal", HttpStatusCode.UnprocessableEntity, "必填" },
        { "apply after the deadline", "late", HttpStatusCode.Conflict, "不再接受申报" },
        { "apply with a fake pdf", "fakePdf", HttpStatusCode.UnprocessableEntity, "内容与扩展名一致" },
        { "expert with a conflict", "conflict", HttpStatusCode.Conflict, "利益冲突" },
        { "scores missing a criterion", "oneScore", HttpStatusCode.UnprocessableEntity, "请为全部 2 项标准打分" },
        { "stage back without reason", "back", HttpStatusCode.UnprocessableEntity, "须说明原因" },
        { "progress without evidence", "noEvidence", HttpStatusCode.UnprocessableEntity, "必填" },
        { "expert with an unknown enterprise in a conflict", "badUscc", HttpStatusCode.UnprocessableEntity, "既不在企业库中" },
    };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BadInput_IsRefusedClearly_WritesNothing_AndIsAudited(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (department, depUser) = await app.ApiClientAsync(Roles.Department);
        var (enterprise, entUser) = await app.ApiClientAsync(Roles.Enterprise);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var owner = ScenarioSamples.Reload(app, depUser);
        var uscc = ScenarioSamples.Reload(app, entUser).EnterpriseUscc!;
        foreach (var row in BadInput)
        {
            // An enterprise of its own for the cases that need one; the refusals counted are this test's users' only (other tests
            // running meanwhile refuse writes too).
            var (other, otherUser) = await app.ApiClientAsync(Roles.Enterprise);
            string[] mine = [depUser.UserName!, entUser.UserName!, adminUser.UserName!, otherUser.UserName!];
            var (name, what, status, words) = ((string)row[0], (string)row[1], (HttpStatusCode)row[2], (string)row[3]);
            var need = await ScenarioSamples.PublishedNeedAsync(app, owner);
            var open = await CallSamples.CallAsync(app, owner);
            var closed = await CallSamples.CallAsync(app, owner, -1);
            var application = await CallSamples.ApplicationAsync(app, open.Id, uscc);
            var project = await CallSamples.ProjectAsync(app, owner);
            app.Use(d => d.Set<ScenarioProject>().Where(p => p.Id == project.Id)
                .ExecuteUpdate(u => u.SetProperty(p => p.Stage, ScenarioStage.IntegrationTrial)));
            var counts = app.Use(d => (d.Set<ScenarioCall>().Count(), d.Set<CallApplication>().Count(), d.Set<ExpertScore>().Count(),
                d.Set<ProjectUpdate>().Count(), d.Set<ScenarioExpert>().Count()));
            var refusals = Refusals(app, mine);
            object Criteria(int w) => new[] { new { name = "技术", weight = w }, new { name = "团队", weight = 30 } };
            var response = what switch
            {
                "weights" => await department.PostAsJsonAsync($"/api/v1/scenario-posts/{need}/calls",
                    new { title = "揭榜", deadline = DateTime.UtcNow.AddDays(9), criteria = Criteria(60) }),
                "deadline" => await department.PostAsJsonAsync($"/api/v1/scenario-posts/{need}/calls",
                    new { title = "揭榜", deadline = DateTime.UtcNow.AddDays(-1), criteria = Criteria(70) }),
                "draft" => await department.PostAsJsonAsync(
                    "/api/v1/scenario-posts/"
                    + await ScenarioSamples.PostAsync(app, owner, PostKind.Need, PostState.Draft, "草稿", "x") + "/calls",
                    new { title = "揭榜", deadline = DateTime.UtcNow.AddDays(9), criteria = Criteria(70) }),
                "noProposal" => await other.PostAsync(
                    $"/api/v1/scenario-calls/{open.Id}/applications", new FormUrlEncodedContent([new("proposal", " ")])),
                "late" => await enterprise.PostAsync($"/api/v1/scenario-calls/{closed.Id}/applications",
                    new FormUrlEncodedContent([new("proposal", "方案")])),
                "fakePdf" => await other.PostAsync(
                    $"/api/v1/scenario-calls/{open.Id}/applications", new MultipartFormDataContent
                    {
                        { new StringContent("方案"), "proposal" },
                        { new ByteArrayContent("MZ not a pdf"u8.ToArray()), "file", "方案.pdf" },
                    }),
                "conflict" => await department.PostAsJsonAsync($"/api/v1/scenario-calls/{open.Id}/applications/{application.Id}/scores",
                    new { expertId = (await CallSamples.ExpertAsync(app, uscc)).Id, scores = new[] { 90, 90 } }),
                "oneScore" => await department.PostAsJsonAsync($"/api/v1/scenario-calls/{open.Id}/applications/{application.Id}/scores",
                    new { expertId = (await CallSamples.ExpertAsync(app)).Id, scores = new[] { 90 } }),
                "back" => await department.PostAsJsonAsync($"/api/v1/scenario-projects/{project.Id}/updates",
                    new { stage = "EarlyValidation", evidence = "退回", reason = "" }),
                "noEvidence" => await department.PostAsJsonAsync($"/api/v1/scenario-projects/{project.Id}/updates",
                    new { stage = "Promotion" }),
                "badUscc" => await admin.PostAsJsonAsync("/api/v1/scenario-experts",
                    new
                    {
                        name = "专家",
                        organisation = "大学",
                        fields = new[] { "AI" },
                        conflicts = new[] { new { enterprise = "not-a-code", reason = "曾任职" } },
                    }),
                _ => throw new InvalidOperationException(what),
            };
            Assert.True(status == response.StatusCode, $"{name}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadAsStringAsync();
            Assert.True(problem.Contains(words, StringComparison.Ordinal), $"{name}: {problem}");
            Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal); // never a stack trace
            var experts = what is "conflict" or "oneScore" ? 1 : 0; // the expert the case set up
            Assert.Equal(counts with { Item5 = counts.Item5 + experts }, app.Use(d => (d.Set<ScenarioCall>().Count(),
                d.Set<CallApplication>().Count(), d.Set<ExpertScore>().Count(), d.Set<ProjectUpdate>().Count(),
                d.Set<ScenarioExpert>().Count())));
            Assert.True(Refusals(app, mine) == refusals + 1, $"{name}: not audited");
        }
    }
}
