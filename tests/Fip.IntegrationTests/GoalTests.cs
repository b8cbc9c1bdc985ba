using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Registries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fip.IntegrationTests;

public sealed record GoalView(int TargetId, string Indicator, int? Year, decimal? Target, string? IndicatorCode, string? Registry,
    int? Value, int? Pipeline, string Status);
public sealed record AlertView(long Id, string Rule, string Severity, string Status, string Title, string? Owner, string Version,
    bool CanAct, string? ResolutionNote);
public sealed record AlertPage(int Total, List<AlertView> Items);

/// <summary>Goals counted live from the registries, definitions, snapshots, alerts and robots — through HTTP on both databases.</summary>
public class GoalTests
{
    private static async Task<GoalView> Goal(HttpClient client, string code, int? year = null, string query = "")
    {
        var goals = await client.GetFromJsonAsync<List<GoalView>>("/api/v1/goals" + query, Json.Options);
        return goals!.First(g => g.IndicatorCode == code && (year is null || g.Year == year));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ParkUnderConstruction_RaisesThePilotParkCount_AndTheDrillDownListsIt(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var district = app.Use(d => d.Districts.Single(x => x.Name == "仪征市").Id);
        var track = app.Use(d => d.Tracks.Single(t => t.Name == "合成生物").Id);
        var slice = $"?district={district}&track={track}";
        var before = await Goal(admin, "pilot-parks", 2030, slice);

        var tag = Guid.NewGuid().ToString("N")[..6];
        var built = await admin.PostAsJsonAsync("/api/v1/parks",
            new { name = "扬州计数园" + tag, district = "仪征市", status = "在建", tracks = new[] { "合成生物" } });
        Assert.Equal(HttpStatusCode.Created, built.StatusCode);
        var planned = await admin.PostAsJsonAsync("/api/v1/parks",
            new { name = "扬州储备园" + tag, district = "仪征市", status = "规划", tracks = new[] { "合成生物" } });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);

        var after = await Goal(admin, "pilot-parks", 2030, slice);
        Assert.Equal(before.Value + 1, after.Value);
        Assert.Equal(before.Pipeline + 1, after.Pipeline);

        // The drill-down is the registry list narrowed to what the indicator counts.
        var counted = await admin.GetFromJsonAsync<RecordPage>($"/api/v1/parks?indicator=pilot-parks&q={tag}", Json.Options);
        Assert.Equal(1, counted!.Total);
        Assert.Equal("扬州计数园" + tag, counted.Items.Single().Title);
        var all = await admin.GetFromJsonAsync<RecordPage>($"/api/v1/parks?q={tag}", Json.Options);
        Assert.Equal(2, all!.Total);
        var export = await admin.GetAsync($"/api/v1/parks/export?indicator=pilot-parks&q={tag}&format=csv");
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains("扬州计数园" + tag, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("扬州储备园" + tag, csv, StringComparison.Ordinal);

        // The breakdown puts it in its track and district.
        var targetId = after.TargetId;
        var breakdown = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/goals/{targetId}/breakdown");
        var byTrack = breakdown.GetProperty("byTrack").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == track);
        Assert.True(byTrack.GetProperty("count").GetInt32() >= 1);

        // The page a leader opens shows the same number and links to the records.
        var leader = app.BrowserClient();
        await FipApp.SignInAsync(leader, (await app.CreateUserAsync(Roles.Leader)).UserName!, FipApp.UserPassword);
        var html = await leader.GetStringAsync($"/Goals{slice}");
        Assert.Contains("/Registries/parks?indicator=pilot-parks", html, StringComparison.Ordinal);
        Assert.Contains("未来产业先导园区", html, StringComparison.Ordinal);
        var listPage = await leader.GetStringAsync($"/Registries/parks?indicator=pilot-parks&q={tag}");
        Assert.Contains("扬州计数园" + tag, listPage, StringComparison.Ordinal);
        Assert.DoesNotContain("扬州储备园" + tag, listPage, StringComparison.Ordinal);
    }

