using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.MyEnterprise;

/// <summary>/MyEnterprise/Requests: the district's (an admin: every) claims, new records and changes; approve, or refuse with a
/// reason.</summary>
[Authorize(Policy = Policies.DistrictWrite)]
public sealed class RequestsModel(EnterpriseRequestService requests, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<EnterpriseRequest> Pending { get; private set; } = [];
    public List<EnterpriseRequest> Decided { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public int? FailedId { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(int id, string? decision, string? reason, string? version, CancellationToken ct)
    {
        var outcome = await requests.DecideAsync(id, decision == "approve", reason, version, User, ct);
        switch (outcome.Status.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = l[decision == "approve" ? "MyEnterprise.Approved" : "MyEnterprise.Refused"].Value;
                return Redirect("/MyEnterprise/Requests");
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        Errors = outcome.Status.Messages(l);
        FailedId = id;
        Response.StatusCode = outcome.Status.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var visible = requests.VisibleTo(User);
        Pending = await visible.Where(r => r.State == RequestState.Pending).OrderBy(r => r.Id).Take(200).ToListAsync(ct);
        Decided = await visible.Where(r => r.State != RequestState.Pending).OrderByDescending(r => r.DecidedAt).Take(50).ToListAsync(ct);
    }
}
