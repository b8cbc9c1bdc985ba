using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Tolerance;

/// <summary>/Portal/Tolerance: the anonymised 公示 of decided 容错 cases the decision published (no people; the unit only if the
/// decision says so).</summary>
[AllowAnonymous]
public sealed class PortalCasesModel(ToleranceService service) : PageModel
{
    public IReadOnlyList<PublicCase> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await service.PublishedAsync(ct);
}
