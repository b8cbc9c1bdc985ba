using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Rules written on branch parser7 for pages whose layout was lost in republishing (issue 17, held-out-5's error kinds):
/// responsibility notes on a page without full stops, headings that do not start a line, and a region head that opens a
/// statistic's name. Each table holds at least as many negative cases as positive ones; the sentences are written for the
/// rule, not copied from the corpus.
/// </summary>
public class PolicyLayoutRulesTests
{
    [Theory]
    // A bracket opening with a label is a note wherever it stands, even between a clause and the next heading.
    [InlineData("给予最高500万元配套补助,(责任单位:市科技局、市财政局)(二)支持新药研发,给予补助。", "市科技局|市财政局")]
    [InlineData("支持企业上市,,(责任单位:市金融局)(三)支持人才引进,每人最高补助10万元。", "市金融局")]
    // A labelled list outside brackets stops at a bracket it did not open, at a heading mark, and at the first part that is
    // no list of unit names (a grant, a task); a figure or a grant's words are never part of a unit.
    [InlineData("火炬开发区、翠亨新区等镇街)(四)支持平台建设,(责任单位:市科技局)每家最高补助100万元。", "市科技局")]
    [InlineData("责任单位:市卫生健康局,单个企业每年最高补助100万元,给予最高20万元奖励。", "市卫生健康局")]
    [InlineData("责任单位:市商务局)(五)支持企业出海,对企业给予补助。", "市商务局")]
    [InlineData("(二)支持新药研发,单个企业每年最高补助100万元,给予最高100万元补助。", "")]
    // Responsibility words inside a sentence, without a label, are still no note.
    [InlineData("实施（技工院校内由人社部门负责）培训计划,提升技能。", "")]
    public void Departments_NotesOnAPageWithoutFullStops(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Departments);

    [Theory]
    // A heading mark inside a line starts a heading after a closing bracket, a sentence end or 如下:, or right after the
    // title of the heading one level up; its title ends at the first clause mark.
    [InlineData("特制订意见如下:一、鼓励项目引进(一)鼓励企业落户。对新落户企业给予奖励。", "一、鼓励项目引进|(一)鼓励企业落户")]
    [InlineData("给予补助,(责任单位:市科技局)(二)支持新药研发,给予补助,(责任单位:市财政局)(三)支持器械研发,给予补助。",
        "(二)支持新药研发|(三)支持器械研发")]
    [InlineData("（一）强化组织\n建立工作机制。（二）强化资金\n加大投入。", "（一）强化组织|（二）强化资金")]
    // Inside a sentence, after a colon that introduces no parts, as an inline list after ；, or going back in the numbering,
    // a mark is no heading.
    [InlineData("推进一、二产业融合发展,提升效益。", "")]
    [InlineData("主要包括:(一)资金支持;(二)用地保障。", "")]
    [InlineData("（二）强化保障\n落实责任。（一）项所列事项按规定执行。", "（二）强化保障")]
    [InlineData("支持企业发展(三)年度计划另行制定。", "")]
    public void Sections_HeadingsThatDoNotStartALine(string text, string expected) =>
        Assert.Equal(Split(expected), EvaluationView.From(Body(text)).Sections);

    [Theory]
    // A region head followed by a statistic's name (地区生产总值) is no region.
    [InlineData("海洋生产总值占地区生产总值比重超过34%。", "")]
    [InlineData("工业增加值增速超过地区生产总值增速。", "")]
    // A region named as an object stays a place.
    [InlineData("着力提升双季稻地区粮食产量。", "双季稻地区")]
    [InlineData("发挥东部地区产业优势,带动产业转移。", "东部地区")]
    public void Places_RegionHeadOfAStatistic(string sentence, string expected) =>
        Assert.Equal(Split(expected), EvaluationView.From(Body(sentence)).Places);

    [Theory]
    // A clause year before the document's own (its title's span or five-year period) states a statistic of a review.
    [InlineData("某市海洋经济发展“十四五”规划", "2020年,海洋生产总值达到1027亿元。", "")]
    [InlineData("某市数字经济发展行动方案（2024—2026年）", "2023年,产业规模达到500亿元。", "")]
    // A year of the document's own span, or any year when the title states none, still opens a goal.
    [InlineData("某市数字经济发展行动方案（2024—2026年）", "2026年,产业规模达到800亿元。", "2026:800")]
    [InlineData("某市数字经济发展行动方案", "2020年,产业规模达到500亿元。", "2020:500")]
    public void Targets_YearBeforeTheDocumentsOwn(string title, string body, string expected) =>
        Assert.Equal(Split(expected), PolicyParser.ParseText(title + "\n\n" + body + "\n").Targets
            .Select(t => $"{t.Year}:{t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    [Theory]
    // Directions scheduled or pushed forward, closed by 等 and a class word (a quoted programme count skipped), name industries.
    [InlineData("科学安排生物医药、生物材料、生物农业等发展时序,梯度推进。", "生物医药|生物材料|生物农业")]
    [InlineData("着力推进人工智能、高端装备、生物医药等“4+4”重点制造业产业领域以及传统产业升级,加快集聚。", "人工智能|高端装备|生物医药")]
    // Without 等 and a class word the same verbs open no list; a list of facilities built names no industries.
    [InlineData("科学安排资金、用地、人才等要素保障,提高效率。", "")]
    [InlineData("推进制造、能源、交通数字化转型,提升效率。", "")]
    [InlineData("全力打造生物制造创新赋能中心、成果转化中心、高端智造中心,提升能级。", "")]
    [InlineData("推进产业生态、基础设施、应用示范等领域能级提升,助力发展。", "")]
    // A list mostly of generic priorities names none; a list of industries beside one generic word still does.
    [InlineData("围绕重点领域、重点产业、重大项目、重点学科发展和建设,引进人才。", "")]
    [InlineData("围绕人工智能、生物医药、新材料,引进人才。", "人工智能|生物医药|新材料")]
    // Centres of activities a zone develops (not of a process) stay names.
    [InlineData("打造加工制造中心、研发设计中心、物流分拨中心,提升功能。", "加工制造中心|研发设计中心|物流分拨中心")]
    public void Industries_ScheduledDirectionsAndFacilities(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));
}
