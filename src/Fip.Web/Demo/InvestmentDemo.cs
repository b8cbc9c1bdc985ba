using Fip.Web.Data;
using Fip.Web.Features.Investment;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo 招商 leads (labelled 演示): out-of-city enterprises for the gap links of the first chain maps, owned by 市科技局 and
/// 邗江区 (the demo accounts), one at each stage, one landed on a demo enterprise record, and one silent for longer than the
/// stale rule allows, so the funnel, the gap panel's counts and the stale alert all show.
/// </summary>
public static class InvestmentDemo
{
    public static async Task<int> LoadAsync(FipDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Set<InvestmentLead>().AnyAsync(l => l.IsDemo, ct)) return 0;
        var kjj = await db.Departments.FirstOrDefaultAsync(d => d.Name == "市科技局", ct);
        var hanjiang = await db.Districts.FirstOrDefaultAsync(d => d.Name == "邗江区", ct);
        var gaps = await db.ChainLinks.Where(l => l.MergedIntoId == null && !l.Children.Any()
                && !db.EnterpriseChainLinks.Any(e => e.ChainLinkId == l.Id))
            .OrderBy(l => l.Track.SortOrder).ThenBy(l => l.SortOrder).ThenBy(l => l.Id).Take(6).ToListAsync(ct);
        if (kjj is null || hanjiang is null || gaps.Count == 0) return 0;
        var landedOn = await db.Enterprises.Where(e => e.IsDemo && !e.IsDeleted).OrderBy(e => e.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Display.Today(clock);
        (string Name, string City, string Source, LeadStage Stage, int DaysSilent, decimal? Amount)[] rows =
        [
            ("演示·深圳翼展动力科技有限公司", "深圳市", "2026 世界无人机大会展商名录", LeadStage.Contact, 12, 5000m),
            ("演示·苏州微感传感技术有限公司", "苏州市", "链主企业供应商推荐", LeadStage.Negotiation, 5, 12000m),
            ("演示·合肥量子芯光电有限公司", "合肥市", "驻沪招商小分队走访", LeadStage.Signed, 20, 30000m),
            ("演示·杭州云途智能装备有限公司", "杭州市", "商会引荐", LeadStage.Contact, 75, null),
            ("演示·南京氢源能源科技有限公司", "南京市", "产业基金投资项目", LeadStage.Landed, 30, 8000m),
            ("演示·上海星穹空间技术有限公司", "上海市", "行业协会名录", LeadStage.Negotiation, 40, 20000m),
        ];
        var added = 0;
        foreach (var (r, i) in rows.Select((r, i) => (r, i)))
        {
            var on = today.AddDays(-r.DaysSilent);
            var lead = new InvestmentLead
            {
                EnterpriseName = r.Name,
                HomeCity = r.City,
                Source = r.Source,
                ChainLinkId = gaps[i % gaps.Count].Id,
                OwnerDepartmentId = i % 2 == 0 ? kjj.Id : null,
                OwnerDistrictId = i % 2 == 0 ? null : hanjiang.Id,
                Stage = r.Stage == LeadStage.Landed && landedOn is null ? LeadStage.Signed : r.Stage,
                LandedEnterpriseId = r.Stage == LeadStage.Landed ? landedOn?.Id : null,
                PlannedInvestment = r.Amount,
                LastContactOn = on,
                CreatedAt = now,
                CreatedBy = "demo",
                UpdatedAt = now,
                IsDemo = true,
            };
            lead.Contacts.Add(new LeadContact
            {
                On = on,
                Who = i % 2 == 0 ? "演示·市科技局招商科" : "演示·邗江区投资促进局",
                Method = (ContactMethod)(i % Enum.GetValues<ContactMethod>().Length),
                Summary = "演示：介绍扬州产业链配套与扶持政策，了解对方扩产选址计划。",
                NextStep = r.Stage == LeadStage.Landed ? null : "演示：安排实地考察",
                RecordedAt = now,
                RecordedBy = "demo",
            });
            for (var s = LeadStage.Contact; s < lead.Stage; s++)
                lead.StageChanges.Add(new LeadStageChange { From = s, To = s + 1, At = now, By = "demo" });
            db.Add(lead);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
