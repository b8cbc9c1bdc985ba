using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Rules written for the kinds of error the 56 development documents of samples/policies/corpus still showed (branch
/// parser4; the third held-out set, corpus-heldout3.txt, was not read for them): amounts without 元, scale classes, shares
/// joined by 的, counts of the list before them, a plan's scope, lists of clauses, bracketed members of a class, batches
/// of new business forms, subjects inside a title, openings after an addressee line, places of a speech. Each table holds
/// the cases officials would argue about, the negative ones as much as the positive.
/// </summary>
public class PolicyDevelopmentErrorRulesTests
{
    private static PolicyDraft Parse(string text) => PolicyParser.ParseText(text);

    private static PolicyDraft Body(string sentence) => Parse("标题\n\n" + sentence + "\n");

    [Theory]
    // An amount written without 元 before 规模 is in 亿元; 超过 before it is a floor.
    [InlineData("到2025年，力争实现全市重点产业集群总量超过五千亿规模。", 5000, TargetComparator.AtLeast, "亿元", "重点产业集群总量")]
    [InlineData("到2026年，全市软件产业达到1.5万亿规模。", 1.5, TargetComparator.Equal, "万亿元", "软件产业")]
    // A scale class closing its clause is a goal of at least that amount.
    [InlineData("到2025年，人工智能核心产业规模达到百亿级，生态基本建立。", 100, TargetComparator.AtLeast, "亿元", "人工智能核心产业规模")]
    public void Targets_AmountWithoutYuan(string sentence, double value, TargetComparator comparator, string unit, string indicator)
    {
        var t = Assert.Single(Body(sentence).Targets);
        Assert.Equal((decimal)value, t.Value);
        Assert.Equal(comparator, t.Comparator);
        Assert.Equal(unit, t.Unit);
        Assert.Contains(indicator, t.Indicator, StringComparison.Ordinal);
    }

    [Theory]
    // A scale class running on into a noun qualifies it: only the count is a goal.
    [InlineData("到2025年，培育5个五百亿级产业集群。", new[] { 5 })]
    [InlineData("到2025年，培育百亿级企业，壮大产业规模。", new int[0])]
    // 亿 before anything but a scale word is no amount (亿人次 is a unit of its own).
    [InlineData("到2025年，接待游客达到1亿人次。", new[] { 1 })]
    public void Targets_ScaleClassQualifyingANoun_IsNoGoal(string sentence, int[] values) =>
        Assert.Equal(values.Select(v => (decimal)v), Body(sentence).Targets.Select(t => t.Value));

    [Theory]
    // A share joined by 的 to a noun that a goal verb follows counts that noun.
    [InlineData("到2027年底前，确保50%的城市社区建成完备的社区服务综合体。", "城市社区建成完备的社区服务综合体")]
    [InlineData("到2025年，80%的规模以上企业实现数字化改造。", "规模以上企业实现数字化改造")]
    public void Targets_ShareJoinedByDe_CountsItsNoun(string sentence, string indicator)
    {
        var t = Assert.Single(Body(sentence).Targets);
        Assert.Equal("%", t.Unit);
        Assert.Equal(indicator, t.Indicator);
    }

    [Theory]
    // Without a goal verb after the noun, 50%的 qualifies something else: a standard, a subsidy.
    [InlineData("到2027年，执行50%的标准。")]
    [InlineData("到2027年，按投资额的30%的比例给予补贴。")]
    public void Targets_ShareJoinedByDe_WithoutAGoalVerb_IsNoGoal(string sentence) =>
        Assert.Empty(Body(sentence).Targets);

    [Theory]
    // 侵入式、非侵入式两种: a count as large as the list before it counts the list.
    [InlineData("到2027年，同步推进侵入式、非侵入式两种技术路径。", new int[0])]
    [InlineData("到2027年，推动大脑、小脑、肢体三类关键技术突破。", new int[0])]
    // A count that does not match the list, or a count with no list, is a goal.
    [InlineData("到2027年，建成国家级、省级创新平台三个。", new[] { 3 })]
    [InlineData("到2027年，推广两种以上新型材料。", new[] { 2 })]
    // With 等 the list is open: the count is a goal.
    [InlineData("到2027年，培育龙头、骨干等两家企业。", new[] { 2 })]
    public void Targets_CountOfTheListBeforeIt_IsNoGoal(string sentence, int[] values) =>
        Assert.Equal(values.Select(v => (decimal)v), Body(sentence).Targets.Select(t => t.Value));

    [Theory]
    // The figures of a plan's scope describe what it covers.
    [InlineData("规划期为2018-2022年，远景目标展望到2030年，规划范围为甲县、乙区，合计32个乡镇，面积占全市的84.7%。", new double[0])]
    // Goals in the same plan stay goals.
    [InlineData("到2030年，建成32个特色乡镇。", new[] { 32.0 })]
    public void Targets_ScopeOfThePlan_IsNoGoal(string sentence, double[] values) =>
        Assert.Equal(values.Select(v => (decimal)v), Body(sentence).Targets.Select(t => t.Value));

    [Theory]
    // Items that open with a verb of orientation are clauses, not industries.
    [InlineData("瞄准全球科技前沿、围绕国家发展战略需求、面向区域经济社会发展需要，坚持市场导向。", "")]
    [InlineData("围绕国家战略、服务区域发展，推进改革。", "")]
    // A list of nouns after the same verb names directions.
    [InlineData("瞄准人工智能、生物医药、新材料，加快布局。", "人工智能|生物医药|新材料")]
    public void Industries_ListOfClauses_IsNoListOfIndustries(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // A class of industries followed by a bracketed list names its members; 以及 joins two.
    [InlineData("做大高新区“3+2”主导产业（新材料、生物医药、人工智能以及金融科技、高端物流），加速新旧动能转换。",
        "新材料|生物医药|人工智能|金融科技|高端物流")]
    [InlineData("壮大两大产业集群（集成电路、新型显示），提升能级。", "集成电路|新型显示")]
    // A definition, one name, fields of action or a clause in the bracket name no members.
    [InlineData("培育主导产业（以下简称重点产业），加快发展。", "")]
    [InlineData("壮大优势产业（纺织），提升能级。", "")]
    [InlineData("壮大特色产业（农业、文旅），提升能级。", "")]
    [InlineData("发展新兴产业（支持企业开展技术攻关、推动成果转化），提升能级。", "")]
    // A bracket after a word that is no class of industries names nothing.
    [InlineData("建设创新平台（重点实验室、工程中心），提升能级。", "")]
    public void Industries_BracketedMembersOfAClass(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // 等一批…新业态: the items of a batch of new business forms are directions.
    [InlineData("加快发展数字农业、智慧康养、数字文旅等一批数字经济新业态新模式。", "数字农业|智慧康养|数字文旅")]
    [InlineData("加快发展集成电路、生物医药等战略性新兴产业。", "集成电路|生物医药")]
    // A batch of scenarios or projects names no industries.
    [InlineData("加快发展物流配送、空中交通等一批应用场景。", "")]
    [InlineData("加快发展重大工程、重点项目等一批项目。", "")]
    public void Industries_BatchOfNewBusinessForms(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // What develops is the subject wherever the title says so.
    [InlineData("深圳市加快推动人工智能高质量发展高水平应用行动方案", "人工智能")]
    [InlineData("某市推动低空经济创新发展示范应用实施方案", "低空经济")]
    // A title that names nothing before its tail gives nothing.
    [InlineData("苏州市推进高质量发展若干措施", "")]
    public void Industries_SubjectInsideTheTitle(string title, string expected) =>
        Assert.Equal(Split(expected), Parse(title + "\n一、总体要求\n推动应用落地。\n").Tracks.Select(t => t.Name));

    [Theory]
    // The opening sentence after an addressee line sets out a “X+” action.
    [InlineData("各省、自治区、直辖市人民政府，国务院各部委：\n为深入实施“人工智能+”行动，推动融合，现提出如下意见。", "人工智能")]
    // An addressee line with no such opening after it gives nothing.
    [InlineData("各省、自治区、直辖市人民政府，国务院各部委：\n为推动融合，现提出如下意见。", "")]
    public void Industries_OpeningAfterAnAddresseeLine(string opening, string expected) =>
        Assert.Equal(Split(expected), Parse(opening + "\n一、总体要求\n推动落实。\n").Tracks.Select(t => t.Name));

    [Theory]
    // Places a speech was given in or addressed to are no layout.
    [InlineData("深入学习贯彻习近平总书记对广东、深圳系列重要讲话和重要指示精神。", "")]
    [InlineData("贯彻总书记对江苏、苏州重要讲话精神。", "")]
    // The same places as a layout stay places.
    [InlineData("重点布局广州、深圳，建设示范区。", "广州|深圳")]
    public void Places_ListBeforeASpeech_IsNoLayout(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Places.Select(p => p.Name));

    [Theory]
    // 新经济, like 创新型经济, names a class of industries.
    [InlineData("促进新经济发展。", "")]
    [InlineData("推动数字经济发展。", "数字经济")]
    [InlineData("推动新能源产业发展。", "新能源产业")]
    public void Industries_GenericNewEconomy_IsNoIndustry(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // A batch of an industry right after a development verb names it.
    [InlineData("做优做精两大特色产业，加快发展一批生产性服务业。", "生产性服务业")]
    // A batch of firms, projects or a class of industries names none.
    [InlineData("培育一批龙头企业，建设一批重大项目。", "")]
    [InlineData("加快发展一批新兴产业。", "")]
    // 一批 after no development verb (形成一批) is no direction.
    [InlineData("形成一批特色产业。", "")]
    public void Industries_BatchOfAnIndustry(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // Two clusters joined by 和 after a development verb name their industries.
    [InlineData("打造氢能产业集群和燃料电池汽车产业集群。", "氢能|燃料电池汽车")]
    [InlineData("培育集成电路产业集群、新型显示产业集群及智能终端产业集群。", "集成电路|新型显示|智能终端")]
    // Clusters qualified by a count or a scale, or a single cluster, name none by this rule.
    [InlineData("培育形成2个千亿级产业集群和6个五百亿级产业集群。", "")]
    [InlineData("培育千亿级产业集群和百亿级产业集群。", "")]
    public void Industries_ListOfClusters(string sentence, string expected) =>
        Assert.Equal(Split(expected), PolicyCases.RulesBody(sentence).Tracks.Select(t => t.Name));

    [Fact]
    public void Industries_NameWithAndWithoutIndustrySuffix_AreOneIndustry() =>
        Assert.Equal(["氢能产业", "燃料电池汽车"],
            Body("推动氢能产业发展，培育氢能产业集群和燃料电池汽车产业集群。").Tracks.Select(t => t.Name));

    [Theory]
    // A title-less opening that defines nothing is about what it sets out to develop.
    [InlineData("为深入贯彻落实上级关于推动人工智能发展的决策部署，加快推动创新应用。", "人工智能")]
    [InlineData("为加快推动我市低空经济高质量发展，制定本方案。", "低空经济")]
    // What develops must be a short noun phrase: a clause or nothing before the tail gives nothing.
    [InlineData("为推动高质量发展，制定本方案。", "")]
    [InlineData("为推动产业与城市融合协调发展，制定本方案。", "")]
    public void Industries_WhatATitleLessOpeningDevelops(string opening, string expected) =>
        Assert.Equal(Split(expected), Parse(opening + "\n一、总体要求\n推动落实。\n").Tracks.Select(t => t.Name));
}
