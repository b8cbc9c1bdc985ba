using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Demand;

/// <summary>
/// Seeds the skill taxonomy of every track of the current plan that has none: one entry per link of the track's chain below its
/// segments (发动机, 飞控系统 …), with the link's terms. After that the taxonomy is the talent office's to edit (registry
/// <see cref="TalentSkillRegistry"/>); a track whose entries were all removed is not seeded again unless it has never had any.
/// </summary>
public sealed class TalentSkillSeeder(FipDbContext db, ILogger<TalentSkillSeeder> log)
{
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var planId = await db.Plans.AsNoTracking().Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (planId is null) return 0;
        var seeded = (await db.Set<TalentSkill>().Select(s => s.TrackId).Distinct().ToListAsync(ct)).ToHashSet();
        var links = await db.ChainLinks.AsNoTracking()
            .Where(l => l.Track.PlanId == planId && l.ParentId != null && l.MergedIntoId == null)
            .OrderBy(l => l.TrackId).ThenBy(l => l.SortOrder)
            .Select(l => new { l.TrackId, l.Name, l.Terms }).ToListAsync(ct);
        var keeper = await KeepingDepartments.FindAsync(db, TalentSkillRegistry.KeeperMarker, ct);
        var added = 0;
        foreach (var link in links.Where(l => !seeded.Contains(l.TrackId)).DistinctBy(l => (l.TrackId, l.Name)))
        {
            db.Add(new TalentSkill
            {
                TrackId = link.TrackId,
                Name = link.Name,
                Terms = link.Terms.Length > 500 ? link.Terms[..500] : link.Terms,
                KeeperDepartmentId = keeper,
            });
            added++;
        }
        if (added == 0) return 0;
        db.AddAuditSummary(nameof(TalentSkill), "skills", $"技能目录: {added} entries seeded from the chain links");
        using (db.SuppressRowAudit()) await db.SaveChangesAsync(ct);
        log.LogInformation("Seeded {Count} skill taxonomy entries", added);
        return added;
    }
}

public static class DemandServices
{
    public static IServiceCollection AddDemand(this IServiceCollection services) =>
        services.AddScoped<ScarcityMap>().AddScoped<ScarcityCatalogue>().AddScoped<TalentSkillSeeder>();
}
