using System.ComponentModel.DataAnnotations;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Accounts;

public sealed class ChangePasswordModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
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
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(
                    e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword",
                    e.Description);
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditActions.PasswordChanged, user.UserName!, user.Id, success: true);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Password.Changed"].Value;
        return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
