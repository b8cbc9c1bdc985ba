using Fip.Web.Data;
using Fip.Web.Data.Saving;

namespace Fip.Web.Features.Plans;

/// <summary>A place in the policy text that a plan item came from: character offset, length and the exact words.</summary>
public sealed class SourceQuote
{
    public int Start { get; set; }
    public int Length { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>政策文件: the source policy text, kept verbatim, with its issuer and issuing number.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class PolicyDocument
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string? Issuer { get; set; }
    /// <summary>Issuing number such as 苏政发〔2023〕104号, where the document carries one.</summary>
    public string? DocumentNumber { get; set; }
    public int? Year { get; set; }
    public string FileName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime ImportedAt { get; set; }
}

/// <summary>规划: what a policy document becomes once decomposed — tracks, targets, programmes, layout.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class Plan
{
    public int Id { get; set; }
    /// <summary>Stable key of the seed or import the plan came from (e.g. yangzhou-2024).</summary>
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string CityName { get; set; } = "";
    public string? CityDivisionCode { get; set; }
    public bool IsCurrent { get; set; }
    public int PolicyDocumentId { get; set; }
    public PolicyDocument PolicyDocument { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
    public List<TrackTier> Tiers { get; set; } = [];
    public List<Track> Tracks { get; set; } = [];
    public List<Target> Targets { get; set; } = [];
    public List<Programme> Programmes { get; set; } = [];
}

/// <summary>A tier of tracks as the document groups them (重点培育, 延伸发展, 前瞻探索 in Yangzhou; other cities differ).</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class TrackTier
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
    public SourceQuote Source { get; set; } = new();
    public List<Track> Tracks { get; set; } = [];
}

/// <summary>产业方向/赛道: an industry the plan names as a direction.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class Track
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int TierId { get; set; }
    public TrackTier Tier { get; set; } = null!;
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
    public SourceQuote Source { get; set; } = new();
    /// <summary>The sentence that says what the track covers, when the document has one apart from its heading.</summary>
    public SourceQuote? Summary { get; set; }
    /// <summary>The 重点布局 bracket listing the focus districts, where the document gives one.</summary>
    public SourceQuote? FocusSource { get; set; }
    public List<TrackFocusDistrict> FocusDistricts { get; set; } = [];
}

/// <summary>重点布局: a district the plan names as a focus location of a track.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class TrackFocusDistrict
{
    public int TrackId { get; set; }
    public int DistrictId { get; set; }
    public Organisation.District District { get; set; } = null!;
    public int SortOrder { get; set; }
}

/// <summary>How a target's value is compared: 以上/不少于 (≥), 以内/不超过 (≤), 左右/约 (≈) or exactly.</summary>
public enum Comparator
{
    AtLeast,
    AtMost,
    About,
    Equal,
}

/// <summary>目标指标: a goal the plan sets for a year, with the words it came from. Value is null for 一批-style goals.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class Target
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int? Year { get; set; }
    public string Indicator { get; set; } = "";
    public string? IndicatorEn { get; set; }
    public Comparator? Comparator { get; set; }
    public decimal? Value { get; set; }
    public string Unit { get; set; } = "";
    public int SortOrder { get; set; }
    public SourceQuote Source { get; set; } = new();
    /// <summary>How the target is measured (an indicator of the goals); set by the plan's overlay or by an admin.</summary>
    public int? IndicatorId { get; set; }
}

public enum ProgrammeKind
{
    /// <summary>重点工程</summary>
    Programme,
    /// <summary>保障措施</summary>
    Measure,
}

/// <summary>重点工程 or 保障措施: a block of work the plan gives to a list of units.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class Programme
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public ProgrammeKind Kind { get; set; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string? TitleEn { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Whether the districts (县市区政府、功能区管委会) must carry it out as well, as the document says.</summary>
    public bool DistrictsCarryOut { get; set; }
    public SourceQuote Source { get; set; } = new();
    /// <summary>The body text from the heading to the responsibility bracket.</summary>
    public string Body { get; set; } = "";
    public SourceQuote? UnitsSource { get; set; }
    public List<ProgrammeUnit> Units { get; set; } = [];
}

public enum AssignmentRole
{
    /// <summary>牵头</summary>
    Lead,
    /// <summary>配合 / 按职责分工负责</summary>
    Co,
}

/// <summary>A unit named in a programme's responsibility bracket, as lead or co-responsible.</summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class ProgrammeUnit
{
    public int ProgrammeId { get; set; }
    public int DepartmentId { get; set; }
    public Organisation.Department Department { get; set; } = null!;
    public AssignmentRole Role { get; set; }
    public int SortOrder { get; set; }
}
