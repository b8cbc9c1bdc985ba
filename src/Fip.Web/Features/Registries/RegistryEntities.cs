using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;

namespace Fip.Web.Features.Registries;

/// <summary>What every registry record has: soft delete, demo flag, timestamps and a version for optimistic concurrency.</summary>
[ChangeStamped(ChangeStamp.Registries)]
public abstract class RegistryRecord
{
    public int Id { get; set; }
    /// <summary>What people call the record; with the owner it makes the natural key of most registries.</summary>
    public string Name { get; set; } = "";
    /// <summary>Changes on every save; an edit based on an older version is refused (409).</summary>
    public string Version { get; set; } = RecordVersions.New();
    public bool IsDemo { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>资质 an enterprise can hold.</summary>
public enum QualificationKind
{
    LittleGiant,      // 专精特新"小巨人"
    SpecialisedSme,   // 专精特新中小企业
    HighTech,         // 高新技术企业
    TechSme,          // 科技型中小企业
    Gazelle,          // 瞪羚企业
    Unicorn,          // 独角兽企业
    Backbone,         // 龙头骨干企业
    ChainLeader,      // 链主企业
}

/// <summary>企业, keyed by 统一社会信用代码.</summary>
public sealed class Enterprise : RegistryRecord, IScopedResource, IEnterpriseFact
{
    public string CreditCode { get; set; } = "";
    /// <summary>An admin accepted a code whose check character does not match (some early pilot codes are genuine).</summary>
    public bool CreditCodeCheckOverridden { get; set; }
    public string? ShortName { get; set; }
    public int DistrictId { get; set; }
    public District District { get; set; } = null!;
    public string? Address { get; set; }
    public DateOnly? FoundedOn { get; set; }
    /// <summary>注册资本, 万元.</summary>
    public decimal? RegisteredCapital { get; set; }
    public int? Employees { get; set; }
    public string? BusinessScope { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    public List<EnterpriseTrack> Tracks { get; set; } = [];
    public List<EnterpriseQualification> Qualifications { get; set; } = [];
    public List<EnterpriseIndicator> Indicators { get; set; } = [];

    int? IScopedResource.OwnerDistrictId => DistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => CreditCode;
    int IEnterpriseFact.EnterpriseId => Id;
}

[ChangeStamped(ChangeStamp.Registries)]
public sealed class EnterpriseTrack : IEnterpriseFact
{
    public int EnterpriseId { get; set; }
    public int TrackId { get; set; }
    public Track Track { get; set; } = null!;
}

[ChangeStamped(ChangeStamp.Registries)]
public sealed class EnterpriseQualification : IEnterpriseFact
{
    public int EnterpriseId { get; set; }
    public QualificationKind Kind { get; set; }
    public int? Year { get; set; }
}

/// <summary>Yearly figures of an enterprise; amounts in 万元.</summary>
[ChangeStamped(ChangeStamp.Registries)]
public sealed class EnterpriseIndicator : IEnterpriseFact
{
    public int EnterpriseId { get; set; }
    public int Year { get; set; }
    public decimal? Revenue { get; set; }
    public decimal? RdExpense { get; set; }
    public decimal? OutputValue { get; set; }
    public decimal? Tax { get; set; }
    public int? Employees { get; set; }
    public int? InventionPatents { get; set; }
}

public enum ProductStage { Research, Prototype, Finalised, MassProduction }      // 研发 → 样机 → 定型 → 量产
public enum RecognitionLevel { National, Provincial, Municipal }                   // 国家 / 省 / 市

/// <summary>关键产品. A recognised product counts toward the 关键产品 goal.</summary>
/// <summary>A record of a registry declared above Registries whose scope follows the enterprise it names (an import resolves the
/// enterprise before its scope check).</summary>
public interface IEnterpriseScoped
{
    int EnterpriseId { get; }
    Enterprise Enterprise { get; set; }
}

public sealed class KeyProduct : RegistryRecord, IScopedResource, IEnterpriseFact
{
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    public ProductStage Stage { get; set; }
    /// <summary>首台(套).</summary>
    public bool FirstOfItsKind { get; set; }
    public RecognitionLevel? RecognitionLevel { get; set; }
    public DateOnly? RecognizedOn { get; set; }
    public string? Description { get; set; }

    int? IScopedResource.OwnerDistrictId => Enterprise?.DistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => Enterprise?.CreditCode;
}

public enum ScenarioKind { Need, Capability, Demonstration }                     // 需求 / 能力 / 示范
public enum ScenarioStage { EarlyValidation, IntegrationTrial, Promotion }       // 早期验证 → 融合试验 → 综合推广
public enum ScenarioStatus { Collecting, Published, Matching, Building, Operating, Terminated } // 征集 发布 对接中 建设中 运营中 终止

/// <summary>应用场景.</summary>
public sealed class Scenario : RegistryRecord, IScopedResource
{
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    public string Owner { get; set; } = "";
    public int DistrictId { get; set; }
    public District District { get; set; } = null!;
    public ScenarioKind Kind { get; set; }
    public ScenarioStage Stage { get; set; }
    public ScenarioStatus Status { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public string? Description { get; set; }

    int? IScopedResource.OwnerDistrictId => DistrictId;
}

public enum ParkStatus { Planned, UnderConstruction, Completed }                 // 规划 → 在建 → 建成

/// <summary>未来产业先导园区.</summary>
public sealed class PilotPark : RegistryRecord, IScopedResource
{
    public int DistrictId { get; set; }
    public District District { get; set; } = null!;
    /// <summary>Track codes, separated by '|'.</summary>
    public string TrackCodes { get; set; } = "";
    public ParkStatus Status { get; set; }
    /// <summary>面积, 平方公里.</summary>
    public decimal? Area { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public RecognitionLevel? ApprovalLevel { get; set; }

    int? IScopedResource.OwnerDistrictId => DistrictId;
}

public enum PlatformKind
{
    IndustryInnovationCentre, ManufacturingInnovationCentre, TechnologyInnovationCentre, EngineeringResearchCentre,
    KeyLaboratory, NewResearchInstitute, ProofOfConceptCentre, PilotPlatform, Incubator
}

/// <summary>创新平台.</summary>
public sealed class InnovationPlatform : RegistryRecord, IScopedResource
{
    public PlatformKind Kind { get; set; }
    public RecognitionLevel Level { get; set; }
    public string Host { get; set; } = "";
    public int? DistrictId { get; set; }
    public District? District { get; set; }
    public string TrackCodes { get; set; } = "";
    public DateOnly? ApprovedOn { get; set; }

    int? IScopedResource.OwnerDistrictId => DistrictId;
}

public enum ProjectStatus { Planned, UnderConstruction, Completed, Suspended }   // 储备 在建 竣工 停缓建

/// <summary>重点项目. Investments in 万元.</summary>
public sealed class KeyProject : RegistryRecord, IScopedResource
{
    public int? EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    public int DistrictId { get; set; }
    public District District { get; set; } = null!;
    public decimal? TotalInvestment { get; set; }
    public decimal? CompletedInvestment { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public ProjectStatus Status { get; set; }
    /// <summary>年度计划投资 and 年度完成投资, one row a year.</summary>
    public List<ProjectInvestment> Investments { get; set; } = [];

    int? IScopedResource.OwnerDistrictId => DistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => Enterprise?.CreditCode;
}

/// <summary>
/// A project's investment in one year, 万元: planned (年度计划投资) and completed (年度完成投资). Either may be unknown. Completed
/// above planned is allowed (a year's plan is often exceeded: the ratio then shows more than 100 %); negatives are refused.
/// </summary>
[ChangeStamped(ChangeStamp.Registries)]
public sealed class ProjectInvestment
{
    public int ProjectId { get; set; }
    public int Year { get; set; }
    public decimal? Planned { get; set; }
    public decimal? Completed { get; set; }

    /// <summary>完成率 in percent, one decimal; null when the plan or the completed amount is unknown, or the plan is 0.</summary>
    public static decimal? CompletionPercent(decimal? planned, decimal? completed) =>
        planned is > 0 && completed is { } c ? Math.Round(c * 100m / planned.Value, 1, MidpointRounding.AwayFromZero) : null;
}
