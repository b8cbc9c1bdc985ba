using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Messaging;

namespace Fip.Web.Features.Inbox;

/// <summary>
/// The navigation's badges: the unresolved alerts the user answers for (staff) and the user's unread messages. The unread count
/// comes with the request's session check (<see cref="FipDbContext.ReadSessionAsync"/>); the alert count is kept per goals stamp
/// (alerts move it on) and per what alerts the user may see, so a page's navigation reads nothing from the database while the
/// alerts stay as they are (on PostgreSQL each count was one more round trip a page). The counts are handed to
/// <see cref="AlertService"/> and <see cref="Messenger"/>, so a page showing them again reads nothing more.
/// </summary>
public sealed class NavigationCounts(AlertService alerts, Messenger messages, KeptViews kept)
{
    public async Task<(int OpenAlerts, int Unread)> ReadAsync(ClaimsPrincipal user, bool staff, CancellationToken ct)
    {
        var unread = await messages.UnreadCountAsync(user, ct);
        if (!staff) return (0, unread);
        if (alerts.KnownOpenCount is { } known) return (known, unread);
        var open = await kept.GetOrCreateAsync(nameof(NavigationCounts), (user.Role(), user.DepartmentId(), user.DistrictId()),
            StampSet.Goals, c => alerts.OpenCountAsync(user, c), ct);
        alerts.RememberOpenCount(open);
        return (open, unread);
    }
}
