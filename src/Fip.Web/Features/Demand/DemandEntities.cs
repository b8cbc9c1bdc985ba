using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Demand;

/// <summary>学历要求 of a talent demand.</summary>
public enum EducationLevel
{
    Any,        // 不限
    College,    // 大专
    Bachelor,   // 本科
    Master,     // 硕士
    Doctorate,  // 博士
}

/// <summary>How urgently an enterprise needs the people it asks for.</summary>
public enum DemandUrgency
{
    Normal,    // 一般
    Urgent,    // 紧急
    Critical,  // 特急
}

/// <summary>
/// 人才需求: an enterprise asks for <see cref="Headcount"/> people for a position (the record's name) on a track, with skills,
/// education and a monthly salary range. Scope follows the enterprise: an enterprise user posts and sees only its own.
/// </summary>
public sealed class TalentDemand : RegistryRecord, IScopedResource, IEnterpriseScoped
{
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    /// <summary>技能要求, separated by '、' or ','.</summary>
    public string? Skills { get; set; }
    public int Headcount { get; set; } = 1;
    public EducationLevel Education { get; set; }
    /// <summary>月薪下限/上限 in yuan.</summary>
    public decimal? SalaryMin { get; set; }
    public decimal? SalaryMax { get; set; }
    public DemandUrgency Urgency { get; set; }
    public DateOnly? PostedOn { get; set; }

    int? IScopedResource.OwnerDistrictId => Enterprise?.DistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => Enterprise?.CreditCode;
}

/// <summary>
/// 技能目录: one position or skill of a track (the record's name), the rows and columns of the 紧缺人才图谱. Kept by the talent
/// office; seeded from the chain links of each track.
/// </summary>
public sealed class TalentSkill : RegistryRecord, IScopedResource
{
    public int TrackId { get; set; }
    public Track Track { get; set; } = null!;
    /// <summary>Other words for it, separated by '|': a demand or a person whose position, skills or field name one counts.</summary>
    public string? Terms { get; set; }
    public int? KeeperDepartmentId { get; set; }

    int? IScopedResource.OwnerDepartmentId => KeeperDepartmentId;
}

internal sealed class TalentDemandConfiguration : IEntityTypeConfiguration<TalentDemand>
{
    public void Configure(EntityTypeBuilder<TalentDemand> e)
    {
        e.ToTable("TalentDemands");
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(100);
        e.HasIndex(x => new { x.Name, x.EnterpriseId });
        e.HasIndex(x => x.EnterpriseId);
        e.HasIndex(x => x.TrackId);
        e.Property(x => x.Skills).HasMaxLength(500);
        e.Property(x => x.Education).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Urgency).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.SalaryMin).HasPrecision(18, 2);
        e.Property(x => x.SalaryMax).HasPrecision(18, 2);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TalentSkillConfiguration : IEntityTypeConfiguration<TalentSkill>
{
    public void Configure(EntityTypeBuilder<TalentSkill> e)
    {
        e.ToTable("TalentSkills");
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(100);
        e.HasIndex(x => new { x.TrackId, x.Name });
        e.Property(x => x.Terms).HasMaxLength(500);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation.Department>().WithMany().HasForeignKey(x => x.KeeperDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
