using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Finance;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

public sealed record IndicatorValueView(int Id, string Code, string Registry, string? Measure, string Unit, decimal? Value, bool NoData,
    int Records);

/// <summary>
/// Issues 18 and 20: indicators that sum or average a field of the finance registries (天使基金投资额, loan amounts, rates) —
/// which records count, 无数据 for an average of nothing, the definition page and the drill-down — through HTTP on both databases.
/// Each case measures its own window of days, so other tests' records in the shared database do not move its figure.
/// </summary>
public class SumIndicatorTests
{
    private static int _window;

    /// <summary>A period of 30 days no other case or test uses (other tests date investments and loans this century).</summary>
    private static DateOnly NewWindow() => new DateOnly(1900, 1, 1).AddDays(40 * Interlocked.Increment(ref _window));

    private static async Task<int> IndicatorAsync(FipApp app, string registry, IndicatorCriteria criteria) =>
        await app.WithAsync<FipDbContext, int>(async db =>
        {
            var def = new IndicatorDefinition
            {
                Code = "test-sum-" + Guid.NewGuid().ToString("N")[..10],
                Name = "测试合计指标",
                Registry = registry,
                Criteria = criteria.ToJson(),
                UpdatedAt = DateTime.UtcNow,
            };
            db.Indicators.Add(def);
            await db.SaveChangesAsync();
            return def.Id;
        });

    private static async Task<IndicatorValueView> ValueAsync(HttpClient client, int id, string query = "") =>
        (await client.GetFromJsonAsync<IndicatorValueView>($"/api/v1/indicators/{id}/value{query}", Json.Options))!;

    private static async Task<string> EnterpriseAsync(HttpClient admin, string district = "邗江区")
    {
        var code = RegistryTests.NewCreditCode();
        var response = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = code, name = "扬州合计测试有限公司" + code[^6..], district, tracks = "低空经济" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return code;
    }

    private static async Task<string> FundAsync(HttpClient client, string kind)
    {
        var name = "扬州合计测试基金" + Guid.NewGuid().ToString("N")[..6];
        var response = await client.PostAsJsonAsync("/api/v1/funds", new { name, kind, commitment = "10000" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return name;
    }

    private static Task<int> DistrictIdAsync(FipApp app, string name) =>
        Task.FromResult(app.Use(d => d.Districts.Single(x => x.Name == name).Id));

    /// <summary>What officials argue about: fund kind, day relative to the period, then what happens to the investment or its
    /// enterprise, the district measured (null: the city) and the 天使基金投资额 expected.</summary>
    public static TheoryData<DatabaseProvider, string, int, string, string?, decimal> InvestmentCases()
    {
        var data = new TheoryData<DatabaseProvider, string, int, string, string?, decimal>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "天使基金", 10, "none", null, 500m);        // inside the period
            data.Add(db, "天使基金", 0, "none", null, 500m);         // the first day counts
            data.Add(db, "天使基金", 29, "none", null, 500m);        // the last day counts
            data.Add(db, "天使基金", -1, "none", null, 0m);          // the day before the period
            data.Add(db, "天使基金", 30, "none", null, 0m);          // the day after
            data.Add(db, "产业基金", 10, "none", null, 0m);          // another kind of fund
            data.Add(db, "天使基金", 10, "delete", null, 0m);        // deleted: no longer counts
            data.Add(db, "天使基金", 10, "correct", null, 450.5m);   // corrected: the new amount, not both
            data.Add(db, "天使基金", 10, "move", "仪征市", 500m);     // enterprise moved: counts where it is now
            data.Add(db, "天使基金", 10, "move", "邗江区", 0m);       // … and no longer where it was
        }
        return data;
    }

