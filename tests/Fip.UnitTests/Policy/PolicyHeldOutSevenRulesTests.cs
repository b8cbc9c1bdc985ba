using System.Globalization;
using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Rules written on branch parser9 from the kinds of error held-out-7 showed (issue 17): goal items numbered under a goal
/// heading, approximate Chinese numerals, scale classes of a cluster, the area of a zone's remit; direction roles, development
/// lists of a class, item titles that develop an industry, dash track lines, industries named in goal clauses, a title's subject
/// after a lead role; a defined subject's parent and national-strategy regions read as nothing; heading forms (blanks inside
/// brackets, articles, a lost 。); a shared-head unit pair. Each table holds at least as many negative cases as positive ones;
/// the sentences are written for the rule in the grammar of policy text, not copied from the corpus.
/// </summary>
public class PolicyHeldOutSevenRulesTests
{
    [Theory]
    // The year a goal heading's own paragraph states holds for the items numbered under it, to the next heading of its level.
    [InlineData("二、发展目标\n到2025年,产业体系基本形成。\n(一)建成5个示范园区,培育20家以上领军企业。\n(二)产业规模达到500亿元。",
        "2025:5|2025:20|2025:500")]
    [InlineData("二、建设目标\n到2026年,创新能力显著提升:\n(一)新建3个创新平台。\n三、重点任务\n(一)建成4个服务中心。", "2026:3")]
    // Under a heading that is no goal heading, or a goal heading whose paragraph gives no year, the items state no goal.
    [InlineData("二、重点任务\n到2025年,完善工作体系。\n(一)建成5个示范园区。", "")]
    [InlineData("二、发展目标\n产业体系基本形成。\n(一)建成5个示范园区。", "")]
    public void Targets_GoalItemsUnderAGoalHeading(string text, string expected) =>
        Assert.Equal(Split(expected), Figures(Body(text)));

    [Fact]
    public void Targets_AGoalItemsNumberIsNoPartOfItsIndicator()
    {
        var t = Assert.Single(Body("二、发展目标\n到2025年,产业体系基本形成。\n(一)专利授权量年均增速不低于10%。").Targets);
        Assert.Equal("专利授权量年均增速", t.Indicator);
    }

    [Theory]
    // 上/数/几/逾 before a round numeral make it a floor, 近/将近 make it about.
    [InlineData("到2025年,引进培育上百家专精特新企业。", "100家AtLeast")]
    [InlineData("到2025年,建成数十个应用场景。", "10个AtLeast")]
    [InlineData("到2025年,集聚近千家配套企业。", "1000家About")]
    [InlineData("到2025年,突破几百项关键技术。", "100项AtLeast")]
    // A numeral with no such prefix, or a prefix before a numeral that is not round, stays as written.
    [InlineData("到2025年,培育百家骨干企业。", "100家Equal")]
    [InlineData("到2025年,建成线上三个服务平台。", "3个Equal")]
    [InlineData("到2025年,新增十余家上市企业。", "10家AtLeast")]
    [InlineData("到2025年,培育两家链主企业。", "2家Equal")]
    public void Targets_ApproximateChineseNumerals(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(Body(sentence)));

    [Theory]
    // A scale class after a target verb that qualifies a cluster or an industry is a goal of at least that amount.
    [InlineData("到2030年,形成千亿级空天信息产业集群。", "1000亿元AtLeast")]
    [InlineData("到2027年,打造百亿级智能网联汽车产业链。", "100亿元AtLeast")]
    [InlineData("到2027年,核心产业规模达到百亿级。", "100亿元AtLeast")]
    // Qualifying firms, after a count (the count is the goal), or with no target verb, it is none.
    [InlineData("到2030年,培育百亿级企业。", "")]
    [InlineData("到2030年,打造2个千亿级产业集群。", "2个Equal")]
    [InlineData("到2030年,千亿级产业集群的带动作用明显增强。", "")]
    public void Targets_ScaleClassOfAClusterOrAnIndustry(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(Body(sentence)));

    [Fact]
    public void Targets_ScaleClassNamesItsCluster() =>
        Assert.Equal("空天信息产业集群", Assert.Single(Body("到2030年,形成千亿级空天信息产业集群。").Targets).Indicator);

