using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Alerts;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> e)
    {
        e.HasIndex(x => new { x.Status, x.Severity });
        e.HasIndex(x => x.DedupKey);
        // At most one unresolved alert per key, whichever node raises it (the same filter reads on SQLite and PostgreSQL).
        e.HasIndex(x => x.DedupKey, "IX_Alerts_DedupKey_Unresolved").IsUnique().HasFilter("\"Status\" <> 'Resolved'");
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
    }
}

internal sealed class RobotChannelConfiguration : IEntityTypeConfiguration<RobotChannel>
{
    public void Configure(EntityTypeBuilder<RobotChannel> e)
    {
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.BaseUrl).HasMaxLength(300);
        e.Property(x => x.Token).HasMaxLength(200);
        e.Property(x => x.Secret).HasMaxLength(200);
        e.Property(x => x.MinimumSeverity).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
    }
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> e)
    {
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        // One message per alert and robot.
        e.HasIndex(x => new { x.AlertId, x.ChannelId }).IsUnique();
        e.HasIndex(x => new { x.ChannelId, x.SentAt });
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.ClaimedBy).HasMaxLength(100);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.HasOne(x => x.Alert).WithMany().HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Channel).WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
