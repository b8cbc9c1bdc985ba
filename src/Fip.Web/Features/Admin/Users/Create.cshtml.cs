using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Admin.Users;

public sealed class CreateModel(FipDbContext db, AccountService accounts, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public UserForm Form { get; set; } = new();
    public ScopeChoices Choices { get; private set; } = new([], []);
    public string? CreatedPassword { get; private set; }
    public string? CreatedUserId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await ScopeChoices.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await ScopeChoices.LoadAsync(db, ct);
        if (!ModelState.IsValid) return Page();
        var password = PasswordClassesValidator.Generate();
        var result = await accounts.CreateAsync(Form.ToInput(), password, mustChangePassword: true, ct: ct);
        if (!result.Succeeded)
        {
            UserForm.AddErrors(ModelState, result.Errors);
            return Page();
        }
        CreatedPassword = password;
        CreatedUserId = result.User!.Id;
        TempData["Flash"] = l["User.Created", Form.UserName].Value;
        return Page();
    }
}
