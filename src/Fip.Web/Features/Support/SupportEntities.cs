using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Support;

/// <summary>How a policy's benefit is reckoned: a fixed amount, a share of a figure (with a cap), or a rate on a figure.</summary>
public enum BenefitKind { Fixed, Share, Rate }

/// <summary>
/// 扶持政策: a support policy as data — who issues it, the document and clause it comes from, what it gives, when it is open,
/// and who may have it (<see cref="Rule"/>, a <see cref="RuleNode"/> as JSON). Published ones are shown on the public portal.
/// </summary>
// A rule change moves the registries' stamp: match results are kept per that stamp (data and rules together).
[ChangeStamped(ChangeStamp.Registries)]
public sealed class SupportPolicy
{
    public int Id { get; set; }
    /// <summary>Stable key (seeded policies are found by it).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string IssuingUnit { get; set; } = "";
    /// <summary>The department that reviews applications (null: admins only).</summary>
    public int? DepartmentId { get; set; }
    public string SourceDocument { get; set; } = "";
    public string SourceClause { get; set; } = "";
    public string? SourceUrl { get; set; }
    /// <summary>The plan's 重点工程 or 保障措施 that names this policy (its text is linked), when the plan has one.</summary>
    public int? PlanProgrammeId { get; set; }
    /// <summary>What the policy gives, in its own words.</summary>
    public string Summary { get; set; } = "";
    /// <summary>政策解读: in plain language.</summary>
    public string Interpretation { get; set; } = "";
    public string HowToApply { get; set; } = "";
    public BenefitKind BenefitKind { get; set; }
    /// <summary>Fixed: the amount, 万元.</summary>
    public decimal? BenefitAmount { get; set; }
    /// <summary>Share or rate, as a fraction (0.5 = 50 %).</summary>
    public decimal? BenefitShare { get; set; }
    /// <summary>The figure a share or rate applies to (a yearly figure: rdExpense, revenue).</summary>
    public string? BenefitFigure { get; set; }
    /// <summary>At most this much, 万元.</summary>
    public decimal? BenefitCap { get; set; }
    public DateOnly? OpensOn { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public string Rule { get; set; } = "";
    /// <summary>免申即享: the department creates applications for eligible enterprises.</summary>
    public bool Proactive { get; set; }
    public bool IsPublished { get; set; }
    /// <summary>Conditions written from the public national rules as examples, to be reviewed before use.</summary>
    public bool IsExample { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public DateTime UpdatedAt { get; set; }

    public bool OpenOn(DateOnly day) => (OpensOn is null || day >= OpensOn) && (ClosesOn is null || day <= ClosesOn);
}

/// <summary>An application's state. Withdrawn: the enterprise took it back before the review began; like Refused it is closed,
/// so the enterprise may apply again with a new application.</summary>
public enum ApplicationState { Submitted, Returned, Approved, Refused, Paid, Withdrawn }

/// <summary>政策申报 and its 兑现: an enterprise's application (or one the department made for it), reviewed and paid.</summary>
public sealed class PolicyApplication : IScopedResource
{
    public int Id { get; set; }
    public int PolicyId { get; set; }
    public SupportPolicy Policy { get; set; } = null!;
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public ApplicationState State { get; set; }
    /// <summary>Made by the department for an eligible enterprise (免申即享).</summary>
    public bool OnBehalf { get; set; }
    /// <summary>The benefit expected when applying, 万元.</summary>
    public decimal? ExpectedAmount { get; set; }
    public decimal? ApprovedAmount { get; set; }
    public decimal? PaidAmount { get; set; }
    public string? Note { get; set; }
    /// <summary>Why it was returned or refused.</summary>
    public string? Reason { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime? PaidAt { get; set; }
    /// <summary>兑现: the day the money was paid (as on the voucher) and the voucher's number.</summary>
    public DateOnly? PaidOn { get; set; }
    public string? PaymentVoucher { get; set; }
    public List<ApplicationEvidence> Evidence { get; set; } = [];
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDistrictId => Enterprise?.DistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => Enterprise?.CreditCode;
}

/// <summary>An evidence file of an application (a contract, an invoice): its bytes in the attachment store, checked by content.</summary>
public sealed class ApplicationEvidence
{
    public long Id { get; set; }
    public int ApplicationId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>
/// 免申即享 push: the department told an eligible enterprise it may have the policy. One row per policy × enterprise (a second push
/// adds nothing); the enterprise's 待办 shows it until it applies.
/// </summary>
public sealed class PolicyInvitation
{
    public long Id { get; set; }
    public int PolicyId { get; set; }
    public SupportPolicy Policy { get; set; } = null!;
    public int EnterpriseId { get; set; }
    public DateTime PushedAt { get; set; }
    public string PushedBy { get; set; } = "";
}

internal sealed class SupportPolicyConfiguration : IEntityTypeConfiguration<SupportPolicy>
{
    public void Configure(EntityTypeBuilder<SupportPolicy> e)
    {
        e.ToTable("SupportPolicies");
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Code).HasMaxLength(60);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.IssuingUnit).HasMaxLength(200);
        e.Property(x => x.SourceDocument).HasMaxLength(300);
        e.Property(x => x.SourceClause).HasMaxLength(2000);
        e.Property(x => x.SourceUrl).HasMaxLength(500);
        e.Property(x => x.Summary).HasMaxLength(4000);
        e.Property(x => x.Interpretation).HasMaxLength(8000);
        e.Property(x => x.HowToApply).HasMaxLength(4000);
        e.Property(x => x.BenefitKind).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.BenefitFigure).HasMaxLength(30);
        e.Property(x => x.BenefitAmount).HasPrecision(18, 2);
        e.Property(x => x.BenefitShare).HasPrecision(9, 4);
        e.Property(x => x.BenefitCap).HasPrecision(18, 2);
        e.Property(x => x.Rule).HasMaxLength(20000);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
    }
}

internal sealed class PolicyApplicationConfiguration : IEntityTypeConfiguration<PolicyApplication>
{
    public void Configure(EntityTypeBuilder<PolicyApplication> e)
    {
        e.ToTable("PolicyApplications");
        e.HasIndex(x => new { x.PolicyId, x.EnterpriseId });
        e.HasIndex(x => x.EnterpriseId);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(12);
        e.Property(x => x.ExpectedAmount).HasPrecision(18, 2);
        e.Property(x => x.ApprovedAmount).HasPrecision(18, 2);
        e.Property(x => x.PaidAmount).HasPrecision(18, 2);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.PaymentVoucher).HasMaxLength(100);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.Policy).WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationEvidenceConfiguration : IEntityTypeConfiguration<ApplicationEvidence>
{
    public void Configure(EntityTypeBuilder<ApplicationEvidence> e)
    {
        e.ToTable("PolicyApplicationEvidence");
        e.HasIndex(x => x.ApplicationId);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(120);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.StorageKey).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(100);
    }
}

internal sealed class PolicyInvitationConfiguration : IEntityTypeConfiguration<PolicyInvitation>
{
    public void Configure(EntityTypeBuilder<PolicyInvitation> e)
    {
        e.ToTable("PolicyInvitations");
        e.HasIndex(x => new { x.PolicyId, x.EnterpriseId }).IsUnique();
        e.HasIndex(x => x.EnterpriseId);
        e.Property(x => x.PushedBy).HasMaxLength(100);
        e.HasOne(x => x.Policy).WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
    }
}
