using Fip.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Accounts;

public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(AuditActions.SignOut, User.Identity.Name ?? "", User.UserId(), success: true);
            // A new security stamp ends the session on the server too: a copy of the cookie is refused from the next request on
            // (SessionValidation). Personal access tokens are not sessions and stay valid.
            if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Accounts/Login", new { signedOut = 1 });
    }
}
