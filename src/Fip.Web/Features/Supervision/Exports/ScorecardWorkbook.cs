using System.Globalization;
using MiniExcelLibs;

namespace Fip.Web.Features.Supervision.Exports;

/// <summary>One line of the scorecard sheet: a rated unit with its rank, or a unit not rated with the reason in place of figures.</summary>
public sealed record ScorecardLine(string Kind, string Rank, string Unit, int? ReportsDue, int? OnTime, int? Late, int? Missing,
    int? Returned, decimal? Timeliness, decimal? Quality, decimal? Progress, decimal? Score, string Note);

/// <summary>The scorecard of a period as an .xlsx sheet (评分排名): departments then districts, each unit not rated listed after the ranked
/// ones as 不参评 with its reason.</summary>
public static class ScorecardWorkbook
{
    public const string SheetName = "评分排名";

    public static readonly IReadOnlyList<string> Headers =
        ["类别", "排名", "单位", "应报", "按时", "迟报", "未报", "退回", "按时报送分", "报送质量分", "进度分", "得分", "说明"];

    public static void Write(IEnumerable<ScorecardLine> lines, Stream output)
    {
        var rows = lines.Select(l => (IDictionary<string, object?>)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [Headers[0]] = l.Kind,
            [Headers[1]] = l.Rank,
            [Headers[2]] = Text(l.Unit),
            [Headers[3]] = l.ReportsDue,
            [Headers[4]] = l.OnTime,
            [Headers[5]] = l.Late,
            [Headers[6]] = l.Missing,
            [Headers[7]] = l.Returned,
            [Headers[8]] = l.Timeliness,
            [Headers[9]] = l.Quality,
            [Headers[10]] = l.Progress,
            [Headers[11]] = l.Score,
            [Headers[12]] = l.Note,
        }).ToList();
        if (rows.Count == 0) rows.Add(Headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        MiniExcel.SaveAs(output, rows, printHeader: true, sheetName: SheetName);
    }

    /// <summary>A name read as text by spreadsheet programs, never as a formula.</summary>
    private static string Text(string s) => s.Length > 0 && "=+-@".Contains(s[0], StringComparison.Ordinal) ? "'" + s : s;

    internal static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
