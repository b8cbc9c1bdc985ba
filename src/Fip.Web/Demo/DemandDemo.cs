using Fip.Web.Data;
using Fip.Web.Features.Demand;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo talent demands (named 【演示】, flagged IsDemo) posted by demo enterprises: for the first entries of the skill taxonomy of
/// the tracks the demo talent pool covers, so the 紧缺人才图谱 shows scarce, tight and balanced cells.
/// </summary>
public static class DemandDemo
{
    private static readonly string[] Tracks = ["低空经济", "元宇宙", "零碳负碳", "氢能", "前沿新材料"];
    private static readonly (int Headcount, EducationLevel Education, DemandUrgency Urgency, decimal Min, decimal Max)[] Shapes =
    [
        (5, EducationLevel.Master, DemandUrgency.Critical, 18000, 30000),
        (2, EducationLevel.Bachelor, DemandUrgency.Urgent, 10000, 16000),
        (1, EducationLevel.Doctorate, DemandUrgency.Normal, 25000, 40000),
    ];

    public static async Task<int> LoadAsync(FipDbContext db, CancellationToken ct = default)
    {
        if (await db.Set<TalentDemand>().AnyAsync(d => d.IsDemo, ct)) return 0;
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.IsDemo && !e.IsDeleted).OrderBy(e => e.Id).Take(15)
            .Select(e => e.Id).ToListAsync(ct);
        if (enterprises.Count == 0) return 0;
        var skills = await db.Set<TalentSkill>().AsNoTracking().Where(s => !s.IsDeleted)
            .OrderBy(s => s.TrackId).ThenBy(s => s.Id).Select(s => new { s.TrackId, Track = s.Track.Name, s.Name }).ToListAsync(ct);
        var added = 0;
        foreach (var track in Tracks)
        {
            var first = skills.Where(s => s.Track.StartsWith(track, StringComparison.Ordinal)).Take(3);
            foreach (var (skill, i) in first.Select((s, i) => (s, i)))
            {
                var shape = Shapes[i];
                db.Add(new TalentDemand
                {
                    Name = $"【演示】{skill.Name}工程师",
                    EnterpriseId = enterprises[added % enterprises.Count],
                    TrackId = skill.TrackId,
                    Skills = skill.Name,
                    Headcount = shape.Headcount,
                    Education = shape.Education,
                    Urgency = shape.Urgency,
                    SalaryMin = shape.Min,
                    SalaryMax = shape.Max,
                    PostedOn = new DateOnly(2025, 3, 1),
                    IsDemo = true,
                });
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
