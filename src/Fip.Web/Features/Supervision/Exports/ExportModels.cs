namespace Fip.Web.Features.Supervision.Exports;

/// <summary>Traffic light of a task on every list: 逾期 red, 滞后 yellow, 按计划 green, 已完成 done.</summary>
public enum TaskLight
{
    Green,
    Yellow,
    Red,
    Done,
}

/// <summary>One row of the 任务分解表: a task with its units, districts, deadline, progress and status.</summary>
/// <param name="Number">序号 within its programme, e.g. "1", "1.2".</param>
/// <param name="Depth">0 for a programme's own task, 1 for a work task, 2 for an annual work task (indented in the sheet).</param>
/// <param name="Progress">Rolled-up progress, 0–100.</param>
/// <param name="Status">Status text in the document's language (按计划, 滞后, 逾期, 已完成).</param>
public sealed record BreakdownRow(
    string Number, int Depth, string Task, string LeadUnits, string CoUnits, string Districts,
    DateOnly? Deadline, decimal Progress, TaskLight Light, string Status);

/// <summary>A 重点工程 or 保障措施 with its tasks, one group of rows in the sheet.</summary>
public sealed record BreakdownGroup(string Number, string Programme, IReadOnlyList<BreakdownRow> Rows);

/// <summary>The 任务分解表 as exported: a title (e.g. 《关于加快培育发展未来产业的指导意见》任务分解表) and its groups.</summary>
public sealed record BreakdownSheet(string Title, DateOnly AsOf, IReadOnlyList<BreakdownGroup> Groups);

/// <summary>A red or yellow item of a 督办通报: the task, who owns it, and why it is flagged.</summary>
public sealed record BulletinItem(string Task, string Owners, string Reason, decimal Progress);

/// <summary>One row of the scorecard table in a 督办通报: the reports due, on time, late, missing and returned, the progress points and
/// the score.</summary>
public sealed record BulletinScore(
    int Rank, string Unit, int ReportsDue, int ReportsOnTime, int ReportsLate, int ReportsMissing, int ReportsReturned,
    decimal ProgressPoints, decimal Score);

/// <summary>
/// A 督办通报 for one period, laid out per GB/T 9704 by the writer: issuer line, issuing number (机关代字〔年份〕序号号),
/// title, overview paragraphs, the red and yellow items with their owners, the department and district scorecards (with the units
/// not rated listed apart), the closing, the issuer and date, and the 版记 (抄送, 印发机关 and 印发日期 between rules).
/// </summary>
/// <param name="PeriodLabel">The line under the title: the period's dates and the day the figures stand at.</param>
/// <param name="Date">成文日期.</param>
/// <param name="CopyTo">抄送: the recipients copied (none when empty).</param>
/// <param name="PrintedBy">印发机关 (the issuer's office when null).</param>
/// <param name="PrintedOn">印发日期 (the 成文日期 when null).</param>
public sealed record BulletinData(
    string Issuer,
    string DocumentNumber,
    string Title,
    string PeriodLabel,
    DateOnly Date,
    IReadOnlyList<string> Overview,
    IReadOnlyList<BulletinItem> RedItems,
    IReadOnlyList<BulletinItem> YellowItems,
    IReadOnlyList<BulletinScore> DepartmentScores,
    IReadOnlyList<BulletinScore> DistrictScores,
    IReadOnlyList<string>? NotRatedDepartments = null,
    IReadOnlyList<string>? NotRatedDistricts = null,
    string? CopyTo = null,
    string? PrintedBy = null,
    DateOnly? PrintedOn = null);

/// <summary>A section of an official document other than a 督办通报: a heading, body paragraphs and an optional table (column
/// headers with widths in twips that together make the 156 mm text block, 8845 twips; and the rows).</summary>
public sealed record OfficialSection(
    string Heading,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<(string Header, int Width)>? Columns = null,
    IReadOnlyList<IReadOnlyList<string>>? Rows = null);
