using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;

namespace Fip.Web.Features.Supervision;

/// <summary>Where a task sits in the tree: a plan's programme or measure, a work task under it, an annual work task (年度工作任务).</summary>
public enum TaskLevel
{
    Programme,
    WorkTask,
    AnnualTask,
}

/// <summary>How often the owners report on a task.</summary>
public enum ReportingCycle
{
    Monthly,
    Quarterly,
}

/// <summary>督办任务: a unit of work with lead and co-units, the districts that carry it out, a deadline and milestones.</summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class SupervisionTask
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int? ParentId { get; set; }
    public SupervisionTask? Parent { get; set; }
    /// <summary>The programme or measure of the plan the task comes from (set on the programme's own task).</summary>
    public int? ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public TaskLevel Level { get; set; }
    /// <summary>序号 as shown in the 任务分解表: 一, 1.2 …</summary>
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string? TitleEn { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Weight among its siblings when progress rolls up (default 1).</summary>
    public decimal Weight { get; set; } = 1;
    public ReportingCycle Cycle { get; set; } = ReportingCycle.Quarterly;
    /// <summary>Reports are expected for periods from this date on.</summary>
    public DateOnly StartDate { get; set; }
    /// <summary>完成时限.</summary>
    public DateOnly? Deadline { get; set; }
    /// <summary>The day the task force confirmed a parent task complete (a leaf is confirmed by approved reports saying done).</summary>
    public DateOnly? CompletedOn { get; set; }
    public int SortOrder { get; set; }
    public bool IsDeleted { get; set; }
    /// <summary>Made-up work loaded with the demo data (labelled 演示 on every page).</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public List<TaskUnit> Units { get; set; } = [];
    public List<TaskDistrict> Districts { get; set; } = [];
    public List<TaskMilestone> Milestones { get; set; } = [];
    public List<TaskTarget> Targets { get; set; } = [];
}

/// <summary>A department responsible for a task, as 牵头 (lead) or 配合/按职责分工负责 (co).</summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class TaskUnit
{
    public int TaskId { get; set; }
    public int DepartmentId { get; set; }
    public Organisation.Department Department { get; set; } = null!;
    public AssignmentRole Role { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A district (板块) that carries out its share of a task.</summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class TaskDistrict
{
    public int TaskId { get; set; }
    public int DistrictId { get; set; }
    public Organisation.District District { get; set; } = null!;
}

/// <summary>A dated step of a task (节点).</summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class TaskMilestone
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public DateOnly? DoneOn { get; set; }
}

/// <summary>A target of the plan the task serves, so the task shows the outcome beside its own progress.</summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class TaskTarget
{
    public int TaskId { get; set; }
    public int TargetId { get; set; }
    public Target Target { get; set; } = null!;
}

/// <summary>What the reporter says about the work: 按计划 on plan, 滞后 lagging, 已完成 done.</summary>
public enum ReportStatus
{
    OnPlan,
    Lagging,
    Done,
}

/// <summary>draft → submitted → approved, or → returned (with a comment) → submitted again.</summary>
public enum ReportState
{
    Draft,
    Submitted,
    Returned,
    Approved,
}

/// <summary>
/// 进展报送: one unit's report on one task for one period (2026-11 or 2026-Q4). Owned by the reporting department or district.
/// </summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class ProgressReport : IScopedResource
{
    public long Id { get; set; }
    public int TaskId { get; set; }
    public SupervisionTask Task { get; set; } = null!;
    /// <summary>2026-11 for a month, 2026-Q4 for a quarter.</summary>
    public string Period { get; set; } = "";
    /// <summary>"dep:12" or "dis:3": the reporting unit, unique per task and period.</summary>
    public string UnitKey { get; set; } = "";
    public int? DepartmentId { get; set; }
    public Organisation.Department? Department { get; set; }
    public int? DistrictId { get; set; }
    public Organisation.District? District { get; set; }
    public DateOnly DueDate { get; set; }
    public decimal Percent { get; set; }
    public ReportStatus Status { get; set; }
    public string Done { get; set; } = "";
    public string? Problems { get; set; }
    public string? NextSteps { get; set; }
    public ReportState State { get; set; }
    /// <summary>The first submission; a report is on time when this is on or before the due date.</summary>
    public DateTime? FirstSubmittedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewComment { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public List<ReportEvent> Events { get; set; } = [];
    public List<ReportAttachment> Attachments { get; set; } = [];

    int? IScopedResource.OwnerDepartmentId => DepartmentId;
    int? IScopedResource.OwnerDistrictId => DistrictId;
}

public enum ReportAction
{
    Saved,
    Submitted,
    Returned,
    Approved,
}

/// <summary>The history of a report: every submission and review, with the comment and the percentage at the time.</summary>
public sealed class ReportEvent
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public ReportAction Action { get; set; }
    public decimal Percent { get; set; }
    public string? Comment { get; set; }
}

/// <summary>Evidence attached to a report; the bytes live in the attachment store, outside the web root.</summary>
public sealed class ReportAttachment
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    /// <summary>Name of the file in the store (random; never the uploaded name).</summary>
    public string StorageKey { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}
