using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Demand;

/// <summary>How short a position or skill is, from its index (see <see cref="Scarcity.Index"/>).</summary>
public enum ScarcityLevel
{
    None,      // 无需求
    Balanced,  // 供需平衡 (index 0)
    Tight,     // 偏紧 (0 < index < 0.5)
    Short,     // 紧缺 (0.5 ≤ index < 0.8)
    Severe,    // 严重紧缺 (index ≥ 0.8)
}

/// <summary>The scarcity index of the 紧缺人才图谱, stated on the page as it is computed here.</summary>
public static class Scarcity
{
    /// <summary>
    /// (demand − supply) / demand, rounded to 2 places, floored at 0 (supply at or above demand is no shortage; a surplus is not
    /// scored): 1 when nobody in the pool has the skill, 0 when the pool covers the demand. No demand: 0 when people have the
    /// skill, no value (null) when nobody asks for it and nobody has it.
    /// </summary>
    public static decimal? Index(int demand, int supply)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(demand);
        ArgumentOutOfRangeException.ThrowIfNegative(supply);
        if (demand == 0) return supply == 0 ? null : 0m;
        return Math.Round(Math.Max(0m, (decimal)(demand - supply) / demand), 2, MidpointRounding.AwayFromZero);
    }

    public static ScarcityLevel Level(decimal? index) => index switch
    {
        null => ScarcityLevel.None,
        >= 0.8m => ScarcityLevel.Severe,
        >= 0.5m => ScarcityLevel.Short,
        > 0m => ScarcityLevel.Tight,
        _ => ScarcityLevel.Balanced,
    };

    /// <summary>Whether a text (a position, skills, a field) names a taxonomy entry: its name or one of its '|' terms.</summary>
    public static bool Names(string? text, IReadOnlyList<string> words) =>
        !string.IsNullOrWhiteSpace(text) && words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<string> WordsOf(string name, string? terms) =>
        [.. new[] { name }.Concat((terms ?? "").Split('|')).Select(w => w.Trim()).Where(w => w.Length > 0)
            .Distinct(StringComparer.Ordinal)];
}

/// <summary>One cell of the 图谱: a position or skill of a track, the people asked for and the people in the pool.</summary>
public sealed record ScarcityCell(int TrackId, string Track, int SkillId, string Skill, int Demand, int Supply)
{
    public decimal? Index => Scarcity.Index(Demand, Supply);
    public ScarcityLevel Level => Scarcity.Level(Index);
}

/// <summary>
/// 紧缺人才图谱: for every entry of the skill taxonomy, the headcount that enterprises' open demands on its track ask for (a demand
/// counts in every entry its position or skills name) against the people of the core talent pool on the track whose field, chain
/// link or title names it (anonymised records excluded).
/// </summary>
public sealed class ScarcityMap(FipDbContext db, KeptViews kept)
{
    /// <summary>
    /// The cells, kept until a registry or the plan changes (a demand, a person, the taxonomy, a track; never behind a write).
    /// Computing them reads each distinct wording once: demands grouped by track, position and skills (headcounts summed) and
    /// people by track, field, chain link and title (counted) in the database, so the cost follows the variety of wordings, not
    /// the rows.
    /// </summary>
    public Task<IReadOnlyList<ScarcityCell>> CellsAsync(CancellationToken ct) =>
        kept.GetOrCreateAsync(nameof(ScarcityMap), null, StampSet.Registries | StampSet.Goals, ComputeAsync, ct);

    private async Task<IReadOnlyList<ScarcityCell>> ComputeAsync(CancellationToken ct)
    {
        var skills = await db.Set<TalentSkill>().AsNoTracking().Where(s => !s.IsDeleted)
            .OrderBy(s => s.Track.SortOrder).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Terms, s.TrackId, Track = s.Track.Name }).ToListAsync(ct);
        var demands = await db.Set<TalentDemand>().AsNoTracking().Where(d => !d.IsDeleted && d.TrackId != null)
            .GroupBy(d => new { TrackId = d.TrackId!.Value, d.Name, d.Skills })
            .Select(g => new { g.Key.TrackId, g.Key.Name, g.Key.Skills, Headcount = g.Sum(d => d.Headcount) }).ToListAsync(ct);
        var people = await db.Set<Talent.Talent>().AsNoTracking()
            .Where(t => !t.IsDeleted && t.AnonymisedAt == null && t.TrackId != null)
            .GroupBy(t => new { TrackId = t.TrackId!.Value, t.Field, t.ChainLink, t.Title })
            .Select(g => new { g.Key.TrackId, g.Key.Field, g.Key.ChainLink, g.Key.Title, Count = g.Count() }).ToListAsync(ct);
        var demandsByTrack = demands.ToLookup(d => d.TrackId);
        var peopleByTrack = people.ToLookup(p => p.TrackId);
        return [.. skills.Select(s =>
        {
            var words = Scarcity.WordsOf(s.Name, s.Terms);
            var demand = demandsByTrack[s.TrackId].Where(d => Scarcity.Names(d.Name, words) || Scarcity.Names(d.Skills, words))
                .Sum(d => d.Headcount);
            var supply = peopleByTrack[s.TrackId].Where(p => Scarcity.Names(p.Field, words) || Scarcity.Names(p.ChainLink, words)
                || Scarcity.Names(p.Title, words)).Sum(p => p.Count);
            return new ScarcityCell(s.TrackId, s.Track, s.Id, s.Name, demand, supply);
        })];
    }

    /// <summary>The demands and people behind one cell, as ids (listed by the drill-down page through their registries).</summary>
    public async Task<(TalentSkill Skill, List<int> DemandIds, List<int> PersonIds)?> BehindAsync(int skillId, CancellationToken ct)
    {
        var skill = await db.Set<TalentSkill>().AsNoTracking().Include(s => s.Track)
            .FirstOrDefaultAsync(s => s.Id == skillId && !s.IsDeleted, ct);
        if (skill is null) return null;
        var words = Scarcity.WordsOf(skill.Name, skill.Terms);
        var demands = await db.Set<TalentDemand>().AsNoTracking().Where(d => !d.IsDeleted && d.TrackId == skill.TrackId)
            .Select(d => new { d.Id, d.Name, d.Skills }).ToListAsync(ct);
        var people = await db.Set<Talent.Talent>().AsNoTracking()
            .Where(t => !t.IsDeleted && t.AnonymisedAt == null && t.TrackId == skill.TrackId)
            .Select(t => new { t.Id, t.Field, t.ChainLink, t.Title }).ToListAsync(ct);
        return (skill,
            [.. demands.Where(d => Scarcity.Names(d.Name, words) || Scarcity.Names(d.Skills, words)).Select(d => d.Id)],
            [.. people.Where(p => Scarcity.Names(p.Field, words) || Scarcity.Names(p.ChainLink, words) || Scarcity.Names(p.Title, words))
                .Select(p => p.Id)]);
    }
}
