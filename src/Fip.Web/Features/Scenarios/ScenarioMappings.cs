using Fip.Web.Data;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Scenarios;

internal sealed class ScenarioPostConfiguration : IEntityTypeConfiguration<ScenarioPost>
{
    public void Configure(EntityTypeBuilder<ScenarioPost> e)
    {
        e.ToTable("ScenarioPosts");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Title).HasMaxLength(ScenarioRules.TitleMax);
        e.Property(x => x.Organisation).HasMaxLength(200);
        e.Property(x => x.Summary).HasMaxLength(ScenarioRules.TextMax);
        e.Property(x => x.Timeline).HasMaxLength(200);
        e.Property(x => x.Requirements).HasMaxLength(ScenarioRules.TextMax);
        e.Property(x => x.References).HasMaxLength(ScenarioRules.TextMax);
        e.Property(x => x.ContactName).HasMaxLength(50);
        e.Property(x => x.ContactPhone).HasMaxLength(30);
        e.Property(x => x.OwnerEnterpriseUscc).HasMaxLength(18);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.Property(x => x.Budget).HasPrecision(14, 2);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasIndex(x => new { x.Kind, x.State });
        e.HasOne<Track>().WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ChainLink>().WithMany().HasForeignKey(x => x.ChainLinkId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioMatchAnswerConfiguration : IEntityTypeConfiguration<ScenarioMatchAnswer>
{
    public void Configure(EntityTypeBuilder<ScenarioMatchAnswer> e)
    {
        e.ToTable("ScenarioMatchAnswers");
        e.HasIndex(x => new { x.NeedId, x.CapabilityId, x.PostId }).IsUnique();
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.AnsweredBy).HasMaxLength(450);
        e.HasOne<ScenarioPost>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ScenarioPost>().WithMany().HasForeignKey(x => x.CapabilityId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The marketplace's change stamp row (the stamps table is shared; this only adds a row).</summary>
internal sealed class ScenarioStampSeed : IEntityTypeConfiguration<ChangeStamp>
{
    public void Configure(EntityTypeBuilder<ChangeStamp> e) => e.HasData(new ChangeStamp { Name = ScenarioStamp.Name, Value = 1 });
}
