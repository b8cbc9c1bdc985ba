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
/// <param name="FirstSubmittedOn">Date (Asia/Shanghai) of the first submission, or null when nothing has been submitted.</param>
/// <param name="WasReturned">The task force returned the report for revision at least once.</param>
/// <param name="AwaitingRevision">It is returned now and not resubmitted yet.</param>
public sealed record Obligation(ReportingPeriod Period, DateOnly Due, DateOnly? FirstSubmittedOn, bool WasReturned = false,
    bool AwaitingRevision = false)
{
    public bool IsOverdue(DateOnly asOf) => FirstSubmittedOn is null ? Due < asOf : false;
    public bool WasOnTime => FirstSubmittedOn is { } on && on <= Due;
}

/// <summary>A reporter's latest counting report on a task (submitted or approved); <paramref name="Approved"/> when the task force
/// approved it.</summary>
public sealed record LatestReport(decimal Percent, ReportStatus Status, bool Approved = false)
{
    public bool SaysDone => Status == ReportStatus.Done || Percent >= 100;
}

/// <summary>What the status rule needs to know about a task (leaf or parent) on one day.</summary>
/// <param name="WorkStart">When the work began: expected progress runs from here (a programme's: the plan's start).</param>
/// <param name="Progress">The task's progress (a leaf: its reporters' average; a parent: its children's weighted roll-up).</param>
/// <param name="Confirmed">Completion confirmed: a leaf's every reporter's latest report says done and is approved; a parent's
/// completion confirmed by the task force.</param>
/// <param name="ReportOverdue">A leaf's due report is missing.</param>
/// <param name="ReportedLagging">A leaf's reporter says 滞后.</param>
/// <param name="NothingReported">No reporter has filed anything yet.</param>
/// <param name="Children">A parent's children's colours (empty for a leaf).</param>
public sealed record StatusFacts(
    DateOnly AsOf, DateOnly WorkStart, DateOnly? Deadline, IReadOnlyList<(DateOnly Due, DateOnly? DoneOn)> Milestones, decimal Progress,
    bool Confirmed, bool ReportOverdue = false, bool ReportedLagging = false, bool NothingReported = false,
    IReadOnlyCollection<TaskLight>? Children = null);

/// <summary>A task's colour, why, and the progress expected of it by then (null when nothing is expected: no deadline, no
/// milestones).</summary>
public sealed record StatusVerdict(TaskLight Light, IReadOnlyList<SupervisionRules.Reason> Reasons, decimal? Expected);

/// <summary>One due report as the score weighs it.</summary>
public sealed record ScoredFiling(bool Filed, bool OnTime, bool WasReturned, bool AwaitingRevision);

/// <summary>One task of a unit as the score weighs it: the unit's own latest percentage against the expected progress.</summary>
public sealed record ScoredProgress(decimal Own, decimal? Expected);