    [Theory]
    // The area of a zone's remit is what a plan covers, not a goal.
    [InlineData("“十四五”时期,本纲要主要阐明高新区所辖313.5平方公里范围的发展重点。", "")]
    [InlineData("到2025年,管辖面积达到50平方公里。", "")]
    // An area a goal builds is a goal.
    [InlineData("到2025年,建成孵化载体100万平方米。", "2025:100")]
    public void Targets_TheAreaOfAZonesRemit(string sentence, string expected) =>
        Assert.Equal(Split(expected), Figures(Body(sentence)));

    [Theory]
    // A list given a direction role after 以 names directions; a means of production (工厂, 车间) is dropped.
    [InlineData("以智能装备、智慧工厂、智能网联汽车为主攻目标,引领深度应用。", "智能装备|智能网联汽车")]
    [InlineData("以集成电路、新型显示、生物医药为主攻方向,推进集群发展。", "集成电路|新型显示|生物医药")]
    // Actions (巩固…优势, 抢占…市场), one item, a role that does not close the clause, or other roles name none.
    [InlineData("以巩固经济型机床优势、抢占高端机床市场为主攻方向,推进发展。", "")]
    [InlineData("以提升创新能力为主攻方向,推进发展。", "")]
    [InlineData("以集成电路、新型显示为主攻方向的企业给予支持。", "")]
    [InlineData("以企业为主体、市场为导向,推进发展。", "")]
    public void Industries_ListsGivenADirectionRole(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // A development verb's 等-list closed by a class word and a development tail names directions.
    [InlineData("推动终端设备制造、卫星运营、卫星应用等特色产业集群发展。", "终端设备制造|卫星运营|卫星应用")]
    [InlineData("促进工业软件、集成电路等重点产业高质量发展。", "工业软件|集成电路")]
    // Actors, a class that does not end the phrase, a predicate after the class, or scenarios name none.
    [InlineData("推动企业、高校等创新主体协同发展。", "")]
    [InlineData("支持集成电路、新型显示等领域企业发展。", "")]
    [InlineData("推动智能制造、绿色制造等领域能级提升。", "")]
    [InlineData("推动物流配送、空中交通等应用场景发展。", "")]
    public void Industries_DevelopmentListsOfAClass(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // An item title that is only a development verb and an industry names the industry.
    [InlineData("一、推动数字产业化\n(一)发展新一代电子信息产业。抓好集群培育。\n(二)发展硅能源产业。推进光伏项目。",
        "新一代电子信息产业|硅能源产业")]
    [InlineData("三、壮大实体经济\n1.大力发展海洋经济。建设海洋牧场。", "海洋经济")]
    // Firms, actors, a class of industries, or a verb that does not develop name none.
    [InlineData("一、壮大市场主体\n(一)培育创新型企业。支持企业上市。\n(二)发展壮大市场主体。优化服务。", "")]
    [InlineData("一、产业升级\n(一)发展传统产业。推动技术改造。", "")]
    [InlineData("一、产业升级\n(一)推动产业数字化转型。推进改造。", "")]
    public void Industries_ItemTitlesThatDevelopAnIndustry(string text, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(text)));

    [Theory]
    // Under a directions heading, a line opened by a dash and a short name before its 。 is a track.
    [InlineData("(二)主攻方向。\n——卫星运营服务。重点发展卫星通信服务。\n——智能终端制造。推动终端研发。", "卫星运营服务|智能终端制造")]
    // Under a goal or task heading, or opening with a task verb, it is none.
    [InlineData("二、发展目标\n——产业链条建立健全。产业能级更高。", "")]
    [InlineData("(二)主攻方向。\n——坚持创新引领。强化研发。", "")]
    [InlineData("二、主要任务\n——卫星运营服务。推动发展。", "")]
    public void Industries_DashTrackLines(string text, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(text)));

