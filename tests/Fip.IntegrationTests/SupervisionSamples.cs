using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Supervision;

namespace Fip.IntegrationTests;

/// <summary>Units and tasks of their own for supervision tests, so tests sharing an app never count each other's work.</summary>
internal static class SupervisionSamples
{
    /// <summary>A department that exists only for the calling test.</summary>
    public static Department NewDepartment(FipApp app) => app.Use(d =>
    {
        var dep = new Department
        { Name = "测试局" + Guid.NewGuid().ToString("N")[..8], Kind = DepartmentKind.CityDepartment, SortOrder = 900 };
        d.Departments.Add(dep);
        d.Save();
        return dep;
    });

    /// <summary>A leaf task created by an admin through the API, led by <paramref name="leadId"/>, reporting from <paramref
    /// name="start"/>.</summary>
    public static async Task<int> NewTaskAsync(FipApp app, int? leadId, DateOnly start, ReportingCycle cycle = ReportingCycle.Monthly,
        int[]? districts = null, int[]? coIds = null, DateOnly? deadline = null, int? parentId = null, string? title = null)
    {
        var response = await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync("/api/v1/supervision/tasks", new
        {
            title = title ?? "测试任务" + Guid.NewGuid().ToString("N")[..6],
            parentId,
            cycle = cycle.ToString(),
            startDate = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            deadline = deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            leadDepartmentIds = leadId is { } l ? new[] { l } : Array.Empty<int>(),
            coDepartmentIds = coIds ?? [],
            districtIds = districts ?? [],
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>A department user (API client) of a department of its own, with one task it leads, reporting monthly from two months
    /// ago.</summary>
    public static async Task<(HttpClient Client, AppUser User, Department Department, int TaskId)> OwnTaskAsync(FipApp app)
    {
        var dep = NewDepartment(app);
        var (client, user) = await app.ApiClientAsync(Roles.Department, dep.Name);
        var task = await NewTaskAsync(app, dep.Id, Today().AddMonths(-2));
        return (client, user, dep, task);
    }

    public static DateOnly Today() => DateOnly.FromDateTime(Fip.Web.Infrastructure.Display.ToShanghai(DateTime.UtcNow));

    public static string CurrentMonth() => ReportingPeriod.Of(ReportingCycle.Monthly, Today()).Key;

    public static object Report(string period, decimal percent = 40, string status = "OnPlan", bool submit = true, string? version = null,
        string? unitKey = null, string? problems = null) =>
        new { period, unitKey, percent, status, done = "完成方案编制并召开推进会", problems, nextSteps = "推进项目落地", version, submit };
}

/// <summary>Samples of the supervision endpoints for the scope matrix: work of 市科技局 carried out by 邗江区 (the matrix callers'
/// units).</summary>
internal static class SupervisionMatrix
{
    private static string Id(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fresh task led by 市科技局 and carried out by 邗江区, reporting monthly from this month.</summary>
    public static async Task<(int TaskId, int Lead, int District)> TaskAsync(FipApp app)
    {
        var (lead, district) = app.Use(d => (d.Departments.Single(x => x.Name == "市科技局").Id, d.Districts.Single(x => x.Name == "邗江区").Id));
        var task = await SupervisionSamples.NewTaskAsync(app, lead, SupervisionSamples.Today(), districts: [district]);
        return (task, lead, district);
    }

    /// <summary>The unit the caller reports for on such a task (an admin files for the lead).</summary>
    public static string UnitOf(ScopeMatrixTestsCaller c, int lead, int district) =>
        c.User.DistrictId is not null ? "dis:" + Id(district) : "dep:" + Id(lead);

    /// <summary>A report on a fresh task, filed by an admin for <paramref name="unitKey"/> (draft or submitted).</summary>
    public static async Task<long> ReportAsync(FipApp app, int taskId, string unitKey, bool submit)
    {
        var response = await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
            SupervisionSamples.Report(SupervisionSamples.CurrentMonth(), submit: submit, unitKey: unitKey)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    public static async Task<long> AttachmentAsync(FipApp app, long reportId)
    {
        var response = await RegistrySamples.AdminAsync(app, a => a.PostAsync($"/api/v1/supervision/reports/{Id(reportId)}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "证明.pdf" } }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    public static void Add(Dictionary<string, Func<ScopeMatrixTestsCaller, Task<HttpRequestMessage>>> samples)
    {
        const string p = "/api/v1/supervision";
        samples[$"GET {p}/tasks"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, $"{p}/tasks?mine=true"));
        samples[$"GET {p}/tasks/{{id:int}}"] = async c =>
            new HttpRequestMessage(HttpMethod.Get, $"{p}/tasks/{Id((await TaskAsync(c.App)).TaskId)}");
        samples[$"POST {p}/tasks"] = c =>
            Task.FromResult(
                new HttpRequestMessage(HttpMethod.Post, $"{p}/tasks")
                { Content = JsonContent.Create(new { title = "矩阵任务", cycle = "Quarterly" }) });
        samples[$"PUT {p}/tasks/{{id:int}}"] = async c =>
        {
            var (task, _, _) = await TaskAsync(c.App);
            var version = c.App.Use(d => d.SupervisionTasks.Single(t => t.Id == task).Version);
            return new HttpRequestMessage(HttpMethod.Put, $"{p}/tasks/{Id(task)}")
            { Content = JsonContent.Create(new { title = "矩阵改名", version }) };
        };
        samples[$"DELETE {p}/tasks/{{id:int}}"] = async c =>
            new HttpRequestMessage(HttpMethod.Delete, $"{p}/tasks/{Id((await TaskAsync(c.App)).TaskId)}");
        samples[$"POST {p}/tasks/{{id:int}}/reports"] = async c =>
        {
            var (task, lead, district) = await TaskAsync(c.App);
            return new HttpRequestMessage(HttpMethod.Post, $"{p}/tasks/{Id(task)}/reports")
            {
                Content =
                    JsonContent.Create(SupervisionSamples.Report(SupervisionSamples.CurrentMonth(), unitKey: UnitOf(c, lead, district))),
            };
        };
        samples[$"GET {p}/reports/{{id:long}}"] = async c =>
        {
            var (task, lead, _) = await TaskAsync(c.App);
            return new HttpRequestMessage(HttpMethod.Get,
                $"{p}/reports/{Id(await ReportAsync(c.App, task, "dep:" + Id(lead), submit: true))}");
        };
        samples[$"POST {p}/reports/{{id:long}}/review"] = async c =>
        {
            var (task, lead, _) = await TaskAsync(c.App);
            var report = await ReportAsync(c.App, task, "dep:" + Id(lead), submit: true);
            return new HttpRequestMessage(HttpMethod.Post, $"{p}/reports/{Id(report)}/review")
            { Content = JsonContent.Create(new { approve = true }) };
        };
        samples[$"POST {p}/reports/{{id:long}}/attachments"] = async c =>
        {
            var (task, lead, district) = await TaskAsync(c.App);
            var report = await ReportAsync(c.App, task, UnitOf(c, lead, district), submit: false);
            return new HttpRequestMessage(HttpMethod.Post, $"{p}/reports/{Id(report)}/attachments")
            { Content = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "会议纪要.pdf" } } };
        };
        samples[$"GET {p}/attachments/{{id:long}}"] = async c =>
        {
            var (task, lead, _) = await TaskAsync(c.App);
            return new HttpRequestMessage(HttpMethod.Get,
                $"{p}/attachments/{Id(await AttachmentAsync(c.App, await ReportAsync(c.App, task, "dep:" + Id(lead), submit: false)))}");
        };
        samples[$"DELETE {p}/attachments/{{id:long}}"] = async c =>
        {
            var (task, lead, district) = await TaskAsync(c.App);
            var attachment = await AttachmentAsync(c.App, await ReportAsync(c.App, task, UnitOf(c, lead, district), submit: false));
            return new HttpRequestMessage(HttpMethod.Delete, $"{p}/attachments/{Id(attachment)}");
        };
        samples[$"GET {p}/scorecard"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, $"{p}/scorecard"));
        samples[$"POST {p}/evaluate"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"{p}/evaluate"));
    }
}
