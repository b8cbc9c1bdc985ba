using Fip.UnitTests.Features.Chains;
using Fip.Web.Demo;

namespace Fip.UnitTests.Demo;

/// <summary>
/// The demo confirms an enterprise on a link only for what the enterprise is: its main business (the leading items of its
/// business scope) within its own tracks. A carbon firm with a 无人机 side line is not a drone maker.
/// </summary>
public class ChainDemoLinksTests
{
    private static readonly (Fip.Web.Features.Chains.ChainMatcher Matcher, Dictionary<string, int> Ids, Dictionary<string, int> Tracks)
        Yangzhou = ChainMatcherTests.Yangzhou();

    [Theory]
    // The case of the issue: 卓越碳中和科技, registered for zero-carbon and low-altitude, its scope's third item a drone line.
    [InlineData("一般项目：碳捕集装置的研发、生产；碳排放监测系统的技术开发；无人机的研发、生产、销售；软件开发",
        "zero-carbon,low-altitude", "zero-carbon/工业烟气碳捕集")]
    // A real drone firm is confirmed as one.
    [InlineData("一般项目：无人机的研发、生产、销售；工业无人机的技术服务；货物进出口", "low-altitude", "low-altitude/无人机")]
    // The drone item matches, but only as a side line after two general items: no confirmation.
    [InlineData("一般项目：软件开发；信息系统集成服务；无人机的研发、生产", "low-altitude", null)]
    // Its main business matches a link of a track it is not registered for: no confirmation.
    [InlineData("一般项目：无人机的研发、生产；飞控系统的设计", "zero-carbon", null)]
    // No track at all, or no scope: no confirmation.
    [InlineData("一般项目：无人机的研发、生产；飞控系统的设计", "", null)]
    [InlineData("", "low-altitude", null)]
    public void BestMainLink_IsWhatTheEnterpriseMainlyDoes(string scope, string trackCodes, string? expected)
    {
        var tracks = trackCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Yangzhou.Tracks[c]).ToList();
        var best = ChainDemoLinks.BestMainLink(Yangzhou.Matcher, scope, tracks);
        if (expected is null) Assert.Null(best);
        else Assert.Equal(Yangzhou.Ids[expected], Assert.IsType<Fip.Web.Features.Chains.LinkMatch>(best).LinkId);
    }

    [Theory]
    [InlineData("一般项目：甲的研发；乙的生产；丙；丁", "甲的研发；乙的生产")]
    [InlineData("许可项目：甲。一般项目：乙；丙", "甲；乙")]
    [InlineData("甲", "甲")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void MainBusiness_IsTheLeadingItemsWithoutHeadings(string? scope, string expected) =>
        Assert.Equal(expected, ChainDemoLinks.MainBusiness(scope));
}
