using System.Text.RegularExpressions;

namespace Fip.Policy.Text;

/// <summary>
/// The outline phase: GB/T 9704 numbered headings (<c>一、</c> level 1, <c>（一）</c> level 2, <c>1.</c> level 3,
/// <c>（1）</c> level 4), inline item titles (<c>1. 低空经济。以…</c>) and a misnumbered <c>（1）</c> among <c>（一）</c>s.
/// </summary>
internal static class OutlineReader
{
    private const string NumeralCharacters = "零一二三四五六七八九十百";

    public static bool IsHeadingLine(string line) =>
        PolicyParser.Level1().IsMatch(line) || PolicyParser.Level2().IsMatch(line) || PolicyParser.Level3().IsMatch(line)
        || PolicyParser.Level4().IsMatch(line);

    /// <summary>A level-1 (<c>一、</c>) or level-2 (<c>（一）</c>) heading mark at <paramref name="at"/>: its level and number.</summary>
    internal static (int Level, int Number)? HeadingMarkAt(string text, int at)
    {
        var length = Math.Min(8, text.Length - at);
        if (length < 2) return null;
        Match m;
        int level;
        if ((m = PolicyParser.Level2().Match(text, at, length)).Success) level = 2;
        else if ((m = PolicyParser.Level1().Match(text, at, length)).Success && m.Value.EndsWith('、')) level = 1;
        else return null;
        var next = at + m.Length;
        if (next >= text.Length || !ParseContext.IsCjk(text[next])) return null;
        var digits = new string([.. m.Value.Where(c => NumeralCharacters.Contains(c, StringComparison.Ordinal))]);
        return (level, PolicyParser.ChineseNumber(digits));
    }

    internal static bool IsHeadingMarkAt(ParseContext context, int at) => HeadingMarkAt(context.Text, at) is not null;

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
        foreach (var (s, e) in context.Lines)
        {
            if (e <= s || s < context.BodyStart) continue;
            var line = context.Sub(s, e);
            HeadingStyle style;
            Match m;
            if ((m = PolicyParser.Level1().Match(line)).Success) style = HeadingStyle.ChineseNumeral;
            else if ((m = PolicyParser.Level2().Match(line)).Success) style = HeadingStyle.ParenthesizedChineseNumeral;
            else if ((m = PolicyParser.Level4().Match(line)).Success) style = HeadingStyle.ParenthesizedArabicNumeral;
            else if ((m = PolicyParser.Level3().Match(line)).Success) style = HeadingStyle.ArabicNumeral;
            else continue;
            var marker = m.Value;
            var digits = new string([.. marker.Where(c => char.IsAsciiDigit(c) || NumeralCharacters.Contains(c,
                StringComparison.Ordinal))]);
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
            var titleEnd = stop >= 0 ? stop : e;
            var (ts, tl) = PolicyParser.Trim(text, rest, titleEnd - rest);
            if (tl == 0) continue;
            var inline = stop >= 0 && stop + 1 < e;
            var level = style switch
            {
                HeadingStyle.ChineseNumeral => 1,
                HeadingStyle.ParenthesizedChineseNumeral => 2,
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
