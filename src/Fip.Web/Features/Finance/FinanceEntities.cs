using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Finance;

/// <summary>Kinds of government-guided fund (工程五).</summary>
public enum FundKind
{
    Angel,     // 天使基金
    SubFund,   // 母基金子基金
    Industry,  // 产业基金
}

/// <summary>融资轮次.</summary>
public enum InvestmentRound
{
    Seed,       // 种子轮
    Angel,      // 天使轮
    SeriesA,    // A轮
    SeriesB,    // B轮
    SeriesC,    // C轮及以后
    Strategic,  // 战略投资
}

/// <summary>贷款类型.</summary>
public enum LoanKind
{
    IpPledge,   // 知识产权质押融资
    FirstLoan,  // 首贷
    Credit,     // 信用贷
}

/// <summary>What every finance record shares: the department that keeps the finance registries (a 金融 office) owns it.</summary>
public abstract class FinanceRecord : RegistryRecord, IScopedResource
{
    public int? KeeperDepartmentId { get; set; }
    int? IScopedResource.OwnerDepartmentId => KeeperDepartmentId;
}

/// <summary>基金: a government-guided fund with its commitment (认缴规模, 万元); a sub-fund names its 母基金.</summary>
public sealed class Fund : FinanceRecord
{
    public FundKind Kind { get; set; }
    public string? Manager { get; set; }
    /// <summary>The 母基金 a sub-fund belongs to, by name.</summary>
    public string? ParentFund { get; set; }
    public decimal? Commitment { get; set; }
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    public DateOnly? SetUpOn { get; set; }
}

/// <summary>投资: a fund's investment into an enterprise (万元).</summary>
public sealed class Investment : FinanceRecord
{
    public string FundName { get; set; } = "";
    public int FundId { get; set; }
    public Fund? Fund { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public InvestmentRound Round { get; set; }
    public decimal Amount { get; set; }
    public DateOnly InvestedOn { get; set; }
}

/// <summary>贷款: a bank's loan to an enterprise (万元, annual rate in %).</summary>
public sealed class Loan : FinanceRecord
{
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public LoanKind Kind { get; set; }
    public string Bank { get; set; } = "";
    public decimal Amount { get; set; }
    public decimal? Rate { get; set; }
    public DateOnly LentOn { get; set; }
}

internal static class FinanceMapping
{
    public static void Record<T>(EntityTypeBuilder<T> e) where T : FinanceRecord
    {
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(300);
        e.HasIndex(x => x.Name);
        e.HasOne<Organisation.Department>().WithMany().HasForeignKey(x => x.KeeperDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundConfiguration : IEntityTypeConfiguration<Fund>
{
    public void Configure(EntityTypeBuilder<Fund> e)
    {
        e.ToTable("Funds");
        FinanceMapping.Record(e);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Manager).HasMaxLength(200);
        e.Property(x => x.ParentFund).HasMaxLength(300);
        e.Property(x => x.Commitment).HasPrecision(18, 2);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvestmentConfiguration : IEntityTypeConfiguration<Investment>
{
    public void Configure(EntityTypeBuilder<Investment> e)
    {
        e.ToTable("Investments");
        FinanceMapping.Record(e);
        e.Property(x => x.FundName).HasMaxLength(300);
        e.Property(x => x.Round).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Amount).HasPrecision(18, 2);
        e.HasOne(x => x.Fund).WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.EnterpriseId, x.InvestedOn });
    }
}

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> e)
    {
        e.ToTable("Loans");
        FinanceMapping.Record(e);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Bank).HasMaxLength(200);
        e.Property(x => x.Amount).HasPrecision(18, 2);
        e.Property(x => x.Rate).HasPrecision(9, 4);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.EnterpriseId, x.Kind });
    }
}
