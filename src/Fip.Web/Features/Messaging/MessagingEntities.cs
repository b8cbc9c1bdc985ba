using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;

namespace Fip.Web.Features.Messaging;

/// <summary>What happened, for the message's badge and filter.</summary>
public enum MessageKind
{
    ReportReturned,
    ReportApproved,
    AlertRaised,
    TaskAssigned,
    TaskChanged,
    DeadlineNear,
    Urged,
    Instructed,
    InstructionReplied,
    PolicyEligible,
}

/// <summary>
/// 站内消息: one event that concerns one user (a report returned, an alert raised, a 催办 received …), written in the same save as
/// the event, so a change that rolls back leaves no message. (event, user) is unique: notifying twice changes nothing. Kept
/// <see cref="Messenger.KeepDays"/> days. Not audited row by row: the event it tells of is.
/// </summary>
public sealed class Message : IScopedResource, IUnaudited
{
    public long Id { get; set; }
    /// <summary>The event, e.g. report:12:returned:3 (the report's event id); with the user, unique.</summary>
    public string EventKey { get; set; } = "";
    public string UserId { get; set; } = "";
    public MessageKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? TitleEn { get; set; }
    public string Body { get; set; } = "";
    public string? BodyEn { get; set; }
    /// <summary>Where the user acts on it.</summary>
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    string? IScopedResource.OwnerUserId => UserId;
}
