namespace Fip.Policy.Text;

/// <summary>
/// Numbers a document site puts before the pieces it cut a long text into (<c>1、…两大传统\n2、优势产业为重点…</c>): not item
/// headings, since the piece before ends mid-sentence and the number only continues the cut. A line opening with <c>N、</c>
/// (N ≥ 2) is such a marker when the line before opened with <c>N−1、</c>, is a paragraph (at least
/// <see cref="PieceLength"/> characters) and ends without a sentence end; the marker and the line break before it are dropped, so
/// the sentence reads whole, and the first piece's <c>1、</c> with them. A list of short items, or items that end their
/// sentences, keeps its numbers.
/// </summary>
internal static class ChunkMarkers
{
    /// <summary>A piece shorter than this is an item, however it ends: a site cuts a text into long pieces.</summary>
    internal const int PieceLength = 120;

    private const string SentenceEnds = "。；;！？!?：:";

    /// <summary>The text without chunk markers; the same instance when it has none.</summary>
    public static string Join(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<(int Start, int End)>();
        for (int s = 0, i = 0; i <= text.Length; i++)
            if (i == text.Length || text[i] == '\n')
            {
                lines.Add((s, i));
                s = i + 1;
            }
        // (start of the line break or marker to drop, end of the marker)
        var drop = new List<(int From, int To)>();
        for (var k = 1; k < lines.Count; k++)
        {
            var (ps, pe) = lines[k - 1];
            var (s, e) = lines[k];
            if (Marker(text, s, e) is not { } m || m.Number < 2) continue;
            if (Marker(text, ps, pe) is not { } p || p.Number != m.Number - 1) continue;
            var last = pe;
            while (last > ps && char.IsWhiteSpace(text[last - 1])) last--;
            if (last - ps < PieceLength || EndsASentence(text, ps, last)) continue;
            // The first piece's number goes with the second's: it opens the text's first line of words.
            if (p.Number == 1 && drop.Count == 0) drop.Add((ps, ps + p.Length));
            drop.Add((last, s + m.Length));
        }
        if (drop.Count == 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        var from = 0;
        foreach (var (f, t) in drop.OrderBy(d => d.From))
        {
            sb.Append(text, from, f - from);
            from = t;
        }
        sb.Append(text, from, text.Length - from);
        return sb.ToString();
    }

    /// <summary><c>N、</c> opening the line (after blanks): its number and the marker's length from the line start.</summary>
    private static (int Number, int Length)? Marker(string text, int s, int e)
    {
        var i = s;
        while (i < e && text[i] is ' ' or '\u3000' or '\t') i++;
        var d = i;
        while (d < e && d - i < 3 && char.IsAsciiDigit(text[d])) d++;
        if (d == i || d >= e || text[d] != '、') return null;
        return (int.Parse(text.AsSpan(i, d - i), System.Globalization.CultureInfo.InvariantCulture), d + 1 - s);
    }

    /// <summary>Whether the piece ends its sentence (a closing quote or bracket after the sentence end counts).</summary>
    private static bool EndsASentence(string text, int s, int last)
    {
        var i = last - 1;
        while (i > s && text[i] is '”' or '’' or '」' or '）' or ')' or '"') i--;
        return SentenceEnds.Contains(text[i], StringComparison.Ordinal);
    }
}
