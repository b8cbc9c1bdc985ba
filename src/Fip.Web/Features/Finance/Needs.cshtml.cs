using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Finance;

/// <summary>融资需求对接: the open needs, oldest first, those past the deadline marked, for the finance office and staff.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NeedsModel(FinancingNeedService service) : PageModel
{
    public IReadOnlyList<UnmetNeed> Open { get; private set; } = [];
    public int UnmetDays => service.UnmetDays;

    public async Task OnGetAsync(CancellationToken ct) => Open = await service.OpenAsync(overdueOnly: false, ct);
}
