using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Goals;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fip.IntegrationTests;

/// <summary>
/// Several web nodes on one database: each test starts a second host of the app (its own services, caches, job host
/// and key ring in memory) on the first one's database, as a second node behind the proxy would be.
/// </summary>
public class NodesTests
{
    private static WebApplicationFactory<Program> SecondNode(FipApp app) => app.WithWebHostBuilder(_ => { });

    private static async Task<HttpClient> AdminApiAsync(FipApp app, WebApplicationFactory<Program> node)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync(Roles.Admin)));
        return client;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ACookieAndAnAntiforgeryTokenIssuedByOneNode_AreAcceptedByTheOther(DatabaseProvider db)
    {
        await using var app = FipApp.Start(db);
        await using var nodeB = SecondNode(app);
        var user = await app.CreateUserAsync(Roles.Department);
        var cookies = new CookieContainer();
        var onA = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));

        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(onA, user.UserName!, FipApp.UserPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/Accounts/Tokens")).StatusCode);
        var me = await onB.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(user.UserName, me.GetProperty("userName").GetString());

        // The request token of a page served by A, sent with the cookie to B's API.
        var token = await FipApp.ApiAntiforgeryTokenAsync(onA);
        HttpRequestMessage CreateToken() => new(HttpMethod.Post, "/api/v1/me/tokens")
        {
            Content = JsonContent.Create(new { name = "节点", expiresInDays = 1 }),
        };
        var withoutToken = await onB.SendAsync(CreateToken());
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        var request = CreateToken();
        request.Headers.Add("RequestVerificationToken", token);
        var created = await onB.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The keys are in the database: a node with a key ring of its own elsewhere reads neither.
        var folder = Path.Combine(Path.GetTempPath(), $"fip-keys-{Guid.NewGuid():N}");
        await using var stranger = app.WithWebHostBuilder(b => b.UseSetting("DataProtection:KeysPath", folder));
        var onStranger = stranger.CreateDefaultClient(new CookieContainerHandler(cookies));
        var refused = await onStranger.GetAsync("/Accounts/Tokens");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Accounts/Login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.True(app.Use(d => d.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"DataProtectionKeys\"").ToList()[0]) >= 1);
    }

    private sealed class CountingJob(TimeSpan takes) : IScheduledJob
    {
        public int Runs;
        public string Name => "nodes-test";
        public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromHours(1);

        public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            await Task.Delay(takes, ct);
            return null;
        }
    }

    private static JobHost JobHostOf(WebApplicationFactory<Program> node) =>
        node.Services.GetServices<IHostedService>().OfType<JobHost>().Single();

    [Fact]
    public async Task OnPostgres_TwoNodesRunningAJobAtOnce_RunItOnce_AndADeadHoldersLeaseIsFreed()
    {
        await using var app = FipApp.Start(DatabaseProvider.Postgres);
        await using var nodeB = SecondNode(app);
        var (hostA, hostB) = (JobHostOf(app), JobHostOf(nodeB));
        Assert.IsType<PostgresJobLease>(app.Services.GetRequiredService<IJobLease>());

        const int rounds = 8;
        var job = new CountingJob(TimeSpan.FromMilliseconds(400));
        for (var i = 0; i < rounds; i++)
            await Task.WhenAll(hostA.RunOnceAsync(job, CancellationToken.None), hostB.RunOnceAsync(job, CancellationToken.None));
        Assert.Equal(rounds, job.Runs);

        // Advisory locks belong to the session: when the holder's connection dies, the job is free for the other node.
        var (leaseA, leaseB) = (app.Services.GetRequiredService<IJobLease>(), nodeB.Services.GetRequiredService<IJobLease>());
        var held = await leaseA.TryAcquireAsync("nodes-dead-holder", CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await leaseB.TryAcquireAsync("nodes-dead-holder", CancellationToken.None));
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' " +
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1);
        }
        IAsyncDisposable? taken = null;
        for (var wait = 0; taken is null && wait < 50; wait++)
        {
            taken = await leaseB.TryAcquireAsync("nodes-dead-holder", CancellationToken.None);
            if (taken is null) await Task.Delay(100);
        }
        Assert.NotNull(taken);
        await taken.DisposeAsync();
        try { await held.DisposeAsync(); }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException) { }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TwoNodesEvaluatingAtOnce_RaiseEachAlertAndTakeEachMonthsSnapshotOnce(DatabaseProvider db)
    {
        await using var app = FipApp.Start(db);
        await using var nodeB = SecondNode(app);
        var (adminA, adminB) = (await AdminApiAsync(app, app), await AdminApiAsync(app, nodeB));

        // The same key raised by eight writers on the two nodes at once: one alert.
        var key = "nodes:" + Guid.NewGuid().ToString("N");
        var raised = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RaiseAsync(i % 2 == 0 ? app.Services : nodeB.Services, key)));
        Assert.Single(raised, r => r);
        Assert.Equal(1, app.Use(d => d.Alerts.Count(a => a.DedupKey == key)));

        // The rules and the month's snapshots, evaluated on both nodes at once, three times.
        var total = 0;
        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(adminA.PostAsync("/api/v1/alerts/evaluate", null),
                adminB.PostAsync("/api/v1/alerts/evaluate", null), adminA.PostAsync("/api/v1/supervision/evaluate", null),
                adminB.PostAsync("/api/v1/supervision/evaluate", null));
            foreach (var r in responses)
            {
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                total += (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("raised").GetInt32();
            }
            await Task.WhenAll(TakeScheduledAsync(app.Services), TakeScheduledAsync(nodeB.Services));
        }
        var (unresolved, duplicateKeys) = app.Use(d => (
            d.Alerts.Count(a => a.Status != AlertStatus.Resolved && a.DedupKey != key),
            d.Alerts.Where(a => a.Status != AlertStatus.Resolved).GroupBy(a => a.DedupKey).Count(g => g.Count() > 1)));
        Assert.True(unresolved > 0, "the seeded plan's goals, measured on an empty registry, raise alerts");
        Assert.Equal(0, duplicateKeys);
        Assert.Equal(unresolved, total);
        var (indicators, snapshots, duplicateMonths) = app.Use(d => (d.Indicators.Count(),
            d.IndicatorSnapshots.Count(s => s.Kind == SnapshotKinds.Scheduled),
            d.IndicatorSnapshots.Where(s => s.Kind == SnapshotKinds.Scheduled).GroupBy(s => new { s.IndicatorId, s.Period })
                .Count(g => g.Count() > 1)));
        Assert.True(indicators > 0);
        Assert.Equal(indicators, snapshots);
        Assert.Equal(0, duplicateMonths);
        // A race kept once by a unique key is not an error in the nodes' logs.
        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    private static async Task<bool> RaiseAsync(IServiceProvider node, string key)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlertService>().RaiseAsync(
            new("test", key, AlertSeverity.Blue, "并发预警", "Concurrent alert", "两个节点同时发出。", null, null, null, null),
            CancellationToken.None) is not null;
    }

    private static async Task TakeScheduledAsync(IServiceProvider node)
    {
        await using var scope = node.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SnapshotService>().TakeAsync(SnapshotKinds.Scheduled, CancellationToken.None);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TwoDispatchersAtOnce_SendEachMessageOnce_AndKeepTheRobotsLimitBetweenThem(DatabaseProvider db)
    {
        await using var app = FipApp.Start(db);
        await using var nodeB = SecondNode(app);
        var posts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var robot = await Listener.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            using var json = JsonDocument.Parse(await reader.ReadToEndAsync());
            posts.AddOrUpdate(json.RootElement.GetProperty("markdown").GetProperty("title").GetString()!, 1, (_, n) => n + 1);
            await context.Response.WriteAsJsonAsync(new { errcode = 0, errmsg = "ok" });
        });
        app.Use(d =>
        {
            foreach (var c in d.RobotChannels) c.Enabled = false;
            d.RobotChannels.Add(new RobotChannel
            {
                Name = "并发群",
                Kind = RobotKind.DingTalk,
                BaseUrl = robot.Url,
                Token = "k",
                MinimumSeverity = AlertSeverity.Blue,
            });
            return d.Save();
        });
        const int messages = 30;
        for (var i = 0; i < messages; i++)
            await app.WithAsync<AlertService, Alert?>(s => s.RaiseAsync(new("test", $"robot:{i}", AlertSeverity.Blue, $"并发消息{i:00}",
                null, "测试。", null, null, null, null), CancellationToken.None));

        // Two nodes, each dispatching twice, all at once: the limit (20 a minute for the robot) holds between them.
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => DispatchAsync(i % 2 == 0 ? app : nodeB, now)));
        Assert.Equal(AlertDispatcher.PerMinute, posts.Values.Sum());
        Assert.All(posts.Values, n => Assert.Equal(1, n));

        // A minute later the rest go out, each once.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => DispatchAsync(i % 2 == 0 ? app : nodeB, now.AddSeconds(61))));
        Assert.Equal(messages, posts.Count);
        Assert.All(posts.Values, n => Assert.Equal(1, n));
        Assert.Equal(messages, app.Use(d => d.AlertDeliveries.Count(x => x.Status == DeliveryStatus.Sent && x.ClaimedBy == null)));
    }

    private static async Task<int> DispatchAsync(WebApplicationFactory<Program> node, DateTimeOffset at)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        return await new AlertDispatcher(sp.GetRequiredService<FipDbContext>(), sp.GetRequiredService<RobotClient>(), new FixedClock(at),
            sp.GetRequiredService<IConfiguration>(), NullLogger<AlertDispatcher>.Instance).DispatchOnceAsync(CancellationToken.None);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AChainLinkReTermedOnOneNode_ChangesTheOtherNodesSuggestions_WithoutARestart(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        await using var nodeB = SecondNode(app);
        var (trackId, links) = await ChainTests.OwnChainAsync(app);
        var (adminA, adminB) = (await AdminApiAsync(app, app), await AdminApiAsync(app, nodeB));
        async Task<List<SuggestionDto>> SuggestOnB(int enterprise)
        {
            var run = await adminB.PostAsJsonAsync("/api/v1/chains/suggestions/run", new { enterpriseId = enterprise });
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
            var url = $"/api/v1/chains/suggestions?enterprise={enterprise}";
            return (await adminB.GetFromJsonAsync<List<SuggestionDto>>(url, Json.Options))!;
        }

        // B builds its matcher from the links as they are.
        const string scope = "燃料电池推进系统的研发与制造";
        var before = await ChainTests.NewEnterpriseAsync(app, scope, trackId: trackId);
        Assert.DoesNotContain(await SuggestOnB(before), s => s.LinkId == links["电机"]);

        // A re-terms a link; B's next suggestions use the new term.
        var update = await adminA.PutAsJsonAsync($"/api/v1/chains/links/{links["电机"]}",
            new { name = "电机", terms = "航空电机|燃料电池推进系统" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var after = await ChainTests.NewEnterpriseAsync(app, scope, trackId: trackId);
        var motor = Assert.Single(await SuggestOnB(after), s => s.LinkId == links["电机"]);
        Assert.Contains("燃料电池推进系统", motor.MatchedWords);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TheUniqueKeysMigration_FirstRemovesTheDuplicatesWrittenBeforeIt(DatabaseProvider db)
    {
        await using var app = FipApp.Start(db);
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var migrator = context.GetService<IMigrator>();
        var migrations = context.Database.GetMigrations().ToList();
        var unique = migrations.FindIndex(m => m.EndsWith("_SeveralNodes", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[unique - 1]);

        // What two nodes could write before: a month's scheduled snapshot twice (and one on demand), an open alert twice
        // beside a resolved one of the same key, a robot message twice.
        var indicator = await context.Indicators.AsNoTracking().FirstAsync();
        var month = new DateOnly(2026, 3, 1);
        IndicatorSnapshot Snapshot(string kind) => new()
        {
            IndicatorId = indicator.Id,
            Period = month,
            TakenAt = DateTime.UtcNow,
            Kind = kind,
            Criteria = "{}",
            Revision = 1,
        };
        context.IndicatorSnapshots.AddRange(Snapshot(SnapshotKinds.Scheduled), Snapshot(SnapshotKinds.Scheduled),
            Snapshot(SnapshotKinds.Manual));
        var key = "migration:" + Guid.NewGuid().ToString("N");
        Alert Raised(AlertStatus status) => new()
        {
            Rule = "test",
            DedupKey = key,
            Severity = AlertSeverity.Blue,
            Status = status,
            Title = "重复",
            Message = "重复",
            RaisedAt = DateTime.UtcNow,
        };
        var alerts = new[] { Raised(AlertStatus.Open), Raised(AlertStatus.Acknowledged), Raised(AlertStatus.Resolved) };
        context.Alerts.AddRange(alerts);
        var channel = new RobotChannel { Name = "迁移群", Kind = RobotKind.WeCom, Token = "t", Enabled = false };
        context.RobotChannels.Add(channel);
        await context.SaveChangesAsync();
        for (var i = 0; i < 2; i++)
            await context.Database.ExecuteSqlAsync(
                $"""
                 INSERT INTO "AlertDeliveries" ("AlertId", "ChannelId", "Status", "Attempts", "NextAttemptAt")
                 VALUES ({alerts[0].Id}, {channel.Id}, 'Pending', 0, {DateTime.UtcNow})
                 """);

        await migrator.MigrateAsync();
        context.ChangeTracker.Clear();
        Assert.Equal(1, await context.IndicatorSnapshots.CountAsync(
            s => s.IndicatorId == indicator.Id && s.Period == month && s.Kind == SnapshotKinds.Scheduled));
        Assert.Equal(1, await context.IndicatorSnapshots.CountAsync(
            s => s.IndicatorId == indicator.Id && s.Period == month && s.Kind == SnapshotKinds.Manual));
        var kept = await context.Alerts.Where(a => a.DedupKey == key).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AlertStatus.Open, AlertStatus.Resolved, AlertStatus.Resolved], kept.Select(a => a.Status));
        Assert.Equal(("system", "重复预警"), (kept[1].ResolvedBy, kept[1].ResolutionNote));
        Assert.Equal(1, await context.AlertDeliveries.CountAsync(d => d.AlertId == alerts[0].Id));
    }
}
