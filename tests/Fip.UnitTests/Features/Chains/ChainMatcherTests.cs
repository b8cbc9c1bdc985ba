using Fip.Web.Features.Chains;

namespace Fip.UnitTests.Features.Chains;

public class ChainMatcherTests
{
    /// <summary>The shipped Yangzhou chains as the matcher sees them: leaf links numbered in file order, tracks by code.</summary>
    internal static (ChainMatcher Matcher, Dictionary<string, int> Ids, Dictionary<string, int> Tracks) Yangzhou()
    {
        var file = ChainSeedFile.ForPlan("yangzhou-2024")!;
        var links = new List<MatcherLink>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var tracks = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 1;
        foreach (var (code, roots) in file)
        {
            var trackId = tracks[code] = tracks.Count + 1;
            void Walk(ChainSeedNode n)
            {
                if (n.Children is { Count: > 0 } children) { foreach (var c in children) Walk(c); return; }
                var id = next++;
                ids.TryAdd($"{code}/{n.Name}", id);
                links.Add(new MatcherLink(id, trackId, n.Name, n.Terms));
            }
            foreach (var r in roots) Walk(r);
        }
        return (new ChainMatcher(links), ids, tracks);
    }

    private static readonly (ChainMatcher Matcher, Dictionary<string, int> Ids, Dictionary<string, int> Tracks) Shared = Yangzhou();

    [Fact]
    public void Segment_DomainWordsStayWhole()
    {
        var words = Shared.Matcher.Segment("无人驾驶航空器的研发、生产；飞行控制系统的技术开发");
        Assert.Contains("无人驾驶航空器", words);
        Assert.Contains("飞行控制系统", words);
        Assert.DoesNotContain("；", words);
    }

    [Fact]
    public void Match_DroneAndFlightControlScope_ProposesDroneAndFlightControlLinks()
    {
        var matches = Shared.Matcher.Match("无人驾驶航空器的研发、生产；飞行控制系统的技术开发", null);
        var ids = matches.Select(m => m.LinkId).ToList();
        Assert.Contains(Shared.Ids["low-altitude/无人机"], ids);
        Assert.Contains(Shared.Ids["low-altitude/飞控系统"], ids);
        var drone = matches.Single(m => m.LinkId == Shared.Ids["low-altitude/无人机"]);
        Assert.Contains("无人驾驶航空器", drone.Words);
        Assert.InRange(drone.Confidence, 0.35, 1.0);
    }

    [Fact]
    public void Match_RealScopeWithBoilerplate_IgnoresGeneralClauses()
    {
        // A typical 经营范围 of a fuel-cell company: the general clauses must not propose anything.
        const string scope = "一般项目：燃料电池电堆及膜电极的研发、生产、销售；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；货物进出口；技术进出口（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）";
        var matches = Shared.Matcher.Match(scope, null);
        Assert.NotEmpty(matches);
        Assert.All(matches,
            m =>
                Assert.Contains(m.LinkId,
                    new[] { Shared.Ids["hydrogen/电堆"], Shared.Ids["hydrogen/核心材料"], Shared.Ids["hydrogen/系统与关键部件"] }));
        Assert.Equal(Shared.Ids["hydrogen/电堆"], matches[0].LinkId);
    }

    [Fact]
    public void Match_OnlyBoilerplate_ProposesNothing()
    {
        Assert.Empty(Shared.Matcher.Match("技术服务、技术开发、技术咨询；软件开发；信息系统集成服务；货物进出口；会议及展览服务", null));
        Assert.Empty(Shared.Matcher.Match(null, null));
    }

    [Fact]
    public void Match_ProductNames_CountWithTheScope()
    {
        var matches = Shared.Matcher.Match("电子产品销售", ["YZ-200型碳排放在线监测系统"]);
        Assert.Equal(Shared.Ids["zero-carbon/碳监测"], Assert.Single(matches).LinkId);
    }

    [Fact]
    public void Match_LinkOfAnotherTrack_CountsLess()
    {
        const string scope = "固态电池的研发、生产";
        var own = Shared.Matcher.Match(scope, null, new HashSet<int> { Shared.Tracks["pv-storage"] })[0];
        var other = Shared.Matcher
            .Match(scope, null, new HashSet<int> { Shared.Tracks["low-altitude"] })
            .FirstOrDefault(m => m.LinkId == own.LinkId);
        Assert.Equal(Shared.Ids["pv-storage/固态电池"], own.LinkId);
        Assert.True(other is null || other.Confidence < own.Confidence);
    }

    [Fact]
    public void Match_RareWordOutweighsCommonOne()
    {
        // 脑机接口 names one link only; the metaverse scope also says 虚拟现实 (one link) — both proposed, each explained.
        var matches = Shared.Matcher.Match("脑机接口技术研发；虚拟现实设备制造", null);
        Assert.Contains(matches, m => m.LinkId == Shared.Ids["metaverse/脑机接口"] && m.Words.Contains("脑机接口"));
        Assert.Contains(matches, m => m.LinkId == Shared.Ids["metaverse/VR设备"]);
    }
}
