using System.ComponentModel.DataAnnotations;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "User.UserName")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "User.Password")]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturnUrl());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var name = Input.UserName.Trim();
        var user = await users.FindByNameAsync(name);
        var refusal = user is null ? "unknown user"
            : user.IsDisabled ? "disabled"
            : await users.IsLockedOutAsync(user) ? "locked out"
            : null;
        if (refusal is not null)
        {
            // As slow as checking a real password, so the time taken does not tell which names exist.
            SignInTiming.VerifyDummy(users.PasswordHasher, Input.Password);
            return await FailedAsync(name, user, refusal);
        }
        var result = await signIn.PasswordSignInAsync(user!, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user!.LastSignInAt = DateTime.UtcNow;
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditActions.SignIn, user.UserName!, user.Id, success: true);
            return user.MustChangePassword
                ? RedirectToPage("/Accounts/ChangePassword", new { returnUrl = SafeReturnUrl() })
                : LocalRedirect(SafeReturnUrl());
        }
        return await FailedAsync(name, user, result.IsLockedOut ? "locked out" : "wrong password");
    }

    /// <summary>One message whatever went wrong (unknown name, wrong password, disabled or locked account), so the page tells
    /// nothing about which accounts exist; the audit line says what it was.</summary>
    private async Task<IActionResult> FailedAsync(string name, AppUser? user, string reason)
    {
        await audit.RecordAsync(AuditActions.SignInFailed, name, user?.Id, success: false, reason);
        ModelState.AddModelError("", l["Login.Failed"]);
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
