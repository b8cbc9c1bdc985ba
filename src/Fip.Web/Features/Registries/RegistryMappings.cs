using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Registries;

/// <summary>What every registry record shares: an optimistic-concurrency version and the soft-delete flag.</summary>
internal static class RegistryRecordMapping
{
    public static void Record<T>(EntityTypeBuilder<T> e) where T : RegistryRecord
    {
        e.Property(r => r.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasIndex(r => r.IsDeleted);
    }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
    {
        RegistryRecordMapping.Record(e);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => x.Name);
        e.Property(x => x.ShortName).HasMaxLength(50);
        e.Property(x => x.Address).HasMaxLength(300);
        e.Property(x => x.RegisteredCapital).HasPrecision(18, 2);
        e.Property(x => x.BusinessScope).HasMaxLength(4000);
        e.Property(x => x.ContactPerson).HasMaxLength(50);
        e.Property(x => x.ContactPhone).HasMaxLength(30);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        // Two indexes for the list: (district, deleted) keeps rows in id order, so "newest first, 25 rows" stops early;
        // the wider one covers the name search (name, short name, code), so the count never reads the table rows.
        e.HasIndex(x => new { x.DistrictId, x.IsDeleted });
        e.HasIndex(x => new { x.DistrictId, x.IsDeleted, x.Name, x.ShortName, x.CreditCode }).HasDatabaseName("IX_Enterprises_ListSearch");
        e.HasMany(x => x.Tracks).WithOne().HasForeignKey(t => t.EnterpriseId);
        e.HasMany(x => x.Qualifications).WithOne().HasForeignKey(t => t.EnterpriseId);
        e.HasMany(x => x.Indicators).WithOne().HasForeignKey(t => t.EnterpriseId);
    }
}

internal sealed class EnterpriseNameGramConfiguration : IEntityTypeConfiguration<EnterpriseNameGram>
{
    public void Configure(EntityTypeBuilder<EnterpriseNameGram> e)
    {
        // Postings of one bigram, one district, in enterprise id order; no foreign key or second index: enterprises are
        // soft-deleted, and a left-over bigram costs a LIKE check, never a wrong result (see EnterpriseNameSearch).
        e.HasKey(x => new { x.Gram, x.DistrictId, x.EnterpriseId });
        e.Property(x => x.Gram).HasMaxLength(4);
    }
}

internal sealed class EnterpriseTrackConfiguration : IEntityTypeConfiguration<EnterpriseTrack>
{
    public void Configure(EntityTypeBuilder<EnterpriseTrack> e)
    {
        e.HasKey(x => new { x.EnterpriseId, x.TrackId });
        e.HasIndex(x => new { x.TrackId, x.EnterpriseId });
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectInvestmentConfiguration : IEntityTypeConfiguration<ProjectInvestment>
{
    public void Configure(EntityTypeBuilder<ProjectInvestment> e)
    {
        e.ToTable("ProjectInvestments");
        e.HasKey(x => new { x.ProjectId, x.Year });
        e.Property(x => x.Planned).HasPrecision(18, 2);
        e.Property(x => x.Completed).HasPrecision(18, 2);
    }
}

internal sealed class EnterpriseQualificationConfiguration : IEntityTypeConfiguration<EnterpriseQualification>
{
    public void Configure(EntityTypeBuilder<EnterpriseQualification> e)
    {
        e.HasKey(x => new { x.EnterpriseId, x.Kind });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(x => new { x.Kind, x.EnterpriseId });
    }
}

internal sealed class EnterpriseIndicatorConfiguration : IEntityTypeConfiguration<EnterpriseIndicator>
{
    public void Configure(EntityTypeBuilder<EnterpriseIndicator> e)
    {
        e.HasKey(x => new { x.EnterpriseId, x.Year });
        foreach (var p in new[] { nameof(EnterpriseIndicator.Revenue), nameof(EnterpriseIndicator.RdExpense),
            nameof(EnterpriseIndicator.OutputValue), nameof(EnterpriseIndicator.Tax) })
            e.Property(p).HasPrecision(18, 2);
    }
}

internal sealed class KeyProductConfiguration : IEntityTypeConfiguration<KeyProduct>
{
    public void Configure(EntityTypeBuilder<KeyProduct> e)
    {
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => new { x.Name, x.EnterpriseId });
        e.HasIndex(x => x.EnterpriseId);
        e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.RecognitionLevel).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> e)
    {
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Owner).HasMaxLength(200);
        e.HasIndex(x => new { x.Name, x.Owner });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PilotParkConfiguration : IEntityTypeConfiguration<PilotPark>
{
    public void Configure(EntityTypeBuilder<PilotPark> e)
    {
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => new { x.Name, x.DistrictId });
        e.Property(x => x.TrackCodes).HasMaxLength(200);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ApprovalLevel).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Area).HasPrecision(18, 4);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InnovationPlatformConfiguration : IEntityTypeConfiguration<InnovationPlatform>
{
    public void Configure(EntityTypeBuilder<InnovationPlatform> e)
    {
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Host).HasMaxLength(200);
        e.HasIndex(x => new { x.Name, x.Host });
        e.Property(x => x.TrackCodes).HasMaxLength(200);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KeyProjectConfiguration : IEntityTypeConfiguration<KeyProject>
{
    public void Configure(EntityTypeBuilder<KeyProject> e)
    {
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => new { x.Name, x.EnterpriseId });
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.TotalInvestment).HasPrecision(18, 2);
        e.Property(x => x.CompletedInvestment).HasPrecision(18, 2);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Investments).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
