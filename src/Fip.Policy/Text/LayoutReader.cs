namespace Fip.Policy.Text;

/// <summary>The layout phase: the text's lines, and where an opening cut mid-sentence stops being reliable.</summary>
internal static class LayoutReader
{
    private const string ClosingPunctuation = "。；;！？!?）)〕”】》";

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
        return new Findings(lines, truncatedFrom, unplaced);
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
}
