using Fip.Policy;
using Fip.Policy.Text;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// General rules written on branch parser12 from the kinds of error held-out-10 showed (issue 17): the layout a document site or an
/// extraction leaves (chunk numbers, a table of contents' page numbers, headings run into their paragraph), counted lists that define
/// a class's members, a head shared by a list, places a layout plan names by its headings, and places a document measures itself
/// against. Each table holds counter-cases; the sentences are written for the rule, not copied from the corpus.
/// </summary>
public class PolicyHeldOutTenRulesTests
{
    // A sentence long enough to be a piece a site cut a text into (ChunkMarkers.PieceLength).
    private static readonly string Preamble = string.Concat(Enumerable.Repeat("为加快推进全县工业经济高质量发展，", 8));

    [Theory]
    // Pieces of a site: each ends mid-sentence and the next number only continues the cut.
    [InlineData("1、{P}改造提升汽模配、\n2、纺织服装两大传统优势产业为重点。", "{P}改造提升汽模配、纺织服装两大传统优势产业为重点。")]
    [InlineData("1、{P}以“抓主导、促新兴”\n2、为导向，做大做强主导产业。", "{P}以“抓主导、促新兴”为导向，做大做强主导产业。")]
    // Items: short, or ending their sentence, or not numbered on: they keep their numbers.
    [InlineData("1、发展目标\n2、重点任务", "1、发展目标\n2、重点任务")]
    [InlineData("1、{P}推动产业升级。\n2、{P}强化要素保障。", "1、{P}推动产业升级。\n2、{P}强化要素保障。")]
    [InlineData("1、{P}推动产业升级\n3、强化要素保障。", "1、{P}推动产业升级\n3、强化要素保障。")]
    public void Layout_ChunkNumbersOfADocumentSite(string text, string expected) =>
        Assert.Equal(expected.Replace("{P}", Preamble, StringComparison.Ordinal),
            ChunkMarkers.Join(text.Replace("{P}", Preamble, StringComparison.Ordinal)));

    [Fact]
    public void Layout_AChunkNumberNeitherHeadsNorSplitsTheSentence()
    {
        var draft = RulesBody("1、" + Preamble + "改造提升汽模配、\n2、纺织服装两大传统优势产业，（浙政办发〔2018〕91号）。");
        Assert.Empty(draft.Outline);
        Assert.Equal(["汽模配", "纺织服装"], Tracks(draft));
        Assert.Empty(draft.Targets);
    }

    [Theory]
    // Three or more heading lines in a row ending in a page number that never goes down: a table of contents.
    [InlineData("目录\n一、发展背景 4\n（一）发展基础。 4\n二、总体要求 11\n三、空间布局 14", "发展背景|发展基础|总体要求|空间布局")]
    [InlineData("一、发展背景……4\n二、总体要求……11\n三、空间布局……14", "发展背景|总体要求|空间布局")]
    // Two alone, or numbers going down, or a figure of the heading's own: no contents (the number stays, its blank is
    // extraction's).
    [InlineData("一、发展背景 4\n二、总体要求 11", "发展背景4|总体要求11")]
    [InlineData("一、培育企业 40\n二、建设园区 11\n三、引进人才 3", "培育企业40|建设园区11|引进人才3")]
    [InlineData("一、到2025年\n二、到2027年\n三、到2030年", "到2025年|到2027年|到2030年")]
    public void Sections_PageNumbersOfATableOfContents(string text, string expected) =>
        Assert.Equal(Split(expected), RulesBody(text).Outline.Select(h => h.Title));

    [Theory]
    // A standard section's name run into its paragraph: the page lost the line break after it.
    [InlineData("一、重要意义本区作为全市的政治、经济、文化中心，具有重要地位。", "重要意义")]
    [InlineData("（二）工作目标到2025年，全县工业总产值达到1200亿元。", "工作目标")]
    [InlineData("（一）总体思路以新发展理念为指导，推动高质量发展。", "总体思路")]
    // A run of blanks inside the line is the paragraph break, after the heading or before it.
    [InlineData("二、指导思想   以新发展理念为指导，深入贯彻落实。", "指导思想")]
    [InlineData("特提出如下意见:   一、重要意义   战略性新兴产业是重要力量。", "重要意义")]
    // A name that goes on (和, 及), a heading that ends before any clause, one blank: the heading is whole.
    [InlineData("一、总体思路和目标", "总体思路和目标")]
    [InlineData("三、主要任务及分工", "主要任务及分工")]
    [InlineData("（一）发展目标。到2025年，产值达到100亿元。", "发展目标")]
    [InlineData("（二）重点任务分工", "重点任务分工")]
    [InlineData("四、5G 应用场景", "5G 应用场景")]
    public void Sections_AHeadingRunIntoItsParagraph(string text, string title) =>
        Assert.Contains(title, RulesBody(text).Outline.Select(h => h.Title));

