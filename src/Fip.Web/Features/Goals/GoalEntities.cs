using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Plans;

namespace Fip.Web.Features.Goals;

/// <summary>
/// 指标: how a target is measured — a named count over one registry, defined by structured criteria (never typed-in numbers).
/// Admins may change the definition; every change is audited and history keeps the definition in force at each snapshot.
/// </summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class IndicatorDefinition
{
    public int Id { get; set; }
    /// <summary>Stable key (e.g. pilot-parks) used by overlays, the API and alert de-duplication.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    /// <summary>Registry counted: enterprises, products, scenarios, parks, platforms or projects.</summary>
    public string Registry { get; set; } = "";
    /// <summary>The criteria as JSON (<see cref="IndicatorCriteria"/>): what is counted, what is in the pipeline, and how history is
    /// dated.</summary>
    public string Criteria { get; set; } = "{}";
    /// <summary>Free-text note shown under the generated description (why it is counted this way).</summary>
    public string? Note { get; set; }
    /// <summary>The department that answers for the indicator: alerts go to it.</summary>
    public int? OwnerDepartmentId { get; set; }
    public Organisation.Department? OwnerDepartment { get; set; }
    /// <summary>Increases with every change of the criteria; snapshots record the revision they were taken under.</summary>
    public int Revision { get; set; } = 1;
    public string Version { get; set; } = RecordVersions.New();
    public DateTime UpdatedAt { get; set; }
    public List<Target> Targets { get; set; } = [];
}

/// <summary>A value of an indicator at a moment, taken by the monthly job or on demand, with the definition then in force.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class IndicatorSnapshot
{
    public long Id { get; set; }
    public int IndicatorId { get; set; }
    public IndicatorDefinition Indicator { get; set; } = null!;
    /// <summary>The month the snapshot stands for (first day, Asia/Shanghai).</summary>
    public DateOnly Period { get; set; }
    public DateTime TakenAt { get; set; }
    public decimal Value { get; set; }
    public decimal Pipeline { get; set; }
    public int Revision { get; set; }
    /// <summary>The criteria JSON in force when the value was taken.</summary>
    public string Criteria { get; set; } = "";
    /// <summary>scheduled or manual.</summary>
    public string Kind { get; set; } = SnapshotKinds.Scheduled;
}

public static class SnapshotKinds
{
    public const string Scheduled = "scheduled";
    public const string Manual = "manual";
}
