using Fip.Web.Data;
using Fip.Web.Features.Regulation;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Tolerance;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo flexible regulation and 容错 (labelled 演示): the demo enterprise account's company under a 包容期 of 市科技局 ending within
/// three weeks (so the expiry alert shows), with a 提示 awaiting its reply and a 行政指导 answered; an 观察期 that went to regular
/// supervision; and two 容错 cases, one pending and one decided (减责) and published anonymised on the portal.
/// </summary>
public sealed class RegulationDemo(FipDbContext db, TimeProvider clock)
{
    public const string Marker = "（演示）";

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        if (await db.Set<RegulatoryMeasure>().AnyAsync(m => m.IsDemo, ct)) return 0;
        var kjj = await db.Departments.FirstOrDefaultAsync(d => d.Name == "市科技局", ct);
        var hanjiang = await db.Districts.FirstOrDefaultAsync(d => d.Name == "邗江区", ct);
        if (kjj is null || hanjiang is null) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Display.Today(clock);
        var uscc = DemoSeeder.DemoCreditCode();
        var own = await db.Enterprises.FirstOrDefaultAsync(e => e.CreditCode == uscc, ct);
        if (own is null)
        {
            own = new Enterprise
            {
                Name = "演示·扬州智行无人配送科技有限公司",
                CreditCode = uscc,
                DistrictId = hanjiang.Id,
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now
            };
            db.Add(own);
            await db.SaveChangesAsync(ct);
        }
        var other = await db.Enterprises.Where(e => e.IsDemo && e.Id != own.Id).OrderBy(e => e.Id).FirstOrDefaultAsync(ct) ?? own;
        var track = await db.Tracks.OrderBy(t => t.SortOrder).FirstOrDefaultAsync(ct);
        RegulatoryMeasure Measure(Enterprise e, MeasureKind kind, MeasureSubject subject, string name, DateOnly start, DateOnly end) =>
            new()
            {
                Kind = kind,
                Subject = subject,
                SubjectName = name,
                EnterpriseId = e.Id,
                EnterpriseUscc = e.CreditCode,
                DistrictId = e.DistrictId,
                DepartmentId = kjj.Id,
                TrackId = track?.Id,
                StartOn = start,
                EndOn = end,
                CreatedAt = now,
                CreatedBy = "demo",
                IsDemo = true,
                LegalBasis = "《扬州市未来产业培育发展行动方案》工程七；《优化营商环境条例》第五十五条" + Marker,
                Scope = "在邗江区限定路段开展低速无人配送车试运营，不超过 20 台" + Marker,
                Conditions = "每月报送运行数据；发生事故 24 小时内报告；不得在学校周边 200 米内运营" + Marker,
                Risks = "交通安全；数据安全与个人信息保护；消费者权益" + Marker,
            };
        var tolerance = Measure(own, MeasureKind.Tolerance, MeasureSubject.BusinessModel, "低速无人配送试运营" + Marker,
            today.AddMonths(-11), today.AddDays(20));
        var observation = Measure(other, MeasureKind.Observation, MeasureSubject.Product, "工业视觉检测设备首台套" + Marker,
            today.AddMonths(-14), today.AddMonths(-2));
        observation.Outcome = MeasureOutcome.Regular;
        observation.OutcomeAt = now;
        observation.OutcomeBy = "demo";
        db.AddRange(tolerance, observation);
        await db.SaveChangesAsync(ct);
        RegulatoryNotice Notice(NoticeKind kind, string findings, string advice) => new()
        {
            Kind = kind,
            State = NoticeState.Sent,
            MeasureId = tolerance.Id,
            EnterpriseId = own.Id,
            EnterpriseUscc = own.CreditCode,
            DistrictId = own.DistrictId,
            DepartmentId = kjj.Id,
            Findings = findings + Marker,
            Advice = advice + Marker,
            CreatedAt = now,
            CreatedBy = "demo",
            SentAt = now,
            SentBy = "demo",
            ReplyBy = today.AddDays(10),
            IsDemo = true,
        };
        var warning = Notice(NoticeKind.Warning, "10 月运行数据显示 3 台车辆超出限定路段运行", "立即核查车辆调度规则，5 个工作日内报送整改情况");
        var guidance = Notice(NoticeKind.Guidance, "试运营用户数据留存期限未在隐私政策中说明", "参照个人信息保护要求完善隐私政策并公示");
        guidance.State = NoticeState.Replied;
        guidance.Reply = "已修订隐私政策并于官网公示，附修订稿。" + Marker;
        guidance.RepliedAt = now;
        guidance.RepliedBy = "demo-enterprise";
        db.AddRange(warning, guidance);
        db.AddRange(Case(now, today, decided: false), Case(now, today, decided: true));
        await db.SaveChangesAsync(ct);
        return 2;
    }

    private static ToleranceCase Case(DateTime now, DateOnly today, bool decided)
    {
        var c = new ToleranceCase
        {
            Unit = (decided ? "市属某投资集团" : "某市属高校科研院") + Marker,
            People = (decided ? "张某（投资部经理）、李某（分管副总）" : "王某（课题负责人）") + Marker,
            Project = (decided ? "固态电池初创企业天使轮投资" : "新型钙钛矿电池中试线") + Marker,
            Expected = decided ? "三年内完成 B 轮融资，投资增值" : "两年内中试良率达到 80%",
            Actual = decided ? "核心技术路线被国际竞品迭代，企业清算" : "良率 45%，关键设备国外断供",
            Loss = decided ? 800m : 320m,
            AppliedOn = today.AddDays(decided ? -60 : -10),
            CreatedAt = now,
            CreatedBy = "demo",
            IsDemo = true,
            Findings = [.. ToleranceRules.Conditions.Select(k => new ToleranceFinding
            {
                Condition = k, Evidence = "尽职调查报告、投决会纪要、审计报告" + Marker,
                Met = decided ? k != ToleranceCondition.ProceduresFollowed : null,
                Note = decided ? (k == ToleranceCondition.ProceduresFollowed ? "投后管理未按制度季度报告" : "经核查成立") + Marker : null,
                FoundAt = decided ? now : null, FoundBy = decided ? "demo" : null,
            })],
            Events = [new ToleranceEvent { At = now.AddDays(decided ? -60 : -10), By = "demo", Kind = ToleranceEventKind.Applied }],
        };
        if (!decided) return c;
        c.Decision = ToleranceDecision.Reduced;
        c.DecisionReasons = "因技术路线不确定性导致损失，决策程序合规、未谋私利，但投后管理程序存在瑕疵，予以减责。" + Marker;
        c.DecidedAt = now;
        c.DecidedBy = "demo";
        c.Publish = true;
        c.PublicSummary = "市属投资企业对固态电池初创企业的天使轮投资因技术路线被迭代而清算；经认定决策合规、未谋私利，投后管理存在瑕疵，予以减责。" + Marker;
        c.Events.Add(new ToleranceEvent
        {
            At = now,
            By = "demo",
            Kind = ToleranceEventKind.Decided,
            Note = nameof(ToleranceDecision.Reduced),
        });
        return c;
    }
}
