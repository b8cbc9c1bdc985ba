using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Investment;

internal sealed class InvestmentLeadConfiguration : IEntityTypeConfiguration<InvestmentLead>
{
    public void Configure(EntityTypeBuilder<InvestmentLead> e)
    {
        e.ToTable("InvestmentLeads");
        e.Property(x => x.EnterpriseName).HasMaxLength(200);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.HomeCity).HasMaxLength(100);
        e.Property(x => x.Source).HasMaxLength(500);
        e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.PlannedInvestment).HasPrecision(18, 2);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasIndex(x => x.Stage);
        e.HasIndex(x => x.ChainLinkId);
        e.HasIndex(x => x.LastContactOn);
        e.HasOne(x => x.ChainLink).WithMany().HasForeignKey(x => x.ChainLinkId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.OwnerDepartment).WithMany().HasForeignKey(x => x.OwnerDepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.OwnerDistrict).WithMany().HasForeignKey(x => x.OwnerDistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.LandedEnterprise).WithMany().HasForeignKey(x => x.LandedEnterpriseId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Contacts).WithOne().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.StageChanges).WithOne().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadContactConfiguration : IEntityTypeConfiguration<LeadContact>
{
    public void Configure(EntityTypeBuilder<LeadContact> e)
    {
        e.ToTable("LeadContacts");
        e.Property(x => x.Who).HasMaxLength(200);
        e.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Summary).HasMaxLength(4000);
        e.Property(x => x.NextStep).HasMaxLength(1000);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class LeadStageChangeConfiguration : IEntityTypeConfiguration<LeadStageChange>
{
    public void Configure(EntityTypeBuilder<LeadStageChange> e)
    {
        e.ToTable("LeadStageChanges");
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.By).HasMaxLength(256);
    }
}
