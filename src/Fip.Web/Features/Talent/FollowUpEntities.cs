using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;

namespace Fip.Web.Features.Talent;

/// <summary>
/// 人才跟踪培养: the follow-up plan of a young talent (青年科技人才) of the pool: the unit that follows the person up (a department or
/// a district), the plan period and its goals. One plan per person. Personal data under PIPL like the talent record itself: kept by
/// the record's keeping department (人才办), its texts masked for everyone else and every unmasked read audited
/// (<see cref="FollowUpService"/>); the retention job erases them with the record.
/// </summary>
public sealed class TalentPlan : IScopedResource
{
    public int Id { get; set; }
    public int TalentId { get; set; }
    public Talent Talent { get; set; } = null!;
    /// <summary>The unit that follows the person up and files the yearly check-ins: a department or a district, never both.</summary>
    public int? UnitDepartmentId { get; set; }
    public Organisation.Department? UnitDepartment { get; set; }
    public int? UnitDistrictId { get; set; }
    public Organisation.District? UnitDistrict { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>培养目标 for the plan period (personal data).</summary>
    public string PlanGoals { get; set; } = "";
    /// <summary>The plan was closed before its end (the person left the programme, moved away…): no check-in falls due after it.</summary>
    public DateOnly? ClosedOn { get; set; }
    public string? PlanClosedReason { get; set; }
    /// <summary>The talent record's keeping department (人才办): holds the talent scope over the plan.</summary>
    public int? KeeperDepartmentId { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<TalentCheckIn> CheckIns { get; set; } = [];

    int? IScopedResource.OwnerDepartmentId => KeeperDepartmentId;
}

/// <summary>
/// A yearly check-in (年度跟踪) of a plan: which plan year it covers, when it was made, the progress and the outcomes of the year
/// (projects, papers and patents, titles, recognitions, a change of employer), each list separated by '、'. Personal data.
/// </summary>
public sealed class TalentCheckIn
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public TalentPlan Plan { get; set; } = null!;
    /// <summary>
    /// The plan year, 1 for the year that ends on the first anniversary of the start (see <see cref="FollowUpSchedule"/>).
    /// </summary>
    public int PlanYear { get; set; }
    public DateOnly CheckedOn { get; set; }
    public string CheckInProgress { get; set; } = "";
    public string? OutcomeProjects { get; set; }
    public string? OutcomePapers { get; set; }
    public string? OutcomeTitles { get; set; }
    public string? OutcomeRecognitions { get; set; }
    public string? EmployerChange { get; set; }
    public string? ByName { get; set; }
    public DateTime CreatedAt { get; set; }
}
