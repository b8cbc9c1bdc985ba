using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Goals;

internal sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> e)
    {
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Code).HasMaxLength(60);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(100);
        e.Property(x => x.Registry).HasMaxLength(20);
        e.Property(x => x.Criteria).HasMaxLength(4000);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.OwnerDepartment).WithMany().HasForeignKey(x => x.OwnerDepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Targets).WithOne().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class IndicatorSnapshotConfiguration : IEntityTypeConfiguration<IndicatorSnapshot>
{
    public void Configure(EntityTypeBuilder<IndicatorSnapshot> e)
    {
        e.HasIndex(x => new { x.IndicatorId, x.Period });
        // One scheduled snapshot per indicator and month, whichever node takes it (snapshots on demand are not limited).
        e.HasIndex(x => new { x.IndicatorId, x.Period }, "IX_IndicatorSnapshots_Scheduled").IsUnique()
            .HasFilter($"\"Kind\" = '{SnapshotKinds.Scheduled}'");
        e.Property(x => x.Value).HasPrecision(18, 4);
        e.Property(x => x.Pipeline).HasPrecision(18, 4);
        e.Property(x => x.Criteria).HasMaxLength(4000);
        e.Property(x => x.Kind).HasMaxLength(20);
        e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HomeVisitConfiguration : IEntityTypeConfiguration<HomeVisit>
{
    public void Configure(EntityTypeBuilder<HomeVisit> e)
    {
        e.HasKey(x => x.UserId);
        e.Property(x => x.UserId).HasMaxLength(450);
    }
}

internal sealed class DistrictTargetConfiguration : IEntityTypeConfiguration<DistrictTarget>
{
    public void Configure(EntityTypeBuilder<DistrictTarget> e)
    {
        e.HasIndex(x => new { x.TargetId, x.DistrictId }).IsUnique();
        e.Property(x => x.Value).HasPrecision(18, 2);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.HasOne<Plans.Target>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
