using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Regulation;

/// <summary>观察期 (observation period) or 包容期 (tolerance period): a new regulatory measure of the policy's 工程七.</summary>
public enum MeasureKind
{
    Observation,
    Tolerance,
}

/// <summary>What the measure is granted to: the enterprise as a whole, one of its products, or a business model.</summary>
public enum MeasureSubject
{
    Enterprise,
    Product,
    BusinessModel,
}

/// <summary>Where a measure stands: running, extended (running to a new end), 转入常规监管 (regular supervision) or 终止.</summary>
public enum MeasureOutcome
{
    Running,
    Extended,
    Regular,
    Terminated,
}

/// <summary>
/// A 观察期 or 包容期 granted by a regulating department. Seen by the granting department, the enterprise's district and the
/// enterprise itself (<see cref="ScopeRequirement.ReadConfined"/>); changed by the granting department.
/// </summary>
public sealed class RegulatoryMeasure : IScopedResource
{
    public long Id { get; set; }
    public MeasureKind Kind { get; set; }
    public MeasureSubject Subject { get; set; }
    /// <summary>The product or business model named (the enterprise's name when the subject is the enterprise).</summary>
    public string SubjectName { get; set; } = "";
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    /// <summary>The enterprise's credit code and district when granted (who may see the measure).</summary>
    public string EnterpriseUscc { get; set; } = "";
    public int DistrictId { get; set; }
    public District District { get; set; } = null!;
    public int DepartmentId { get; set; }
    public Department Department { get; set; } = null!;
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    public string LegalBasis { get; set; } = "";
    public string Scope { get; set; } = "";
    public DateOnly StartOn { get; set; }
    public DateOnly EndOn { get; set; }
    public string Conditions { get; set; } = "";
    public string Risks { get; set; } = "";
    public MeasureOutcome Outcome { get; set; }
    public string? OutcomeReason { get; set; }
    /// <summary>The end before the last extension.</summary>
    public DateOnly? PreviousEndOn { get; set; }
    public DateTime? OutcomeAt { get; set; }
    public string? OutcomeBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public List<MeasureComplaint> Complaints { get; set; } = [];

    public bool IsActive => Outcome is MeasureOutcome.Running or MeasureOutcome.Extended;

    int? IScopedResource.OwnerDepartmentId => DepartmentId;
    int? IScopedResource.OwnerDistrictId => DistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => EnterpriseUscc;
}

/// <summary>A complaint about the enterprise under a measure, recorded by the department (a signal rule reads it).</summary>
public sealed class MeasureComplaint
{
    public long Id { get; set; }
    public long MeasureId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public string Summary { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>提示预警 (a warning) or 行政指导 (administrative guidance).</summary>
public enum NoticeKind
{
    Warning,
    Guidance,
}

/// <summary>draft (a signal rule's or the department's) → sent (the enterprise sees it) → replied → closed (with the follow-up).</summary>
public enum NoticeState
{
    Draft,
    Sent,
    Replied,
    Closed,
}

/// <summary>
/// A 提示 or 行政指导 to an enterprise: what was found, what is advised, the enterprise's reply and the department's follow-up,
/// with evidence files. The enterprise sees it once sent.
/// </summary>
public sealed class RegulatoryNotice : IScopedResource
{
    public long Id { get; set; }
    public NoticeKind Kind { get; set; }
    public NoticeState State { get; set; }
    public long? MeasureId { get; set; }
    public RegulatoryMeasure? Measure { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public string EnterpriseUscc { get; set; } = "";
    public int DistrictId { get; set; }
    public int DepartmentId { get; set; }
    public Department Department { get; set; } = null!;
    public string Findings { get; set; } = "";
    public string Advice { get; set; } = "";
    public DateOnly? ReplyBy { get; set; }
    /// <summary>The signal rule that drafted it, and its key (one draft per rule × measure × fact).</summary>
    public string? SignalRule { get; set; }
    public string? SignalKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? SentAt { get; set; }
    public string? SentBy { get; set; }
    public string? Reply { get; set; }
    public DateTime? RepliedAt { get; set; }
    public string? RepliedBy { get; set; }
    public string? FollowUp { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public List<NoticeEvidence> Evidence { get; set; } = [];

    int? IScopedResource.OwnerDepartmentId => DepartmentId;
    int? IScopedResource.OwnerDistrictId => DistrictId;
    /// <summary>A draft is the department's alone.</summary>
    string? IScopedResource.OwnerEnterpriseUscc => State == NoticeState.Draft ? null : EnterpriseUscc;
}

/// <summary>An evidence file of a notice (the department's or the enterprise's); bytes in the attachment store.</summary>
public sealed class NoticeEvidence
{
    public long Id { get; set; }
    public long NoticeId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    public bool ByEnterprise { get; set; }
}
