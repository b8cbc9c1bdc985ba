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
    };

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
                    n.Task.Number, n.Depth, n.Task.Title, Names(n.Leads), Names(n.CoUnits),
                    n.Task.Districts.Count == 0 ? "" : Names(n.DistrictUnits),
                    n.Task.Deadline, n.Progress, n.Light, StatusText(n.Light)))]))
            .ToList();
        return new BreakdownSheet($"《{board.Plan.Name}》任务分解表", board.AsOf, groups);
    }

    public async Task<BulletinData?> BulletinAsync(ReportingPeriod period, CancellationToken ct)
    {
        var card = await scorecards.ComputeAsync(period, ct);
        var board = await boards.LoadAsync(ct: ct);
        if (card is null || board is null) return null;
        var leaves = board.All.Where(n => n.IsLeaf).ToList();
        int Count(TaskLight l) => leaves.Count(n => n.Light == l);
        var due = card.Departments.Concat(card.Districts).Sum(r => r.ReportsDue);
        var onTime = card.Departments.Concat(card.Districts).Sum(r => r.ReportsOnTime);
        var average = leaves.Count == 0 ? 0 : Math.Round(leaves.Average(n => n.Progress), 1, MidpointRounding.AwayFromZero);
        var overview = new List<string>
        {
            $"截至{ExportFormat.ChineseDate(board.AsOf)}，《{board.Plan.Name}》共分解督办任务{leaves.Count}项，平均进度{average:0.#}%。其中按计划推" +
                $"进{Count(TaskLight.Green)}项，已完成{Count(TaskLight.Done)}项，进展滞后{Count(TaskLight.Yellow)}项，逾期{Count(TaskLight.Red)}项。",
            due == 0
                ? $"{period.Label(false)}无到期应报送的进展报告。"
                : $"{period.Label(false)}应报送进展报告{due}份，按时报送{onTime}份，按时报送率{onTime * 100m / due:0.#}%。",
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
        return new BulletinData(issuer, number, $"关于{period.Label(false)}未来产业培育重点任务推进情况的通报", period.Label(false), board.AsOf, overview,
            [.. Items(leaves, TaskLight.Red, board.AsOf)], [.. Items(leaves, TaskLight.Yellow, board.AsOf)],
            [.. card.Departments.Select(Score)], [.. card.Districts.Select(Score)]);
    }

    private static IEnumerable<BulletinItem> Items(IEnumerable<TaskNode> leaves, TaskLight light, DateOnly asOf) =>
        leaves.Where(n => n.Light == light).Select(n =>
        {
            var late = n.Reporters.Where(r => r.HasOverdue(asOf)).Select(r => r.Unit.Name).ToList();
            var lagging = n.Reporters.Where(r => r.Latest?.Status == ReportStatus.Lagging).Select(r => r.Unit.Name).ToList();
            var owners = late.Count > 0 || lagging.Count > 0 ? string.Join("、", late.Concat(lagging).Distinct()) : Names(n.Owners);
            var reasons = string.Join("，", n.Reasons.Select(r => ReasonText[r]));
            return new BulletinItem(n.Task.Title, owners, reasons, n.Progress);
        });

    private static BulletinScore Score(ScoreRow r) =>
        new(r.Rank, r.Unit.Name, r.ReportsDue, r.ReportsOnTime, r.Tasks, r.TasksOnPlan, r.Overdue, r.AverageProgress, r.Score);

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
