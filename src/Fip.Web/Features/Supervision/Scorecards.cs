using Fip.Web.Features.Supervision.Exports;

namespace Fip.Web.Features.Supervision;

/// <summary>A report counted in a score: which task, period, when it was due, when first submitted, and whether it was returned.</summary>
public sealed record ScoredReport(int TaskId, string Task, ReportingPeriod Period, DateOnly Due, DateOnly? SubmittedOn, bool OnTime,
    bool WasReturned, bool AwaitingRevision);

/// <summary>A task counted in a score: its colour, the unit's own latest percentage and the progress expected by then.</summary>
public sealed record ScoredTask(int TaskId, string Task, TaskLight Light, decimal OwnProgress, decimal? Expected);

/// <summary>One rated unit's score for a period, its three parts, and the records behind each figure.</summary>
public sealed record ScoreRow(
    UnitRef Unit, int ReportsDue, int ReportsOnTime, int ReportsLate, int ReportsReturned, int Tasks, int Overdue, decimal AverageProgress,
    ScoreParts Parts, int Rank, IReadOnlyList<ScoredReport> Reports, IReadOnlyList<ScoredTask> TaskRows)
{
    public decimal Score => Parts.Total;
    public int ReportsMissing => ReportsDue - ReportsOnTime - ReportsLate;
}

/// <summary>Why a unit is not rated for the period.</summary>
public enum NotRatedReason
{
    /// <summary>本期无到期应报事项: none of its tasks had a report due in the period.</summary>
    NothingDue,
}

/// <summary>A unit with tasks but not rated (不参评) for the period, listed apart from the ranking.</summary>
public sealed record NotRatedRow(UnitRef Unit, int Tasks, NotRatedReason Reason);

/// <summary>
/// The scorecards of a period, as of <see cref="AsOf"/>, and the board they were computed from (the 督办通报 reads its tasks there, so
/// its figures share the scorecard's date).
/// </summary>
public sealed record Scorecard(ReportingPeriod Period, DateOnly AsOf, IReadOnlyList<ScoreRow> Departments,
    IReadOnlyList<ScoreRow> Districts,
    IReadOnlyList<NotRatedRow> NotRatedDepartments, IReadOnlyList<NotRatedRow> NotRatedDistricts, Board Board);

/// <summary>
/// Scorecards per department and per district for a month or a quarter, evaluated as of the day after the period's last due day (or
/// today): the reports due in the period (those of periods ending in it, once due or filed), on time, late, missing or returned; the
/// unit's tasks with its own progress against the expected; the score by <see cref="SupervisionRules.Score"/>. A unit with nothing due
/// is not rated (不参评) and listed apart. The page, the API, the scorecard export and the 督办通报 all read this one computation.
/// </summary>
public sealed class Scorecards(SupervisionBoard boards)
{
    /// <summary>The latest month whose reports are all due: the default period of the scorecard.</summary>
    public ReportingPeriod DefaultPeriod()
    {
        var p = ReportingPeriod.Of(ReportingCycle.Monthly, boards.Today).Previous();
        return p.Due(boards.DueDays) < boards.Today ? p : p.Previous();
    }

    /// <summary>The day a period's scorecard is evaluated: the day after its last report fell due, or today when that is later.</summary>
    public DateOnly AsOfFor(ReportingPeriod period)
    {
        var settled = period.End.AddDays(boards.DueDays + 1);
        return settled < boards.Today ? settled : boards.Today;
    }

    public async Task<Scorecard?> ComputeAsync(ReportingPeriod period, CancellationToken ct)
    {
        var asOf = AsOfFor(period);
        var board = await boards.LoadAsync(asOf, ct);
        if (board is null) return null;
        var perUnit = new Dictionary<string, (UnitRef Unit, List<ScoredReport> Reports, List<ScoredTask> Tasks)>(StringComparer.Ordinal);
        foreach (var leaf in board.All.Where(n => n.IsLeaf && n.Task.StartDate <= period.End))
            foreach (var r in leaf.Reporters)
            {
                if (!perUnit.TryGetValue(r.Unit.Key, out var entry)) perUnit[r.Unit.Key] = entry = (r.Unit, [], []);
                entry.Tasks.Add(new ScoredTask(leaf.Task.Id, leaf.Task.Title, leaf.Light, r.Latest?.Percent ?? 0, leaf.Expected));
                foreach (var o in r.Obligations.Where(
                    o => o.Period.End >= period.Start && o.Period.End <= period.End && (o.Due < asOf || o.FirstSubmittedOn is not null)))
                    entry.Reports.Add(new ScoredReport(leaf.Task.Id, leaf.Task.Title, o.Period, o.Due, o.FirstSubmittedOn, o.WasOnTime,
                        o.WasReturned, o.AwaitingRevision));
            }
        var rated = new List<ScoreRow>();
        var notRated = new List<NotRatedRow>();
        foreach (var e in perUnit.Values)
        {
            var parts = SupervisionRules.Score(
                [.. e.Reports.Select(r => new ScoredFiling(r.SubmittedOn is not null, r.OnTime, r.WasReturned, r.AwaitingRevision))],
                [.. e.Tasks.Select(t => new ScoredProgress(t.OwnProgress, t.Expected))]);
            if (parts is null)
            {
                notRated.Add(new NotRatedRow(e.Unit, e.Tasks.Count, NotRatedReason.NothingDue));
                continue;
            }
            var onTime = e.Reports.Count(r => r.OnTime);
            var average = Math.Round(e.Tasks.Average(t => t.OwnProgress), 1, MidpointRounding.AwayFromZero);
            rated.Add(new ScoreRow(e.Unit, e.Reports.Count, onTime, e.Reports.Count(r => r.SubmittedOn is not null && !r.OnTime),
                e.Reports.Count(r => r.WasReturned), e.Tasks.Count, e.Tasks.Count(t => t.Light == TaskLight.Red), average, parts, 0,
                [.. e.Reports.OrderBy(r => r.Due).ThenBy(r => r.TaskId)], [.. e.Tasks.OrderBy(t => t.TaskId)]));
        }
        List<NotRatedRow> Apart(bool districts) =>
            [.. notRated.Where(n => n.Unit.IsDistrict == districts).OrderBy(n => n.Unit.Name, StringComparer.Ordinal)];
        return new Scorecard(period, asOf, Rank(rated.Where(r => !r.Unit.IsDistrict)), Rank(rated.Where(r => r.Unit.IsDistrict)),
            Apart(false), Apart(true), board);
    }

    /// <summary>
    /// Highest score first; on equal scores the higher 按时报送 part first; units equal on both share a rank (1, 2, 2, 4) and are
    /// listed by name.
    /// </summary>
    public static List<ScoreRow> Rank(IEnumerable<ScoreRow> rows)
    {
        var ordered = rows.OrderByDescending(r => r.Score).ThenByDescending(r => r.Parts.Timeliness)
            .ThenBy(r => r.Unit.Name, StringComparer.Ordinal).ToList();
        var ranked = new List<ScoreRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var tied = i > 0 && ordered[i].Score == ordered[i - 1].Score && ordered[i].Parts.Timeliness == ordered[i - 1].Parts.Timeliness;
            ranked.Add(ordered[i] with { Rank = tied ? ranked[i - 1].Rank : i + 1 });
        }
        return ranked;
    }
}
