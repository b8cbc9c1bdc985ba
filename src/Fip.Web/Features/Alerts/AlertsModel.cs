using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Alerts;

/// <summary>Database mapping of alerts, robot channels and deliveries.</summary>
public static class AlertsModel
{
    public static void Configure(ModelBuilder builder)
    {
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
    }
}
