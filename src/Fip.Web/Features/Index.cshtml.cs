using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features;

public sealed class IndexModel(PlanQueries queries) : PageModel
{
    public PlanDto? Plan { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await queries.CurrentPlanIdAsync(ct) is { } id) Plan = await queries.GetAsync(id, ct);
    }
}
