using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;

namespace Fip.Web.Features.Alerts;

/// <summary>红 red: act now; 黄 yellow: at risk; 蓝 blue: for information.</summary>
public enum AlertSeverity
{
    Red,
    Yellow,
    Blue,
}

/// <summary>open → acknowledged (by the owner) → resolved (with a note).</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>
/// 预警: raised by a rule (a goal turns 关注/滞后, a target year is near and unmet, an indicator drops, a task is late),
/// owned by a department or a district, and followed until resolved.
/// </summary>
[ChangeStamped(ChangeStamp.Goals)]
public sealed class Alert : IScopedResource
{
    public long Id { get; set; }
    /// <summary>The rule that raised it, e.g. goal-status, goal-deadline, indicator-drop.</summary>
    public string Rule { get; set; } = "";
    /// <summary>At most one unresolved alert exists per key, so re-evaluating a rule never duplicates it.</summary>
    public string DedupKey { get; set; } = "";
    public AlertSeverity Severity { get; set; }
    public AlertStatus Status { get; set; }
    public string Title { get; set; } = "";
    public string? TitleEn { get; set; }
    public string Message { get; set; } = "";
    public string? MessageEn { get; set; }
    /// <summary>Where the user goes to act on it (a goal, a task).</summary>
    public string? Link { get; set; }
    public int? OwnerDepartmentId { get; set; }
    public Organisation.Department? OwnerDepartment { get; set; }
    public int? OwnerDistrictId { get; set; }
    public Organisation.District? OwnerDistrict { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? ResolutionNote { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDepartmentId => OwnerDepartmentId;
    int? IScopedResource.OwnerDistrictId => OwnerDistrictId;
}

public enum RobotKind
{
    DingTalk,
    WeCom,
}

/// <summary>A DingTalk or WeCom group robot that receives alerts. The base URL is configurable for 政务 editions.</summary>
public sealed class RobotChannel
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public RobotKind Kind { get; set; }
    public string BaseUrl { get; set; } = "";
    /// <summary>DingTalk access_token or WeCom key.</summary>
    public string Token { get; set; } = "";
    /// <summary>DingTalk signing secret (SEC…); not used by WeCom.</summary>
    public string? Secret { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Lowest severity sent: Red sends only red alerts, Blue sends all.</summary>
    public AlertSeverity MinimumSeverity { get; set; } = AlertSeverity.Yellow;
    public string Version { get; set; } = RecordVersions.New();
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>One alert to send to one robot: kept until sent, retried with back-off, and marked failed (and logged) after the last
/// try.</summary>
public sealed class AlertDelivery : IUnaudited
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public Alert Alert { get; set; } = null!;
    public int ChannelId { get; set; }
    public RobotChannel Channel { get; set; } = null!;
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The dispatcher run sending it now (a node's claim, see <see cref="AlertDispatcher"/>); null when nobody is.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>Until when the claim holds: a node that dies while sending leaves the message to another after this.</summary>
    public DateTime? ClaimedUntil { get; set; }
}
