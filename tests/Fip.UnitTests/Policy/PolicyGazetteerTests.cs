using Fip.Policy;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Places from the bundled national gazetteer (GB/T 2260, issue 17 item 3) and industries from the grammar of direction
/// lists, as tables of sentences the way other cities write them.
/// </summary>
public class PolicyGazetteerTests
{
    private static PolicyDraft Parse(string body) => PolicyParser.ParseText("标题\n\n一、总体要求\n" + body + "\n");

    [Theory]
    [InlineData("邗江区", "321003", "county")]
    [InlineData("邗江", "321003", "county")]
    [InlineData("广州", "440100", "prefecture")]
    [InlineData("广州市", "440100", "prefecture")]
    [InlineData("内蒙古", "150000", "province")]
    [InlineData("延边朝鲜族自治州", "222400", "prefecture")]
    [InlineData("石家庄高新技术产业开发区", "130171", "county")]
    public void Gazetteer_FindsDivisionsInFullAndShortForm(string name, string code, string level)
    {
        var e = PolicyVocabulary.Default.Gazetteer.Find(name);
        Assert.NotNull(e);
        Assert.Equal(code, e.Code);
        Assert.Equal(level, e.Level);
    }

    [Theory]
    // One character left after the suffix is no short form (城区 → 城), and words that are no division stay unknown.
    [InlineData("城")]
    [InlineData("低空经济")]
    [InlineData("各区")]
    public void Gazetteer_DoesNotFind(string name) => Assert.Null(PolicyVocabulary.Default.Gazetteer.Find(name));

    [Fact]
    public void Gazetteer_HoldsEveryCountyLevelUnit()
    {
        // 31 provinces, 333 prefecture-level units, 2,978 county-level units and development zones (2023 codes).
        Assert.True(PolicyVocabulary.Default.Gazetteer.Count > 3200, $"only {PolicyVocabulary.Default.Gazetteer.Count} names");
        Assert.Equal("广州市", PolicyVocabulary.Default.CanonicalPlace("广州"));
        Assert.Equal("扬州经济技术开发区", PolicyVocabulary.Default.CanonicalPlace("扬州经开区"));
    }

    [Theory]
    // A list of divisions that a measure supports is a focus layout; the first is read back from its verb.
    [InlineData("支持邗江区、江都区、仪征市建设低空经济示范区。", "邗江区|江都区|仪征市")]
    // Short forms, closed by 等 and a class word.
    [InlineData("在延庆、平谷、密云、房山等有条件的区推动常态化低空物流配送应用。", "延庆|平谷|密云|房山")]
    [InlineData("支持广州、深圳、珠海等市建设低空经济产业园。", "广州|深圳|珠海")]
    // Area names that open with a division name, beside a county.
    [InlineData("以成都高新区、成都经开区、双流区为辐射区，重点发展航空装备。", "成都高新区|成都经开区|双流区")]
    // A single area name right after a layout word.
    [InlineData("依托苏州工业园区建设未来产业先导区。", "苏州工业园区")]
    // The example: the issuing city with 地区 after a verb is no place.
    [InlineData("赋予广州地区更多省级管理权限。", "")]
    // A division named alone is the issuing area, not a focus layout.
    [InlineData("广州市将低空经济作为重点产业加快培育。", "")]
    [InlineData("各市、县人民政府要加强组织领导。", "")]
    // The addressees of a notice are organs written to, not places (a line ending in ：).
    [InlineData("各市（含定州、辛集市）人民政府，省政府各部门：", "")]
    [InlineData("苏州工业园区、苏州高新区、太仓港口工委和管委会：", "")]
    // Lists of fields are not places.
    [InlineData("围绕物流配送、空中交通、旅游消费等领域打造示范应用场景。", "")]
    // Region phrases as objects stay places.
    [InlineData("发挥东部地区产业优势。", "东部地区")]
    // Traditional script: read through the Simplified copy, given back as written.
    [InlineData("支持廣州、深圳、珠海等市建設低空經濟產業園。", "廣州|深圳|珠海")]
    public void Places_FromTheGazetteer_AreFocusLayoutsOnly(string sentence, string expected) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Parse(sentence).Places.Select(p => p.Name));

    [Theory]
    // 重点发展 … 等未来产业: the items, not the class word.
    [InlineData("重点发展前沿新材料、光子芯片与光器件、元宇宙、氢能等未来产业。", "前沿新材料|光子芯片与光器件|元宇宙|氢能")]
    // 前瞻布局 … 等前沿领域.
    [InlineData("前瞻布局量子信息、脑机接口、第六代移动通信等前沿领域。", "量子信息|脑机接口|第六代移动通信")]
    // 聚焦 … a comma-closed list.
    [InlineData("聚焦低空经济、人形机器人、元宇宙，加快培育新质生产力。", "低空经济|人形机器人|元宇宙")]
    // The example: a notice sentence is no track.
    [InlineData("现将《泰州市未来产业培育三年行动方案》印发给你们，请认真贯彻落实。", "")]
    public void Industries_FromDirectionLists(string sentence, string expected) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Parse(sentence).Tracks.Select(t => t.Name));

    [Fact]
    public void Industries_NumberedTrackHeadingsUnderADirectionSection()
    {
        var d = PolicyParser.ParseText(
            "标题\n\n三、重点发展方向\n（一）低空经济。发展无人机整机制造。\n（二）人形机器人。突破关键部件。\n四、保障措施\n（一）加强组织领导。\n");
        Assert.Equal(["低空经济", "人形机器人"], d.Tracks.Select(t => t.Name));
    }
}
