using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>Needs, capabilities and experts name a track: a merged track's posts and experts follow it; a removed track's posts keep
/// no track and its experts lose it.</summary>
public sealed class ScenarioTrackDependents(FipDbContext db) : ITrackDependents
{
    public IEnumerable<TrackDependentQuery> Naming(Track track) =>
    [
        new("Nav.Scenarios", "/Scenarios/Post/",
            db.Set<ScenarioPost>()
                .Where(p => p.TrackId == track.Id)
                .OrderBy(p => p.Id)
                .Select(p => new ValueTuple<int, string>(p.Id, p.Title))),
    ];

    public Task<string?> RefusesRemovalAsync(IReadOnlyList<Track> tracks, CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task MoveAsync(int from, int? to, CancellationToken ct)
    {
        foreach (var p in await db.Set<ScenarioPost>().Where(p => p.TrackId == from).ToListAsync(ct)) p.TrackId = to;
        var id = from.ToString(CultureInfo.InvariantCulture);
        foreach (var e in (await db.Set<ScenarioExpert>().Where(e => e.Tracks.Contains(id)).ToListAsync(ct))
                     .Where(e => CallRules.List(e.Tracks).Contains(id)))
            e.Tracks = string.Join('|', CallRules.List(e.Tracks).Select(int.Parse).Select(t => t == from ? to : t).OfType<int>().Distinct()
                .Order());
    }
}
