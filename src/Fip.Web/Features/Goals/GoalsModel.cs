using Fip.Web.Features.Alerts;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>Marks an entity whose rows are operational bookkeeping rather than business records: not audited row by row.</summary>
public interface IUnaudited;

/// <summary>The last two visits of a user to the home page, for "what changed since your last visit".</summary>
public sealed class HomeVisit : IUnaudited
{
    public string UserId { get; set; } = "";
    public DateTime LastAt { get; set; }
    public DateTime? PreviousAt { get; set; }
}

/// <summary>Database mapping of indicators, snapshots, alerts and robots.</summary>
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
        builder.Entity<Alert>(e =>
        {
            e.HasIndex(x => new { x.Status, x.Severity });
            e.HasIndex(x => x.DedupKey);
            e.HasIndex(x => x.OwnerDepartmentId);
            e.HasIndex(x => x.OwnerDistrictId);
            e.Property(x => x.Rule).HasMaxLength(40);
            e.Property(x => x.DedupKey).HasMaxLength(200);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(15);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.TitleEn).HasMaxLength(300);
            e.Property(x => x.Message).HasMaxLength(2000);
            e.Property(x => x.MessageEn).HasMaxLength(2000);
            e.Property(x => x.Link).HasMaxLength(300);
            e.Property(x => x.AcknowledgedBy).HasMaxLength(100);
            e.Property(x => x.ResolvedBy).HasMaxLength(100);
            e.Property(x => x.ResolutionNote).HasMaxLength(1000);
            e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
            e.HasOne(x => x.OwnerDepartment).WithMany().HasForeignKey(x => x.OwnerDepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.OwnerDistrict).WithMany().HasForeignKey(x => x.OwnerDistrictId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<RobotChannel>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.BaseUrl).HasMaxLength(300);
            e.Property(x => x.Token).HasMaxLength(200);
            e.Property(x => x.Secret).HasMaxLength(200);
            e.Property(x => x.MinimumSeverity).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        });
        builder.Entity<AlertDelivery>(e =>
        {
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasOne(x => x.Alert).WithMany().HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Channel).WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<HomeVisit>(e =>
        {
            e.HasKey(x => x.UserId);
            e.Property(x => x.UserId).HasMaxLength(450);
        });
    }
}
