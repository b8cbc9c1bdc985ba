using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Chains;

/// <summary>A track's chain map: curated work, so a revision may not remove its track; it follows its track into a new plan.</summary>
public sealed class ChainTrackDependents(FipDbContext db) : ITrackDependents
{
    public IEnumerable<TrackDependentQuery> Naming(Track track) =>
    [
        new("PlanImport.ChainMap", "/Chains/Link/",
            db.ChainLinks
                .Where(l => l.TrackId == track.Id && l.ParentId == null)
                .OrderBy(l => l.Id)
                .Select(l => new ValueTuple<int, string>(l.Id, l.Name))),
    ];

    public async Task<string?> RefusesRemovalAsync(IReadOnlyList<Track> tracks, CancellationToken ct)
    {
        var ids = tracks.Select(t => t.Id).ToList();
        var mapped = await db.ChainLinks.Where(l => ids.Contains(l.TrackId)).Select(l => l.TrackId).Distinct().ToListAsync(ct);
        return mapped.Count == 0
            ? null
            : "A track to be removed has a chain map: " + string.Join("、", tracks.Where(t => mapped.Contains(t.Id)).Select(t => t.Name));
    }

    public async Task MoveAsync(int from, int? to, CancellationToken ct)
    {
        if (to is not { } track) return; // a removed track with a chain map is refused before this
        foreach (var l in await db.ChainLinks.Where(l => l.TrackId == from).ToListAsync(ct)) l.TrackId = track;
    }
}
