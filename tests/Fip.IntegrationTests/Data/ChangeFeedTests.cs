using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Fip.IntegrationTests.Data;

/// <summary>
/// The session check's results kept on PostgreSQL while the change feed says nothing they read changed
/// (<see cref="SessionSnapshots"/>, <see cref="PostgresChangeFeed"/>). The writes that must reach a node are made here with a
/// plain Npgsql connection, outside EF Core, as another node or a tool would: only the database's notification can tell the
/// node (the process's own writes are counted by <see cref="LocalWrites"/>). Each test has an app of its own.
/// </summary>
public sealed class ChangeFeedTests
{
    /// <summary>How long a notification may take to reach the node: well under <see cref="SessionSnapshots.MaxAge"/>, so a change
    /// seen in time was told by the feed, not found by a kept result growing old.</summary>
    private static readonly TimeSpan Notified = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Postgres_WarmPages_UseTheKeptSessionResult_NotARoundTrip()
    {
        using var app = FipApp.Start(DatabaseProvider.Postgres);
        var snapshots = await LiveAsync(app);
        var (browser, _) = await SignedInAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        var before = snapshots.Counts;
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        var after = snapshots.Counts;
        Assert.True(after.Hits - before.Hits >= 4, $"hits {before} → {after}");
    }

    [Fact]
    public async Task Sqlite_HasNoFeed_AndReadsTheSessionAtEveryRequest()
    {
        using var app = FipApp.Start(DatabaseProvider.Sqlite);
        var snapshots = app.Services.GetRequiredService<SessionSnapshots>();
        var (browser, _) = await SignedInAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        var before = snapshots.Counts;
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        Assert.False(snapshots.Live);
        Assert.Equal(before.Hits, snapshots.Counts.Hits);
        Assert.True(snapshots.Counts.Reads - before.Reads >= 3);
    }

    /// <summary>An account disabled, or its security stamp changed (a password reset, a sign-out of every session), by another
    /// node (a plain statement here) is refused at the next page, not by a kept result growing old.</summary>
    [Theory]
    [InlineData("\"IsDisabled\" = true")]
    [InlineData("\"SecurityStamp\" = 'elsewhere'")]
    public async Task SessionEndedElsewhere_IsRefusedAsSoonAsTheNotificationArrives(string change)
    {
        using var app = FipApp.Start(DatabaseProvider.Postgres);
        await LiveAsync(app);
        var (browser, user) = await SignedInAsync(app);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        await ExecuteAsync(app, $"""UPDATE "AspNetUsers" SET {change} WHERE "Id" = @id""", user.Id);
        Assert.True(await WithinAsync(Notified, async () => (await browser.GetAsync("/Goals")).StatusCode == HttpStatusCode.Redirect),
            $"after {change} elsewhere, the cookie still opened /Goals");
    }

