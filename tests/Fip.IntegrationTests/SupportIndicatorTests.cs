using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Support;

namespace Fip.IntegrationTests;

/// <summary>
/// Issue 18 item 6: the support module's figures as goal indicators (申报件数, 获得支持企业数, 政策兑现金额) — which applications count
/// and by which day, measured through <c>GET /api/v1/indicators/{id}/value</c>, with the drill-down to the applications behind the
/// value, on both databases. Each case writes its applications in a window of days of its own (long ago), so other tests'
/// applications in the shared database never move its figure.
/// </summary>
public class SupportIndicatorTests
{
    private static int _window;

    private static DateOnly NewWindow() => new DateOnly(1950, 1, 1).AddDays(40 * Interlocked.Increment(ref _window));

    /// <summary>An application of a case: its state, enterprise (0, 1: two enterprises of the case), the days of submission,
    /// decision and payment from the window's first day (null: none), and its approved and paid amounts.</summary>
    public sealed record Row(ApplicationState State, int Enterprise, int Submitted, int? Decided, int? Paid, decimal? Approved,
        decimal? PaidAmount);

    private static Row Submitted(int e = 0) => new(ApplicationState.Submitted, e, 1, null, null, null, null);
    private static Row Returned(int e = 0) => new(ApplicationState.Returned, e, 1, 3, null, null, null);
    private static Row Refused(int e = 0) => new(ApplicationState.Refused, e, 1, 3, null, null, null);
    private static Row Approved(int e = 0, int decided = 3, decimal amount = 20m) =>
        new(ApplicationState.Approved, e, 1, decided, null, amount, null);
    private static Row Paid(int e = 0, int paid = 10, decimal amount = 20m, int decided = 3) =>
        new(ApplicationState.Paid, e, 1, decided, paid, amount, amount);

