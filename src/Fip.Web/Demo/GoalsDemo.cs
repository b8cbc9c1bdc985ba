using Fip.Web.Data;
using Fip.Web.Features.Finance;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo indicators over the finance registries, one of each kind (a sum, a count, a sum without conditions on fund kind, an
/// average), labelled 演示 and measuring no target of the plan, so the goals page shows them under 其他监测指标 while the plan's
/// own goals keep their indicators.
/// </summary>
public static class GoalsDemo
{
    private static Dictionary<string, string[]> When(string field, params string[] values) => new() { [field] = values };

    public static IReadOnlyList<IndicatorSeed> Indicators { get; } =
    [
        new("demo-angel-investment", "【演示】天使基金投资额", "[Demo] Angel fund investment", InvestmentRegistry.Key, null,
            "演示指标：天使基金对企业的投资额合计，按投资日期计入 2024—2027 年。",
            new IndicatorCriteria
            {
                AnyOf = [When("kind", nameof(FundKind.Angel))],
                Measure = "amount",
                From = new DateOnly(2024, 1, 1),
                To = new DateOnly(2027, 12, 31),
            }),
        new("demo-first-loans", "【演示】首贷笔数", "[Demo] First loans", LoanRegistry.Key, null, "演示指标：首贷的笔数。",
            new IndicatorCriteria { AnyOf = [When("kind", nameof(LoanKind.FirstLoan))] }),
        new("demo-loan-amount", "【演示】贷款金额", "[Demo] Loan amount", LoanRegistry.Key, null, "演示指标：各类贷款金额合计。",
            new IndicatorCriteria
            {
                AnyOf = [When("kind", nameof(LoanKind.FirstLoan), nameof(LoanKind.IpPledge), nameof(LoanKind.Credit))],
                Measure = "amount",
            }),
        new("demo-loan-rate", "【演示】知识产权质押贷款平均年利率", "[Demo] Average rate of IP pledge loans", LoanRegistry.Key, null,
            "演示指标：知识产权质押融资的平均年利率；没有填写利率的贷款不计入平均。",
            new IndicatorCriteria { AnyOf = [When("kind", nameof(LoanKind.IpPledge))], Measure = "rate" }),
        new("demo-support-paid", "【演示】政策兑现金额", "[Demo] Support paid out", new PaymentsSource().Name, null,
            "演示指标：扶持政策实际兑现的金额合计（只计已兑现的申报，按兑现日期）。",
            new IndicatorCriteria { AnyOf = [When("policy", IndicatorCriteria.AnyValue)], Measure = "paidAmount" }),
    ];

    public static async Task<int> LoadAsync(FipDbContext db, CancellationToken ct = default)
    {
        var owner = await KeepingDepartments.FindAsync(db, FundRegistry.KeeperMarker, ct);
        var added = 0;
        foreach (var seed in Indicators)
        {
            if (await db.Indicators.AnyAsync(i => i.Code == seed.Code, ct)) continue;
            if (seed.Criteria.Validate(IndicatorSources.Catalogue(seed.Registry)!).Count > 0)
                throw new InvalidOperationException($"Demo indicator {seed.Code} has invalid criteria.");
            db.Indicators.Add(new IndicatorDefinition
            {
                Code = seed.Code,
                Name = seed.Name,
                NameEn = seed.NameEn,
                Registry = seed.Registry,
                Note = seed.Note,
                Criteria = seed.Criteria.ToJson(),
                OwnerDepartmentId = owner,
                UpdatedAt = DateTime.UtcNow,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
