using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Scenarios;

/// <summary>征集中 (open until the deadline) → 已揭榜 (the award published). A call is never reopened.</summary>
public enum CallState { Open, Awarded }

/// <summary>
/// 揭榜挂帅: a published need put out as a call with a deadline and stated scoring criteria (weights summing to 100). Owned by the
/// need's unit; applications come from enterprises until the deadline; experts of the pool score them; the owner publishes the award.
/// </summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ScenarioCall : IScopedResource
{
    public int Id { get; set; }
    public int NeedId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Applications are taken until this moment (UTC); later ones are refused.</summary>
    public DateTime Deadline { get; set; }
    /// <summary>The criteria as JSON: [{"name":"技术方案","weight":40}, …]; weights sum to 100 (<see cref="CallRules.Criteria"/>).</summary>
    public string Criteria { get; set; } = "[]";
    public CallState State { get; set; }
    public int? AwardedApplicationId { get; set; }
    public DateTime? AwardedAt { get; set; }
    public string? AwardNote { get; set; }
    /// <summary>The 场景促进机构 that organised the call, if any.</summary>
    public int? InstitutionId { get; set; }
    public int? OwnerDepartmentId { get; set; }
    public int? OwnerDistrictId { get; set; }
    public string? OwnerEnterpriseUscc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDepartmentId => OwnerDepartmentId;
    int? IScopedResource.OwnerDistrictId => OwnerDistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => OwnerEnterpriseUscc;
}

/// <summary>An enterprise's application (揭榜) with its proposal and, optionally, a proposal file kept by the attachment store.</summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class CallApplication : IScopedResource
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public string EnterpriseUscc { get; set; } = "";
    public string EnterpriseName { get; set; } = "";
    public string Proposal { get; set; } = "";
    public string? FileName { get; set; }
    public string? FileType { get; set; }
    public string? FileKey { get; set; }
    public string? FileSha256 { get; set; }
    public string SubmittedBy { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
    public bool IsDemo { get; set; }

    string? IScopedResource.OwnerEnterpriseUscc => EnterpriseUscc;
}

/// <summary>
/// 专家库: an expert of the pool, their fields and tracks, and the enterprises they declared a conflict of interest with
/// (<see cref="ExpertConflict"/>). An expert is deactivated, never deleted: their past scores stay, they score no more.
/// </summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ScenarioExpert
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The employer (工作单位).</summary>
    public string Organisation { get; set; } = "";
    /// <summary>职称 or post, e.g. 教授、正高级工程师.</summary>
    public string Title { get; set; } = "";
    /// <summary>Fields of expertise, separated by '|'.</summary>
    public string Fields { get; set; } = "";
    /// <summary>The tracks of the current plan the expert judges, ids separated by '|'.</summary>
    public string Tracks { get; set; } = "";
    /// <summary>A contact phone: personal data, shown unmasked only to those who keep the pool.</summary>
    public string? Phone { get; set; }
    /// <summary>When the expert left the pool (null: active). Deactivated experts keep their scores and score no more.</summary>
    public DateTime? DeactivatedAt { get; set; }
    public bool Active => DeactivatedAt is null;
    public List<ExpertConflict> Conflicts { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();
}

/// <summary>A declared conflict of interest: the expert may not score this enterprise's applications, for the reason given.</summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ExpertConflict
{
    public int Id { get; set; }
    public int ExpertId { get; set; }
    public string EnterpriseUscc { get; set; } = "";
    public string Reason { get; set; } = "";
}

/// <summary>One expert's score of one application on one criterion (0–100; the criterion's weight applies in the ranking).</summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ExpertScore
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int ExpertId { get; set; }
    public int Criterion { get; set; }
    public decimal Score { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// 场景项目: an awarded call or an agreed match (both sides accepted) followed along 早期验证 → 融合试验 → 综合推广. It keeps a row of
/// the 应用场景 registry in step (stage, status), which is what the goal 应用场景 counts.
/// </summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ScenarioProject : IScopedResource
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int NeedId { get; set; }
    public int? CapabilityId { get; set; }
    public int? CallId { get; set; }
    public int? ApplicationId { get; set; }
    /// <summary>The 应用场景 registry row this project keeps in step.</summary>
    public int RegistryScenarioId { get; set; }
    public ScenarioStage Stage { get; set; }
    public int? TrackId { get; set; }
    public int DistrictId { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly StageSince { get; set; }
    /// <summary>The last progress recorded; a project without one for <see cref="CallRules.StallDays"/> days raises an alert.</summary>
    public DateTime LastUpdateAt { get; set; }
    /// <summary>采购合同 (count) and their amount in 万元.</summary>
    public int Contracts { get; set; }
    public decimal ContractAmount { get; set; }
    public int Users { get; set; }
    public int Sites { get; set; }
    public int? OwnerDepartmentId { get; set; }
    public int? OwnerDistrictId { get; set; }
    public string? OwnerEnterpriseUscc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDepartmentId => OwnerDepartmentId;
    int? IScopedResource.OwnerDistrictId => OwnerDistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => OwnerEnterpriseUscc;
}

/// <summary>A progress entry of a project: evidence and outcomes, and the stage move it made (a move backwards names its reason).</summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ProjectUpdate
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public DateOnly On { get; set; }
    public ScenarioStage From { get; set; }
    public ScenarioStage To { get; set; }
    public string? Reason { get; set; }
    public string Evidence { get; set; } = "";
    public string By { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>场景促进机构: an institution that organises matchmaking events and calls.</summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class PromotionInstitution
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int? DistrictId { get; set; }
    public string Description { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>对接会: a matchmaking event, who met (the posts and the enterprises) and what followed.</summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class MatchEvent
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public int? DistrictId { get; set; }
    public int? InstitutionId { get; set; }
    /// <summary>The posts whose parties met, ids separated by '|'.</summary>
    public string PostIds { get; set; } = "";
    /// <summary>The enterprises and units that attended, separated by '|'.</summary>
    public string Attendees { get; set; } = "";
    public string FollowUp { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
}
