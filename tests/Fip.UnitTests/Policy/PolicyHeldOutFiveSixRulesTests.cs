using System.Globalization;
using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Rules written on branch parser8 from the kinds of error held-out-5 and held-out-6 showed (issue 17): frames that name
/// directions (a counted list after 面向, classes named by their members, roles written without 为, modifiers sharing a
/// head), fields a class serves, the subject of an untitled page, which 《…》 an untitled page is, figures achieved, sub-goals
/// in brackets, a later goal year, pace clauses sharing a subject. Each table holds at least as many negative cases as
/// positive ones; the sentences are written for the rule, not copied from the corpus.
/// </summary>
public class PolicyHeldOutFiveSixRulesTests
{
    [Theory]
    // A list opened by 面向 and closed by a count of its items and a class names the items, not the class.
    [InlineData("面向量子科技、原子级制造、清洁氢3个未来产业,布局一批创新任务。", "量子科技|原子级制造|清洁氢")]
    [InlineData("面向人工智能、生物制造两大未来产业,部署攻关任务。", "人工智能|生物制造")]
    // A count that does not match, or a class of actors, names none.
    [InlineData("面向量子科技、原子级制造、清洁氢2个未来产业,布局一批创新任务。", "")]
    [InlineData("面向中小企业、科研院所两类主体,提供公共服务。", "")]
    public void Industries_CountedListAfterMianxiang(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // The fields a class serves (等应用领域, 等下游领域) are no directions of the document.
    [InlineData("本市先进材料重点围绕集成电路、生物医药、高端装备等应用领域布局发展。", "")]
    [InlineData("聚焦汽车、家电、电子等下游领域,开发配套材料。", "")]
    // The same list closed by a plain class word still names directions.
    [InlineData("重点围绕集成电路、生物医药、高端装备等领域布局发展。", "集成电路|生物医药|高端装备")]
    public void Industries_FieldsAClassServes(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(sentence)));

