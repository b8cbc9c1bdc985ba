using System.Collections.Frozen;
using JiebaNet.Segmenter;

namespace Fip.Web.Features.Chains;

/// <summary>A chain link as the matcher sees it: its name and the words that stand for it.</summary>
public sealed record MatcherLink(int Id, int TrackId, string Name, IReadOnlyList<string> Terms);

/// <summary>A proposed link for an enterprise: confidence 0–1 and the words that matched (the explanation).</summary>
public sealed record LinkMatch(int LinkId, double Confidence, IReadOnlyList<string> Words);

/// <summary>
/// Finds the chain links an enterprise works on from its business scope (经营范围) and product names.
/// Text is segmented with jieba and a domain dictionary made of every link's name and terms; each link is scored
/// TF-IDF style: Σ over matched words of (1 + ln tf) × idf × weight, where idf = ln(1 + links / links using the word),
/// a link's own name weighs more than a synonym, a two-character synonym less (too general), product names more than
/// scope text, and links of a track the enterprise is not registered for count less. Confidence = 1 − e^(−score/4).
/// Immutable after construction; safe to share between threads.
/// </summary>
public sealed class ChainMatcher
{
    private const double NameWeight = 1.0, TermWeight = 0.8, ShortTermWeight = 0.45, ProductBoost = 1.3, OtherTrackFactor = 0.55,
        Scale = 4.0;
    // jieba's dictionary is shared and mutable: cutting reads it, adding domain words writes it.
    private static readonly ReaderWriterLockSlim DictionaryLock = new();
    private static volatile JiebaSegmenter? _segmenter;

    private readonly FrozenDictionary<string, (int Link, double Weight)[]> _index;
    private readonly FrozenDictionary<string, double> _idf;
    private readonly FrozenDictionary<int, int> _trackOf;

    public int LinkCount => _trackOf.Count;

    /// <summary>The track a link belongs to.</summary>
    public int TrackOf(int linkId) => _trackOf[linkId];

    public ChainMatcher(IEnumerable<MatcherLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var list = links.ToList();
        var index = new Dictionary<string, List<(int, double)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in list)
        {
            var words = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { [Normalize(link.Name)] = NameWeight };
            foreach (var term in link.Terms.Select(Normalize).Where(t => t.Length > 1))
                words.TryAdd(term, term.Length <= 2 ? ShortTermWeight : TermWeight);
            foreach (var (word, weight) in words)
            {
                if (!index.TryGetValue(word, out var entries)) index[word] = entries = [];
                entries.Add((link.Id, weight));
            }
        }
        _index = index.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        var n = Math.Max(1, list.Count);
        _idf = index.ToFrozenDictionary(kv => kv.Key, kv => Math.Log(1.0 + n / (double)kv.Value.Count), StringComparer.OrdinalIgnoreCase);
        _trackOf = list.ToFrozenDictionary(l => l.Id, l => l.TrackId);
        Segmenter(index.Keys);
    }

    /// <summary>The words of a text as the domain dictionary cuts them (punctuation and spaces dropped).</summary>
    public IReadOnlyList<string> Segment(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var segmenter = Segmenter([]);
        DictionaryLock.EnterReadLock();
        try { return [.. segmenter.Cut(text, cutAll: false, hmm: true).Where(w => w.Length > 0 && !IsSeparator(w))]; }
        finally { DictionaryLock.ExitReadLock(); }
    }

    /// <summary>The words of a text for a search index: jieba's search mode, which adds the shorter words inside a long one
    /// (物流无人机 → 物流, 无人机, 物流无人机), so a query finds the compound and its parts.</summary>
    public IReadOnlyList<string> SegmentForSearch(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var segmenter = Segmenter([]);
        DictionaryLock.EnterReadLock();
        try { return [.. segmenter.CutForSearch(text, hmm: true).Where(w => w.Length > 0 && !IsSeparator(w))]; }
        finally { DictionaryLock.ExitReadLock(); }
    }

    /// <summary>
    /// The best links for an enterprise, best first, at most <paramref name="max"/>, each with confidence ≥ <paramref name="minimum"/>.
    /// </summary>
    /// <param name="tracks">The tracks the enterprise is registered for (links of other tracks count less).</param>
    public IReadOnlyList<LinkMatch> Match(string? businessScope, IEnumerable<string>? productNames, IReadOnlySet<int>? tracks = null,
        int max = 3, double minimum = 0.35)
    {
        var counts = new Dictionary<string, (int Tf, double Boost)>(StringComparer.OrdinalIgnoreCase);
        void Count(string? text, double boost)
        {
            foreach (var word in Segment(text))
            {
                var key = Normalize(word);
                if (!_index.ContainsKey(key)) continue;
                var c = counts.GetValueOrDefault(key);
                counts[key] = (c.Tf + 1, Math.Max(c.Boost, boost));
            }
        }
        Count(businessScope, 1.0);
        foreach (var product in productNames ?? []) Count(product, ProductBoost);
        if (counts.Count == 0) return [];

        var scores = new Dictionary<int, (double Score, List<string> Words)>();
        foreach (var (word, (tf, boost)) in counts)
        {
            var idf = _idf[word];
            foreach (var (link, weight) in _index[word])
            {
                var factor = tracks is null || tracks.Count == 0 || tracks.Contains(_trackOf[link]) ? 1.0 : OtherTrackFactor;
                var add = (1.0 + Math.Log(tf)) * idf * weight * factor * boost;
                if (!scores.TryGetValue(link, out var s)) scores[link] = s = (0, []);
                scores[link] = (s.Score + add, s.Words);
                s.Words.Add(word);
            }
        }
        return [.. scores
            .Select(kv => new LinkMatch(kv.Key, Math.Round(1.0 - Math.Exp(-kv.Value.Score / Scale), 3), kv.Value.Words))
            .Where(m => m.Confidence >= minimum)
            .OrderByDescending(m => m.Confidence).ThenBy(m => m.LinkId)
            .Take(max)];
    }

    /// <summary>Full-width letters and case folded, so "ＥＶＴＯＬ" and "evtol" meet "eVTOL".</summary>
    private static string Normalize(string word) => word.Normalize(System.Text.NormalizationForm.FormKC).Trim();

    private static bool IsSeparator(string word) => word.All(c => char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c));

    /// <summary>
    /// jieba keeps one dictionary per process: the domain words are added to it (adding a word twice is harmless).
    /// Its data files are copied beside the assembly (Resources/jieba).
    /// </summary>
    private static JiebaSegmenter Segmenter(IEnumerable<string> words)
    {
        var list = words as ICollection<string> ?? [.. words];
        if (_segmenter is { } ready && list.Count == 0) return ready;
        DictionaryLock.EnterWriteLock();
        try
        {
            if (_segmenter is null)
            {
                ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources", "jieba");
                _segmenter = new JiebaSegmenter();
            }
            foreach (var word in list)
                if (word.Length > 1) _segmenter.AddWord(word, 2000);
            return _segmenter;
        }
        finally { DictionaryLock.ExitWriteLock(); }
    }
}
