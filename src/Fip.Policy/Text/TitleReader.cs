namespace Fip.Policy.Text;

/// <summary>The title phase: the title (and so where the body starts), the issuing number and the documents cited.</summary>
internal static class TitleReader
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
            if (e == s) { if (parts.Count > 0) break; continue; }
            var line = context.Sub(s, e);
            var isNumber = PolicyParser.IssuingNumberPattern().IsMatch(line) && line.Length < 30;
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
        // A notice that opens with its number: 现将《…》印发.
        var m = PolicyParser.ReferencePattern().Match(context.Text);
        return m.Success ? (m.Groups["t"].Value, context.Span(m.Groups["t"].Index, m.Groups["t"].Length), 0) : ("", null, 0);
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
