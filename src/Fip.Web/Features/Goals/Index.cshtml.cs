using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Fip.Web.Features.Goals;

/// <summary>A goal card with the query string (district/track) its links and charts carry.</summary>
public sealed record GoalCardView(GoalCard Card, string Query);

public sealed class IndexModel(GoalService goals, FipDbContext db, Chains.ChainCoverage coverage, Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public int? Track { get; set; }

    public IReadOnlyList<GoalCard> Cards { get; private set; } = [];
    /// <summary>Chain coverage and strength per track (context indicators), for the tracks that have a chain.</summary>
    public IReadOnlyList<Chains.ChainCoverageDto> Coverage { get; private set; } = [];
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public IReadOnlyList<Track> Tracks { get; private set; } = [];
    public string Query => (District is { } d ? "&district=" + d.ToString(CultureInfo.InvariantCulture) : "") + (Track is { } t ? "&track=" + t.ToString(CultureInfo.InvariantCulture) : "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        Tracks = await db.Tracks.AsNoTracking().Where(t => db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId)).OrderBy(t => t.SortOrder).ToListAsync(ct);
        Cards = await goals.CardsAsync(ct, District, Track);
        // Kept per registries change stamp (chain links move it too), so it is never behind the links.
        var key = (nameof(Coverage), await db.RegistryStampAsync(ct), District);
        if (!cache.TryGetValue(key, out IReadOnlyList<Chains.ChainCoverageDto>? kept) || kept is null)
        {
            var list = new List<Chains.ChainCoverageDto>();
            foreach (var t in Tracks)
                if (await coverage.GetAsync(t.Id, District, ct) is { Links: > 0 } c) list.Add(c);
            kept = list;
            cache.Set(key, kept, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 });
        }
        Coverage = Track is { } only ? [.. kept.Where(c => c.TrackId == only)] : kept;
    }
}
