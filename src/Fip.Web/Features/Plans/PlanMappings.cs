using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Plans;

/// <summary>How a plan's source passages are stored: owned columns beside the item they belong to.</summary>
internal static class SourceQuoteMapping
{
    public static void Quote<T>(OwnedNavigationBuilder<T, SourceQuote> q) where T : class =>
        q.Property(x => x.Text).HasMaxLength(4000);
}

internal sealed class PolicyDocumentConfiguration : IEntityTypeConfiguration<PolicyDocument>
{
    public void Configure(EntityTypeBuilder<PolicyDocument> e)
    {
        e.Property(d => d.Title).HasMaxLength(300);
        e.Property(d => d.Issuer).HasMaxLength(200);
        e.Property(d => d.DocumentNumber).HasMaxLength(100);
        e.Property(d => d.FileName).HasMaxLength(260);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> e)
    {
        e.Property(p => p.Key).HasMaxLength(100);
        e.HasIndex(p => p.Key).IsUnique();
        e.Property(p => p.Name).HasMaxLength(300);
        e.Property(p => p.CityName).HasMaxLength(100);
        e.Property(p => p.CityDivisionCode).HasMaxLength(6);
        e.HasOne(p => p.PolicyDocument).WithMany().HasForeignKey(p => p.PolicyDocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Tiers).WithOne().HasForeignKey(t => t.PlanId);
        e.HasMany(p => p.Tracks).WithOne().HasForeignKey(t => t.PlanId);
        e.HasMany(p => p.Targets).WithOne().HasForeignKey(t => t.PlanId);
        e.HasMany(p => p.Programmes).WithOne().HasForeignKey(t => t.PlanId);
    }
}

internal sealed class TrackTierConfiguration : IEntityTypeConfiguration<TrackTier>
{
    public void Configure(EntityTypeBuilder<TrackTier> e)
    {
        e.Property(t => t.Code).HasMaxLength(50);
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.NameEn).HasMaxLength(100);
        e.HasIndex(t => new { t.PlanId, t.Code }).IsUnique();
        e.OwnsOne(t => t.Source, SourceQuoteMapping.Quote);
        e.HasMany(t => t.Tracks).WithOne(t => t.Tier).HasForeignKey(t => t.TierId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> e)
    {
        e.Property(t => t.Code).HasMaxLength(50);
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.NameEn).HasMaxLength(100);
        e.HasIndex(t => new { t.PlanId, t.Code }).IsUnique();
        e.OwnsOne(t => t.Source, SourceQuoteMapping.Quote);
        e.OwnsOne(t => t.Summary, SourceQuoteMapping.Quote);
        e.OwnsOne(t => t.FocusSource, SourceQuoteMapping.Quote);
        e.HasMany(t => t.FocusDistricts).WithOne().HasForeignKey(f => f.TrackId);
    }
}

internal sealed class TrackFocusDistrictConfiguration : IEntityTypeConfiguration<TrackFocusDistrict>
{
    public void Configure(EntityTypeBuilder<TrackFocusDistrict> e)
    {
        e.HasKey(f => new { f.TrackId, f.DistrictId });
        e.HasOne(f => f.District).WithMany().HasForeignKey(f => f.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> e)
    {
        e.Property(t => t.Indicator).HasMaxLength(200);
        e.Property(t => t.IndicatorEn).HasMaxLength(200);
        e.Property(t => t.Unit).HasMaxLength(20);
        e.Property(t => t.Comparator).HasConversion<string>().HasMaxLength(10);
        e.Property(t => t.Value).HasPrecision(18, 4);
        e.OwnsOne(t => t.Source, SourceQuoteMapping.Quote);
    }
}

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> e)
    {
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Number).HasMaxLength(20);
        e.Property(p => p.Title).HasMaxLength(200);
        e.Property(p => p.TitleEn).HasMaxLength(200);
        e.OwnsOne(p => p.Source, SourceQuoteMapping.Quote);
        e.OwnsOne(p => p.UnitsSource, SourceQuoteMapping.Quote);
        e.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.ProgrammeId);
    }
}

internal sealed class ProgrammeUnitConfiguration : IEntityTypeConfiguration<ProgrammeUnit>
{
    public void Configure(EntityTypeBuilder<ProgrammeUnit> e)
    {
        e.HasKey(u => new { u.ProgrammeId, u.DepartmentId });
        e.Property(u => u.Role).HasConversion<string>().HasMaxLength(10);
        e.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
