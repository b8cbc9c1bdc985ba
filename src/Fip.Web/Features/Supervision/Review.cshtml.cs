using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Supervision;

/// <summary>The task force's queue: submitted reports waiting for review, oldest first.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ReviewModel(FipDbContext db) : PageModel
{
    public IReadOnlyList<ProgressReport> Waiting { get; private set; } = [];
    public IReadOnlyList<ProgressReport> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.ProgressReports.AsNoTracking().Include(r => r.Task).Include(r => r.Department).Include(r => r.District);
        Waiting = await q.Where(r => r.State == ReportState.Submitted).OrderBy(r => r.SubmittedAt).Take(200).ToListAsync(ct);
        Recent = await q.Where(r => r.ReviewedAt != null).OrderByDescending(r => r.ReviewedAt).Take(20).ToListAsync(ct);
    }
}
