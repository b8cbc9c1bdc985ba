using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Talent;

/// <summary>
/// The missing check-in alert: a yellow alert to the following unit for every plan year whose check-in is overdue (once per plan
/// year: its key names both), resolved by the system when the check-in is filed or no longer owed (plan closed, person anonymised).
/// The alert names the person (the name is not masked in the pool) but carries none of the plan's texts.
/// </summary>
public sealed class FollowUpAlertRules(FipDbContext db, FollowUpService followUps, AlertService alerts) : IAlertRules
{
    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var overdue = (await followUps.OwedAsync(null, null, ct)).Where(o => o.Late).ToList();
        var raised = 0;
        foreach (var o in overdue)
        {
            var due = o.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var year = o.PlanYear.ToString(CultureInfo.InvariantCulture);
            var request = new AlertRequest(FollowUpService.AlertRule, FollowUpService.AlertKey(o.PlanId, o.PlanYear), AlertSeverity.Yellow,
                $"{o.TalentName}的第{year}年度跟踪未填报", $"Year {year} check-in of {o.TalentName} missing",
                $"青年科技人才跟踪培养计划第 {year} 年度的跟踪情况应于 {due} 填报，至今未填报：请填报年度进展与成果。",
                $"The year {year} check-in of the young talent follow-up plan was due on {due} and has not been filed: file the " +
                "year's progress and outcomes.",
                $"/Talent/Plan/{o.TalentId.ToString(CultureInfo.InvariantCulture)}", o.UnitDepartmentId, o.UnitDistrictId);
            if (await alerts.RaiseAsync(request, ct) is not null) raised++;
        }
        var owed = overdue.Select(o => FollowUpService.AlertKey(o.PlanId, o.PlanYear)).ToHashSet(StringComparer.Ordinal);
        var open = await db.Alerts.AsNoTracking().Where(a => a.Rule == FollowUpService.AlertRule && a.Status != AlertStatus.Resolved)
            .Select(a => a.DedupKey).Distinct().ToListAsync(ct);
        foreach (var key in open.Where(k => !owed.Contains(k)))
            await alerts.ClearAsync(key, "年度跟踪已填报或不再需要 · check-in filed or no longer owed", ct);
        return raised;
    }
}

/// <summary>Daily (<c>Talent:FollowUpCheckHours</c>, 24): the missing check-in alerts.</summary>
public sealed class FollowUpAlertJob : IScheduledJob
{
    public string Name => "talent-followup-alerts";

    public TimeSpan Interval(IConfiguration configuration) =>
        TimeSpan.FromHours(configuration.GetValue("Talent:FollowUpCheckHours", 24.0));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var raised = await services.GetRequiredService<FollowUpAlertRules>().EvaluateAsync(ct);
        return raised > 0 ? $"{raised} missing talent check-in alerts raised" : null;
    }
}
