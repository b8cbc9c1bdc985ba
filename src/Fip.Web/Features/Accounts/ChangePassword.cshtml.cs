using System.ComponentModel.DataAnnotations;
using Fip.Web.Data;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Accounts;

public sealed class ChangePasswordModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountService accounts,
    FipDbContext db, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Required { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Password.Current")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Password.New")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "Password.Mismatch")]
        [Display(Name = "Password.Confirm")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet() => Required = User.HasClaim(c => c.Type == ScopeClaims.MustChangePassword);

    public async Task<IActionResult> OnPostAsync()
    {
        Required = User.HasClaim(c => c.Type == ScopeClaims.MustChangePassword);
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", l["Password.SameAsOld"]);
            return Page();
        }
        // A wrong current password counts towards the lockout like a failed sign-in: a stolen session cannot guess it for ever.
        var check = await signIn.CheckPasswordSignInAsync(user, Input.CurrentPassword, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            await audit.RecordAsync(AuditActions.PasswordChanged, user.UserName!, user.Id, success: false, "locked out");
            await users.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            TempData["Flash"] = l["Password.LockedOut"].Value;
            return RedirectToPage("/Accounts/Login");
        }
        if (!check.Succeeded)
        {
            await audit.RecordAsync(AuditActions.PasswordChanged, user.UserName!, user.Id, success: false, "wrong current password");
            ModelState.AddModelError("Input.CurrentPassword", users.ErrorDescriber.PasswordMismatch().Description);
            return Page();
        }
        // The new password, the flag and the revoked tokens are one transaction.
        int revoked;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
            if (!result.Succeeded)
            {
                foreach (var e in result.Errors) ModelState.AddModelError("Input.NewPassword", e.Description);
                return Page();
            }
            user.MustChangePassword = false;
            revoked = await accounts.RevokeTokensAsync(user);
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditActions.PasswordChanged, user.UserName!, user.Id, success: true);
            await transaction.CommitAsync();
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = revoked > 0 ? l["Password.ChangedTokensRevoked", revoked].Value : l["Password.Changed"].Value;
        return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
