using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>A goal card with the query string (district/track) its links and charts carry.</summary>
public sealed record GoalCardView(GoalCard Card, string Query);

public sealed class IndexModel(GoalService goals, FipDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public int? Track { get; set; }

    public IReadOnlyList<GoalCard> Cards { get; private set; } = [];
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public IReadOnlyList<Track> Tracks { get; private set; } = [];
    public string Query => (District is { } d ? "&district=" + d.ToString(CultureInfo.InvariantCulture) : "") + (Track is { } t ? "&track=" + t.ToString(CultureInfo.InvariantCulture) : "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        Tracks = await db.Tracks.AsNoTracking().Where(t => db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId)).OrderBy(t => t.SortOrder).ToListAsync(ct);
        Cards = await goals.CardsAsync(ct, District, Track);
    }
}
