using System.Text.RegularExpressions;

namespace Fip.Web.Features.Plans;

/// <summary>A run of document text, with the plan item it quotes (if any) and the anchor id that starts at it.</summary>
public sealed record DocumentSegment(string Text, DocumentMark? Mark, string? AnchorId);

/// <summary>A line of the document: its level (0 body, 1 一、, 2 （一）, 3 1.) and its segments.</summary>
public sealed record DocumentParagraph(int Start, int Level, IReadOnlyList<DocumentSegment> Segments);

/// <summary>Cuts a document into paragraphs and highlighted segments for display, in document order.</summary>
public static partial class DocumentLayout
{
    [GeneratedRegex(@"^[一二三四五六七八九十]+、")]
    private static partial Regex Level1();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十0-9]+[）)]")]
    private static partial Regex Level2();

    [GeneratedRegex(@"^\d+[.．、]\s*\S")]
    private static partial Regex Level3();

    public static IReadOnlyList<DocumentParagraph> Layout(string text, IReadOnlyList<DocumentMark> marks)
    {
        var paragraphs = new List<DocumentParagraph>();
        var offset = 0;
        foreach (var line in text.Split('\n'))
        {
            var start = offset;
            offset += line.Length + 1;
            if (line.Trim().Length == 0) continue;
            var level = Level1().IsMatch(line) ? 1 : Level2().IsMatch(line)
                && line.Length < 40 ? 2 : Level3().IsMatch(line)
                && line.Length < 30 ? 3 : 0;
            paragraphs.Add(new DocumentParagraph(start, level, Segments(line, start, marks)));
        }
        return paragraphs;
    }

    private static List<DocumentSegment> Segments(string line, int lineStart, IReadOnlyList<DocumentMark> marks)
    {
        var lineEnd = lineStart + line.Length;
        var inLine = marks.Where(m => m.Start < lineEnd && m.Start + m.Length > lineStart).ToList();
        var cuts = new SortedSet<int> { lineStart, lineEnd };
        foreach (var m in inLine)
        {
            cuts.Add(Math.Max(m.Start, lineStart));
            cuts.Add(Math.Min(m.Start + m.Length, lineEnd));
        }
        var points = cuts.ToList();
        var segments = new List<DocumentSegment>();
        var anchored = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < points.Count; i++)
        {
            int a = points[i], b = points[i + 1];
            // The innermost passage covering this run is the one it links to.
            var mark = inLine.Where(m => m.Start <= a && m.Start + m.Length >= b).OrderBy(m => m.Length).FirstOrDefault();
            var starting = inLine.Where(m => m.Start == a || (a == lineStart && m.Start < lineStart))
                .Select(m => m.Anchor)
                .Where(anchored.Add)
                .ToList();
            var anchor = starting.Count > 0 ? starting[0] : null;
            segments.Add(new DocumentSegment(line[(a - lineStart)..(b - lineStart)], mark, anchor));
            // Further anchors starting at the same point get empty runs of their own, so every item can be linked to.
            foreach (var extra in starting.Skip(1)) segments.Add(new DocumentSegment("", null, extra));
        }
        return segments;
    }

    /// <summary>Where a highlighted passage links back to: the plan item's own page.</summary>
    public static string ItemUrl(DocumentMark mark) => mark.Kind switch
    {
        "track" or "focus" => $"/Plans/Track/{mark.ItemId}",
        "programme" or "units" => $"/Plans/Programme/{mark.ItemId}",
        "target" => $"/Plans#target-{mark.ItemId}",
        "tier" => $"/Plans#tier-{mark.ItemId}",
        _ => "/Plans",
    };
}
