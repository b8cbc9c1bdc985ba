using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests.Data;

/// <summary>
/// The session query (<see cref="FipDbContext.ReadSessionAsync"/>, plain SQL run on every signed-in request) against what the
/// model reads from the same tables, on both databases: the stamps, the account's state and its unread messages.
/// </summary>
public class SessionQueryTests
{
    private static async Task<T> InScopeAsync<T>(FipApp app, Func<FipDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<FipDbContext>());
    }

    private static Message NewMessage(string userId, DateTime? readAt) => new()
    {
        EventKey = "session-test:" + Guid.NewGuid().ToString("N"),
        UserId = userId,
        Kind = default,
        Title = "t",
        Body = "b",
        CreatedAt = DateTime.UtcNow,
        ReadAt = readAt,
    };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TheSessionQuery_ReadsWhatTheModelReads(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Department);
        var other = await app.CreateUserAsync(Roles.Department);
        await InScopeAsync(app, async d =>
        {
            d.Set<Message>().AddRange(NewMessage(user.Id, null), NewMessage(user.Id, null), NewMessage(user.Id, DateTime.UtcNow),
                NewMessage(other.Id, null));
            return await d.SaveChangesAsync();
        });

        var before = await InScopeAsync(app, d => d.ChangeStamps.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Value));
        var (account, unread, stamps) = await InScopeAsync(app, async d =>
        {
            var read = await d.ReadSessionAsync(user.Id, CancellationToken.None);
            return (read, d.KeptUnreadMessages(user.Id), await d.AllStampsAsync(CancellationToken.None));
        });
        var expected = await InScopeAsync(app, d => d.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        var after = await InScopeAsync(app, d => d.ChangeStamps.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Value));

        Assert.NotNull(account);
        Assert.False(account.Disabled);
        Assert.Equal(expected.SecurityStamp, account.SecurityStamp);
        Assert.Equal(2, unread); // its own unread; not the read one, not another user's
        // Other tests share the app and move stamps: each value read lies between the table's before and after.
        Assert.NotEmpty(before);
        Assert.Equal(after.Keys.Order(), stamps.Keys.Order());
        foreach (var (name, value) in stamps) Assert.InRange(value, before.GetValueOrDefault(name), after[name]);

        await InScopeAsync(app, async d =>
        {
            var row = await d.Users.SingleAsync(u => u.Id == user.Id);
            row.IsDisabled = true;
            return await d.SaveChangesAsync();
        });
        Assert.True((await InScopeAsync(app, d => d.ReadSessionAsync(user.Id, CancellationToken.None)))!.Disabled);
        Assert.Null(await InScopeAsync(app, d => d.ReadSessionAsync("no-such-account", CancellationToken.None)));
    }
}
