using Fip.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fip.Web.Features.Accounts;

/// <summary>
/// Ends a session on the server at once: on every request the cookie's security stamp is compared with the account's (read by
/// primary key, with the change stamps, in one query). Sign-out, a password change or reset, disabling, a new role or scope all
/// change the stamp, so a copied cookie stops working with the very next request. The principal itself (its claims) is still
/// rebuilt by Identity's validator at its interval. The account is read with the change stamps the request's kept views are
/// keyed on and the count of its unread messages (the navigation's badge), in one query (<see cref="FipDbContext.ReadSessionAsync"/>).
/// On PostgreSQL that query's result is kept while the change feed says nothing it reads has changed (<see cref="SessionSnapshots"/>):
/// a session ended on any node stops working as soon as the feed's notification arrives (milliseconds after the commit; at most
/// <see cref="SessionSnapshots.MaxAge"/> should the feed's connection die silently), and at once on the node that ended it.
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
        var account = await services.GetRequiredService<FipDbContext>()
            .ReadSessionAsync(id, context.HttpContext.RequestAborted, services.GetService<SessionSnapshots>());
        if (account is null || account.Disabled || stamp is null
            || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
