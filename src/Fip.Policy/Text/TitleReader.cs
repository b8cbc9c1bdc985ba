namespace Fip.Policy.Text;

/// <summary>The title phase: the title (and so where the body starts), the issuing number and the documents cited.</summary>
internal static partial class TitleReader
{
    internal sealed record Findings(string Title, SourceSpan? TitleSpan, int BodyStart, SourceSpan? IssuingNumber,
        IReadOnlyList<ReferencedDocument> References);

    public static Findings Read(ParseContext context)
    {
        var (title, span, bodyStart) = Title(context);
        return new Findings(title, span, bodyStart, IssuingNumber(context), References(context));
    }

    private static (string, SourceSpan?, int) Title(ParseContext context)
    {
        var lines = context.Lines;
        // 文件名称:《…》 in a metadata header.
        for (var i = 0; i < Math.Min(lines.Count, 8); i++)
        {
            var (s, e) = lines[i];
            var line = context.Sub(s, e);
            if (context.Vocabulary.TitleLabels.Any(l => line.StartsWith(l, StringComparison.Ordinal)))
            {
                var open = line.IndexOf('《', StringComparison.Ordinal);
                var close = line.LastIndexOf('》');
                if (open >= 0 && close > open) return (line[(open + 1)..close], context.Span(s + open + 1, close - open - 1), 0);
            }
        }
        // The first lines until the issuing number, the addressees (…：) or body text; a title may wrap over lines.
        var parts = new List<(int S, int E)>();
        for (var i = 0; i < lines.Count && parts.Count < 4; i++)
        {
            var (s, e) = lines[i];
            if (e == s)
            {
                // 金乡县人民政府 / (blank) / 关于下达…计划的通知: an issuer's header standing alone is no title; the title follows.
                if (parts.Count == 1 && IsOrganLine(context, context.Sub(parts[0].S, parts[0].E))) { parts.Clear(); continue; }
                if (parts.Count > 0) break;
                continue;
            }
            var line = context.Sub(s, e);
            var isNumber = PolicyParser.IssuingNumberPattern().IsMatch(line) && line.Length < 30;
            // 豫制造强省办〔2022〕33号 河南省…办公室 关于印发…的通知: number, issuer and title on one line; the title is the rest.
            if (parts.Count == 0 && !isNumber && NumberThenTitle(context, s, e) is { } inline) return inline;
            // 成都市发展和改革委员会 / 2022 年 4 月 / 目录: the issuer's and the date's own lines (a cover's 落款) or the contents
            // end the title; the organ's line is no part of it.
            if (parts.Count > 0 && (DateLine().IsMatch(line) || line.Replace(" ", "", StringComparison.Ordinal) == "目录"))
            {
                if (parts.Count > 1 && IsOrganLine(context, context.Sub(parts[^1].S, parts[^1].E))) parts.RemoveAt(parts.Count - 1);
                break;
            }
            if (parts.Count == 0 && !isNumber && RunOnTitle(context, s, e) is { } runOn) return runOn;
            if (isNumber || line.EndsWith('：') || line.EndsWith(':') || line.Contains('。', StringComparison.Ordinal)
                || line.Contains('，', StringComparison.Ordinal) || line.Length > 60 || OutlineReader.IsHeadingLine(line))
            {
                if (parts.Count > 0 || !isNumber) break;
                continue; // a notice may open with its number
            }
            parts.Add((s, e));
        }
        if (parts.Count > 0)
        {
            var title = string.Concat(parts.Select(p => context.Sub(p.S, p.E)));
            return (title, context.Span(parts[0].S, parts[^1].E - parts[0].S), parts[^1].E);
        }
        // A notice that opens with its number: 现将《…》印发; a 解读 of what it names: 印发了《…》, 起草了《…》. A document an
        // untitled page only cites (依据《新材料产业发展指南》, 根据《…规划》) is not its title.
        foreach (System.Text.RegularExpressions.Match m in PolicyParser.ReferencePattern().Matches(context.Text))
            if (Issues(context, m)) return (m.Groups["t"].Value, context.Span(m.Groups["t"].Index, m.Groups["t"].Length), 0);
        return ("", null, 0);
    }

    /// <summary>A line that is only a date: 2022年4月, 2024 年 8 月 2 日.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[0-9]{4}\s*年\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*日)?\s*$")]
    private static partial System.Text.RegularExpressions.Regex DateLine();

    /// <summary>A line that names an organ (ends in a unit's suffix: 委员会, 人民政府, 局), with no kind of document in it.</summary>
    private static bool IsOrganLine(ParseContext context, string line)
    {
        var bare = line.Trim();
        return bare.Length <= 30 && context.Vocabulary.UnitSuffixes.Any(u => bare.EndsWith(u, StringComparison.Ordinal))
            && !context.Vocabulary.TitleKinds.Any(k => bare.Contains(k, StringComparison.Ordinal));
    }