    [Theory]
    // A series of classes of one head, each named by what it is 为重点 of, names the classes, not the members.
    [InlineData("大力发展以白银材料、铜基材料为重点的先进有色金属材料;以特殊钢、高端装备用钢为重点的先进钢铁材料;以煤化工材料为重点的先进化工材料。",
        "先进有色金属材料|先进钢铁材料|先进化工材料")]
    // One class alone, classes of actions, or a class cut by the end of the text name none.
    [InlineData("大力发展以白银材料、铜基材料为重点的先进有色金属材料。", "")]
    [InlineData("开展以企业为重点的专项行动;以园区为重点的整治行动。", "")]
    [InlineData("健全以中小企业为重点的服务体系;以园区为重点的服务平台。", "")]
    public void Industries_ClassesNamedByTheirMembers(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // Roles written without 为 in a series opened by 以; modifiers of one length share the last item's head.
    [InlineData("打造以人形机器人创新引领,工业、服务、特种机器人支撑发展,五大应用领域的创新发展体系。",
        "人形机器人|工业机器人|服务机器人|特种机器人")]
    [InlineData("构建以整机创新引领,固定翼、多旋翼无人机支撑发展的产业体系。", "固定翼无人机|多旋翼无人机")]
    // Fields, processes, people or means in the role, mixed heads, or a role with no 以 series before it name none.
    [InlineData("坚持以科技创新引领发展,人才支撑发展。", "")]
    [InlineData("坚持以改革创新引领,开放合作支撑发展。", "")]
    [InlineData("构建以电子信息创新引领,汽车、智能装备支撑发展的格局。", "")]
    [InlineData("工业、服务、特种机器人支撑发展,应用不断拓展。", "")]
    public void Industries_RolesWithoutWeiAndSharedHeads(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // An untitled page: of the terms its opening paragraph defines, the one named most often; else the industry it keeps
    // naming (three times or more).
    [InlineData("材料工业是国民经济的基础产业。新材料是重要的战略性新兴产业。先进材料是本市重点产业之一,先进材料企业集聚。", "先进材料")]
    [InlineData("鼓励企业增资扩产,支持低空经济企业技术改造,强化低空经济企业支持,推进低空经济基础设施建设。", "低空经济")]
    [InlineData("到2025年,氢能产业规模达到100亿元,建设氢能产业园区,形成氢能产业体系。", "氢能产业")]
    // Named twice only, the economy at large, or a page whose definitions name no industry: none.
    [InlineData("鼓励企业增资扩产,支持低空经济企业技术改造,强化低空经济企业支持。", "")]
    [InlineData("深化实体经济与数字技术融合,壮大实体经济,做强实体经济。", "")]
    [InlineData("算力是数字经济时代的新型生产力。算力是重要的基础设施。", "")]
    public void Industries_SubjectOfAnUntitledPage(string text, string expected) =>
        Assert.Equal(Split(expected), Tracks(PolicyParser.ParseText(text + "\n")));

    [Theory]
    // A plan's five-year period and a quoted programme are no part of its subject; 5G is a name.
    [InlineData("某区“十四五”数字经济发展专项规划\n\n加快发展。", "数字经济")]
    [InlineData("5G应用“扬帆”行动计划（2021-2023年）\n\n加快发展。", "5G")]
    // What develops is firms: no industry.
    [InlineData("关于促进中小企业高质量发展的实施意见\n\n加快发展。", "")]
    [InlineData("关于促进中小企业“专精特新”发展的实施意见\n\n加快发展。", "")]
    [InlineData("关于加快低空经济发展培育链主企业的意见\n\n加快发展。", "低空经济")]
    // An untitled page is the 《…》 it issues or transmits, not one it only cites.
    [InlineData("各区人民政府:\n《某市智能网联汽车产业发展规划》已经市政府同意,现印发给你们,请认真实施。", "智能网联汽车产业")]
    [InlineData("依据《新材料产业发展指南》,制定本方案。", "")]
    public void Industries_TitleSubjects(string text, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesOnly.Parse(text + "\n")));

    [Theory]
    // A sentence reporting change on a past year states figures achieved; its period does not carry on.
    [InlineData("2020年本市新材料产值2663亿元,同比增长10.8%,“十三五”期间年均增长6.2%。", "")]
    [InlineData("2020年本市新材料产值2663亿元,同比增长10.8%,“十三五”期间年均增长6.2%。集聚企业100家以上。", "")]
    [InlineData("2023年产业规模500亿元,比上年增长12%。", "")]
    // A goal year in the sentence keeps its figures goals; a year with no report of change still opens a goal.
    [InlineData("到2025年,产业规模达到500亿元,同比增长10%。", "2025:500|2025:10")]
    [InlineData("2026年,产业规模达到800亿元。", "2026:800")]
    public void Targets_FiguresAchieved(string sentence, string expected) =>
        Assert.Equal(Split(expected), Figures(Body(sentence)));

    [Theory]
    // 展望2030年 sets a later goal year; a bracket opening with 其中 is a sub-goal of its own; 艘 counts ships; a text
    // cut right after a comma keeps the clause before it.
    [InlineData("到2025年,产业规模达到100亿元。展望2030年,产业规模达到500亿元以上。", "2025:100|2030:500")]
    [InlineData("到2026年,推出整机新产品50项(其中人形机器人整机产品不少于3项)、示范应用场景30个。", "2026:50|2026:3|2026:30")]
    [InlineData("到2025年,示范氢燃料电池汽车不少于1000辆,氢能船舶不少于10艘。", "2025:1000|2025:10")]
    [InlineData("到2026年,建设省级创新中心1个,", "2026:1")]
    // 展望未来 states no year; a bracket that does not open with 其中 is an aside; a clause the text is cut in is not read.
    [InlineData("展望未来,产业规模达到500亿元。", "")]
    [InlineData("到2026年,推出整机新产品50项(含改进型产品10项)。", "2026:50")]
    [InlineData("到2026年,打造产业平台2个,建设省级创新中心1个", "2026:2")]
    public void Targets_LaterYearsSubGoalsAndCuts(string sentence, string expected) =>
        Assert.Equal(Split(expected), Figures(Body(sentence)));

    [Theory]
    // A level-1 mark a republishing page doubled (二,、) starts a heading where 二、 would, and its child may follow it.
    [InlineData("给予补助,(责任单位:市科技局)二,、鼓励企业技术创新(六)鼓励产业技术研发,给予补助。", "二,、鼓励企业技术创新|(六)鼓励产业技术研发")]
    // Inside a sentence it is no heading, doubled or not.
    [InlineData("支持一,、二产业融合发展,提升效益。", "")]
    [InlineData("推进一、二产业融合发展,提升效益。", "")]
    public void Sections_ADoubledLevelOneMark(string sentence, string expected) =>
        Assert.Equal(Split(expected), EvaluationView.From(Body(sentence)).Sections);

    [Fact]
    public void Targets_APaceClauseSharesTheSubjectBefore()
    {
        var shared = Body("到2025年,核心产业增加值占GDP比重累计提高3个百分点,年均提高0.6个百分点。").Targets;
        Assert.Equal(2, shared.Count);
        Assert.Equal("核心产业增加值占GDP比重", shared[1].Indicator);
        // A clause with a subject of its own keeps it.
        var own = Body("到2025年,研发投入年均增长10%,专利数量年均增长8%。").Targets;
        Assert.Equal(2, own.Count);
        Assert.StartsWith("专利数量", own[1].Indicator, StringComparison.Ordinal);
    }

    [Theory]
    // An untitled plan's year comes from the period its opening sentence names: an earlier year is a statistic.
    [InlineData("根据《某省“十四五”海洋经济发展规划》,制定本规划。\n2020年,海洋生产总值达到1027亿元。", "")]
    [InlineData("根据《某省海洋经济发展规划》,制定本规划。\n2020年,海洋生产总值达到1027亿元。", "2020:1027")]
    [InlineData("根据《某省“十四五”海洋经济发展规划》,制定本规划。\n2025年,海洋生产总值达到2000亿元。", "2025:2000")]
    public void Targets_YearOfAnUntitledPlan(string text, string expected) =>
        Assert.Equal(Split(expected), Figures(PolicyParser.ParseText(text + "\n")));
}
