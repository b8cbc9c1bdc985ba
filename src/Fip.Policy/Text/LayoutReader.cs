namespace Fip.Policy.Text;

/// <summary>The layout phase: the text's lines, and where an opening cut mid-sentence stops being reliable.</summary>
internal static class LayoutReader
{
    private const string ClosingPunctuation = "。；;！？!?）)〕”】》，,"; // after a comma the clause before it is whole

    /// <summary>The lines, the start of a clause the text is cut in, and the <c>truncated</c> note for it.</summary>
    internal sealed record Findings(IReadOnlyList<(int Start, int End)> Lines, int TruncatedFrom, IReadOnlyList<UnplacedItem> Unplaced);

    public static Findings Read(ParseContext context)
    {
        var text = context.Text;
        var lines = new List<(int Start, int End)>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                var (s, l) = PolicyParser.Trim(text, start, end - start);
                lines.Add((s, s + l));
                start = i + 1;
            }
        }
        var (truncatedFrom, unplaced) = Truncation(context);
        return new Findings(SplitRunOnHeadings(context, lines), truncatedFrom, unplaced);
    }

    /// <summary>An opening cut mid-sentence: the clause running into the end of the text states nothing reliable.</summary>
    private static (int, IReadOnlyList<UnplacedItem>) Truncation(ParseContext context)
    {
        var text = context.Text;
        var end = text.Length;
        while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == '\u3000')) end--;
        if (end == 0) return (int.MaxValue, []);
        if (ClosingPunctuation.Contains(text[end - 1], StringComparison.Ordinal)) return (int.MaxValue, []);
        var from = end - 1;
        while (from > 0 && !ParseContext.ClauseSeparators.Contains(text[from - 1], StringComparison.Ordinal) && text[from - 1] != '\n')
            from--;
        return (from,
            [new UnplacedItem("truncated", "The text ends mid-sentence; the last clause is not read.", context.Span(from, end - from))]);
    }

    /// <summary>
    /// A page that lost its line breaks runs headings into the text before them: <c>…(责任单位:市科技局)(二)支持新药研发,…</c>,
    /// <c>…意见如下:一、鼓励…壮大(一)鼓励…</c>. A level-1 or level-2 mark inside a line starts a line of its own when it
    /// follows a sentence end, a closing bracket or a lead-in colon (<c>如下：</c>), or directly follows the title of a heading
    /// one level up, and its number continues the outline (greater than the last of its level since its parent), so a
    /// mark inside a sentence, or one that repeats or goes back, is not taken.
    /// </summary>
    internal static IReadOnlyList<(int Start, int End)> SplitRunOnHeadings(ParseContext context, List<(int Start, int End)> lines)
    {
        var text = context.Text;
        var v = context.Vocabulary;
        var result = new List<(int Start, int End)>(lines.Count);
        int? last1 = null, last2 = null;
        foreach (var (s, e) in lines)
        {
            var start = s;
            var headingLevel = 0; // level of the heading the current piece opens, 0 for none
            if (e > s && OutlineReader.HeadingMarkAt(text, s, v.StandardSectionNames) is { } h0)
            {
                headingLevel = h0.Level;
                if (h0.Level == 1) { last1 = h0.Number; last2 = null; }
                else last2 = h0.Number;
            }
            var sawSeparator = false;
            var depth = 0;
            var quoted = false;
            for (var i = s + 1; i < e; i++)
            {
                var c = text[i];
                if (depth == 0 && !quoted && OutlineReader.HeadingMarkAt(text, i, v.StandardSectionNames) is { } h
                    && Follows(text, start, i, v, h.Level, headingLevel, sawSeparator) is { } strict
                    && (strict ? (h.Level == 1 ? last1 : last2) + 1 == h.Number : h.Number > ((h.Level == 1 ? last1 : last2) ?? 0)))
                {
                    var (ps, pl) = PolicyParser.Trim(text, start, i - start);
                    result.Add((ps, ps + pl));
                    start = i;
                    headingLevel = h.Level;
                    sawSeparator = false;
                    if (h.Level == 1) { last1 = h.Number; last2 = null; }
                    else last2 = h.Number;
                    continue;
                }
                // 二工作举措1 .优化…: an item mark right after a heading that is a standard section's name alone starts a line.
                if (depth == 0 && !quoted && headingLevel > 0 && !sawSeparator && char.IsAsciiDigit(c) && !char.IsAsciiDigit(text[i - 1])
                    && PolicyParser.Level3().IsMatch(text.AsSpan(i, Math.Min(6, e - i)).ToString())
                    && v.StandardSectionNames.Any(n => text.AsSpan(start, i - start).TrimEnd().EndsWith(n, StringComparison.Ordinal)))
                {
                    var (ps, pl) = PolicyParser.Trim(text, start, i - start);
                    result.Add((ps, ps + pl));
                    start = i;
                    headingLevel = 3;
                    continue;
                }
                // 打造"普洱茶、“滇红茶"公用品牌: a page that mixes ASCII and Chinese quotes leaves a “ open; a quote never runs past
                // a sentence end, so the sentence end closes it.
                if (c == '“') quoted = true;
                else if (c == '”') quoted = false;
                else if (PolicyParser.IsOpen(c)) depth++;
                else if (PolicyParser.IsClose(c)) depth = Math.Max(0, depth - 1);
                if (ParseContext.ClauseSeparators.Contains(c, StringComparison.Ordinal)) sawSeparator = true;
                if (c == '。') quoted = false;
            }
            result.Add((start, e));
        }
        return result;
    }

    /// <summary>
    /// Null when the mark at <paramref name="at"/> stands where no heading starts; otherwise whether its number must be exactly
    /// the next one (after ；, which also separates the items of an inline list: <c>包括：(一)…；(二)…</c>).
    /// </summary>
    private static bool? Follows(string text, int pieceStart, int at, PolicyVocabulary v, int level, int headingLevel, bool sawSeparator)
    {
        var p = at - 1;
        while (p > pieceStart && text[p] is ' ' or '\u3000') p--;
        var c = text[p];
        if (c is '；' or ';') return true;
        if (ParseContext.SentenceSeparators.Contains(c, StringComparison.Ordinal) || c is '）' or ')') return false;
        if (c is '：' or ':')
        {
            // 特提出如下意见:   一、重要意义: a run of blanks after the colon is the line break the page lost.
            if (at - p - 1 >= 2) return false;
            return v.HeadingLeadIns.Any(w => p >= w.Length && text.AsSpan(p - w.Length, w.Length).SequenceEqual(w)) ? false : null;
        }
        // 一、鼓励…壮大(一)鼓励…: a child mark right after a heading's title, before any clause mark.
        return headingLevel > 0 && level == headingLevel + 1 && !sawSeparator ? false : null;
    }
}
