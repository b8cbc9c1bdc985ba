using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>
/// 撤回: an enterprise takes back its own application while it waits for review. Once the department returned, approved, refused
/// or paid it (or it was withdrawn already) it is refused with a message in the user's language; a stale version is 409; another
/// enterprise and an anonymous caller are refused. A withdrawn application never blocks a new one and is counted apart.
/// </summary>
public class SupportWithdrawTests
{
    private static string Id(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Case: the application's state (or "stale", "other", "anonymous"), the language, the answer and the words.</summary>
    public static TheoryData<DatabaseProvider, string, string, HttpStatusCode, string?> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string, string, HttpStatusCode, string?>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "Submitted", "zh-CN", HttpStatusCode.OK, null);
            data.Add(db, "Returned", "zh-CN", HttpStatusCode.Conflict, "已由主管部门审核并退回补正，不能撤回");
            data.Add(db, "Approved", "zh-CN", HttpStatusCode.Conflict, "已获批准，不能撤回");
            data.Add(db, "Approved", "en", HttpStatusCode.Conflict, "has been approved and can no longer be withdrawn");
            data.Add(db, "Refused", "zh-CN", HttpStatusCode.Conflict, "不予支持，不能撤回");
            data.Add(db, "Paid", "zh-CN", HttpStatusCode.Conflict, "已兑现，不能撤回");
            data.Add(db, "Withdrawn", "zh-CN", HttpStatusCode.Conflict, "已经撤回，不能再次撤回");
            data.Add(db, "Withdrawn", "en", HttpStatusCode.Conflict, "has already been withdrawn");
            data.Add(db, "stale", "zh-CN", HttpStatusCode.Conflict, "该记录已被他人修改");
            data.Add(db, "other", "zh-CN", HttpStatusCode.Forbidden, null);
            data.Add(db, "anonymous", "zh-CN", HttpStatusCode.Unauthorized, null);
        }
        return data;
    }

    private static async Task<(HttpClient Client, int EnterpriseId)> EnterpriseClientAsync(FipApp app, string language)
    {
        var id = await SupportSamples.NewEnterpriseAsync(app);
        var code = app.Use(d => d.Enterprises.Single(e => e.Id == id).CreditCode);
        var user = await app.CreateUserAsync(Roles.Enterprise, uscc: code);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(user));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return (client, id);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Withdraw_OnlyWhileAwaitingReview_ByItsOwnEnterprise_WithTheCurrentVersion(DatabaseProvider db, string @case,
        string language, HttpStatusCode expected, string? words)
    {
        var app = FipApp.For(db);
        var (owner, ownerId) = await EnterpriseClientAsync(app, language);
        var state = Enum.TryParse<ApplicationState>(@case, out var s) ? s : ApplicationState.Submitted;
        var a = SupportSamples.Application(app, ownerId, state);
        var client = @case switch
        {
            "other" => (await EnterpriseClientAsync(app, language)).Client,
            "anonymous" => app.CreateClient(new() { AllowAutoRedirect = false }),
            _ => owner,
        };
        var version = @case == "stale" ? "0123456789abcdef" : a.Version;

        var response = await client.PostAsJsonAsync($"/api/v1/support/applications/{Id(a.Id)}/withdraw",
            new { reason = "项目延期，暂不申报", version });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{@case}: {(int)response.StatusCode} {body}");
        var stored = app.Use(d => d.Set<PolicyApplication>().Single(x => x.Id == a.Id));
        if (expected == HttpStatusCode.OK)
        {
            var dto = (await response.Content.ReadFromJsonAsync<ApplicationDto>())!;
            Assert.Equal(("Withdrawn", "项目延期，暂不申报"), (dto.State, dto.Reason));
            Assert.Equal(ApplicationState.Withdrawn, stored.State);
            Assert.NotEqual(a.Version, stored.Version);
            // Audited as an update of the application to its new state.
            Assert.Contains(Lines(app, a.Id, AuditActions.Update), line => line.After!.Contains("项目延期，暂不申报", StringComparison.Ordinal));
            return;
        }
        // Nothing changed, and a refusal says why in the caller's language (ProblemDetails, no stack trace).
        Assert.Equal((state, a.Version), (stored.State, stored.Version));
        if (words is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(words, Regex.Unescape(body), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        // A refusal for the application's state is audited too.
        if (@case == state.ToString()) Assert.NotEmpty(Lines(app, a.Id, AuditActions.Refused));
    }

    private static List<AuditEntry> Lines(FipApp app, int id, string action)
    {
        var key = Id(id);
        return app.Use(d => d.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(PolicyApplication) && e.EntityKey == key && e.Action == action).ToList());
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Withdrawn_DoesNotBlockANewApplication_IsNotPendingOrApproved_AndIsCountedApart(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, id) = await EnterpriseClientAsync(app, "zh-CN");
        SupportSamples.MakeEligible(app, id);
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        var applied = await client.PostAsJsonAsync("/api/v1/support/applications", new { policyId = voucher });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var first = (await applied.Content.ReadFromJsonAsync<ApplicationDto>())!;
        // While it is open a second one is refused.
        Assert.Equal(HttpStatusCode.Conflict,
            (await client.PostAsJsonAsync("/api/v1/support/applications", new { policyId = voucher })).StatusCode);
        var before = await StatsAsync(app);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/support/applications/{Id(first.Id)}/withdraw",
            new { version = first.Version })).StatusCode);
        var after = await StatsAsync(app);
        // Other tests may add applications meanwhile (never withdraw one): the withdrawn count moved by this one at least.
        Assert.True(after.Withdrawn >= before.Withdrawn + 1, $"{before} → {after}");
        // The department's 免申即享 list offers it again, and the enterprise may apply again, as a new application.
        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var eligible = await kjj.GetFromJsonAsync<EligibleListDto>($"/api/v1/support/policies/{Id(voucher)}/eligible");
        Assert.Contains(eligible!.Items, e => e.EnterpriseId == id);
        var again = await client.PostAsJsonAsync("/api/v1/support/applications", new { policyId = voucher });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var second = (await again.Content.ReadFromJsonAsync<ApplicationDto>())!;
        Assert.NotEqual(first.Id, second.Id);
        var mine = (await client.GetFromJsonAsync<List<ApplicationDto>>("/api/v1/support/applications"))!;
        Assert.Equal(["Submitted", "Withdrawn"], mine.OrderBy(m => m.State, StringComparer.Ordinal).Select(m => m.State));
    }

    private static async Task<SupportFigures> StatsAsync(FipApp app)
    {
        var (leader, _) = await app.ApiClientAsync(Roles.Leader);
        var stats = await leader.GetFromJsonAsync<SupportStatistics>("/api/v1/support/statistics");
        return stats!.ByPolicy.SingleOrDefault(p => p.Name == "科技创新券") ?? new SupportFigures("科技创新券", 0, 0, 0, 0, 0, null);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Page_WithdrawButton_ShownOnlyWhileAllowed_FollowedWithdrawsAndShowsTheState(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var id = await SupportSamples.NewEnterpriseAsync(app);
        var code = app.Use(d => d.Enterprises.Single(e => e.Id == id).CreditCode);
        var user = await app.CreateUserAsync(Roles.Enterprise, uscc: code);
        var browser = app.BrowserClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        var returned = SupportSamples.Application(app, id, ApplicationState.Returned, SupportSeeder.InnovativeProducts);
        Assert.DoesNotContain("data-testid=\"withdraw-submit\"", await browser.GetStringAsync($"/Support/Application/{Id(returned.Id)}"),
            StringComparison.Ordinal);
        var a = SupportSamples.Application(app, id, ApplicationState.Submitted);
        var url = $"/Support/Application/{Id(a.Id)}";
        var page = await browser.GetStringAsync(url);
        Assert.Contains("data-testid=\"withdraw-submit\"", page, StringComparison.Ordinal);
        Assert.Contains("撤回后主管部门将不再审核该申请", page, StringComparison.Ordinal);
        // The form as the page renders it: its handler and its version.
        var form = Regex.Match(page,
            "<form method=\"post\"[^>]*action=\"([^\"]*handler=Withdraw)\"[^>]*>\\s*"
            + "<input type=\"hidden\" name=\"version\" value=\"([^\"]+)\"");
        Assert.True(form.Success, page);
        var action = System.Net.WebUtility.HtmlDecode(form.Groups[1].Value);
        var fields = new Dictionary<string, string> { ["version"] = form.Groups[2].Value, ["reason"] = "暂不申报" };

        var posted = await FipApp.PostFormAsync(browser, action, fields, url);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var shown = await browser.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Matches("data-testid=\"state\">已撤回", shown);
        Assert.Contains("暂不申报", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"withdraw-submit\"", shown, StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Withdrawn, app.Use(d => d.Set<PolicyApplication>().Single(x => x.Id == a.Id).State));
        // The same form again (its version is now stale) is refused with the message; nothing changes.
        var stale = await FipApp.PostFormAsync(browser, action, fields, url);
        var again = await browser.GetStringAsync(stale.Headers.Location!.OriginalString);
        Assert.Contains("该记录已被他人修改", again, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"application-state-{Id(a.Id)}\">已撤回", await browser.GetStringAsync("/Support/Applications"),
            StringComparison.Ordinal);
        Assert.Contains($"application-link-{Id(a.Id)}", await browser.GetStringAsync("/Support/Applications?state=Withdrawn"),
            StringComparison.Ordinal);

        // In English, the state in words.
        var en = app.BrowserClient();
        en.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await FipApp.SignInAsync(en, user.UserName!, FipApp.UserPassword);
        Assert.Contains("data-testid=\"state\">Withdrawn", await en.GetStringAsync(url), StringComparison.Ordinal);

        // The statistics page shows withdrawals in their own column.
        var leader = app.BrowserClient();
        leader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        await FipApp.SignInAsync(leader, (await app.CreateUserAsync(Roles.Leader)).UserName!, FipApp.UserPassword);
        var stats = await leader.GetStringAsync("/Support/Statistics");
        var row = Regex.Match(stats, "<th scope=\"row\">科技创新券</th>.*?data-testid=\"withdrawn\">(\\d+)</td>");
        Assert.True(row.Success, stats);
        Assert.True(int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) >= 1);
    }
}
