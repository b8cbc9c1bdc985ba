using Fip.Web.Features.Tolerance;

namespace Fip.UnitTests.Features.Tolerance;

/// <summary>When a 容错 decision may be made: a finding on each condition, 免责 only with all four met, no leniency with personal
/// gain.</summary>
public class ToleranceRulesTests
{
    private static Dictionary<ToleranceCondition, bool?> Found(bool? uncertainty, bool? duties, bool? procedures, bool? noGain) => new()
    {
        [ToleranceCondition.Uncertainty] = uncertainty,
        [ToleranceCondition.DutiesPerformed] = duties,
        [ToleranceCondition.ProceduresFollowed] = procedures,
        [ToleranceCondition.NoPersonalGain] = noGain,
    };

    [Theory]
    [InlineData(true, true, true, true, ToleranceDecision.Exempt, null)]
    [InlineData(true, true, false, true, ToleranceDecision.Exempt, "Tolerance.Error.ExemptNeedsAll")] // one not met
    [InlineData(true, true, null, true, ToleranceDecision.Exempt, "Tolerance.Error.FindingMissing")] // one not found on
    [InlineData(true, true, null, true, ToleranceDecision.NotExempt, "Tolerance.Error.FindingMissing")] // even to refuse
    [InlineData(true, true, false, true, ToleranceDecision.Reduced, null)] // procedures flawed: reduced is open
    [InlineData(false, false, false, true, ToleranceDecision.Reduced, null)]
    [InlineData(true, true, true, true, ToleranceDecision.Reduced, null)] // all met, reviewers may still only reduce
    [InlineData(true, true, true, false, ToleranceDecision.Reduced, "Tolerance.Error.PersonalGain")] // personal gain: no leniency
    [InlineData(true, true, true, false, ToleranceDecision.Exempt, "Tolerance.Error.ExemptNeedsAll")]
    [InlineData(true, true, true, false, ToleranceDecision.NotExempt, null)]
    [InlineData(true, true, true, true, ToleranceDecision.Pending, "Tolerance.Error.Decision")]
    public void DecisionRefusal(bool? uncertainty, bool? duties, bool? procedures, bool? noGain, ToleranceDecision decision,
        string? expected) =>
        Assert.Equal(expected, ToleranceRules.DecisionRefusal(Found(uncertainty, duties, procedures, noGain), decision, "理由"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void DecisionRefusal_NeedsReasons(string? reasons) =>
        Assert.Equal("Tolerance.Error.Reasons",
            ToleranceRules.DecisionRefusal(Found(true, true, true, true), ToleranceDecision.Exempt, reasons));

    [Fact]
    public void DecisionRefusal_AConditionMissingFromTheCaseIsAMissingFinding()
    {
        var found = Found(true, true, true, true);
        found.Remove(ToleranceCondition.DutiesPerformed);
        Assert.Equal("Tolerance.Error.FindingMissing", ToleranceRules.DecisionRefusal(found, ToleranceDecision.NotExempt, "理由"));
    }

    [Theory]
    [InlineData("rev-a, rev-b", "rev-b", true)]
    [InlineData("rev-a，REV-B", "rev-b", true)] // Chinese comma, any case
    [InlineData("rev-a\nrev-b", "rev-c", false)]
    [InlineData("", "rev-a", false)]
    [InlineData("rev-ab", "rev-a", false)] // a whole user name, not a part
    public void IsInvolved_ByUserName(string involved, string user, bool expected)
    {
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, user)], "test"));
        Assert.Equal(expected, ToleranceRules.IsInvolved(new ToleranceCase { InvolvedReviewers = involved }, principal));
    }
}
