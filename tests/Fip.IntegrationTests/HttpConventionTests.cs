using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;

namespace Fip.IntegrationTests;

/// <summary>The one HTTP convention of /api/v1: versions as ETag / If-Match (weak or strong), 409 for a stale one, 422 field errors in the
/// caller's language.</summary>
public class HttpConventionTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task IfMatch_WeakOrStrong_NamesTheVersion_AndAStaleOneGets409(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var dep = app.Use(d => d.Departments.OrderBy(x => x.Id).First().Id);
        var taskId = await SupervisionSamples.NewTaskAsync(app, dep, SupervisionSamples.Today());
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var version = await TaskVersionAsync(admin, taskId);

        // A weak tag used to be refused as stale by this endpoint (its parser kept the W/ prefix).
        var weak = await PutTaskAsync(admin, taskId, "改名一", $"W/\"{version}\"");
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        var renamed = await TaskVersionAsync(admin, taskId);
        Assert.NotEqual(version, renamed);

        var stale = await PutTaskAsync(admin, taskId, "改名二", $"\"{version}\"");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);

        // Of a list, the first tag is compared; the header wins over a stale version in the body.
        var listed = await PutTaskAsync(admin, taskId, "改名三", $"\"{renamed}\", W/\"other\"", bodyVersion: version);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

        // A malformed header is refused as stale rather than ignored.
        var garbage = await PutTaskAsync(admin, taskId, "改名四", "not-a-tag", bodyVersion: await TaskVersionAsync(admin, taskId));
        Assert.Equal(HttpStatusCode.Conflict, garbage.StatusCode);
        Assert.Equal("改名三", app.Use(d => d.SupervisionTasks.Single(t => t.Id == taskId).Title));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Invalid_Gets422_WithFieldErrorsInTheCallersLanguage(DatabaseProvider db)
    {
        var (admin, _) = await FipApp.For(db).ApiClientAsync(Roles.Admin);
        foreach (var (language, expected) in new[] { ("en-US", "Invalid period"), ("zh-CN", "期次无效") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/supervision/scorecard?period=someday");
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(422, problem.RootElement.GetProperty("status").GetInt32());
            var message = problem.RootElement.GetProperty("errors").GetProperty("period")[0].GetString();
            Assert.StartsWith(expected, message, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NotFoundAndForbidden_AreProblemDetails(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var missing = await admin.PutAsJsonAsync("/api/v1/supervision/tasks/999999", new { title = "x", version = "v" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        var (leader, _) = await app.ApiClientAsync(Roles.Leader);
        var alert = await leader.PostAsJsonAsync("/api/v1/alerts/999999/acknowledge", new { });
        Assert.True(alert.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, alert.StatusCode.ToString());
        Assert.Equal("application/problem+json", alert.Content.Headers.ContentType!.MediaType);
    }

    private static async Task<string> TaskVersionAsync(HttpClient client, int taskId)
    {
        using var task = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/supervision/tasks/{taskId}"));
        return task.RootElement.GetProperty("task").GetProperty("version").GetString()!;
    }

    private static Task<HttpResponseMessage> PutTaskAsync(HttpClient client, int taskId, string title, string ifMatch,
        string? bodyVersion = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/supervision/tasks/{taskId}")
        { Content = JsonContent.Create(new { title, version = bodyVersion }) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
