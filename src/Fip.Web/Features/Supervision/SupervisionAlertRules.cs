using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Supervision.Exports;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Supervision;

/// <summary>
/// The warnings of the supervision, each to the unit that must act: a report due within <see cref="SupervisionRules.ReminderDays"/>
/// days and not filed (blue reminder); a report past its due date (red); a report returned for revision and not resubmitted within
/// <see cref="SupervisionRules.ResubmitDays"/> days (yellow); a unit's latest report says 滞后 (yellow); a milestone due
/// within 7 days (blue) or past (red) and the task deadline past unfinished (red), to the task's owners. Alerts whose condition has
/// cleared are resolved by the system.
/// </summary>
public sealed class SupervisionAlertRules(FipDbContext db, SupervisionBoard boards, AlertService alerts) : IAlertRules
{
    public const int MilestoneReminderDays = 7;
    private const string KeyPrefix = "sv:";

    public static string TaskKey(int taskId) => KeyPrefix + taskId.ToString(CultureInfo.InvariantCulture) + ":";

    /// <summary>Evaluates every task (or one task after a change to it); returns how many alerts were raised.</summary>
    Task<int> IAlertRules.EvaluateAsync(CancellationToken ct) => EvaluateAsync(null, ct);

    public async Task<int> EvaluateAsync(int? taskId = null, CancellationToken ct = default)
    {
        var board = await boards.LoadAsync(ct: ct);
        if (board is null) return 0;
        var today = board.AsOf;
        var wanted = new Dictionary<string, AlertRequest>(StringComparer.Ordinal);
        foreach (var node in board.All.Where(n => taskId is null || n.Task.Id == taskId))
            foreach (var request in Conditions(node, today)) wanted.TryAdd(request.DedupKey, request);

        var prefix = taskId is { } only ? TaskKey(only) : KeyPrefix;
        var open = await db.Alerts
            .Where(a => a.DedupKey.StartsWith(prefix) && a.Status != AlertStatus.Resolved)
            .Select(a => a.DedupKey)
            .ToListAsync(ct);
        var raised = 0;
        foreach (var (key, request) in wanted)
            if (!open.Contains(key) && await alerts.RaiseAsync(request, ct) is not null) raised++;
        foreach (var key in open.Distinct().Where(k => !wanted.ContainsKey(k)))
            await alerts.ClearAsync(key, "情况已消除", ct);
        return raised;
    }

