using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>The registry records that name a track: enterprises (their tracks), products, scenarios, projects, parks, platforms.</summary>
public sealed class RegistryTrackDependents(FipDbContext db) : ITrackDependents
{
    private static string Label(string registry) => RegistryCatalogue.LabelKeyOf(registry);

    public IEnumerable<TrackDependentQuery> Naming(Track track)
    {
        var id = track.Id;
        var code = Code(id);
        TrackDependentQuery Of(string key, IQueryable<(int, string)> rows) => new(Label(key), $"/Registries/{key}/", rows);
        yield return Of(EnterpriseRegistry.Key,
            db.Enterprises
                .Where(e => db.EnterpriseTracks.Any(t => t.EnterpriseId == e.Id && t.TrackId == id))
                .OrderBy(e => e.Id)
                .Select(e => new ValueTuple<int, string>(e.Id, e.Name)));
        yield return Of(ProductRegistry.Key,
            db.KeyProducts.Where(p => p.TrackId == id).OrderBy(p => p.Id).Select(p => new ValueTuple<int, string>(p.Id, p.Name)));
        yield return Of(ScenarioRegistry.Key,
            db.Scenarios.Where(p => p.TrackId == id).OrderBy(p => p.Id).Select(p => new ValueTuple<int, string>(p.Id, p.Name)));
        yield return Of(ProjectRegistry.Key,
            db.KeyProjects.Where(p => p.TrackId == id).OrderBy(p => p.Id).Select(p => new ValueTuple<int, string>(p.Id, p.Name)));
        yield return Of(ParkRegistry.Key,
            db.PilotParks
                .Where(p => p.TrackCodes.Contains(code))
                .OrderBy(p => p.Id)
                .Select(p => new ValueTuple<int, string>(p.Id, p.Name)));
        yield return Of(PlatformRegistry.Key,
            db.InnovationPlatforms
                .Where(p => p.TrackCodes.Contains(code))
                .OrderBy(p => p.Id)
                .Select(p => new ValueTuple<int, string>(p.Id, p.Name)));
    }

    public Task<string?> RefusesRemovalAsync(IReadOnlyList<Track> tracks, CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task MoveAsync(int from, int? to, CancellationToken ct)
    {
        foreach (var link in await db.EnterpriseTracks.Where(e => e.TrackId == from).ToListAsync(ct))
        {
            db.EnterpriseTracks.Remove(link);
            if (to is { } t && !await db.EnterpriseTracks.AnyAsync(e => e.EnterpriseId == link.EnterpriseId && e.TrackId == t, ct))
                db.EnterpriseTracks.Add(new EnterpriseTrack { EnterpriseId = link.EnterpriseId, TrackId = t });
        }
        foreach (var p in await db.KeyProducts.Where(p => p.TrackId == from).ToListAsync(ct)) p.TrackId = to;
        foreach (var p in await db.Scenarios.Where(p => p.TrackId == from).ToListAsync(ct)) p.TrackId = to;
        foreach (var p in await db.KeyProjects.Where(p => p.TrackId == from).ToListAsync(ct)) p.TrackId = to;
        var code = Code(from);
        foreach (var p in await db.PilotParks.Where(p => p.TrackCodes.Contains(code)).ToListAsync(ct))
            p.TrackCodes = Moved(p.TrackCodes, from, to);
        foreach (var p in await db.InnovationPlatforms.Where(p => p.TrackCodes.Contains(code)).ToListAsync(ct))
            p.TrackCodes = Moved(p.TrackCodes, from, to);
    }

    private static string Code(int trackId) => "|" + trackId.ToString(CultureInfo.InvariantCulture) + "|";

    private static string Moved(string trackCodes, int from, int? to) =>
        ParkRegistry.TrackCodes([.. ParkRegistry.TrackIds(trackCodes).Select(i => i == from ? to ?? -1 : i).Where(i => i > 0).Distinct()]);
}
