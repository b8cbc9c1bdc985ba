using Fip.Web.Data;
using Fip.Web.Features.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo posts for the scenario marketplace (labelled 【演示】, IsDemo): needs of departments, districts and enterprises and
/// capabilities of enterprises, published, so the workspace, the public portal and the matches have something to show. Once.
/// </summary>
public sealed class ScenarioDemo(FipDbContext db)
{
    private sealed record Seed(PostKind Kind, string Title, string Organisation, string Track, string? Link, string District,
        string Summary,
        string? Requirements, string? References, decimal? Budget = null);

    private static readonly Seed[] Seeds =
    [
        new(PostKind.Need, "城市低空物流配送航线验证", "市交通运输局", "低空", "低空物流", "邗江区",
            "在城区开通两条无人机物流配送航线，验证医疗样本和快递的低空配送。", "具备无人机物流运营资质，航线规划和地面站系统，试运行三个月。",
            null, 300),
        new(PostKind.Need, "长江岸线无人机巡检", "江都区", "低空", "巡检测绘", "江都区",
            "对长江岸线和堤防开展无人机自动巡检，识别违章搭建和险情。", "支持自动机场、图像识别和巡检报告生成。", null, 150),
        new(PostKind.Need, "化工园区烟气碳捕集中试", "扬州化工园区企业", "零碳", "工业烟气碳捕集", "仪征市",
            "在化工园区建设烟气二氧化碳捕集中试装置，验证捕集率和能耗。", "捕集率不低于90%，提供吸收剂和压缩换热装备方案。", null, 800),
        new(PostKind.Need, "文旅景区元宇宙导览", "市文广旅局", "元宇宙", "文旅元宇宙", "广陵区",
            "在景区建设AR导览和数字孪生展示，提升游客体验。", "支持AR眼镜和手机，三维建模和数字内容生成。", null, 200),
        new(PostKind.Capability, "工业无人机物流配送整体方案", "扬州某无人机科技有限公司", "低空", "低空物流", "邗江区",
            "提供物流无人机、航线规划和地面站飞行软件，支持医疗样本配送。", "YZ-200型物流无人机；地面站与飞行软件；自动机场",
            "2024年在邗江区完成医疗样本无人机配送试点"),
        new(PostKind.Capability, "无人机自动巡检与图像识别", "扬州某智能巡检有限公司", "低空", "巡检测绘", "江都区",
            "无人机自动机场和巡检图像识别平台，自动生成巡检报告。", "自动机场；巡检图像识别平台", "承担电网线路和河道巡检项目"),
        new(PostKind.Capability, "烟气二氧化碳捕集成套装备", "扬州某低碳装备有限公司", "零碳", "工业烟气碳捕集", "仪征市",
            "提供新型吸收剂、压缩与换热装备，捕集率90%以上。", "胺基吸收剂；压缩换热成套装备", "为省内电厂建设万吨级碳捕集示范"),
        new(PostKind.Capability, "AR导览与数字孪生展示", "扬州某数字科技有限公司", "元宇宙", "文旅元宇宙", "广陵区",
            "AR眼镜导览、三维建模和数字内容生成，服务文旅景区。", "AR导览系统；三维建模工具", "为园林景区提供AR导览"),
    ];

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        if (await db.Set<ScenarioPost>().AnyAsync(p => p.IsDemo, ct)) return 0;
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var links = await db.ChainLinks.AsNoTracking().Where(l => l.MergedIntoId == null).Select(l => new { l.Id, l.TrackId, l.Name })
            .ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var enterprise = DemoSeeder.DemoCreditCode();
        var now = DateTime.UtcNow;
        foreach (var s in Seeds)
        {
            var track = tracks.FirstOrDefault(t => t.Name.Contains(s.Track, StringComparison.Ordinal))?.Id;
            var link = links.FirstOrDefault(l => l.TrackId == track && l.Name == s.Link)?.Id;
            db.Add(new ScenarioPost
            {
                Kind = s.Kind,
                State = PostState.Published,
                Title = "【演示】" + s.Title,
                Organisation = s.Organisation,
                Summary = s.Summary,
                Requirements = s.Requirements,
                References = s.References,
                Budget = s.Budget,
                Timeline = s.Kind == PostKind.Need ? "2026年内完成验证" : null,
                TrackId = track,
                ChainLinkId = link,
                DistrictId = districts.FirstOrDefault(d => d.Name == s.District)?.Id,
                ContactName = "演示联系人",
                ContactPhone = "0514-87000000",
                OwnerEnterpriseUscc = s.Kind == PostKind.Capability ? enterprise : null,
                OwnerDepartmentId = null,
                CreatedBy = "demo",
                CreatedAt = now,
                UpdatedAt = now,
                PublishedAt = now,
                IsDemo = true,
            });
        }
        await db.SaveChangesAsync(ct);
        return Seeds.Length;
    }
}
