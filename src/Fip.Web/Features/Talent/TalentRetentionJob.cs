using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Talent;

/// <summary>
/// PIPL art. 19 and 47: once a record's retention period (<see cref="Talent.RetainUntil"/>) has passed, its personal information
/// is erased and the name replaced, so the person can no longer be identified; what statistics need (category, track, chain
/// link, employer kind) stays, so the 紧缺人才图谱's supply does not jump. Runs daily (<c>Talent:RetentionCheckHours</c>).
/// </summary>
public sealed class TalentRetentionJob : IScheduledJob
{
    public string Name => "talent-retention";

    public TimeSpan Interval(IConfiguration configuration) =>
        TimeSpan.FromHours(configuration.GetValue("Talent:RetentionCheckHours", 24.0));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct) =>
        await AnonymiseDueAsync(services.GetRequiredService<FipDbContext>(), DateOnly.FromDateTime(DateTime.UtcNow), ct) is var n and > 0
            ? $"anonymised {n} talent records past their retention period"
            : null;

    /// <summary>Anonymises every record whose retention period ended before <paramref name="today"/>; returns how many.</summary>
    public static async Task<int> AnonymiseDueAsync(FipDbContext db, DateOnly today, CancellationToken ct)
    {
        var due = await db.Set<Talent>().Where(t => t.AnonymisedAt == null && t.RetainUntil != null && t.RetainUntil < today)
            .OrderBy(t => t.Id).Take(1000).ToListAsync(ct);
        var now = DateTime.UtcNow;
        foreach (var t in due) Anonymise(t, now);
        var ids = due.Select(t => t.Id).ToList();
        foreach (var plan in await db.Set<TalentPlan>().Include(p => p.CheckIns).Where(p => ids.Contains(p.TalentId)).ToListAsync(ct))
            Anonymise(plan, now);
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>Erases what identifies the person: name, ID number, contacts, birth date, and the free texts that name them.</summary>
    public static void Anonymise(Talent t, DateTime now)
    {
        t.Name = "已匿名化-" + t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        t.IdNumber = null;
        t.Phone = null;
        t.Email = null;
        t.BirthDate = null;
        t.Recognitions = null;
        t.Projects = null;
        t.AnonymisedAt = now;
        t.Version = RecordVersions.New();
    }

    /// <summary>The follow-up plan is the person's too: its goals and every check-in's texts go with the record's personal data.</summary>
    public static void Anonymise(TalentPlan plan, DateTime now)
    {
        plan.PlanGoals = "";
        plan.PlanClosedReason = null;
        foreach (var c in plan.CheckIns)
        {
            c.CheckInProgress = "";
            (c.OutcomeProjects, c.OutcomePapers, c.OutcomeTitles, c.OutcomeRecognitions, c.EmployerChange) = (null, null, null, null, null);
        }
        plan.UpdatedAt = now;
        plan.Version = RecordVersions.New();
    }
}

public static class TalentServices
{
    public static IServiceCollection AddTalent(this IServiceCollection services)
    {
        services.AddScoped<FollowUpService>();
        services.AddAlertRules<FollowUpAlertRules>();
        services.AddScheduledJob<FollowUpAlertJob>();
        return services.AddScheduledJob<TalentRetentionJob>();
    }
}
