using System.Text.RegularExpressions;

namespace Fip.Policy.Text;

/// <summary>
/// What one parse knows at a point of the pipeline: the text, its lines and the findings of the phases run so far. It is
/// never changed: each phase reader (<see cref="LayoutReader"/>, <see cref="TitleReader"/>, <see cref="OutlineReader"/>,
/// <see cref="TrackReader"/>, <see cref="NoteReader"/>, <see cref="TargetReader"/>, <see cref="PlaceReader"/>) reads a
/// context and returns its findings, and <see cref="PolicyParser"/> makes the next context with <c>with</c>.
/// </summary>
internal sealed record ParseContext
{
    /// <summary>Commas, semicolons, colons, full stops: what bounds a clause.</summary>
    public const string ClauseSeparators = "，,；;。：:！？!?";

    /// <summary>What ends a sentence.</summary>
    public const string SentenceSeparators = "。；;！？!?";

    /// <summary>The document as written; every quote is cut from it.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// The text the rules match on: the source with full-width digits and ％ mapped one-to-one to ASCII and Traditional
    /// characters to Simplified (<c>traditional.txt</c>), so every offset is the same in both; names are given back as
    /// written (<see cref="AsWritten"/>).
    /// </summary>
    public required string Text { get; init; }

    public required PolicyVocabulary Vocabulary { get; init; }

    /// <summary>A figure with its unit (<see cref="PolicyParser"/> builds it once from the vocabulary).</summary>
    public required Regex Quantity { get; init; }

    /// <summary>Each line's trimmed [Start, End) in <see cref="Text"/> (<see cref="LayoutReader"/>).</summary>
    public IReadOnlyList<(int Start, int End)> Lines { get; init; } = [];

    /// <summary>Where the clause the text is cut in starts, or <see cref="int.MaxValue"/> (<see cref="LayoutReader"/>).</summary>
    public int TruncatedFrom { get; init; } = int.MaxValue;

    /// <summary>Where the body starts, after the title lines (<see cref="TitleReader"/>).</summary>
    public int BodyStart { get; init; }

    /// <summary>The title as matched (<see cref="TitleReader"/>).</summary>
    public string Title { get; init; } = "";

    /// <summary>The numbered headings in order (<see cref="OutlineReader"/>).</summary>
    public IReadOnlyList<OutlineHeading> Outline { get; init; } = [];

    /// <summary>The tracks with their paragraphs, umbrellas included (<see cref="TrackReader"/>).</summary>
    public IReadOnlyList<TrackFinding> Tracks { get; init; } = [];

    /// <summary>A context holding only the text, before any phase has run.</summary>
    public static ParseContext Create(string source, PolicyVocabulary vocabulary, Regex quantity) => new()
    {
        Source = source,
        Text = MatchingText(source, vocabulary.Simplified),
        Vocabulary = vocabulary,
        Quantity = quantity,
    };

    public SourceSpan Span(int start, int length) => SourceSpan.Of(Source, start, length);

    public string Sub(int start, int end) => Text[start..end];

    /// <summary>
    /// A name read from the matching text, given back as the source writes it (國家 stays 國家, ５０ stays ５０): the
    /// same characters at the offset of its first occurrence in the matching text.
    /// </summary>
    public string AsWritten(string name)
    {
        if (ReferenceEquals(Text, Source) || name.Length == 0) return name;
        var at = Text.IndexOf(name, StringComparison.Ordinal);
        return at >= 0 ? Source.Substring(at, name.Length) : name;
    }

    /// <summary>Index of the innermost heading at or before <paramref name="offset"/>, or -1.</summary>
    public int SectionAt(int offset)
    {
        int lo = 0, hi = Outline.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Outline[mid].Source.Offset <= offset) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    /// <summary>The headings enclosing <paramref name="index"/>, innermost first.</summary>
    public IEnumerable<OutlineHeading> Ancestors(int index) => Ancestors(Outline, index);

    /// <summary>The headings of <paramref name="outline"/> enclosing <paramref name="index"/>, innermost first.</summary>
    public static IEnumerable<OutlineHeading> Ancestors(IReadOnlyList<OutlineHeading> outline, int index)
    {
        if (index < 0) yield break;
        var level = int.MaxValue;
        for (var i = index; i >= 0; i--)
        {
            if (outline[i].Level < level)
            {
                level = outline[i].Level;
                yield return outline[i];
                if (level == 1) yield break;
            }
        }
    }

    /// <summary>The tier words of the nearest enclosing heading that has some.</summary>
    public (string Code, string Words)? TierAbove(int sectionIndex)
    {
        foreach (var h in Ancestors(sectionIndex))
            if (Vocabulary.TierIn(h.Title) is { } tier) return tier;
        return null;
    }

    /// <summary>The track whose own paragraph (its heading to the next) holds <paramref name="offset"/>.</summary>
    public TrackFinding? TrackAt(int offset) =>
        Tracks.LastOrDefault(t => t.ParagraphStart >= 0 && t.ParagraphStart <= offset && offset < t.ParagraphEnd);

    public static bool IsCjk(char c) => c >= '\u4e00' && c <= '\u9fff';

    /// <summary>
    /// What follows a comma that a republishing page doubled (<c>前沿新材料,、光子芯片</c>, <c>未来产业,,每年</c>,
    /// <c>研究院,。</c>): Chinese never writes a comma right before another separator, so that comma is read as a space.
    /// </summary>
    internal const string DoubledAfterComma = "、,，。；;";

    private static string MatchingText(string s, IReadOnlyDictionary<char, char> simplified)
    {
        static char Map(string s, int i, IReadOnlyDictionary<char, char> simplified)
        {
            var c = s[i];
            if (c is ',' or '，' && i + 1 < s.Length && DoubledAfterComma.Contains(s[i + 1], StringComparison.Ordinal)) return ' ';
            return c is >= '\uFF10' and <= '\uFF19' ? (char)(c - '\uFF10' + '0')
                : c == '％' ? '%'
                : simplified.TryGetValue(c, out var sc) ? sc : c;
        }
        var changed = false;
        for (var i = 0; i < s.Length; i++)
            if (Map(s, i, simplified) != s[i]) { changed = true; break; }
        if (!changed) return s;
        return string.Create(s.Length, (s, simplified), (span, st) =>
        {
            for (var i = 0; i < st.s.Length; i++) span[i] = Map(st.s, i, st.simplified);
        });
    }
}

/// <summary>A track as the track phase leaves it: name, tier, chain links and its own paragraph (-1 when it has none).</summary>
internal sealed record TrackFinding(string Name, string? TierCode, string? TierWords, SourceSpan Source,
    IReadOnlyList<ChainElement> Chain, int ParagraphStart, int ParagraphEnd, string Family = "");

/// <summary>A focus place found by a phase, with the track whose paragraph or list it belongs to, if any.</summary>
internal sealed record PlaceFinding(FocusPlace Place, string? TrackName);
