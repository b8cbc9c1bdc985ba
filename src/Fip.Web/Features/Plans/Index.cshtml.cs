using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Plans;

public sealed class IndexModel(PlanQueries queries) : PageModel
{
    public PlanDto? Plan { get; private set; }
    public IReadOnlyList<PlanSummaryDto> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Plans = await queries.ListAsync(ct);
        var planId = id ?? await queries.CurrentPlanIdAsync(ct);
        if (planId is null) return Page();
        Plan = await queries.GetAsync(planId.Value, ct);
        return Plan is null ? NotFound() : Page();
    }
}
