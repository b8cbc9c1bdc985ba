using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;

namespace Fip.IntegrationTests;

public class OpsTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task HealthAndTheApiDescription_AreServedWithoutSignIn_TheApiDocsPageIsNot(DatabaseProvider db)
    {
        var client = FipApp.For(db).CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        using var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/plans/current", paths);
        Assert.Contains("/api/v1/users/{id}", paths);
        // Anonymous readers are sent to sign in.
        var docs = await FipApp.For(db).CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/docs/v1");
        Assert.Equal(HttpStatusCode.Redirect, docs.StatusCode);
        Assert.StartsWith("/Accounts/Login", docs.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 15 item 10: the API reference is for the roles that use the API, under the platform's header with a way back,
    /// and without the hosted services that sent the API description (Ask AI) or the reader (Deploy, Generate SDK, Share)
    /// elsewhere.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, Roles.Admin, true)]
    [InlineData(DatabaseProvider.Sqlite, Roles.Department, true)]
    [InlineData(DatabaseProvider.Sqlite, Roles.District, true)]
    [InlineData(DatabaseProvider.Sqlite, Roles.Leader, false)]
    [InlineData(DatabaseProvider.Sqlite, Roles.Enterprise, false)]
    public async Task ApiDocs_OnlyForTheRolesThatUseTheApi_WithThePlatformHeader_AndNoThirdPartyService(DatabaseProvider db, string role,
        bool shown)
    {
        var app = FipApp.For(db);
        var (client, _) = await app.ApiClientAsync(role);
        var docs = await client.GetAsync("/api/docs/v1");
        if (!shown)
        {
            Assert.Equal(HttpStatusCode.Forbidden, docs.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var html = await docs.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"api-docs-header\"", html, StringComparison.Ordinal);
        Assert.Contains("未来产业培育监测平台", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\" data-testid=\"api-docs-back\">← 返回平台</a>", html, StringComparison.Ordinal);
        // The configuration the page hands to Scalar: agent, MCP and telemetry off, toolbar and client button hidden.
        var config = System.Text.RegularExpressions.Regex.Replace(html, @"\s", "");
        Assert.Contains("\"hideClientButton\":true", config, StringComparison.Ordinal);
        Assert.Contains("\"showDeveloperTools\":\"never\"", config, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", config, StringComparison.Ordinal);
        Assert.Contains("\"agent\":{\"disabled\":true}", config, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fonts.googleapis", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// No role is offered a link it cannot follow: the home page's API tile and the user menu link /api/docs exactly for the roles
    /// that may open it (the 容错 reviewer's home offered the tile and the page answered Access denied).
    /// </summary>
    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Department)]
    [InlineData(Roles.District)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.ToleranceReviewer)]
    public async Task ApiDocs_LinkedOnlyForTheRolesThatMayOpenIt(string role)
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, (await app.CreateUserAsync(role)).UserName!, FipApp.UserPassword);
        var home = await client.GetStringAsync("/");
        var docs = await client.GetAsync("/api/docs");
        var refusedTo = docs.Headers.Location?.OriginalString ?? "";
        var opens = (int)docs.StatusCode < 400 && !refusedTo.Contains("/Accounts/", StringComparison.Ordinal);
        Assert.Equal(role is Roles.Admin or Roles.Department or Roles.District, opens);
        Assert.Equal(opens, home.Contains("href=\"/api/docs\"", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(DatabaseProvider db)
    {
        var response = await FipApp.For(db).CreateClient().GetAsync("/Accounts/Login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("未来产业培育监测平台", html, StringComparison.Ordinal); // Chinese as characters, not entities
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BadApiInput_Gets400ProblemDetails_InTheCallersLanguage(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _) = await app.ApiClientAsync(Roles.Admin);
        var malformed = await client.PostAsync("/api/v1/users", new StringContent("{\"userName\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);
        var body = await malformed.Content.ReadAsStringAsync();
        Assert.Contains("请求内容有误", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);

        var wrongType = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens")
        { Content = new StringContent("{\"name\": 5, \"expiresInDays\": \"soon\"}", Encoding.UTF8, "application/json") };
        wrongType.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        var typed = await client.SendAsync(wrongType);
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Contains("The request is not valid", await typed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task UnknownPage_ShowsTheFriendly404_InChineseOrEnglish(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Leader);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword);
        var zh = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, zh.StatusCode);
        Assert.Contains("页面不存在", await zh.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var switched = await client.GetAsync("/culture/en?returnUrl=/Plans");
        Assert.Equal("/Plans", switched.Headers.Location!.OriginalString);
        var en = await client.GetAsync("/no/such/page");
        Assert.Contains("Page not found", await en.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Plan overview", await client.GetStringAsync("/Plans"), StringComparison.Ordinal);
        var offsite = await client.GetAsync("/culture/zh-CN?returnUrl=//evil.example");
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AcceptLanguage_ChoosesEnglish_WithoutACookie()
    {
        var client = FipApp.For(DatabaseProvider.Sqlite).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
        var html = await client.GetStringAsync("/Accounts/Login");
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Sign in with your platform account.", html, StringComparison.Ordinal);
    }
}
