using System.ComponentModel.DataAnnotations;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Accounts;

/// <summary>/Accounts/Register: an enterprise signs itself up (user name, password, contact phone, e-mail), is signed in, and
/// claims or submits its record on 我的企业.</summary>
[AllowAnonymous]
public sealed class RegisterModel(AccountService accounts, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "User.UserName")]
        public string UserName { get; set; } = "";

        [Display(Name = "User.DisplayName")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Register.Phone")]
        public string Phone { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "User.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "User.Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Register.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", l["Register.PasswordsDiffer"]);
            return Page();
        }
        var result =
            await accounts.RegisterEnterpriseAsync(Input.UserName, Input.DisplayName, Input.Password, Input.Phone, Input.Email, ct);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(e.Field.Length == 0 ? "" : "Input." + e.Field, e.Message);
            return Page();
        }
        await signIn.SignInAsync(result.User!, isPersistent: false);
        return LocalRedirect("/MyEnterprise");
    }
}
