using Fip.Web.Features.Accounts;
using Fip.Web.Features.Scenarios;

namespace Fip.UnitTests.Features.Scenarios;

public class ScenarioRulesTests
{
    private static PostInput Need() => new("need", "城市低空物流配送航线验证", "市交通运输局", "开通无人机物流航线", null, null, 1, 300m,
        "2026年内", "具备运营资质", null, "张三", "13800000000");

    private static PostInput Capability() => Need() with
    {
        Kind = "capability",
        Requirements = "YZ-200物流无人机",
        Timeline = null,
        DistrictId = null,
        Budget = null
    };

    public static TheoryData<string, PostInput, PostKind, string?> Inputs => new()
    {
        { "complete need", Need(), PostKind.Need, null },
        { "complete capability (no district, timeline or budget needed)", Capability(), PostKind.Capability, null },
        { "no title", Need() with { Title = "  " }, PostKind.Need, "title" },
        { "title of 201 characters", Need() with { Title = new string('场', 201) }, PostKind.Need, "title" },
        { "title of 200 characters", Need() with { Title = new string('场', 200) }, PostKind.Need, null },
        { "no organisation", Need() with { Organisation = null }, PostKind.Need, "organisation" },
        { "nothing sought", Need() with { Summary = "" }, PostKind.Need, "summary" },
        { "a need without its district", Need() with { DistrictId = null }, PostKind.Need, "districtId" },
        { "a need without a timeline", Need() with { Timeline = null }, PostKind.Need, "timeline" },
        { "a capability without products", Capability() with { Requirements = null }, PostKind.Capability, "requirements" },
        { "a need may leave requirements empty", Need() with { Requirements = null }, PostKind.Need, null },
        { "no contact name", Need() with { ContactName = null }, PostKind.Need, "contactName" },
        { "no contact phone", Need() with { ContactPhone = null }, PostKind.Need, "contactPhone" },
        { "phone of 10 digits", Need() with { ContactPhone = "1380000000" }, PostKind.Need, "contactPhone" },
        { "mobile starting 12", Need() with { ContactPhone = "12800000000" }, PostKind.Need, "contactPhone" },
        { "landline with area code", Need() with { ContactPhone = "0514-87654321" }, PostKind.Need, null },
        { "landline with extension", Need() with { ContactPhone = "0514-87654321-808" }, PostKind.Need, null },
        { "negative budget", Need() with { Budget = -1 }, PostKind.Need, "budget" },
        { "zero budget (in kind)", Need() with { Budget = 0 }, PostKind.Need, null },
        { "no budget stated", Need() with { Budget = null }, PostKind.Need, null },
    };

    [Theory, MemberData(nameof(Inputs))]
    public void Validate_RefusesWhatIsMissingOrWrong(string _, PostInput input, PostKind kind, string? field)
    {
        var errors = ScenarioRules.Validate(input, kind);
        if (field is null) Assert.Empty(errors);
        else Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("submit", PostState.Draft, PostState.Review, false)]
    [InlineData("withdraw", PostState.Review, PostState.Draft, false)]
    [InlineData("publish", PostState.Review, PostState.Published, true)]
    [InlineData("return", PostState.Review, PostState.Draft, true)]
    [InlineData("close", PostState.Published, PostState.Closed, false)]
    public void Transitions_SayWhoMovesWhich(string action, PostState from, PostState to, bool adminOnly)
    {
        var t = ScenarioRules.Find(action, from);
        Assert.NotNull(t);
        Assert.Equal(to, t.To);
        Assert.Equal(adminOnly, t.AdminOnly);
    }

    [Theory]
    [InlineData("publish", PostState.Draft)]      // a draft is reviewed before it is published
    [InlineData("submit", PostState.Published)]
    [InlineData("close", PostState.Draft)]        // a draft is withdrawn, not closed
    [InlineData("close", PostState.Closed)]
    [InlineData("publish", PostState.Closed)]     // nothing leaves 已关闭
    [InlineData("reopen", PostState.Closed)]
    [InlineData(null, PostState.Draft)]
    public void Transitions_RefuseMovesThatAreNotThere(string? action, PostState from) => Assert.Null(ScenarioRules.Find(action, from));

    [Theory]
    [InlineData(Roles.Department, PostKind.Need, true)]
    [InlineData(Roles.District, PostKind.Need, true)]
    [InlineData(Roles.Enterprise, PostKind.Need, true)]
    [InlineData(Roles.Admin, PostKind.Need, true)]
    [InlineData(Roles.Leader, PostKind.Need, false)]
    [InlineData(Roles.Enterprise, PostKind.Capability, true)]
    [InlineData(Roles.District, PostKind.Capability, true)]
    [InlineData(Roles.Department, PostKind.Capability, false)]
    [InlineData(Roles.Leader, PostKind.Capability, false)]
    public void MayPost_FollowsWhoPostsWhat(string role, PostKind kind, bool expected) =>
        Assert.Equal(expected, ScenarioRules.MayPost(role, kind));

    [Theory]
    [InlineData(true, null, null)]                                   // accepting needs no word
    [InlineData(true, "尽快对接", null)]
    [InlineData(false, null, "Scenarios.Error.DeclineReason")]       // declining says why
    [InlineData(false, "", "Scenarios.Error.DeclineReason")]
    [InlineData(false, "   ", "Scenarios.Error.DeclineReason")]      // blanks are no reason
    [InlineData(false, "产能已满", null)]
    [InlineData(false, 500, null)]                                   // 500 characters: the limit
    [InlineData(false, 501, "Scenarios.Error.TooLong")]
    [InlineData(true, 501, "Scenarios.Error.TooLong")]
    public void Answer_DecliningNeedsItsReason(bool accept, object? note, string? error) =>
        Assert.Equal(error, ScenarioRules.AnswerNoteError(accept, note is int n ? new string('因', n) : (string?)note));
}
