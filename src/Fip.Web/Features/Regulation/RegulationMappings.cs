using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Regulation;

internal sealed class RegulatoryMeasureConfiguration : IEntityTypeConfiguration<RegulatoryMeasure>
{
    public void Configure(EntityTypeBuilder<RegulatoryMeasure> e)
    {
        e.ToTable("RegulatoryMeasures");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Subject).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.SubjectName).HasMaxLength(200);
        e.Property(x => x.EnterpriseUscc).HasMaxLength(18);
        e.Property(x => x.LegalBasis).HasMaxLength(1000);
        e.Property(x => x.Scope).HasMaxLength(2000);
        e.Property(x => x.Conditions).HasMaxLength(4000);
        e.Property(x => x.Risks).HasMaxLength(4000);
        e.Property(x => x.OutcomeReason).HasMaxLength(2000);
        e.Property(x => x.OutcomeBy).HasMaxLength(256);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.Ignore(x => x.IsActive);
        e.HasIndex(x => x.EndOn);
        e.HasIndex(x => x.EnterpriseUscc);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Complaints).WithOne().HasForeignKey(c => c.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeasureComplaintConfiguration : IEntityTypeConfiguration<MeasureComplaint>
{
    public void Configure(EntityTypeBuilder<MeasureComplaint> e)
    {
        e.ToTable("MeasureComplaints");
        e.Property(x => x.Summary).HasMaxLength(2000);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class RegulatoryNoticeConfiguration : IEntityTypeConfiguration<RegulatoryNotice>
{
    public void Configure(EntityTypeBuilder<RegulatoryNotice> e)
    {
        e.ToTable("RegulatoryNotices");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.EnterpriseUscc).HasMaxLength(18);
        e.Property(x => x.Findings).HasMaxLength(4000);
        e.Property(x => x.Advice).HasMaxLength(4000);
        e.Property(x => x.SignalRule).HasMaxLength(40);
        e.Property(x => x.SignalKey).HasMaxLength(200);
        e.HasIndex(x => x.SignalKey).IsUnique();
        e.HasIndex(x => x.EnterpriseUscc);
        e.Property(x => x.Reply).HasMaxLength(4000);
        e.Property(x => x.FollowUp).HasMaxLength(4000);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.SentBy).HasMaxLength(256);
        e.Property(x => x.RepliedBy).HasMaxLength(256);
        e.Property(x => x.ClosedBy).HasMaxLength(256);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.Measure).WithMany().HasForeignKey(x => x.MeasureId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Evidence).WithOne().HasForeignKey(v => v.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeEvidenceConfiguration : IEntityTypeConfiguration<NoticeEvidence>
{
    public void Configure(EntityTypeBuilder<NoticeEvidence> e)
    {
        e.ToTable("NoticeEvidence");
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(200);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.StorageKey).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
    }
}
