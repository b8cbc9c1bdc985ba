using System.Collections.Concurrent;
using System.Net;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Cockpit;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>
/// The cockpit's industry scale (驾驶舱): sums and counts of the enterprises' yearly figures by year, district and track, year on
/// year, on a database of its own per provider holding a small set of enterprises whose right answers are known.
/// </summary>
public class CockpitTests
{
    /// <summary>
    /// E1 邗江区, tracks X and Y: 2024 revenue 100, employees 10; 2023 revenue 80, employees 8.
    /// E2 邗江区, track X: 2024 revenue 50 (tax unreported); no 2023.
    /// E3 江都区, track Y: 2024 revenue unreported, output 200; 2023 revenue 40, output 100.
    /// E4 江都区, deleted: 2024 revenue 1000 (never counted).
    /// E5 邗江区, no track: 2022 revenue 7 only.
    /// 高邮市 has no enterprise.
    /// </summary>
    private sealed record Data(FipApp App, int TrackX, int TrackY, int Hanjiang, int Jiangdu, int Gaoyou);

    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<Data>>> Apps = new();

    private static Task<Data> DataFor(DatabaseProvider provider) => Apps.GetOrAdd(provider, p => new(() => SeedAsync(p))).Value;

    private static async Task<Data> SeedAsync(DatabaseProvider provider)
    {
        var app = FipApp.Start(provider);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var tracks = await db.Tracks.Where(t => db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId)).OrderBy(t => t.SortOrder)
            .Select(t => t.Id).Take(2).ToListAsync();
        var districts = await db.Districts.ToDictionaryAsync(d => d.Name, d => d.Id);
        Enterprise New(string district, bool deleted, params int[] trackIds)
        {
            var e = new Enterprise
            {
                CreditCode = RegistryTests.NewCreditCode(),
                Name = "驾驶舱测试企业" + Guid.NewGuid().ToString("N")[..6],
                DistrictId = districts[district],
                IsDeleted = deleted,
            };
            foreach (var t in trackIds) e.Tracks.Add(new EnterpriseTrack { TrackId = t });
            db.Enterprises.Add(e);
            return e;
        }
        var e1 = New("邗江区", false, tracks[0], tracks[1]);
        e1.Indicators.Add(new EnterpriseIndicator { Year = 2024, Revenue = 100, Employees = 10 });
        e1.Indicators.Add(new EnterpriseIndicator { Year = 2023, Revenue = 80, Employees = 8 });
        var e2 = New("邗江区", false, tracks[0]);
        e2.Indicators.Add(new EnterpriseIndicator { Year = 2024, Revenue = 50 });
        var e3 = New("江都区", false, tracks[1]);
        e3.Indicators.Add(new EnterpriseIndicator { Year = 2024, OutputValue = 200 });
        e3.Indicators.Add(new EnterpriseIndicator { Year = 2023, Revenue = 40, OutputValue = 100 });
        var e4 = New("江都区", true, tracks[1]);
        e4.Indicators.Add(new EnterpriseIndicator { Year = 2024, Revenue = 1000, OutputValue = 1000, Tax = 1000 });
        var e5 = New("邗江区", false);
        e5.Indicators.Add(new EnterpriseIndicator { Year = 2022, Revenue = 7 });
        await db.SaveChangesAsync();
        return new Data(app, tracks[0], tracks[1], districts["邗江区"], districts["江都区"], districts["高邮市"]);
    }

    public static TheoryData<DatabaseProvider, string, Measure, string?, int, string?, string?> Cases()
    {
        var cases = new TheoryData<DatabaseProvider, string, Measure, string?, int, string?, string?>();
        // where: city, district:NAME, track:X|Y; value, enterprises behind it, previous year's value, YoY %.
        (string, Measure, string?, int, string?, string?)[] rows =
        [
            ("city", Measure.Revenue, "150", 2, "120", "25.0"),          // E1 + E2 against E1 + E3; the deleted E4 never counts
            ("city", Measure.OutputValue, "200", 1, "100", "100.0"),     // only E3 reported output
            ("city", Measure.Tax, null, 0, null, null),                  // nobody reported tax for 2024 (E4 is deleted): unknown, not 0
            ("city", Measure.Employees, "10", 1, "8", "25.0"),
            ("city", Measure.RdExpense, null, 0, null, null),
            ("district:邗江区", Measure.Revenue, "150", 2, "80", "87.5"),  // E2 has no 2023: the previous year is E1 alone
            ("district:江都区", Measure.Revenue, null, 0, "40", null),     // reported last year, not this year: no YoY
            ("district:江都区", Measure.OutputValue, "200", 1, "100", "100.0"),
            ("district:高邮市", Measure.Revenue, null, 0, null, null),     // no enterprises at all
            ("track:X", Measure.Revenue, "150", 2, "80", "87.5"),
            ("track:Y", Measure.Revenue, "100", 1, "120", "-16.7"),      // E1 counts in both its tracks
            ("track:Y", Measure.OutputValue, "200", 1, "100", "100.0"),
        ];
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var (where, m, value, n, previous, yoy) in rows) cases.Add(db, where, m, value, n, previous, yoy);
        return cases;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Figures_SumsCountsAndYearOnYear(DatabaseProvider db, string where, Measure measure, string? value, int enterprises,
        string? previous, string? yoy)
    {
        var data = await DataFor(db);
        var economy = await data.App.WithAsync<EconomyFigures, Economy>(s => s.GetAsync(CancellationToken.None));
        Assert.Equal(2024, economy.Year);
        var figure = where switch
        {
            "city" => economy.City[measure],
            "track:X" => economy.ByTrack.Single(r => r.Id == data.TrackX).Figures[measure],
            "track:Y" => economy.ByTrack.Single(r => r.Id == data.TrackY).Figures[measure],
            _ => economy.ByDistrict.Single(r => r.Name == where["district:".Length..]).Figures[measure],
        };
        Assert.Equal(value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), figure.Value);
        Assert.Equal(enterprises, figure.Enterprises);
        Assert.Equal(previous is null ? null : decimal.Parse(previous, System.Globalization.CultureInfo.InvariantCulture), figure.Previous);
        Assert.Equal(yoy is null ? null : decimal.Parse(yoy, System.Globalization.CultureInfo.InvariantCulture), figure.ChangePercent);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Figures_CityByYear_OnlyYearsWithReports_AndTheDistrictsTracks(DatabaseProvider db)
    {
        var data = await DataFor(db);
        var economy = await data.App.WithAsync<EconomyFigures, Economy>(s => s.GetAsync(CancellationToken.None));
        Assert.Equal([(2022, 7m, 1), (2023, 120m, 2), (2024, 150m, 2)],
            economy.CityByYear[Measure.Revenue].Select(y => (y.Year, y.Sum, y.Enterprises)));
        Assert.Equal([(2023, 8m, 1), (2024, 10m, 1)], economy.CityByYear[Measure.Employees].Select(y => (y.Year, y.Sum, y.Enterprises)));
        // 江都区 by track: only E3 (track Y) — its revenue unreported in 2024, its output 200.
        var jiangdu = await data.App.WithAsync<EconomyFigures, IReadOnlyList<FigureRow>>(
            s => s.ByTrackInAsync(data.Jiangdu, CancellationToken.None));
        Assert.Equal(200m, jiangdu.Single(r => r.Id == data.TrackY).Figures[Measure.OutputValue].Value);
        Assert.Null(jiangdu.Single(r => r.Id == data.TrackX).Figures[Measure.OutputValue].Value);
    }

    /// <summary>
    /// One outline per page: where the cockpit is the page (/Cockpit, full screen) its title is the one h1 and its cards h2; on the
    /// home page it is an h2 section under the welcome. The title is never said twice (full screen read 未来产业平台 · 领导驾驶舱 as
    /// h1 and 领导驾驶舱 again as h2), and no level is skipped.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Cockpit_HasOneHeadingOutline_OnEachPageItIsOn(DatabaseProvider db)
    {
        var cockpit = Fip.Web.Infrastructure.JsonStringLocalizerFactory.Table("zh-CN")["Cockpit.Title"];
        var data = await DataFor(db);
        var leader = data.App.BrowserClient();
        await FipApp.SignInAsync(leader, (await data.App.CreateUserAsync(Roles.Leader)).UserName!, FipApp.UserPassword);
        foreach (var (page, titleLevel) in new[] { ("/Cockpit/Screen", 1), ("/Cockpit", 1), ("/", 2), ("/Cockpit/Screen", 1) })
        {
            var html = await leader.GetStringAsync(page);
            var headings = System.Text.RegularExpressions.Regex.Matches(html, @"<h([1-6])\b[^>]*>(.*?)</h\1>",
                    System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => (Level: m.Groups[1].Value[0] - '0', Text: System.Text.RegularExpressions.Regex.Replace(m.Groups[2].Value,
                    "<[^>]+>", "").Trim(), Tag: m.Value))
                .ToList();
            var outline = string.Join(" | ", headings.Select(h => $"h{h.Level} {h.Text}"));
            Assert.True(headings.Count(h => h.Level == 1) == 1, $"{page}: one h1: {outline}");
            Assert.Equal(1, headings[0].Level);
            Assert.True(headings.Zip(headings.Skip(1)).All(p => p.Second.Level <= p.First.Level + 1),
                $"{page}: a level skipped: {outline}");
            var title = headings.Single(h => h.Tag.Contains("data-testid=\"cockpit-title\"", StringComparison.Ordinal));
            Assert.Equal((titleLevel, cockpit), (title.Level, title.Text));
            Assert.DoesNotContain(headings, h => h != title && h.Text.Contains(cockpit, StringComparison.Ordinal));
            Assert.DoesNotContain("heading-level", html, StringComparison.Ordinal);
            Assert.All(headings.Where(h => h.Tag.Contains("id=\"scale-h\"", StringComparison.Ordinal)
                    || h.Tag.Contains("id=\"map-h\"", StringComparison.Ordinal)),
                h => Assert.Equal(titleLevel + 1, h.Level));
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Cockpit_LeaderHome_FullScreen_DistrictPage_AndWhoMaySeeIt(DatabaseProvider db)
    {
        var data = await DataFor(db);
        var app = data.App;
        var leader = app.BrowserClient();
        await FipApp.SignInAsync(leader, (await app.CreateUserAsync(Roles.Leader)).UserName!, FipApp.UserPassword);
        var home = await leader.GetStringAsync("/");
        Assert.Contains("data-testid=\"cockpit\"", home, StringComparison.Ordinal);
        Assert.Contains("2024 年产业规模", home, StringComparison.Ordinal);
        Assert.Contains("0.02</span>", home, StringComparison.Ordinal); // 150 万元 = 0.02 亿元 (rounded to cents of 亿)
        Assert.DoesNotContain("href=\"/api/docs\"><div", home.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Home.ApiModule", home, StringComparison.Ordinal);
        Assert.DoesNotContain(">API 文档</h3>", home, StringComparison.Ordinal);

        // The full-screen link leads to the cockpit without the site's navigation.
        Assert.Contains("href=\"/Cockpit/Screen\"", home, StringComparison.Ordinal);
        var screen = await leader.GetStringAsync("/Cockpit/Screen");
        Assert.Contains("data-testid=\"cockpit\"", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("fip-navbar", screen, StringComparison.Ordinal);
        Assert.Contains("href=\"/Cockpit\"", screen, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Cockpit")).StatusCode);

        // The ranking's district link opens the district's page with its own figures.
        Assert.Contains($"href=\"/Cockpit/District/{data.Hanjiang}\"", home, StringComparison.Ordinal);
        var district = await leader.GetStringAsync($"/Cockpit/District/{data.Hanjiang}");
        Assert.Contains("邗江区", district, StringComparison.Ordinal);
        Assert.Contains("2 家企业", district, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/Cockpit/District/999999")).StatusCode);

        // Enterprises see no cockpit.
        var firm = app.BrowserClient();
        await FipApp.SignInAsync(firm, (await app.CreateUserAsync(Roles.Enterprise)).UserName!, FipApp.UserPassword);
        foreach (var denied in new[] { "/Cockpit", "/Cockpit/Screen", $"/Cockpit/District/{data.Hanjiang}" })
        {
            var response = await firm.GetAsync(denied);
            Assert.StartsWith("/Accounts/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("data-testid=\"cockpit\"", await firm.GetStringAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A year whose filing has only begun is not the cockpit's year: 4 enterprises reported 2024 and 1 has reported 2025, so 2024 is
    /// shown (with 2025 named as being filed, by 1 enterprise) and every district keeps its 2024 figures instead of a fall of 99 %;
    /// once 2 of the 4 have reported 2025 (half), 2025 is shown.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Figures_AYearStillBeingFiled_IsNamed_NotShown(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var district = app.Use(d => d.Districts.OrderBy(x => x.Id).First().Id);
        var ids = new List<int>();
        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            for (var i = 0; i < 4; i++)
            {
                var e = new Enterprise { CreditCode = RegistryTests.NewCreditCode(), Name = $"填报中测试{i}", DistrictId = district };
                e.Indicators.Add(new EnterpriseIndicator { Year = 2024, Revenue = 100m });
                if (i == 0) e.Indicators.Add(new EnterpriseIndicator { Year = 2025, Revenue = 1m });
                context.Enterprises.Add(e);
                await context.SaveChangesAsync();
                ids.Add(e.Id);
            }
        }
        async Task<Economy> Economy() => await app.WithAsync<EconomyFigures, Economy>(s => s.GetAsync(CancellationToken.None));
        var filing = await Economy();
        Assert.Equal(2024, filing.Year);
        Assert.Equal(2025, filing.FilingYear);
        Assert.Equal(1, filing.FilingEnterprises);
        Assert.Equal(400m, filing.City[Measure.Revenue].Value);
        Assert.Equal(400m, filing.ByDistrict.Single(r => r.Id == district).Figures[Measure.Revenue].Value);
        Assert.Equal([2024], filing.CityByYear[Measure.Revenue].Select(y => y.Year));

        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            context.EnterpriseIndicators.Add(new EnterpriseIndicator { EnterpriseId = ids[1], Year = 2025, Revenue = 2m });
            await context.SaveChangesAsync();
        }
        var filed = await Economy();
        Assert.Equal(2025, filed.Year);
        Assert.Null(filed.FilingYear);
        Assert.Equal(3m, filed.City[Measure.Revenue].Value);
        Assert.Equal([2024, 2025], filed.CityByYear[Measure.Revenue].Select(y => y.Year));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Figures_KeptView_MovesOnWithAWrite(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        async Task<decimal?> Revenue() =>
            (await app.WithAsync<EconomyFigures, Economy>(s => s.GetAsync(CancellationToken.None))).City[Measure.Revenue].Value;
        Assert.Null(await Revenue());
        var district = app.Use(d => d.Districts.First().Id);
        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            var e = new Enterprise { CreditCode = RegistryTests.NewCreditCode(), Name = "驾驶舱缓存测试", DistrictId = district };
            e.Indicators.Add(new EnterpriseIndicator { Year = 2025, Revenue = 12.5m });
            context.Enterprises.Add(e);
            await context.SaveChangesAsync();
        }
        Assert.Equal(12.5m, await Revenue());
    }

    public static TheoryData<DatabaseProvider, string> FigureWrites
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string>();
            foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
                foreach (var write in new[] { "moved", "deleted", "track added", "track removed", "figures edited", "figures removed" })
                    data.Add(db, write);
            return data;
        }
    }

    /// <summary>
    /// The economy is kept under the figures' stamp, which an enterprise registered without figures does not move: every other
    /// write that changes a sum by district, track or year must move it (a miss would leave the leaders' cockpit behind). An
    /// enterprise of 邗江区 in track X with 2024 revenue 30 is changed one way each, and the kept sums follow at once.
    /// </summary>
    [Theory, MemberData(nameof(FigureWrites))]
    public async Task Figures_KeptView_FollowsEveryWriteThatChangesASum(DatabaseProvider db, string write)
    {
        using var app = FipApp.Start(db);
        var (district, other) = app.Use(d =>
            (d.Districts.OrderBy(x => x.Id).First().Id, d.Districts.OrderBy(x => x.Id).Skip(1).First().Id));
        var (x, y) = app.Use(d =>
        {
            var tracks = d.Tracks.Where(t => d.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId)).OrderBy(t => t.SortOrder).Take(2)
                .Select(t => t.Id).ToList();
            return (tracks[0], tracks[1]);
        });
        async Task<Economy> Economy() => await app.WithAsync<EconomyFigures, Economy>(s => s.GetAsync(CancellationToken.None));
        static decimal? Of(IReadOnlyList<FigureRow> rows, int id) => rows.Single(r => r.Id == id).Figures[Measure.Revenue].Value;
        async Task Save(Func<FipDbContext, Task> change)
        {
            using var scope = app.Services.CreateScope();
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await change(context);
            await context.SaveChangesAsync();
        }
        var seeded = new Enterprise { CreditCode = RegistryTests.NewCreditCode(), Name = "经济口径测试" + write, DistrictId = district };
        seeded.Tracks.Add(new EnterpriseTrack { TrackId = x });
        seeded.Indicators.Add(new EnterpriseIndicator { Year = 2024, Revenue = 30m });
        await Save(d =>
        {
            d.Enterprises.Add(seeded);
            return Task.CompletedTask;
        });
        var id = seeded.Id;
        var before = await Economy();
        Assert.Equal(30m, before.City[Measure.Revenue].Value);
        Assert.Equal(30m, Of(before.ByDistrict, district));
        Assert.Equal(30m, Of(before.ByTrack, x));

        // A registration without figures leaves the kept economy as it was: the same object, not computed again.
        await Save(d =>
        {
            var e = new Enterprise { CreditCode = RegistryTests.NewCreditCode(), Name = "无指标新登记" + write, DistrictId = district };
            e.Tracks.Add(new EnterpriseTrack { TrackId = x });
            d.Enterprises.Add(e);
            return Task.CompletedTask;
        });
        Assert.Same(before, await Economy());

        await Save(async d =>
        {
            var e = await d.Enterprises.Include(e => e.Tracks).Include(e => e.Indicators).SingleAsync(e => e.Id == id);
            switch (write)
            {
                case "moved": e.DistrictId = other; break;
                case "deleted": e.IsDeleted = true; break;
                case "track added": e.Tracks.Add(new EnterpriseTrack { TrackId = y }); break;
                case "track removed": e.Tracks.Clear(); break;
                case "figures edited": e.Indicators.Single().Revenue = 45m; break;
                case "figures removed": e.Indicators.Clear(); break;
            }
        });
        var after = await Economy();
        (decimal? City, decimal? InDistrict, decimal? InOther, decimal? InX, decimal? InY) expected = write switch
        {
            "moved" => (30m, null, 30m, 30m, null),
            "deleted" => (null, null, null, null, null),
            "track added" => (30m, 30m, null, 30m, 30m),
            "track removed" => (30m, 30m, null, null, null),
            "figures edited" => (45m, 45m, null, 45m, null),
            _ => (null, null, null, null, null),
        };
        Assert.Equal(expected, (after.City[Measure.Revenue].Value, Of(after.ByDistrict, district), Of(after.ByDistrict, other),
            Of(after.ByTrack, x), Of(after.ByTrack, y)));
    }
}
