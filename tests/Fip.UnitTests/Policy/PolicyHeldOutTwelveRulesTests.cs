using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// General rules written on branch parser14 from the kinds of error held-out-12 showed (issue 17): the sections of a plan's
/// chapters, heading marks a page lost or ran into its text, a title run into the first sentence; a reply that sets no goals, a
/// span of years, a year that opens its clause, a baseline, a count of the places just named, an index with a comparator after
/// it; a division level that shares the next unit's head; a division or a coordination that is no industry; areas that share a
/// head, the places of a layout chapter's sections, and 等 ending an area's name. Each table holds counter-cases; the sentences
/// are written for the rule, not copied from the corpus.
/// </summary>
public class PolicyHeldOutTwelveRulesTests
{
    [Theory]
    // A plan divided into chapters numbers its sections 第一节: a level under the chapter.
    [InlineData("第一章 总体要求\n第一节 指导思想\n第二节 基本原则\n第二章 重点任务\n第一节 培育产业集群",
        "1:总体要求|2:指导思想|2:基本原则|1:重点任务|2:培育产业集群")]
    // In Traditional too (the outline reads the Simplified matching text).
    [InlineData("第一章 發展基礎\n第一節 發展現狀\n第二節面臨形勢", "1:发展基础|2:发展现状|2:面临形势")]
    // Without a chapter before it, a 第一节 line is not a heading (a lesson, a session).
    [InlineData("第一节 指导思想\n第二节 基本原则", "")]
    [InlineData("一、总体要求\n第一节 指导思想", "1:总体要求")]
    public void Sections_AChaptersSectionsAreHeadings(string body, string expected) =>
        Assert.Equal(Split(expected), Headings(RulesBody(body)).Select(AsWrittenLevels));

    private static string AsWrittenLevels(string heading) => heading.Replace(" ", "", StringComparison.Ordinal);

    [Theory]
    // (-) is the (一) whose stroke a PDF's text layer read as a hyphen, inside a line too.
    [InlineData("一、总体要求\n(-)指导思想\n(二)基本原则", "1:总体要求|2:指导思想|2:基本原则")]
    [InlineData("制定本方案。一、总体要求(-)指导思想以改革为动力，推进发展。(二)基本原则", "1:总体要求|2:指导思想|2:基本原则")]
    // A hyphen with a figure is no mark.
    [InlineData("一、总体要求\n(-5)摄氏度以下储存", "1:总体要求")]
    public void Sections_AHyphenInBracketsIsTheFirstMark(string body, string expected) =>
        Assert.Equal(Split(expected), Headings(RulesBody(body)));

    [Theory]
    // A numeral right before a standard section's name is a level-1 mark whose 、 was lost; an item mark right after such a
    // heading starts a line.
    [InlineData("有关事项如下。一总体要求全面贯彻新发展理念，推动发展。二工作举措1 .优化区域布局。根据资源禀赋优化布局。",
        "1:总体要求|1:工作举措|3:优化区域布局")]
    // A numeral inside a word (统一) or before words that are no section's name is no mark.
    [InlineData("各地要统一总体要求，加强协调。", "")]
    [InlineData("有关事项如下。一批重点任务全面推进。", "")]
    public void Sections_ANumeralBeforeAStandardSectionNameIsAMark(string body, string expected) =>
        Assert.Equal(Split(expected), Headings(RulesBody(body)));

    [Theory]
    // A page that mixes ASCII and Chinese quotes leaves a “ open: it closes at the sentence end, and the next mark is read.
    [InlineData("一、总体要求(一)指导思想以改革为动力，打造\"甲茶、“乙茶\"品牌。(二)基本原则", "1:总体要求|2:指导思想|2:基本原则")]
    // A mark inside a quote that closes before the sentence ends is no heading.
    [InlineData("一、总体要求(一)指导思想以改革为动力，打造“甲乙(二)丙丁”品牌。", "1:总体要求|2:指导思想")]
    public void Sections_AQuoteNeverRunsPastASentenceEnd(string body, string expected) =>
        Assert.Equal(Split(expected), Headings(RulesBody(body)));

