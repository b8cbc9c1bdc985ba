using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Demand;

/// <summary>
/// The talent pool, the talent demands and the skill taxonomy name a track: a plan revision that merges a track moves them to the
/// track it merges into; one that removes a track leaves people and demands without a track and drops the track's skill entries
/// (the taxonomy of a track that no longer exists counts nothing).
/// </summary>
public sealed class TalentTrackDependents(FipDbContext db) : ITrackDependents
{
    public IEnumerable<TrackDependentQuery> Naming(Track track)
    {
        var id = track.Id;
        yield return new("Registry.talents", $"/Registries/{Talent.TalentRegistry.Key}/",
            db.Set<Talent.Talent>().Where(t => t.TrackId == id).OrderBy(t => t.Id).Select(t => new ValueTuple<int, string>(t.Id, t.Name)));
        yield return new("Registry.demands", $"/Registries/{TalentDemandRegistry.Key}/",
            db.Set<TalentDemand>().Where(t => t.TrackId == id).OrderBy(t => t.Id).Select(t => new ValueTuple<int, string>(t.Id, t.Name)));
        yield return new("Registry.skills", $"/Registries/{TalentSkillRegistry.Key}/",
            db.Set<TalentSkill>().Where(t => t.TrackId == id).OrderBy(t => t.Id).Select(t => new ValueTuple<int, string>(t.Id, t.Name)));
    }

    public Task<string?> RefusesRemovalAsync(IReadOnlyList<Track> tracks, CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task MoveAsync(int from, int? to, CancellationToken ct)
    {
        foreach (var t in await db.Set<Talent.Talent>().Where(t => t.TrackId == from).ToListAsync(ct)) t.TrackId = to;
        foreach (var d in await db.Set<TalentDemand>().Where(d => d.TrackId == from).ToListAsync(ct)) d.TrackId = to;
        foreach (var s in await db.Set<TalentSkill>().Where(s => s.TrackId == from).ToListAsync(ct))
        {
            if (to is { } track) s.TrackId = track;
            else db.Remove(s);
        }
    }
}
