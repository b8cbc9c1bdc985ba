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

public sealed class IndexModel(GoalService goals, FipDbContext db, Chains.ChainCoverage coverage, KeptViews kept) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public int? Track { get; set; }

    public IReadOnlyList<GoalCard> Cards { get; private set; } = [];
    /// <summary>Indicators that measure no target of the plan (see <see cref="GoalService.KeptOtherReadingsAsync"/>).</summary>
    public IReadOnlyList<IndicatorReading> Others { get; private set; } = [];
    /// <summary>Chain coverage and strength per track (context indicators), for the tracks that have a chain.</summary>
    public IReadOnlyList<Chains.ChainCoverageDto> Coverage { get; private set; } = [];
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public IReadOnlyList<Track> Tracks { get; private set; } = [];
    public string Query =>
        (District is { } d ? "&district=" + d.ToString(CultureInfo.InvariantCulture) : "")
            + (Track is { } t ? "&track=" + t.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>What the page shows for one district/track choice, kept per change stamps and day (see <see
    /// cref="GoalService.KeptCardsAsync"/>).</summary>
    private sealed record PageView(IReadOnlyList<District> Districts, IReadOnlyList<Track> Tracks,
        IReadOnlyList<Chains.ChainCoverageDto> Coverage);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cards = await goals.KeptCardsAsync(ct, District, Track);
        Others = await goals.KeptOtherReadingsAsync(ct, District, Track);
        // Districts, tracks and chain coverage move only with the goals stamp (plans, units) or the registries stamp (chain
        // links, records), so they are kept per both; a request then reads the stamps once more and renders.
        var view = await kept.GetOrCreateAsync(nameof(PageView), District, StampSet.Registries | StampSet.Goals, async c =>
        {
            var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(c);
            var tracks = await db.Tracks
                .AsNoTracking()
                .Where(t => db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId))
                .OrderBy(t => t.SortOrder)
                .ToListAsync(c);
            var list = new List<Chains.ChainCoverageDto>();
            foreach (var t in tracks)
                if (await coverage.GetAsync(t.Id, District, c) is { Links: > 0 } cov) list.Add(cov);
            return new PageView(districts, tracks, list);
        }, ct);
        Districts = view.Districts;
        Tracks = view.Tracks;
        Coverage = Track is { } only ? [.. view.Coverage.Where(c => c.TrackId == only)] : view.Coverage;
    }
}

/// <summary>An indicator that measures no target, with the query string (district/track) its drill-down carries.</summary>
public sealed record IndicatorCardView(IndicatorReading Reading, string Query, bool MayEdit);