    /// <summary>A goal card counts its pipeline in the unit of what it counts: enterprises 家 (储备 N 家), products 个.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task GoalCard_CountsItsPipelineInTheRegistrysUnit(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var backbone = await Goal(admin, "backbone-enterprises");
        var products = await Goal(admin, "key-products");
        var leader = app.BrowserClient();
        await FipApp.SignInAsync(leader, (await app.CreateUserAsync(Roles.Leader)).UserName!, FipApp.UserPassword);
        var html = await leader.GetStringAsync("/Goals");
        string Card(int id)
        {
            var start = html.IndexOf($"data-target-id=\"{id}\"", StringComparison.Ordinal);
            Assert.True(start > 0, $"card {id}");
            var end = html.IndexOf("data-testid=\"goal-card\"", start, StringComparison.Ordinal);
            return html[start..(end < 0 ? html.Length : end)];
        }
        Assert.Contains($"储备 {backbone.Pipeline} 家</p>", Card(backbone.TargetId), StringComparison.Ordinal);
        Assert.Contains($"储备 {products.Pipeline} 个</p>", Card(products.TargetId), StringComparison.Ordinal);
    }

    /// <summary>In English a target's unit is English too (the plan's 个 read "≥ 50 个" on the goal cards and the target page).</summary>
    [Fact]
    public async Task GoalCards_InEnglish_SayTheUnitInEnglish()
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var products = await Goal(admin, "key-products", 2030);
        var leader = app.BrowserClient();
        await FipApp.SignInAsync(leader, (await app.CreateUserAsync(Roles.Leader)).UserName!, FipApp.UserPassword);
        await leader.GetAsync("/culture/en?returnUrl=%2F");
        var html = await leader.GetStringAsync("/Goals");
        var start = html.IndexOf($"data-target-id=\"{products.TargetId}\"", StringComparison.Ordinal);
        var card = html[start..html.IndexOf("data-testid=\"goal-card\"", start, StringComparison.Ordinal)];
        Assert.Contains("50 items</span>", card, StringComparison.Ordinal);
        Assert.DoesNotContain("个", card, StringComparison.Ordinal);
        var target = await leader.GetStringAsync($"/Goals/Target/{products.TargetId}");
        // (the plan's quote, a data value, keeps its 个: "推出50个以上关键产品")
        Assert.DoesNotContain(" 个", target[target.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ChangingADefinition_ChangesTheValue_IsAudited_AndAStaleOrBadOneIsRefused(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/enterprises",
                new { creditCode = code, name = "扬州独角兽测试有限公司", district = "邗江区", qualifications = "独角兽企业(2025)" })).StatusCode);

        var indicators = await admin.GetFromJsonAsync<List<IndicatorDto>>("/api/v1/indicators", Json.Options);
        var def = indicators!.Single(i => i.Code == "backbone-enterprises");
        Assert.Contains("龙头骨干企业", def.Description, StringComparison.Ordinal);
        var original = def.Criteria;
        try
        {
            var changed = original with { AnyOf = [new Dictionary<string, string[]> { ["qualification"] = ["Unicorn"] }] };
            var put = await admin.PutAsJsonAsync($"/api/v1/indicators/{def.Id}",
                new
                {
                    name = def.Name,
                    nameEn = def.NameEn,
                    note = def.Note,
                    ownerDepartmentId = def.OwnerDepartmentId,
                    criteria = changed,
                    version = def.Version
                });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var saved = await put.Content.ReadFromJsonAsync<IndicatorDto>(Json.Options);
            Assert.Equal(def.Revision + 1, saved!.Revision);
            Assert.Contains("独角兽企业", saved.Description, StringComparison.Ordinal);

            var unicorns = await admin.GetFromJsonAsync<RecordPage>("/api/v1/enterprises?qualification=Unicorn&pageSize=1", Json.Options);
            var goal = await Goal(admin, "backbone-enterprises");
            Assert.Equal(unicorns!.Total, goal.Value);
            Assert.True(goal.Value >= 1);

            // The change is in the audit log with the criteria before and after.
            var audit =
                app.Use(
                    d => d.AuditEntries
                        .Where(a => a.EntityType == nameof(IndicatorDefinition) && a.Action == "Update")
                        .OrderByDescending(a => a.Id)
                        .First());
            Assert.Contains("Backbone", audit.Before!, StringComparison.Ordinal);
            Assert.Contains("Unicorn", audit.After!, StringComparison.Ordinal);

            // The old version is stale now: refused, nothing changed.
            var stale = await admin.PutAsJsonAsync($"/api/v1/indicators/{def.Id}",
                new { name = "别名", criteria = original, version = def.Version });
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal(def.Name, app.Use(d => d.Indicators.Single(i => i.Id == def.Id).Name));

            // Unknown values get a message naming them.
            var bad = await admin.PutAsJsonAsync($"/api/v1/indicators/{def.Id}",
                new
                {
                    name = def.Name,
                    criteria = new { anyOf = new[] { new Dictionary<string, string[]> { ["qualification"] = ["Dragon"] } } },
                    version = saved.Version
                });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.Contains("Dragon", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // A department user may read but not change definitions.
            var (department, _) = await app.ApiClientAsync(Roles.Department);
            Assert.Equal(HttpStatusCode.Forbidden,
                (await department.PutAsJsonAsync($"/api/v1/indicators/{def.Id}", new { name = "x", criteria = original })).StatusCode);
        }
        finally
        {
            var current =
                (await admin.GetFromJsonAsync<List<IndicatorDto>>("/api/v1/indicators", Json.Options))!.Single(
                    i => i.Code == "backbone-enterprises");
            var restore = await admin.PutAsJsonAsync($"/api/v1/indicators/{def.Id}",
                new
                {
                    name = def.Name,
                    nameEn = def.NameEn,
                    note = def.Note,
                    ownerDepartmentId = def.OwnerDepartmentId,
                    criteria = original,
                    version = current.Version
                });
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Snapshot_RecordsTheValue_WithTheDefinitionInForce(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var def =
            (await admin.GetFromJsonAsync<List<IndicatorDto>>("/api/v1/indicators", Json.Options))!.Single(i => i.Code == "key-products");
        var response = await admin.PostAsync("/api/v1/indicators/snapshots", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var goal = await Goal(admin, "key-products");
        var snapshots = await admin.GetFromJsonAsync<List<SnapshotDto>>($"/api/v1/indicators/{def.Id}/snapshots", Json.Options);
        var latest = snapshots![0];
        Assert.Equal("manual", latest.Kind);
        Assert.Equal(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture), latest.Period);
        Assert.Equal(def.Revision, latest.Revision);
        Assert.Contains("recognitionLevel", latest.Criteria, StringComparison.Ordinal);
        Assert.True(Math.Abs(latest.Value - goal.Value!.Value) <= 2, $"snapshot {latest.Value} vs live {goal.Value}");
        // other tests may add products meanwhile

        // A scheduled run does not take a second snapshot in the same month.
        var taken = await app.WithAsync<SnapshotService, int>(s => s.TakeAsync(SnapshotKinds.Scheduled, CancellationToken.None));
        var again = await app.WithAsync<SnapshotService, int>(s => s.TakeAsync(SnapshotKinds.Scheduled, CancellationToken.None));
        Assert.Equal(0, again);
        Assert.True(taken >= 0);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AGoalBehind_RaisesARedAlertToItsOwner_WhoAcknowledgesAndResolvesIt(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/alerts/evaluate", null)).StatusCode);
        var goal = await Goal(admin, "key-products");
        Assert.Equal("Behind", goal.Status); // the test database has almost no products
        var key = $"goal:{goal.TargetId.ToString(CultureInfo.InvariantCulture)}:behind";
        var alert =
            app.Use(d => d.Alerts.Include(a => a.OwnerDepartment).Single(a => a.DedupKey == key && a.Status != AlertStatus.Resolved));
        Assert.Equal(AlertSeverity.Red, alert.Severity);
        Assert.Equal("市工信局", alert.OwnerDepartment!.Name);

        // Evaluating again does not duplicate it.
        await admin.PostAsync("/api/v1/alerts/evaluate", null);
        Assert.Equal(1, app.Use(d => d.Alerts.Count(a => a.DedupKey == key && a.Status != AlertStatus.Resolved)));

        var ownerUser = await app.CreateUserAsync(Roles.Department, department: "市工信局");
        var owner = app.CreateClient(new() { AllowAutoRedirect = false });
        owner.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(ownerUser));
        var (other, _) = await app.ApiClientAsync(Roles.Department); // 市科技局

        var mine = await owner.GetFromJsonAsync<AlertPage>("/api/v1/alerts?status=Open&pageSize=200", Json.Options);
        Assert.Contains(mine!.Items, a => a.Id == alert.Id && a.CanAct);
        var theirs = await other.GetFromJsonAsync<AlertPage>("/api/v1/alerts?pageSize=200", Json.Options);
        Assert.DoesNotContain(theirs!.Items, a => a.Id == alert.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/acknowledge", new { })).StatusCode);

        var ack = await owner.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/acknowledge", new { version = alert.Version });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var acked = await ack.Content.ReadFromJsonAsync<AlertView>(Json.Options);
        Assert.Equal("Acknowledged", acked!.Status);
        // The version read before acknowledging is stale now.
        Assert.Equal(HttpStatusCode.Conflict,
            (await owner.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/resolve", new { note = "x", version = alert.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await owner.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/resolve", new { note = " ", version = acked.Version })).StatusCode);
        var resolved = await owner.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/resolve",
            new { note = "已组织首台（套）认定申报", version = acked.Version });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("已组织首台（套）认定申报", (await resolved.Content.ReadFromJsonAsync<AlertView>(Json.Options))!.ResolutionNote);

        // Every step is audited; a resolved alert is not raised again at once.
        Assert.True(
            app.Use(
                d =>
                    d.AuditEntries.Count(
                        a => a.EntityType == nameof(Alert) && a.EntityKey == alert.Id.ToString(CultureInfo.InvariantCulture))) >= 3);
        await admin.PostAsync("/api/v1/alerts/evaluate", null);
        Assert.Equal(0, app.Use(d => d.Alerts.Count(a => a.DedupKey == key && a.Status != AlertStatus.Resolved)));

        // The owner's alerts page shows it among the resolved ones.
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, ownerUser.UserName!, FipApp.UserPassword);
        var page = await browser.GetStringAsync("/Alerts?status=Resolved");
        Assert.Contains("已组织首台（套）认定申报", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// Enterprises an import created are audited in its batches, not one line each: the leader's "since your last visit"
    /// counts them with the ones saved one by one (a database of its own, so the count is exact).
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LeaderHome_CountsImportedEnterprisesSinceTheLastVisit(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var leader = await app.CreateUserAsync(Roles.Leader);
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, leader.Id), new(System.Security.Claims.ClaimTypes.Role, Roles.Leader)],
            "test"));
        async Task<LeaderHomeView> VisitAt(DateTimeOffset when)
        {
            using var scope = app.Services.CreateScope();
            var sp = scope.ServiceProvider;
            var clock = new FixedClock(when);
            var home = new LeaderHome(sp.GetRequiredService<FipDbContext>(), sp.GetRequiredService<GoalService>(),
                new AlertService(sp.GetRequiredService<FipDbContext>(), sp.GetRequiredService<Fip.Web.Features.Messaging.Messenger>(),
                    clock, sp.GetServices<IAlertResolutionCheck>(), NullLogger<AlertService>.Instance), clock,
                sp.GetRequiredService<KeptViews>(), sp.GetRequiredService<Fip.Web.Features.Plans.PlanQueries>(), new HomeVisitMemory());
            return await home.BuildAsync(principal, CancellationToken.None);
        }
        Assert.Null((await VisitAt(DateTimeOffset.UtcNow.AddHours(-2))).PreviousVisit);

        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var codes = Enumerable.Range(0, 3).Select(_ => RegistryTests.NewCreditCode()).ToList();
        var csv = RegistryTests.Csv(["统一社会信用代码,企业名称,所属板块", .. codes.Select(c => $"{c},扬州导入回访{c[^6..]}有限公司,广陵区")]);
        var (status, result) = await RegistryTests.Import(admin, "enterprises", Encoding.UTF8.GetBytes(csv), "visit.csv", commit: true);
        Assert.Equal((HttpStatusCode.OK, 3), (status, result.Added));
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/enterprises",
                new { creditCode = RegistryTests.NewCreditCode(), name = "扬州保存回访有限公司", district = "广陵区" })).StatusCode);

        var second = await VisitAt(DateTimeOffset.UtcNow.AddHours(1));
        Assert.NotNull(second.PreviousVisit);
        Assert.Equal(4, Assert.Single(second.Changes, c => c.Registry == "enterprises").Created);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LeaderHome_ShowsWhatChangedSinceTheLastVisit(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var leader = await app.CreateUserAsync(Roles.Leader);
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, leader.Id), new(System.Security.Claims.ClaimTypes.Role, Roles.Leader)],
            "test"));
        // Two web nodes, each with its memory of recent visits.
        var (nodeA, nodeB) = (new HomeVisitMemory(), new HomeVisitMemory());
        async Task<LeaderHomeView> VisitAt(DateTimeOffset when, HomeVisitMemory? node = null)
        {
            using var scope = app.Services.CreateScope();
            var sp = scope.ServiceProvider;
            var clock = new FixedClock(when);
            var home = new LeaderHome(sp.GetRequiredService<FipDbContext>(), sp.GetRequiredService<GoalService>(),
                new AlertService(sp.GetRequiredService<FipDbContext>(), sp.GetRequiredService<Fip.Web.Features.Messaging.Messenger>(),
                    clock, sp.GetServices<IAlertResolutionCheck>(), NullLogger<AlertService>.Instance), clock,
                sp.GetRequiredService<KeptViews>(), sp.GetRequiredService<Fip.Web.Features.Plans.PlanQueries>(), node ?? nodeA);
            return await home.BuildAsync(principal, CancellationToken.None);
        }

        var first = await VisitAt(DateTimeOffset.UtcNow.AddHours(-2));
        Assert.Null(first.PreviousVisit);
        Assert.Equal(5, first.Goals.Count);

        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/enterprises",
                new { creditCode = code, name = "扬州回访测试有限公司", district = "广陵区" })).StatusCode);

        var reload = await VisitAt(DateTimeOffset.UtcNow.AddHours(-2).AddMinutes(5)); // within the same visit
        Assert.Null(reload.PreviousVisit);
        var second = await VisitAt(DateTimeOffset.UtcNow.AddHours(1));
        Assert.NotNull(second.PreviousVisit);
        Assert.Contains(second.Changes, c => c.Registry == "enterprises" && c.Created >= 1);

        // Reloads within a minute are answered from the node's memory, the same answer as the database's.
        var start = DateTimeOffset.UtcNow.AddHours(3);
        var third = await VisitAt(start);
        Assert.Equal(DateTimeOffset.UtcNow.AddHours(1).UtcDateTime, third.PreviousVisit!.Value, TimeSpan.FromSeconds(5));
        Assert.Equal(third.PreviousVisit, (await VisitAt(start.AddSeconds(30))).PreviousVisit);
        // Another node, after a gap, rolls the visit on; the first node's memory is too old to answer and it reads the roll.
        var rolled = await VisitAt(start.AddMinutes(45), nodeB);
        Assert.Equal(start.UtcDateTime, rolled.PreviousVisit!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(rolled.PreviousVisit, (await VisitAt(start.AddMinutes(45).AddSeconds(20), nodeA)).PreviousVisit);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LeaderHome_KeptFigures_MoveWithEveryWrite_ParkAndAlert(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var leader = app.BrowserClient();
        var leaderUser = await app.CreateUserAsync(Roles.Leader);
        await FipApp.SignInAsync(leader, leaderUser.UserName!, FipApp.UserPassword);
        var parksTarget =
            app.Use(
                d => d.Targets
                    .Where(
                        t => d.Indicators.Any(i => i.Id == t.IndicatorId && i.Code == "pilot-parks")
                            && d.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent))
                    .Select(t => t.Id)
                    .First());
        async Task<(int Parks, string Html)> Home()
        {
            var html = await leader.GetStringAsync("/");
            var card = html[html.IndexOf($"href=\"/Goals/Target/{parksTarget}\" data-testid=\"kpi-card\"", StringComparison.Ordinal)..];
            var value = System.Text.RegularExpressions.Regex.Match(card, "data-testid=\"kpi-value\">(\\d+)<").Groups[1].Value;
            return (int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), html);
        }

        var (before, _) = await Home();
        Assert.Equal(before, (await Home()).Parks); // kept, same figure

        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/parks",
                new { name = "扬州首页园" + tag, district = "仪征市", status = "在建", tracks = new[] { "合成生物" } })).StatusCode);
        Assert.Equal(before + 1, (await Home()).Parks);

        // An alert raised after the page was kept shows at once.
        var title = "首页预警测试" + tag;
        app.Use(d =>
        {
            d.Alerts.Add(
                new Alert
                {
                    Rule = "test",
                    DedupKey = "test:" + tag,
                    Severity = AlertSeverity.Red,
                    Status = AlertStatus.Open,
                    Title = title,
                    Message = title,
                    RaisedAt = DateTime.UtcNow
                });
            return d.Save();
        });
        Assert.Contains(title, (await Home()).Html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NavAlertCount_IsKept_ButFollowsEveryAlertWrite(DatabaseProvider db)
    {
        await using var app = FipApp.Start(db); // its own database: no other test raises alerts for this district
        var user = await app.CreateUserAsync(Roles.District, district: "宝应县");
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        async Task<int> NavCount()
        {
            return NavigationBadges.Alerts(await browser.GetStringAsync("/Plans")) ?? 0;
        }

        var before = await NavCount();
        Assert.Equal(before, await NavCount());
        var alert = await app.RaiseAlertAsync(user);
        Assert.Equal(before + 1, await NavCount());
        app.Use(d =>
        {
            var a = d.Alerts.Single(x => x.Id == alert.Id);
            a.Status = AlertStatus.Resolved;
            a.ResolutionNote = "已处理";
            return d.Save();
        });
        Assert.Equal(before, await NavCount());
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AlertsPage_OwnerAcknowledgesAndResolves_NoteRequired(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District, district: "高邮市");
        var alert = await app.RaiseAlertAsync(user);
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        var ack = await FipApp.PostFormAsync(browser, "/Alerts?handler=Acknowledge",
            new Dictionary<string, string> { ["id"] = alert.Id.ToString(CultureInfo.InvariantCulture), ["version"] = alert.Version },
            formPage: "/Alerts");
        Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        var version = app.Use(d => d.Alerts.Single(a => a.Id == alert.Id).Version);
        var noNote = await FipApp.PostFormAsync(browser, "/Alerts?handler=Resolve",
            new Dictionary<string, string>
            { ["id"] = alert.Id.ToString(CultureInfo.InvariantCulture), ["version"] = version, ["note"] = "" }, formPage: "/Alerts");
        // Post-redirect-get: back to the list (never ?handler=Resolve), the error beside the alert's note field.
        Assert.Equal(HttpStatusCode.Redirect, noNote.StatusCode);
        var back = noNote.Headers.Location!.OriginalString;
        Assert.DoesNotContain("handler", back, StringComparison.Ordinal);
        Assert.EndsWith($"#alert-{alert.Id}", back, StringComparison.Ordinal);
        var list = await browser.GetStringAsync(back);
        Assert.Matches($"id=\"note-{alert.Id}\"[^>]*is-invalid|is-invalid[^>]*id=\"note-{alert.Id}\"", list);
        Assert.Contains($"id=\"note-{alert.Id}-error\" class=\"invalid-feedback d-block\" data-testid=\"alert-error\">办结时请填写说明。", list,
            StringComparison.Ordinal);
        var done = await FipApp.PostFormAsync(browser, "/Alerts?handler=Resolve",
            new Dictionary<string, string>
            { ["id"] = alert.Id.ToString(CultureInfo.InvariantCulture), ["version"] = version, ["note"] = "已处理" }, formPage: "/Alerts");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(AlertStatus.Resolved, app.Use(d => d.Alerts.Single(a => a.Id == alert.Id).Status));
        // The person's name, not the login name.
        var resolved = await browser.GetStringAsync("/Alerts?status=Resolved");
        Assert.Contains($"{user.DisplayName} 于", resolved, StringComparison.Ordinal);
        Assert.DoesNotContain($"{user.UserName} 于", resolved, StringComparison.Ordinal);

        // Enterprise users have no goals or alerts pages.
        var enterprise = app.BrowserClient();
        await FipApp.SignInAsync(enterprise, (await app.CreateUserAsync(Roles.Enterprise)).UserName!, FipApp.UserPassword);
        foreach (var url in new[] { "/Goals", "/Alerts" })
        {
            var r = await enterprise.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/Accounts/AccessDenied", r.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DingTalkRobot_GetsASignedMessage_AndAFailureIsRetriedNotLost(DatabaseProvider db)
    {
        // An app of its own: alerts other tests raise meanwhile would be queued for this test's robots too.
        await using var app = FipApp.Start(db);
        var received = new ConcurrentQueue<(string Path, IQueryCollection Query, string Body)>();
        var failNext = true;
        await using var listener = await Listener.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            received.Enqueue((context.Request.Path, context.Request.Query, body));
            if (context.Request.Query["access_token"] == "failing" && failNext)
            {
                context.Response.StatusCode = 500;
                return;
            }
            await context.Response.WriteAsJsonAsync(new { errcode = 0, errmsg = "ok" });
        });

        const string secret = "SECtest0123456789abcdef";
        var channels = app.Use(d =>
        {
            // Robots added for this test only; others are disabled so the queue holds only ours.
            foreach (var c in d.RobotChannels) c.Enabled = false;
            var good = new RobotChannel
            {
                Name = "测试群",
                Kind = RobotKind.DingTalk,
                BaseUrl = listener.Url,
                Token = "tok123",
                Secret = secret,
                MinimumSeverity = AlertSeverity.Blue
            };
            var bad = new RobotChannel
            {
                Name = "故障群",
                Kind = RobotKind.DingTalk,
                BaseUrl = listener.Url,
                Token = "failing",
                Secret = secret,
                MinimumSeverity = AlertSeverity.Red
            };
            d.RobotChannels.AddRange(good, bad);
            d.Save();
            return (Good: good.Id, Bad: bad.Id);
        });
        try
        {
            var owner = await app.CreateUserAsync(Roles.Department, department: "市发改委");
            var alert = await app.RaiseAlertAsync(owner, AlertSeverity.Red);
            Assert.Equal(2, app.Use(d => d.AlertDeliveries.Count(x => x.AlertId == alert.Id)));

            var sent = await app.WithAsync<AlertDispatcher, int>(s => s.DispatchOnceAsync(CancellationToken.None));
            Assert.Equal(1, sent);
            var call = received.Single(r => r.Query["access_token"] == "tok123");
            Assert.Equal("/robot/send", call.Path);
            var timestamp = long.Parse(call.Query["timestamp"]!, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - timestamp) < 3_600_000);
            var expected =
                Convert.ToBase64String(
                    HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
            Assert.Equal(expected, call.Query["sign"]); // the query string arrives URL-decoded
            using var json = JsonDocument.Parse(call.Body);
            Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
            Assert.Contains("测试预警", json.RootElement.GetProperty("markdown").GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Contains("市发改委", json.RootElement.GetProperty("markdown").GetProperty("text").GetString(), StringComparison.Ordinal);

            // The failing robot: kept, retried later, the error recorded.
            var failed = app.Use(d => d.AlertDeliveries.Single(x => x.AlertId == alert.Id && x.ChannelId == channels.Bad));
            Assert.Equal(DeliveryStatus.Pending, failed.Status);
            Assert.Equal(1, failed.Attempts);
            Assert.Contains("500", failed.LastError, StringComparison.Ordinal);
            Assert.True(failed.NextAttemptAt > DateTime.UtcNow);
            Assert.Equal(DeliveryStatus.Sent,
                app.Use(d => d.AlertDeliveries.Single(x => x.AlertId == alert.Id && x.ChannelId == channels.Good).Status));

            // When it is due again and the robot is back, it goes out.
            failNext = false;
            app.Use(
                d => { d.AlertDeliveries.Single(x => x.Id == failed.Id).NextAttemptAt = DateTime.UtcNow.AddSeconds(-1); return d.Save(); });
            Assert.Equal(1, await app.WithAsync<AlertDispatcher, int>(s => s.DispatchOnceAsync(CancellationToken.None)));
            Assert.Equal(DeliveryStatus.Sent, app.Use(d => d.AlertDeliveries.Single(x => x.Id == failed.Id).Status));
        }
        finally
        {
            app.Use(
                d =>
                    {
                        d.RobotChannels.RemoveRange(
                        d.RobotChannels.Where(c => c.Id == channels.Good || c.Id == channels.Bad)); return d.Save();
                    });
        }
    }
}

/// <summary>A clock that says what the test wants.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A local HTTP listener on a free loopback port, standing in for the robots' servers.</summary>
internal sealed class Listener : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string Url { get; }

    private Listener(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<Listener> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Listener(app, url);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
