using Fip.Web.Features.Goals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Cockpit;

/// <summary>/Cockpit: the cockpit inside the site's layout (leaders see it at / too).</summary>
public sealed class CockpitModel(CockpitService cockpit) : PageModel
{
    public CockpitView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await cockpit.GetAsync(User, ct);
}

/// <summary>/Cockpit/Screen: the cockpit alone on a dark page for a meeting room's big screen; it reloads itself every 5 minutes.</summary>
public sealed class ScreenModel(CockpitService cockpit) : PageModel
{
    public CockpitView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await cockpit.GetAsync(User, ct);
}

/// <summary>
/// /Cockpit/Map: the city map's boundaries and points as JSON, matched to the plan's districts, for the map's script (kept by
/// the browser for ten minutes; 404 when the plan brings no map).
/// </summary>
public sealed class MapModel(CityMap map) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await map.GetAsync(ct) is not { } data) return NotFound();
        Response.Headers.CacheControl = "private, max-age=600";
        return new JsonResult(new { boundaries = data.Boundaries, points = data.Points, unplaced = data.Unplaced });
    }
}

/// <summary>/Cockpit/District/{id}: one district's industry scale by track and its goal cards.</summary>
public sealed class DistrictModel(Data.FipDbContext db, EconomyFigures economy, GoalService goals) : PageModel
{
    public Organisation.District District { get; private set; } = null!;
    public FigureRow Figures { get; private set; } = null!;
    public int? Year { get; private set; }
    /// <summary>A later year still being filed (named, not shown), and its number of reporting enterprises city-wide.</summary>
    public int? FilingYear { get; private set; }
    public int FilingEnterprises { get; private set; }
    public IReadOnlyList<FigureRow> ByTrack { get; private set; } = [];
    public IReadOnlyList<GoalCard> Goals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is not { } district) return NotFound();
        District = district;
        var all = await economy.GetAsync(ct);
        Year = all.Year;
        FilingYear = all.FilingYear;
        FilingEnterprises = all.FilingEnterprises;
        Figures = all.ByDistrict.First(r => r.Id == id);
        ByTrack = await economy.ByTrackInAsync(id, ct);
        Goals = await goals.KeptCardsAsync(ct, id);
        return Page();
    }
}
