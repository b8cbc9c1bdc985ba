using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Chains;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Investment;

/// <summary>
/// The stale-lead rule (<see cref="LeadRules.IsStale"/>: not landed, no contact for 60 days): a yellow alert to the lead's owner
/// unit, keyed by the lead and its last contact day, so a new contact clears it and a later silence raises it again.
/// </summary>
public sealed class LeadAlertRules(FipDbContext db, AlertService alerts, TimeProvider clock) : IAlertRules
{
    public const string Rule = "lead-stale";

    public static string KeyPrefix(long leadId) => string.Create(CultureInfo.InvariantCulture, $"{Rule}:{leadId}:");

    public static string Key(long leadId, DateOnly lastContactOn) =>
        KeyPrefix(leadId) + lastContactOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var today = Infrastructure.Display.Today(clock);
        var since = today.AddDays(-LeadRules.StaleDays);
        var stale = await db.Set<InvestmentLead>().AsNoTracking()
            .Where(l => l.Stage != LeadStage.Landed && l.LastContactOn < since).ToListAsync(ct);
        var raised = 0;
        foreach (var l in stale.Where(l => LeadRules.IsStale(l.Stage, l.LastContactOn, today)))
        {
            var day = l.LastContactOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var request = new AlertRequest(Rule, Key(l.Id, l.LastContactOn), AlertSeverity.Yellow,
                $"招商线索{l.EnterpriseName}已{LeadRules.StaleDays}日未联系", $"No contact with lead {l.EnterpriseName} for "
                + $"{LeadRules.StaleDays} days", $"最近一次联系在{day}，请跟进并登记联系记录。",
                $"The last contact was on {day}: follow it up and record the contact.",
                $"/Investment/Lead/{l.Id.ToString(CultureInfo.InvariantCulture)}", l.OwnerDepartmentId, l.OwnerDistrictId);
            if (await alerts.RaiseAsync(request, ct) is not null) raised++;
        }
        await ClearAsync(stale.Where(l => LeadRules.IsStale(l.Stage, l.LastContactOn, today))
            .Select(l => Key(l.Id, l.LastContactOn)).ToHashSet(StringComparer.Ordinal), ct);
        return raised;
    }

    /// <summary>Resolves the open stale alerts whose lead was contacted since, landed or is gone.</summary>
    private async Task ClearAsync(HashSet<string> current, CancellationToken ct)
    {
        var open = await db.Alerts.AsNoTracking().Where(a => a.Rule == Rule && a.Status != AlertStatus.Resolved)
            .Select(a => a.DedupKey).Distinct().ToListAsync(ct);
        foreach (var key in open.Where(k => !current.Contains(k)))
            await alerts.ClearAsync(key, "已恢复联系或已落地", ct);
    }
}

/// <summary>Every <c>Jobs:LeadsMinutes</c> (60): the stale-lead alerts.</summary>
public sealed class LeadJob : IScheduledJob
{
    public string Name => "investment-leads";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromMinutes(configuration.GetValue("Jobs:LeadsMinutes", 60));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var raised = await services.GetRequiredService<LeadAlertRules>().EvaluateAsync(ct);
        return raised > 0 ? $"{raised} stale-lead alerts raised" : null;
    }
}

/// <summary>The gap panel's lead counts, for the chain map.</summary>
public sealed class ChainGapLeads(LeadService leads) : IChainGapLeads
{
    public Task<IReadOnlyDictionary<int, int>> CountsAsync(int trackId, CancellationToken ct) => leads.CountsByLinkAsync(trackId, ct);
}

public static class LeadServices
{
    public static IServiceCollection AddInvestmentLeads(this IServiceCollection services)
    {
        services.AddScoped<LeadService>();
        services.AddScoped<IChainGapLeads, ChainGapLeads>();
        services.AddAlertRules<LeadAlertRules>();
        services.AddScheduledJob<LeadJob>();
        return services;
    }
}
