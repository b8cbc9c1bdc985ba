using Fip.Web.Features.Investment;

namespace Fip.UnitTests.Features.Investment;

/// <summary>The lead registry's rules as officials would argue them: which stage moves are allowed, and when a lead is stale.</summary>
public class LeadRulesTests
{
    [Theory]
    [InlineData(LeadStage.Contact, LeadStage.Negotiation, null, false, null)]            // the next stage
    [InlineData(LeadStage.Contact, LeadStage.Signed, null, false, null)]                 // a contract signed at a fair skips 洽谈
    [InlineData(LeadStage.Negotiation, LeadStage.Negotiation, null, false, "Leads.Error.SameStage")]
    [InlineData(LeadStage.Signed, LeadStage.Negotiation, null, false, "Leads.Error.BackNeedsReason")]
    [InlineData(LeadStage.Signed, LeadStage.Negotiation, "  ", false, "Leads.Error.BackNeedsReason")] // blanks are no reason
    [InlineData(LeadStage.Signed, LeadStage.Contact, "项目搁置", false, null)]
    [InlineData(LeadStage.Signed, LeadStage.Landed, null, false, "Leads.Error.LandedNeedsEnterprise")] // no local record yet
    [InlineData(LeadStage.Signed, LeadStage.Landed, null, true, null)]
    [InlineData(LeadStage.Contact, LeadStage.Landed, null, true, null)]                  // an enterprise that moved in at once
    [InlineData(LeadStage.Landed, LeadStage.Signed, null, true, "Leads.Error.BackNeedsReason")] // un-landing needs a reason
    [InlineData(LeadStage.Landed, LeadStage.Signed, "登记有误", true, null)]
    public void MoveRefusal_FollowsTheStageRules(LeadStage from, LeadStage to, string? reason, bool landedRecord, string? refusal) =>
        Assert.Equal(refusal, LeadRules.MoveRefusal(from, to, reason, landedRecord));

    [Theory]
    [InlineData(LeadStage.Contact, 60, false)]       // exactly 60 days: not yet
    [InlineData(LeadStage.Contact, 61, true)]
    [InlineData(LeadStage.Negotiation, 365, true)]
    [InlineData(LeadStage.Signed, 61, true)]         // a signed lead still needs following up until it lands
    [InlineData(LeadStage.Landed, 400, false)]       // a landed lead is done
    [InlineData(LeadStage.Contact, 0, false)]
    [InlineData(LeadStage.Contact, -3, false)]       // a contact dated ahead (today's clock in another zone)
    public void IsStale_AfterSixtyDaysWithoutContact_UntilLanded(LeadStage stage, int daysSince, bool stale)
    {
        var today = new DateOnly(2026, 12, 6);
        Assert.Equal(stale, LeadRules.IsStale(stage, today.AddDays(-daysSince), today));
    }
}
