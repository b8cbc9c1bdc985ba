using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Plans;

public sealed class ProgrammeModel(PlanQueries queries) : PageModel
{
    public ProgrammeDto Programme { get; private set; } = null!;
    public int PlanId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.GetProgrammeAsync(id, ct) is not { } programme) return NotFound();
        Programme = programme;
        PlanId = (await queries.PlanIdOfProgrammeAsync(id, ct))!.Value;
        return Page();
    }
}
