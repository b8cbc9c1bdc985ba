using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Finance;
using Fip.Web.Infrastructure;

namespace Fip.IntegrationTests;

/// <summary>Issue 20: funds, investments and loans, their rules across records, their imports, and the finance dashboard.</summary>
public partial class FinanceTests
{
    private const string Officer = "国家金融监管总局扬州监管分局";

    private static string Message(string key, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, JsonStringLocalizerFactory.Table("zh-CN")[key], args);

    /// <summary>A new enterprise founded on the given date (none when null): credit code and name.</summary>
    private static async Task<(string Code, string Name)> EnterpriseAsync(HttpClient admin, string? foundedOn, string district = "邗江区",
        string tracks = "低空经济")
    {
        var code = RegistryTests.NewCreditCode();
        var name = "扬州融资测试有限公司" + code[^6..];
        var response = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = code, name, district, foundedOn, tracks });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (code, name);
    }

    private static async Task<string> FundAsync(HttpClient client, string kind = "天使基金")
    {
        var name = "扬州测试基金" + Guid.NewGuid().ToString("N")[..6];
        var response = await client.PostAsJsonAsync("/api/v1/funds", new { name, kind, commitment = "10000" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return name;
    }

    /// <summary>founded, kind, lent on, rate, the refusal's key (null: stored).</summary>
    public static TheoryData<DatabaseProvider, string?, string, string, string?, string?> LoanCases()
    {
        var data = new TheoryData<DatabaseProvider, string?, string, string, string?, string?>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "2020-05-01", "首贷", "2020-04-30", null, "Finance.BeforeFounding");  // the day before founding
            data.Add(db, "2020-05-01", "首贷", "2020-05-01", null, null);                       // the founding day itself
            data.Add(db, null, "信用贷", "1999-01-01", null, null);                              // no founding date: nothing to compare
            data.Add(db, "2020-05-01", "知识产权质押融资", "2024-01-01", "3.45", null);
            data.Add(db, "2020-05-01", "信用贷", "2024-01-01", "120", "Finance.RateTooHigh");    // a rate is a percentage
        }
        return data;
    }

    [Theory, MemberData(nameof(LoanCases))]
    public async Task Loan_DatedBeforeItsEnterpriseWasFounded_IsRefused(DatabaseProvider db, string? founded, string kind, string lentOn,
        string? rate, string? refusal)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (code, name) = await EnterpriseAsync(admin, founded);
        var response = await admin.PostAsJsonAsync("/api/v1/loans",
            new { enterprise = code, kind, bank = "江苏银行扬州分行", amount = "300", rate, lentOn });
        if (refusal is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var expected = refusal == "Finance.BeforeFounding" ? Message(refusal, name, founded!) : Message(refusal);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task FirstLoan_IsOnePerEnterprise_AndTheSameLoanReimportedIsNotASecond(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (code, name) = await EnterpriseAsync(admin, "2021-01-01");
        var csv = RegistryTests.Csv("借款企业,贷款类型,贷款银行,贷款金额（万元）,放款日期", $"{code},首贷,江苏银行扬州分行,200,2024-03-01");
        var (status, result) = await RegistryTests.Import(admin, "loans", Encoding.UTF8.GetBytes(csv), "l.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, result.Added);
        (status, result) = await RegistryTests.Import(admin, "loans", Encoding.UTF8.GetBytes(csv), "l.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, result.Unchanged);
        var second = await admin.PostAsJsonAsync("/api/v1/loans",
            new { enterprise = code, kind = "首贷", bank = "扬州农商行", amount = "100", lentOn = "2024-09-01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains(Message("Finance.SecondFirstLoan", name), await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Imports_RefuseAnUnknownEnterpriseOrFundOrALoanBeforeFounding_WithTheRowNamed_AndKeepNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var fund = await FundAsync(admin);
        var (code, name) = await EnterpriseAsync(admin, "2022-06-01");
        var unknown = RegistryTests.NewCreditCode();
        var investments = RegistryTests.Csv("基金,被投企业,轮次,投资额（万元）,投资日期",
            $"{fund},{code},天使轮,500,2023-01-01",
            $"{fund},{unknown},A轮,800,2023-02-01",
            $"不存在的基金,{code},B轮,800,2023-03-01",
            $"{fund},{code},A轮,800,2022-05-31");
        var (status, result) = await RegistryTests.Import(admin, "investments", Encoding.UTF8.GetBytes(investments), "i.csv", commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([3, 4, 5], result.Problems.Select(p => p.Row).Order().ToArray());
        Assert.Equal(Message("Import.UnknownEnterprise", unknown), result.Problems.Single(p => p.Row == 3).Reason);
        Assert.Equal(Message("Finance.UnknownFund", "不存在的基金"), result.Problems.Single(p => p.Row == 4).Reason);
        Assert.Equal(Message("Finance.BeforeFounding", name, "2022-06-01"), result.Problems.Single(p => p.Row == 5).Reason);
        Assert.Equal(0, app.Use(d => d.Set<Investment>().Count(i => i.FundName == fund)));

        var loans = RegistryTests.Csv("借款企业,贷款类型,贷款银行,贷款金额（万元）,放款日期",
            $"{code},信用贷,江苏银行扬州分行,100,2023-01-01", $"{code},信用贷,江苏银行扬州分行,100,2022-01-01");
        (status, result) = await RegistryTests.Import(admin, "loans", Encoding.UTF8.GetBytes(loans), "l.csv", commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(3, Assert.Single(result.Problems).Row);
        Assert.Equal(0, app.Use(d => d.Set<Loan>().Count(l => l.Enterprise!.CreditCode == code)));
    }

    [GeneratedRegex("""data-testid="(total-[a-z-]+)"[^>]*>([0-9,.]+)<""")]
    private static partial Regex Total();

    private static async Task<Dictionary<string, decimal>> TotalsAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/Finance");
        return Total().Matches(html).ToDictionary(m => m.Groups[1].Value,
            m => decimal.Parse(m.Groups[2].Value.Replace(",", "", StringComparison.Ordinal),
                System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task FinanceOfficer_RecordsAnInvestmentAndAFirstLoan_AndTheDashboardMoves(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (officer, _) = await app.ApiClientAsync(Roles.Department, Officer);
        var (other, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var (code, _) = await EnterpriseAsync(admin, "2019-01-01");
        var fund = await FundAsync(officer);
        var before = await TotalsAsync(officer);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/investments",
            new { fund, enterprise = code, round = "天使轮", amount = "500", investedOn = "2025-03-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/investments",
            new { fund, enterprise = code, round = "天使轮", amount = "500", investedOn = "2025-03-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/loans",
            new { enterprise = code, kind = "首贷", bank = "江苏银行扬州分行", amount = "300", lentOn = "2025-04-01" })).StatusCode);

        var after = await TotalsAsync(officer);
        Assert.Equal(before["total-investment"] + 500, after["total-investment"]);
        Assert.Equal(before["total-angel"] + 500, after["total-angel"]);
        Assert.Equal(before["total-loan"] + 300, after["total-loan"]);
        Assert.Equal(before["total-first-loans"] + 1, after["total-first-loans"]);
        // Every department reads the dashboard; enterprise users do not.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/Finance")).StatusCode);
        var (enterprise, _) = await app.ApiClientAsync(Roles.Enterprise);
        Assert.NotEqual(HttpStatusCode.OK, (await enterprise.GetAsync("/Finance")).StatusCode);
        // The links of the page lead somewhere.
        foreach (var link in new[]
                 { "/Registries/funds", "/Registries/investments", "/Registries/loans", "/Registries/loans?kind=FirstLoan" })
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(link)).StatusCode);
    }
}
