using System.Text.RegularExpressions;

namespace Fip.Policy.Text;

/// <summary>
/// The outline phase: GB/T 9704 numbered headings (<c>一、</c> level 1, <c>（一）</c> level 2, <c>1.</c> level 3,
/// <c>（1）</c> level 4), inline item titles (<c>1. 低空经济。以…</c>) and a misnumbered <c>（1）</c> among <c>（一）</c>s.
/// </summary>
internal static partial class OutlineReader
{
    [GeneratedRegex("^[一二三四五六七八九十]+", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumeral();

    private const string NumeralCharacters = "零一二三四五六七八九十百";

    public static bool IsHeadingLine(string line) =>
        PolicyParser.Level1().IsMatch(line) || PolicyParser.Level2().IsMatch(line) || PolicyParser.Level3().IsMatch(line)
        || PolicyParser.Level4().IsMatch(line) || PolicyParser.ChapterSection().IsMatch(line);

    /// <summary>
    /// A level-1 (<c>一、</c>) or level-2 (<c>（一）</c>) heading mark at <paramref name="at"/>: its level and number. With
    /// <paramref name="sectionNames"/>, also a numeral that lost its <c>、</c> before a standard section's name (<c>一总体要求</c>).
    /// </summary>
    internal static (int Level, int Number)? HeadingMarkAt(string text, int at, IReadOnlyList<string>? sectionNames = null)
    {
        var length = Math.Min(8, text.Length - at);
        if (length < 2) return null;
        Match m;
        int level;
        if ((m = PolicyParser.Level2().Match(text, at, length)).Success) level = 2;
        else if ((m = PolicyParser.Level1().Match(text, at, length)).Success && m.Value.EndsWith('、')) level = 1;
        else if (sectionNames is not null && BareNumeralMark(text, at, sectionNames) is > 0 and var bare)
            return (1, PolicyParser.ChineseNumber(text.Substring(at, bare)));
        else return null;
        var next = at + m.Length;
        if (next >= text.Length || !ParseContext.IsCjk(text[next])) return null;
        return (level, MarkNumber(m.Value));
    }

    internal static bool IsHeadingMarkAt(ParseContext context, int at) => HeadingMarkAt(context.Text, at) is not null;

    /// <summary>The number a Chinese mark states; <c>(-)</c> is the <c>(一)</c> whose stroke a PDF's text layer read as a hyphen.</summary>
    private static int MarkNumber(string marker)
    {
        var digits = new string([.. marker.Where(c => NumeralCharacters.Contains(c, StringComparison.Ordinal))]);
        return digits.Length == 0 && marker.IndexOfAny(['-', '－']) >= 0 ? 1 : PolicyParser.ChineseNumber(digits);
    }

    /// <summary>
    /// The length of a Chinese numeral at <paramref name="at"/> that stands for a level-1 mark whose <c>、</c> was lost: it is
    /// followed directly by a standard section's name (<c>一总体要求全面贯彻…</c>, <c>二工作举措</c>); 0 otherwise.
    /// </summary>
    internal static int BareNumeralMark(string text, int at, IReadOnlyList<string> sectionNames)
    {
        var e = at;
        while (e < text.Length && e - at < 3 && "一二三四五六七八九十".Contains(text[e], StringComparison.Ordinal)) e++;
        if (e == at || (at > 0 && "一二三四五六七八九十".Contains(text[at - 1], StringComparison.Ordinal))) return 0;
        foreach (var name in sectionNames)
            if (text.AsSpan(e).StartsWith(name, StringComparison.Ordinal)) return e - at;
        return 0;
    }

    /// <summary>The line starts where the text does or after a line break (not at a heading read inside a run-on line).</summary>
    private static bool StartsPhysicalLine(string text, int s)
    {
        var p = s - 1;
        while (p >= 0 && text[p] is ' ' or '\u3000' or '\t' or '\r') p--;
        return p < 0 || text[p] == '\n';
    }

    public static IReadOnlyList<OutlineHeading> Read(ParseContext context)
    {
        var text = context.Text;
        var outline = new List<OutlineHeading>();
        var pageNumbers = PageNumbers(context);
        // 第一节 is a heading only in a plan divided into chapters: after a 第一章 line.
        var chapters = false;
        foreach (var (s, lineEnd) in context.Lines)
        {
            if (lineEnd <= s || s < context.BodyStart) continue;
            // 一、發展背景 4: the page number of a table of contents is no part of the heading.
            var e = pageNumbers.TryGetValue(s, out var numberAt) ? numberAt : lineEnd;
            var line = context.Sub(s, e);
            HeadingStyle style;
            Match m;
            if ((m = PolicyParser.Level1().Match(line)).Success) style = HeadingStyle.ChineseNumeral;
            else if ((m = PolicyParser.Level2().Match(line)).Success) style = HeadingStyle.ParenthesizedChineseNumeral;
            else if ((m = PolicyParser.Level4().Match(line)).Success) style = HeadingStyle.ParenthesizedArabicNumeral;
            else if ((m = PolicyParser.Level3().Match(line)).Success) style = HeadingStyle.ArabicNumeral;
            else if (chapters && (m = PolicyParser.ChapterSection().Match(line)).Success) style = HeadingStyle.ChapterSection;
            else if (BareNumeralMark(line, 0, context.Vocabulary.StandardSectionNames) is > 0 and var bare)
            {
                m = BareNumeral().Match(line, 0, bare);
                style = HeadingStyle.ChineseNumeral;
            }
            else continue;
            if (style == HeadingStyle.ChineseNumeral && m.Value.StartsWith('第') && m.Value.TrimEnd().EndsWith('章')) chapters = true;
            var marker = m.Value;
            var digits = new string([.. marker.Where(c => char.IsAsciiDigit(c) || NumeralCharacters.Contains(c,
                StringComparison.Ordinal))]);
            if (digits.Length == 0 && style == HeadingStyle.ParenthesizedChineseNumeral) digits = MarkNumber(marker).ToString(
                System.Globalization.CultureInfo.InvariantCulture);
            // ① … ⑳: the circled numeral is its number.
            if (marker.Length == 1 && marker[0] is >= '\u2460' and <= '\u2473')
                digits = (marker[0] - '\u2460' + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rest = s + m.Length;
            // A heading read inside a run-on line ends at its first clause mark (…(二)支持新药研发,火炬开发区…).
            var stop = StartsPhysicalLine(text, s)
                ? text.IndexOf('。', rest, e - rest)
                : text.IndexOfAny(['。', '，', ',', '；', ';'], rest, e - rest);
            // 3.人才考察支持?;诎l展需要…: an ASCII ? with text after it is a character the page lost (Chinese writes ？), here
            // the 。 that closed the item title.
            var lost = text.IndexOf('?', rest, e - rest);
            if (lost > rest && lost + 1 < e && ParseContext.IsCjk(text[lost - 1]) && (stop < 0 || lost < stop)) stop = lost;
            // 二、指导思想   以邓小平理论…: a run of blanks inside the line is the paragraph break the page lost.
            var gap = BlankRun(text, rest, stop >= 0 ? stop : e);
            if (gap >= 0) stop = gap;
            // 一、重要意义鹿城区作为…, (二)工作目标到2025年，…: a standard section's name run into its paragraph.
            if (RunOnSectionName(context, rest, stop >= 0 ? stop : e, e) is { } nameEnd) stop = nameEnd;
            var titleEnd = stop >= 0 ? stop : e;
            var (ts, tl) = PolicyParser.Trim(text, rest, titleEnd - rest);
            if (tl == 0) continue;
            var inline = stop >= 0 && stop + 1 < e;
            var level = style switch
            {
                HeadingStyle.ChineseNumeral => 1,
                HeadingStyle.ParenthesizedChineseNumeral or HeadingStyle.ChapterSection => 2,
                HeadingStyle.ArabicNumeral => 3,
                _ => 4,
            };
            outline.Add(
                new OutlineHeading(level, PolicyParser.ChineseNumber(digits), marker, text.Substring(ts, tl), style, inline, false,
                    context.Span(s, ts + tl - s)));
        }
        Renumber(outline);
        return outline;
    }

    /// <summary>Where a run of two or more blanks (or one ideographic space) between words starts in [from, to), or -1.</summary>
    private static int BlankRun(string text, int from, int to)
    {
        for (var i = from + 1; i < to - 1; i++)
        {
            if (text[i] is not (' ' or '\u3000')) continue;
            var j = i;
            while (j < to && text[j] is ' ' or '\u3000') j++;
            if (j < to && (j - i >= 2 || text[i] == '\u3000') && !char.IsWhiteSpace(text[i - 1])) return i;
            i = j;
        }
        return -1;
    }

    /// <summary>
    /// The end of a standard section's name (<c>grammar.json</c> <c>standardSectionNames</c>) that opens the title at
    /// <paramref name="rest"/> when the title runs on into its paragraph: what follows the name is no conjunction, bracket or
    /// stop, and the heading reaches a clause mark before its sentence ends, or runs past 20 characters. Null otherwise.
    /// </summary>
    private static int? RunOnSectionName(ParseContext context, int rest, int titleEnd, int lineEnd)
    {
        var text = context.Text;
        foreach (var name in context.Vocabulary.StandardSectionNames)
        {
            if (!text.AsSpan(rest, titleEnd - rest).StartsWith(name, StringComparison.Ordinal)) continue;
            var after = rest + name.Length;
            // (二)基本原則——明確定位、差異發展。立足…: a dash after the name opens the first item of the section's list, run into
            // the heading's line; a heading line that ends at its stop (基本原则——明确定位) keeps its dash as a subtitle.
            if (after + 1 < titleEnd && text[after] == '—' && text[after + 1] == '—' && titleEnd + 1 < lineEnd) return after;
            if (after >= titleEnd || !ParseContext.IsCjk(text[after]) || "和与及并、".Contains(text[after], StringComparison.Ordinal))
                return null;
            var sentenceEnd = text.IndexOfAny(['。', '；', ';', '！', '？'], after, lineEnd - after);
            if (sentenceEnd < 0) sentenceEnd = lineEnd;
            var clause = text.IndexOfAny(['，', ','], after, sentenceEnd - after);
            return clause >= 0 || titleEnd - rest > 20 ? after : null;
        }
        return null;
    }

    /// <summary>
    /// Heading lines of a table of contents, by where their page number starts: three or more heading lines in a row that each
    /// end in a number of one to three digits after a word, the numbers never going down (<c>一、發展背景 4</c>, <c>(一)發展基礎。 4</c>,
    /// <c>二、總體要求 11</c>). A heading that ends in a figure of its own (<c>到2025年</c>) stands alone or breaks the order.
    /// </summary>
    private static Dictionary<int, int> PageNumbers(ParseContext context)
    {
        var text = context.Text;
        var found = new Dictionary<int, int>();
        var run = new List<(int Start, int At)>();
        var previous = -1;
        void Close()
        {
            if (run.Count >= 3)
                foreach (var (s, at) in run) found[s] = at;
            run.Clear();
            previous = -1;
        }
        foreach (var (s, e) in context.Lines)
        {
            if (e <= s) continue;
            var d = e;
            while (d > s && char.IsAsciiDigit(text[d - 1])) d--;
            var at = d;
            while (at > s && text[at - 1] is ' ' or '\u3000' or '\t' or '.' or '…' or '·') at--;
            var number = e - d is >= 1 and <= 3 && at > s && !char.IsAsciiDigit(text[at - 1]) && IsHeadingLine(context.Sub(s, e))
                ? int.Parse(text.AsSpan(d, e - d), System.Globalization.CultureInfo.InvariantCulture)
                : -1;
            if (number < 0 || number < previous) Close();
            if (number < 0) continue;
            run.Add((s, at));
            previous = number;
        }
        Close();
        return found;
    }

    /// <summary>A （1） where the level-2 sequence starts, followed by （二）: a misnumbered level-2 heading.</summary>
    private static void Renumber(List<OutlineHeading> outline)
    {
        for (var i = 0; i < outline.Count; i++)
        {
            var h = outline[i];
            if (h.Style != HeadingStyle.ParenthesizedArabicNumeral) continue;
            var previousSibling = false;
            for (var j = i - 1; j >= 0 && outline[j].Level > 1; j--)
                if (outline[j].Level == 2) { previousSibling = true; break; }
            if (previousSibling) continue;
            for (var j = i + 1; j < outline.Count && outline[j].Level > 1; j++)
            {
                if (outline[j].Level == 4 && outline[j].Style == HeadingStyle.ParenthesizedArabicNumeral) break;
                if (outline[j].Level == 2)
                {
                    if (outline[j].Number == h.Number + 1) outline[i] = h with { Level = 2, IsMisnumbered = true };
                    break;
                }
            }
        }
    }
}
