using Fip.Web.Data;
using Fip.Web.Features.Chains;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>A published post as the index sees it: its structured fields and its text (title, summary, requirements or products,
/// references).</summary>
public sealed record IndexedPost(int Id, PostKind Kind, int? TrackId, int? ChainLinkId, int? DistrictId, string Title, string Text,
    string? Products, string? References)
{
    public string AllText => string.Join('\n', Title, Text, Products, References);
}

/// <summary>Why a post was ranked where it is: the words both texts share (those in the capability's products and past scenarios
/// named apart) and whether track, chain link and district agree.</summary>
public sealed record MatchReasons(IReadOnlyList<string> SharedTerms, bool SameTrack, bool SameChainLink, bool SameDistrict,
    IReadOnlyList<string> ProductTerms, IReadOnlyList<string> PastScenarioTerms);

public sealed record RankedPost(int Id, double Score, MatchReasons Reasons);

/// <summary>
/// Okapi BM25 (k1 = 1.2, b = 0.75) over jieba-segmented text, one inverted index per kind (needs, capabilities), plus fixed boosts
/// for structure: the same chain link +<see cref="LinkBoost"/>, the same track +<see cref="TrackBoost"/>, the same district
/// +<see cref="DistrictBoost"/>. Words are kept when they are two characters or longer (single characters and punctuation carry
/// no meaning on their own). Scores are accumulated in one array per query, so ranking costs the postings of the query's
/// words, not the number of posts. Immutable after <see cref="Build"/>; safe to share between threads.
/// <para>Posts are indexed in jieba's search mode (物流无人机 → 物流, 无人机, 物流无人机), so a query finds a compound by its parts.
/// A query is cut in precise mode: its words count in full, and the shorter words search mode finds inside them count
/// <see cref="SubwordWeight"/> of a word. Counting the parts in full would score one common compound three or four times
/// (机器人大模型 → 机器, 机器人, 人大, 模型, 大模型, …) and let it outweigh a rare word such as a product's model code.</para>
/// </summary>
public sealed class ScenarioIndex
{
    public const double K1 = 1.2, B = 0.75, LinkBoost = 2.0, TrackBoost = 1.0, DistrictBoost = 0.3, SubwordWeight = 0.25;

    private sealed class Part
    {
        public IndexedPost[] Posts = [];
        public int[] Lengths = [];
        public double AverageLength;
        public Dictionary<string, (int[] Docs, int[] Tfs)> Postings = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<PostKind, Part> _parts = [];
    private readonly Func<string, IReadOnlyList<string>> _segment, _segmentQuery;

    private ScenarioIndex(Func<string, IReadOnlyList<string>> segment, Func<string, IReadOnlyList<string>> segmentQuery) =>
        (_segment, _segmentQuery) = (segment, segmentQuery);

    public int Count(PostKind kind) => _parts.TryGetValue(kind, out var p) ? p.Posts.Length : 0;

    /// <summary>The words of a text that the index keeps.</summary>
    public static IEnumerable<string> Terms(IEnumerable<string> words) =>
        words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 1 && w.Any(char.IsLetterOrDigit));

    /// <param name="posts">The published posts.</param>
    /// <param name="segment">Cuts a post's text for the index (search mode).</param>
    /// <param name="segmentQuery">Cuts a query (precise mode); the index's own cut when not given.</param>
    public static ScenarioIndex Build(IEnumerable<IndexedPost> posts, Func<string, IReadOnlyList<string>> segment,
        Func<string, IReadOnlyList<string>>? segmentQuery = null)
    {
        var index = new ScenarioIndex(segment, segmentQuery ?? segment);
        foreach (var group in posts.GroupBy(p => p.Kind))
        {
            var part = new Part { Posts = [.. group] };
            part.Lengths = new int[part.Posts.Length];
            var docs = new Dictionary<string, (List<int> Docs, List<int> Tfs)>(StringComparer.Ordinal);
            // Segmenting is the cost (jieba cuts under a shared read lock, so on every core); the postings are built on one thread.
            var terms = new string[part.Posts.Length][];
            Parallel.For(0, terms.Length, i => terms[i] = [.. Terms(segment(part.Posts[i].AllText))]);
            var tf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < part.Posts.Length; i++)
            {
                tf.Clear();
                foreach (var term in terms[i]) tf[term] = tf.GetValueOrDefault(term) + 1;
                part.Lengths[i] = terms[i].Length;
                terms[i] = null!;
                foreach (var (term, n) in tf)
                {
                    if (!docs.TryGetValue(term, out var list)) docs[term] = list = ([], []);
                    list.Docs.Add(i);
                    list.Tfs.Add(n);
                }
            }
            part.AverageLength = part.Lengths.Length == 0 ? 1 : Math.Max(1, part.Lengths.Average());
            foreach (var (term, (d, t)) in docs) part.Postings[term] = ([.. d], [.. t]);
            index._parts[group.Key] = part;
        }
        return index;
    }

    /// <summary>The posts of kind <paramref name="target"/> best for <paramref name="query"/>, best first, each with its reasons.</summary>
    public IReadOnlyList<RankedPost> Rank(IndexedPost query, PostKind target, int max = 10)
    {
        if (!_parts.TryGetValue(target, out var part) || part.Posts.Length == 0) return [];
        var queryTerms = QueryTerms(query.AllText);
        var scores = Score(part, queryTerms);
        for (var i = 0; i < part.Posts.Length; i++)
        {
            var p = part.Posts[i];
            if (p.Id == query.Id && p.Kind == query.Kind) { scores[i] = 0; continue; }
            if (scores[i] <= 0) continue; // structure alone does not make a match: the texts must share something
            if (query.ChainLinkId is { } link && p.ChainLinkId == link) scores[i] += LinkBoost;
            if (query.TrackId is { } track && p.TrackId == track) scores[i] += TrackBoost;
            if (query.DistrictId is { } district && p.DistrictId == district) scores[i] += DistrictBoost;
        }
        var set = queryTerms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        return [.. Top(scores, max).Select(i => new RankedPost(part.Posts[i].Id, Math.Round(scores[i], 3), Explain(query, part.Posts[i],
            set)))];
    }

    /// <summary>Published posts of a kind whose text matches a search (the ids, best first); every post when the search is empty.</summary>
    public IReadOnlyList<int> Search(PostKind kind, string? text, int max = 500)
    {
        if (!_parts.TryGetValue(kind, out var part)) return [];
        if (string.IsNullOrWhiteSpace(text)) return [.. part.Posts.Select(p => p.Id)];
        var terms = QueryTerms(text);
        if (terms.Count == 0) terms = [(text.Trim().ToLowerInvariant(), 1.0)];
        var scores = Score(part, terms);
        return [.. Top(scores, max).Select(i => part.Posts[i].Id)];
    }

    /// <summary>A query's words with their weights: precise-mode words 1, the shorter words inside them
    /// <see cref="SubwordWeight"/>.</summary>
    private List<(string Term, double Weight)> QueryTerms(string text)
    {
        var precise = Terms(_segmentQuery(text)).ToHashSet(StringComparer.Ordinal);
        var terms = precise.Select(t => (t, 1.0)).ToList();
        terms.AddRange(Terms(_segment(text)).Where(t => !precise.Contains(t)).Distinct(StringComparer.Ordinal)
            .Select(t => (t, SubwordWeight)));
        return terms;
    }

    private static double[] Score(Part part, IReadOnlyList<(string Term, double Weight)> terms)
    {
        var n = part.Posts.Length;
        var scores = new double[n];
        foreach (var (term, weight) in terms)
        {
            if (!part.Postings.TryGetValue(term, out var postings)) continue;
            var df = postings.Docs.Length;
            var idf = weight * Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            for (var j = 0; j < df; j++)
            {
                var d = postings.Docs[j];
                double f = postings.Tfs[j];
                scores[d] += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * part.Lengths[d] / part.AverageLength));
            }
        }
        return scores;
    }

    private static IEnumerable<int> Top(double[] scores, int max)
    {
        var heap = new PriorityQueue<int, (double, int)>(max + 1, Comparer<(double Score, int Index)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Index.CompareTo(a.Index)));
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] <= 0) continue;
            heap.Enqueue(i, (scores[i], i));
            if (heap.Count > max) heap.Dequeue();
        }
        var list = new List<int>(heap.Count);
        while (heap.TryDequeue(out var i, out _)) list.Add(i);
        list.Reverse();
        return list;
    }

    private MatchReasons Explain(IndexedPost query, IndexedPost found, HashSet<string> queryTerms)
    {
        List<string> Shared(string? text) => text is null ? [] :
            [.. Terms(_segment(text)).Distinct(StringComparer.Ordinal).Where(queryTerms.Contains).Take(12)];
        var capability = found.Kind == PostKind.Capability ? found : query;
        var other = found.Kind == PostKind.Capability ? query : found;
        var otherTerms = Terms(_segment(other.AllText)).ToHashSet(StringComparer.Ordinal);
        List<string> InCapability(string? text) => text is null ? [] :
            [.. Terms(_segment(text)).Distinct(StringComparer.Ordinal).Where(otherTerms.Contains).Take(8)];
        return new MatchReasons(Shared(found.AllText),
            query.TrackId is not null && query.TrackId == found.TrackId,
            query.ChainLinkId is not null && query.ChainLinkId == found.ChainLinkId,
            query.DistrictId is not null && query.DistrictId == found.DistrictId,
            InCapability(capability.Products), InCapability(capability.References));
    }
}

