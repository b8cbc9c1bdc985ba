using Fip.Web.Data;
using Fip.Web.Features.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo 揭榜挂帅 data (labelled 【演示】, IsDemo): a 场景促进机构, two experts of the pool, an open call on the demo need
/// 长江岸线无人机巡检 organised by the institution, and a 对接会 where the demo posts met. Once; after <see cref="ScenarioDemo"/>.
/// </summary>
public static class ScenarioCallsDemo
{
    public static async Task<int> LoadAsync(FipDbContext db, CancellationToken ct = default)
    {
        if (await db.Set<ScenarioExpert>().AnyAsync(e => e.IsDemo, ct)) return 0;
        var posts = await db.Set<ScenarioPost>().AsNoTracking().Where(p => p.IsDemo && p.State == PostState.Published)
            .Select(p => new { p.Id, p.Kind, p.Title, p.DistrictId }).ToListAsync(ct);
        var need = posts.FirstOrDefault(p => p.Kind == PostKind.Need && p.Title.Contains("长江岸线", StringComparison.Ordinal));
        var now = DateTime.UtcNow;
        var institution = new PromotionInstitution
        {
            Name = "【演示】扬州市场景创新促进中心",
            DistrictId = need?.DistrictId,
            Description = "组织场景对接会和揭榜挂帅，发布场景清单。",
            CreatedAt = now,
            IsDemo = true,
        };
        db.Add(institution);
        db.AddRange(
            new ScenarioExpert
            {
                Name = "【演示】张教授",
                Organisation = "扬州大学",
                Title = "教授",
                Fields = "低空经济|人工智能",
                CreatedAt = now,
                IsDemo = true,
            },
            new ScenarioExpert
            {
                Name = "【演示】李研究员",
                Organisation = "江苏省产业技术研究院",
                Title = "研究员",
                Fields = "低空经济|智能装备",
                Conflicts = [new ExpertConflict { EnterpriseUscc = DemoSeeder.DemoCreditCode(), Reason = "【演示】曾任该企业技术顾问" }],
                CreatedAt = now,
                IsDemo = true,
            });
        await db.SaveChangesAsync(ct);
        if (need is null) return 1;
        db.Add(new ScenarioCall
        {
            NeedId = need.Id,
            Title = "【演示】揭榜挂帅：长江岸线无人机自动巡检",
            Deadline = now.AddDays(30),
            Criteria = CallRules.CriteriaJson([new("技术方案", 40), new("团队与业绩", 30), new("实施计划", 20), new("报价", 10)]),
            InstitutionId = institution.Id,
            CreatedBy = "demo",
            CreatedAt = now,
            IsDemo = true,
        });
        db.Add(new MatchEvent
        {
            Title = "【演示】低空经济场景对接会",
            HeldOn = DateOnly.FromDateTime(now.AddDays(-14)),
            DistrictId = need.DistrictId,
            InstitutionId = institution.Id,
            PostIds = string.Join('|', posts.Select(p => p.Id)),
            Attendees = "江都区|扬州某智能巡检有限公司|扬州某无人机科技有限公司",
            FollowUp = "双方约定现场踏勘，巡检需求转为揭榜挂帅榜单。",
            CreatedBy = "demo",
            CreatedAt = now,
            IsDemo = true,
        });
        await db.SaveChangesAsync(ct);
        return 2;
    }
}