    [Theory, MemberData(nameof(InvestmentCases))]
    public async Task AngelInvestmentAmount_CountsTheRightInvestments(DatabaseProvider db, string fundKind, int day, string then,
        string? district, decimal expected)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var from = NewWindow();
        var id = await IndicatorAsync(app, "investments", new IndicatorCriteria
        {
            AnyOf = [new Dictionary<string, string[]> { ["kind"] = [nameof(FundKind.Angel)] }],
            Measure = "amount",
            From = from,
            To = from.AddDays(29),
        });
        var code = await EnterpriseAsync(admin);
        var fund = await FundAsync(admin, fundKind);
        var post = await admin.PostAsJsonAsync("/api/v1/investments", new
        {
            fund,
            enterprise = code,
            round = "天使轮",
            amount = "500",
            investedOn = from.AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        await app.WithAsync<FipDbContext, int>(async d =>
        {
            var investment = await d.Set<Investment>().Include(i => i.Enterprise).SingleAsync(i => i.Enterprise!.CreditCode == code);
            switch (then)
            {
                case "delete": investment.IsDeleted = true; break;
                case "correct": investment.Amount = 450.5m; break;
                case "move":
                    investment.Enterprise!.DistrictId = await d.Districts.Where(x => x.Name == "仪征市").Select(x => x.Id).SingleAsync();
                    break;
            }
            return await d.SaveChangesAsync();
        });

        var query = district is null ? "" : "?district=" + await DistrictIdAsync(app, district);
        var value = await ValueAsync(admin, id, query);
        Assert.Equal(expected, value.Value);
        Assert.Equal("万元", value.Unit);
        Assert.Equal(expected == 0 ? 0 : 1, value.Records);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AverageRate_ShowsNoData_UntilALoanHasARate_ThenRoundsTheMean(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var from = NewWindow();
        var id = await IndicatorAsync(app, "loans", new IndicatorCriteria
        {
            AnyOf = [new Dictionary<string, string[]> { ["kind"] = [nameof(LoanKind.IpPledge)] }],
            Measure = "rate",
            From = from,
            To = from.AddDays(29),
        });
        var nothing = await ValueAsync(admin, id);
        Assert.True(nothing.NoData);
        Assert.Null(nothing.Value);

        var code = await EnterpriseAsync(admin);
        async Task LoanAsync(string? rate, int day) => Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/loans",
            new
            {
                enterprise = code,
                kind = "知识产权质押融资",
                bank = "江苏银行扬州分行",
                amount = "100",
                rate,
                lentOn = from.AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            })).StatusCode);
        await LoanAsync(null, 1);
        var noRate = await ValueAsync(admin, id);
        Assert.True(noRate.NoData); // a loan without a rate is no value to average, not a 0
        Assert.Equal(1, noRate.Records);

