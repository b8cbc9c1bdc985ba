using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>The registry records that name a track: enterprises (their tracks), products, scenarios, projects, parks, platforms.</summary>
public sealed class RegistryTrackDependents(FipDbContext db) : ITrackDependents
{
    private static string Link(string registry, int id) => $"/Registries/{registry}/{id.ToString(CultureInfo.InvariantCulture)}";

    private static string Label(string registry) => RegistryCatalogue.LabelKeyOf(registry);

    public async Task<IReadOnlyList<AffectedRecord>> NamingAsync(Track track, CancellationToken ct)
    {
        var id = track.Id;
        var code = Code(id);
        var affected = new List<AffectedRecord>();
        foreach (var (key, rows) in new (string, IQueryable<(int Id, string Name)>)[]
                 {
                     (EnterpriseRegistry.Key,
                         db.EnterpriseTracks
                             .Where(e => e.TrackId == id)
                             .Join(db.Enterprises, e => e.EnterpriseId, e => e.Id, (_, e) => new ValueTuple<int, string>(e.Id, e.Name))),
                     (ProductRegistry.Key,
                         db.KeyProducts.Where(p => p.TrackId == id).Select(p => new ValueTuple<int, string>(p.Id, p.Name))),
                     (ScenarioRegistry.Key,
                         db.Scenarios.Where(p => p.TrackId == id).Select(p => new ValueTuple<int, string>(p.Id, p.Name))),
                     (ProjectRegistry.Key,
                         db.KeyProjects.Where(p => p.TrackId == id).Select(p => new ValueTuple<int, string>(p.Id, p.Name))),
                     (ParkRegistry.Key,
                         db.PilotParks.Where(p => p.TrackCodes.Contains(code)).Select(p => new ValueTuple<int, string>(p.Id, p.Name))),
                     (PlatformRegistry.Key,
                         db.InnovationPlatforms
                             .Where(p => p.TrackCodes.Contains(code))
                             .Select(p => new ValueTuple<int, string>(p.Id, p.Name))),
                 })
            affected.AddRange(
                (await rows.ToListAsync(ct)).Select(r => new AffectedRecord(Label(key), Link(key, r.Id), r.Name, track.Name)));
        return affected;
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
