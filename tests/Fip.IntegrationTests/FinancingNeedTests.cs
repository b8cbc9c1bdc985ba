using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Finance;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>Issue 20, item 5: financing needs posted by enterprises, matched to funds and banks, their outcome and their alert.</summary>
public class FinancingNeedTests
{
    private const string Officer = "国家金融监管总局扬州监管分局";

    private static string Message(string key, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, JsonStringLocalizerFactory.Table("zh-CN")[key], args);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly Today => Display.Today(TimeProvider.System);

    /// <summary>An enterprise user with its enterprise (founded 2018, on the given track, in 邗江区), and its API client.</summary>
    private static async Task<(HttpClient Client, string Code, string Name)> EnterpriseAsync(FipApp app, string track = "低空经济")
    {
        var user = await app.CreateUserAsync(Roles.Enterprise);
        var code = user.EnterpriseUscc!;
        var name = "扬州融资需求测试有限公司" + code[^6..];
        await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = code, name, district = "邗江区", foundedOn = "2018-01-01", tracks = track }));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user));
        return (client, code, name);
    }

    private static async Task<(int Id, string Version)> PostNeedAsync(HttpClient enterprise, string code, DateOnly postedOn,
        string kind = "均可", string stage = "天使轮", string? track = "低空经济", string use = "扩产设备采购")
    {
        var response = await enterprise.PostAsJsonAsync("/api/v1/needs",
            new
            {
                name = use + Guid.NewGuid().ToString("N")[..4],
                enterprise = code,
                track,
                amount = "800",
                kind,
                stage,
                postedOn = Day(postedOn),
            });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetInt32(), body.GetProperty("version").GetString()!);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Enterprise_PostsANeed_AndSeesOnlyItsOwn(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (mine, code, _) = await EnterpriseAsync(app);
        var (other, otherCode, _) = await EnterpriseAsync(app);
        var (id, _) = await PostNeedAsync(mine, code, Today);

        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/v1/needs/{id}/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/Finance/Need/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/needs/{id}/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Finance/Need/{id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/needs/{id}")).StatusCode);
        var list = await other.GetFromJsonAsync<JsonElement>("/api/v1/needs?pageSize=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == id);
        // An enterprise posts for itself only.
        var forOther = await mine.PostAsJsonAsync("/api/v1/needs",
            new { name = "冒名需求", enterprise = otherCode, amount = "100", kind = "均可", stage = "天使轮", postedOn = Day(Today) });
        Assert.True(forOther.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity);
        // Nor does it record outcomes.
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.PostAsJsonAsync($"/api/v1/needs/{id}/outcome",
            new { status = "unmet", reason = "自行撤回" })).StatusCode);
    }

    /// <summary>kind, stage, whether the angel fund on the track matches, the industry fund, the any-track sub-fund, the bank.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DatabaseProvider, Lazy<FipApp>> MatchApps = new();

    public static TheoryData<DatabaseProvider, string, string, bool, bool, bool, bool> MatchCases()
    {
        var data = new TheoryData<DatabaseProvider, string, string, bool, bool, bool, bool>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "均可", "天使轮", true, false, true, true);
            data.Add(db, "股权融资", "种子轮", true, false, false, false);   // sub-funds start at angel; no loan wanted
            data.Add(db, "股权融资", "B轮", false, true, true, false);
            data.Add(db, "银行贷款", "天使轮", false, false, false, true);   // a loan only: no fund
            data.Add(db, "均可", "战略投资", false, true, false, true);
        }
        return data;
    }

    [Theory, MemberData(nameof(MatchCases))]
    public async Task Matches_FollowTrackAndStage_AndSayWhy(DatabaseProvider db, string kind, string stage, bool angel, bool industry,
        bool sub, bool bank)
    {
        // Its own database: banks are ranked by their loans on the track, which every other test's loans would move.
        var app = MatchApps.GetOrAdd(db, p => new Lazy<FipApp>(() => FipApp.Start(p))).Value;
        var (officer, _) = await app.ApiClientAsync(Roles.Department, Officer);
        var tag = Guid.NewGuid().ToString("N")[..6];
        async Task<string> Fund(string kindName, string? track)
        {
            var name = $"匹配测试{kindName}{tag}-{track ?? "不限"}";   // two angel funds differ by track
            var r = await officer.PostAsJsonAsync("/api/v1/funds", new { name, kind = kindName, track, commitment = "10000" });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            return name;
        }
        var angelFund = await Fund("天使基金", "低空经济");
        var industryFund = await Fund("产业基金", "低空经济");
        var subFund = await Fund("母基金子基金", null);
        var otherTrack = await Fund("天使基金", app.Use(d => d.Tracks.OrderBy(t => t.Id).Select(t => t.Name).First(n => n != "低空经济")));
        var (borrower, borrowerCode, _) = await EnterpriseAsync(app);
        var bankName = "匹配测试银行" + tag;
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/loans",
            new { enterprise = borrowerCode, kind = "首贷", bank = bankName, amount = "300", lentOn = "2024-04-01" })).StatusCode);
        // Banks are listed five at most, by their loans on the track: this case's bank gets more loans than all the earlier
        // cases' banks together, so it is sure of its place.
        var earlier = app.Use(d => d.Set<Fip.Web.Features.Finance.Loan>().Count());
        for (var i = 0; i < 4 + earlier; i++)
            Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/loans",
                new
                {
                    enterprise = borrowerCode,
                    kind = "信用贷",
                    bank = bankName,
                    amount = "100",
                    lentOn = new DateOnly(2024, 5, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                })).StatusCode);
        _ = borrower;

        var (enterprise, code, _) = await EnterpriseAsync(app);
        var (id, _) = await PostNeedAsync(enterprise, code, Today, kind, stage);
        var matches = await officer.GetFromJsonAsync<List<NeedMatchDto>>($"/api/v1/needs/{id}/matches");
        var names = matches!.Select(m => m.Name).ToHashSet();
        Assert.Equal(angel, names.Contains(angelFund));
        Assert.Equal(industry, names.Contains(industryFund));
        Assert.Equal(sub, names.Contains(subFund));
        Assert.DoesNotContain(otherTrack, names);
        Assert.Equal(bank, names.Contains(bankName));
        if (angel)
            Assert.Contains(Message("Finance.Match.SameTrack", "低空经济"), matches!.Single(m => m.Name == angelFund).Reasons);
        if (sub) Assert.Contains(Message("Finance.Match.AnyTrack"), matches!.Single(m => m.Name == subFund).Reasons);
        if (bank)
        {
            var reasons = matches!.Single(m => m.Name == bankName).Reasons;
            Assert.Contains(reasons, r => r.StartsWith("已向低空经济方向企业放贷", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r.StartsWith("本企业尚无银行贷款", StringComparison.Ordinal));
        }
        // Funds on the need's own track come before funds for any track.
        if (angel && sub)
            Assert.True(matches!.FindIndex(m => m.Name == angelFund) < matches.FindIndex(m => m.Name == subFund));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Officer_RecordsTheOutcome_OnceAndOnlyWithThisEnterprisesMoney(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (officer, _) = await app.ApiClientAsync(Roles.Department, Officer);
        var (otherDepartment, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var (enterprise, code, _) = await EnterpriseAsync(app);
        var (_, strangerCode, _) = await EnterpriseAsync(app);
        var (id, version) = await PostNeedAsync(enterprise, code, Today.AddDays(-10));
        async Task<int> LoanAsync(string enterpriseCode, string amount)
        {
            var r = await officer.PostAsJsonAsync("/api/v1/loans",
                new { enterprise = enterpriseCode, kind = "信用贷", bank = "江苏银行扬州分行", amount, lentOn = Day(Today) });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        var strangersLoan = await LoanAsync(strangerCode, "999");
        var loan = await LoanAsync(code, "600");

        Task<HttpResponseMessage> Outcome(HttpClient c, object body) => c.PostAsJsonAsync($"/api/v1/needs/{id}/outcome", body);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await Outcome(otherDepartment, new { status = "funded", loanId = loan, version })).StatusCode);
        var wrong = await Outcome(officer, new { status = "funded", loanId = strangersLoan, version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains(Message("Finance.OutcomeNotThisEnterprise"), await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await Outcome(officer, new { status = "funded", loanId = loan, investmentId = loan, version })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await Outcome(officer, new { status = "unmet", reason = " ", version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await Outcome(officer, new { status = "funded", loanId = loan, version = "stale" })).StatusCode);

        var ok = await Outcome(officer, new { status = "funded", loanId = loan, version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var dto = await ok.Content.ReadFromJsonAsync<NeedOutcomeDto>();
        Assert.Equal(("Funded", 600m, Today), (dto!.Status, dto.Amount!.Value, dto.On!.Value));
        var again = await Outcome(officer, new { status = "unmet", reason = "重复登记", version = dto.Version });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(Message("Finance.NeedDecided"), await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The enterprise sees the outcome on its need's page.
        var page = await enterprise.GetStringAsync($"/Finance/Need/{id}");
        Assert.Contains("data-testid=\"need-outcome\"", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task UnmetNeed_PastTheDeadline_RaisesOneAlertToTheFinanceOffice_ClearedByTheOutcome(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (officer, officerUser) = await app.ApiClientAsync(Roles.Department, Officer);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (enterprise, code, _) = await EnterpriseAsync(app);
        var days = FinancingNeedService.DefaultUnmetDays;
        var (late, lateVersion) = await PostNeedAsync(enterprise, code, Today.AddDays(-days));
        var (early, _) = await PostNeedAsync(enterprise, code, Today.AddDays(-days + 1));
        int Open(int needId) => app.Use(d => d.Alerts.Count(a => a.DedupKey == FinancingNeedService.AlertKey(needId)
            && a.Status != AlertStatus.Resolved));

        for (var run = 0; run < 2; run++)
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/alerts/evaluate", null)).StatusCode);
        Assert.Equal(1, Open(late));
        Assert.Equal(0, Open(early));
        var alert = app.Use(d => d.Alerts.AsNoTracking().Single(a => a.DedupKey == FinancingNeedService.AlertKey(late)));
        Assert.Equal(officerUser.DepartmentId, alert.OwnerDepartmentId);
        Assert.Equal($"/Finance/Need/{late}", alert.Link);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(alert.Link)).StatusCode);
        var needsPage = await officer.GetStringAsync("/Finance/Needs?overdue=true&q=" + Uri.EscapeDataString(code[^6..]));
        Assert.Contains($"/Finance/Need/{late}", needsPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/needs/{late}/outcome",
            new { status = "unmet", reason = "企业暂缓融资计划", version = lateVersion })).StatusCode);
        Assert.Equal(0, Open(late));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/alerts/evaluate", null)).StatusCode);
        Assert.Equal(0, Open(late));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task OfficerPage_ShowsTheMatches_AndRecordsTheOutcomeByItsForm_AndTheDashboardListsUnmetNeeds(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var officer = await app.CreateUserAsync(Roles.Department, Officer);
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, officer.UserName!, FipApp.UserPassword)).StatusCode);
        var (enterprise, code, name) = await EnterpriseAsync(app);
        var (id, version) = await PostNeedAsync(enterprise, code, Today.AddDays(-3));

        // The dashboard lists the 20 oldest open needs (the shared test database holds older ones from other tests) and links
        // to all of them.
        var dashboard = await browser.GetStringAsync("/Finance");
        Assert.Contains("data-testid=\"total-unmet-enterprises\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"/Finance/Needs\"", dashboard, StringComparison.Ordinal);
        // The needs page is paged: the enterprise's name finds its need.
        var all = await browser.GetStringAsync($"/Finance/Needs?q={Uri.EscapeDataString(name)}");
        Assert.Contains($"/Finance/Need/{id}", all, StringComparison.Ordinal);
        Assert.Contains(name, all, StringComparison.Ordinal);
        foreach (var link in new[] { "/Finance/Needs", "/Registries/needs", $"/Finance/Need/{id}" })
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        var page = await browser.GetStringAsync($"/Finance/Need/{id}");
        Assert.Contains("data-testid=\"need-matches\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"need-outcome-form\"", page, StringComparison.Ordinal);

        var posted = await FipApp.PostFormAsync(browser, $"/Finance/Need/{id}",
            new Dictionary<string, string> { ["status"] = "unmet", ["reason"] = "银行授信未通过", ["version"] = version });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(NeedStatus.ClosedUnmet, app.Use(d => d.Set<FinancingNeed>().Single(n => n.Id == id).Status));
        Assert.DoesNotContain($"/Finance/Need/{id}\"", await browser.GetStringAsync($"/Finance/Needs?q={Uri.EscapeDataString(name)}"),
            StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"need-outcome-form\"", await browser.GetStringAsync($"/Finance/Need/{id}"),
            StringComparison.Ordinal);
    }

    /// <summary>registry, the field the bad row gets wrong ("enterprise" unknown), its value, the refusal's key.</summary>
    public static TheoryData<DatabaseProvider, string, string, string, string> BadImportRows()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "demands", "enterprise", "unknown", "Import.UnknownEnterprise");
            data.Add(db, "demands", "headcount", "0", "Demand.Headcount");
            data.Add(db, "needs", "enterprise", "unknown", "Import.UnknownEnterprise");
            data.Add(db, "needs", "postedOn", "2017-12-31", "Finance.BeforeFounding");   // the enterprise was founded 2018-01-01
            data.Add(db, "needs", "amount", "0", "Finance.NeedAmount");
        }
        return data;
    }

    [Theory, MemberData(nameof(BadImportRows))]
    public async Task Imports_OfDemandsAndNeeds_RefuseABadRowWithTheRowNamed_AndKeepNothing(DatabaseProvider db, string registry,
        string field, string value, string refusal)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (_, code, name) = await EnterpriseAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var row = registry == "demands"
            ? new Dictionary<string, string>
            {
                ["name"] = "导入岗位" + tag,
                ["enterprise"] = code,
                ["headcount"] = "2",
                ["education"] = "本科",
                ["urgency"] = "紧急"
            }
            : new Dictionary<string, string>
            {
                ["name"] = "导入用途" + tag,
                ["enterprise"] = code,
                ["amount"] = "500",
                ["kind"] = "均可",
                ["stage"] = "天使轮",
                ["postedOn"] = "2025-06-01"
            };
        var unknown = RegistryTests.NewCreditCode();
        var bad = new Dictionary<string, string>(row) { [field] = value == "unknown" ? unknown : value };
        bad["name"] += "-2";
        var keys = row.Keys.ToList();
        var csv = RegistryTests.Csv(string.Join(",", keys.Select(k => Fip.Web.Features.Registries.Labels.Header($"Field.{registry}.{k}"))),
            string.Join(",", keys.Select(k => row[k])), string.Join(",", keys.Select(k => bad[k])));
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
        var (status, result) = await RegistryTests.Import(admin, registry, bytes, "rows.csv", commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Row);   // the header is row 1, the good row 2
        var expected = refusal switch
        {
            "Import.UnknownEnterprise" => Message(refusal, unknown),
            "Finance.BeforeFounding" => Message(refusal, name, "2018-01-01"),
            _ => Message(refusal),
        };
        Assert.Equal(expected, problem.Reason);
        Assert.Equal(0, app.Use(d => registry == "demands"
            ? d.Set<Fip.Web.Features.Demand.TalentDemand>().Count(x => x.Name.Contains(tag))
            : d.Set<FinancingNeed>().Count(x => x.Name.Contains(tag))));
    }
}
