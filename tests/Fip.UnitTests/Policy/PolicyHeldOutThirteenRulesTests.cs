using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// General rules written on branch parser15 from the kinds of error held-out-13 showed (issue 17): a year or a five-year period
/// that ended before the document's own frames a review of what was achieved; a clause of 分别 gives its figures to the members
/// of the subject before it; a goal label holds across a line broken inside a word; a share located in or coming from a place is
/// a goal; a dash after a standard section's name opens its first item; the blocks of a regional layout and a division given a
/// city role are places; a class of settlements is no industry, an industry that empowers another field is a title's subject,
/// verbs that cluster or focus industries open lists, a quoted formula count closes one, and a generation qualifier and 产业 are
/// dropped together when names are compared. Each table holds counter-cases; the sentences are written for the rule, not copied
/// from the corpus.
/// </summary>
public class PolicyHeldOutThirteenRulesTests
{
    [Theory]
    // A five-year period that ended before the plan's own (its title's “十四五”) frames a review: what follows was achieved.
    [InlineData("某区“十四五”科技创新规划",
        "“十四五”时期是全区发展的关键时期。\n“十三五”期间，全区研发经费支出占比提高至3.98%，为全市平均水平的2倍。", "")]
    [InlineData("某县国民经济和社会发展第十四个五年规划纲要",
        "“十三五”以来，全县经济持续增长。全县地区生产总值从2015年末的57亿元增长到2020年的79亿元，年均增长率达到6.7%。", "")]
    // An untitled plan dated by its opening sentence: the review holds to the next heading, across its lines.
    [InlineData("",
        "根据《某省国民经济和社会发展第十四个五年规划纲要》，制定本规划。\n第一章 规划背景\n第一节 发展成效\n“十三五”期间，全省稳步发展。\n"
        + "截至2020年，龙头企业3639家。\n全省建设4个国家级现代农业产业园。\n第二节 发展目标\n到2025年，龙头企业达到4000家。",
        "2025:4000")]
    // The plan's own period, a plan of the earlier period, and a goal year after the plan's start stay goals.
    [InlineData("某区“十四五”科技创新规划", "“十四五”期间，全区研发经费支出占比提高至4%。", ":4")]
    [InlineData("某市“十三五”科技发展规划", "到2020年，全市研发经费支出占比提高至3%。", "2020:3")]
    [InlineData("某县国民经济和社会发展第十四个五年规划纲要", "到2025年，地区生产总值达到100亿元。", "2025:100")]
    public void Targets_AYearOrPeriodBeforeTheDocumentsOwnFramesAReview(string title, string body, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesOnly.Parse(title + "\n\n" + body + "\n")));

    [Theory]
    // 分别 with no subject of its own gives its figures, in order, to the members of the subject of the clause before it.
    [InlineData("到2027年，全区高新技术企业和科技型企业在2022年的基础上实现倍增，分别超过90家和870家。", "全区高新技术企业|科技型企业")]
    [InlineData("到2027年，省级园区、市级园区实现倍增，分别达到20个、50个。", "省级园区|市级园区")]
    // A subject inside the clause of 分别 is read as before; as many figures as members, or no distribution.
    [InlineData("到2027年，茶叶、蚕桑综合产值分别达100亿元、50亿元。", "茶叶、蚕桑综合产值|茶叶、蚕桑综合产值")]
    [InlineData("到2027年，全区企业实现倍增，分别超过90家和870家。", "分别|分别")]
    public void Targets_AClauseOfFenbieGivesItsFiguresToTheMembersBeforeIt(string body, string expected) =>
        Assert.Equal(Split(expected), Indicators(RulesBody(body)));

    [Theory]
    // A line broken inside a word continues its sentence: the goal label before the break labels the figures after it.
    [InlineData("未来五年的主要目标是：地区生产总值年均增长12%以上；一般公\n共预算收入年均增长10%以上；居民收入年均增长9%以上。",
        ":12|:10|:9")]
    // A line that ends at a stop, or the next line a heading, ends the label.
    [InlineData("未来五年的主要目标是：地区生产总值年均增长12%以上。\n共预算收入年均增长10%以上。", ":12")]
    [InlineData("未来五年的主要目标是：地区生产总值年均增长12%以上；一般公\n一、预算收入年均增长10%以上。", ":12")]
    public void Targets_AGoalLabelHoldsAcrossALineBrokenInsideAWord(string body, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesBody(body)));

    [Theory]
    // A share joined by 的 to a noun that is located in or comes from somewhere (设立在, 集中在, 来源于) is a goal counting it.
    [InlineData("到2023年，90%以上的研发机构设立在企业、90%以上的研发人员集中在企业。", "研发机构设立在企业|研发人员集中在企业")]
    [InlineData("到2023年，80%以上的发明专利来源于企业。", "发明专利来源于企业")]
    // A share that qualifies something else (50%的标准) or a noun no such verb follows is no goal.
    [InlineData("到2023年，按不低于50%的标准给予补助。", "")]
    [InlineData("到2023年，90%以上的研发机构。", "")]
    public void Targets_AShareLocatedInOrComingFromIsAGoal(string body, string expected) =>
        Assert.Equal(Split(expected), Indicators(RulesBody(body)));

    [Theory]
    // A dash after a standard section's name opens the first item of its list, run into the heading's line.
    [InlineData("一、总体要求\n(二)基本原则——明确定位、差异发展。立足比较优势，推动协同发展。", "1:总体要求|2:基本原则")]
    [InlineData("一、總體要求\n(二)基本原則——明確定位、差異發展。立足比較優勢。", "1:总体要求|2:基本原则")]
    // A heading line that ends at its stop keeps its dash; a name that is no standard section's keeps it too.
    [InlineData("一、总体要求\n(二)基本原则——明确定位、差异发展。", "1:总体要求|2:基本原则——明确定位、差异发展")]
    [InlineData("一、总体要求\n(二)协调联动——整体提升。加强规划对接。", "1:总体要求|2:协调联动——整体提升")]
    public void Sections_ADashAfterAStandardSectionNameOpensItsFirstItem(string body, string expected) =>
        Assert.Equal(Split(expected), Headings(RulesBody(body)));

    [Theory]
    // After a verb that develops, a 、-list of regional blocks (经济区, 经济圈, 经济带) names each block as a place, as written.
    [InlineData("大力发展环成都经济圈、川南经济区、川东北经济区、攀西经济区，培育壮大区域中心城市。",
        "环成都经济圈|川南经济区|川东北经济区|攀西经济区")]
    [InlineData("大力發展環成都經濟圈、川南經濟區、攀西經濟區，培育壯大區域中心城市。", "環成都經濟圈|川南經濟區|攀西經濟區")]
    // One block alone, a list with an item of another kind, or a list without a verb that develops, names none.
    [InlineData("加快建设环成都经济圈，推动协同发展。", "")]
    [InlineData("大力发展临空经济区、跨境电商，推动协同发展。", "")]
    [InlineData("川南经济区、攀西经济区增速较快，推动协同发展。", "")]
    public void Places_TheBlocksOfARegionalLayout(string body, string expected) =>
        Assert.Equal(Split(expected), DistinctPlaces(RulesBody(body)));

    [Theory]
    // A division right before a city role, after a verb that develops, is the layout's main city.
    [InlineData("做强成都国家中心城市，推动协同发展。", "成都")]
    [InlineData("做強成都國家中心城市，推動協同發展。", "成都")]
    // A role without a division, or a division and role without the verb, names none.
    [InlineData("培育壮大区域中心城市，推动协同发展。", "")]
    [InlineData("成都国家中心城市地位提升，推动协同发展。", "")]
    public void Places_ADivisionGivenACityRole(string body, string expected) =>
        Assert.Equal(Split(expected), DistinctPlaces(RulesBody(body)));

    [Theory]
    // A class of settlements develops as places do: the rules' name check (every proposal passes it) refuses it.
    [InlineData("促进专业镇高质量发展。", "专业镇", "")]
    [InlineData("促進專業鎮高質量發展。", "专业镇", "")]
    // An industry, or firms a settlement class qualifies, pass.
    [InlineData("促进乡镇企业高质量发展。", "乡镇企业", "乡镇企业")]
    [InlineData("促进生物医药产业高质量发展。", "生物医药产业", "生物医药产业")]
    public void Industries_ASettlementClassIsNoIndustry(string body, string name, string expected)
    {
        var text = "标题\n\n" + body + "\n";
        var context = Fip.Policy.Text.ParseContext.Create(text, PolicyVocabulary.Default, new System.Text.RegularExpressions.Regex("(?!)"));
        Assert.Equal(expected, Fip.Policy.Text.TrackReader.Vet(context, name, text.IndexOf(name, StringComparison.Ordinal))?.Name ?? "");
    }

    [Theory]
    // A title whose industry empowers another field is about the industry.
    [InlineData("某区人工智能赋能经济数字化转型三年行动方案", "人工智能")]
    // A title with no such verb keeps its subject; in body text 赋能 is an action (see the counter-case below).
    [InlineData("某区人工智能产业高质量发展三年行动方案", "人工智能产业")]
    public void Industries_AnIndustryThatEmpowersIsTheTitlesSubject(string title, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesOnly.Parse(title + "\n\n加强组织领导。\n")));

    [Fact]
    public void Industries_AnIndustryThatEmpowersInBodyTextIsNoDirection() =>
        Assert.Empty(Tracks(RulesBody("坚定不移推动人工智能赋能先进制造，加强组织领导。")));

    [Theory]
    // Verbs that cluster industries (聚集发展, 集聚发展) and 培育 open a list closed by 等 and a class word.
    [InlineData("聚集发展新一代信息技术、生物医药、智能家电、集成电路等战略性主导产业，培育空天信息、量子信息等未来产业。",
        "新一代信息技术|生物医药|智能家电|集成电路|空天信息|量子信息")]
    // 重点支持 and a quoted formula count with its qualifier before the class word close a list as 三大 does.
    [InlineData("重点支持新一代信息技术、医疗医药、高端装备制造和现代服务业“3+1”主导产业，推动要素集聚。",
        "新一代信息技术|医疗医药|高端装备制造|现代服务业")]
    // 培育 is weak: a count whose class word runs on (一个产业联盟), or no class word, gives no list.
    [InlineData("培育一批优质企业、培养一批创新人才、组建一个产业联盟，推动要素集聚。", "")]
    [InlineData("培育市场主体、创新平台，推动要素集聚。", "")]
    [InlineData("重点支持新一代信息技术、医疗医药发展，推动要素集聚。", "")]
    public void Industries_ListsAfterVerbsThatClusterOrFocus(string body, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(body)));

    [Theory]
    // 新一代人工智能产业 and 人工智能 are one industry: the first spelling found stands.
    [InlineData("重点发展人工智能、生物医药等未来产业。促进新一代人工智能产业高质量发展。", "人工智能|生物医药")]
    // Another industry with 产业 is another track.
    [InlineData("重点发展人工智能、生物医药等未来产业。促进智能网联汽车产业高质量发展。", "人工智能|生物医药|智能网联汽车产业")]
    public void Industries_AGenerationQualifierAndChanyeAreDroppedTogether(string body, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(body)));
}
