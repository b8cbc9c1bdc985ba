using System.Text;
using Fip.Web.Features.Chains;

namespace Fip.UnitTests.Features.Chains;

public class ChainSeedFileTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<ChainSeedNode>> Yangzhou = ChainSeedFile.ForPlan("yangzhou-2024")!;

    private static IEnumerable<ChainSeedNode> All(IEnumerable<ChainSeedNode> nodes) =>
        nodes.SelectMany(n => (IEnumerable<ChainSeedNode>)[n, .. All(n.Children ?? [])]);

    [Fact]
    public void ShippedFile_CoversEveryTrackOfThePlan_TheSixExploratoryDirectionsToo()
    {
        // A track without an entry silently has no chain: all 13 (3 重点培育, 4 延伸发展, 6 前瞻探索) must be there.
        var tracks = Fip.Web.Features.Plans.PlanSeeder
            .BuildDefault().Tracks
            .Select(t => t.Code)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(13, tracks.Count);
        Assert.Equal(tracks, Yangzhou.Keys.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("third-gen-semi", "碳化硅衬底", "功率器件")]
    [InlineData("future-network", "光通信器件", "工业互联网")]
    [InlineData("advanced-computing", "人工智能芯片", "大模型")]
    [InlineData("synthetic-biology", "菌种与底盘细胞", "生物基材料")]
    [InlineData("advanced-nuclear", "核燃料", "反应堆设备")]
    [InlineData("humanoid-robot", "减速器", "人形机器人整机")]
    public void ExploratoryTrack_HasAChainFromUpstreamToDownstream(string code, string upstreamLink, string laterLink)
    {
        var all = All(Yangzhou[code]).ToList();
        Assert.Contains(all, n => n.Name == upstreamLink && n.Position == ChainPosition.Upstream);
        Assert.Contains(all, n => n.Name == laterLink && n.Position != ChainPosition.Upstream);
        Assert.Contains(Yangzhou[code], n => n.Position == ChainPosition.Downstream);
        Assert.True(all.Count(n => n.Children is not { Count: > 0 }) >= 8, $"{code}: too few links to map");
    }

    [Fact]
    public void LowAltitudeChain_HasEveryPartThePlanEnumerates()
    {
        // 《指导意见》: 有人机、无人机、eVTOL … 发动机、螺旋桨、飞控系统、航电系统、主控芯片、精密元器件、核心传感器/连接器、电机、电池、机载系统、机载设备; 材料链, 配套链; 低空保障, 低空飞行及综合服务.
        var names = All(Yangzhou["low-altitude"]).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        string[] expected = ["有人机", "无人机", "eVTOL", "发动机", "螺旋桨", "飞控系统", "航电系统", "主控芯片", "精密元器件", "核心传感器/连接器", "电机", "电池", "机载系统", "机载设备",
            "材料链", "配套链", "低空保障", "低空飞行及综合服务"];
        Assert.All(expected, e => Assert.Contains(e, names));
        Assert.Equal([ChainPosition.Upstream, ChainPosition.Midstream, ChainPosition.Downstream],
            Yangzhou["low-altitude"].Select(n => n.Position).Distinct().Order());
    }

    [Fact]
    public void EveryTrack_HasNoDuplicateNamesUnderOneParent_AndEveryLeafHasTerms()
    {
        foreach (var (code, roots) in Yangzhou)
        {
            void Check(IReadOnlyList<ChainSeedNode> siblings)
            {
                Assert.True(siblings.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() == siblings.Count, code);
                foreach (var s in siblings)
                {
                    Assert.InRange(s.Name.Length, 1, ChainCommands.MaxName);
                    Assert.False(string.IsNullOrWhiteSpace(s.En), $"{code}/{s.Name} has no English name");
                    if (s.Children is { Count: > 0 } c) Check(c);
                    else Assert.True(s.Terms.Count > 0, $"{code}/{s.Name} has no terms");
                }
            }
            Check(roots);
        }
    }

    [Fact]
    public void Read_AnotherCitysFile_GivesItsOwnTree()
    {
        const string json =
            """{ "tracks": { "humanoid-robot": [ { "name": "核心零部件", "en": "Core parts", "position": "Upstream", "terms": [],""" +
            """ "children": [ { "name": "减速器", "en": "Reducers", "position": "Upstream", "terms": ["谐波减速器", "RV减速器"] } ] } ] } }""";
        var file = ChainSeedFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var root = Assert.Single(file["humanoid-robot"]);
        Assert.Equal("减速器", Assert.Single(root.Children!).Name);
        Assert.Null(ChainSeedFile.ForPlan("no-such-plan"));
    }
}
