using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support;

/// <summary>
/// The four support policies the plan's 保障措施 (二) names (研发费用加计扣除, 装备首台（套）, 科技创新券, 创新产品推广), with
/// conditions written from their public national rules: examples (<see cref="SupportPolicy.IsExample"/>) for the departments to
/// review and adapt to the city's own measures before use. Added once each, by code; an edited policy is never overwritten.
/// </summary>
public sealed class SupportSeeder(FipDbContext db, TimeProvider clock)
{
    public const string RdDeduction = "rd-super-deduction";
    public const string FirstSet = "first-set-equipment";
    public const string Voucher = "innovation-voucher";
    public const string InnovativeProducts = "innovative-products";

    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var existing = await db.Set<SupportPolicy>().Select(p => p.Code).ToListAsync(ct);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = now.Year;
        var added = 0;
        foreach (var p in Policies(year).Where(p => !existing.Contains(p.Policy.Code)))
        {
            p.Policy.DepartmentId = departments.TryGetValue(p.Department, out var d) ? d : null;
            p.Policy.UpdatedAt = now;
            db.Add(p.Policy);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    private static IEnumerable<(SupportPolicy Policy, string Department)> Policies(int year)
    {
        yield return (new SupportPolicy
        {
            Code = RdDeduction,
            Name = "研发费用税前加计扣除",
            IssuingUnit = "财政部、税务总局",
            SourceDocument = "《财政部 税务总局关于进一步完善研发费用税前加计扣除政策的公告》（财政部 税务总局公告2023年第7号）",
            SourceClause = "一、企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，自2023年1月1日起，"
                + "再按照实际发生额的100%在税前加计扣除；形成无形资产的，自2023年1月1日起，按照无形资产成本的200%在税前摊销。",
            SourceUrl = "https://www.chinatax.gov.cn/",
            Summary = "研发费用在据实扣除的基础上，再按实际发生额的100%在企业所得税税前加计扣除。",
            Interpretation = "只要企业上一年度有研发投入，就可以在计算企业所得税时多扣一倍的研发费用，少缴税。"
                + "烟草制造、住宿餐饮、批发零售、房地产、租赁和商务服务、娱乐业等行业不适用（负面清单，平台暂不核对行业，请自查）。",
            HowToApply = "企业在年度汇算清缴（或7月、10月预缴）时自行申报享受，留存研发项目立项、费用归集等备查资料；有疑问可向主管税务机关和科技部门咨询。",
            BenefitKind = BenefitKind.Rate,
            BenefitShare = 1.0m,
            BenefitFigure = "rdExpense",
            Rule = """{"all":[{"field":"rdExpense","op":">","value":0}]}""",
            IsPublished = true,
            IsExample = true,
        }, "市科技局");
        yield return (new SupportPolicy
        {
            Code = FirstSet,
            Name = "首台（套）重大技术装备保险补偿",
            IssuingUnit = "工业和信息化部、财政部、金融监管总局",
            SourceDocument = "《关于进一步完善首台（套）重大技术装备首批次新材料保险补偿政策的意见》（工信部联重装〔2024〕89号）",
            SourceClause = "对生产《首台（套）重大技术装备推广应用指导目录》内装备、投保首台（套）综合险的制造企业，"
                + "按实际投保费率不超过3%及实际投保年度保费的80%给予保险补偿，补偿期限不超过3年（以当年实施通知为准）。",
            SourceUrl = "https://www.miit.gov.cn/",
            Summary = "生产目录内首台（套）装备并投保的企业，按年度保费的80%给予补偿（费率上限3%），最长3年。",
            Interpretation = "企业研制出国内首台（套）装备、卖给用户时买了质量和责任保险，国家替企业付八成保费，降低用户“不敢用”的顾虑。"
                + "平台以“首台（套）产品数 ≥ 1”初筛，补偿金额按实际保费核定。",
            HowToApply = "按当年工业和信息化部实施通知，向市工信局提交资格审定和资金申请材料（保单、保费发票、产品目录符合性说明）。",
            BenefitKind = BenefitKind.Fixed,
            Rule = """{"all":[{"field":"firstOfItsKind","op":">=","value":1}]}""",
            OpensOn = new DateOnly(year, 1, 1),
            ClosesOn = new DateOnly(year, 12, 31),
            IsPublished = true,
            IsExample = true,
        }, "市工信局");
        yield return (new SupportPolicy
        {
            Code = Voucher,
            Name = "科技创新券",
            IssuingUnit = "市科技局",
            SourceDocument = "《科技型中小企业评价办法》（国科发政〔2017〕115号）第六条（申领主体条件）",
            SourceClause = "科技型中小企业须同时满足：职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元；"
                + "研发费用占销售收入比例：最近一年销售收入小于5000万元的企业不低于5%，5000万元至2亿元的企业不低于4%。",
            Summary = "科技型中小企业购买研发、检验检测等科技服务，按服务费用的50%给予创新券抵扣，单个企业每年最高20万元（示例额度）。",
            Interpretation = "已入库科技型中小企业，或规模、研发投入达到科技型中小企业标准的企业，可以用创新券向高校、科研院所和服务机构购买科技服务，"
                + "政府承担一半费用。平台以上一年度研发费用估算可抵扣额度。",
            HowToApply = "登录平台“我的企业”查看匹配结果后在线申请，上传服务合同和发票；市科技局审核后按实际服务费用兑付。",
            BenefitKind = BenefitKind.Share,
            BenefitShare = 0.5m,
            BenefitFigure = "rdExpense",
            BenefitCap = 20m,
            Rule = """
                {"any":[{"all":[{"field":"employees","op":"<=","value":500},{"field":"revenue","op":"<=","value":20000},
                {"any":[{"all":[{"field":"revenue","op":"<","value":5000},{"field":"rdRatio","op":">=","value":5}]},
                {"all":[{"field":"revenue","op":">=","value":5000},{"field":"rdRatio","op":">=","value":4}]}]}]},
                {"field":"qualification","op":"has","value":"TechSme","withinYears":1}]}
                """,
            OpensOn = new DateOnly(year, 1, 1),
            ClosesOn = new DateOnly(year, 12, 31),
            Proactive = true,
            IsPublished = true,
            IsExample = true,
        }, "市科技局");
        yield return (new SupportPolicy
        {
            Code = InnovativeProducts,
            Name = "创新产品推广应用",
            IssuingUnit = "市工信局",
            SourceDocument = "创新产品推广应用有关政策（示例，出处待相关部门核对补充）",
            SourceClause = "支持具有自主知识产权的首台（套）、首批次、首版次创新产品进入推广应用目录，在政府采购和国有企业采购中优先选用。",
            Summary = "列入推广目录的创新产品，在政府和国有企业采购中优先选用，并给予一次性奖励（示例额度50万元）。",
            Interpretation = "企业有自主研发的首台（套）等创新产品、拥有发明专利并具备高新技术企业或科技型中小企业资格的，可以申请列入推广目录。",
            HowToApply = "向市工信局提交产品说明、知识产权证明和首台（套）认定材料，经评审公示后列入目录。",
            BenefitKind = BenefitKind.Fixed,
            BenefitAmount = 50m,
            Rule = """
                {"all":[{"any":[{"field":"qualification","op":"has","value":"HighTech"},
                {"field":"qualification","op":"has","value":"TechSme"}]},
                {"field":"firstOfItsKind","op":">=","value":1},{"field":"inventionPatents","op":">=","value":1}]}
                """,
            OpensOn = new DateOnly(year, 1, 1),
            ClosesOn = new DateOnly(year, 12, 31),
            IsPublished = true,
            IsExample = true,
        }, "市工信局");
    }
}
