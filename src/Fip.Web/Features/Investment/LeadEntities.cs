using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Investment;

/// <summary>Where a 招商 lead stands: 接触 → 洽谈 → 签约 → 落地 (in this order; going back needs a reason).</summary>
public enum LeadStage
{
    Contact,
    Negotiation,
    Signed,
    Landed,
}

/// <summary>How a contact with the target enterprise was made.</summary>
public enum ContactMethod
{
    Visit,
    Meeting,
    Phone,
    Online,
    Event,
}

/// <summary>
/// 招商线索: an enterprise outside the city targeted to fill a gap of a chain map. Owned by one unit (a department or a
/// district): its users and admins change it, staff read it. When it lands it points to the local enterprise record created.
/// </summary>
public sealed class InvestmentLead : IScopedResource
{
    public long Id { get; set; }
    public string EnterpriseName { get; set; } = "";
    /// <summary>统一社会信用代码 when known (GB 32100 checked).</summary>
    public string? CreditCode { get; set; }
    /// <summary>Where the enterprise is based now (e.g. 深圳市).</summary>
    public string HomeCity { get; set; } = "";
    /// <summary>How the lead was found (a fair, an introduction, a chain-owner's supplier list …).</summary>
    public string Source { get; set; } = "";
    /// <summary>The gap it would fill; its track is the link's (so a plan revision moving the link moves the lead).</summary>
    public int ChainLinkId { get; set; }
    public ChainLink ChainLink { get; set; } = null!;
    public int? OwnerDepartmentId { get; set; }
    public Department? OwnerDepartment { get; set; }
    public int? OwnerDistrictId { get; set; }
    public District? OwnerDistrict { get; set; }
    public LeadStage Stage { get; set; }
    /// <summary>计划投资额, 万元.</summary>
    public decimal? PlannedInvestment { get; set; }
    /// <summary>The local enterprise record created when the lead landed.</summary>
    public int? LandedEnterpriseId { get; set; }
    public Enterprise? LandedEnterprise { get; set; }
    /// <summary>The day of the latest contact (the stale rule reads it; the creation day until the first contact).</summary>
    public DateOnly LastContactOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public List<LeadContact> Contacts { get; set; } = [];
    public List<LeadStageChange> StageChanges { get; set; } = [];

    int? IScopedResource.OwnerDepartmentId => OwnerDepartmentId;
    int? IScopedResource.OwnerDistrictId => OwnerDistrictId;
}

/// <summary>One dated contact: who met the enterprise, how, what was said and the next step.</summary>
public sealed class LeadContact
{
    public long Id { get; set; }
    public long LeadId { get; set; }
    public DateOnly On { get; set; }
    public string Who { get; set; } = "";
    public ContactMethod Method { get; set; }
    public string Summary { get; set; } = "";
    public string? NextStep { get; set; }
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>A move between stages, with the reason (required when going back).</summary>
public sealed class LeadStageChange
{
    public long Id { get; set; }
    public long LeadId { get; set; }
    public LeadStage From { get; set; }
    public LeadStage To { get; set; }
    public string? Reason { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>The rules of the lead registry, stated on the pages with the same numbers.</summary>
public static class LeadRules
{
    /// <summary>A lead not yet landed with no contact for this many days is stale: its owner unit gets an alert.</summary>
    public const int StaleDays = 60;

    /// <summary>Why a move from one stage to another is refused (a resource key), or null when it is allowed. Forward moves may skip
    /// stages (a contract signed at a fair); a move back needs a reason; landing needs the local enterprise record.</summary>
    public static string? MoveRefusal(LeadStage from, LeadStage to, string? reason, bool hasLandedEnterprise)
    {
        if (from == to) return "Leads.Error.SameStage";
        if (to < from && string.IsNullOrWhiteSpace(reason)) return "Leads.Error.BackNeedsReason";
        if (to == LeadStage.Landed && !hasLandedEnterprise) return "Leads.Error.LandedNeedsEnterprise";
        return null;
    }

    /// <summary>Stale: not landed and the last contact is more than <see cref="StaleDays"/> days before today.</summary>
    public static bool IsStale(LeadStage stage, DateOnly lastContactOn, DateOnly today) =>
        stage != LeadStage.Landed && today.DayNumber - lastContactOn.DayNumber > StaleDays;
}
