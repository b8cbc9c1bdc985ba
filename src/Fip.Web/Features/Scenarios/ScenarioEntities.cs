using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;

namespace Fip.Web.Features.Scenarios;

/// <summary>场景机会 (a need: what a department, district or enterprise seeks) or 场景能力 (a capability: what an enterprise or institution
/// offers).</summary>
public enum PostKind { Need, Capability }

/// <summary>草稿 → 待审核 → 已发布 → 已关闭 (see <see cref="ScenarioRules.Transitions"/> for who moves which).</summary>
public enum PostState { Draft, Review, Published, Closed }

/// <summary>
/// One entry of the 场景机会清单 or the 场景能力清单. Owned by the poster's department, district or enterprise (set from the poster's
/// scope, never from the input). Only published posts reach the public portal, and never with their contact.
/// </summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ScenarioPost : IScopedResource
{
    public int Id { get; set; }
    public PostKind Kind { get; set; }
    public PostState State { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Who posts (a department, a district, an enterprise or institution), as shown publicly.</summary>
    public string Organisation { get; set; } = "";
    /// <summary>What is sought (a need) or offered (a capability).</summary>
    public string Summary { get; set; } = "";
    public int? TrackId { get; set; }
    public int? ChainLinkId { get; set; }
    /// <summary>Where the scenario is (a need) or where the poster works (a capability).</summary>
    public int? DistrictId { get; set; }
    /// <summary>预算, 万元 (needs).</summary>
    public decimal? Budget { get; set; }
    /// <summary>时间安排, free text (e.g. 2026年内完成验证).</summary>
    public string? Timeline { get; set; }
    /// <summary>Requirements (needs) or products (capabilities).</summary>
    public string? Requirements { get; set; }
    /// <summary>Past scenarios and references (capabilities).</summary>
    public string? References { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public int? OwnerDepartmentId { get; set; }
    public int? OwnerDistrictId { get; set; }
    public string? OwnerEnterpriseUscc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDepartmentId => OwnerDepartmentId;
    int? IScopedResource.OwnerDistrictId => OwnerDistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => OwnerEnterpriseUscc;
}

/// <summary>A party's answer to a proposed match (need × capability): accepted or declined, by the side that owns <see cref="PostId"/>.
/// One answer per side and pair; answering again replaces it.</summary>
[ChangeStamped(ScenarioStamp.Name)]
public sealed class ScenarioMatchAnswer
{
    public int Id { get; set; }
    public int NeedId { get; set; }
    public int CapabilityId { get; set; }
    /// <summary>The post of the side that answered (the need or the capability).</summary>
    public int PostId { get; set; }
    public bool Accepted { get; set; }
    public string? Note { get; set; }
    public string AnsweredBy { get; set; } = "";
    public DateTime AnsweredAt { get; set; }
}

/// <summary>The change stamp of the scenario marketplace: the ranking index is rebuilt when it moves on.</summary>
public static class ScenarioStamp
{
    public const string Name = "scenarios";
}
