using Fip.Web.Data;
using Fip.Web.Features.Finance;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo funds (an angel fund, a fund of funds with a sub-fund, an industry fund), investments and loans (first loans, IP pledges,
/// credit loans) into the demo enterprises, labelled 演示, so the finance dashboard has something to show.
/// </summary>
public static class FinanceDemo
{
    public static async Task<int> LoadAsync(FipDbContext db, CancellationToken ct = default)
    {
        if (await db.Set<Fund>().AnyAsync(f => f.IsDemo, ct)) return 0;
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.IsDemo && !e.IsDeleted).OrderBy(e => e.Id).Take(24)
            .Select(e => new { e.Id, e.Name, e.FoundedOn }).ToListAsync(ct);
        if (enterprises.Count == 0) return 0;
        var keeper = await KeepingDepartments.FindAsync(db, FundRegistry.KeeperMarker, ct);
        Fund NewFund(string name, FundKind kind, decimal commitment, string? parent = null) => new()
        {
            Name = name,
            Kind = kind,
            Commitment = commitment,
            ParentFund = parent,
            Manager = "演示基金管理有限公司",
            SetUpOn = new DateOnly(2024, 6, 30),
            KeeperDepartmentId = keeper,
            IsDemo = true,
        };
        var angel = NewFund("【演示】扬州市未来产业天使基金", FundKind.Angel, 50_000);
        var parentFund = NewFund("【演示】扬州市产业发展母基金", FundKind.Industry, 1_000_000);
        var sub = NewFund("【演示】低空经济子基金", FundKind.SubFund, 100_000, parentFund.Name);
        db.AddRange(angel, parentFund, sub);
        await db.SaveChangesAsync(ct);

        var rounds = new[] { InvestmentRound.Angel, InvestmentRound.Seed, InvestmentRound.SeriesA, InvestmentRound.SeriesB };
        var kinds = new[] { LoanKind.FirstLoan, LoanKind.IpPledge, LoanKind.Credit };
        var banks = new[] { "江苏银行扬州分行", "扬州农商银行", "中国银行扬州分行" };
        var added = 3;
        for (var i = 0; i < enterprises.Count; i++)
        {
            var e = enterprises[i];
            var on = new DateOnly(2025, 1 + i % 12, 1 + i % 27);
            if (e.FoundedOn is { } founded && founded > on) on = founded.AddMonths(1);
            if (i % 2 == 0)
            {
                var fund = i % 4 == 0 ? angel : sub;
                db.Add(new Investment
                {
                    FundName = fund.Name,
                    FundId = fund.Id,
                    EnterpriseId = e.Id,
                    Round = rounds[i / 2 % rounds.Length],
                    Amount = 200 + 100 * (i % 5),
                    InvestedOn = on,
                    Name = $"{fund.Name} → {e.Name}",
                    KeeperDepartmentId = keeper,
                    IsDemo = true,
                });
                added++;
            }
            var kind = kinds[i % kinds.Length];
            var bank = banks[i % banks.Length];
            db.Add(new Loan
            {
                EnterpriseId = e.Id,
                Kind = kind,
                Bank = bank,
                Amount = 100 + 50 * (i % 6),
                Rate = 3.2m + 0.1m * (i % 5),
                LentOn = on,
                Name = $"{bank} → {e.Name}",
                KeeperDepartmentId = keeper,
                IsDemo = true,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added + await NeedsAsync(db, keeper, ct);
    }

    /// <summary>Demo financing needs (【演示】 in the use): some recent, some past the unmet deadline, on the enterprises' tracks.</summary>
    private static async Task<int> NeedsAsync(FipDbContext db, int? keeper, CancellationToken ct)
    {
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.IsDemo && !e.IsDeleted).OrderByDescending(e => e.Id).Take(8)
            .Select(e => new { e.Id, e.FoundedOn, Track = e.Tracks.Select(t => (int?)t.TrackId).FirstOrDefault() }).ToListAsync(ct);
        var today = Infrastructure.Display.Today(TimeProvider.System);
        var uses = new[] { "扩产设备采购", "研发中心建设", "流动资金周转", "新产品中试" };
        var stages = new[] { InvestmentRound.Seed, InvestmentRound.Angel, InvestmentRound.SeriesA, InvestmentRound.SeriesB };
        var kinds = new[] { NeedKind.Either, NeedKind.Loan, NeedKind.Equity };
        for (var i = 0; i < enterprises.Count; i++)
        {
            var e = enterprises[i];
            var posted = today.AddDays(-15 * i);
            if (e.FoundedOn is { } founded && founded > posted) posted = founded;
            db.Add(new FinancingNeed
            {
                Name = "【演示】" + uses[i % uses.Length],
                EnterpriseId = e.Id,
                TrackId = e.Track,
                Amount = 300 + 200 * (i % 4),
                Kind = kinds[i % kinds.Length],
                Stage = stages[i % stages.Length],
                PostedOn = posted,
                KeeperDepartmentId = keeper,
                IsDemo = true,
            });
        }
        await db.SaveChangesAsync(ct);
        return enterprises.Count;
    }
}
