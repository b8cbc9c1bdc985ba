using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// General rules written on branch parser13 from the kinds of error held-out-11 showed (issue 17): amounts that are the threshold
/// of a counted scale class, a currency after the unit, a floor verb with its object, a comparator two figures share, goals framed
/// by a label, a goal heading or a document that names no year; a title block's issuer and date lines; counted lists as a clause's
/// subject, counts and scale classes that name no industry, verbs in series, a zone or an opening that names the subject; towns a
/// frame names and the places a layout formula's elements lie on. Each table holds counter-cases; the sentences are written for the
/// rule, not copied from the corpus.
/// </summary>
public class PolicyHeldOutElevenRulesTests
{
    private static IEnumerable<string> Indicators(PolicyDraft draft) => draft.Targets.Select(t => t.Indicator);

    private static IEnumerable<string> Places(PolicyDraft draft) => draft.Places.Select(p => p.Name);

    [Theory]
    // A currency after an amount's 元 is part of the unit; the subject before the figure is the indicator.
    [InlineData("到2027年，全市跨境电子商务年交易额突破20亿元人民币。", "全市跨境电子商务年交易额")]
    [InlineData("到2027年，全市跨境电子商务年交易额突破20亿元人民币以上。", "全市跨境电子商务年交易额")]
    // Any other noun after the amount is what it measures.
    [InlineData("到2027年，设立20亿元产业基金。", "产业基金")]
    public void Targets_ACurrencyAfterTheAmountIsPartOfTheUnit(string sentence, string expected) =>
        Assert.Equal(Split(expected), Indicators(RulesBody(sentence)));

    [Theory]
    // An amount after 超/过 that qualifies a noun counted in its clause, or follows a count, is a scale class: the count is the goal.
    [InlineData("到2025年，打造营业收入超千亿元高新区1个、超百亿元高新区15个以上。", "1个Equal|15个AtLeast")]
    [InlineData("到2027年，打造年产值过100亿元工业企业3家，过50亿元企业10家。", "3家Equal|10家Equal")]
    [InlineData("到2027年，形成建材2个产值过1000亿元、医药化工1个产值过500亿元的产业集群。", "2个Equal|1个Equal")]
    // An amount that closes its clause, or one a comma parts from the count, or one no threshold word opens, is a goal as before.
    [InlineData("到2027年，全市工业增加值超过1000亿元。", "1000亿元AtLeast")]
    [InlineData("到2027年，营业收入超过100亿元，企业达到50家。", "100亿元AtLeast|50家Equal")]
    public void Targets_TheThresholdOfAScaleClassIsNoGoal(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(RulesBody(sentence)));

    [Theory]
    // 突破 before a count with its noun after it takes the items as its object: it achieves them, no floor.
    [InlineData("到2027年，突破5项关键核心技术。", "5项Equal")]
    // Closing a subject's figure, before an amount, or with 以上 of its own, it states a floor.
    [InlineData("到2027年，相关企业数量突破300家。", "300家AtLeast")]
    [InlineData("到2027年，产业规模突破100亿元。", "100亿元AtLeast")]
    [InlineData("到2027年，突破100项以上关键技术。", "100项AtLeast")]
    public void Targets_AFloorVerbWithItsObjectStatesNoFloor(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(RulesBody(sentence)));

    [Theory]
    // 分别超过A和B: the comparator before the first figure governs the second.
    [InlineData("到2025年，核心产业和相关产业规模分别超过350亿元和2000亿元。", "350亿元AtLeast|2000亿元AtLeast")]
    // A first figure closed by its own comparator keeps it to itself.
    [InlineData("到2025年，研发投入和技改投入占比分别达到65%以上和55%。", "65%AtLeast|55%Equal")]
    [InlineData("到2025年，研发投入和技改投入占比分别达到65%和55%。", "65%Equal|55%Equal")]
    public void Targets_AComparatorSharedByFiguresInSeries(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(RulesBody(sentence)));

