using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>Takes indicator snapshots: one per indicator per month on schedule, and any number on demand.</summary>
public sealed class SnapshotService(FipDbContext db, IndicatorEngine engine, GoalService goals, TimeProvider clock)
{
    /// <summary>
    /// Snapshots every indicator; a scheduled run skips indicators that already have this month's snapshot. Two nodes
    /// taking the month's snapshots at once: the unique index (indicator × month of the scheduled ones) refuses the
    /// second save whole, which then looks again and finds them taken.
    /// </summary>
    public async Task<int> TakeAsync(string kind, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TakeOnceAsync(kind, ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && kind == SnapshotKinds.Scheduled && attempt < 3)
            {
                db.ForgetAdded();
            }
        }
    }

    private async Task<int> TakeOnceAsync(string kind, CancellationToken ct)
    {
        var month = new DateOnly(goals.Today.Year, goals.Today.Month, 1);
        var taken = 0;
        foreach (var def in await db.Indicators.AsNoTracking().ToListAsync(ct))
        {
            if (kind == SnapshotKinds.Scheduled
                && await db.IndicatorSnapshots.AnyAsync(s => s.IndicatorId == def.Id && s.Period == month, ct)) continue;
            // An average of no values has no figure yet (无数据): no snapshot, rather than a 0 the history would keep.
            var figure = await engine.ValueAsync(db, def, ct);
            if (figure.NoData) continue;
            db.IndicatorSnapshots.Add(new IndicatorSnapshot
            {
                IndicatorId = def.Id,
                Period = month,
                TakenAt = clock.GetUtcNow().UtcDateTime,
                Kind = kind,
                Value = figure.Value,
                Pipeline = await engine.PipelineAsync(db, def, ct),
                Revision = def.Revision,
                Criteria = def.Criteria,
            });
            taken++;
        }
        await db.SaveChangesAsync(ct);
        return taken;
    }
}