/// <summary>A unit's score and its three parts (points); null for a unit not rated (不参评: nothing due in the period).</summary>
public sealed record ScoreParts(decimal Timeliness, decimal Quality, decimal Progress)
{
    public decimal Total => Math.Round(Timeliness + Quality + Progress, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The supervision rules, stated on the pages (_SupervisionRules.cshtml reads the constants below): how progress rolls up, what
/// progress is expected, what colour a task takes, which reports are expected and how units are scored. Pure functions, unit-tested.
/// </summary>
public static class SupervisionRules
{
    /// <summary>Days after a period ends by which its report is due.</summary>
    public const int DefaultDueDays = 5;
    /// <summary>Reminders go out this many days before a report or milestone is due.</summary>
    public const int ReminderDays = 3;

    /// <summary>Days a unit has to revise and resubmit a returned report before the task force is reminded of it.</summary>
    public const int ResubmitDays = 5;

    /// <summary>Percentage points a task may trail its expected progress and still be 按计划; more is 滞后.</summary>
    public const decimal LagTolerance = 10;

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

    /// <summary>
    /// 预期进度: 0 before the work starts; with milestones, the share of them whose date has passed; otherwise the share of the time from
    /// the start to the deadline that has elapsed (100 once the deadline has passed); null without deadline or milestones.
    /// </summary>
    public static decimal? ExpectedProgress(DateOnly asOf, DateOnly start, DateOnly? deadline, IReadOnlyCollection<DateOnly> milestones)
    {
        if (asOf < start) return 0;
        if (milestones.Count > 0) return Round(100m * milestones.Count(m => m < asOf) / milestones.Count);
        if (deadline is not { } d) return null;
        if (asOf >= d) return 100;
        return Round(100m * (asOf.DayNumber - start.DayNumber) / Math.Max(1, d.DayNumber - start.DayNumber));
    }

    /// <summary>Why a task has its colour, for the pages and the 督办通报.</summary>
    public enum Reason
    {
        DeadlinePassed,
        MilestoneOverdue,
        ReportOverdue,
        SubtaskOverdue,
        ReportedLagging,
        BehindExpected,
        SubtaskLagging,
        NoReport,
        AwaitingConfirmation,
    }

    /// <summary>
    /// A task's colour, leaf or parent alike:
    /// 已完成 only when its completion is confirmed (a leaf: every reporter's latest report says done and is approved; a parent: the
    /// task force confirmed it; a parent whose sub-tasks are all done is not complete by that alone);
    /// 逾期 (red) when its deadline or a milestone has passed unfinished, a due report is missing, or a sub-task is red;
    /// 滞后 (yellow) when it trails its expected progress by more than <see cref="LagTolerance"/> points, a reporter says lagging, or a
    /// sub-task is yellow; otherwise 按计划 (green). A task without any report counts 0 % against what is expected.
    /// </summary>
    public static StatusVerdict Status(StatusFacts f)
    {
        var expected = ExpectedProgress(f.AsOf, f.WorkStart, f.Deadline, [.. f.Milestones.Select(m => m.Due)]);
        if (f.Confirmed) return new StatusVerdict(TaskLight.Done, [], expected);
        var children = f.Children ?? [];
        var red = new List<Reason>();
        if (f.Deadline is { } d && d < f.AsOf) red.Add(Reason.DeadlinePassed);
        if (f.Milestones.Any(m => m.Due < f.AsOf && (m.DoneOn is null || m.DoneOn > f.AsOf))) red.Add(Reason.MilestoneOverdue);
        if (f.ReportOverdue) red.Add(Reason.ReportOverdue);
        if (children.Contains(TaskLight.Red)) red.Add(Reason.SubtaskOverdue);
        var yellow = new List<Reason>();
        var behind = expected is { } e && e - Clamp(f.Progress) > LagTolerance;
        if (behind) yellow.Add(Reason.BehindExpected);
        if (behind && f.NothingReported) yellow.Add(Reason.NoReport);
        if (f.ReportedLagging) yellow.Add(Reason.ReportedLagging);
        if (children.Contains(TaskLight.Yellow)) yellow.Add(Reason.SubtaskLagging);
        if (red.Count > 0) return new StatusVerdict(TaskLight.Red, [.. red, .. yellow], expected);
        if (yellow.Count > 0) return new StatusVerdict(TaskLight.Yellow, yellow, expected);
        var awaiting = f.Progress >= 100 || (children.Count > 0 && children.All(c => c == TaskLight.Done));
        return new StatusVerdict(TaskLight.Green, awaiting ? [Reason.AwaitingConfirmation] : [], expected);
    }

    /// <summary>Points of the score (together 100): reporting on time, reports accepted without return, progress against what is
    /// expected.</summary>
    public const decimal TimelinessPoints = 50, QualityPoints = 20, ProgressPoints = 30;

    /// <summary>Credit of a report filed late (on time: 1, missing: 0), and of a returned report once resubmitted (accepted as first
    /// filed: 1; returned and not yet resubmitted: 0).</summary>
    public const decimal LateCredit = 0.5m, ResubmittedCredit = 0.5m;

    /// <summary>
    /// 得分 of a unit for a period, from the reports due from it in the period and its tasks; null (不参评) when nothing was due:
    /// 按时报送 = 50 × the average over due reports of (on time 1, late 0.5, missing 0);
    /// 报送质量 = 20 × the average over due reports of (accepted without return 1, returned then resubmitted 0.5, returned and not
    /// resubmitted or missing 0);
    /// 进度 = 30 × the average over its tasks of its own latest percentage ÷ the expected progress (at most 1; 1 when nothing is
    /// expected yet).
    /// </summary>
    public static ScoreParts? Score(IReadOnlyCollection<ScoredFiling> due, IReadOnlyCollection<ScoredProgress> tasks)
    {
        if (due.Count == 0) return null;
        var timeliness = due.Average(r => r.OnTime ? 1m : r.Filed ? LateCredit : 0m);
        var quality = due.Average(r => !r.Filed || r.AwaitingRevision ? 0m : r.WasReturned ? ResubmittedCredit : 1m);
        var progress = tasks.Count == 0 ? 0m : tasks.Average(t => t.Expected is { } e && e > 0 ? Math.Min(1m, Clamp(t.Own) / e) : 1m);
        return new ScoreParts(Round(timeliness * TimelinessPoints), Round(quality * QualityPoints), Round(progress * ProgressPoints));
    }

    private static decimal Clamp(decimal p) => Math.Clamp(p, 0, 100);

    private static decimal Round(decimal v) => Math.Round(v, 1, MidpointRounding.AwayFromZero);
}