    [Theory]
    // In a goal paragraph, an industry and how it develops, or an industry's pace of growth with its figure.
    [InlineData("(二)工作目标。到2027年,数据要素产业集聚发展,算力产业年均增速超过20%。", "数据要素产业|算力产业")]
    [InlineData("到2025年,大数据产业快速发展,年均增长25%以上。", "大数据产业")]
    // Outside a goal paragraph, a class (相关产业), a share or a size of a class, or a verb in the name: none.
    [InlineData("近年来,大数据产业快速发展,成效明显。", "")]
    [InlineData("到2025年,人工智能核心及相关产业规模达到1000亿元。", "")]
    [InlineData("到2025年,高新技术产业增加值占比提高到25%。", "")]
    [InlineData("到2025年,相关产业快速发展。", "")]
    public void Industries_NamedInGoalClauses(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // A title's subject qualified by a lead role (以X为引领的Y) is Y.
    [InlineData("关于加快推进以卫星互联网为引领的空天信息产业高质量发展的意见\n\n加快发展。", "空天信息产业")]
    [InlineData("关于推动以人形机器人为核心的具身智能产业发展的实施意见\n\n加快发展。", "具身智能产业")]
    // A role qualifying no industry, or a development after a copula (what a defined subject serves), names none.
    [InlineData("关于推动以科技创新为引领的高质量发展的意见\n\n加快发展。", "")]
    [InlineData("标题\n\n商业航天是推动航天产业发展、建设航天强国的重要力量。", "")]
    [InlineData("标题\n\n低空经济作为促进通用航空产业发展的新动能。", "")]
    [InlineData("标题\n\n根据《某市国民经济和社会发展第十四个五年规划》编制。", "")]
    // A plan of a bare field of government work names no industry; a field ending in an industry head does.
    [InlineData("某区“十三五”科学技术发展规划\n\n加快发展。", "")]
    [InlineData("某市教育发展规划\n\n加快发展。", "")]
    [InlineData("某市体育产业发展规划\n\n加快发展。", "体育产业")]
    // Without the copula the development object is a direction.
    [InlineData("标题\n\n推动航天产业发展,建设航天强国。", "航天产业")]
    public void Industries_TitleSubjectsAndWhatASubjectServes(string text, string expected) =>
        Assert.Equal(Split(expected), Tracks(PolicyParser.ParseText(text + "\n")));

    [Theory]
    // A national strategy's region, read inside its name or named as part of it, is no focus layout.
    [InlineData("抢抓成渝地区双城经济圈建设机遇,加快发展。", "")]
    [InlineData("使成渝地区成为具有全国影响力的科技创新中心。", "")]
    [InlineData("深度融入粤港澳大湾区、长三角一体化发展。", "")]
    // Regions and divisions named as a layout stay places.
    [InlineData("着力提升双季稻地区粮食产量。", "双季稻地区")]
    [InlineData("支持广州、深圳、珠海等市建设示范区。", "广州|深圳|珠海")]
    public void Places_StrategyRegionsAreNoLayout(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Places.Select(p => p.Name));

    [Theory]
    // Blanks inside the brackets, an article 第一条, a lost 。 written as ? after an item title.
    [InlineData("一、总体要求\n( 一 )指导思想\n坚持创新。", "一、总体要求|( 一 )指导思想")]
    [InlineData("第一章 导言\n第一条 人才输入支持\n支持人才来到本区。", "第一章 导言|第一条 人才输入支持")]
    [InlineData("1.人才考察支持?;诎l展需要,发放考察支持。", "1.人才考察支持")]
    // An article cited in a sentence, a ? at the end of a title, and a 。 before a ? are read as before.
    [InlineData("根据第一条规定执行。", "")]
    [InlineData("1.是否给予支持?", "1.是否给予支持?")]
    [InlineData("1.人才考察支持。经同意?发放。", "1.人才考察支持")]
    public void Sections_HeadingForms(string text, string expected) =>
        Assert.Equal(Split(expected), EvaluationView.From(Body(text)).Sections);

    [Theory]
    // A bare class word after a name ending in another class word shares its qualifier: one unit.
    [InlineData("深化改革。(牵头单位:市行政审批服务局;责任单位:市直有关部门、单位,各区市政府)",
        "市行政审批服务局|市直有关部门、单位|各区市政府")]
    // Two named units, or a class word after a name that does not end in one, stay apart.
    [InlineData("深化改革。〔市科技局、市发改委按职责分工负责〕", "市科技局|市发改委")]
    [InlineData("深化改革。〔市直有关部门、市科技局负责〕", "市直有关部门|市科技局")]
    public void Departments_ASharedHeadPair(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Departments);
}
