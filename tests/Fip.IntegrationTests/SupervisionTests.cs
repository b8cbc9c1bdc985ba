using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

public class SupervisionTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SeededPlan_GivesEachProgrammeAndMeasureATask_WithTheUnitsOfItsBracket_AndTheDistricts(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (planId, programmes) = app.Use(d =>
        {
            var plan = d.Plans.Single(p => p.IsCurrent);
            return (plan.Id, d.Programmes.Include(p => p.Units).ThenInclude(u => u.Department).Where(p => p.PlanId == plan.Id).ToList());
        });
        Assert.Equal(10, programmes.Count);
        Assert.Equal(7, programmes.Count(p => p.Kind == ProgrammeKind.Programme));
        var tasks =
            app.Use(d => d.SupervisionTasks
                .Include(t => t.Units)
                .Include(t => t.Districts)
                .Include(t => t.Targets)
                .ThenInclude(t => t.Target)
            .Where(t => t.PlanId == planId && t.ProgrammeId != null).ToList());
        var districts = app.Use(d => d.Districts.Count());
        foreach (var p in programmes)
        {
            var task = Assert.Single(tasks, t => t.ProgrammeId == p.Id);
            Assert.Equal(p.Title, task.Title);
            // The bracket's units, except 县（市、区）政府/功能区管委会, which are the districts carrying the task out.
            var units = p.Units.Where(u => u.Department.Kind != Fip.Web.Features.Organisation.DepartmentKind.DistrictGovernments).ToList();
            Assert.Equal(units.Select(u => (u.DepartmentId, u.Role)).OrderBy(x => x.DepartmentId),
                task.Units.Select(u => (u.DepartmentId, u.Role)).OrderBy(x => x.DepartmentId));
            var named = p.DistrictsCarryOut || p.Units.Count != units.Count;
            Assert.Equal(named ? districts : 0, task.Districts.Count);
        }
        // 〔市科技局、市发改委、市工信局等按职责分工负责…〕: all co-responsible, no lead; the districts carry it out.
        var first = tasks.Single(t => t.Title == "未来产业技术策源工程");
        var names =
            app.Use(d => d.Departments.Where(x => first.Units.Select(u => u.DepartmentId).Contains(x.Id)).Select(x => x.Name).ToList());
        Assert.Contains("市科技局", names);
        Assert.Contains("市发改委", names);
        Assert.Contains("市工信局", names);
        Assert.All(first.Units, u => Assert.Equal(AssignmentRole.Co, u.Role));
        Assert.Equal(districts, first.Districts.Count);
        // The reviewed overlay links programmes to the targets they serve.
        Assert.Contains(tasks.Single(t => t.Title == "未来场景应用示范工程").Targets, t => t.Target.Indicator == "应用场景");
        Assert.Equal(2, tasks.Single(t => t.Title == "强企育链集群汇聚工程").Targets.Count(t => t.Target.Indicator == "未来产业先导园区"));

        // Seeding again adds nothing.
        Assert.Equal(0, await app.WithAsync<SupervisionSeeder, int>(s => s.SeedAsync()));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Report_IsSubmitted_Returned_Resubmitted_AndApproved_WithItsHistory(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, dep, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var period = SupervisionSamples.CurrentMonth();

        var missing = await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
            new { period, percent = 30, status = "Lagging", done = "", submit = true });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var problem = await missing.Content.ReadAsStringAsync();
        Assert.Contains("请填写本期工作进展", problem, StringComparison.Ordinal);
        Assert.Contains("进展滞后时请说明存在的问题", problem, StringComparison.Ordinal);

        var submitted =
            await Read(await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports", SupervisionSamples.Report(period, 30)));
        Assert.Equal("Submitted", submitted.State);
        Assert.Equal($"dep:{dep.Id}", submitted.UnitKey);
        // A submitted report is locked for its unit until reviewed.
        Assert.Equal(HttpStatusCode.Conflict,
            (await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
                SupervisionSamples.Report(period, 35, version: submitted.Version))).StatusCode);

        var noComment = await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{submitted.Id}/review",
            new { approve = false, comment = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noComment.StatusCode);
        Assert.Contains("退回时请填写意见", await noComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var returned =
            await Read(
                await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{submitted.Id}/review",
                    new { approve = false, comment = "请补充项目清单" }));
        Assert.Equal(("Returned", "请补充项目清单"), (returned.State, returned.ReviewComment));

        // A stale form (the version before the review) is refused; the current one resubmits.
        Assert.Equal(HttpStatusCode.Conflict,
            (await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
                SupervisionSamples.Report(period, 45, version: submitted.Version))).StatusCode);
        var again =
            await Read(
                await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
                    SupervisionSamples.Report(period, 45, version: returned.Version)));
        Assert.Equal(("Submitted", 45m), (again.State, again.Percent));
        Assert.Equal(submitted.FirstSubmittedAt, again.FirstSubmittedAt);

        var approved =
            await Read(await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{submitted.Id}/review", new { approve = true }));
        Assert.Equal("Approved", approved.State);
        Assert.Equal(["Submitted", "Returned", "Submitted", "Approved"], approved.Events.Select(e => e.Action));
        Assert.Equal(HttpStatusCode.Conflict,
            (await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{submitted.Id}/review", new { approve = true })).StatusCode);

        var detail = (await client.GetFromJsonAsync<TaskDetailDto>($"/api/v1/supervision/tasks/{taskId}", Json))!;
        Assert.Equal(45m, detail.Task.Progress);
        Assert.Equal(45m, Assert.Single(detail.Reporters).LatestPercent);
        // Every change is audited.
        Assert.True(
            app.Use(
                d =>
                    d.AuditEntries.Count(
                        a => a.EntityType == nameof(ProgressReport)
                            && a.EntityKey == submitted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))) >= 4);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ReturnedReport_LeftUnrevised_AlertsItsUnit_UntilResubmitted(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, dep, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var period = SupervisionSamples.CurrentMonth();
        var submitted =
            await Read(await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports", SupervisionSamples.Report(period, 30)));
        var returned =
            await Read(
                await admin.PostAsJsonAsync($"/api/v1/supervision/reports/{submitted.Id}/review",
                    new { approve = false, comment = "请补充资金到位情况" }));
        List<Alert> Open() =>
            app.Use(
                d => d.Alerts
                    .Where(a => a.OwnerDepartmentId == dep.Id && a.Rule == "task-report-returned" && a.Status != AlertStatus.Resolved)
                    .ToList());

        // Just returned: the unit still has time.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/supervision/evaluate", null)).StatusCode);
        Assert.Empty(Open());

        // Returned six days ago and not resubmitted: a yellow alert to the unit, naming the period.
        app.Use(d =>
        {
            d.ProgressReports.Single(r => r.Id == submitted.Id).ReviewedAt = DateTime.UtcNow.AddDays(-(SupervisionRules.ResubmitDays + 1));
            return d.Save();
        });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/supervision/evaluate", null)).StatusCode);
        var alert = Assert.Single(Open());
        Assert.Equal(AlertSeverity.Yellow, alert.Severity);
        Assert.Contains("退回修改", alert.Message, StringComparison.Ordinal);
        Assert.Contains(ReportingPeriod.TryParse(period, out var p) ? p.Label(false) : period, alert.Message, StringComparison.Ordinal);

        // Resubmitting clears it at once.
        var version = app.Use(d => d.ProgressReports.Single(r => r.Id == submitted.Id).Version);
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
                SupervisionSamples.Report(period, 40, version: version))).StatusCode);
        Assert.Empty(Open());
        _ = returned;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LateReport_TurnsTheTaskRed_AndAlertsItsOwner_UntilFiled(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user, dep, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        // Reports from two months ago: that month's report was due on the 5th of last month and is missing.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/supervision/evaluate", null)).StatusCode);
        var task = (await client.GetFromJsonAsync<TaskDetailDto>($"/api/v1/supervision/tasks/{taskId}", Json))!;
        Assert.Equal("Red", task.Task.Light);
        Assert.Contains("ReportOverdue", task.Task.Reasons);
        var late = ReportingPeriod.Of(ReportingCycle.Monthly, SupervisionSamples.Today().AddMonths(-2)).Key;
        Assert.Contains(late, Assert.Single(task.Reporters).OverduePeriods);

        var alerts = app.Use(d => d.Alerts.Where(a => a.OwnerDepartmentId == dep.Id && a.Status != AlertStatus.Resolved).ToList());
        var alert = Assert.Single(alerts, a => a.Rule == "task-report-late");
        Assert.Equal(AlertSeverity.Red, alert.Severity);
        Assert.Equal($"/Supervision/Task/{taskId}", alert.Link);
        Assert.Contains(dep.Name, alert.Message, StringComparison.Ordinal);
        // The owner sees it on their alerts.
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=Open");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetInt64() == alert.Id);
        // Evaluating again raises nothing new.
        await admin.PostAsync("/api/v1/supervision/evaluate", null);
        Assert.Single(app.Use(d => d.Alerts.Where(a => a.OwnerDepartmentId == dep.Id && a.Rule == "task-report-late").ToList()));

        // Filing every overdue period (late) clears the alert and the red.
        foreach (var p in Assert.Single(task.Reporters).OverduePeriods)
            Assert.Equal(HttpStatusCode.OK,
                (await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports", SupervisionSamples.Report(p, 20))).StatusCode);
        Assert.Equal(AlertStatus.Resolved, app.Use(d => d.Alerts.Single(a => a.Id == alert.Id).Status));
        var after = (await client.GetFromJsonAsync<TaskDetailDto>($"/api/v1/supervision/tasks/{taskId}", Json))!;
        Assert.NotEqual("Red", after.Task.Light);
        _ = user;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Scorecard_FiguresMatchTheirRecords(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        // Two tasks of a department of its own, reporting monthly from the month before last (the scored month).
        var month = ReportingPeriod.Of(ReportingCycle.Monthly, SupervisionSamples.Today()).Previous().Previous();
        var dep = SupervisionSamples.NewDepartment(app);
        var (client, _) = await app.ApiClientAsync(Roles.Department, dep.Name);
        var lagging = await SupervisionSamples.NewTaskAsync(app, dep.Id, month.Start);
        var onPlan = await SupervisionSamples.NewTaskAsync(app, dep.Id, month.Start);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{lagging}/reports",
                SupervisionSamples.Report(month.Key, 30, "Lagging", problems: "资金未到位"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{onPlan}/reports",
                SupervisionSamples.Report(month.Key, 60))).StatusCode);
        // As the database records it: the lagging task's report three days before its due date, the other's a day after.
        var due = month.Due(SupervisionRules.DefaultDueDays);
        var onTimeAt = Fip.Web.Infrastructure.Display.FromShanghai(due.AddDays(-3).ToDateTime(new TimeOnly(10, 0)));
        var lateAt = Fip.Web.Infrastructure.Display.FromShanghai(due.AddDays(1).ToDateTime(new TimeOnly(10, 0)));
        app.Use(d =>
        {
            foreach (var r in d.ProgressReports.Where(r => r.TaskId == lagging || r.TaskId == onPlan))
                r.FirstSubmittedAt = r.SubmittedAt = r.TaskId == lagging ? onTimeAt : lateAt;
            return d.Save();
        });

        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/supervision/scorecard?period={month.Key}");
        var row = card.GetProperty("departments").EnumerateArray().Single(r => r.GetProperty("unit").GetString() == $"dep:{dep.Id}");
        // Two reports due in the month, one on time, one late; two tasks, the lagging one yellow, the other on plan; none overdue.
        Assert.Equal((2, 1, 1, 0), (row.GetProperty("reportsDue").GetInt32(), row.GetProperty("reportsOnTime").GetInt32(),
            row.GetProperty("reportsLate").GetInt32(), row.GetProperty("reportsMissing").GetInt32()));
        Assert.Equal((2, 0), (row.GetProperty("tasks").GetInt32(), row.GetProperty("overdue").GetInt32()));
        Assert.Equal(45m, row.GetProperty("averageProgress").GetDecimal());
        // On time (1 + 0.5) / 2 × 50 + quality 2 / 2 × 20 + progress 30 (no deadline: nothing expected of either task yet).
        Assert.Equal((37.5m, 20m, 30m), (row.GetProperty("timelinessPoints").GetDecimal(), row.GetProperty("qualityPoints").GetDecimal(),
            row.GetProperty("progressPoints").GetDecimal()));
        Assert.Equal(87.5m, row.GetProperty("score").GetDecimal());
        var reports = row.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(2, reports.Count);
        Assert.True(reports.Single(r => r.GetProperty("taskId").GetInt32() == lagging).GetProperty("onTime").GetBoolean());
        Assert.False(reports.Single(r => r.GetProperty("taskId").GetInt32() == onPlan).GetProperty("onTime").GetBoolean());
        var tasks = row.GetProperty("taskRows")
            .EnumerateArray()
            .ToDictionary(t => t.GetProperty("taskId").GetInt32(), t => t.GetProperty("light").GetString());
        Assert.Equal(("Yellow", "Green"), (tasks[lagging], tasks[onPlan]));
        var ranks = card.GetProperty("departments")
            .EnumerateArray()
            .Select(r => (Rank: r.GetProperty("rank").GetInt32(), Score: r.GetProperty("score").GetDecimal()))
            .ToList();
        Assert.Equal(ranks.OrderBy(r => r.Rank).Select(r => r.Score), ranks.Select(r => r.Score).OrderDescending());

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, (await app.CreateUserAsync(Roles.Admin)).UserName!, FipApp.UserPassword);
        var page = await browser.GetStringAsync($"/Supervision/Scorecard?period={month.Key}");
        Assert.Contains(dep.Name, page, StringComparison.Ordinal);
        Assert.Contains("87.5", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DepartmentUser_CannotReportOnAnotherDepartmentsTask_ByPageOrApi(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (_, _, _, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var (otherClient, otherUser, otherDep, _) = await SupervisionSamples.OwnTaskAsync(app);
        var period = SupervisionSamples.CurrentMonth();
        var api = await otherClient.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports", SupervisionSamples.Report(period));
        Assert.True(api.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{(int)api.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/supervision/tasks/{taskId}")).StatusCode);
        Assert.DoesNotContain((await otherClient.GetFromJsonAsync<List<TaskDto>>("/api/v1/supervision/tasks", Json))!, t => t.Id == taskId);

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, otherUser.UserName!, FipApp.UserPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Supervision/Task/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await browser.GetAsync($"/Supervision/Report?task={taskId}&unit=dep:{otherDep.Id}&period={period}")).StatusCode);
        // Named on the task as a co-unit, the department sees it but reports for itself only, never for the lead.
        var lead = app.Use(d => d.TaskUnits.Single(u => u.TaskId == taskId).DepartmentId);
        var shared = await SupervisionSamples.NewTaskAsync(app, lead, SupervisionSamples.Today(), coIds: [otherDep.Id]);
        var forLead = await otherClient.PostAsJsonAsync($"/api/v1/supervision/tasks/{shared}/reports",
            SupervisionSamples.Report(period, unitKey: $"dep:{lead}"));
        Assert.Equal(HttpStatusCode.Forbidden, forLead.StatusCode);
        var page = await browser.GetAsync($"/Supervision/Report?task={shared}&unit=dep:{lead}&period={period}");
        Assert.True(
            page.StatusCode == HttpStatusCode.Forbidden
                || page.Headers.Location?.PathAndQuery.StartsWith("/Accounts/AccessDenied", StringComparison.Ordinal) == true,
                $"{(int)page.StatusCode}");
        Assert.Equal(HttpStatusCode.OK,
            (await otherClient.PostAsJsonAsync($"/api/v1/supervision/tasks/{shared}/reports",
                SupervisionSamples.Report(period))).StatusCode);
        Assert.Equal(0, app.Use(d => d.ProgressReports.Count(r => r.TaskId == taskId)));
        // A district user sees only the tasks its district carries out.
        var (district, _) = await app.ApiClientAsync(Roles.District);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/v1/supervision/tasks/{taskId}")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Evidence_IsCheckedByContent_AndOnlyThoseWhoSeeTheTaskDownloadIt(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, _, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var draft =
            await Read(
                await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
                    SupervisionSamples.Report(SupervisionSamples.CurrentMonth(), submit: false)));
        Assert.Equal("Draft", draft.State);

        var disguised = await Upload(client, draft.Id, "进展材料.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
        // an executable named .pdf
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disguised.StatusCode);
        Assert.Contains("附件类型不符", await disguised.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var zipAsDocx = await Upload(client, draft.Id, "报告.docx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, zipAsDocx.StatusCode);

        var pdf = SupervisionMatrix.Pdf;
        var ok = await Upload(client, draft.Id, "会议纪要.pdf", pdf);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var attachment = await ok.Content.ReadFromJsonAsync<AttachmentDto>(Json);
        Assert.Equal(("会议纪要.pdf", "application/pdf"), (attachment!.FileName, attachment.ContentType));
        Assert.Equal(pdf, await client.GetByteArrayAsync($"/api/v1/supervision/attachments/{attachment.Id}"));
        // Stored outside the web root under a random name.
        var stored = app.Use(d => d.ReportAttachments.Single(a => a.Id == attachment.Id).StorageKey);
        Assert.DoesNotContain("会议纪要", stored, StringComparison.Ordinal);
        var store = app.Services.GetRequiredService<AttachmentStore>();
        var web = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootPath;
        Assert.True(File.Exists(Path.Combine(store.Root, stored[..2], stored)));
        Assert.False(store.Root.StartsWith(Path.GetFullPath(web), StringComparison.Ordinal));

        var (stranger, _, _, _) = await SupervisionSamples.OwnTaskAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/supervision/attachments/{attachment.Id}")).StatusCode);
        var (leader, _) = await app.ApiClientAsync(Roles.Leader);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/v1/supervision/attachments/{attachment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Upload(stranger, draft.Id, "x.pdf", pdf)).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Admin_AddsASubtask_ThatInheritsUnitsAndDistricts_AndProgressRollsUpByWeight(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, dep, _) = await SupervisionSamples.OwnTaskAsync(app);
        var hanjiang = app.Use(d => d.Districts.Single(x => x.Name == "邗江区").Id);
        var parent = await SupervisionSamples.NewTaskAsync(app, dep.Id, SupervisionSamples.Today(), districts: [hanjiang]);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var a =
            await Read<TaskDto>(
                await admin.PostAsJsonAsync("/api/v1/supervision/tasks", new { title = "年度任务甲", parentId = parent, weight = 3 }));
        var b =
            await Read<TaskDto>(
                await admin.PostAsJsonAsync("/api/v1/supervision/tasks",
                    new { title = "年度任务乙", parentId = parent, weight = 1, districtIds = Array.Empty<int>() }));
        Assert.Equal(("WorkTask", $"dep:{dep.Id}"), (a.Level, Assert.Single(a.Leads).Key));
        Assert.Equal("dis:" + hanjiang, Assert.Single(a.Districts).Key);
        Assert.Empty(b.Districts);
        Assert.EndsWith(".1", a.Number, StringComparison.Ordinal);

        var period = SupervisionSamples.CurrentMonth();
        await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{a.Id}/reports", SupervisionSamples.Report(period, 80));
        await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{b.Id}/reports", SupervisionSamples.Report(period, 60));
        var tree = (await admin.GetFromJsonAsync<List<TaskDto>>("/api/v1/supervision/tasks", Json))!;
        // a: the department 80, 邗江区 nothing yet (counts 0) → 40; b: 60; parent = (3 × 40 + 1 × 60) / 4.
        Assert.Equal(40m, tree.Single(t => t.Id == a.Id).Progress);
        Assert.Equal(60m, tree.Single(t => t.Id == b.Id).Progress);
        Assert.Equal(45m, tree.Single(t => t.Id == parent).Progress);
        Assert.False(tree.Single(t => t.Id == parent).IsLeaf);

        var stale = await admin.PutAsJsonAsync($"/api/v1/supervision/tasks/{a.Id}", new { title = "改名", version = "old" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var cycle = await admin.PutAsJsonAsync($"/api/v1/supervision/tasks/{parent}",
            new { parentId = a.Id, version = tree.Single(t => t.Id == parent).Version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.DeleteAsync($"/api/v1/supervision/tasks/{parent}")).StatusCode);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, long reportId, string name, byte[] bytes) =>
        await client.PostAsync($"/api/v1/supervision/reports/{reportId}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } });

    private static Task<ReportDto> Read(HttpResponseMessage response) => Read<ReportDto>(response);

    private static async Task<T> Read<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }
}

public class SupervisionExportTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Breakdown_ListsEveryTaskTheUserSees_GroupedByProgramme_AndTheBulletinIsTheTaskForces(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user, dep, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var admin = app.BrowserClient();
        await FipApp.SignInAsync(admin, (await app.CreateUserAsync(Roles.Admin)).UserName!, FipApp.UserPassword);
        // Every seeded programme heads a group, and every task is a row: those that exist before the export (other tests
        // add and delete tasks at the same time).
        var titles =
            app.Use(
                d => d.SupervisionTasks
                    .Where(t => !t.IsDeleted && d.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId))
                    .Select(t => t.Title)
                    .ToList());
        var response = await admin.GetAsync("/Supervision/Export?handler=Breakdown");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var texts = SheetTexts(await response.Content.ReadAsByteArrayAsync());
        var deletedMeanwhile = app.Use(d => d.SupervisionTasks.Where(t => t.IsDeleted).Select(t => t.Title).ToList());
        Assert.All(titles.Except(deletedMeanwhile), t => Assert.Contains(t, texts));
        Assert.Contains("牵头单位", texts);

        // A department user's sheet holds its own tasks only.
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        var own = SheetTexts(await browser.GetByteArrayAsync("/Supervision/Export?handler=Breakdown"));
        var mine = app.Use(d => d.SupervisionTasks.Single(t => t.Id == taskId).Title);
        Assert.Contains(mine, own);
        Assert.DoesNotContain("未来产业技术策源工程", own);

        // The bulletin is for the task force.
        var bulletin = await admin.GetAsync("/Supervision/Export?handler=Bulletin");
        Assert.Equal(HttpStatusCode.OK, bulletin.StatusCode);
        using (var doc =
            DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await bulletin.Content.ReadAsByteArrayAsync()),
                false))
        {
            var text = doc.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("未来产业培育重点任务推进情况的通报", text, StringComparison.Ordinal);
            Assert.Contains("〔", text, StringComparison.Ordinal);
            Assert.Contains(dep.Name, text, StringComparison.Ordinal); // its task is red (a report two months old is missing)
        }
        // A Chinese document whatever the reader's language: the goals' status words too.
        using (var english = new HttpRequestMessage(HttpMethod.Get, "/Supervision/Export?handler=Bulletin"))
        {
            english.Headers.AcceptLanguage.ParseAdd("en");
            var inEnglish = await admin.SendAsync(english);
            Assert.Equal(HttpStatusCode.OK, inEnglish.StatusCode);
            using var doc =
                DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(
                    new MemoryStream(await inEnglish.Content.ReadAsByteArrayAsync()), false);
            var text = doc.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Matches("目标指标方面：.*（(已达成|正常|关注|滞后)）", text);
            Assert.DoesNotMatch("（(Met|On track|At risk|Behind)）", text);
        }
        var refused = await browser.GetAsync("/Supervision/Export?handler=Bulletin");
        Assert.True(
            refused.StatusCode == HttpStatusCode.Forbidden
                || refused.Headers.Location?.PathAndQuery.StartsWith("/Accounts/AccessDenied", StringComparison.Ordinal) == true,
                $"{(int)refused.StatusCode}");
        _ = client;
    }

    private static List<string> SheetTexts(byte[] xlsx)
    {
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var shared = doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable
            .Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>()
            .Select(s => s.InnerText)
            .ToList() ?? [];
        var sheet = doc.WorkbookPart.WorksheetParts.First().Worksheet;
        return [.. sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c =>
            c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString
                ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.InlineString?.InnerText ?? c.CellValue?.Text ?? "")];
    }
}
