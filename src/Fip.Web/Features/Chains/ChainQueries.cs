using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Chains;

/// <summary>How well a link is held locally: no enterprise (gap), some, or one with a leader qualification (strong).</summary>
public enum LinkStrength
{
    Gap,
    Some,
    Strong,
}

public sealed record ChainNodeDto(int Id, int? ParentId, string Name, string? NameEn, ChainPosition Position, IReadOnlyList<string> Terms,
    int SortOrder,
    bool IsLeaf, int Enterprises, int Leaders, int PendingSuggestions, LinkStrength Strength);

/// <summary>Per-track figures for the goals page: coverage = leaf links with ≥ 1 local enterprise; strength = leaf links with a
/// leader.</summary>
public sealed record ChainCoverageDto(int TrackId, string TrackCode, string TrackName, string? TrackNameEn, int Links, int Covered,
    int Strong)
{
    public double CoverageRate => Links == 0 ? 0 : Math.Round((double)Covered / Links, 4);
    public double StrengthRate => Links == 0 ? 0 : Math.Round((double)Strong / Links, 4);
    public int Gaps => Links - Covered;
}

public sealed record ChainMapDto(ChainCoverageDto Coverage, int? DistrictId, IReadOnlyList<Plans.DistrictRef> FocusDistricts,
    IReadOnlyList<ChainNodeDto> Nodes);

public sealed record LinkEnterpriseDto(int Id, string Name, string CreditCode, string District, bool IsDemo, ChainLinkSource Source,
    IReadOnlyList<QualificationKind> Qualifications, IReadOnlyList<string> Products);

public sealed record SuggestionDto(int Id, int EnterpriseId, string EnterpriseName, string District, int LinkId, string LinkName,
    double Confidence, IReadOnlyList<string> MatchedWords, SuggestionState State);

public sealed record LinkDetailDto(ChainNodeDto Link, int TrackId, string TrackName, string? TrackNameEn, string? ParentName,
    int? MergedIntoId,
    IReadOnlyList<LinkEnterpriseDto> Enterprises, int EnterpriseTotal, IReadOnlyList<SuggestionDto> Suggestions);

/// <summary>A gap or weak link for the 招商 (investment-attraction) list.</summary>
public sealed record GapDto(int LinkId, string Track, string Link, string? Parent, ChainPosition Position, LinkStrength Strength,
    int Enterprises, IReadOnlyList<string> FocusDistricts);

/// <summary>
/// A chain map as the map page shows it, kept until a registry or a plan changes (<see cref="ChainQueries.KeptMapAsync"/>): the
/// map without its pending suggestions (they move with no stamp: the page reads them per request), its gaps, and the districts
/// of the filter.
/// </summary>
public sealed record ChainMapView(ChainMapDto Map, IReadOnlyList<GapDto> Gaps, IReadOnlyList<Organisation.District> Districts)
{
    /// <summary>This computed view's own key: the rendered map is kept under it (<c>Track.cshtml</c>), so a view computed again renders
    /// again.</summary>
    public string RenderKey { get; } = Guid.NewGuid().ToString("N");
}

/// <summary>Read side of the chain maps. Counts are computed in the database (grouped over an index), never by loading
/// enterprises.</summary>
public sealed class ChainQueries(FipDbContext db, KeptViews kept)
{
    /// <summary>The qualifications that make a link strong: 龙头骨干, 链主, 专精特新"小巨人".</summary>
    public static readonly QualificationKind[] LeaderKinds = [QualificationKind.Backbone, QualificationKind.ChainLeader,
        QualificationKind.LittleGiant];

    public async Task<IReadOnlyList<ChainCoverageDto>> CoverageAsync(int? districtId = null, CancellationToken ct = default)
    {
        var planId = await db.Plans.AsNoTracking().Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks
            .AsNoTracking()
            .Where(t => t.PlanId == planId)
            .OrderBy(t => t.SortOrder)
            .Select(t => t.Id)
            .ToListAsync(ct);
        var result = new List<ChainCoverageDto>();
        foreach (var id in tracks)
            if (await GetCoverageAsync(id, districtId, ct) is { } c) result.Add(c);
        return result;
    }

    /// <summary>Coverage and strength of one track's chain (null for an unknown track).</summary>
    public async Task<ChainCoverageDto?> GetCoverageAsync(int trackId, int? districtId = null, CancellationToken ct = default) =>
        (await MapAsync(trackId, districtId, ct))?.Coverage;

