using Fip.Web.Data.Saving;

namespace Fip.Web.Features.Goals;

/// <summary>The last two visits of a user to the home page, for "what changed since your last visit".</summary>
public sealed class HomeVisit : IUnaudited
{
    public string UserId { get; set; } = "";
    public DateTime LastAt { get; set; }
    public DateTime? PreviousAt { get; set; }
}
