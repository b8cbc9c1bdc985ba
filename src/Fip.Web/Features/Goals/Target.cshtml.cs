using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Goals;

public sealed class TargetModel(GoalService goals, FipDbContext db, AlertService alerts, SnapshotService snapshots,
    IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public GoalCard Card { get; private set; } = null!;
    public string? Description { get; private set; }
    public string? DatedBy { get; private set; }
    public IReadOnlyList<IndicatorSnapshot> Snapshots { get; private set; } = [];
    public IReadOnlyList<Alert> Alerts { get; private set; } = [];
    public bool IsAdmin { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await goals.CardAsync(id, ct) is not { } card) return NotFound();
        Card = card;
        IsAdmin = User.IsInRole(Roles.Admin);
        if (card.Reading is { } r)
        {
            Description = IndicatorAdmin.Describe(r.Definition, l);
            DatedBy = IndicatorSources.Catalogue(r.Definition.Registry) is { } catalogue ? l[catalogue.DatedByKey].Value : null;
            Snapshots = await db.IndicatorSnapshots
                .AsNoTracking()
                .Where(s => s.IndicatorId == r.Definition.Id)
                .OrderByDescending(s => s.TakenAt)
                .Take(12)
                .ToListAsync(ct);
        }
        var prefix = $"goal:{id.ToString(CultureInfo.InvariantCulture)}:";
        Alerts = await alerts.VisibleTo(User)
            .Where(a => a.DedupKey.StartsWith(prefix))
            .OrderByDescending(a => a.RaisedAt)
            .Take(10)
            .ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSnapshotAsync(int id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded) return Forbid();
        var taken = await snapshots.TakeAsync(SnapshotKinds.Manual, ct);
        TempData["Flash"] = l["Goals.SnapshotTaken", taken].Value;
        return RedirectToPage(new { id });
    }
}
