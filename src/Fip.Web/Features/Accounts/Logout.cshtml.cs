using Fip.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Accounts;

public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
            await audit.RecordAsync(AuditActions.SignOut, User.Identity.Name ?? "", User.UserId(), success: true);
        await signIn.SignOutAsync();
        return RedirectToPage("/Accounts/Login", new { signedOut = 1 });
    }
}
