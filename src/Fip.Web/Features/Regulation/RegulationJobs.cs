using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Regulation;

/// <summary>
/// The expiry alerts of measures (<see cref="RegulationRules.ExpiryAlertDue"/>: a yellow alert 30 days before the end, a red one 7
/// days before, to the granting department; the key names the end, so an extension arms them again) and the signal rules, which
/// draft a 提示 for the department once per fact (unique <see cref="RegulatoryNotice.SignalKey"/>).
/// </summary>
public sealed class RegulationAlertRules(FipDbContext db, AlertService alerts, TimeProvider clock) : IAlertRules
{
    /// <summary>One alert per measure × end × 30 or 7 days.</summary>
    public static string ExpiryKey(long measureId, DateOnly endOn, int days) => string.Create(CultureInfo.InvariantCulture,
        $"{ExpiryKeyPrefix(measureId)}{endOn:yyyy-MM-dd}:{days}");

    public static string ExpiryKeyPrefix(long measureId) => string.Create(CultureInfo.InvariantCulture, $"measure-expiry:{measureId}:");

    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var today = Infrastructure.Display.Today(clock);
        var running = await db.Set<RegulatoryMeasure>().AsNoTracking()
            .Where(m => m.Outcome == MeasureOutcome.Running || m.Outcome == MeasureOutcome.Extended).ToListAsync(ct);
        var raised = 0;
        foreach (var m in running)
        {
            if (RegulationRules.ExpiryAlertDue(m.EndOn, today) is not { } days) continue;
            var id = m.Id.ToString(CultureInfo.InvariantCulture);
            var kind = m.Kind == MeasureKind.Tolerance ? "包容期" : "观察期";
            var kindEn = m.Kind == MeasureKind.Tolerance ? "Tolerance period" : "Observation period";
            var end = m.EndOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var request = new AlertRequest("measure-expiry", ExpiryKey(m.Id, m.EndOn, days),
                days == RegulationRules.LastExpiryAlertDays ? AlertSeverity.Red : AlertSeverity.Yellow,
                $"{m.SubjectName}{kind}将于{days}日内到期", $"{kindEn} of {m.SubjectName} ends within {days} days",
                $"{kind}于{end}到期，请登记结果（转入常规监管、延长或终止）。",
                $"It ends on {end}: record the outcome (regular supervision, extension or termination).",
                $"/Regulation/Measure/{id}", m.DepartmentId, null);
            if (await alerts.RaiseAsync(request, ct) is not null) raised++;
        }
        await DraftSignalsAsync(running, today, ct);
        return raised;
    }

    /// <summary>Drafts a 提示 for every new signal; returns how many were drafted.</summary>
    public async Task<int> DraftSignalsAsync(IReadOnlyList<RegulatoryMeasure> running, DateOnly today, CancellationToken ct)
    {
        if (running.Count == 0) return 0;
        var ids = running.Select(m => m.EnterpriseId).Distinct().ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Include(e => e.Qualifications).Include(e => e.Indicators).AsSplitQuery()
            .Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var measureIds = running.Select(m => m.Id).ToList();
        var complaints = (await db.Set<MeasureComplaint>().AsNoTracking().Where(c => measureIds.Contains(c.MeasureId)).ToListAsync(ct))
            .ToLookup(c => c.MeasureId);
        var known = (await db.Set<RegulatoryNotice>().Where(n => n.SignalKey != null && n.MeasureId != null
            && measureIds.Contains(n.MeasureId.Value)).Select(n => n.SignalKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var drafted = 0;
        foreach (var m in running)
        {
            if (!enterprises.TryGetValue(m.EnterpriseId, out var e)) continue;
            foreach (var s in RegulationRules.Evaluate(m, e, complaints[m.Id], today).Where(s => !known.Contains(s.Key)))
            {
                db.Add(new RegulatoryNotice
                {
                    Kind = NoticeKind.Warning,
                    State = NoticeState.Draft,
                    MeasureId = m.Id,
                    EnterpriseId = e.Id,
                    EnterpriseUscc = e.CreditCode,
                    DistrictId = e.DistrictId,
                    DepartmentId = m.DepartmentId,
                    Findings = s.Findings,
                    SignalRule = s.Rule,
                    SignalKey = s.Key,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                    CreatedBy = "system:regulation",
                    IsDemo = m.IsDemo,
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                    drafted++;
                }
                catch (DbUpdateException ex) when (ex.IsUniqueViolation())
                {
                    db.ForgetAdded();
                }
            }
        }
        return drafted;
    }
}

/// <summary>Every <c>Jobs:RegulationMinutes</c> (60): the expiry alerts and the signal drafts of flexible regulation.</summary>
public sealed class RegulationJob : IScheduledJob
{
    public string Name => "regulation";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromMinutes(configuration.GetValue("Jobs:RegulationMinutes", 60));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var raised = await services.GetRequiredService<RegulationAlertRules>().EvaluateAsync(ct);
        return raised > 0 ? $"{raised} expiry alerts raised" : null;
    }
}

public static class RegulationServices
{
    public static IServiceCollection AddRegulation(this IServiceCollection services)
    {
        services.AddScoped<RegulationService>();
        services.AddScoped<Registries.IEnterpriseProfileSections, RegulationProfileSections>();
        services.AddAlertRules<RegulationAlertRules>();
        services.AddScheduledJob<RegulationJob>();
        return services;
    }
}