    /// <summary>Messages read elsewhere leave the badge at the next page; a stamp moved elsewhere makes the next page read.</summary>
    [Fact]
    public async Task MessagesAndStampsChangedElsewhere_ReachTheNextPage()
    {
        using var app = FipApp.Start(DatabaseProvider.Postgres);
        var snapshots = await LiveAsync(app);
        var (browser, user) = await SignedInAsync(app);
        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            for (var i = 0; i < 2; i++) context.Add(NewMessage(user.Id, "通知测试"));
            await context.SaveChangesAsync();
        }
        static int Badge(string page) => NavigationBadges.Messages(page) ?? 0;
        Assert.Equal(2, Badge(await browser.GetStringAsync("/Goals")));
        Assert.Equal(2, Badge(await browser.GetStringAsync("/Goals")));
        await ExecuteAsync(app, """UPDATE "Messages" SET "ReadAt" = now() WHERE "UserId" = @id""", user.Id);
        Assert.True(await WithinAsync(Notified, async () => Badge(await browser.GetStringAsync("/Goals")) == 0),
            "the badge still counted messages read elsewhere");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        var version = snapshots.Version;
        await ExecuteAsync(app, """UPDATE "ChangeStamps" SET "Value" = "Value" + 1 WHERE "Name" = 'goals' AND @id <> ''""", user.Id);
        Assert.True(await WithinAsync(Notified, () => Task.FromResult(snapshots.Version != version)), "no notification of the stamp");
        var reads = snapshots.Counts.Reads;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        Assert.Equal(reads + 1, snapshots.Counts.Reads);
    }

    /// <summary>While the feed's connection is lost nothing is kept (every page reads its session); it reconnects by itself.</summary>
    [Fact]
    public async Task FeedLost_EveryPageReadsItsSession_UntilTheFeedIsBack()
    {
        using var app = FipApp.Start(DatabaseProvider.Postgres);
        var snapshots = await LiveAsync(app);
        var (browser, _) = await SignedInAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        await ExecuteAsync(app, $"""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = '{PostgresChangeFeed.ApplicationName}' AND datname = current_database() AND @id <> ''
            """, "x");
        Assert.True(await WithinAsync(Notified, () => Task.FromResult(!snapshots.Live)), "the feed did not notice its connection ended");
        var before = snapshots.Counts;
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        Assert.Equal((before.Hits, before.Reads + 3), snapshots.Counts);
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(15), () => Task.FromResult(snapshots.Live)), "the feed did not reconnect");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        var hits = snapshots.Counts.Hits;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Goals")).StatusCode);
        Assert.Equal(hits + 1, snapshots.Counts.Hits);
    }

    /// <summary>The process's own writes through EF Core move the version at once (saves, bulk updates, commits).</summary>
    [Fact]
    public async Task LocalWrites_CountSavesBulkStatementsAndCommits()
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var user = await app.CreateUserAsync(Roles.Leader);
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var database = app.Services.GetRequiredService<DatabaseOptions>().EffectiveConnectionString;
        var count = LocalWrites.CountFor(database);
        context.Add(NewMessage(user.Id, "本地写入"));
        await context.SaveChangesAsync();
        Assert.True(LocalWrites.CountFor(database) > count, "a save");
        count = LocalWrites.CountFor(database);
        await context.Set<Message>().Where(m => m.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.ReadAt, DateTime.UtcNow));
        Assert.True(LocalWrites.CountFor(database) > count, "a bulk update");
        count = LocalWrites.CountFor(database);
        await using (var transaction = await context.Database.BeginTransactionAsync())
            await transaction.CommitAsync();
        Assert.True(LocalWrites.CountFor(database) > count, "a commit");
    }

    /// <summary>The triggers notify for exactly the tables the session query reads.</summary>
    [Fact]
    public void TheNotifyingTables_AreTheTablesOfTheSessionQuery()
    {
        var read = Regex.Matches(FipDbContext.SessionSql, "FROM \"(\\w+)\"").Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(read, Fip.Web.Data.Migrations.Postgres.ChangeNotifications.Tables.Order().ToList());
    }

    private static Message NewMessage(string userId, string title) => new()
    {
        EventKey = $"feed-test:{Guid.NewGuid():N}",
        UserId = userId,
        Kind = MessageKind.TaskAssigned,
        Title = title,
        Body = title,
        CreatedAt = DateTime.UtcNow,
    };

    private static async Task<SessionSnapshots> LiveAsync(FipApp app)
    {
        var snapshots = app.Services.GetRequiredService<SessionSnapshots>();
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(snapshots.Live)), "the feed never listened");
        return snapshots;
    }

    private static async Task<(HttpClient, AppUser)> SignedInAsync(FipApp app)
    {
        var user = await app.CreateUserAsync(Roles.Leader);
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return (browser, user);
    }

    private static async Task ExecuteAsync(FipApp app, string sql, string id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> WithinAsync(TimeSpan time, Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + time;
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(50);
        }
    }
}
