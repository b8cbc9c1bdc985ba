using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Messaging;

/// <summary>An event to tell users about: its key (unique per event), kind, text in both languages and where to act on it.</summary>
public sealed record MessageEvent(string Key, MessageKind Kind, string Title, string? TitleEn, string Body, string? BodyEn, string? Link);

/// <summary>Who a message goes to: the active users of departments and districts, of roles, and named users.</summary>
public sealed record Recipients(IReadOnlyCollection<int> DepartmentIds, IReadOnlyCollection<int> DistrictIds,
    IReadOnlyCollection<string> Roles, IReadOnlyCollection<string> UserIds)
{
    public static Recipients Unit(int? departmentId, int? districtId) =>
        new(departmentId is { } d ? [d] : [], districtId is { } x ? [x] : [], [], []);

    public static Recipients Role(string role) => new([], [], [role], []);

    public static Recipients Users(params string[] ids) => new([], [], [], ids);

    public Recipients And(Recipients other) => new([.. DepartmentIds, .. other.DepartmentIds], [.. DistrictIds, .. other.DistrictIds],
        [.. Roles, .. other.Roles], [.. UserIds, .. other.UserIds]);
}

/// <summary>
/// The message centre (站内消息). <see cref="NotifyAsync"/> adds the messages of an event to the caller's unit of work without
/// saving: the caller's <c>SaveChangesAsync</c> writes them with the event, in one transaction, or neither.
/// </summary>
public sealed class Messenger(FipDbContext db, TimeProvider clock)
{
    /// <summary>Messages are kept this long, then removed by <see cref="MessageCleanupJob"/>.</summary>
    public const int KeepDays = 180;

    /// <summary>Adds one message per recipient who has none for this event yet; returns how many were added (saved by the
    /// caller).</summary>
    public async Task<int> NotifyAsync(MessageEvent e, Recipients to, CancellationToken ct)
    {
        var users = await UserIdsAsync(to, ct);
        if (users.Count == 0) return 0;
        var existing = await db.Set<Message>().Where(m => m.EventKey == e.Key && users.Contains(m.UserId)).Select(m => m.UserId)
            .ToListAsync(ct);
        var pending = db.ChangeTracker.Entries<Message>().Where(m => m.State == EntityState.Added && m.Entity.EventKey == e.Key)
            .Select(m => m.Entity.UserId);
        var skip = existing.Concat(pending).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var user in users.Where(u => !skip.Contains(u)))
        {
            db.Set<Message>().Add(new Message
            {
                EventKey = Cut(e.Key, 200)!,
                UserId = user,
                Kind = e.Kind,
                Title = Cut(e.Title, 300)!,
                TitleEn = Cut(e.TitleEn, 300),
                Body = Cut(e.Body, 2000)!,
                BodyEn = Cut(e.BodyEn, 2000),
                Link = Cut(e.Link, 300),
                CreatedAt = now,
            });
            added++;
        }
        return added;
    }

    private async Task<List<string>> UserIdsAsync(Recipients to, CancellationToken ct)
    {
        var deps = to.DepartmentIds.Distinct().ToList();
        var dists = to.DistrictIds.Distinct().ToList();
        var roles = to.Roles.Distinct().ToList();
        var named = to.UserIds.Distinct().ToList();
        var byRole = db.UserRoles.Join(db.Roles.Where(r => roles.Contains(r.Name!)), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
        return await db.Users.Where(u => !u.IsDisabled)
            .Where(u => (u.DepartmentId != null && deps.Contains(u.DepartmentId.Value))
                || (u.DistrictId != null && dists.Contains(u.DistrictId.Value))
                || named.Contains(u.Id)
                || byRole.Contains(u.Id))
            .Select(u => u.Id).OrderBy(id => id).ToListAsync(ct);
    }

    private static string? Cut(string? s, int max) => s is null ? null : s.Length > max ? s[..max] : s;

    /// <summary>The user's own messages (nobody reads another's), newest first.</summary>
    public IQueryable<Message> Of(ClaimsPrincipal user)
    {
        var id = user.UserId() ?? "";
        return db.Set<Message>().AsNoTracking().Where(m => m.UserId == id);
    }

    private int? _unread;

    /// <summary>How many of the user's messages are unread (counted once per request: the nav and the page both show it; a signed-in
    /// request's session check counts them already, <see cref="FipDbContext.ReadSessionAsync"/>).</summary>
    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct) =>
        _unread ??= (_wrote ? null : db.KeptUnreadMessages(user.UserId() ?? ""))
            ?? await Of(user).CountAsync(m => m.ReadAt == null, ct);

    /// <summary>Set by this request's own writes to messages: the count the session check read is then behind.</summary>
    private bool _wrote;

    /// <summary>A count of the user's unread messages read together with other counts in one query (the navigation's).</summary>
    public void RememberUnreadCount(int count) => _unread = count;

    /// <summary>Marks one of the user's messages read (another user's is not found); returns it.</summary>
    public async Task<Outcome<Message>> MarkReadAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var message = await db.Set<Message>().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || !ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, message)
            || message.UserId != user.UserId()) return Outcome.NotFound;
        if (message.ReadAt is null)
        {
            message.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            _unread = null;
            _wrote = true;
        }
        return Outcome.Ok(message);
    }

    /// <summary>Marks all the user's messages read; returns how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.UserId() ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        _unread = null;
        _wrote = true;
        return await db.Set<Message>().Where(m => m.UserId == id && m.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), ct);
    }

    /// <summary>Removes the messages older than <see cref="KeepDays"/> days; returns how many.</summary>
    public async Task<int> CleanupAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-KeepDays);
        return await db.Set<Message>().Where(m => m.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Every <c>Jobs:MessageCleanupHours</c> (24): removes the messages older than <see cref="Messenger.KeepDays"/> days.</summary>
public sealed class MessageCleanupJob : Infrastructure.Jobs.IScheduledJob
{
    public string Name => "message-cleanup";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromHours(configuration.GetValue("Jobs:MessageCleanupHours", 24));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<Messenger>().CleanupAsync(ct) is > 0 and var removed
            ? $"{removed} messages older than {Messenger.KeepDays} days removed"
            : null;
}

public static class MessagingServices
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddScoped<Messenger>();
        services.AddScheduledJob<MessageCleanupJob>();
        return services;
    }
}
