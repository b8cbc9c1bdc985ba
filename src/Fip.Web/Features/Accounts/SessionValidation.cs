using Fip.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fip.Web.Features.Accounts;

/// <summary>
/// Ends a session on the server at once: on every request the cookie's security stamp is compared with the account's (one
/// primary-key read of two columns). Sign-out, a password change or reset, disabling, a new role or scope all change the stamp, so
/// a copied cookie stops working with the very next request. The principal itself (its claims) is still rebuilt by Identity's
/// validator at its interval.
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
        var account = await services.GetRequiredService<FipDbContext>().Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.IsDisabled }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || account.IsDisabled || stamp is null
            || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