    public async Task<ChainMapDto?> MapAsync(int trackId, int? districtId = null, CancellationToken ct = default) =>
        await ComputeMapAsync(trackId, districtId, ct) is { } map ? WithPending(map, await PendingAsync(trackId, ct)) : null;

    /// <summary>
    /// The map page's view of a track (null for an unknown track), kept per track and district filter until the registries'
    /// stamp (enterprises, their qualifications, chain links and their enterprises) or the goals' (tracks, focus districts,
    /// districts) moves on. Its nodes carry no pending suggestions: <see cref="PendingAsync"/> reads them, and
    /// <see cref="WithPending"/> puts them in. An unknown district filter is read as none.
    /// </summary>
    public async Task<ChainMapView?> KeptMapAsync(int trackId, int? districtId, CancellationToken ct) =>
        (await kept.GetOrCreateAsync("chain-map", (trackId, districtId), StampSet.Registries | StampSet.Goals, async c =>
        {
            var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(c);
            var district = districtId is { } d && districts.Any(x => x.Id == d) ? districtId : null;
            var map = await ComputeMapAsync(trackId, district, c);
            return new Optional<ChainMapView>(map is null ? null : new ChainMapView(map, Gaps(map), districts));
        }, ct)).Value;

    /// <summary>Pending suggestions per link of a track (links without any are absent), whatever the district filter.</summary>
    public async Task<IReadOnlyDictionary<int, int>> PendingAsync(int trackId, CancellationToken ct) =>
        await db.ChainSuggestions
            .AsNoTracking()
            .Where(s => s.ChainLink.TrackId == trackId && s.State == SuggestionState.Pending && !s.Enterprise.IsDeleted)
            .GroupBy(s => s.ChainLinkId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>The map with each link's pending suggestions.</summary>
    public static ChainMapDto WithPending(ChainMapDto map, IReadOnlyDictionary<int, int> pending) =>
        map with { Nodes = [.. map.Nodes.Select(n => n with { PendingSuggestions = pending.GetValueOrDefault(n.Id) })] };

    /// <summary>The map of a track, its nodes without pending suggestions.</summary>
    private async Task<ChainMapDto?> ComputeMapAsync(int trackId, int? districtId, CancellationToken ct)
    {
        var track = await db.Tracks.AsNoTracking().Where(t => t.Id == trackId)
            .Select(t => new { t.Id, t.Code, t.Name, t.NameEn }).FirstOrDefaultAsync(ct);
        if (track is null) return null;
        var links = await db.ChainLinks.AsNoTracking().Where(l => l.TrackId == trackId && l.MergedIntoId == null)
            .OrderBy(l => l.SortOrder).ThenBy(l => l.Id).ToListAsync(ct);
        var parents = links.Where(l => l.ParentId is not null).Select(l => l.ParentId!.Value).ToHashSet();

        var onTrack = db.EnterpriseChainLinks.AsNoTracking().Where(x => x.ChainLink.TrackId == trackId && !x.Enterprise.IsDeleted);
        if (districtId is { } d) onTrack = onTrack.Where(x => x.Enterprise.DistrictId == d);
        var counts = await onTrack.GroupBy(x => x.ChainLinkId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var leaders = await onTrack.Where(x => x.Enterprise.Qualifications.Any(q => LeaderKinds.Contains(q.Kind)))
            .GroupBy(x => x.ChainLinkId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // A segment shows the distinct enterprises of its links.
        var segmentCounts = await onTrack.Where(x => x.ChainLink.ParentId != null).GroupBy(x => x.ChainLink.ParentId!.Value)
            .Select(g => new { g.Key, Count = g.Select(x => x.EnterpriseId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var segmentLeaders =
            await onTrack.Where(x => x.ChainLink.ParentId != null && x.Enterprise.Qualifications.Any(q => LeaderKinds.Contains(q.Kind)))
            .GroupBy(x => x.ChainLink.ParentId!.Value)
            .Select(g => new { g.Key, Count = g.Select(x => x.EnterpriseId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var nodes = links.Select(l =>
        {
            var leaf = !parents.Contains(l.Id);
            var count = counts.GetValueOrDefault(l.Id) + (leaf ? 0 : segmentCounts.GetValueOrDefault(l.Id));
            var lead = leaders.GetValueOrDefault(l.Id) + (leaf ? 0 : segmentLeaders.GetValueOrDefault(l.Id));
            return new ChainNodeDto(l.Id, l.ParentId, l.Name, l.NameEn, l.Position, [.. l.TermList()], l.SortOrder, leaf, count, lead, 0,
                StrengthOf(count, lead));
        }).ToList();
        var leaves = nodes.Where(n => n.IsLeaf).ToList();
        var coverage = new ChainCoverageDto(track.Id, track.Code, track.Name, track.NameEn, leaves.Count,
            leaves.Count(n => n.Enterprises > 0), leaves.Count(n => n.Leaders > 0));
        var focus = await FocusDistrictsAsync(trackId, ct);
        return new ChainMapDto(coverage, districtId, focus, nodes);
    }

    public static LinkStrength StrengthOf(int enterprises, int leaders) => leaders > 0
        ? LinkStrength.Strong
        : enterprises > 0
        ? LinkStrength.Some
        : LinkStrength.Gap;

    public Task<List<Plans.DistrictRef>> FocusDistrictsAsync(int trackId, CancellationToken ct) =>
        db.TrackFocusDistricts.AsNoTracking().Where(f => f.TrackId == trackId).OrderBy(f => f.SortOrder)
            .Select(f => new Plans.DistrictRef(f.District.Id, f.District.ShortName, f.District.Code, f.District.Kind)).ToListAsync(ct);

    /// <summary>Gaps (no local enterprise) and weak links (enterprises but no leader), gaps first, in chain order.</summary>
    public async Task<IReadOnlyList<GapDto>> GapsAsync(int trackId, int? districtId = null, CancellationToken ct = default) =>
        await ComputeMapAsync(trackId, districtId, ct) is { } map ? Gaps(map) : [];

    /// <summary>The gaps and weak links of a map (see <see cref="GapsAsync"/>).</summary>
    public static IReadOnlyList<GapDto> Gaps(ChainMapDto map)
    {
        var byId = map.Nodes.ToDictionary(n => n.Id);
        var focus = map.FocusDistricts.Select(f => f.Name).ToList();
        var trackName = map.Coverage.TrackName;
        return [.. Ordered(map.Nodes).Where(n => n.IsLeaf && n.Strength != LinkStrength.Strong)
            .OrderBy(n => n.Strength)
            .Select(
                n =>
                    new GapDto(n.Id, trackName, n.Name, n.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Name : null,
                        n.Position, n.Strength, n.Enterprises, focus))];
    }

    /// <summary>Nodes in tree order (depth first, by sort order).</summary>
    public static IEnumerable<ChainNodeDto> Ordered(IReadOnlyList<ChainNodeDto> nodes)
    {
        var children = nodes.ToLookup(n => n.ParentId);
        IEnumerable<ChainNodeDto> Walk(int? parent)
        {
            foreach (var n in children[parent].OrderBy(n => n.Position).ThenBy(n => n.SortOrder).ThenBy(n => n.Id))
            {
                yield return n;
                foreach (var c in Walk(n.Id)) yield return c;
            }
        }
        return Walk(null);
    }

    /// <summary>A link with its local enterprises (first <paramref name="take"/>, leaders first) and its pending suggestions.</summary>
    public async Task<LinkDetailDto?> LinkAsync(int linkId, int? districtId = null, int take = 100, CancellationToken ct = default)
    {
        var link = await db.ChainLinks
            .AsNoTracking()
            .Include(l => l.Track)
            .Include(l => l.Parent)
            .FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null) return null;
        var map = await MapAsync(link.TrackId, districtId, ct);
        var node = map!.Nodes.FirstOrDefault(n => n.Id == linkId)
            ?? new ChainNodeDto(link.Id, link.ParentId, link.Name, link.NameEn, link.Position, [.. link.TermList()], link.SortOrder, true,
                0, 0, 0, LinkStrength.Gap);

        var query = db.EnterpriseChainLinks.AsNoTracking().Where(x => x.ChainLinkId == linkId && !x.Enterprise.IsDeleted);
        if (districtId is { } d) query = query.Where(x => x.Enterprise.DistrictId == d);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(x => x.Enterprise.Qualifications.Any(q => LeaderKinds.Contains(q.Kind))).ThenBy(x => x.Enterprise.Name)
            .Take(take)
            .Select(
                x =>
                    new
                    {
                        x.Enterprise.Id,
                        x.Enterprise.Name,
                        x.Enterprise.CreditCode,
                        District = x.Enterprise.District.ShortName,
                        x.Enterprise.IsDemo,
                        x.Source
                    })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var qualifications =
            (await db.EnterpriseQualifications.AsNoTracking().Where(q => ids.Contains(q.EnterpriseId)).ToListAsync(ct)).ToLookup(
                q => q.EnterpriseId, q => q.Kind);
        var products =
            (await db.KeyProducts
                .AsNoTracking()
                .Where(p => ids.Contains(p.EnterpriseId) && !p.IsDeleted)
                .Select(p => new { p.EnterpriseId, p.Name })
                .ToListAsync(ct))
            .ToLookup(p => p.EnterpriseId, p => p.Name);
        var enterprises =
            rows.Select(
                r =>
                    new LinkEnterpriseDto(r.Id, r.Name, r.CreditCode, r.District, r.IsDemo, r.Source, [.. qualifications[r.Id].Order()],
                        [.. products[r.Id]])).ToList();
        var suggestions = await SuggestionsAsync(s => s.ChainLinkId == linkId && s.State == SuggestionState.Pending, districtId, 200, ct);
        return new LinkDetailDto(node, link.TrackId, link.Track.Name, link.Track.NameEn, link.Parent?.Name, link.MergedIntoId, enterprises,
            total, suggestions);
    }

    public async Task<IReadOnlyList<SuggestionDto>> SuggestionsAsync(System.Linq.Expressions.Expression<Func<ChainSuggestion, bool>> filter,
        int? districtId, int take, CancellationToken ct)
    {
        var query = db.ChainSuggestions.AsNoTracking().Where(filter).Where(s => !s.Enterprise.IsDeleted);
        if (districtId is { } d) query = query.Where(s => s.Enterprise.DistrictId == d);
        var rows = await query.OrderByDescending(s => s.Confidence).ThenBy(s => s.Id).Take(take)
            .Select(
                s =>
                    new
                    {
                        s.Id,
                        s.EnterpriseId,
                        s.Enterprise.Name,
                        District = s.Enterprise.District.ShortName,
                        s.ChainLinkId,
                        LinkName = s.ChainLink.Name,
                        s.Confidence,
                        s.MatchedWords,
                        s.State
                    })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SuggestionDto(r.Id, r.EnterpriseId, r.Name, r.District, r.ChainLinkId, r.LinkName, r.Confidence,
            r.MatchedWords.Split('、', StringSplitOptions.RemoveEmptyEntries), r.State))];
    }

    /// <summary>The links an enterprise is on, and its pending suggestions, for the enterprise record page.</summary>
    public async Task<(IReadOnlyList<(int Id, string Track, string Link)> Links, IReadOnlyList<SuggestionDto> Suggestions,
        IReadOnlyList<(int Id, string Label)> Choices)> ForEnterpriseAsync(int enterpriseId, CancellationToken ct)
    {
        var links = (await db.EnterpriseChainLinks.AsNoTracking().Where(x => x.EnterpriseId == enterpriseId)
            .OrderBy(x => x.ChainLink.Track.SortOrder).ThenBy(x => x.ChainLink.Name)
            .Select(x => new { x.ChainLinkId, Track = x.ChainLink.Track.Name, x.ChainLink.Name }).ToListAsync(ct))
            .Select(x => (x.ChainLinkId, x.Track, x.Name)).ToList();
        var suggestions = await SuggestionsAsync(s => s.EnterpriseId == enterpriseId && s.State == SuggestionState.Pending, null, 20, ct);
        // Links of the enterprise's own tracks first, then every other track's; only leaf links.
        var tracks = await db.EnterpriseTracks
            .AsNoTracking()
            .Where(t => t.EnterpriseId == enterpriseId)
            .Select(t => t.TrackId)
            .ToListAsync(ct);
        var choices =
            (await db.ChainLinks
                .AsNoTracking()
                .Where(
                    l => db.Plans.Any(p => p.Id == l.Track.PlanId && p.IsCurrent)
                        && l.MergedIntoId == null
                        && !db.ChainLinks.Any(c => c.ParentId == l.Id && c.MergedIntoId == null))
            .Select(
                l =>
                    new
                    {
                        l.Id,
                        l.TrackId,
                        Track = l.Track.Name,
                        TrackOrder = l.Track.SortOrder,
                        l.Name,
                        l.SortOrder,
                        Parent = l.Parent != null ? l.Parent.SortOrder : 0
                    }).ToListAsync(ct))
            .OrderBy(l => tracks.Contains(l.TrackId) ? 0 : 1).ThenBy(l => l.TrackOrder).ThenBy(l => l.Parent).ThenBy(l => l.SortOrder)
            .Select(l => (l.Id, $"{l.Track} · {l.Name}")).ToList();
        return (links, suggestions, choices);
    }
}
