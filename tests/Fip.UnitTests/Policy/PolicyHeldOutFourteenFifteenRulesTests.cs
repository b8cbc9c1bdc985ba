using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// General rules written on branch parser16 from the kinds of error held-out-14 and -15 showed (issue 17): a responsibility
/// label written as a sentence (责任单位均为…) introduces its units as a colon does; after a labelled list, a sentence of a note
/// without a label is a remark, not units; a division level with its levels in a bracket (各市〔州〕) shares the next unit's head.
/// Each table holds counter-cases; the sentences are written for the rule, not copied from the corpus.
/// </summary>
public class PolicyHeldOutFourteenFifteenRulesTests
{
    [Theory]
    // A label, a copula (为, 均为) and unit names: the units, in Simplified or Traditional script.
    [InlineData("1.地区生产总值增长15%；\n2.财政收入增长10%；\n2项目标的责任单位均为市发展改革委。", "市发展改革委")]
    [InlineData("1.规模以上工业销售收入达到300亿元；\n该目标责任单位为市经委、市财政局。", "市经委|市财政局")]
    [InlineData("1.社會消費品零售總額增長16%；\n該目標責任單位為市商務局。", "市商務局")]
    // A copula after the label that is not followed by unit names, or no label at all: no unit.
    [InlineData("明确责任单位为主体，压实各方责任。", "")]
    [InlineData("1.财政收入增长10%；\n该目标由市里统筹安排。", "")]
    public void Departments_ALabelWrittenAsASentenceIntroducesItsUnits(string body, string expected) =>
        Assert.Equal(Split(expected), RulesBody(body).Departments);

    [Theory]
    // After a labelled list, a sentence of the note without a label is a remark on it, not a list of units.
    [InlineData("开展算力对接。(责任单位:省大数据局、省工业和信息化厅。除专门列出外,以下任务均涉及省通信管理局,不再重复)",
        "省大数据局|省工业和信息化厅")]
    // A remark's part that reads as unit names still adds them; a note with no label reads its parts as before.
    [InlineData("开展算力对接。(责任单位:省大数据局。省通信管理局)", "省大数据局|省通信管理局")]
    [InlineData("开展算力对接。(省大数据局、省通信管理局负责)", "省大数据局|省通信管理局")]
    public void Departments_ARemarkAfterALabelledListIsNoUnit(string body, string expected) =>
        Assert.Equal(Split(expected), RulesBody(body).Departments);

    [Theory]
    // A division level with the levels it stands for in a bracket (各市〔州〕, 各县(市、区)) shares the next unit's head.
    [InlineData("开展算力对接。(责任单位:省大数据局,各市〔州〕、贵安新区数据管理部门)", "省大数据局|各市〔州〕、贵安新区数据管理部门")]
    [InlineData("开展算力对接。(责任单位:各县(市、区)、开发区管委会)", "各县(市、区)、开发区管委会")]
    // Items that are names of their own stay apart.
    [InlineData("开展算力对接。(责任单位:省大数据局、贵安新区数据管理部门)", "省大数据局|贵安新区数据管理部门")]
    public void Departments_ALevelWithItsLevelsInABracketSharesTheNextHead(string body, string expected) =>
        Assert.Equal(Split(expected), RulesBody(body).Departments);

    [Theory]
    // A title about two industries joined by 及 or 与, each a name of its own, is about each.
    [InlineData("某市关于促进绿色算力及人工智能产业高质量发展的若干意见", "绿色算力|人工智能产业")]
    [InlineData("某市促进脑机接口与人机交互产业创新发展的实施方案", "脑机接口|人机交互产业")]
    // Conjuncts that open with the same two characters are one sector seen twice; a short dependent stays with its head.
    [InlineData("某市推动智能装备及智能制造产业高质量发展的实施方案", "智能装备及智能制造产业")]
    [InlineData("某省加快卫星及应用产业发展行动计划", "卫星及应用产业")]
    public void Industries_ATitleAboutTwoIndustriesJoinedByJiIsAboutEach(string title, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesOnly.Parse(title + "\n\n工作有序推进。\n")));

    [Theory]
    // The industry that empowers a field is a title's subject even with no development tail after the field.
    [InlineData("某省人工智能赋能新型工业化三年行动方案", "人工智能")]
    [InlineData("某市人工智能赋能经济数字化转型三年行动方案", "人工智能")]
    // A title without the verb, or with nothing before it, gives no subject from this rule.
    [InlineData("某省新型工业化三年行动方案", "")]
    public void Industries_AnIndustryThatEmpowersIsTheSubjectWithoutATail(string title, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesOnly.Parse(title + "\n\n工作有序推进。\n")));

    [Theory]
    // An area named without a division whose own words open with 国家 is a national designation: the list names no place.
    [InlineData("到2027年，国家人工智能创新应用先导区、国家人工智能创新发展试验区基本建成。", "")]
    // Named areas of the layout without such an opening are places.
    [InlineData("依托云溪小镇、临港科技城，建设未来产业集聚区。", "云溪小镇|临港科技城")]
    public void Places_ANationalDesignationIsNoPlace(string body, string expected) =>
        Assert.Equal(Split(expected), DistinctPlaces(RulesBody(body)));
}
