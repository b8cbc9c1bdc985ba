using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        e.Property(a => a.UserId).HasMaxLength(450);
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(40);
        e.Property(a => a.EntityType).HasMaxLength(100);
        e.Property(a => a.EntityKey).HasMaxLength(200);
        e.Property(a => a.IpAddress).HasMaxLength(64);
        e.Property(a => a.Detail).HasMaxLength(1000);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.EntityType, a.EntityKey });
        e.HasIndex(a => a.UserName);
    }
}
