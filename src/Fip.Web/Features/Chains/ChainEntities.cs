using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Chains;

/// <summary>Where a link sits in its chain: 上游 (materials, parts), 中游 (making the product), 下游 (use and services).</summary>
public enum ChainPosition
{
    Upstream,
    Midstream,
    Downstream,
}

/// <summary>
/// 产业链环节: one link of a track's chain. Links form a tree per track (a segment such as 核心部件 with its links
/// 发动机, 飞控系统 …). Terms are the words a business scope or product name uses for the link, beside its name.
/// </summary>
[ChangeStamped(ChangeStamp.Registries)]
public sealed class ChainLink
{
    public int Id { get; set; }
    public int TrackId { get; set; }
    public Track Track { get; set; } = null!;
    public int? ParentId { get; set; }
    public ChainLink? Parent { get; set; }
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public ChainPosition Position { get; set; }
    /// <summary>Synonyms and typical words, separated by '|' (e.g. 飞行控制系统|飞控|自驾仪).</summary>
    public string Terms { get; set; } = "";
    public int SortOrder { get; set; }
    /// <summary>Set when the link was merged into another: it keeps its history but leaves the tree.</summary>
    public int? MergedIntoId { get; set; }
    public List<ChainLink> Children { get; set; } = [];

    public IEnumerable<string> TermList() => Terms.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>How an enterprise came onto a link.</summary>
public enum ChainLinkSource
{
    /// <summary>Someone linked it by hand.</summary>
    Manual,
    /// <summary>A suggestion was accepted.</summary>
    Suggestion,
    /// <summary>Generated with the demo data (演示数据).</summary>
    Demo,
}

/// <summary>An enterprise working on a chain link (local enterprise of the link).</summary>
[ChangeStamped(ChangeStamp.Registries)]
public sealed class EnterpriseChainLink : IEnterpriseFact
{
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public int ChainLinkId { get; set; }
    public ChainLink ChainLink { get; set; } = null!;
    public ChainLinkSource Source { get; set; }
    public DateTime LinkedAt { get; set; }
}

public enum SuggestionState
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>
/// A proposed enterprise → link, computed from the enterprise's business scope and product names. A rejected one stays
/// (state Rejected) so that the same pair is never proposed again.
/// </summary>
public sealed class ChainSuggestion
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public int ChainLinkId { get; set; }
    public ChainLink ChainLink { get; set; } = null!;
    /// <summary>0–1.</summary>
    public double Confidence { get; set; }
    /// <summary>The words that matched, separated by '、': the explanation shown to the reviewer.</summary>
    public string MatchedWords { get; set; } = "";
    public SuggestionState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}
