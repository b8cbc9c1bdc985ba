using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>Holes found by probing (issue 16): each test failed before its fix.</summary>
public class SecurityTests
{
    private const string ForeignOrigin = "https://evil.example";

    /// <summary>A browser signed in as a new admin, and the request token its pages carry.</summary>
    private static async Task<(HttpClient Browser, string Token)> SignedInAdminAsync(FipApp app)
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, admin.UserName!, FipApp.UserPassword);
        return (browser, await FipApp.ApiAntiforgeryTokenAsync(browser));
    }

    private static async Task<AppUser> DisabledUserAsync(FipApp app)
    {
        var user = await app.CreateUserAsync(Roles.Leader);
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var stored = await scope.ServiceProvider
            .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>()
            .FindByIdAsync(user.Id);
        await accounts.SetDisabledAsync(stored!, true);
        return user;
    }

    private static async Task AssertCsrfRefusedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("防伪令牌", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CookieApiPost_FromAnotherOrigin_WithoutAntiforgeryToken_IsRefused(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, _) = await SignedInAdminAsync(app);
        var victim = await DisabledUserAsync(app);

        var enable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{victim.Id}/enable");
        enable.Headers.Add("Origin", ForeignOrigin);
        await AssertCsrfRefusedAsync(await browser.SendAsync(enable));
        Assert.True(app.Use(d => d.Users.Single(u => u.Id == victim.Id).IsDisabled), "the user stays disabled");

        // A plain HTML form from another site: urlencoded, no token.
        var stampBefore = app.Use(d => d.Users.Single(u => u.Id == victim.Id).PasswordHash);
        var reset = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{victim.Id}/reset-password")
        { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }) };
        reset.Headers.Add("Origin", ForeignOrigin);
        await AssertCsrfRefusedAsync(await browser.SendAsync(reset));
        Assert.Equal(stampBefore, app.Use(d => d.Users.Single(u => u.Id == victim.Id).PasswordHash));

        // JSON bodies and other verbs are covered by the same rule.
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{victim.Id}")
        { Content = JsonContent.Create(new { role = "admin", concurrencyStamp = "x" }) };
        await AssertCsrfRefusedAsync(await browser.SendAsync(put));
        await AssertCsrfRefusedAsync(await browser.DeleteAsync("/api/v1/tokens/1"));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CookieApiPost_WithTheAntiforgeryHeader_Works_AndBearerTokensNeedNone(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, token) = await SignedInAdminAsync(app);
        var victim = await DisabledUserAsync(app);

        var enable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{victim.Id}/enable");
        enable.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(enable)).StatusCode);
        Assert.False(app.Use(d => d.Users.Single(u => u.Id == victim.Id).IsDisabled));

        // A token from another session is not valid for this one.
        var (_, foreignToken) = await SignedInAdminAsync(app);
        var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{victim.Id}/disable");
        forged.Headers.Add("RequestVerificationToken", foreignToken);
        await AssertCsrfRefusedAsync(await browser.SendAsync(forged));
        Assert.False(app.Use(d => d.Users.Single(u => u.Id == victim.Id).IsDisabled));

        // No ambient credential with a personal access token: no antiforgery token needed.
        var (bearer, _) = await app.ApiClientAsync(Roles.Admin);
        var other = await DisabledUserAsync(app);
        Assert.Equal(HttpStatusCode.NoContent, (await bearer.PostAsync($"/api/v1/users/{other.Id}/enable", null)).StatusCode);
        Assert.False(app.Use(d => d.Users.Single(u => u.Id == other.Id).IsDisabled));

        // Safe methods need no token.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CookieMultipartAttach_NeedsTheAntiforgeryToken(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, token) = await SignedInAdminAsync(app);
        var (task, lead, _) = await SupervisionMatrix.TaskAsync(app);
        var report = await SupervisionMatrix.ReportAsync(app, task, "dep:" + lead, submit: false);
        var url = $"/api/v1/supervision/reports/{report}/attachments";
        MultipartFormDataContent File() => new() { { new ByteArrayContent(SupervisionMatrix.Pdf), "file", "证明.pdf" } };

        var foreign = new HttpRequestMessage(HttpMethod.Post, url) { Content = File() };
        foreign.Headers.Add("Origin", ForeignOrigin);
        await AssertCsrfRefusedAsync(await browser.SendAsync(foreign));
        Assert.Equal(0, app.Use(d => d.ReportAttachments.Count(a => a.ReportId == report)));

        var own = new HttpRequestMessage(HttpMethod.Post, url) { Content = File() };
        own.Headers.Add("RequestVerificationToken", token);
        var response = await browser.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, app.Use(d => d.ReportAttachments.Count(a => a.ReportId == report)));
    }

    /// <summary>Paging out of range: (page − 1) × pageSize overflowed into the whole registry, or a 500.</summary>
    public static TheoryData<DatabaseProvider, string, string> BadPaging()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        string[] cases = ["page=0", "page=-1", "page=85899347", "page=2147483647", "page=1000001", "pageSize=0", "pageSize=201",
            "pageSize=100000", "pageSize=-5",
            "page=abc", "pageSize=ten", "page=1.5", "page=85899347&pageSize=200"];
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var c in cases) data.Add(db, "/api/v1/enterprises", c);
        // The other paged lists, with the values that broke the first.
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var list in new[] { "/api/v1/users", "/api/v1/alerts", "/api/v1/audit", "/api/v1/products", "/api/v1/parks" })
                foreach (var c in new[] { "page=85899347", "page=2147483647", "page=0", "pageSize=201", "page=abc" }) data.Add(db, list, c);
        return data;
    }

    [Theory, MemberData(nameof(BadPaging))]
    public async Task PagedApis_RefuseOutOfRangePaging_With400(DatabaseProvider db, string list, string query)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var response = await admin.GetAsync($"{list}?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.Matches("页码|每页条数", detail);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task PagedApis_AcceptTheEdgesOfTheRange(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        foreach (var list in new[] { "/api/v1/enterprises", "/api/v1/users", "/api/v1/alerts", "/api/v1/audit" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{list}?page=1&pageSize=200")).StatusCode);
            var last = await admin.GetAsync($"{list}?page=1000000&pageSize=200");
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
            using var json = JsonDocument.Parse(await last.Content.ReadAsStringAsync());
            Assert.Equal(0, json.RootElement.GetProperty("items").GetArrayLength());
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ListPages_ClampAHugePageNumber(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, _) = await SignedInAdminAsync(app);
        foreach (var page in new[] { "/Registries/enterprises", "/Registries/products", "/Admin/Audit", "/Admin/Users", "/Alerts" })
            foreach (var p in new[] { "85899347", "2147483647", "-1", "0" })
            {
                var response = await browser.GetAsync($"{page}?p={p}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}?p={p}: {(int)response.StatusCode}");
            }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LastActiveAdmin_CannotDemoteOrDisableItself_ByApiOrPage(DatabaseProvider db)
    {
        // Its own app: the seeded admin is disabled so that the test's admin is the only active one.
        using var app = FipApp.Start(db);
        var last = await app.CreateUserAsync(Roles.Admin);
        var seeded = app.Use(d => d.Users.Single(u => u.UserName == "admin").Id);
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(last));
        Assert.Equal(HttpStatusCode.NoContent, (await bearer.PostAsync($"/api/v1/users/{seeded}/disable", null)).StatusCode);

        string Stamp() => app.Use(d => d.Users.Single(u => u.Id == last.Id).ConcurrencyStamp!);
        bool IsAdmin() =>
            app.Use(d => d.UserRoles.Any(ur => ur.UserId == last.Id && d.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));

        var demote = await bearer.PutAsJsonAsync($"/api/v1/users/{last.Id}",
            new { displayName = "最后的管理员", role = "leader", concurrencyStamp = Stamp() });
        var body = await demote.Content.ReadAsStringAsync();
        Assert.True(demote.StatusCode == HttpStatusCode.Conflict, $"{(int)demote.StatusCode}: {body}");
        Assert.Contains("至少保留一名", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(IsAdmin());
        Assert.Equal(HttpStatusCode.Conflict, (await bearer.PostAsync($"/api/v1/users/{last.Id}/disable", null)).StatusCode);
        Assert.False(app.Use(d => d.Users.Single(u => u.Id == last.Id).IsDisabled));

        // The same through the page.
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, last.UserName!, FipApp.UserPassword);
        var page = await FipApp.PostFormAsync(browser, $"/Admin/Users/Edit/{last.Id}", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "最后的管理员",
            ["Form.Role"] = "leader",
            ["ConcurrencyStamp"] = Stamp(),
        });
        Assert.Contains("至少保留一名", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(IsAdmin());

        // With another active admin, the change is allowed.
        Assert.Equal(HttpStatusCode.NoContent, (await bearer.PostAsync($"/api/v1/users/{seeded}/enable", null)).StatusCode);
        var allowed = await bearer.PutAsJsonAsync($"/api/v1/users/{last.Id}",
            new { displayName = "改任领导", role = "leader", concurrencyStamp = Stamp() });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.False(IsAdmin());
    }

    public static TheoryData<DatabaseProvider, string> BadPeriods()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var period in new[] { "9999-12", "9999-Q4", "0000-01", "0001-01", "2101-01", "1999-12", "2026-13", "2026-00",
                "2026-Q5", "abc" })
                data.Add(db, period);
        return data;
    }

    [Theory, MemberData(nameof(BadPeriods))]
    public async Task Scorecard_WithAnOutOfRangePeriod_SaysSo_InsteadOf500(DatabaseProvider db, string period)
    {
        var app = FipApp.For(db);
        var (browser, _) = await SignedInAdminAsync(app);
        var page = await browser.GetAsync($"/Supervision/Scorecard?period={Uri.EscapeDataString(period)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("期次无效", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (api, _) = await app.ApiClientAsync(Roles.Admin);
        var response = await api.GetAsync($"/api/v1/supervision/scorecard?period={Uri.EscapeDataString(period)}");
        var body = await response.Content.ReadAsStringAsync();
        // Invalid input on the API is 422 with the field named (the HTTP convention).
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("期次无效", body, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ApiResponses_AreNotStoredByCaches(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, user) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        var created = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new
            {
                creditCode = code,
                name = "扬州缓存测试有限公司" + code[^6..],
                district = "邗江区",
                contactPerson = "张三",
                contactPhone = "13800000000"
            });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        foreach (var url in new[] { "/api/v1/me", "/api/v1/users", $"/api/v1/users/{user.Id}", "/api/v1/enterprises",
            $"/api/v1/enterprises/{id}", "/api/v1/audit",
                     "/api/v1/audit/export", "/api/v1/enterprises/export?format=csv", "/api/v1/no-such-thing" })
        {
            var response = await admin.GetAsync(url);
            Assert.True(response.Headers.CacheControl?.NoStore == true,
                $"{url} ({(int)response.StatusCode}): Cache-Control: {response.Headers.CacheControl}");
        }
        Assert.True(created.Headers.CacheControl?.NoStore == true, $"POST: {created.Headers.CacheControl}");
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AttachmentNames_LoseBidiAndControlCharacters(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, _, taskId) = await SupervisionSamples.OwnTaskAsync(app);
        var draft = await client.PostAsJsonAsync($"/api/v1/supervision/tasks/{taskId}/reports",
            SupervisionSamples.Report(SupervisionSamples.CurrentMonth(), submit: false));
        var reportId = JsonDocument.Parse(await draft.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        // "证明\u202Egnp.pdf" shows as "证明fdp.png"; the others hide marks, isolates and control characters in the name.
        var cases = new Dictionary<string, string>
        {
            ["证明\u202Egnp.pdf"] = "证明gnp.pdf",
            ["a\u202Ab\u202Bc\u202Cd\u202De.pdf"] = "abcde.pdf",
            ["\u2066纪要\u2067x\u2068y\u2069.pdf"] = "纪要xy.pdf",
            ["l\u200Er\u200Fm\u061C.pdf"] = "lrm.pdf",
            ["tab\tbell\u0007del\u007Fc1\u0085.pdf"] = "tabbelldelc1.pdf",
        };
        foreach (var (sent, expected) in cases)
        {
            var response = await client.PostAsync($"/api/v1/supervision/reports/{reportId}/attachments",
                new MultipartFormDataContent { { new ByteArrayContent(SupervisionMatrix.Pdf), "file", sent } });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
            Assert.Equal(expected, app.Use(d => d.ReportAttachments.Single(a => a.Id == id).FileName));
            var download = await client.GetAsync($"/api/v1/supervision/attachments/{id}");
            Assert.Equal(expected, download.Content.Headers.ContentDisposition?.FileNameStar);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task UnreadableJsonBody_Gets400ProblemDetails_WithALocalizedDetail(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _) = await app.ApiClientAsync(Roles.Admin);
        foreach (var (json, language, expected) in new[]
                 {
                     ("{\"userName\": ", "zh-CN", "无法读取请求正文"),
                     ("{\"name\": 5, \"expiresInDays\": \"soon\"}", "zh-CN", "无法读取请求正文"),
                     ("[1, 2", "en-US", "The request body could not be read"),
                 })
        {
            var request = new HttpRequestMessage(HttpMethod.Post,
                json.StartsWith("{\"name", StringComparison.Ordinal) ? "/api/v1/me/tokens" : "/api/v1/users")
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.AcceptLanguage.Add(new(language));
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            Assert.True(detail?.Contains(expected, StringComparison.Ordinal) == true, body);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }
        // A client's mistake is not a server error in the logs.
        var errors = app.Logs.Events
            .Where(e => e.Level >= Serilog.Events.LogEventLevel.Error && e.Exception is Microsoft.AspNetCore.Http.BadHttpRequestException)
            .ToList();
        Assert.True(errors.Count == 0,
            string.Join("\n", errors.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>A request the client gave up on is not a server error: 499, not 500.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ClientCancelledRequest_IsNotAServerError(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var token = await app.CreateTokenAsync(await app.CreateUserAsync(Roles.Admin));
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/v1/users";
            c.Request.Headers.Authorization = "Bearer " + token;
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature>(new AbortedRequest(aborted.Token));
        });
        Assert.Equal(499, context.Response.StatusCode);
        // Nothing logged as an error for it (Serilog's request log said "responded 500" at Error level).
        var errors = app.Logs.Events
            .Where(e => e.Level >= Serilog.Events.LogEventLevel.Error && e.Exception is OperationCanceledException)
            .ToList();
        Assert.True(errors.Count == 0,
            string.Join("\n", errors.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private sealed class AbortedRequest(CancellationToken token) : Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; } = token;
        public void Abort() { }
    }
}
