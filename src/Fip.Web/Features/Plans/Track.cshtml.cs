using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Plans;

public sealed class TrackModel(PlanQueries queries) : PageModel
{
    public TrackDto Track { get; private set; } = null!;
    public int PlanId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.GetTrackAsync(id, ct) is not { } track) return NotFound();
        Track = track;
        PlanId = (await queries.PlanIdOfTrackAsync(id, ct))!.Value;
        return Page();
    }
}