    /// <summary>
    /// A first line that opens with the issuing number and runs on to a title ending in a document kind (通知, 方案…), with
    /// no clause mark: the words after the number are the title.
    /// </summary>
    private static (string, SourceSpan?, int)? NumberThenTitle(ParseContext context, int s, int e)
    {
        var number = PolicyParser.IssuingNumberPattern().Match(context.Text, s, e - s);
        if (!number.Success || number.Index != s) return null;
        var (ts, tl) = PolicyParser.Trim(context.Text, number.Index + number.Length, e - number.Index - number.Length);
        var rest = context.Sub(ts, ts + tl);
        if (tl < 6 || tl > 100 || rest.IndexOfAny(['。', '，', ',', '；', ';', '：', ':']) >= 0
            || !context.Vocabulary.TitleKinds.Any(k => rest.EndsWith(k, StringComparison.Ordinal))) return null;
        return (rest, context.Span(ts, tl), e);
    }

    /// <summary>
    /// A first line whose title runs into the first sentence (a page that lost its line breaks): words with no clause mark that
    /// end in a kind of document (方案, 若干意见), an optional bracket after it (<c>(2023—2025年)</c>, <c>(代拟稿)</c>), then a word
    /// that opens a sentence (<c>根据</c>, <c>为</c>: <c>openingSentenceWords</c>). The title is those words.
    /// </summary>
    private static (string, SourceSpan?, int)? RunOnTitle(ParseContext context, int s, int e)
    {
        var text = context.Text;
        var v = context.Vocabulary;
        var limit = Math.Min(e, s + 80);
        for (var i = s + 6; i < limit; i++)
        {
            if ("，,。；;：:".Contains(text[i], StringComparison.Ordinal)) return null;
            if (!v.TitleKinds.Any(k => i - s >= k.Length && text.AsSpan(i - k.Length, k.Length).SequenceEqual(k))) continue;
            var end = i;
            if (end < e && text[end] is '（' or '(')
            {
                var close = text.IndexOfAny(['）', ')'], end, Math.Min(14, e - end));
                if (close < 0) continue;
                end = close + 1;
            }
            if (end < e && v.OpeningSentenceWords.Any(w => text.AsSpan(end, e - end).StartsWith(w, StringComparison.Ordinal)))
                return (text[s..end], context.Span(s, end - s), end);
        }
        return null;
    }

    /// <summary>Whether the text says it issues or transmits the 《…》 of <paramref name="m"/>: an issuing verb just before it
    /// (现将《, 印发了《) or 印发/同意 after it in its sentence (》已经市政府同意，现印发给你们).</summary>
    internal static bool Issues(ParseContext context, System.Text.RegularExpressions.Match m)
    {
        var verbs = context.Vocabulary.IssuingVerbs;
        var before = context.Sub(Math.Max(0, m.Index - 4), m.Index).TrimEnd('了');
        if (verbs.Any(v => before.EndsWith(v, StringComparison.Ordinal))) return true;
        // 《…》已经市政府同意，现印发给你们; 《A》《B》已经市政府同意: the words up to the sentence's next comma or stop.
        var e = m.Index + m.Length;
        var limit = Math.Min(context.Text.Length, e + 200); // 《A》《B》《C》已经…通过，现印发: past the other titles
        while (e < limit && !"，,。；;\n".Contains(context.Text[e], StringComparison.Ordinal)) e++;
        if (e < context.Text.Length && context.Text[e] is '，' or ',')
        {
            var next = e + 1;
            while (next < limit && !"，,。；;\n".Contains(context.Text[next], StringComparison.Ordinal)) next++;
            e = next;
        }
        var after = context.Sub(m.Index + m.Length, e);
        return context.Vocabulary.IssuedAfterWords.Any(w => after.Contains(w, StringComparison.Ordinal));
    }

    private static SourceSpan? IssuingNumber(ParseContext context)
    {
        for (var i = 0; i < Math.Min(context.Lines.Count, 10); i++)
        {
            var (s, e) = context.Lines[i];
            var m = PolicyParser.IssuingNumberPattern().Match(context.Text, s, e - s);
            if (m.Success && (e - s) < 40 && !context.Sub(s, e).Contains('《', StringComparison.Ordinal)) return context.Span(m.Index,
                m.Length);
        }
        return null;
    }

    private static List<ReferencedDocument> References(ParseContext context)
    {
        var references = new List<ReferencedDocument>();
        foreach (System.Text.RegularExpressions.Match m in PolicyParser.ReferencePattern().Matches(context.Text))
        {
            var number = m.Groups["n"].Success ? m.Groups["n"].Value : null;
            references.Add(new ReferencedDocument(m.Groups["t"].Value, number, context.Span(m.Index, m.Length)));
        }
        return references;
    }
}