    /// <summary>What officials argue about: the source, the states an applications count names (null: the source's own), the
    /// measure (null: a count), the applications, and the figure expected for the window's 30 days.</summary>
    public static TheoryData<DatabaseProvider, string, string?, string?, Row[], decimal> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string, string?, string?, Row[], decimal>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            // 政策兑现金额: paid money only, dated by the voucher's day.
            data.Add(db, "support-payments", null, "paidAmount", [Paid(), Paid(1, amount: 5.5m)], 25.5m);
            data.Add(db, "support-payments", null, "paidAmount", [Approved(), Submitted(), Returned(), Refused()], 0m);
            data.Add(db, "support-payments", null, "paidAmount", [Paid(paid: 400)], 0m);       // paid the next year: not in this period
            data.Add(db, "support-payments", null, "paidAmount", [Paid(paid: 29), Paid(paid: 30)], 20m); // last day in, next out
            data.Add(db, "support-payments", null, null, [Paid(), Paid(), Approved()], 2m);   // payments counted
            // 获得支持企业数: approved or paid, each enterprise once, dated by the decision.
            data.Add(db, "support-approvals", null, "enterprises", [Approved(), Paid()], 1m);  // approved twice: one enterprise
            data.Add(db, "support-approvals", null, "enterprises", [Approved(), Approved(1)], 2m);
            data.Add(db, "support-approvals", null, "enterprises", [Returned(), Refused(), Submitted()], 0m);
            data.Add(db, "support-approvals", null, "enterprises", [Approved(decided: -5)], 0m); // approved before the period
            data.Add(db, "support-approvals", null, "approvedAmount", [Approved(amount: 10), Paid(1, amount: 30), Refused()], 40m);
            // 申报件数: the states the indicator names, dated by the submission.
            data.Add(db, "support-applications", "Submitted,Approved,Paid", null,
                [Submitted(), Approved(), Paid(), Returned(), Refused()], 3m);
            data.Add(db, "support-applications", "Returned", null, [Submitted(), Returned(), Returned(1)], 2m);
            data.Add(db, "support-applications", "Refused", null, [Refused(), Approved()], 1m);
        }
        return data;
    }

    /// <summary>Writes the case's applications for two new enterprises in 邗江区 and 仪征市; returns their ids.</summary>
    private static async Task<List<int>> WriteAsync(FipApp app, DateOnly from, Row[] rows)
    {
        int[] enterprises = [await SupportSamples.NewEnterpriseAsync(app), await SupportSamples.NewEnterpriseAsync(app, "仪征市")];
        DateTime At(int day) => from.AddDays(day).ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc); // noon in Yangzhou
        return app.Use(d =>
        {
            var policy = d.Set<SupportPolicy>().Single(p => p.Code == SupportSeeder.Voucher).Id;
            var written = rows.Select(r => new PolicyApplication
            {
                PolicyId = policy,
                EnterpriseId = enterprises[r.Enterprise],
                State = r.State,
                SubmittedAt = At(r.Submitted),
                DecidedAt = r.Decided is { } dd ? At(dd) : null,
                PaidAt = r.Paid is { } pd ? At(pd) : null,
                PaidOn = r.Paid is { } po ? from.AddDays(po) : null,
                ApprovedAmount = r.Approved,
                PaidAmount = r.PaidAmount,
            }).ToList();
            d.AddRange(written);
            d.Save();
            return written.Select(a => a.Id).ToList();
        });
    }

    private static async Task<IndicatorDefinition> IndicatorAsync(FipApp app, string source, IndicatorCriteria criteria) =>
        await app.WithAsync<FipDbContext, IndicatorDefinition>(async db =>
        {
            var def = new IndicatorDefinition
            {
                Code = "test-support-" + Guid.NewGuid().ToString("N")[..10],
                Name = "测试扶持指标",
                Registry = source,
                Criteria = criteria.ToJson(),
                UpdatedAt = DateTime.UtcNow,
            };
            db.Indicators.Add(def);
            await db.SaveChangesAsync();
            return def;
        });

    private static async Task<HttpClient> BrowserAsync(FipApp app)
    {
        var user = await app.CreateUserAsync(Roles.Admin);
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    private static Dictionary<string, string[]> Policy(string code) => new() { ["policy"] = [code] };

    private static IndicatorCriteria Criteria(string source, string? states, string? measure, DateOnly from) => new()
    {
        AnyOf = [states is null
            ? new Dictionary<string, string[]> { ["policy"] = [IndicatorCriteria.AnyValue] }
            : new Dictionary<string, string[]> { ["state"] = states.Split(',') }],
        Measure = measure,
        From = from,
        To = from.AddDays(29),
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task SupportIndicator_CountsTheApplicationsItsDefinitionNames(DatabaseProvider db, string source, string? states,
        string? measure, Row[] rows, decimal expected)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var from = NewWindow();
        var ids = await WriteAsync(app, from, rows);
        var def = await IndicatorAsync(app, source, Criteria(source, states, measure, from));

        var value = (await admin.GetFromJsonAsync<IndicatorValueView>($"/api/v1/indicators/{def.Id}/value", Json.Options))!;
        Assert.Equal(expected, value.Value);
        Assert.Equal(source, value.Registry);
        Assert.Equal(measure switch { null => "件", "enterprises" => "家", _ => "万元" }, value.Unit);

        // The drill-down lists exactly the applications behind the value.
        var html = await (await BrowserAsync(app)).GetStringAsync(IndicatorSources.RecordsUrl(def));
        var listed = ids.Where(id => html.Contains($"data-testid=\"application-link-{id}\"", StringComparison.Ordinal)).Count();
        Assert.Equal(value.Records, listed);
        Assert.Contains("data-testid=\"indicator-filter\"", html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SupportIndicator_IsNarrowedByDistrict_AndItsDrillDownToo(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var from = NewWindow();
        var ids = await WriteAsync(app, from, [Paid(0, amount: 7m), Paid(1, amount: 11m)]);
        var def = await IndicatorAsync(app, "support-payments", Criteria("support-payments", null, "paidAmount", from));
        var yizheng = app.Use(d => d.Districts.Single(x => x.Name == "仪征市").Id);

        var city = (await admin.GetFromJsonAsync<IndicatorValueView>($"/api/v1/indicators/{def.Id}/value", Json.Options))!;
        var district = (await admin.GetFromJsonAsync<IndicatorValueView>(
            $"/api/v1/indicators/{def.Id}/value?district={yizheng}", Json.Options))!;
        Assert.Equal(18m, city.Value);
        Assert.Equal(11m, district.Value);
        var html = await (await BrowserAsync(app)).GetStringAsync(
            IndicatorSources.RecordsUrl(def, "&district=" + yizheng.ToString(CultureInfo.InvariantCulture)));
        Assert.DoesNotContain($"application-link-{ids[0]}\"", html, StringComparison.Ordinal);
        Assert.Contains($"application-link-{ids[1]}\"", html, StringComparison.Ordinal);
        // Its "show all" link leads to the whole list; an indicator that is not over applications has no drill-down here.
        var browser = await BrowserAsync(app);
        var all = await browser.GetStringAsync("/Support/Applications");
        Assert.Contains("data-testid=\"application-table\"", all, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"indicator-filter\"", all, StringComparison.Ordinal);
        var registryIndicator = app.Use(d => d.Indicators.First(i => i.Registry == "enterprises").Code);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Support/Applications?indicator={registryIndicator}")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task GoalsPage_ShowsTheSupportIndicator_WithItsDefinition_AndItsRecordsLinkLeadsToTheApplications(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var from = NewWindow();
        var ids = await WriteAsync(app, from, [Paid(amount: 12m)]);
        var def = await IndicatorAsync(app, "support-payments", Criteria("support-payments", null, "paidAmount", from));
        var browser = await BrowserAsync(app);

        var html = await browser.GetStringAsync("/Goals");
        var start = html.IndexOf($"data-code=\"{def.Code}\"", StringComparison.Ordinal);
        Assert.True(start > 0, "the indicator's card is on the goals page");
        var end = html.IndexOf("data-testid=\"indicator-card\"", start, StringComparison.Ordinal);
        var card = html[start..(end > 0 ? end : html.Length)];
        Assert.Contains("data-testid=\"indicator-value\">12<", card, StringComparison.Ordinal);
        Assert.Contains("只计已兑现的申报", card, StringComparison.Ordinal); // the stated definition
        var link = System.Text.RegularExpressions.Regex.Match(card, "href=\"([^\"]+)\" data-testid=\"indicator-records\"").Groups[1].Value;
        Assert.Equal(IndicatorSources.RecordsUrl(def), System.Net.WebUtility.HtmlDecode(link));
        var records = await browser.GetStringAsync(System.Net.WebUtility.HtmlDecode(link));
        Assert.Contains($"application-link-{ids[0]}\"", records, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Editor_OffersTheSupportSources_AndRefusesAnUnknownPolicy(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var def = await IndicatorAsync(app, "support-payments", Criteria("support-payments", null, "paidAmount", NewWindow()));
        var browser = await BrowserAsync(app);

        var page = await browser.GetStringAsync($"/Goals/Edit/{def.Id}?source=support-approvals");
        Assert.Contains("value=\"support-payments\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"enterprises\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{SupportSeeder.Voucher}\"", page, StringComparison.Ordinal); // the policies are choices

        var body = new
        {
            name = "获得支持企业数",
            criteria = new { anyOf = new[] { Policy("no-such-policy") }, measure = "enterprises" },
            version = def.Version,
            registry = "support-approvals",
        };
        var refused = await admin.PutAsJsonAsync($"/api/v1/indicators/{def.Id}", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("no-such-policy", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ok = await admin.PutAsJsonAsync($"/api/v1/indicators/{def.Id}", body with
        {
            criteria = new { anyOf = new[] { Policy(SupportSeeder.Voucher) }, measure = "enterprises" },
        });
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        var saved = app.Use(d => d.Indicators.Single(i => i.Id == def.Id));
        Assert.Equal("support-approvals", saved.Registry);
        Assert.Equal(2, saved.Revision);
    }
}
