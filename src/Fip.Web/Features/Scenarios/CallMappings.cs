using Fip.Web.Features.Organisation;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Scenarios;

internal sealed class ScenarioCallConfiguration : IEntityTypeConfiguration<ScenarioCall>
{
    public void Configure(EntityTypeBuilder<ScenarioCall> e)
    {
        e.ToTable("ScenarioCalls");
        e.Property(x => x.Title).HasMaxLength(ScenarioRules.TitleMax);
        e.Property(x => x.Criteria).HasMaxLength(4000);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.AwardNote).HasMaxLength(1000);
        e.Property(x => x.OwnerEnterpriseUscc).HasMaxLength(18);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne<ScenarioPost>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PromotionInstitution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CallApplicationConfiguration : IEntityTypeConfiguration<CallApplication>
{
    public void Configure(EntityTypeBuilder<CallApplication> e)
    {
        e.ToTable("ScenarioCallApplications");
        e.HasIndex(x => new { x.CallId, x.EnterpriseUscc }).IsUnique();
        e.Property(x => x.EnterpriseUscc).HasMaxLength(18);
        e.Property(x => x.EnterpriseName).HasMaxLength(200);
        e.Property(x => x.Proposal).HasMaxLength(CallRules.TextMax);
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.FileType).HasMaxLength(120);
        e.Property(x => x.FileKey).HasMaxLength(64);
        e.Property(x => x.FileSha256).HasMaxLength(64);
        e.Property(x => x.SubmittedBy).HasMaxLength(450);
        e.HasOne<ScenarioCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioExpertConfiguration : IEntityTypeConfiguration<ScenarioExpert>
{
    public void Configure(EntityTypeBuilder<ScenarioExpert> e)
    {
        e.ToTable("ScenarioExperts");
        e.Property(x => x.Name).HasMaxLength(ExpertRules.NameMax);
        e.Property(x => x.Organisation).HasMaxLength(ExpertRules.OrganisationMax);
        e.Property(x => x.Title).HasMaxLength(ExpertRules.TitleMax);
        e.Property(x => x.Fields).HasMaxLength(ExpertRules.FieldsMax);
        e.Property(x => x.Tracks).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(30);
        e.Ignore(x => x.Active);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasIndex(x => x.Name);
    }
}

internal sealed class ExpertConflictConfiguration : IEntityTypeConfiguration<ExpertConflict>
{
    public void Configure(EntityTypeBuilder<ExpertConflict> e)
    {
        e.ToTable("ScenarioExpertConflicts");
        e.Property(x => x.EnterpriseUscc).HasMaxLength(18);
        e.Property(x => x.Reason).HasMaxLength(ExpertRules.ReasonMax);
        e.HasIndex(x => new { x.ExpertId, x.EnterpriseUscc }).IsUnique();
        e.HasOne<ScenarioExpert>().WithMany(x => x.Conflicts).HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExpertScoreConfiguration : IEntityTypeConfiguration<ExpertScore>
{
    public void Configure(EntityTypeBuilder<ExpertScore> e)
    {
        e.ToTable("ScenarioExpertScores");
        e.HasIndex(x => new { x.ApplicationId, x.ExpertId, x.Criterion }).IsUnique();
        e.Property(x => x.Score).HasPrecision(5, 2);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.HasOne<CallApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ScenarioExpert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioProjectConfiguration : IEntityTypeConfiguration<ScenarioProject>
{
    public void Configure(EntityTypeBuilder<ScenarioProject> e)
    {
        e.ToTable("ScenarioProjects");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ContractAmount).HasPrecision(14, 2);
        e.Property(x => x.OwnerEnterpriseUscc).HasMaxLength(18);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasIndex(x => x.CallId).IsUnique();
        e.HasIndex(x => new { x.NeedId, x.CapabilityId });
        e.HasIndex(x => x.RegistryScenarioId).IsUnique();
        e.HasOne<ScenarioPost>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ScenarioPost>().WithMany().HasForeignKey(x => x.CapabilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ScenarioCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Scenario>().WithMany().HasForeignKey(x => x.RegistryScenarioId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectUpdateConfiguration : IEntityTypeConfiguration<ProjectUpdate>
{
    public void Configure(EntityTypeBuilder<ProjectUpdate> e)
    {
        e.ToTable("ScenarioProjectUpdates");
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.Evidence).HasMaxLength(CallRules.TextMax);
        e.Property(x => x.By).HasMaxLength(450);
        e.HasIndex(x => x.ProjectId);
        e.HasOne<ScenarioProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PromotionInstitutionConfiguration : IEntityTypeConfiguration<PromotionInstitution>
{
    public void Configure(EntityTypeBuilder<PromotionInstitution> e)
    {
        e.ToTable("ScenarioInstitutions");
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Description).HasMaxLength(2000);
        e.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MatchEventConfiguration : IEntityTypeConfiguration<MatchEvent>
{
    public void Configure(EntityTypeBuilder<MatchEvent> e)
    {
        e.ToTable("ScenarioMatchEvents");
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.PostIds).HasMaxLength(1000);
        e.Property(x => x.Attendees).HasMaxLength(2000);
        e.Property(x => x.FollowUp).HasMaxLength(CallRules.TextMax);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PromotionInstitution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
