using Fip.Web.Data;
using Fip.Web.Features.Messaging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fip.Web.Features.Accounts;

/// <summary>
/// Ends a session on the server at once: on every request the cookie's security stamp is compared with the account's (read by
/// primary key, with the change stamps, in one query). Sign-out, a password change or reset, disabling, a new role or scope all
/// change the stamp, so a copied cookie stops working with the very next request. The principal itself (its claims) is still
/// rebuilt by Identity's validator at its interval. The change stamps read with the account are the ones the request's kept
/// views are keyed on (<see cref="FipDbContext.AllStampsAsync"/>), and the account's unread messages are counted with them (the
/// navigation's badge, <see cref="Messenger.UnreadCountAsync"/>), so a signed-in page pays one round trip for all three.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = context.Principal?.UserId();
        var stamp = context.Principal?.FindFirst(claimType)?.Value;
        if (id is null) return;
        var db = services.GetRequiredService<FipDbContext>();
        var rows = await db.ChangeStamps.AsNoTracking()
            .Select(s => new SessionRow { Name = s.Name, Value = s.Value, SecurityStamp = null, Unread = 0 })
            .Concat(db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new SessionRow
            {
                Name = AccountRow,
                Value = u.IsDisabled ? 1 : 0,
                SecurityStamp = u.SecurityStamp,
                Unread = db.Set<Message>().Count(m => m.UserId == id && m.ReadAt == null),
            }))
            .ToListAsync(context.HttpContext.RequestAborted);
        db.KeepStamps(rows.Where(r => r.Name != AccountRow).ToDictionary(r => r.Name, r => r.Value, StringComparer.Ordinal));
        var account = rows.FirstOrDefault(r => r.Name == AccountRow);
        if (account is null || account.Value != 0 || stamp is null
            || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        services.GetRequiredService<Messenger>().RememberUnreadCount(account.Unread);
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The account's row among the stamps (no stamp is named so): Value 1 when the account is disabled.</summary>
    private const string AccountRow = "#account";

    /// <summary>A row of the union (set by member, as EF Core translates a set operation only over such a projection).</summary>
    private sealed class SessionRow
    {
        public string Name { get; init; } = "";
        public long Value { get; init; }
        public string? SecurityStamp { get; init; }
        /// <summary>The account's unread messages (the navigation's badge), 0 on the stamps' rows.</summary>
        public int Unread { get; init; }
    }
}
