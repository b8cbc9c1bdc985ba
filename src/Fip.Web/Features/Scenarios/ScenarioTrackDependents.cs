using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>Needs and capabilities name a track: a merged track's posts follow it; a removed track's posts keep no track.</summary>
public sealed class ScenarioTrackDependents(FipDbContext db) : ITrackDependents
{
    public async Task<IReadOnlyList<AffectedRecord>> NamingAsync(Track track, CancellationToken ct) =>
        [.. (await db.Set<ScenarioPost>().Where(p => p.TrackId == track.Id).Select(p => new { p.Id, p.Title }).ToListAsync(ct))
            .Select(p => new AffectedRecord("Nav.Scenarios", "/Scenarios/Post/" + p.Id.ToString(CultureInfo.InvariantCulture), p.Title,
                track.Name))];

    public Task<string?> RefusesRemovalAsync(IReadOnlyList<Track> tracks, CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task MoveAsync(int from, int? to, CancellationToken ct)
    {
        foreach (var p in await db.Set<ScenarioPost>().Where(p => p.TrackId == from).ToListAsync(ct)) p.TrackId = to;
    }
}
