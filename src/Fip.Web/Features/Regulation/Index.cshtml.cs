using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Regulation;

/// <summary>/Regulation: the measures and notices the user sees, statistics by department and track, and the rules. An enterprise
/// finds here the 提示 and 行政指导 sent to it.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(RegulationService service) : PageModel
{
    public IReadOnlyList<RegulatoryMeasure> Measures { get; private set; } = [];
    public IReadOnlyList<RegulatoryNotice> Notices { get; private set; } = [];
    public IReadOnlyList<MeasureStat> Stats { get; private set; } = [];
    public DateOnly Today => service.Today;
    public bool IsRegulator => User.Role() is Roles.Admin or Roles.Department;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Measures = await service.MeasuresAsync(User, ct);
        Notices = await service.NoticesAsync(User, null, ct);
        Stats = RegulationService.Statistics(Measures);
    }
}