    [Theory]
    // A goal label and its colon open goals; an annual plan's title year is theirs.
    [InlineData("金乡县2021年国民经济和社会发展计划", "主要预期目标为：地区生产总值增长7%以上；一般公共预算收入增长5%。", "2021:7|2021:5")]
    // Without the label, or without its colon, a figure with no year is no goal.
    [InlineData("金乡县2021年国民经济和社会发展计划", "地区生产总值增长7%以上。", "")]
    [InlineData("金乡县2021年国民经济和社会发展计划", "我们的目标是地区生产总值增长7%以上。", "")]
    // A title that states a span names no single year: the labelled goals have none.
    [InlineData("金乡县国民经济发展计划(2021—2025年)", "主要预期目标为：地区生产总值增长7%以上。", ":7")]
    public void Targets_AGoalLabelOpensGoals(string title, string body, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesOnly.Parse(title + "\n\n" + body + "\n")));

    [Theory]
    // Under a goal heading a figure is a goal though its paragraph states no year, when the goal section states a year elsewhere
    // or an annual title gives its year.
    [InlineData("三明市跨境电商行动方案",
        "一、工作目标\n（一）枢纽能级显著提升。力争到2027年，交易额突破20亿元。\n（二）市场主体活力增强。累计培育跨境电商企业5家以上。",
        "2027:20|:5")]
    [InlineData("滁州市人民政府关于2024年重点工作的通知", "一、主要预期目标\n1. 地区生产总值增长7.5%。", "2024:7.5")]
    // A goal section with no year and an undated title, a paragraph that states its year later (framing before it), or a
    // yearless figure outside a goal heading: no goal.
    [InlineData("某市行动方案", "二、发展目标\n产业体系基本形成。\n（一）建成5个示范园区。", "")]
    [InlineData("某省行动方案", "一、总体目标\n推动人工智能进入千家万户。到2027年，应用普及率70%以上。", "2027:70")]
    [InlineData("三明市跨境电商行动方案", "一、重点任务\n（一）市场主体活力增强。累计培育跨境电商企业5家以上。", "")]
    public void Targets_UnderAGoalHeadingWithoutAYear(string title, string body, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesOnly.Parse(title + "\n\n" + body + "\n")));

    [Fact]
    public void Targets_AnItemNumberIsNoPartOfTheIndicator()
    {
        var draft = RulesOnly.Parse("滁州市人民政府关于2024年重点工作的通知\n\n一、主要预期目标\n1. 地区生产总值增长7.5%。\n");
        Assert.Equal(["地区生产总值增长"], Indicators(draft));
    }

    [Theory]
    // A notice that states its matters itself (通知如下) and names no year, period or goal heading states its goals as the counts
    // its tasks commit to.
    [InlineData("（一）改造升级网络。打造20个企业外网优秀服务案例，打造10个标杆网络。", "20个Equal|10个Equal")]
    // A sentence that grants, or a document that names a year elsewhere, gives none.
    [InlineData("（一）引才支持。每引进1名高层次人才，给予最高5万元支持。", "")]
    [InlineData("（一）改造升级网络。2020年以来成效明显，打造20个企业外网优秀服务案例。", "")]
    public void Targets_ADocumentWithoutAYearStatesItsGoalsAsCounts(string task, string expected) =>
        Assert.Equal(Split(expected),
            Compared(RulesOnly.Parse("各有关单位：\n为推动工业互联网发展，现就有关事项通知如下：\n一、加快新型基础设施建设\n" + task + "\n")));

    [Theory]
    // The issuer's and the date's own lines, or the contents, end a cover's title.
    [InlineData("成都市“十四五”生物经济发展规划\n成都市发展和改革委员会\n2022 年 4 月\n目录\n一、规划基础\n", "成都市“十四五”生物经济发展规划")]
    [InlineData("成都市“十四五”生物经济发展规划\n目录\n一、规划基础\n", "成都市“十四五”生物经济发展规划")]
    // An issuer's header alone before a blank line is no title; the title follows.
    [InlineData("金乡县人民政府\n\n关于下达金乡县2021年国民经济和社会发展计划的通知\n金政发〔2021〕3号\n各镇政府：\n",
        "关于下达金乡县2021年国民经济和社会发展计划的通知")]
    // A title wrapped over two lines, or an issuer that opens its own title line, stays whole.
    [InlineData("关于加快低空经济\n高质量发展的实施意见\n为推进发展，制定本意见。\n", "关于加快低空经济高质量发展的实施意见")]
    [InlineData("某市人民政府办公室\n关于印发行动方案的通知\n各区政府：\n", "某市人民政府办公室关于印发行动方案的通知")]
    public void Title_TheIssuersAndTheDatesLinesEndTheTitle(string text, string title) =>
        Assert.Equal(title, RulesOnly.Parse(text).Title);

    [Fact]
    public void Title_ACoverTitlesSubjectIsAnIndustry() =>
        Assert.Contains("生物经济",
            Tracks(RulesOnly.Parse("成都市“十四五”生物经济发展规划\n成都市发展和改革委员会\n2022 年 4 月\n目录\n一、规划基础\n")));

    [Theory]
    // A counted list that opens its clause as the subject of an industry class; 和 joins its last two members.
    [InlineData("到2022年，基础设施进一步加强，糯稻、全域旅游和膏盐工业三大主导产业大力发展。", "糯稻|全域旅游|膏盐工业")]
    [InlineData("到2022年，甲乙制造、丙丁材料两大产业集群加快壮大。", "甲乙制造|丙丁材料")]
    // A class that is no industry class, or a count that is not the number of members: nothing.
    [InlineData("到2022年，甲乙平台、丙丁中心两大领域取得突破。", "")]
    [InlineData("到2022年，甲乙制造、丙丁材料三大主导产业大力发展。", "")]
    public void Industries_ACountedListAsTheSubject(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(sentence)));

    [Theory]
    // A list verb and a second verb in series: the list starts after the second; a scale class in an item is cut, and an item
    // that is only a count and a class names no industry.
    [InlineData("聚焦打造装备制造、现代材料、绿色食药、综合能源千亿级产业集群和若干百亿级产业集群，推动发展。",
        "装备制造|现代材料|绿色食药|综合能源")]
    [InlineData("重点发展五大优势产业。", "")]
    [InlineData("重点发展若干百亿级产业集群。", "")]
    // A list verb alone, and a batch of a named industry, read as before.
    [InlineData("聚焦装备制造、现代材料，推动发展。", "装备制造|现代材料")]
    [InlineData("加快发展一批生产性服务业。", "生产性服务业")]
    public void Industries_ACountOrAScaleClassNamesNoIndustry(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(sentence)));

    [Theory]
    // A zone for an industry names the industry; a quality of development is no part of the name.
    [InlineData("中国(三明)跨境电子商务综合试验区建设三年行动方案", "跨境电子商务", "")]
    [InlineData("宿州市关于加快建设高品质旅游强市的实施意见", "旅游", "高品质旅游")]
    // A statutory zone type (高新技术产业开发区), or 高新技术产业 itself (a class), names none.
    [InlineData("关于促进高新技术产业开发区高质量发展的实施意见", "", "高新技术产业")]
    [InlineData("关于加快发展高新技术产业的实施意见", "", "高新技术产业")]
    public void Industries_ATitlesZoneOrQualityIsNoPartOfTheIndustry(string title, string found, string notFound)
    {
        var tracks = Tracks(RulesOnly.Parse(title + "\n\n各部门：\n现印发给你们，请认真贯彻执行。\n")).ToList();
        foreach (var name in Split(found)) Assert.Contains(name, tracks);
        foreach (var name in Split(notFound)) Assert.DoesNotContain(name, tracks);
    }

    [Theory]
    // An untitled notice whose opening ends in a lead-in (通知如下：) is read as its opening, not as an addressee line; a pace
    // verb before 发展 belongs to the predicate.
    [InlineData("各有关单位：\n为落实中央关于推动工业互联网加快发展的决策部署，现就有关事项通知如下：\n一、加快新型基础设施建设\n", "工业互联网")]
    [InlineData("各有关单位：\n为落实中央关于推动工业互联网发展的决策部署，现就有关事项通知如下：\n一、加快新型基础设施建设\n", "工业互联网")]
    // An addressee line is still no opening.
    [InlineData("各省、自治区、直辖市工业和信息化主管部门：\n现就有关事项通知如下。\n", "")]
    public void Industries_AnOpeningThatEndsInALeadIn(string text, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesOnly.Parse(text)));

    [Theory]
    // A list closed by 等 and a class of towns in a 以…为 frame names towns.
    [InlineData("以汤池、杨河、田店等6个特色乡镇为重点，建成示范强镇。", "汤池|杨河|田店")]
    [InlineData("以甲镇、乙镇等重点镇为支撑，推进乡村振兴。", "甲镇|乙镇")]
    // No frame role after the class, or no class of towns: none.
    [InlineData("以汤池、杨河等6个特色乡镇的经验为借鉴，推进乡村振兴。", "")]
    [InlineData("以汤池、杨河等6个品牌为重点，推进乡村振兴。", "")]
    public void Places_TownsAFrameNames(string sentence, string expected) =>
        Assert.Equal(Split(expected), Places(RulesBody(sentence)));

    [Fact]
    public void Targets_ACountOfAFramesFocusIsNoGoal()
    {
        Assert.Empty(RulesBody("到2025年，以汤池、杨河、田店等6个特色乡镇为重点，建成示范强镇。").Targets);
        Assert.Equal(["6个Equal"], Compared(RulesBody("到2025年，建成6个特色乡镇。")));
        Assert.Equal(["30个AtLeast"], Compared(RulesBody("到2025年，建设30个以上以数据要素为核心的产业大脑。")));
    }

    [Theory]
    // The elements a layout formula's paragraph builds name the places they lie on: a division, a road or river, two counties
    // of a prefecture the text names.
    [InlineData("宿州市着力构建“一带一廊三圈”总体发展格局，即：打造符离大道生态旅游带和新汴河全域旅游走廊；打造埇桥城市休闲旅游圈；打造萧砀生态文化旅游圈。",
        "符离大道|新汴河|埇桥|萧砀")]
    // Without a formula, an element that opens with no place, or a pair of counties of a prefecture the text does not name: none.
    [InlineData("宿州市打造埇桥城市休闲旅游圈；打造萧砀生态文化旅游圈。", "")]
    [InlineData("着力构建“一带一廊”总体格局，打造沿江生态旅游带和环湖休闲走廊。", "")]
    [InlineData("着力构建“一带一廊三圈”总体格局，打造萧砀生态文化旅游圈。", "")]
    public void Places_TheElementsOfALayoutFormula(string sentence, string expected) =>
        Assert.Equal(Split(expected), Places(RulesBody(sentence)));
}
