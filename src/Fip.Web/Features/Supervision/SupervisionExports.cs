using System.Globalization;
using System.Security.Claims;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Supervision.Exports;

namespace Fip.Web.Features.Supervision;

/// <summary>
/// Builds what officials send, in Chinese as sent: the 任务分解表 (every task the user may see, grouped by programme) and the
/// 督办通报 of a period (overall picture, red and yellow items with their owners, the scorecards).
/// </summary>
public sealed class SupervisionExports(SupervisionBoard boards, Scorecards scorecards, GoalService goals, IConfiguration configuration,
    Microsoft.Extensions.Localization.IStringLocalizer<Infrastructure.SharedResource> l)
{
    public static readonly IReadOnlyDictionary<SupervisionRules.Reason, string> ReasonText = new Dictionary<SupervisionRules.Reason, string>
    {
        [SupervisionRules.Reason.DeadlinePassed] = "已超过完成时限",
        [SupervisionRules.Reason.MilestoneOverdue] = "节点逾期未完成",
        [SupervisionRules.Reason.ReportOverdue] = "进展逾期未报送",
        [SupervisionRules.Reason.ReportedLagging] = "报告进展滞后",
        [SupervisionRules.Reason.SubtaskOverdue] = "子任务逾期",
        [SupervisionRules.Reason.BehindExpected] = "进度落后于预期",
        [SupervisionRules.Reason.SubtaskLagging] = "子任务滞后",
        [SupervisionRules.Reason.NoReport] = "尚未报送进展",
        [SupervisionRules.Reason.AwaitingConfirmation] = "待确认完成",
    };

    /// <summary>Added to the units of a task none leads (等按职责分工负责), as the web page says it.</summary>
    public const string JointSuffix = "（按职责分工负责）";

    /// <summary>What the 任务 column says: a programme's or measure's own text from the plan (its name heads the group and fills the
    /// 重点工程 column), a work task's title.</summary>
    public static string TaskText(TaskNode n) =>
        n.Task.Level == TaskLevel.Programme && !string.IsNullOrWhiteSpace(n.Task.Description) ? n.Task.Description.Trim() : n.Task.Title;

    /// <summary>牵头单位 as the web page shows them: the lead units, or every jointly responsible unit marked as such.</summary>
    public static string LeadText(TaskNode n) => n.Owners.Any() ? Names(n.Owners) + (n.Joint ? JointSuffix : "") : "";

    public static string StatusText(TaskLight light) => light switch
    {
        TaskLight.Red => "逾期",
        TaskLight.Yellow => "滞后",
        TaskLight.Done => "已完成",
        _ => "按计划",
    };

    public async Task<BreakdownSheet?> BreakdownAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var board = await boards.LoadAsync(ct: ct);
        if (board is null) return null;
        var groups = board.Roots.Where(r => r.SelfAndDescendants().Any(n => ReportService.CanSee(user, n)))
            .Select(root => new BreakdownGroup(root.Task.Number, root.Task.Title,
                [.. root.SelfAndDescendants().Where(n => ReportService.CanSee(user, n)).Select(n => new BreakdownRow(
                    n.Task.Number, n.Depth, TaskText(n), LeadText(n), Names(n.Supporters),
                    n.Task.Districts.Count == 0 ? "" : Names(n.DistrictUnits),
                    n.Task.Deadline, n.Progress, n.Light, StatusText(n.Light)))]))
            .ToList();
        return new BreakdownSheet($"《{board.Plan.Name}》任务分解表", board.AsOf, groups);
    }

    /// <summary>The lines of the scorecard sheet, from the scorecard the page and the API show.</summary>
    public static IEnumerable<ScorecardLine> ScorecardLines(Scorecard card)
    {
        foreach (var (kind, rows, apart) in new[] { ("部门", card.Departments, card.NotRatedDepartments), ("板块", card.Districts,
            card.NotRatedDistricts) })
        {
            foreach (var r in rows)
                yield return new ScorecardLine(kind, ScorecardWorkbook.Number(r.Rank), r.Unit.Name, r.ReportsDue, r.ReportsOnTime,
                    r.ReportsLate,
                    r.ReportsMissing, r.ReportsReturned, r.Parts.Timeliness, r.Parts.Quality, r.Parts.Progress, r.Score, "");
            foreach (var n in apart)
                yield return new ScorecardLine(kind, "不参评", n.Unit.Name, null, null, null, null, null, null, null, null, null,
                    NotRatedText[n.Reason]);
        }
    }

    public static readonly IReadOnlyDictionary<NotRatedReason, string> NotRatedText = new Dictionary<NotRatedReason, string>
    {
        [NotRatedReason.NothingDue] = "本期无到期应报事项",
    };

    public async Task<BulletinData?> BulletinAsync(ReportingPeriod period, CancellationToken ct)
    {
        // One computation: the scorecard's, and the tasks as they stood on its day.
        var card = await scorecards.ComputeAsync(period, ct);
        if (card is null) return null;
        var board = card.Board;
        var tasks = board.All.ToList();
        int Count(TaskLight l) => tasks.Count(n => n.Light == l);
        var rated = card.Departments.Concat(card.Districts).ToList();
        var due = rated.Sum(r => r.ReportsDue);
        var onTime = rated.Sum(r => r.ReportsOnTime);
        var asOf = ExportFormat.ChineseDate(card.AsOf);
        var span = $"{ExportFormat.ChineseDate(period.Start)}至{ExportFormat.ChineseDate(period.End)}";
        var overview = new List<string>
        {
            $"本通报统计期为{span}，任务进展和报送情况数据截至{asOf}。",
            $"截至{asOf}，《{board.Plan.Name}》共有督办任务{tasks.Count}项（含重点工程、保障措施及其分解任务）。其中已完成{Count(TaskLight.Done)}项，" +
                $"按计划推进{Count(TaskLight.Green)}项，进展滞后{Count(TaskLight.Yellow)}项，逾期{Count(TaskLight.Red)}项。",
            due == 0
                ? $"统计期内无到期应报送的进展报告。"
                : $"统计期内应报送进展报告{due}份，按时报送{onTime}份，按时报送率{onTime * 100m / due:0.#}%。",
        };
        var cards = await goals.CardsAsync(ct);
        var numeric = cards.Where(c => c.TargetValue is not null).ToList();
        if (numeric.Count > 0)
            overview.Add(
                "目标指标方面："
                    + string.Join("；",
                        numeric.Select(
                            c =>
                                $"{c.Year}年{c.Indicator}目" +
                                $"标{Infrastructure.Display.Symbol(c.Comparator)}{Infrastructure.Display.Number(c.TargetValue)}{c.Unit}，当" +
                                $"前{Infrastructure.Display.Number(c.Value)}{c.Unit}（{GoalStatusText(c.Status)}）")) + "。");

        var configuredIssuer = configuration["Supervision:Issuer"];
        var issuer = string.IsNullOrWhiteSpace(configuredIssuer) ? $"{board.Plan.CityName}制造强市建设工作专班办公室" : configuredIssuer;
        var prefix = configuration["Supervision:DocumentPrefix"];
        if (string.IsNullOrWhiteSpace(prefix)) prefix = board.Plan.CityName.TrimEnd('市') + "制强办";
        var number =
            $"{prefix}〔{period.Year.ToString(CultureInfo.InvariantCulture)}〕" +
            $"{(period.Cycle == ReportingCycle.Monthly ? period.Index : period.Index * 3).ToString(CultureInfo.InvariantCulture)}号";
        var copyTo = configuration["Supervision:CopyTo"];
        if (string.IsNullOrWhiteSpace(copyTo)) copyTo = $"{board.Plan.CityName}制造强市建设工作专班成员单位，各县（市、区）人民政府，各功能区管委会";
        var today = boards.Today;
        return new BulletinData(issuer, number, $"关于{period.Label(false)}未来产业培育重点任务推进情况的通报",
            $"统计期：{span}　数据截至：{asOf}", today, overview,
            [.. Items(tasks, TaskLight.Red, board.AsOf)], [.. Items(tasks, TaskLight.Yellow, board.AsOf)],
            [.. card.Departments.Select(Score)], [.. card.Districts.Select(Score)],
            [.. card.NotRatedDepartments.Select(n => n.Unit.Name)], [.. card.NotRatedDistricts.Select(n => n.Unit.Name)],
            copyTo, issuer, today);
    }

    private static IEnumerable<BulletinItem> Items(IEnumerable<TaskNode> tasks, TaskLight light, DateOnly asOf) =>
        tasks.Where(n => n.Light == light).Select(n =>
        {
            var late = n.Reporters.Where(r => r.HasOverdue(asOf)).Select(r => r.Unit.Name).ToList();
            var lagging = n.Reporters.Where(r => r.Latest?.Status == ReportStatus.Lagging).Select(r => r.Unit.Name).ToList();
            var owners = late.Count > 0 || lagging.Count > 0 ? string.Join("、", late.Concat(lagging).Distinct()) : Names(n.Owners);
            var reasons = string.Join("，", n.Reasons.Select(r => ReasonText[r]));
            if (n.Expected is { } e && n.Reasons.Contains(SupervisionRules.Reason.BehindExpected))
                reasons += $"（预期进度{ExportFormat.Percent(e)}）";
            return new BulletinItem(n.Task.Title, owners, reasons, n.Progress);
        });

    private static BulletinScore Score(ScoreRow r) =>
        new(r.Rank, r.Unit.Name, r.ReportsDue, r.ReportsOnTime, r.ReportsLate, r.ReportsMissing, r.ReportsReturned, r.Parts.Progress,
            r.Score);

    /// <summary>The goal page's status word, in Chinese whatever the reader's language: the 督办通报 is a Chinese document.</summary>
    private string GoalStatusText(GoalStatus s)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            return l["Goals.Status." + s].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }

    private static string Names(IEnumerable<UnitRef> units) => string.Join("、", units.Select(u => u.Name));
}
