using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Tolerance;

/// <summary>/Tolerance: the 容错 cases (reviewers and the task force only).</summary>
[Authorize(Policy = Policies.Tolerance)]
public sealed class IndexModel(ToleranceService service) : PageModel
{
    public IReadOnlyList<ToleranceCase> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await service.ListAsync(ct);
}
