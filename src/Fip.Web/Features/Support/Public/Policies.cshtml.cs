using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support.Public;

/// <summary>扶持政策 on the public portal: published policies only, searched in their name, text and 解读 (Chinese substrings).</summary>
[AllowAnonymous]
public sealed class PoliciesModel(FipDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<SupportPolicy> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.Set<SupportPolicy>().AsNoTracking().Where(p => p.IsPublished);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var pattern = Like.Contains(Q.Trim()[..Math.Min(Q.Trim().Length, 50)]);
            q = q.Where(p => EF.Functions.Like(p.Name, pattern, "\\") || EF.Functions.Like(p.Summary, pattern, "\\")
                || EF.Functions.Like(p.Interpretation, pattern, "\\") || EF.Functions.Like(p.SourceClause, pattern, "\\")
                || EF.Functions.Like(p.IssuingUnit, pattern, "\\"));
        }
        Items = await q.OrderBy(p => p.Id).ToListAsync(ct);
    }
}