    [Theory]
    // A count as large as the 、-list right before it, its class noun after it and no verb in the clause: the class's members.
    [InlineData("到2026年，新材料、医药健康、绿色食品、轻工纺织4个特色产业持续壮大。", "")]
    [InlineData("到2026年，即：电子信息、航空、新能源3条产业链现代化水平全面提升。", "")]
    [InlineData("根据《关于印发行动方案的通知》（赣府字〔2023〕40号），到2026年，新材料、绿色食品2个特色产业加快发展。", "")]
    // 等 closes the list, a verb makes it a goal, the count closes its item: a goal as before.
    [InlineData("到2025年，培育形成新材料、绿色能源、海洋生物等3个百亿级产业集群。", "3个Equal")]
    [InlineData("到2026年，建成甲乙、丙丁、戊己3个示范园区。", "3个Equal")]
    [InlineData("到2027年，2000亿级食品加工、智能纺织产业集群2个。", "2个Equal")]
    public void Targets_ACountOfTheListBeforeItsClassNoun(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(RulesBody(sentence)));

    [Theory]
    // A count before a class written with a Latin letter (A类, B级) is read like any count.
    [InlineData("到2027年，力争全市建成1个A类飞行服务站、2个以上通用机场。", "2027:1|2027:2")]
    [InlineData("到2027年，建成3个B级数据中心。", "2027:3")]
    // A letter that is a unit's own word, or a code, still stops the figure.
    [InlineData("到2027年，部署10个GPU集群。", "")]
    public void Targets_ACountBeforeALatinClass(string sentence, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesBody(sentence)));

    [Theory]
    // After a hedge, the goal year is context, never the indicator.
    [InlineData("到2027年，产值超200亿元，力争到2030年底产值/营收超500亿元。", "产值|产值/营收")]
    [InlineData("力争到2030年末营业收入突破100亿元。", "营业收入")]
    public void Targets_AGoalYearAfterAHedgeIsNoIndicator(string sentence, string expected) =>
        Assert.Equal(Split(expected), RulesBody(sentence).Targets.Select(t => t.Indicator));

    [Theory]
    // A year before the span the preamble gives this document (本…计划(2018—2022年)) reports a statistic.
    [InlineData("为推进数字经济发展，特制订本实施计划(2018—2022年)。\n一、重要意义\n2017年在全省89个县中居于第36位。", "")]
    // A year inside the span, or a span the preamble cites later (not this document's), sets a goal as before.
    [InlineData("为推进数字经济发展，特制订本实施计划(2018—2022年)。\n一、发展目标\n2020年建成10个产业园区。", "2020:10")]
    [InlineData("为推进发展，制定本措施。支持《数字经济规划(2018—2022年)》实施。\n一、发展目标\n2017年建成10个产业园区。", "2017:10")]
    public void Targets_AYearBeforeThePreamblesSpanIsAStatistic(string text, string expected) =>
        Assert.Equal(Split(expected), Figures(RulesOnly.Parse("鹿城区数字经济实施计划\n\n" + text + "\n")));

    [Theory]
    // A bracket after a noun that lists counted classes defines the noun's members.
    [InlineData("到2026年，产业体系持续完善（电子信息、航空、新能源3个新兴产业，新材料、绿色食品2个特色产业）。",
        "电子信息|航空|新能源|新材料|绿色食品")]
    // 提升 and 改造 open a counted list as 培育 does.
    [InlineData("改造提升汽模配、纺织服装两大传统优势产业。", "汽模配|纺织服装")]
    // Without a count, a class head or a noun before the bracket: nothing.
    [InlineData("到2026年，产业体系持续完善（电子信息、航空、新能源等）。", "")]
    [InlineData("到2026年，重点项目加快推进（甲乙工程、丙丁工程2个项目）。", "")]
    [InlineData("提升服务能力、创新能力两大能力。", "")]
    [InlineData("印发《关于促进新材料、新医药2个新兴产业加快发展的若干政策》的通知（鲁政发〔2010〕22号）。", "")]
    public void Industries_CountedListsThatDefineAClass(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(sentence)));

    [Theory]
    // A class word closing the last item before 为重点 is the head the items share.
    [InlineData("以新能源、新材料、节能环保产业为重点，推动快速发展。", "新能源|新材料|节能环保产业")]
    // No class word, or a list of actors: no directions.
    [InlineData("以新能源、新材料为重点，推动快速发展。", "")]
    [InlineData("以龙头企业、特色园区、产业集群为着力点，推动快速发展。", "")]
    public void Industries_AClassWordSharedBeforeARole(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(sentence)));

    [Theory]
    // A development verb's list whose last item ends in a class word, then a tail that ends the clause or precedes a lead role.
    [InlineData("以推动商业航天、低空经济、空天信息产业高质量发展为核心，加快形成新质生产力。", "商业航天|低空经济|空天信息")]
    [InlineData("促进生物医药、新材料产业集聚发展。", "生物医药|新材料")]
    // A predicate after the tail, no class word, a list of actors: none.
    [InlineData("推动生物医药、新材料产业发展提速。", "")]
    [InlineData("推动企业、高校协同发展。", "")]
    [InlineData("推动龙头企业、中小企业产业融通发展。", "")]
    public void Industries_ASharedClassWordBeforeADevelopmentTail(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(sentence)));

    [Theory]
    // A title that names its directions as a counted list gives each item.
    [InlineData("关于促进新材料、新医药、新信息3个新兴产业加快发展的若干政策", "新材料|新医药|新信息", "")]
    // A count that is not the number of items, or a class that is no industry: not those items.
    [InlineData("关于促进新材料、新医药、新信息2个新兴产业加快发展的若干政策", "", "新医药|新信息")]
    [InlineData("关于促进甲乙、丙丁2个工程加快实施的若干措施", "", "甲乙|丙丁")]
    public void Industries_ACountedListInTheTitle(string title, string found, string notFound) =>
        TitleTracks(title, found, notFound);

    [Theory]
    // 重点产业 is the class of a document's chosen industries; 承接产业转移 an action on industry: neither is a direction.
    [InlineData("关于重点产业布局调整和承接产业转移的实施意见", "", "重点产业|承接产业")]
    // A title whose subject is an industry keeps it.
    [InlineData("关于推动低空经济高质量发展的实施意见", "低空经济", "")]
    [InlineData("关于承接产业转移和发展生物医药产业的实施意见", "生物医药产业", "承接产业")]
    // 县域, 市域 qualify the subject: no place's name ends before 域 (湖北省县域… gives no 域特色产业).
    [InlineData("湖北省县域特色产业集群高质量发展实施方案", "", "域特色产业|域特色产业集群")]
    [InlineData("湖北省县域低空经济高质量发展实施方案", "", "域低空经济")]
    public void Industries_AClassOrAnActionInTheTitleIsNoDirection(string title, string found, string notFound) =>
        TitleTracks(title, found, notFound);

    /// <summary>The tracks a notice's title gives: each of <paramref name="found"/> among them, none of
    /// <paramref name="notFound"/>.</summary>
    private static void TitleTracks(string title, string found, string notFound)
    {
        var tracks = Tracks(RulesOnly.Parse(title + "\n\n各部门：\n现印发给你们，请认真贯彻执行。\n")).ToList();
        foreach (var name in Split(found)) Assert.Contains(name, tracks);
        foreach (var name in Split(notFound)) Assert.DoesNotContain(name, tracks);
    }

    [Theory]
    // Sibling headings that are each a place's name: a layout by sections.
    [InlineData("三、空间布局\n（一）苏州工业园区。\n（二）昆山开发区（含花桥）。\n（三）吴江区。", "苏州工业园区|昆山开发区|吴江区")]
    [InlineData("四、打造创新发展核心\n（一）梓山湖大健康示范区。\n（二）武咸(贺胜)战略发展区。", "梓山湖大健康示范区|武咸(贺胜)战略发展区")]
    // A layout element's label and colon, then its districts.
    [InlineData("三、空间布局\n（一）一核：咸宁主城区创新发展核心区。\n（二）一带：赤壁 嘉鱼沿江创新发展带。", "咸宁|赤壁|嘉鱼")]
    // One place heading among task headings, a task heading ending in a zone word, a division's short form alone: no layout.
    [InlineData("三、重点任务\n（一）苏州工业园区。\n（二）加强人才保障。", "")]
    [InlineData("三、重点任务\n（一）建设特色产业园区。\n（二）打造创新示范区。", "")]
    [InlineData("三、重点任务\n（一）赤壁。\n（二）嘉鱼。", "")]
    public void Places_HeadingsThatNameThePlacesOfALayout(string text, string expected) =>
        Assert.Equal(Split(expected), Places(RulesBody(text)));

    [Theory]
    // The places a document measures itself against, or where a speech was given, are no layout.
    [InlineData("在全市也落后于乐清市、龙湾区和瓯海区。", "")]
    [InlineData("贯彻落实总书记考察浙江、宁波时的重要讲话精神。", "")]
    // Named as where something is built, they are.
    [InlineData("支持乐清市、龙湾区建设数字经济产业园。", "乐清市|龙湾区")]
    public void Places_ComparedOrVisitedAreNoLayout(string sentence, string expected) =>
        Assert.Equal(Split(expected), Places(RulesBody(sentence)));

    private static IEnumerable<string> Places(PolicyDraft draft) => draft.Places.Select(p => p.Name);
}