        // The page shows 无数据, not 0, for a monitored indicator without values.
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, (await app.CreateUserAsync(Roles.Admin)).UserName!, FipApp.UserPassword);
        var html = await browser.GetStringAsync("/Goals");
        var start = html.LastIndexOf("data-testid=\"indicator-card\"", html.IndexOf($"/Goals/Edit/{id}\"", StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.Contains("data-testid=\"indicator-value\">无数据<", html[start..], StringComparison.Ordinal);

        await LoanAsync("3.45", 2);
        await LoanAsync("3.5", 3);
        var mean = await ValueAsync(admin, id);
        Assert.False(mean.NoData);
        Assert.Equal(3.475m, mean.Value);
        Assert.Equal("%", mean.Unit);
        Assert.Equal(3, mean.Records);
        html = await browser.GetStringAsync("/Goals");
        start = html.LastIndexOf("data-testid=\"indicator-card\"", html.IndexOf($"/Goals/Edit/{id}\"", StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.Contains("data-testid=\"indicator-value\">3.48<", html[start..], StringComparison.Ordinal); // halves away from zero
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SumCard_DrillsDownToTheRecordsBehindIt_OnlyThoseInThePeriod(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var from = NewWindow();
        var id = await IndicatorAsync(app, "investments", new IndicatorCriteria
        {
            AnyOf = [new Dictionary<string, string[]> { ["kind"] = [nameof(FundKind.Angel)] }],
            Measure = "amount",
            From = from,
            To = from.AddDays(29),
        });
        var inside = await EnterpriseAsync(admin);
        var outside = await EnterpriseAsync(admin);
        var fund = await FundAsync(admin, "天使基金");
        foreach (var (enterprise, day, amount) in new[] { (inside, 5, "120.25"), (inside, 6, "79.75"), (outside, 40, "999") })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/investments", new
            {
                fund,
                enterprise,
                round = "天使轮",
                amount,
                investedOn = from.AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            })).StatusCode);
        Assert.Equal(200m, (await ValueAsync(admin, id)).Value);

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, (await app.CreateUserAsync(Roles.Admin)).UserName!, FipApp.UserPassword);
        var goals = await browser.GetStringAsync("/Goals");
        var code = app.Use(d => d.Indicators.Single(i => i.Id == id).Code);
        var link = $"/Registries/investments?indicator={code}";
        Assert.Contains(link, goals, StringComparison.Ordinal);
        Assert.Contains("查看背后的 2 条记录", goals, StringComparison.Ordinal);
        var list = await browser.GetStringAsync(link);
        Assert.Contains("data-testid=\"counted-by\"", list, StringComparison.Ordinal);
        Assert.Contains("扬州合计测试有限公司" + inside[^6..], list, StringComparison.Ordinal);
        Assert.DoesNotContain("扬州合计测试有限公司" + outside[^6..], list, StringComparison.Ordinal);
        var api = await admin.GetFromJsonAsync<RecordPage>($"/api/v1/investments?indicator={code}", Json.Options);
        Assert.Equal(2, api!.Total);
    }

    /// <summary>A change on the definition page: source, measure, period, pipeline and the message expected (null: saved).</summary>
    public static TheoryData<DatabaseProvider, string, string, string, string, bool, string?> DefinitionCases()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string, string, bool, string?>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "investments", "amount", "2025-01-01", "2027-12-31", false, null);
            data.Add(db, "loans", "rate", "", "", false, null);
            data.Add(db, "investments", "rate", "", "", false, "该数据来源没有统计字段“rate”。");         // a loan field on investments
            data.Add(db, "investments", "amount", "2027-01-01", "2025-12-31", false, "起始日期不能晚于截止日期。");
            data.Add(db, "enterprises", "", "2025-01-01", "", false, "该数据来源的记录没有日期，不能按期间统计。");
            data.Add(db, "loans", "rate", "", "", true, "求平均值（年利率）的指标不能设储备条件。");
            data.Add(db, "nowhere", "", "", "", false, "没有名为“nowhere”的数据来源。");
        }
        return data;
    }

    [Theory, MemberData(nameof(DefinitionCases))]
    public async Task DefinitionPage_PicksSourceAndMeasure_AndRefusesInvalidCombinations(DatabaseProvider db, string source,
        string measure, string from, string to, bool pipeline, string? message)
    {
        var app = FipApp.For(db);
        var id = await IndicatorAsync(app, "enterprises", new IndicatorCriteria
        {
            AnyOf = [new Dictionary<string, string[]> { ["qualification"] = ["Unicorn"] }],
        });
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, (await app.CreateUserAsync(Roles.Admin)).UserName!, FipApp.UserPassword);
        var page = await browser.GetStringAsync($"/Goals/Edit/{id}?source={source}");
        if (source == "loans") Assert.Contains("平均：年利率（%）", page, StringComparison.Ordinal);
        var version = System.Text.RegularExpressions.Regex.Match(page, "id=\"Version\" name=\"Version\" value=\"([^\"]+)\"")
            .Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "测试合计指标",
            ["Version"] = version,
            ["Source"] = source,
            ["Measure"] = measure,
            ["From"] = from,
            ["To"] = to,
            ["PipelinePercent"] = "50",
            [source switch { "loans" => "c0.kind", "investments" => "c0.kind", _ => "c0.qualification" }] =
                source switch { "loans" => "IpPledge", "investments" => "Angel", _ => "Unicorn" },
        };
        if (pipeline) fields["p0.kind"] = "Credit";
        var response = await FipApp.PostFormAsync(browser, $"/Goals/Edit/{id}", fields);
        var saved = app.Use(d => d.Indicators.AsNoTracking().Single(i => i.Id == id));
        if (message is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(source, saved.Registry);
            Assert.Equal(2, saved.Revision);
            var criteria = IndicatorCriteria.Parse(saved.Criteria);
            Assert.Equal(measure, criteria.Measure);
            Assert.Equal(from.Length == 0 ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), criteria.From);
            // Audited like every change of a definition.
            Assert.True(app.Use(d => d.AuditEntries.Any(a => a.EntityType == nameof(IndicatorDefinition)
                && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Update")));
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(System.Net.WebUtility.HtmlEncode(message), html, StringComparison.Ordinal);
            Assert.Equal("enterprises", saved.Registry);
            Assert.Equal(1, saved.Revision);
        }
    }
}
