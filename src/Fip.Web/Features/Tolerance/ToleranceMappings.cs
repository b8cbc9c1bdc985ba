using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Tolerance;

internal sealed class ToleranceCaseConfiguration : IEntityTypeConfiguration<ToleranceCase>
{
    public void Configure(EntityTypeBuilder<ToleranceCase> e)
    {
        e.ToTable("ToleranceCases");
        e.Property(x => x.Unit).HasMaxLength(200);
        e.Property(x => x.People).HasMaxLength(2000);
        e.Property(x => x.Project).HasMaxLength(500);
        e.Property(x => x.Expected).HasMaxLength(4000);
        e.Property(x => x.Actual).HasMaxLength(4000);
        e.Property(x => x.Loss).HasPrecision(18, 2);
        e.Property(x => x.InvolvedReviewers).HasMaxLength(2000);
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.DecisionReasons).HasMaxLength(4000);
        e.Property(x => x.DecidedBy).HasMaxLength(256);
        e.Property(x => x.PublicSummary).HasMaxLength(4000);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.Ignore(x => x.Involved);
        e.HasIndex(x => new { x.Publish, x.Decision });
        e.HasMany(x => x.Findings).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ToleranceFindingConfiguration : IEntityTypeConfiguration<ToleranceFinding>
{
    public void Configure(EntityTypeBuilder<ToleranceFinding> e)
    {
        e.ToTable("ToleranceFindings");
        e.Property(x => x.Condition).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Evidence).HasMaxLength(4000);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.FoundBy).HasMaxLength(256);
        e.HasIndex(x => new { x.CaseId, x.Condition }).IsUnique();
    }
}

internal sealed class ToleranceEventConfiguration : IEntityTypeConfiguration<ToleranceEvent>
{
    public void Configure(EntityTypeBuilder<ToleranceEvent> e)
    {
        e.ToTable("ToleranceEvents");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.By).HasMaxLength(256);
        e.Property(x => x.Note).HasMaxLength(4000);
    }
}
