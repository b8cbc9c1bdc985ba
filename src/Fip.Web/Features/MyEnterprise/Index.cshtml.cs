using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.MyEnterprise;

/// <summary>
/// /MyEnterprise (我的企业): an unbound enterprise user claims its record (or submits one); a bound one sees its profile (editing
/// goes through the registry's form: figures-feeding fields become a pending change), its pending change, its yearly figures and
/// their filing window, its products, projects, support applications and requests.
/// </summary>
[Authorize(Policy = Policies.EnterpriseSelf)]
public sealed class IndexModel(EnterpriseRequestService requests, RegistryOpsFactory registries, EnterpriseIndicatorOps figures,
    Support.SupportQueries support, IConfiguration configuration, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ClaimInput Claim { get; set; } = new(null, null, null, null);

    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public List<EnterpriseRequest> Requests { get; private set; } = [];
    public IRegistryOps Enterprises { get; private set; } = null!;
    public RecordView? Record { get; private set; }
    public YearlyFiguresList? Figures { get; private set; }
    public RecordPage? Products { get; private set; }
    public RecordPage? Projects { get; private set; }
    public List<Support.ApplicationDto> Applications { get; private set; } = [];
    public FilingWindow Window { get; private set; } = FilingWindow.Default;
    public DateOnly Today { get; private set; }
    /// <summary>The year being filed now, or the last year whose window closed.</summary>
    public int FilingYear { get; private set; }
    public bool FilingOpen { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostClaimAsync(CancellationToken ct)
    {
        var outcome = await requests.ClaimAsync(Claim, User, ct);
        if (outcome.IsOk)
        {
            TempData["Flash"] = l["MyEnterprise.ClaimSent"].Value;
            return Redirect("/MyEnterprise#requests");
        }
        Errors = outcome.Status.Messages(l);
        Response.StatusCode = outcome.Status.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Enterprises = registries.For(EnterpriseRegistry.Key)!;
        Requests = await requests.VisibleTo(User).OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        Window = FilingWindow.From(configuration);
        Today = Display.Today(clock);
        FilingYear = Window.OpenYear(Today) ?? (Today < Window.Deadline(Today.Year - 1) ? Today.Year - 2 : Today.Year - 1);
        FilingOpen = Window.IsOpen(FilingYear, Today);
        if (User.EnterpriseUscc() is null) return;
        var page = await Enterprises.ListAsync(new RegistryFilter { PageSize = 1 }, User, ct);
        if (page.Items.FirstOrDefault() is not { } record) return;
        Record = record;
        Figures = await figures.ListAsync(record.Id, User, ct);
        Products = await registries.For(ProductRegistry.Key)!.ListAsync(new RegistryFilter { PageSize = 100 }, User, ct);
        Projects = await registries.For(ProjectRegistry.Key)!.ListAsync(new RegistryFilter { PageSize = 100 }, User, ct);
        Applications = await support.ApplicationsAsync(User, ct);
    }
}
