using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo people of the core talent pool (labelled 演示, made-up names, ID numbers that pass the check but belong to nobody,
/// phones of the 1380000 block), one or more per category and focus track, kept by the talent office.
/// </summary>
public static class TalentDemo
{
    private static readonly (string Name, TalentCategory Category, string Track, string Link, string Title, string Employer,
        EmployerKind Kind, string Recognitions)[] People =
    [
        ("周启航", TalentCategory.Strategic, "低空经济", "飞控系统", "研究员", "扬州大学", EmployerKind.University, "国家级人才计划入选者"),
        ("陈立远", TalentCategory.Leading, "低空经济", "动力系统", "正高级工程师", "扬州演示航空科技有限公司", EmployerKind.Enterprise, "省“双创人才”"),
        ("林书瑶", TalentCategory.Young, "低空经济", "航电系统", "工程师", "扬州演示航空科技有限公司", EmployerKind.Enterprise, "市“绿扬金凤计划”"),
        ("王嘉树", TalentCategory.Leading, "元宇宙", "内容制作", "教授", "扬州大学", EmployerKind.University, "省“333工程”培养对象"),
        ("赵一鸣", TalentCategory.Young, "元宇宙", "虚拟现实终端", "助理研究员", "扬州演示数字研究院", EmployerKind.Institute, ""),
        ("孙若溪", TalentCategory.Professional, "元宇宙", "数字孪生", "高级工程师", "扬州演示数字科技有限公司", EmployerKind.Enterprise, ""),
        ("吴承泽", TalentCategory.Strategic, "零碳负碳", "碳捕集", "研究员", "扬州演示碳中和研究院", EmployerKind.Institute, "国家级人才计划入选者"),
        ("郑思齐", TalentCategory.Young, "零碳负碳", "碳利用", "讲师", "扬州大学", EmployerKind.University, "省“青蓝工程”优秀青年骨干教师"),
        ("冯晓岚", TalentCategory.Professional, "氢能", "燃料电池", "工程师", "扬州演示氢能科技有限公司", EmployerKind.Enterprise, ""),
        ("许明哲", TalentCategory.Young, "前沿新材料", "高性能纤维", "副研究员", "扬州演示材料研究院", EmployerKind.Institute, "市“绿扬金凤计划”"),
    ];

    public static async Task<int> LoadAsync(FipDbContext db, CancellationToken ct = default)
    {
        if (await db.Set<Talent>().AnyAsync(t => t.IsDemo, ct)) return 0;
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).ToListAsync(ct);
        var keeper = await KeepingDepartments.FindAsync(db, TalentRegistry.KeeperMarker, ct);
        var i = 0;
        foreach (var p in People)
        {
            i++;
            var born = new DateOnly(p.Category == TalentCategory.Young ? 1992 : 1975, 1 + i % 12, 1 + i % 28);
            var body = $"321002{born:yyyyMMdd}{i:000}";
            db.Add(new Talent
            {
                Name = p.Name,
                Category = p.Category,
                Field = p.Link,
                TrackId = tracks.FirstOrDefault(t => t.Name.StartsWith(p.Track, StringComparison.Ordinal))?.Id,
                ChainLink = p.Link,
                Title = p.Title,
                Employer = p.Employer,
                EmployerKind = p.Kind,
                Recognitions = p.Recognitions.Length > 0 ? p.Recognitions : null,
                Projects = "演示数据：" + p.Link + "关键技术攻关",
                IdNumber = body + Infrastructure.IdNumber.CheckCharacter(body),
                Phone = $"1380000{i:0000}",
                Email = $"demo{i}@example.com",
                BirthDate = born,
                Purpose = "演示数据：核心人才库建设与人才服务",
                ConsentOn = new DateOnly(2025, 1, 1),
                RetainUntil = new DateOnly(2030, 1, 1),
                KeeperDepartmentId = keeper,
                IsDemo = true,
            });
        }
        await db.SaveChangesAsync(ct);
        await PlansAsync(db, ct);
        return People.Length;
    }

    /// <summary>
    /// A follow-up plan (人才跟踪培养) for each demo young talent, followed by the talent office itself (so no other unit's 待办
    /// changes): the first started mid-year with its first check-in filed; the others started over a year ago with the first
    /// check-in missing (overdue).
    /// </summary>
    private static async Task PlansAsync(FipDbContext db, CancellationToken ct)
    {
        var young = await db.Set<Talent>().Where(t => t.IsDemo && t.Category == TalentCategory.Young).OrderBy(t => t.Id).ToListAsync(ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTime.UtcNow;
        for (var i = 0; i < young.Count; i++)
        {
            var start = i == 0 ? new DateOnly(today.Year - 1, 7, 1) : today.AddYears(-1).AddDays(-20 * i);
            var plan = new TalentPlan
            {
                TalentId = young[i].Id,
                KeeperDepartmentId = young[i].KeeperDepartmentId,
                UnitDepartmentId = young[i].KeeperDepartmentId,
                StartsOn = start,
                EndsOn = start.AddYears(3),
                PlanGoals = "演示数据：三年内主持省级以上科研项目一项，取得发明专利两件",
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (i == 0 && start.AddYears(1) <= today)
                plan.CheckIns.Add(new TalentCheckIn
                {
                    PlanYear = 1,
                    CheckedOn = start.AddYears(1),
                    CheckInProgress = "演示数据：完成年度研发任务",
                    OutcomeProjects = "省重点研发计划项目",
                    OutcomePapers = "发明专利1件、SCI论文1篇",
                    ByName = "演示数据",
                    CreatedAt = now,
                });
            db.Add(plan);
        }
        await db.SaveChangesAsync(ct);
    }
}