    [Theory]
    // A title run into the first sentence ends with its kind of document and a bracket, before the opening word.
    [InlineData("某省茶叶产业高质量发展三年行动工作方案(2023—2025年)根据省委部署，为推进茶产业发展，制定本方案。",
        "某省茶叶产业高质量发展三年行动工作方案(2023—2025年)")]
    [InlineData("关于加快推进茶产业高质量发展的若干意见(代拟稿)为进一步推进茶产业发展，提出如下意见。",
        "关于加快推进茶产业高质量发展的若干意见(代拟稿)")]
    // A first sentence whose clause mark comes first, or a kind of document with no opening word after it, is no title.
    [InlineData("根据省委部署，为推进茶产业发展，制定本方案。", "")]
    [InlineData("各地要落实行动方案，推进茶产业发展。", "")]
    public void Title_ATitleRunIntoTheFirstSentence(string text, string title) =>
        Assert.Equal(title, RulesOnly.Parse(text).Title);

    [Theory]
    // A reply that acknowledges the suggestion it answers reports; its figures set no goals.
    [InlineData("省文旅厅：\n代表提出的《关于支持陶瓷博物馆的建议》收悉。现将意见函告如下：\n到2025年，支持陶瓷产业项目26个。", "")]
    // A document that answers no suggestion keeps its goals.
    [InlineData("某市陶瓷产业行动方案\n\n到2025年，支持陶瓷产业项目26个。", "2025:26")]
    public void Targets_AReplySetsNoGoals(string text, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesOnly.Parse(text)));

    [Theory]
    // A span of years opening its clause is a period (no single year); 至 after a year is no goal year.
    [InlineData("二、主要目标\n2021至2023年，全省社零额年均增速11.3%。", ":11.3")]
    // 力争 before a year opens the clause with it; the year holds for its sentence's figures.
    [InlineData("力争2021年增速实现15%，总量达到2万亿元；2022年增速实现10%。", "2021:15|2021:2|2022:10")]
    // 至 before a year with no year before it is a goal year as before.
    [InlineData("至2023年，总量达到2万亿元。", "2023:2")]
    public void Targets_ASpanOfYearsAndAYearThatOpensItsClause(string body, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesBody(body)));

    [Theory]
    // The clause's year and 实现 are no part of the indicator.
    [InlineData("力争2021年增速实现15%。", "增速")]
    [InlineData("到2025年，全省社零额增速达到15%。", "全省社零额增速")]
    public void Targets_AYearAndAnAchieveVerbAreNoPartOfTheIndicator(string body, string expected) =>
        Assert.Equal(Split(expected), Indicators(RulesBody(body)));

    [Theory]
    // 在…基础上 frames the baseline a goal builds on.
    [InlineData("到2023年，在两市社零额过千亿元基础上，新增千亿级城市4个。", "4个Equal")]
    // Outside that frame the amount is a goal.
    [InlineData("到2023年，两市社零额均过千亿元。", "1000亿元Equal")]
    public void Targets_ABaselineIsNoGoal(string body, string expected) =>
        Assert.Equal(Split(expected), Compared(RulesBody(body)));

    [Theory]
    // A count right after the places it counts says how many were named.
    [InlineData("到2023年，新增黄石、十堰、荆门、孝感4个社零额过千亿元城市。", "")]
    // A count of members closed by 等, a count that is not the list's length, or one with no list, is a goal.
    [InlineData("到2025年，培育汽模配、纺织服装、功能材料、绿色能源、海洋生物等5个百亿级产业集群。", "5个Equal")]
    [InlineData("到2023年，新增黄石、十堰3个社零额过千亿元城市。", "3个Equal")]
    [InlineData("到2023年，新增4个社零额过千亿元城市。", "4个Equal")]
    public void Targets_ACountOfThePlacesJustNamedIsNoGoal(string body, string expected) =>
        Assert.Equal(Split(expected), Compared(RulesBody(body)));

    [Theory]
    // An index's bare value may take a comparator after it; 人年 and 亩 are units.
    [InlineData("到2027年，区域科技创新指数达到160以上。", "160AtLeast")]
    [InlineData("到2027年，每万名就业人员中研发人员达到209人年以上。", "209人年AtLeast")]
    [InlineData("到2027年，茶园面积达到350万亩。", "350万亩Equal")]
    // Without a comparator the index is = as before; a bare figure after a word that is no index is none.
    [InlineData("到2027年，区域科技创新指数达到160。", "160Equal")]
    [InlineData("到2027年，区域科技创新能力达到160以上。", "")]
    public void Targets_AnIndexMayTakeAComparatorAfterIt(string body, string expected) =>
        Assert.Equal(Split(expected), Compared(RulesBody(body)));

    [Theory]
    // A division level alone (州, 市, after 有关/各 or not) shares the head of the next item: one unit as written.
    [InlineData("加强茶旅融合。（责任单位：省农业农村厅，有关州、市人民政府）", "省农业农村厅|有关州、市人民政府")]
    [InlineData("加强茶旅融合。（责任单位：各县、市、区人民政府）", "各县、市、区人民政府")]
    // Names of their own stay apart.
    [InlineData("加强茶旅融合。（责任单位：省发展改革委、市科技局）", "省发展改革委|市科技局")]
    public void Departments_ADivisionLevelAloneSharesTheNextHead(string body, string expected) =>
        Assert.Equal(Split(expected), RulesBody(body).Departments);

    [Theory]
    // A division develops as a place; coordination is a manner of development, not what develops: the rules' name check (which
    // every proposal, the learned reader's included, passes through) refuses both.
    [InlineData("促进湖南高质量发展。", "湖南", "")]
    [InlineData("促进湖南省高质量发展。", "湖南省", "")]
    [InlineData("促进全省区域协调发展。", "区域协调", "")]
    // An industry named the same way passes the check.
    [InlineData("促进生物医药产业高质量发展。", "生物医药产业", "生物医药产业")]
    [InlineData("促进文化旅游高质量发展。", "文化旅游", "文化旅游")]
    public void Industries_ADivisionOrACoordinationIsNoIndustry(string body, string name, string expected)
    {
        var text = "标题\n\n" + body + "\n";
        var context = Fip.Policy.Text.ParseContext.Create(text, PolicyVocabulary.Default, new System.Text.RegularExpressions.Regex("(?!)"));
        Assert.Equal(expected, Fip.Policy.Text.TrackReader.Vet(context, name, text.IndexOf(name, StringComparison.Ordinal))?.Name ?? "");
    }

    [Theory]
    // Short names that share one area head after a verb that builds: one area each, by its own name.
    [InlineData("高水平建设鉴水、金柯桥、镜湖、滨海、曹娥江科技城，", "鉴水|金柯桥|镜湖|滨海|曹娥江")]
    // Levels and class modifiers are no names; without a verb that builds, no list.
    [InlineData("高水平建设国家级、省级科技城，", "")]
    [InlineData("鉴水、金柯桥科技城发展较快，", "")]
    public void Places_AreasThatShareAHead(string body, string expected) =>
        Assert.Equal(Split(expected), DistinctPlaces(RulesBody(body)));

    [Theory]
    // Each section that builds an element of a layout chapter's formula names the place before the document's industry.
    [InlineData("某市冷链物流高质量发展规划",
        "第三章 构建一区两廊冷链物流新格局\n第一节 建设主城都市区冷链物流核心区\n第二节 建设渝东北冷链物流发展走廊",
        "主城都市区|渝东北")]
    // A chapter without a formula is no layout; a section of another head is no element of it.
    [InlineData("某市冷链物流高质量发展规划",
        "第三章 完善冷链物流网络\n第一节 建设主城都市区冷链物流核心区", "")]
    [InlineData("某市冷链物流高质量发展规划",
        "第三章 构建一区两廊冷链物流新格局\n第一节 建设主城都市区冷链物流信息平台", "")]
    public void Places_TheSectionsOfALayoutChapter(string title, string body, string expected) =>
        Assert.Equal(Split(expected), DistinctPlaces(RulesOnly.Parse(title + "\n\n" + body + "\n")));

    [Theory]
    // 等 closes a list of names: the class after it is no part of the park's name.
    [InlineData("依托醴陵市陶瓷工业园等产业园区，重点发展陶瓷产业集群。", "醴陵市陶瓷工业园")]
    [InlineData("依托醴陵市陶瓷工业园，重点发展陶瓷产业集群。", "醴陵市陶瓷工业园")]
    public void Places_EtcEndsAnAreasName(string body, string expected) =>
        Assert.Equal(Split(expected), DistinctPlaces(RulesBody(body)));
}
