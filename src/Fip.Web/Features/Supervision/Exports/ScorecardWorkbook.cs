using System.Globalization;
using Fip.Web.Infrastructure;

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

    /// <summary>Writes the sheet (valid OOXML via <see cref="XlsxSheet"/>); <paramref name="title"/> stands above the header when
    /// given.</summary>
    public static void Write(IEnumerable<ScorecardLine> lines, Stream output, string? title = null)
    {
        var rows = lines.Select(l => (IReadOnlyList<object?>)
        [
            l.Kind, l.Rank, Text(l.Unit), l.ReportsDue, l.OnTime, l.Late, l.Missing, l.Returned, l.Timeliness, l.Quality, l.Progress,
            l.Score, l.Note,
        ]);
        XlsxSheet.Write(output, new SheetLayout(SheetName, title), Headers, rows);
    }

    /// <summary>A name read as text by spreadsheet programs, never as a formula.</summary>
    private static string Text(string s) => s.Length > 0 && "=+-@".Contains(s[0], StringComparison.Ordinal) ? "'" + s : s;

    internal static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
