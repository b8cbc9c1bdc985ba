using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;

namespace Fip.Web.Features.Supervision;

/// <summary>
/// 催办: the task force urges one unit on a task, with a note; the unit answers (反馈). Audited like every write, shown in the task's
/// history and in the unit's 待办 until answered.
/// </summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class TaskUrge : IScopedResource
{
    public long Id { get; set; }
    public int TaskId { get; set; }
    public SupervisionTask Task { get; set; } = null!;
    /// <summary>dep:12 or dis:3.</summary>
    public string UnitKey { get; set; } = "";
    public int? DepartmentId { get; set; }
    public Organisation.Department? Department { get; set; }
    public int? DistrictId { get; set; }
    public Organisation.District? District { get; set; }
    public string Note { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string? Reply { get; set; }
    public DateTime? RepliedAt { get; set; }
    public string? RepliedBy { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDepartmentId => DepartmentId;
    int? IScopedResource.OwnerDistrictId => DistrictId;
}

/// <summary>
/// 领导批示: a leader's instruction on a task or a goal target, supervised with a deadline for each unit it names (督办) until each
/// replies (反馈) and the leader closes it: 批示 → 督办 → 反馈.
/// </summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class Instruction
{
    public long Id { get; set; }
    public int? TaskId { get; set; }
    public SupervisionTask? Task { get; set; }
    public int? TargetId { get; set; }
    public Target? Target { get; set; }
    public string Text { get; set; } = "";
    /// <summary>办理时限: the units reply by this day.</summary>
    public DateOnly Deadline { get; set; }
    public DateTime At { get; set; }
    public string ByUserId { get; set; } = "";
    public string ByName { get; set; } = "";
    /// <summary>The leader has read the replies and closed the loop.</summary>
    public DateTime? ClosedAt { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public List<InstructionUnit> Units { get; set; } = [];
}

/// <summary>One unit an instruction names, and its reply (反馈).</summary>
[ChangeStamped(ChangeStamp.Supervision)]
public sealed class InstructionUnit : IScopedResource
{
    public long Id { get; set; }
    public long InstructionId { get; set; }
    public Instruction Instruction { get; set; } = null!;
    public string UnitKey { get; set; } = "";
    public int? DepartmentId { get; set; }
    public Organisation.Department? Department { get; set; }
    public int? DistrictId { get; set; }
    public Organisation.District? District { get; set; }
    public string? Reply { get; set; }
    public DateTime? RepliedAt { get; set; }
    public string? RepliedBy { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDepartmentId => DepartmentId;
    int? IScopedResource.OwnerDistrictId => DistrictId;
}