/// <summary>
/// The index of published posts, rebuilt when the marketplace's change stamp or the registries' (the chain dictionary jieba cuts
/// with) moves on, so every node ranks over what the database holds.
/// </summary>
public sealed class ScenarioIndexCache(ChainMatcherCache matchers)
{
    private sealed record Kept(long Scenarios, long Registries, ScenarioIndex Index);

    private volatile Kept? _kept;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<ScenarioIndex> GetAsync(FipDbContext db, CancellationToken ct = default)
    {
        var stamps = await db.AllStampsAsync(ct);
        var (s, r) = (stamps.GetValueOrDefault(ScenarioStamp.Name), stamps.GetValueOrDefault(ChangeStamp.Registries));
        if (_kept is { } k && k.Scenarios == s && k.Registries == r) return k.Index;
        await _gate.WaitAsync(ct);
        try
        {
            if (_kept is { } again && again.Scenarios == s && again.Registries == r) return again.Index;
            var matcher = await matchers.GetAsync(db, ct);
            var posts = await db.Set<ScenarioPost>().AsNoTracking().Where(p => p.State == PostState.Published)
                .OrderBy(p => p.Id).ToListAsync(ct);
            var index = ScenarioIndex.Build(posts.Select(ToIndexed), matcher.SegmentForSearch, matcher.Segment);
            _kept = new Kept(s, r, index);
            return index;
        }
        finally { _gate.Release(); }
    }

    public static IndexedPost ToIndexed(ScenarioPost p) => p.Kind == PostKind.Capability
        ? new(p.Id, p.Kind, p.TrackId, p.ChainLinkId, p.DistrictId, p.Title, p.Summary, p.Requirements, p.References)
        : new(p.Id, p.Kind, p.TrackId, p.ChainLinkId, p.DistrictId, p.Title, p.Summary + "\n" + p.Requirements, null, null);
}
