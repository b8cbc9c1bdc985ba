using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Talent;

/// <summary>The follow-up plans (人才跟踪培养) and their yearly check-ins.</summary>
internal sealed class TalentPlanConfiguration : IEntityTypeConfiguration<TalentPlan>
{
    public void Configure(EntityTypeBuilder<TalentPlan> e)
    {
        e.ToTable("TalentPlans");
        e.HasIndex(x => x.TalentId).IsUnique();
        e.HasIndex(x => x.UnitDepartmentId);
        e.HasIndex(x => x.UnitDistrictId);
        e.Property(x => x.PlanGoals).HasMaxLength(2000);
        e.Property(x => x.PlanClosedReason).HasMaxLength(500);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.Talent).WithMany().HasForeignKey(x => x.TalentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.UnitDepartment).WithMany().HasForeignKey(x => x.UnitDepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.UnitDistrict).WithMany().HasForeignKey(x => x.UnitDistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation.Department>().WithMany().HasForeignKey(x => x.KeeperDepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.CheckIns).WithOne(x => x.Plan).HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TalentCheckInConfiguration : IEntityTypeConfiguration<TalentCheckIn>
{
    public void Configure(EntityTypeBuilder<TalentCheckIn> e)
    {
        e.ToTable("TalentCheckIns");
        e.HasIndex(x => new { x.PlanId, x.PlanYear }).IsUnique();
        e.Property(x => x.CheckInProgress).HasMaxLength(2000);
        e.Property(x => x.OutcomeProjects).HasMaxLength(1000);
        e.Property(x => x.OutcomePapers).HasMaxLength(1000);
        e.Property(x => x.OutcomeTitles).HasMaxLength(500);
        e.Property(x => x.OutcomeRecognitions).HasMaxLength(500);
        e.Property(x => x.EmployerChange).HasMaxLength(200);
        e.Property(x => x.ByName).HasMaxLength(100);
    }
}
