using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>Issue 15 item 12, the forms: qualifications ticked from a list with their year, the district dropdown limited to the
/// user's scope, phone numbers checked with a clear message, the favicon in every layout, and the forced password change shown
/// without the navigation.</summary>
public class FormTests
{
    private static async Task<HttpClient> BrowserAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Qualifications_AreTickedFromAListWithTheirYear_AndShownTickedWhenEditedAgain(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        var browser = await BrowserAsync(app, user);
        var code = RegistryTests.NewCreditCode();
        var form = await browser.GetStringAsync("/Registries/enterprises/Edit");
        Assert.Contains("data-testid=\"qualifications-picker\"", form, StringComparison.Ordinal);
        foreach (var kind in Enum.GetNames<QualificationKind>())
            Assert.Contains($"name=\"q.qualifications.{kind}\"", form, StringComparison.Ordinal);

        var saved = await PostEnterpriseAsync(browser, code, ("q.qualifications", "HighTech"), ("q.qualifications.HighTech", "2023"),
            ("q.qualifications", "TechSme"), ("q.qualifications.TechSme", ""), ("q.qualifications.Gazelle", "2020"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var held = app.Use(d => d.Enterprises.Include(e => e.Qualifications).Single(e => e.CreditCode == code).Qualifications
            .OrderBy(q => q.Kind).Select(q => $"{q.Kind}:{q.Year}").ToList());
        Assert.Equal(["HighTech:2023", "TechSme:"], held);   // a year typed without its tick is not a qualification
        var again = await browser.GetStringAsync(saved.Headers.Location!.OriginalString.Replace("/enterprises/", "/enterprises/Edit/",
            StringComparison.Ordinal));
        Assert.Matches("name=\"q.qualifications\" value=\"HighTech\" checked=\"checked\"", again);
        Assert.Contains("name=\"q.qualifications.HighTech\" value=\"2023\"", again, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023", null)]
    [InlineData("1979", "认定年份")]      // before the parser's first year
    [InlineData("二〇二三", "认定年份")]  // not a number
    public async Task QualificationYear_IsChecked(string year, string? message)
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var browser = await BrowserAsync(app, await app.CreateUserAsync(Roles.District));

        var saved = await PostEnterpriseAsync(browser, RegistryTests.NewCreditCode(), ("q.qualifications", "HighTech"),
            ("q.qualifications.HighTech", year));

        if (message is null) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
            Assert.Contains("data-testid=\"error-qualifications\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> PostEnterpriseAsync(HttpClient browser, string code,
        params (string Key, string Value)[] extra)
    {
        var page = await browser.GetStringAsync("/Registries/enterprises/Edit");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", FipApp.AntiforgeryToken(page)), new("v.creditCode", code),
            new("v.name", "表单测试企业" + code[^6..]), new("v.district", "邗江区"), new("q.qualifications", ""),
        };
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return await browser.PostAsync("/Registries/enterprises/Edit", new FormUrlEncodedContent(fields));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DistrictDropdown_ListsOnlyTheDistrictsTheUserMayChoose(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var district = await BrowserAsync(app, await app.CreateUserAsync(Roles.District, district: "江都区"));
        var admin = await BrowserAsync(app, await app.CreateUserAsync(Roles.Admin));
        var districts = app.Use(d => d.Districts.Count());

        foreach (var url in new[] { "/Registries/enterprises/Edit", "/Registries/parks/Edit" })
        {
            var own = await district.GetStringAsync(url);
            Assert.Contains("<option value=\"江都区\">江都区</option>", own, StringComparison.Ordinal);
            Assert.DoesNotContain("<option value=\"邗江区\"", own, StringComparison.Ordinal);
            var all = await admin.GetStringAsync(url);
            Assert.Equal(districts, System.Text.RegularExpressions.Regex.Matches(all.Split("id=\"v-district\"")[1].Split("</select>")[0],
                "<option value=\"[^\"]+\"").Count);
        }
        var need = await district.GetStringAsync("/Scenarios/New?kind=need");
        var select = need.Split("data-testid=\"in-districtId\">")[1].Split("</select>")[0];
        Assert.Contains(">江都区</option>", select, StringComparison.Ordinal);
        Assert.DoesNotContain(">邗江区</option>", select, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("0514-87654321", true)]
    [InlineData("0514-87654321转802", true)]
    [InlineData("87654321", false)]
    [InlineData("1381234567", false)]
    public async Task EnterprisePhone_IsChecked_WithAClearMessage(string phone, bool valid)
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var (client, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();

        var response = await client.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode = code,
            name = "电话测试企业" + code[^6..],
            district = "邗江区",
            contactPhone = phone,
        });

        if (valid) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("固定电话须带区号（如 0514-87654321", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Favicon_IsServed_AndLinkedInEveryLayout()
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var anonymous = app.BrowserClient();
        var svg = await anonymous.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var ico = await anonymous.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);   // an ICO header
        var leader = await BrowserAsync(app, await app.CreateUserAsync(Roles.Leader));

        foreach (var (client, url) in new[] { (anonymous, "/Accounts/Login"), (anonymous, "/Portal"), (leader, "/"),
                     (leader, "/Cockpit/Screen") })
        {
            var html = await client.GetStringAsync(url);
            Assert.True(html.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", StringComparison.Ordinal),
                url + " links no favicon");
        }
    }

    [Fact]
    public async Task ForcedPasswordChange_IsShownWithoutTheNavigation()
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var name = "forced-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = app.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(
                new AccountInput(name, "强制改密", Roles.Department, "市科技局", null, null, null), FipApp.UserPassword,
                mustChangePassword: true);
            Assert.True(result.Succeeded);
        }
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, name, FipApp.UserPassword);

        var page = await browser.GetStringAsync("/Accounts/ChangePassword");

        Assert.Contains("data-testid=\"must-change\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sign-out\"", page, StringComparison.Ordinal);
        foreach (var nav in new[]
                 { "nav-services", "nav-chains", "href=\"/Plans\"", "href=\"/Accounts/Tokens\"", "data-testid=\"user-menu\"" })
            Assert.DoesNotContain(nav, page, StringComparison.Ordinal);
        // Once changed, the navigation is back.
        var user = await BrowserAsync(app, await app.CreateUserAsync(Roles.Department));
        Assert.Contains("href=\"/Plans\"", await user.GetStringAsync("/Accounts/ChangePassword"), StringComparison.Ordinal);
    }
}
