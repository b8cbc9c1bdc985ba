using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Registries.Files;

namespace Fip.IntegrationTests;

/// <summary>Defect 4 of issue 14: alerts a unit can work (order, filters, export, batch, no closing a reminder unfiled).</summary>
public class AlertWorkTests
{
    private static string Id(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static async Task<(HttpClient Browser, AppUser User, int DepartmentId)> UnitAsync(FipApp app)
    {
        var dep = SupervisionSamples.NewDepartment(app);
        var user = await app.CreateUserAsync(Roles.Department, dep.Name);
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        return (browser, user, dep.Id);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Alerts_AreListedRedYellowBlue_ThenOldestFirst_AndFilteredByUnitLevelAndState(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, user, depId) = await UnitAsync(app);
        var blue = await app.RaiseAlertAsync(user, AlertSeverity.Blue);
        var red = await app.RaiseAlertAsync(user, AlertSeverity.Red);
        var yellow = await app.RaiseAlertAsync(user, AlertSeverity.Yellow);
        var red2 = await app.RaiseAlertAsync(user, AlertSeverity.Red);
        var page = await browser.GetStringAsync("/Alerts");
        long[] order = [red.Id, red2.Id, yellow.Id, blue.Id];
        var positions = order.Select(i => page.IndexOf($"data-alert-id=\"{Id(i)}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        // The API lists them the same way.
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user));
        var listed = (await api.GetFromJsonAsync<AlertPage>("/api/v1/alerts"))!.Items.Select(a => a.Id).ToList();
        Assert.Equal(order, listed.Where(order.Contains));

        var byLevel = await browser.GetStringAsync("/Alerts?severity=Yellow");
        Assert.Contains($"data-alert-id=\"{Id(yellow.Id)}\"", byLevel, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-alert-id=\"{Id(red.Id)}\"", byLevel, StringComparison.Ordinal);
        var admin = app.BrowserClient();
        await FipApp.SignInAsync(admin, (await app.CreateUserAsync(Roles.Admin)).UserName!, FipApp.UserPassword);
        var byUnit = await admin.GetStringAsync($"/Alerts?unit=dep:{Id(depId)}");
        Assert.Contains($"<option value=\"dep:{Id(depId)}\" selected=\"selected\">", byUnit, StringComparison.Ordinal);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(byUnit, "data-testid=\"alert-item\"").Count);
        Assert.Equal(HttpStatusCode.Redirect, (await ResolveAsync(browser, blue, "已阅")).StatusCode);
        Assert.DoesNotContain($"data-alert-id=\"{Id(blue.Id)}\"", await admin.GetStringAsync($"/Alerts?unit=dep:{Id(depId)}"),
            StringComparison.Ordinal);
        Assert.Contains($"data-alert-id=\"{Id(blue.Id)}\"", await admin.GetStringAsync($"/Alerts?unit=dep:{Id(depId)}&status=Resolved"),
            StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ResolveAsync(HttpClient browser, Alert alert, string note) =>
        FipApp.PostFormAsync(browser, "/Alerts?handler=Resolve",
            new Dictionary<string, string> { ["id"] = Id(alert.Id), ["note"] = note }, formPage: "/Alerts");

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Export_IsAnXlsxOfTheFilteredAlerts(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, user, depId) = await UnitAsync(app);
        var red = await app.RaiseAlertAsync(user, AlertSeverity.Red);
        await app.RaiseAlertAsync(user, AlertSeverity.Blue);
        var page = await browser.GetStringAsync($"/Alerts?severity=Red&unit=dep:{Id(depId)}");
        var link = System.Text.RegularExpressions.Regex
            .Match(page, "href=\"(/Alerts\\?handler=Export[^\"]*)\" data-testid=\"alert-export\"")
            .Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Contains("severity=Red", link, StringComparison.Ordinal);
        var response = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Fip.Web.Features.Alerts.IndexModel.Xlsx, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.EndsWith(".xlsx", disposition?.FileNameStar ?? disposition?.FileName, StringComparison.Ordinal);
        var file = TabularReader.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), "alerts.xlsx");
        var row = Assert.Single(file.Rows);
        Assert.Equal(["红色", "待确认", "测试预警"], row.Cells.Take(3));
        Assert.Equal("级别", file.Headers[0]);
        _ = red;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Batch_AcknowledgesOrResolvesTheChosenAlerts_WithOneNote(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, user, _) = await UnitAsync(app);
        var a = await app.RaiseAlertAsync(user);
        var b = await app.RaiseAlertAsync(user);
        var c = await app.RaiseAlertAsync(user);
        async Task<HttpResponseMessage> Batch(bool resolve, string note, params Alert[] alerts)
        {
            var token = FipApp.AntiforgeryToken(await browser.GetStringAsync("/Alerts"));
            return await browser.PostAsync("/Alerts?handler=Batch", new FormUrlEncodedContent(
                alerts.Select(x => KeyValuePair.Create("ids", Id(x.Id)))
                    .Append(KeyValuePair.Create("resolve", resolve ? "true" : "false")).Append(KeyValuePair.Create("note", note))
                    .Append(KeyValuePair.Create("__RequestVerificationToken", token))));
        }
        var noNote = await Batch(true, " ", a, b);
        Assert.Equal(HttpStatusCode.Redirect, noNote.StatusCode);
        Assert.Contains("data-testid=\"alert-batch-error\">办结时请填写说明。",
            await browser.GetStringAsync(noNote.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.All(new[] { a, b }, x => Assert.Equal(AlertStatus.Open, app.Use(d => d.Alerts.Single(y => y.Id == x.Id).Status)));
        Assert.Equal(HttpStatusCode.Redirect, (await Batch(true, "已统一处理", a, b)).StatusCode);
        Assert.All(new[] { a, b }, x => Assert.Equal((AlertStatus.Resolved, "已统一处理"),
            app.Use(d => d.Alerts.Where(y => y.Id == x.Id).Select(y => new { y.Status, y.ResolutionNote }).AsEnumerable()
                .Select(y => (y.Status, y.ResolutionNote)).Single())));
        Assert.Equal(AlertStatus.Open, app.Use(d => d.Alerts.Single(y => y.Id == c.Id).Status));
        Assert.Equal(HttpStatusCode.Redirect, (await Batch(false, "", c)).StatusCode);
        Assert.Equal(AlertStatus.Acknowledged, app.Use(d => d.Alerts.Single(y => y.Id == c.Id).Status));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ReportAlert_CannotBeResolvedWithANote_WhileTheReportIsUnfiled(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user, dep, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        // The task started two months ago: its earlier reports are overdue, and the unit was warned.
        var late = app.Use(d => d.Alerts.Single(a => a.OwnerDepartmentId == dep.Id && a.Rule == "task-report-late"
            && a.Status != AlertStatus.Resolved));
        var refused = await client.PostAsJsonAsync($"/api/v1/alerts/{Id(late.Id)}/resolve", new { note = "已知悉" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("报告尚未报送", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AlertStatus.Open, app.Use(d => d.Alerts.Single(a => a.Id == late.Id).Status));
        // Acknowledging is fine; filing the overdue reports clears it (by the rules, not by a note).
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/alerts/{Id(late.Id)}/acknowledge", new { })).StatusCode);
        var today = SupervisionSamples.Today();
        foreach (var month in new[] { today.AddMonths(-2), today.AddMonths(-1) })
        {
            var period = Fip.Web.Features.Supervision.ReportingPeriod.Of(Fip.Web.Features.Supervision.ReportingCycle.Monthly, month).Key;
            var filed = await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports", SupervisionSamples.Report(period, 30));
            Assert.True(filed.IsSuccessStatusCode, await filed.Content.ReadAsStringAsync());
        }
        Assert.Equal(AlertStatus.Resolved, app.Use(d => d.Alerts.Single(a => a.Id == late.Id).Status));
        _ = user;
    }
}
