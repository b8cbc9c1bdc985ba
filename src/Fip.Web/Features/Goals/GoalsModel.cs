using Fip.Web.Features.Audit;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>The last two visits of a user to the home page, for "what changed since your last visit".</summary>
public sealed class HomeVisit : IUnaudited
{
    public string UserId { get; set; } = "";
    public DateTime LastAt { get; set; }
    public DateTime? PreviousAt { get; set; }
}

/// <summary>Database mapping of indicators, snapshots and home visits.</summary>
public static class GoalsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<IndicatorDefinition>(e =>
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
        });
        builder.Entity<Target>(e =>
            e.HasOne(t => t.IndicatorDefinition).WithMany(i => i.Targets).HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.SetNull));
        builder.Entity<IndicatorSnapshot>(e =>
        {
            e.HasIndex(x => new { x.IndicatorId, x.Period });
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.Property(x => x.Pipeline).HasPrecision(18, 4);
            e.Property(x => x.Criteria).HasMaxLength(4000);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<HomeVisit>(e =>
        {
            e.HasKey(x => x.UserId);
            e.Property(x => x.UserId).HasMaxLength(450);
        });
    }
}
