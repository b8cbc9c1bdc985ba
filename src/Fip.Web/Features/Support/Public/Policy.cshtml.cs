using Fip.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support.Public;

/// <summary>One published policy: what it gives, its clause and source, its 解读, who may apply (the rule in words), when and how.</summary>
[AllowAnonymous]
public sealed class PolicyModel(FipDbContext db) : PageModel
{
    public SupportPolicy Policy { get; private set; } = null!;
    public RuleNode? Rule { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.Set<SupportPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.IsPublished, ct) is not { } p)
            return NotFound();
        Policy = p;
        Rule = RuleNode.Parse(p.Rule);
        return Page();
    }
}
