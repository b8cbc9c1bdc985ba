using Fip.UnitTests.Features.Chains;
using Fip.Web.Features.Scenarios;

namespace Fip.UnitTests.Features.Scenarios;

public class ScenarioIndexTests
{
    private static readonly Fip.Web.Features.Chains.ChainMatcher Matcher = ChainMatcherTests.Yangzhou().Matcher;

    private static IndexedPost Capability(int id, string title, string text, string? products = null, string? references = null,
        int? track = null, int? link = null, int? district = null) =>
        new(id, PostKind.Capability, track, link, district, title, text, products, references);

    private static readonly IndexedPost[] Capabilities =
    [
        Capability(1, "物流无人机配送方案", "提供物流无人机和地面站飞行软件，支持医疗样本配送", "YZ-200物流无人机", "邗江区医疗样本无人机配送试点",
            track: 1, link: 10, district: 5),
        Capability(2, "无人机巡检", "无人机自动机场和图像识别，电网巡检", "自动机场", "电网巡检项目", track: 1, link: 11),
        Capability(3, "烟气碳捕集装备", "吸收剂、压缩与换热装备，捕集率90%以上", "胺基吸收剂", "电厂碳捕集示范", track: 2, link: 20),
        Capability(4, "AR导览", "AR眼镜导览、三维建模", "AR导览系统", null, track: 3),
        Capability(5, "物流仓储软件", "仓储管理软件，物流配送调度", null, null, track: 4),
    ];

    private static readonly ScenarioIndex Index = ScenarioIndex.Build(Capabilities, Matcher.SegmentForSearch, Matcher.Segment);

    private static IndexedPost Need(string text, int? track = null, int? link = null, int? district = null) =>
        new(100, PostKind.Need, track, link, district, "需求", text, null, null);

    public static TheoryData<string, IndexedPost, int> Best => new()
    {
        { "drone delivery of medical samples", Need("城区无人机物流配送医疗样本"), 1 },
        { "carbon capture pilot", Need("化工园区烟气二氧化碳捕集中试，需要吸收剂"), 3 },
        { "AR guide for a scenic spot", Need("景区AR导览和三维建模"), 4 },
        { "inspection of the river bank by drone", Need("长江岸线无人机巡检，图像识别"), 2 },
    };

    [Theory]
    [InlineData(10, null, null, 1)]   // the same text: the same chain link decides
    [InlineData(null, 4, null, 2)]    // … or the same track
    [InlineData(null, null, 7, 3)]    // … or, last, the same district
    [InlineData(10, 4, null, 1)]      // the chain link weighs more than the track
    public void Rank_BreaksTiesOfTextByStructure(int? link, int? track, int? district, int expected)
    {
        var twins = ScenarioIndex.Build(
        [
            Capability(1, "仓储物流", "物流配送调度系统", link: 10, track: 1),
            Capability(2, "仓储物流", "物流配送调度系统", track: 4),
            Capability(3, "仓储物流", "物流配送调度系统", district: 7),
        ], Matcher.SegmentForSearch, Matcher.Segment);
        Assert.Equal(expected, twins.Rank(Need("物流配送", track, link, district), PostKind.Capability).First().Id);
    }

    [Theory]
    [InlineData(true, 1)]   // the need cut in precise mode: the capability that covers more of its words comes first
    [InlineData(false, 2)]  // cut in search mode too, the one compound counts eight times and wins (the flaw this guards)
    public void Rank_ACompoundCountsAsOneWord_NotAsAllItsParts(bool preciseQuery, int expected)
    {
        // Capability 2 repeats one compound of the need; capability 1 covers three of its other words. Each word is in 5 of 40.
        var posts = Enumerable.Range(1, 40).Select(i => i switch
        {
            1 => Capability(i, "冷链", "冷链监测与碳纤维箱体"),
            2 => Capability(i, "大模型", "工业机器人大模型"),
            <= 6 => Capability(i, "其他", $"冷链监测与碳纤维，第{i}期"),
            <= 10 => Capability(i, "其他", $"工业机器人大模型，第{i}期"),
            _ => Capability(i, "仓储软件", $"物流仓储管理和配送调度，第{i}期"),
        }).ToArray();
        var index = preciseQuery
            ? ScenarioIndex.Build(posts, Matcher.SegmentForSearch, Matcher.Segment)
            : ScenarioIndex.Build(posts, Matcher.SegmentForSearch);
        var ranked = index.Rank(Need("寻求工业机器人大模型，冷链监测，碳纤维"), PostKind.Capability);
        Assert.Equal(expected, ranked[0].Id);
    }

    [Theory, MemberData(nameof(Best))]
    public void Rank_PutsTheRelevantCapabilityFirst(string _, IndexedPost need, int expected) =>
        Assert.Equal(expected, Index.Rank(need, PostKind.Capability).First().Id);

    [Fact]
    public void Rank_ExplainsEachMatch()
    {
        var top = Index.Rank(Need("城区无人机物流配送医疗样本", track: 1, link: 10, district: 5), PostKind.Capability).First();
        Assert.Equal(1, top.Id);
        Assert.Contains("无人机", top.Reasons.SharedTerms);
        Assert.True(top.Reasons.SameTrack);
        Assert.True(top.Reasons.SameChainLink);
        Assert.True(top.Reasons.SameDistrict);
        Assert.Contains(top.Reasons.ProductTerms, t => t.Contains("无人机", StringComparison.Ordinal));
        Assert.Contains("医疗", top.Reasons.PastScenarioTerms);
    }

    [Fact]
    public void Rank_StructureAloneIsNoMatch_AndScoresFallWithRank()
    {
        Assert.Empty(Index.Rank(Need("完全无关的内容：财务审计年报", track: 1, link: 10), PostKind.Capability));
        var ranked = Index.Rank(Need("无人机物流配送"), PostKind.Capability);
        Assert.True(ranked.Count >= 2);
        Assert.Equal(ranked.OrderByDescending(r => r.Score).Select(r => r.Id), ranked.Select(r => r.Id));
    }

    [Fact]
    public void Rank_ForAKindWithNothingIndexed_IsEmpty() => Assert.Empty(Index.Rank(Capabilities[0], PostKind.Need));

    [Theory]
    [InlineData("无人机", new[] { 1, 2 })]
    [InlineData("碳捕集", new[] { 3 })]
    [InlineData("", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("区块链", new int[0])]
    public void Search_FindsByChineseWords(string q, int[] expected) =>
        Assert.Equal(expected.Order(), Index.Search(PostKind.Capability, q).Order());
}
