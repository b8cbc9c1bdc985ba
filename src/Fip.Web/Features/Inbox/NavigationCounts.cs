using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Inbox;

/// <summary>
/// The navigation's badges: the unresolved alerts the user answers for (staff) and the user's unread messages, counted from the
/// data on every request in one query (two counts as subqueries of the user's own row) instead of one round trip each. The
/// counts are handed to <see cref="AlertService"/> and <see cref="Messenger"/>, so a page showing them again reads nothing more.
/// </summary>
public sealed class NavigationCounts(FipDbContext db, AlertService alerts, Messenger messages)
{
    public async Task<(int OpenAlerts, int Unread)> ReadAsync(ClaimsPrincipal user, bool staff, CancellationToken ct)
    {
        if (!staff) return (0, await messages.UnreadCountAsync(user, ct));
        if (alerts.KnownOpenCount is { } known) return (known, await messages.UnreadCountAsync(user, ct));
        var me = user.UserId() ?? "";
        var open = alerts.VisibleTo(user).Where(a => a.Status != AlertStatus.Resolved);
        var unread = messages.Of(user).Where(m => m.ReadAt == null);
        var counts = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new { Alerts = open.Count(), Unread = unread.Count() }).FirstOrDefaultAsync(ct);
        if (counts is null) return (await alerts.OpenCountAsync(user, ct), await messages.UnreadCountAsync(user, ct));
        alerts.RememberOpenCount(counts.Alerts);
        messages.RememberUnreadCount(counts.Unread);
        return (counts.Alerts, counts.Unread);
    }
}
