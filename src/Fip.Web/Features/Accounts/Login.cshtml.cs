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
        if (user is null || user.IsDisabled)
        {
            await audit.RecordAsync(AuditActions.SignInFailed, name, user?.Id, success: false, user is null ? "unknown user" : "disabled");
            ModelState.AddModelError("", l["Login.Failed"]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInAt = DateTime.UtcNow;
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditActions.SignIn, user.UserName!, user.Id, success: true);
            return user.MustChangePassword
                ? RedirectToPage("/Accounts/ChangePassword", new { returnUrl = SafeReturnUrl() })
                : LocalRedirect(SafeReturnUrl());
        }
        await audit.RecordAsync(AuditActions.SignInFailed, name, user.Id, success: false,
            result.IsLockedOut ? "locked out" : "wrong password");
        // One message whatever went wrong, so the page tells nothing about which accounts exist.
        ModelState.AddModelError("", result.IsLockedOut ? l["Login.LockedOut"] : l["Login.Failed"]);
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
