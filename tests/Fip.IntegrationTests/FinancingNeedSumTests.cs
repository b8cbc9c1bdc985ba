using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Finance;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fip.IntegrationTests;

/// <summary>
/// Issue 20, item 6: the open and overdue financing needs summed by the database per track and per district on the finance
/// dashboard, with the number of needs behind each sum, each linking to the paged list of those needs; on both databases, on a
/// database of its own (the sums are exact only where no other test posts needs meanwhile); and the same at 200,000 needs.
/// </summary>
public partial class FinancingNeedSumTests(ITestOutputHelper output)
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<FipApp>> Apps = new();

    private static FipApp AppFor(DatabaseProvider db) => Apps.GetOrAdd(db, p => new Lazy<FipApp>(() => FipApp.Start(p))).Value;

    private static readonly int ScaleNeeds =
        int.TryParse(Environment.GetEnvironmentVariable("FIP_BENCH_NEEDS"), out var n) && n > 0 ? n : 20_000; // 200,000 for the benchmark

    /// <summary>
    /// What officials argue about: days since the need was posted (the deadline is 60 days: posted 60 days ago it is overdue
    /// today), its status, whether it was deleted, its amounts (万元, one need each; "0.1,0.2" two needs), whether it names a
    /// track; then the open needs and their sum, and the overdue ones and theirs, that it adds to the dashboard.
    /// </summary>
    public static TheoryData<DatabaseProvider, int, NeedStatus, bool, string, bool, int, string, int, string> Cases()
    {
        var data = new TheoryData<DatabaseProvider, int, NeedStatus, bool, string, bool, int, string, int, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, 0, NeedStatus.Open, false, "800", true, 1, "800", 0, "0");                 // posted today
            data.Add(db, 59, NeedStatus.Open, false, "800", true, 1, "800", 0, "0");                // the day before the deadline
            data.Add(db, 60, NeedStatus.Open, false, "800", true, 1, "800", 1, "800");              // exactly at the deadline: overdue
            data.Add(db, 400, NeedStatus.Open, false, "800", true, 1, "800", 1, "800");             // long overdue
            data.Add(db, 60, NeedStatus.Funded, false, "800", true, 0, "0", 0, "0");                // met: no longer open
            data.Add(db, 60, NeedStatus.ClosedUnmet, false, "800", true, 0, "0", 0, "0");           // closed unmet: not open either
            data.Add(db, 60, NeedStatus.Open, true, "800", true, 0, "0", 0, "0");                   // deleted
            data.Add(db, 60, NeedStatus.Open, false, "0", true, 1, "0", 1, "0");                    // zero: a need adding nothing
            data.Add(db, 3, NeedStatus.Open, false, "0.1,0.2", true, 2, "0.3", 0, "0");              // decimals add exactly
            data.Add(db, 90, NeedStatus.Open, false, "1234567.89,0.01", true, 2, "1234567.90", 2, "1234567.90");
            data.Add(db, 90, NeedStatus.Open, false, "250.5", false, 1, "250.5", 1, "250.5");      // no track: its own row
        }
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task OpenAndOverdueSums_ByTrackAndDistrict_CountTheRightNeeds(DatabaseProvider db, int daysAgo, NeedStatus status,
        bool deleted, string amounts, bool withTrack, int openCount, string openSum, int overdueCount, string overdueSum)
    {
        var app = AppFor(db);
        var (trackId, districtId) = app.Use(d => (d.Tracks.First(t => t.Name == "低空经济").Id, d.Districts.First(x => x.Name == "宝应县").Id));
        var before = await SumsAsync(app);
        var search = "规则需求" + Guid.NewGuid().ToString("N")[..8];
        var today = await app.WithAsync<FinancingNeedService, DateOnly>(s => Task.FromResult(s.Today));
        app.Use(d =>
        {
            var enterprise = new Enterprise { CreditCode = RegistryTests.NewCreditCode(), Name = search + "企业", DistrictId = districtId };
            d.AddRange(amounts.Split(',').Select((a, i) => new FinancingNeed
            {
                Name = search + i.ToString(CultureInfo.InvariantCulture),
                Enterprise = enterprise,
                TrackId = withTrack ? trackId : null,
                Amount = decimal.Parse(a, CultureInfo.InvariantCulture),
                PostedOn = today.AddDays(-daysAgo),
                Status = status,
                IsDeleted = deleted,
            }));
            return d.Save();
        });
        var after = await SumsAsync(app);

        var expected = (openCount, decimal.Parse(openSum, CultureInfo.InvariantCulture), overdueCount,
            decimal.Parse(overdueSum, CultureInfo.InvariantCulture));
        Assert.Equal(expected, Delta(before.Open, after.Open, before.Overdue, after.Overdue));
        NeedSumRow? Track(NeedSums s) => s.ByTrack.SingleOrDefault(r => r.Id == (withTrack ? trackId : null));
        NeedSumRow? District(NeedSums s) => s.ByDistrict.SingleOrDefault(r => r.Id == districtId);
        Assert.Equal(expected, Delta(Track(before)?.Open, Track(after)?.Open, Track(before)?.Overdue, Track(after)?.Overdue));
        Assert.Equal(expected, Delta(District(before)?.Open, District(after)?.Open, District(before)?.Overdue, District(after)?.Overdue));
        if (!withTrack && openCount > 0) Assert.Equal("", Track(after)!.Name); // the page names it 未指定

        // The paged list shows the same needs: all the open ones, and with "overdue only" the overdue ones.
        var listed = await app.WithAsync<FinancingNeedService, NeedPage>(s => s.PageAsync(new NeedFilter(Search: search), 1, 50, default));
        var late = await app.WithAsync<FinancingNeedService, NeedPage>(s =>
            s.PageAsync(new NeedFilter(OverdueOnly: true, Search: search), 1, 50, default));
        Assert.Equal((openCount, overdueCount), (listed.Total, late.Total));
        Assert.All(late.Items, i => Assert.True(i.Overdue));
    }

    private static Task<NeedSums> SumsAsync(FipApp app) => app.WithAsync<FinancingNeedService, NeedSums>(s => s.SumsAsync(default));

    private static (int, decimal, int, decimal) Delta(NeedSum? openBefore, NeedSum? openAfter, NeedSum? overdueBefore,
        NeedSum? overdueAfter)
    {
        NeedSum Of(NeedSum? s) => s ?? NeedSum.Zero;
        return (Of(openAfter).Count - Of(openBefore).Count, Of(openAfter).Amount - Of(openBefore).Amount,
            Of(overdueAfter).Count - Of(overdueBefore).Count, Of(overdueAfter).Amount - Of(overdueBefore).Amount);
    }

    /// <summary>
    /// Every number the dashboard's 融资需求金额 section shows links to the needs page filtered to those needs, whose total is that
    /// number; the sums shown are those of the open needs added up here; the needs page's filter form and pages work.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DashboardSums_LinkToTheNeedsBehindThem_AndTheListPages(DatabaseProvider db)
    {
        var app = AppFor(db);
        var search = "分页需求" + Guid.NewGuid().ToString("N")[..8];
        var today = await app.WithAsync<FinancingNeedService, DateOnly>(s => Task.FromResult(s.Today));
        app.Use(d =>
        {
            var enterprise = new Enterprise
            {
                CreditCode = RegistryTests.NewCreditCode(),
                Name = search + "企业",
                DistrictId = d.Districts.First(x => x.Name == "江都区").Id,
            };
            var track = d.Tracks.First(t => t.Name == "前沿新材料").Id;
            // 51 needs, one a day: page 2 of 50 holds the newest; the oldest 20 are overdue.
            d.AddRange(Enumerable.Range(0, 51).Select(i => new FinancingNeed
            {
                Name = search + i.ToString("00", CultureInfo.InvariantCulture),
                Enterprise = enterprise,
                TrackId = i % 2 == 0 ? track : null,
                Amount = 10m + i,
                PostedOn = today.AddDays(-(FinancingNeedService.DefaultUnmetDays + 19) + i),
            }));
            return d.Save();
        });
        var officer = await app.CreateUserAsync(Roles.Department, "国家金融监管总局扬州监管分局");
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, officer.UserName!, FipApp.UserPassword);

        var page = await browser.GetStringAsync("/Finance");
        var open = app.Use(d => d.Set<FinancingNeed>().AsNoTracking().Where(x => !x.IsDeleted && x.Status == NeedStatus.Open)
            .Select(x => new { x.Amount, x.PostedOn }).ToList());
        var cutoff = today.AddDays(-FinancingNeedService.DefaultUnmetDays);
        Assert.Equal(Money(open.Sum(x => x.Amount)), TestId(page, "need-open-amount"));
        Assert.Equal(Money(open.Where(x => x.PostedOn <= cutoff).Sum(x => x.Amount)), TestId(page, "need-overdue-amount"));
        var links = NeedLink().Matches(page).Select(m => (Href: WebUtility.HtmlDecode(m.Groups[1].Value), Id: m.Groups[2].Value,
            Count: int.Parse(FirstNumber().Match(m.Groups[3].Value).Value, CultureInfo.InvariantCulture))).ToList();
        // The two totals and, per track and per district row, the open and the overdue count.
        Assert.Contains(links, l => l.Id == "need-open-count" && l.Count == open.Count);
        Assert.True(links.Count(l => l.Id == "need-open-link") >= 2, string.Join("\n", links));
        Assert.Contains(links, l => l.Href.Contains("track=none", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Href.Contains("district=", StringComparison.Ordinal) && l.Href.EndsWith("overdue=true",
            StringComparison.Ordinal));
        foreach (var (href, _, count) in links.Distinct())
        {
            var response = await browser.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"共{count}条", TestId(await response.Content.ReadAsStringAsync(), "needs-total"));
        }

        // The filter form (a GET) and the pages: oldest first, 50 a page, the 51st on page 2 and back.
        var first = await browser.GetStringAsync($"/Finance/Needs?q={Uri.EscapeDataString(search)}");
        Assert.Equal("共51条", TestId(first, "needs-total"));
        Assert.Contains(search + "00", first, StringComparison.Ordinal);
        Assert.DoesNotContain(search + "50", first, StringComparison.Ordinal);
        var next = WebUtility.HtmlDecode(PageLink().Match(first).Groups[1].Value);
        Assert.Equal($"/Finance/Needs?q={search}&p=2", Uri.UnescapeDataString(next));
        var second = await browser.GetStringAsync(next);
        Assert.Contains(search + "50", second, StringComparison.Ordinal);
        Assert.DoesNotContain(search + "00", second, StringComparison.Ordinal);
        var back = WebUtility.HtmlDecode(PreviousLink().Match(second).Groups[1].Value);
        Assert.Contains(search + "00", await browser.GetStringAsync(back), StringComparison.Ordinal);
        var overdue = await browser.GetStringAsync($"/Finance/Needs?q={Uri.EscapeDataString(search)}&overdue=true");
        Assert.Equal("共20条", TestId(overdue, "needs-total"));
        var untracked = await browser.GetStringAsync($"/Finance/Needs?q={Uri.EscapeDataString(search)}&track=none");
        Assert.Equal("共25条", TestId(untracked, "needs-total"));
        // A page past the last shows the last.
        Assert.Contains(search + "50", await browser.GetStringAsync($"/Finance/Needs?q={Uri.EscapeDataString(search)}&p=99"),
            StringComparison.Ordinal);
    }

    /// <summary>
    /// 20,000 needs in the suite, 200,000 as the benchmark (<c>FIP_BENCH_NEEDS</c>), on a database of their own: the dashboard's
    /// sums match those computed here to the cent, the needs page's last page opens, and the times of the sums, a page and the
    /// two pages are reported (a measurement, not a timed test).
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AtScale_TheSumsAreExact_AndThePagesOpen(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var today = Fip.Web.Infrastructure.Display.Today(TimeProvider.System);
        var cutoff = today.AddDays(-FinancingNeedService.DefaultUnmetDays);
        var tracks = app.Use(d => d.Tracks.Select(t => t.Id).ToList());
        var districts = app.Use(d => d.Districts.Select(x => x.Id).ToList());
        var watch = Stopwatch.StartNew();
        var needs = new List<FinancingNeed>(ScaleNeeds);
        using (var scope = app.Services.CreateScope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            var enterprises = Enumerable.Range(0, 500).Select(i => new Enterprise
            {
                CreditCode = RegistryTests.NewCreditCode(),
                Name = "规模需求企业" + i.ToString(CultureInfo.InvariantCulture),
                DistrictId = districts[i % districts.Count],
            }).ToList();
            using (ctx.SuppressRowAudit())
            {
                ctx.AddRange(enterprises);
                await ctx.SaveChangesAsync();
            }
            var now = DateTime.UtcNow;
            for (var i = 0; i < ScaleNeeds; i++)
                needs.Add(new FinancingNeed
                {
                    Name = "规模需求" + i.ToString(CultureInfo.InvariantCulture),
                    EnterpriseId = enterprises[i % enterprises.Count].Id,
                    TrackId = i % 7 == 0 ? null : tracks[i % tracks.Count],
                    Amount = i % 1000 + (i % 100) / 100m,
                    PostedOn = today.AddDays(-(i % 180)),
                    Status = (i % 10) switch { 0 => NeedStatus.Funded, 1 => NeedStatus.ClosedUnmet, _ => NeedStatus.Open },
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await RowWriter.InsertAsync(ctx, needs, default);
            await tx.CommitAsync();
        }
        output.WriteLine($"{db}: {ScaleNeeds:N0} needs written in {watch.ElapsedMilliseconds:N0} ms");
        var open = needs.Where(x => x.Status == NeedStatus.Open).ToList();

        watch.Restart();
        var sums = await SumsAsync(app);
        var sumsMs = watch.ElapsedMilliseconds;
        Assert.Equal(new NeedSum(open.Count, open.Sum(x => x.Amount)), sums.Open);
        var late = open.Where(x => x.PostedOn <= cutoff).ToList();
        Assert.Equal(new NeedSum(late.Count, late.Sum(x => x.Amount)), sums.Overdue);
        var untracked = open.Where(x => x.TrackId is null).ToList();
        Assert.Equal(new NeedSum(untracked.Count, untracked.Sum(x => x.Amount)), sums.ByTrack.Single(r => r.Id is null).Open);
        Assert.Equal(sums.Open, sums.ByDistrict.Aggregate(NeedSum.Zero, (s, r) => s.Plus(r.Open)));

        watch.Restart();
        var last = await app.WithAsync<FinancingNeedService, NeedPage>(s => s.PageAsync(new NeedFilter(), int.MaxValue, 50, default));
        var pageMs = watch.ElapsedMilliseconds;
        Assert.Equal(open.Count, last.Total);
        Assert.Equal(open.OrderBy(x => x.PostedOn).ThenBy(x => x.Id).Last().Name, last.Items[^1].Name);

        var officer = await app.CreateUserAsync(Roles.Department, "国家金融监管总局扬州监管分局");
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, officer.UserName!, FipApp.UserPassword);
        var times = new List<string>();
        foreach (var url in new[] { "/Finance", "/Finance", $"/Finance/Needs?p={last.Page}", "/Finance/Needs?overdue=true&track=none" })
        {
            watch.Restart();
            var response = await browser.GetAsync(url);
            times.Add($"{url} {watch.ElapsedMilliseconds:N0} ms");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (url == "/Finance")
                Assert.Equal(Money(sums.Open.Amount), TestId(await response.Content.ReadAsStringAsync(), "need-open-amount"));
        }
        output.WriteLine($"{db}: {open.Count:N0} open needs; sums {sumsMs:N0} ms, last page {pageMs:N0} ms; " + string.Join("; ", times));
    }

    private static string Money(decimal v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string TestId(string html, string id) =>
        Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<").Groups[1].Value.Trim();

    [GeneratedRegex("<a href=\"([^\"]+)\" data-testid=\"(need-(?:open|overdue)-(?:count|link))\">([^<]+)</a>")]
    private static partial Regex NeedLink();

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();

    [GeneratedRegex("href=\"([^\"]+)\" data-testid=\"needs-next\"")]
    private static partial Regex PageLink();

    [GeneratedRegex("href=\"([^\"]+)\" data-testid=\"needs-previous\"")]
    private static partial Regex PreviousLink();
}
