using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;

namespace Fip.IntegrationTests.Data;

/// <summary>
/// What a page reads from the database once its kept views are warm: each statement is a round trip (on PostgreSQL a few tenths
/// of a millisecond of the web process's time, the cost that decides a page's throughput). Each test has an app of its own, so
/// the statements counted are the page's.
/// </summary>
public sealed class PageStatementsTests
{
    /// <summary>The records of a list page come with their children in one statement, and the navigation's alert count is kept:
    /// a name search's first read reads its ids and its rows, nothing else through EF Core; read again, its page costs no
    /// statement of its own (ids and rows kept) until an enterprise is written, when the page shows the record as written.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EnterpriseSearchPage_ReadsItsRowsInOneStatement_ThenKeepsThem_UntilARecordIsWritten(DatabaseProvider db)
    {
        using var app = FipApp.Start(db, new Dictionary<string, string> { ["Logging:SqlCommands"] = "true" });
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var code = RegistryTests.NewCreditCode();
            var created = await admin.PostAsJsonAsync("/api/v1/enterprises", new
            {
                creditCode = code,
                name = "扬州语句测试有限公司" + code[^4..],
                district = "邗江区",
                tracks = "低空经济、元宇宙",
                qualifications = "高新技术企业(2024)",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32());
        }
        var leader = await app.CreateUserAsync(Roles.Leader);
        var browser = await SignedInAsync(app, leader);
        const string list = "/Registries/enterprises?q=语句测试";
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Registries/enterprises")).StatusCode);
        app.Logs.ClearStatements();
        var page = await browser.GetStringAsync(list);
        Assert.Contains("data-testid=\"nav-alerts\"", page, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(page, "扬州语句测试有限公司").Count);
        var statements = app.Logs.Statements;
        var all = string.Join("\n---\n", statements);
        Assert.False(statements.Any(s => s.Contains("\"Alerts\"", StringComparison.Ordinal)), all);
        // The page's records: one statement reads the enterprises with their tracks and qualifications.
        var rows = Assert.Single(statements, s => s.Contains("\"EnterpriseQualifications\"", StringComparison.Ordinal));
        Assert.Contains("\"EnterpriseTracks\"", rows, StringComparison.Ordinal);
        Assert.Contains("\"BusinessScope\"", rows, StringComparison.Ordinal);

        // Read again: the same page from what was kept (at most the session's own statement where no change feed keeps it).
        app.Logs.ClearStatements();
        Assert.Equal(page.Length, (await browser.GetStringAsync(list)).Length);
        statements = app.Logs.Statements;
        all = string.Join("\n---\n", statements);
        Assert.DoesNotContain(statements, s => s.Contains("\"Enterprises\"", StringComparison.Ordinal)
            || s.Contains("\"EnterpriseNameGrams\"", StringComparison.Ordinal));
        Assert.True(statements.Count <= 1, all);

        // A record of the page renamed (the search still finds the same three): the page shows the new name at once.
        var record = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/enterprises/{ids[1]}");
        var renamed = "扬州语句测试改名有限公司" + ids[1].ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/enterprises/{ids[1]}",
            new { name = renamed, version = record.GetProperty("version").GetString() })).StatusCode);
        page = await browser.GetStringAsync(list);
        Assert.Contains(renamed, page, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(page, "扬州语句测试有限公司").Count);
    }

    /// <summary>A page's kept records count one a record against the cache's size limit (<c>Cache:SizeLimit</c>), so the limit
    /// bounds the memory they hold: under a limit smaller than a page's records, none is kept and the page reads its rows each
    /// time.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task KeptPageRows_CountOneARecord_AgainstTheCachesLimit(DatabaseProvider db)
    {
        using var app = FipApp.Start(db, new Dictionary<string, string> { ["Logging:SqlCommands"] = "true", ["Cache:SizeLimit"] = "20" });
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        for (var i = 0; i < 25; i++)
        {
            var code = RegistryTests.NewCreditCode();
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/enterprises",
                new { creditCode = code, name = "扬州限额测试有限公司" + code[^4..], district = "邗江区" })).StatusCode);
        }
        var browser = await SignedInAsync(app, await app.CreateUserAsync(Roles.Leader));
        const string list = "/Registries/enterprises?q=限额测试";
        Assert.Equal(25, Regex.Matches(await browser.GetStringAsync(list), "扬州限额测试有限公司").Count);
        app.Logs.ClearStatements();
        Assert.Equal(25, Regex.Matches(await browser.GetStringAsync(list), "扬州限额测试有限公司").Count);
        Assert.Contains(app.Logs.Statements, s => s.Contains("\"EnterpriseQualifications\"", StringComparison.Ordinal));
    }

    /// <summary>The navigation's alert badge, kept per goals stamp, follows an alert raised and one resolved at the next page.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NavigationAlertBadge_FollowsAlertsRaisedAndResolved(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var owner = await app.CreateUserAsync(Roles.Department, department: "市科技局");
        var browser = await SignedInAsync(app, owner);
        static int Badge(string page) => NavigationBadges.Alerts(page) ?? 0;
        var before = Badge(await browser.GetStringAsync("/Goals"));
        Assert.Equal(before, Badge(await browser.GetStringAsync("/Supervision"))); // kept, same count
        var first = await app.RaiseAlertAsync(owner);
        await app.RaiseAlertAsync(owner, AlertSeverity.Red);
        Assert.Equal(before + 2, Badge(await browser.GetStringAsync("/Supervision")));
        Assert.Equal(1, await app.WithAsync<AlertService, int>(s => s.ClearAsync(first.DedupKey, "已消除", CancellationToken.None)));
        Assert.Equal(before + 1, Badge(await browser.GetStringAsync("/Registries/enterprises")));
        // Another department's alert is not this user's.
        var other = await app.CreateUserAsync(Roles.Department, department: "市工信局");
        await app.RaiseAlertAsync(other);
        Assert.Equal(before + 1, Badge(await browser.GetStringAsync("/Goals")));
    }

    private static async Task<HttpClient> SignedInAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }
}
