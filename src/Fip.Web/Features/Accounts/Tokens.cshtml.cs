using System.ComponentModel.DataAnnotations;
using Fip.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Accounts;

public sealed class TokensModel(FipDbContext db, UserManager<AppUser> users, AccessTokenService tokens) : PageModel
{
    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Token.Name")]
    public string Name { get; set; } = "";

    [BindProperty]
    [Range(1, 3650, ErrorMessage = "Token.ExpiryRange")]
    [Display(Name = "Token.ExpiresInDays")]
    public int? ExpiresInDays { get; set; } = 90;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var created = await tokens.CreateAsync(user, Name, ExpiresInDays is { } d ? DateTime.UtcNow.AddDays(d) : null, ct);
        NewSecret = created.PlainText;
        Name = "";
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var userId = User.UserId();
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct);
        if (token is null) return NotFound();
        token.RevokedAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        Tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(ct);
    }
}
