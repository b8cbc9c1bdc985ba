using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Chains;

/// <summary>
/// Coverage and strength of a track's chain, for other pages (the goals page shows them as context indicators):
/// two grouped counts over the link index, nothing else loaded.
/// </summary>
public sealed class ChainCoverage(FipDbContext db)
{
    /// <summary>Null for an unknown track; Links = 0 when the track has no chain.</summary>
    public async Task<ChainCoverageDto?> GetAsync(int trackId, int? districtId = null, CancellationToken ct = default)
    {
        var track = await db.Tracks
            .AsNoTracking()
            .Where(t => t.Id == trackId)
            .Select(t => new { t.Id, t.Code, t.Name, t.NameEn })
            .FirstOrDefaultAsync(ct);
        if (track is null) return null;
        // Leaves: current links that no current link hangs under.
        var leaves =
            db.ChainLinks.Where(
                l => l.TrackId == trackId
                    && l.MergedIntoId == null
                    && !db.ChainLinks.Any(c => c.ParentId == l.Id && c.MergedIntoId == null));
        var links = await leaves.CountAsync(ct);
        var onLeaves = db.EnterpriseChainLinks.Where(x => leaves.Any(l => l.Id == x.ChainLinkId) && !x.Enterprise.IsDeleted);
        if (districtId is { } d) onLeaves = onLeaves.Where(x => x.Enterprise.DistrictId == d);
        var covered = await onLeaves.Select(x => x.ChainLinkId).Distinct().CountAsync(ct);
        var strong = await onLeaves.Where(x => x.Enterprise.Qualifications.Any(q => ChainQueries.LeaderKinds.Contains(q.Kind)))
            .Select(x => x.ChainLinkId)
            .Distinct()
            .CountAsync(ct);
        return new ChainCoverageDto(track.Id, track.Code, track.Name, track.NameEn, links, covered, strong);
    }
}
