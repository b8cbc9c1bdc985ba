using System.Globalization;
using Fip.Web.Features.Supervision.Exports;

namespace Fip.Web.Features.Supervision;

/// <summary>A reporting period: a month (2026-11) or a quarter (2026-Q4).</summary>
public readonly record struct ReportingPeriod(ReportingCycle Cycle, int Year, int Index) : IComparable<ReportingPeriod>
{
    public string Key => Cycle == ReportingCycle.Monthly
        ? $"{Year.ToString(CultureInfo.InvariantCulture)}-{Index.ToString("00", CultureInfo.InvariantCulture)}"
        : $"{Year.ToString(CultureInfo.InvariantCulture)}-Q{Index.ToString(CultureInfo.InvariantCulture)}";

    public DateOnly Start => Cycle == ReportingCycle.Monthly ? new DateOnly(Year, Index, 1) : new DateOnly(Year, (Index - 1) * 3 + 1, 1);
    public DateOnly End => (Cycle == ReportingCycle.Monthly ? Start.AddMonths(1) : Start.AddMonths(3)).AddDays(-1);

    /// <summary>Reports for a period are due <paramref name="dueDays"/> days after it ends (the 5th of the next month by
    /// default).</summary>
    public DateOnly Due(int dueDays) => End.AddDays(dueDays);

    public ReportingPeriod Next() => Cycle == ReportingCycle.Monthly
        ? (Index == 12 ? new(Cycle, Year + 1, 1) : new(Cycle, Year, Index + 1))
        : (Index == 4 ? new(Cycle, Year + 1, 1) : new(Cycle, Year, Index + 1));

    public ReportingPeriod Previous() => Cycle == ReportingCycle.Monthly
        ? (Index == 1 ? new(Cycle, Year - 1, 12) : new(Cycle, Year, Index - 1))
        : (Index == 1 ? new(Cycle, Year - 1, 4) : new(Cycle, Year, Index - 1));

    public static ReportingPeriod Of(ReportingCycle cycle, DateOnly date) =>
        cycle == ReportingCycle.Monthly ? new(cycle, date.Year, date.Month) : new(cycle, date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>The years a period may fall in: far enough either side of any plan, and far from DateOnly's limits (9999-12 + due days
    /// overflowed).</summary>
    public const int MinYear = 2000, MaxYear = 2100;

    public static bool TryParse(string? key, out ReportingPeriod period)
    {
        period = default;
        if (key is null
            || key.Length < 6
            || key[4] != '-'
            || !int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (year is < MinYear or > MaxYear) return false;
        var rest = key.AsSpan(5);
        if (rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
        {
            period = new(ReportingCycle.Quarterly, year, rest[1] - '0');
            return true;
        }
        if (rest.Length == 2
            && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12)
        {
            period = new(ReportingCycle.Monthly, year, month);
            return true;
        }
        return false;
    }

    /// <summary>2026年11月 / 2026年第四季度, or Nov 2026 / 2026 Q4.</summary>
    public string Label(bool english) => (Cycle, english) switch
    {
        (ReportingCycle.Monthly, false) => $"{Year}年{Index}月",
        (ReportingCycle.Monthly, true) => Start.ToString("MMM yyyy", CultureInfo.InvariantCulture),
        (_, false) => $"{Year}年第{"一二三四"[Index - 1]}季度",
        _ => $"{Year} Q{Index}",
    };

    public int CompareTo(ReportingPeriod other) => Start.CompareTo(other.Start);

    public override string ToString() => Key;
}

/// <summary>A report the rules expect: one unit, one task, one period, and what was filed for it.</summary>
/// <param name="FirstSubmittedAt">Date (Asia/Shanghai) of the first submission, or null when nothing has been submitted.</param>
public sealed record Obligation(ReportingPeriod Period, DateOnly Due, DateOnly? FirstSubmittedOn)
{
    public bool IsOverdue(DateOnly asOf) => FirstSubmittedOn is null ? Due < asOf : false;
    public bool WasOnTime => FirstSubmittedOn is { } on && on <= Due;
}

/// <summary>A reporter's latest counting report on a task (submitted or approved).</summary>
public sealed record LatestReport(decimal Percent, ReportStatus Status);

/// <summary>
/// The supervision rules, stated on the pages: how progress rolls up, what colour a task takes, which reports are expected and how
/// units are scored. Pure functions, unit-tested.
/// </summary>
public static class SupervisionRules
{
    /// <summary>Days after a period ends by which its report is due.</summary>
    public const int DefaultDueDays = 5;
    /// <summary>Reminders go out this many days before a report or milestone is due.</summary>
    public const int ReminderDays = 3;

    /// <summary>Days a unit has to revise and resubmit a returned report before the task force is reminded of it.</summary>
    public const int ResubmitDays = 5;

    /// <summary>The periods whose reports are expected from a task started on <paramref name="start"/>: every period that began on or
    /// after the start's period, up to the one containing <paramref name="until"/>, and not after the deadline's period.</summary>
    public static IEnumerable<ReportingPeriod> Periods(ReportingCycle cycle, DateOnly start, DateOnly? deadline, DateOnly until)
    {
        var last = deadline is { } d && d < until ? d : until;
        for (var p = ReportingPeriod.Of(cycle, start); p.Start <= last; p = p.Next()) yield return p;
    }

    /// <summary>A leaf's progress: the average over its reporters of each one's latest counting percentage; a reporter with none counts
    /// 0.</summary>
    public static decimal LeafProgress(IReadOnlyCollection<LatestReport?> reporters) =>
        reporters.Count == 0 ? 0 : Round(reporters.Sum(r => Clamp(r?.Percent ?? 0)) / reporters.Count);

    /// <summary>A parent's progress: its children's progress weighted by their weights (a child without weight counts 1).</summary>
    public static decimal RollUp(IReadOnlyCollection<(decimal Weight, decimal Progress)> children)
    {
        if (children.Count == 0) return 0;
        var weights = children.Sum(c => c.Weight > 0 ? c.Weight : 1);
        return Round(children.Sum(c => (c.Weight > 0 ? c.Weight : 1) * Clamp(c.Progress)) / weights);
    }

    /// <summary>Why a task has its colour, for the pages and the 督办通报.</summary>
    public enum Reason
    {
        DeadlinePassed,
        MilestoneOverdue,
        ReportOverdue,
        ReportedLagging,
    }

    /// <summary>
    /// A leaf's colour: 已完成 when every reporter's latest report says done (or 100 %); 逾期 red when its deadline or a milestone
    /// has passed unfinished or a due report is missing; 滞后 yellow when a reporter's latest report says lagging; otherwise 按计划 green.
    /// </summary>
    public static (TaskLight Light, IReadOnlyList<Reason> Reasons) LeafLight(
        DateOnly asOf, DateOnly? deadline, IEnumerable<(DateOnly Due, DateOnly? DoneOn)> milestones,
        IReadOnlyCollection<LatestReport?> latest, IEnumerable<Obligation> obligations)
    {
        if (latest.Count > 0 && latest.All(r => r is { } x && (x.Status == ReportStatus.Done || x.Percent >= 100)))
            return (TaskLight.Done, []);
        var reasons = new List<Reason>();
        if (deadline is { } d && d < asOf) reasons.Add(Reason.DeadlinePassed);
        if (milestones.Any(m => m.Due < asOf && (m.DoneOn is null || m.DoneOn > asOf))) reasons.Add(Reason.MilestoneOverdue);
        if (obligations.Any(o => o.IsOverdue(asOf))) reasons.Add(Reason.ReportOverdue);
        if (reasons.Count > 0)
        {
            if (latest.Any(r => r?.Status == ReportStatus.Lagging)) reasons.Add(Reason.ReportedLagging);
            return (TaskLight.Red, reasons);
        }
        if (latest.Any(r => r?.Status == ReportStatus.Lagging)) return (TaskLight.Yellow, [Reason.ReportedLagging]);
        return (TaskLight.Green, []);
    }

    /// <summary>A parent's colour: red if any child (or its own deadline/milestones) is red, else yellow if any is yellow, done when all
    /// are done.</summary>
    public static (TaskLight Light, IReadOnlyList<Reason> Reasons) ParentLight(
        DateOnly asOf, DateOnly? deadline, IEnumerable<(DateOnly Due, DateOnly? DoneOn)> milestones,
        IReadOnlyCollection<TaskLight> children)
    {
        if (children.Count > 0 && children.All(c => c == TaskLight.Done)) return (TaskLight.Done, []);
        var own = new List<Reason>();
        if (deadline is { } d && d < asOf) own.Add(Reason.DeadlinePassed);
        if (milestones.Any(m => m.Due < asOf && (m.DoneOn is null || m.DoneOn > asOf))) own.Add(Reason.MilestoneOverdue);
        if (own.Count > 0 || children.Contains(TaskLight.Red)) return (TaskLight.Red, own);
        return children.Contains(TaskLight.Yellow) ? (TaskLight.Yellow, []) : (TaskLight.Green, []);
    }

    /// <summary>Points of the score: on-time reporting, tasks on plan, average progress.</summary>
    public const decimal OnTimePoints = 40, OnPlanPoints = 30, ProgressPoints = 30;

    /// <summary>
    /// 得分 = 按时报送率 × 40 + 按计划任务占比 × 30 + 平均进度 × 30 %; a rate with nothing to count (no report due, no task) scores full marks.
    /// </summary>
    public static decimal Score(int reportsDue, int reportsOnTime, int tasks, int tasksOnPlan, decimal averageProgress)
    {
        var onTime = reportsDue == 0 ? 1m : (decimal)reportsOnTime / reportsDue;
        var onPlan = tasks == 0 ? 1m : (decimal)tasksOnPlan / tasks;
        return Round(onTime * OnTimePoints + onPlan * OnPlanPoints + Clamp(averageProgress) / 100m * ProgressPoints);
    }

    private static decimal Clamp(decimal p) => Math.Clamp(p, 0, 100);

    private static decimal Round(decimal v) => Math.Round(v, 1, MidpointRounding.AwayFromZero);
}