    private static IEnumerable<AlertRequest> Conditions(TaskNode node, DateOnly today)
    {
        var t = node.Task;
        var link = $"/Supervision/Task/{t.Id.ToString(CultureInfo.InvariantCulture)}";
        var key = TaskKey(t.Id);
        var title = $"《{t.Title}》";
        foreach (var r in node.Reporters)
        {
            var (dep, dis) = r.Unit.IsDistrict ? ((int?)null, (int?)r.Unit.Id) : (r.Unit.Id, (int?)null);
            var late = r.Obligations.Where(o => o.IsOverdue(today)).ToList();
            if (late.Count > 0)
            {
                var periods = string.Join("、", late.Select(o => o.Period.Label(false)));
                var periodsEn = string.Join(", ", late.Select(o => o.Period.Label(true)));
                yield return new("task-report-late", key + r.Unit.Key + ":late", AlertSeverity.Red,
                    $"{r.Unit.Name}进展报送逾期", $"{r.Unit.Name}: progress report overdue",
                    $"{r.Unit.Name}未按期报送{title}{periods}进展（应于{ExportFormat.ChineseDate(late[0].Due)}前报送）。",
                    $"{r.Unit.Name} has not filed the {periodsEn} report on {t.TitleEn ?? t.Title} (due {late[0].Due:yyyy-MM-dd}).",
                    link, dep, dis);
            }
            var next =
                r.Obligations.FirstOrDefault(
                    o => o.FirstSubmittedOn is null && o.Due >= today && o.Due <= today.AddDays(SupervisionRules.ReminderDays));
            if (next is not null)
                yield return new("task-report-due", key + r.Unit.Key + ":due:" + next.Period.Key, AlertSeverity.Blue,
                    $"{r.Unit.Name}进展报送提醒", $"{r.Unit.Name}: progress report due",
                    $"请于{ExportFormat.ChineseDate(next.Due)}前报送{title}{next.Period.Label(false)}进展。",
                    $"Please file the {next.Period.Label(true)} report on {t.TitleEn ?? t.Title} by {next.Due:yyyy-MM-dd}.",
                    link, dep, dis);
            var unrevised = r.Returned.Where(x => x.ReturnedOn.AddDays(SupervisionRules.ResubmitDays) < today).ToList();
            if (unrevised.Count > 0)
            {
                string Label(string period, bool english) => ReportingPeriod.TryParse(period, out var p) ? p.Label(english) : period;
                var periods = string.Join("、", unrevised.Select(x => Label(x.Period, false)));
                var periodsEn = string.Join(", ", unrevised.Select(x => Label(x.Period, true)));
                yield return new("task-report-returned", key + r.Unit.Key + ":returned", AlertSeverity.Yellow,
                    $"{r.Unit.Name}退回报告未重报", $"{r.Unit.Name}: returned report not resubmitted",
                    $"{r.Unit.Name}报送的{title}{periods}进展于{ExportFormat.ChineseDate(unrevised[0].ReturnedOn)}退回修改，已超" +
                    $"过{SupervisionRules.ResubmitDays}日未重新报送。",
                    $"The {periodsEn} report of {r.Unit.Name} on {t.TitleEn ?? t.Title} was returned on " +
                    $"{unrevised[0].ReturnedOn:yyyy-MM-dd} and has not been resubmitted within {SupervisionRules.ResubmitDays} days.",
                    link, dep, dis);
            }
            if (r.Latest?.Status == ReportStatus.Lagging)
                yield return new("task-lagging", key + r.Unit.Key + ":lagging", AlertSeverity.Yellow,
                    $"{t.Title}进展滞后", $"{t.TitleEn ?? t.Title} lagging",
                    $"{r.Unit.Name}报告{title}进展滞后（完成{r.Latest.Percent:0.#}%），请督促整改。",
                    $"{r.Unit.Name} reports {t.TitleEn ?? t.Title} lagging ({r.Latest.Percent:0.#} %).",
                    link, dep, dis);
        }
        if (node.Light == TaskLight.Done) yield break;
        foreach (var owner in node.Owners)
        {
            if (t.Deadline is { } deadline && deadline < today)
                yield return new("task-deadline", key + owner.Key + ":deadline", AlertSeverity.Red,
                    $"{t.Title}逾期未完成", $"{t.TitleEn ?? t.Title} past its deadline",
                    $"{title}完成时限为{ExportFormat.ChineseDate(deadline)}，目前进度{node.Progress:0.#}%，已逾期。",
                    $"{t.TitleEn ?? t.Title} was due {deadline:yyyy-MM-dd}; progress {node.Progress:0.#} %.",
                    link, owner.Id, null);
            foreach (var m in t.Milestones.Where(m => m.DoneOn is null))
            {
                var mk = key + owner.Key + ":milestone:" + m.Id.ToString(CultureInfo.InvariantCulture);
                if (m.DueDate < today)
                    yield return new("task-milestone", mk + ":late", AlertSeverity.Red, $"{t.Title}节点逾期",
                        $"{t.TitleEn ?? t.Title}: milestone overdue",
                        $"{title}节点“{m.Title}”应于{ExportFormat.ChineseDate(m.DueDate)}完成，尚未完成。",
                        $"Milestone \"{m.Title}\" of {t.TitleEn ?? t.Title} was due {m.DueDate:yyyy-MM-dd}.", link, owner.Id, null);
                else if (m.DueDate <= today.AddDays(MilestoneReminderDays))
                    yield return new("task-milestone", mk + ":due", AlertSeverity.Blue, $"{t.Title}节点临近",
                        $"{t.TitleEn ?? t.Title}: milestone due",
                        $"{title}节点“{m.Title}”将于{ExportFormat.ChineseDate(m.DueDate)}到期。",
                        $"Milestone \"{m.Title}\" of {t.TitleEn ?? t.Title} is due {m.DueDate:yyyy-MM-dd}.", link, owner.Id, null);
            }
        }
    }
}

/// <summary>
/// A 报送提醒 or 报送逾期 alert stays open while its report is unfiled: the unit cannot close it with a note instead of filing
/// (the rules resolve it themselves once the report is in).
/// </summary>
public sealed class UnfiledReportCheck(SupervisionBoard boards) : IAlertResolutionCheck
{
    public async Task<string?> RefusalAsync(Alert alert, CancellationToken ct)
    {
        if (alert.Rule is not ("task-report-due" or "task-report-late") || !alert.DedupKey.StartsWith("sv:", StringComparison.Ordinal))
            return null;
        // sv:{task}:{dep|dis}:{id}:due:{period} or sv:{task}:{dep|dis}:{id}:late
        var parts = alert.DedupKey.Split(':');
        if (parts.Length < 5 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var taskId)) return null;
        var unitKey = parts[2] + ":" + parts[3];
        var board = await boards.LoadAsync(ct: ct);
        var reporter = board?.Find(taskId)?.Reporters.FirstOrDefault(r => r.Unit.Key == unitKey);
        if (reporter is null) return null;
        var unfiled = parts[4] == "due" && parts.Length > 5
            ? reporter.Obligations.Any(o => o.Period.Key == parts[5] && o.FirstSubmittedOn is null)
            : reporter.HasOverdue(board!.AsOf);
        return unfiled ? "Alerts.ReportStillUnfiled" : null;
    }
}

/// <summary>Every <c>Jobs:GoalsMinutes</c> (60): evaluates the supervision's alert rules (overdue, lagging, reminders).</summary>
public sealed class SupervisionAlertsJob : Infrastructure.Jobs.IScheduledJob
{
    public string Name => "supervision-alerts";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromMinutes(configuration.GetValue("Jobs:GoalsMinutes", 60));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<SupervisionAlertRules>().EvaluateAsync(null, ct) is > 0 and var raised
            ? $"{raised} alerts raised"
            : null;
}