/// <summary>
/// The alert rules of the goals: a goal at 关注 raises a yellow alert and at 滞后 a red one; a target year ending within
/// <see cref="DeadlineMonths"/> months while unmet raises a yellow alert (red within <see cref="ImminentMonths"/>); an indicator
/// below its last snapshot raises a blue one. Each goes to the indicator's owner department and is resolved by the system
/// when its condition clears.
/// </summary>
public sealed class GoalAlertRules(FipDbContext db, GoalService goals, AlertService alerts) : IAlertRules
{
    public const int DeadlineMonths = 12;
    public const int ImminentMonths = 3;

    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var raised = 0;
        var today = goals.Today;
        foreach (var card in await goals.CardsAsync(ct))
        {
            if (card.Reading is not { NoData: false } reading) continue;
            var def = reading.Definition;
            var owner = def.OwnerDepartmentId;
            var link = $"/Goals/Target/{card.TargetId.ToString(CultureInfo.InvariantCulture)}";
            var what =
                $"{card.Year?.ToString(CultureInfo.InvariantCulture) ?? ""}年{card.Indicator}目" +
                $"标{Display.Symbol(card.Comparator)}{Display.Number(card.TargetValue)}{card.Unit}";
            var whatEn =
                $"{card.IndicatorEn ?? card.Indicator} target {Display.Symbol(card.Comparator)}{Display.Number(card.TargetValue)} by " +
                $"{card.Year}";
            var now = $"当前 {Display.Number(reading.Value)}{card.Unit}，预计 {Display.Number(card.Projection?.Projected)}{card.Unit}";
            var nowEn = $"now {Display.Number(reading.Value)}, projected {Display.Number(card.Projection?.Projected)}";
            var key = $"goal:{card.TargetId.ToString(CultureInfo.InvariantCulture)}";

            switch (card.Status)
            {
                case GoalStatus.Behind:
                    await alerts.ClearAsync(key + ":at-risk", "已升级为滞后预警", ct);
                    raised +=
                        await Raise(new("goal-status", key + ":behind", AlertSeverity.Red, $"{card.Indicator}目标滞后",
                            $"{card.IndicatorEn ?? card.Indicator} behind",
                        $"{what}：{now}，按现有进度无法按期完成。", $"{whatEn}: {nowEn}; will not be met at the current pace.", link, owner, null), ct);
                    break;
                case GoalStatus.AtRisk:
                    await alerts.ClearAsync(key + ":behind", "已好转为关注", ct);
                    raised +=
                        await Raise(new("goal-status", key + ":at-risk", AlertSeverity.Yellow, $"{card.Indicator}目标需关注",
                            $"{card.IndicatorEn ?? card.Indicator} at risk",
                        $"{what}：{now}，存在不能按期完成的风险。", $"{whatEn}: {nowEn}; at risk.", link, owner, null), ct);
                    break;
                case GoalStatus.Met or GoalStatus.OnTrack:
                    await alerts.ClearAsync(key + ":behind", "目标已恢复正常", ct);
                    await alerts.ClearAsync(key + ":at-risk", "目标已恢复正常", ct);
                    break;
            }

            if (card.TargetValue is not null && card.Year is { } year && card.Status != GoalStatus.Met)
            {
                var left = GoalMath.MonthsLeft(today, year);
                if (today.Year <= year && left <= DeadlineMonths)
                    raised += await Raise(new("goal-deadline", $"{key}:deadline:{year.ToString(CultureInfo.InvariantCulture)}",
                        left <= ImminentMonths ? AlertSeverity.Red : AlertSeverity.Yellow,
                        $"{card.Indicator}目标临近期限", $"{card.IndicatorEn ?? card.Indicator} deadline near",
                        $"{what}，距期限约 {left} 个月，尚未达成：{now}。", $"{whatEn}: about {left} months left, not met ({nowEn}).", link, owner, null),
                        ct);
            }
            else if (card.Status == GoalStatus.Met && card.Year is { } y)
                await alerts.ClearAsync($"{key}:deadline:{y.ToString(CultureInfo.InvariantCulture)}", "目标已达成", ct);

            var last = await db.IndicatorSnapshots
                .Where(s => s.IndicatorId == def.Id)
                .OrderByDescending(s => s.TakenAt)
                .Select(s => (decimal?)s.Value)
                .FirstOrDefaultAsync(ct);
            var dropKey = $"indicator:{def.Code}:drop";
            if (last is { } before && reading.Value < before)
                raised +=
                    await Raise(new("indicator-drop", dropKey, AlertSeverity.Blue, $"{def.Name}指标下降", $"{def.NameEn ?? def.Name} dropped",
                    $"{def.Name}由上次快照的 {Display.Number(before)} 降至 {Display.Number(reading.Value)}，" + "请核实相关记录。",
                    $"{def.NameEn ?? def.Name} fell from {Display.Number(before)} at the last snapshot to " +
                    $"{Display.Number(reading.Value)}; please check the records.", link, owner, null), ct);
            else if (last is not null)
                await alerts.ClearAsync(dropKey, "指标已回升", ct);
        }
        return raised;
    }

    private async Task<int> Raise(AlertRequest request, CancellationToken ct) => await alerts.RaiseAsync(request, ct) is null ? 0 : 1;
}

/// <summary>
/// Every <c>Jobs:GoalsMinutes</c> (60): takes the month's snapshots if missing and evaluates the alert rules of the goals.
/// </summary>
public sealed class GoalsJob : IScheduledJob
{
    public string Name => "goals";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromMinutes(configuration.GetValue("Jobs:GoalsMinutes", 60));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var taken = await services.GetRequiredService<SnapshotService>().TakeAsync(SnapshotKinds.Scheduled, ct);
        var raised = await services.GetRequiredService<GoalAlertRules>().EvaluateAsync(ct);
        return taken + raised > 0 ? $"{taken} snapshots, {raised} alerts raised" : null;
    }
}
