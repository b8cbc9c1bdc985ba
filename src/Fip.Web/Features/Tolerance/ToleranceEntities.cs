using Fip.Web.Data.Saving;

namespace Fip.Web.Features.Tolerance;

/// <summary>免责 (exempted), 减责 (liability reduced), 不予免责 (not exempted); pending until decided.</summary>
public enum ToleranceDecision
{
    Pending,
    Exempt,
    Reduced,
    NotExempt,
}

/// <summary>The four conditions of the 容错机制 (工程七).</summary>
public enum ToleranceCondition
{
    /// <summary>The failure came from uncertainty or unpredictable factors.</summary>
    Uncertainty,
    /// <summary>The people concerned performed their duties diligently.</summary>
    DutiesPerformed,
    /// <summary>They followed the prescribed decision and implementation procedures.</summary>
    ProceduresFollowed,
    /// <summary>They sought no illegal personal gain.</summary>
    NoPersonalGain,
}

/// <summary>
/// A 容错 case: a municipal SOE, university or institute whose original research, investment or commercialisation failed to reach its
/// expected result. Confidential: only the 容错 reviewers and the task force (<see cref="Accounts.Policies.Tolerance"/>) read it, and
/// every read is written to the audit log.
/// </summary>
public sealed class ToleranceCase
{
    public long Id { get; set; }
    public string Unit { get; set; } = "";
    /// <summary>The people concerned (names and posts): never published.</summary>
    public string People { get; set; } = "";
    public string Project { get; set; } = "";
    public string Expected { get; set; } = "";
    public string Actual { get; set; } = "";
    /// <summary>The loss, 万元.</summary>
    public decimal? Loss { get; set; }
    public DateOnly AppliedOn { get; set; }
    /// <summary>User names of the reviewers involved in the case (they may not find or decide on it), one a line.</summary>
    public string InvolvedReviewers { get; set; } = "";
    public ToleranceDecision Decision { get; set; }
    public string? DecisionReasons { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    /// <summary>Published (anonymised) on the public portal once decided; the unit named only when <see cref="PublishUnit"/>.</summary>
    public bool Publish { get; set; }
    public bool PublishUnit { get; set; }
    /// <summary>What the public reads: the case in words without the names of people.</summary>
    public string? PublicSummary { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public bool IsDemo { get; set; }
    public string Version { get; set; } = RecordVersions.New();
    public List<ToleranceFinding> Findings { get; set; } = [];
    public List<ToleranceEvent> Events { get; set; } = [];

    public IEnumerable<string> Involved => InvolvedReviewers.Split(['\n', ',', '，', ' '],
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One condition of a case: its evidence and the reviewers' finding (met or not, with a note).</summary>
public sealed class ToleranceFinding
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public ToleranceCondition Condition { get; set; }
    public string Evidence { get; set; } = "";
    public bool? Met { get; set; }
    public string? Note { get; set; }
    public DateTime? FoundAt { get; set; }
    public string? FoundBy { get; set; }
}

public enum ToleranceEventKind
{
    Applied,
    Evidence,
    Finding,
    Decided,
}

/// <summary>A step of the case's timeline, from application to decision.</summary>
public sealed class ToleranceEvent
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public ToleranceEventKind Kind { get; set; }
    public string? Note { get; set; }
}
