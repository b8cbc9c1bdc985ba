using Fip.Web.Features.Supervision.Exports;

namespace Fip.Web.Features.Supervision;

/// <summary>A report counted in a score: which task, period, when it was due and when first submitted.</summary>
public sealed record ScoredReport(int TaskId, string Task, ReportingPeriod Period, DateOnly Due, DateOnly? SubmittedOn, bool OnTime);

/// <summary>A task counted in a score: its colour and the unit's own latest percentage.</summary>
public sealed record ScoredTask(int TaskId, string Task, TaskLight Light, decimal OwnProgress);

/// <summary>One unit's score for a period, with the records behind each figure.</summary>
public sealed record ScoreRow(
    UnitRef Unit, int ReportsDue, int ReportsOnTime, int Tasks, int TasksOnPlan, int Overdue, decimal AverageProgress, decimal Score,
    int Rank,
    IReadOnlyList<ScoredReport> Reports, IReadOnlyList<ScoredTask> TaskRows);

public sealed record Scorecard(ReportingPeriod Period, DateOnly AsOf, IReadOnlyList<ScoreRow> Departments,
    IReadOnlyList<ScoreRow> Districts);

/// <summary>
/// Scorecards per department and per district for a month or a quarter, evaluated as of the day after the period's last due day (or today):
/// reports due in the period (those of periods ending in it, once due or filed) and how many were filed on time; the unit's tasks
/// on plan (green or done) and overdue (red); the unit's own average progress (missing = 0); the score by <see
/// cref="SupervisionRules.Score"/>.
/// </summary>
public sealed class Scorecards(SupervisionBoard boards)
{
    /// <summary>The latest month whose reports are all due: the default period of the scorecard.</summary>
    public ReportingPeriod DefaultPeriod()
    {
        var p = ReportingPeriod.Of(ReportingCycle.Monthly, boards.Today).Previous();
        return p.Due(boards.DueDays) < boards.Today ? p : p.Previous();
    }

    public async Task<Scorecard?> ComputeAsync(ReportingPeriod period, CancellationToken ct)
    {
        // The day after the period's last due day: what was due by then and not filed counts as missing.
        var settled = period.End.AddDays(boards.DueDays + 1);
        var asOf = settled < boards.Today ? settled : boards.Today;
        var board = await boards.LoadAsync(asOf, ct);
        if (board is null) return null;
        var perUnit = new Dictionary<string, (UnitRef Unit, List<ScoredReport> Reports, List<ScoredTask> Tasks)>(StringComparer.Ordinal);
        foreach (var leaf in board.All.Where(n => n.IsLeaf && n.Task.StartDate <= period.End))
            foreach (var r in leaf.Reporters)
            {
                if (!perUnit.TryGetValue(r.Unit.Key, out var entry)) perUnit[r.Unit.Key] = entry = (r.Unit, [], []);
                entry.Tasks.Add(new ScoredTask(leaf.Task.Id, leaf.Task.Title, leaf.Light, r.Latest?.Percent ?? 0));
                foreach (var o in r.Obligations.Where(
                    o => o.Period.End >= period.Start && o.Period.End <= period.End && (o.Due < asOf || o.FirstSubmittedOn is not null)))
                    entry.Reports.Add(new ScoredReport(leaf.Task.Id, leaf.Task.Title, o.Period, o.Due, o.FirstSubmittedOn, o.WasOnTime));
            }
        var rows = perUnit.Values.Select(e =>
        {
            var onTime = e.Reports.Count(r => r.OnTime);
            var onPlan = e.Tasks.Count(t => t.Light is TaskLight.Green or TaskLight.Done);
            var average = e.Tasks.Count == 0 ? 0 : Math.Round(e.Tasks.Average(t => t.OwnProgress), 1, MidpointRounding.AwayFromZero);
            return new ScoreRow(e.Unit, e.Reports.Count, onTime, e.Tasks.Count, onPlan, e.Tasks.Count(t => t.Light == TaskLight.Red),
                average,
                SupervisionRules.Score(e.Reports.Count, onTime, e.Tasks.Count, onPlan, average), 0,
                [.. e.Reports.OrderBy(r => r.Due).ThenBy(r => r.TaskId)], [.. e.Tasks.OrderBy(t => t.TaskId)]);
        }).ToList();
        return new Scorecard(period, asOf, Rank(rows.Where(r => !r.Unit.IsDistrict)), Rank(rows.Where(r => r.Unit.IsDistrict)));
    }

    private static List<ScoreRow> Rank(IEnumerable<ScoreRow> rows)
    {
        var ordered = rows.OrderByDescending(r => r.Score).ThenBy(r => r.Overdue).ThenBy(r => r.Unit.Id).ToList();
        var ranked = new List<ScoreRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
            // Equal scores share a rank (1, 2, 2, 4).
            ranked.Add(ordered[i] with { Rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranked[i - 1].Rank : i + 1 });
        return ranked;
    }
}
