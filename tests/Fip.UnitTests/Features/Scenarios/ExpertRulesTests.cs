using Fip.Web.Features.Scenarios;

namespace Fip.UnitTests.Features.Scenarios;

/// <summary>Which experts the pool's filter lists: by track, by field (whole field names), by words of the name; deactivated
/// experts only when asked.</summary>
public class ExpertRulesTests
{
    private static ExpertRow Row(string name, string fields, string tracks, bool active = true) =>
        new(new ScenarioExpert
        {
            Name = name,
            Fields = fields,
            Tracks = tracks,
            DeactivatedAt = active ? null : new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        }, [], 0);

    [Theory]
    [InlineData(null, null, null, false, true)]        // no filter: every active expert
    [InlineData(3, null, null, false, true)]           // one of the expert's tracks
    [InlineData(7, null, null, false, true)]
    [InlineData(4, null, null, false, false)]          // a track the expert does not judge
    [InlineData(1, null, null, false, false)]          // track 1 is not a prefix match of 13
    [InlineData(null, "人工智能", null, false, true)]
    [InlineData(null, " 人工智能 ", null, false, true)] // blanks around a chosen field
    [InlineData(null, "人工", null, false, false)]      // a field is chosen whole, not by part
    [InlineData(null, null, "张", false, true)]         // words of the name
    [InlineData(null, null, "教授", false, true)]
    [InlineData(null, null, "李", false, false)]
    [InlineData(3, "低空经济", "张", false, true)]       // all conditions together
    [InlineData(3, "低空经济", "李", false, false)]
    public void TheFilter_ListsActiveExpertsByTrackFieldAndName(int? track, string? field, string? q, bool all, bool listed) =>
        Assert.Equal(listed, ExpertRules.Matches(Row("张教授", "低空经济|人工智能", "3|7|13"), new ExpertFilter(track, field, q, all)));

    [Theory]
    [InlineData(false, false)] // a deactivated expert is left out of the list
    [InlineData(true, true)]   // and shown when asked for all
    public void DeactivatedExperts_AreListedOnlyWhenAskedFor(bool all, bool listed) =>
        Assert.Equal(listed, ExpertRules.Matches(Row("王研究员", "智能装备", "", active: false), new ExpertFilter(All: all)));

    [Theory]
    [InlineData("无人机、人工智能", new[] { "无人机", "人工智能" })]
    [InlineData("无人机，人工智能,遥感", new[] { "无人机", "人工智能", "遥感" })]
    [InlineData("无人机\n 遥感 \n\n", new[] { "无人机", "遥感" })]
    [InlineData("", new string[0])]
    public void AListTypedInOneBox_IsSplitAtLinesAndCommas(string text, string[] items) =>
        Assert.Equal(items, ListText.Split(text));
}
