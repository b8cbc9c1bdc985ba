using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Goals;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>目标分解到板块: the rules of a split, then the page on a database of its own per provider (a split changes what
/// every district's goal cards show, so it is kept away from the shared database).</summary>
public partial class DistrictTargetTests
{
    [Theory]
    [InlineData("20", "20", null)]
    [InlineData("0", "0", null)]                        // a district may be given nothing to add
    [InlineData("  12.5 ", "12.5", null)]
    [InlineData("1,000", "1000", null)]                 // typed with a thousands separator
    [InlineData("", null, null)]                        // empty: no share for that district
    [InlineData("-1", null, "Split.Negative")]
    [InlineData("abc", null, "Split.NotANumber")]
    [InlineData("1e3", null, "Split.NotANumber")]
    [InlineData("1.234", null, "Split.TwoDecimals")]
    [InlineData("99999999999999999999", null, "Split.TooLarge")]
    public void Parse_OneShare(string text, string? expected, string? problem)
    {
        var problems = new Dictionary<int, string>();
        var shares = SplitRules.Parse(50m, new Dictionary<int, string?> { [7] = text }, problems);
        if (problem is not null)
        {
            Assert.Null(shares);
            Assert.Equal(problem, problems[7]);
            return;
        }
        Assert.NotNull(shares);
        decimal? want = expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(want, shares.TryGetValue(7, out var v) ? v : null);
    }

    [Fact]
    public void Parse_ATargetWithoutANumber_CannotBeSplit_ButMayBeLeftEmpty()
    {
        var problems = new Dictionary<int, string>();
        Assert.Null(SplitRules.Parse(null, new Dictionary<int, string?> { [1] = "5", [2] = "" }, problems));
        Assert.Equal("Split.NoNumber", problems[1]);
        Assert.False(problems.ContainsKey(2));
        Assert.Empty(SplitRules.Parse(null, new Dictionary<int, string?> { [1] = " " }, [])!);
    }

    [Theory]
    [InlineData("50", "20,30", SplitBalance.Equal)]
    [InlineData("50", "20,20", SplitBalance.Below)]   // not all of it split yet: saved, with a warning
    [InlineData("50", "30,30", SplitBalance.Above)]   // districts asked for more than the city (压力传导): saved, with a warning
    [InlineData("50", "", SplitBalance.None)]
    [InlineData(null, "1", SplitBalance.None)]
    [InlineData("0", "0,0", SplitBalance.Equal)]
    public void Balance_OfTheSharesAgainstTheCity(string? city, string shares, SplitBalance expected)
    {
        var values = shares.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected,
            SplitRules.Balance(city is null ? null : decimal.Parse(city, System.Globalization.CultureInfo.InvariantCulture), values));
    }

    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<FipApp>> Apps = new();

    [GeneratedRegex("name=\"Version\" value=\"([^\"]*)\"")]
    private static partial Regex VersionField();

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Split_SavedAudited_Revised_StaleRefused_BadInputRefused_AndTheDistrictSeesItsOwnTarget(DatabaseProvider db)
    {
        var app = Apps.GetOrAdd(db, p => new Lazy<FipApp>(() => FipApp.Start(p))).Value;
        var (targetId, cityTarget) = app.Use(d => d.Targets
            .Where(t => t.Value != null && t.IndicatorId != null && d.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId))
            .OrderBy(t => t.SortOrder).Select(t => new { t.Id, t.Value }).AsEnumerable().Select(t => (t.Id, t.Value!.Value)).First());
        var districts = app.Use(d => d.Districts.ToDictionary(x => x.Name, x => x.Id));
        var hanjiang = districts["邗江区"];
        var jiangdu = districts["江都区"];
        var url = $"/Goals/Split/{targetId}";
        var admin = app.BrowserClient();
        await FipApp.SignInAsync(admin, (await app.CreateUserAsync(Roles.Admin)).UserName!, FipApp.UserPassword);
        async Task<string> Version() => VersionField().Match(await admin.GetStringAsync(url)).Groups[1].Value;
        Task<HttpResponseMessage> Post(HttpClient client, string version, params (int District, string Value)[] shares)
        {
            var form = shares.ToDictionary(s => "district" + s.District, s => s.Value);
            form["Version"] = version;
            return FipApp.PostFormAsync(client, url, form);
        }
        List<DistrictTarget> Rows() => app.Use(d => d.DistrictTargets.AsNoTracking().Where(s => s.TargetId == targetId).ToList());

        // First split: more than the city in total — saved, and the page says so.
        var first = await Version();
        var saved = await Post(admin, first, (hanjiang, (cityTarget * 0.6m).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (jiangdu, (cityTarget * 0.6m).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetStringAsync(url);
        Assert.Contains("data-testid=\"split-balance\"", page, StringComparison.Ordinal);
        Assert.Contains("高于全市目标", page, StringComparison.Ordinal);
        Assert.Equal(2, Rows().Count);
        Assert.All(Rows(), r => Assert.Equal(1, r.Revision));
        Assert.Equal(2, app.Use(d => d.AuditEntries.Count(a => a.EntityType == nameof(DistrictTarget) && a.Action == AuditActions.Create)));

        // The same form sent again (an older version) is refused and changes nothing.
        var stale = await Post(admin, first, (hanjiang, "1"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(cityTarget * 0.6m, Rows().Single(r => r.DistrictId == hanjiang).Value);

        // A change of one district is a new revision of that district only; a negative share is refused with a message.
        var own = Math.Round(cityTarget / 2, 0);
        var bad = await Post(admin, await Version(), (hanjiang, "-3"), (jiangdu, "10"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("板块目标不能为负数", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect,
            (await Post(admin, await Version(), (hanjiang, own.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (jiangdu, (cityTarget * 0.6m).ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(2, Rows().Single(r => r.DistrictId == hanjiang).Revision);
        Assert.Equal(1, Rows().Single(r => r.DistrictId == jiangdu).Revision);
        Assert.Equal(1, app.Use(d => d.AuditEntries.Count(a => a.EntityType == nameof(DistrictTarget) && a.Action == AuditActions.Update)));

        // A department that does not answer for the indicator reads the split but may not change it.
        var owner = app.Use(d => d.Indicators.Where(i => d.Targets.Any(t => t.Id == targetId && t.IndicatorId == i.Id))
            .Select(i => i.OwnerDepartmentId).First());
        var other = app.Use(d => d.Departments
            .Where(x => x.Id != owner && x.Kind == Fip.Web.Features.Organisation.DepartmentKind.CityDepartment)
            .Select(x => x.Name).First());
        var department = app.BrowserClient();
        await FipApp.SignInAsync(department, (await app.CreateUserAsync(Roles.Department, other)).UserName!, FipApp.UserPassword);
        Assert.Contains("disabled", await department.GetStringAsync(url), StringComparison.Ordinal);
        var refused = await Post(department, await Version(), (hanjiang, "1"));
        Assert.StartsWith("/Accounts/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(own, Rows().Single(r => r.DistrictId == hanjiang).Value);

        // 邗江区's own goal cards: its own target, its own status, the city's figures labelled as the city's.
        var district = app.BrowserClient();
        var clerk = await app.CreateUserAsync(Roles.District, district: "邗江区");
        await FipApp.SignInAsync(district, clerk.UserName!, FipApp.UserPassword);
        var goals = await district.GetStringAsync($"/Goals?district={hanjiang}");
        var card = goals[goals.IndexOf($"data-target-id=\"{targetId}\"", StringComparison.Ordinal)..];
        var end = card.IndexOf("data-testid=\"goal-card\"", 10, StringComparison.Ordinal);
        card = end > 0 ? card[..end] : card;
        Assert.Contains("本板块分解目标", card, StringComparison.Ordinal);
        Assert.Contains($"{own:0.##}", card, StringComparison.Ordinal);
        Assert.Contains($"全市目标 {cityTarget:0.##}", card, StringComparison.Ordinal);
        var home = await district.GetStringAsync("/");
        Assert.Contains("data-testid=\"kpi-own-target\"", home, StringComparison.Ordinal);
        var cards = await app.WithAsync<GoalService, IReadOnlyList<GoalCard>>(g => g.CardsAsync(CancellationToken.None, hanjiang));
        var mine = cards.Single(c => c.TargetId == targetId);
        Assert.True(mine.OwnTarget);
        Assert.Equal(own, mine.TargetValue);
        Assert.Equal(cityTarget, mine.CityTarget);
        var today = await app.WithAsync<GoalService, DateOnly>(g => Task.FromResult(g.Today));
        Assert.Equal(GoalMath.Status(mine.Comparator, own, mine.Year, mine.Value ?? 0, mine.Projection!.Projected, today), mine.Status);
        // A district without a share keeps the city's status.
        var gaoyou = (await app.WithAsync<GoalService, IReadOnlyList<GoalCard>>(g => g.CardsAsync(CancellationToken.None,
            districts["高邮市"]))).Single(c => c.TargetId == targetId);
        Assert.False(gaoyou.OwnTarget);
        Assert.Equal(cityTarget, gaoyou.TargetValue);
        // ...and its home card says so: its value stands alone, the target and the status are labelled as the city's.
        var gaoyouClerk = app.BrowserClient();
        await FipApp.SignInAsync(gaoyouClerk, (await app.CreateUserAsync(Roles.District, district: "高邮市")).UserName!, FipApp.UserPassword);
        var gaoyouHome = await gaoyouClerk.GetStringAsync("/");
        var kpi = gaoyouHome[gaoyouHome.IndexOf($"href=\"/Goals/Target/{targetId}\" data-testid=\"kpi-card\"", StringComparison.Ordinal)..];
        kpi = kpi[..kpi.IndexOf("</a>", StringComparison.Ordinal)];
        Assert.Matches("data-testid=\"kpi-status\">全市(已达成|正常|关注|滞后)</span>", kpi);
        Assert.Contains($"全市目标 {cityTarget:0.##}", kpi, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"goal-target\">/", kpi, StringComparison.Ordinal);
        Assert.Contains("data-city-target=\"true\"", kpi, StringComparison.Ordinal);
    }
}
