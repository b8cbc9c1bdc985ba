using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Admin.Users;

public sealed class EditModel(FipDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountService accounts,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public UserForm Form { get; set; } = new();
    [BindProperty] public string ConcurrencyStamp { get; set; } = "";
    public ScopeChoices Choices { get; private set; } = new([], []);
    public UserDto Account { get; private set; } = null!;
    public string? TemporaryPassword { get; private set; }
    /// <summary>How many of the user's access tokens the reset revoked.</summary>
    public int RevokedTokens { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = new UserForm
        {
            UserName = Account.UserName,
            DisplayName = Account.DisplayName,
            Role = Account.Role ?? Roles.Leader,
            DepartmentId = Account.DepartmentId,
            DistrictId = Account.DistrictId,
            EnterpriseUscc = Account.EnterpriseUscc,
            Email = Account.Email,
        };
        ConcurrencyStamp = Account.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form.UserName = Account.UserName;
        ModelState.Remove("Form.UserName");
        if (!ModelState.IsValid) return Page();
        var user = (await users.FindByIdAsync(id))!;
        var result = await accounts.UpdateAsync(user, Form.ToInput(), ConcurrencyStamp, ct);
        if (result.IsConflict)
        {
            // Someone else saved first: keep what this admin typed, show the conflict, never overwrite.
            Response.StatusCode = StatusCodes.Status409Conflict;
            ModelState.AddModelError("", l["Error.Stale"]);
            return Page();
        }
        if (!result.Succeeded)
        {
            UserForm.AddErrors(ModelState, result.Errors);
            return Page();
        }
        // The change gave the account a new security stamp, which ends its sessions: an admin editing their own account keeps
        // this one.
        if (user.Id == User.UserId()) await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, bool disable, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (disable && user.Id == User.UserId())
        {
            TempData["Flash"] = l["User.CannotDisableSelf"].Value;
            return RedirectToPage(new { id });
        }
        if (!await accounts.SetDisabledAsync(user, disable))
        {
            TempData["Flash"] = l["User.LastAdmin"].Value;
            return RedirectToPage(new { id });
        }
        TempData["Flash"] = (disable ? l["User.DisabledDone"] : l["User.EnabledDone"]).Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var reset = await accounts.ResetPasswordAsync(user, ct);
        (TemporaryPassword, RevokedTokens) = (reset.Password, reset.RevokedTokens);
        // An admin resetting their own password keeps this session (with the new stamp) to read it.
        if (user.Id == User.UserId()) await signIn.RefreshSignInAsync(user);
        await LoadAsync(id, ct);
        Form = new UserForm
        {
            UserName = Account.UserName,
            DisplayName = Account.DisplayName,
            Role = Account.Role ?? Roles.Leader,
            DepartmentId = Account.DepartmentId,
            DistrictId = Account.DistrictId,
            EnterpriseUscc = Account.EnterpriseUscc,
            Email = Account.Email
        };
        ConcurrencyStamp = Account.ConcurrencyStamp;
        ModelState.Clear();
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var account = await AccountsApi.UserQuery(db, id: id).FirstOrDefaultAsync(ct);
        if (account is null) return false;
        Account = account;
        Choices = await ScopeChoices.LoadAsync(db, ct);
        return true;
    }
}
