using Fip.Policy;
using Fip.Policy.Text;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Mechanisms written on branch parser10 from the kinds of error held-out-8 showed (issue 17): rules of text layout and of the
/// grammar of policy language, not phrases of one document. Blanks extraction put inside clauses; names that are no industry by
/// where they stand (the type of a statutory zone, an area's head, a parallel slogan an abbreviation sums up). Each table holds
/// counter-cases; the sentences are written for the rule, not copied from the corpus.
/// </summary>
public class PolicyHeldOutEightRulesTests
{
    [Theory]
    // A blank between a figure and an ideograph is extraction's: the clause holding one loses its blanks between words.
    [InlineData("到 2027 年,企业达 1000 家 以上。", "到2027年,企业达1000家以上。")]
    [InlineData("建成不少於 3 個示範 園區,", "建成不少於3個示範園區,")]
    [InlineData("（2024—2026 年）", "（2024—2026年）")]
    // A clause with no blank beside a figure keeps its blanks: an issuer before a title, a heading mark, a Latin word.
    [InlineData("市人民政府办公室 关于印发行动方案的通知", "市人民政府办公室 关于印发行动方案的通知")]
    [InlineData("第一章 总则", "第一章 总则")]
    [InlineData("开通5G 基站,推进产业 升级。", "开通5G 基站,推进产业 升级。")]
    // Each clause is read apart: the blank of the next clause stays when only this one is spaced.
    [InlineData("达到 30 个,市政府 统筹。", "达到30个,市政府 统筹。")]
    // Indents and blanks beside punctuation are not between words.
    [InlineData("  一、 总体要求", "  一、 总体要求")]
    public void Layout_BlanksInsideAClauseBesideAFigure(string text, string expected) =>
        Assert.Equal(expected, BlankNormaliser.Normalise(text));

    [Theory]
    [InlineData("到 2027 年,智能机器人相关企业达 1000 家 以上。", "1000家AtLeast")]
    [InlineData("到 2027 年,建成不少於 3 個主題產業集聚區。", "3个AtLeast")]
    [InlineData("到 2027 年,集群相關產業營收突破 1000 億元。", "1000亿元AtLeast")]
    // Without the goal year the figure states no goal here either; a blank between ideographs alone changes nothing.
    [InlineData("企业 达到规模。", "")]
    public void Targets_ReadAfterBlanksAreRemoved(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(Body(sentence)));

    [Theory]
    // A unit is given in its Simplified form whatever the page writes; the indicator stays as written.
    [InlineData("到2027年,培育鏈主企業10個。", "個", "个")]
    [InlineData("到2027年,產業營收突破1000億元。", "億元", "亿元")]
    public void Targets_UnitsInTheirSimplifiedForm(string sentence, string written, string unit)
    {
        var t = Assert.Single(Body(sentence).Targets);
        Assert.Equal(unit, t.Unit);
        Assert.Contains(written, t.Source.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_QuotesPointIntoTheDraftsText()
    {
        var draft = Body("到 2027 年,企业达 1000 家 以上。");
        var t = Assert.Single(draft.Targets);
        Assert.Equal(t.Source.Quote, draft.Text.Substring(t.Source.Offset, t.Source.Length));
        Assert.DoesNotContain("1000 家", draft.Text, StringComparison.Ordinal);
    }

    [Theory]
    // A phrase the text runs on into 开发区 is part of a statutory zone's type, not an industry of the document.
    [InlineData("关于促进国家高新技术产业开发区高质量发展的意见", "")]
    [InlineData("重点发展生物医药、高端装备等产业,推动高新技术产业开发区提质。", "生物医药|高端装备")]
    // The same phrase standing alone is still read.
    [InlineData("重点发展生物医药、新材料等产业。", "生物医药|新材料")]
    public void Industries_NotThePhraseBeforeAZoneType(string text, string expected) =>
        Assert.Equal(Split(expected), Tracks(PolicyParser.ParseText(text + "\n\n正文。\n")).Except(["正文"]));

    [Theory]
    // A name ending in the head of an area's name (科学城, 产业园, 新城) is a place, not an industry.
    [InlineData("以光谷科学城为核心,以人工智能为引领。", "人工智能")]
    [InlineData("以滨江新城为核心,以生物医药为引领。", "生物医药")]
    // The industry the area is named for is still read where it stands alone.
    [InlineData("以集成电路为引领,以新材料为支撑。", "集成电路|新材料")]
    // Rules only: the learned reader retrained on parser13 scores 集成电路 in this one sentence just under its threshold
    // (0.512 < 0.52); the rule's reading is what the table holds.
    public void Industries_AreaNamesArePlaces(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesBody(sentence)));

    [Theory]
    // A 、-list summed up by a quoted numeral abbreviation whose character every item holds is a parallel slogan.
    [InlineData("围绕新基建、新动能、新优势“三新”目标,聚焦强企业、强行业、强区域“三强”任务。", "")]
    // Without the abbreviation, or with one whose character the items do not all hold, the list is read as before.
    [InlineData("聚焦新能源、新材料、生物医药等产业。", "新能源|新材料|生物医药")]
    [InlineData("重点发展新能源、新材料、生物医药等“三大”产业。", "新能源|新材料|生物医药")]
    public void Industries_ParallelSloganIsNoList(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // A goal clause opening with a 、-list closed by 等 and a direction class word names directions, whatever follows.
    [InlineData("到2027年,量子信息、空天信息、合成生物等领域率先实现突破。", "量子信息|空天信息|合成生物")]
    [InlineData("到2030年,氢能、储能等产业规模显著扩大。", "氢能|储能")]
    [InlineData("二、发展目标\n海洋装备、海洋牧场、海洋药物等方向形成集聚。", "海洋装备|海洋牧场|海洋药物")]
    // Not outside a goal, not fields a subject merges with, not scenarios, not bare fields of action, not after a preposition.
    [InlineData("近年来,量子信息、空天信息、合成生物等领域取得突破。", "")]
    [InlineData("到2027年,智能制造、文化旅游等领域融合发展成效显著。", "")]
    [InlineData("到2027年,交通、医疗、教育等领域应用场景不断丰富。", "")]
    [InlineData("到2027年,科技、产业、民生等领域协同推进。", "")]
    [InlineData("到2027年,在智能制造、文化旅游等领域形成示范。", "")]
    public void Industries_GoalClauseOpeningWithADirectionList(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    private static IEnumerable<string> Places(PolicyDraft draft) => draft.Places.Select(p => p.Name);

    [Theory]
    // A city's zone written short beside its districts in full is a place of the document.
    [InlineData("依托庐阳区、高新区打造两个总部集聚区。", "庐阳区|高新区")]
    [InlineData("支持瑶海区、经开区建设创新平台。", "瑶海区|经开区")]
    // Zone short forms alone, or beside a division's short form or a common word, are no list of places.
    [InlineData("依托高新区、经开区打造两个总部集聚区。", "")]
    [InlineData("开展港口、园区重载卡车示范。", "")]
    public void Places_ZoneShortFormBesideDistricts(string sentence, string expected) =>
        Assert.Equal(Split(expected), Places(Body(sentence)));

    [Theory]
    // A head written once after a list of divisions is shared by all of them.
    [InlineData("支持广州、深圳高新区建设世界一流园区。", "广州高新区|深圳高新区")]
    // The head of an area with words of its own is not shared; a list of divisions without a head stays as it is.
    [InlineData("支持广州、深圳前海新区建设世界一流园区。", "广州|深圳前海新区")]
    [InlineData("支持广州、深圳、珠海等市建设示范园区。", "广州|深圳|珠海")]
    public void Places_SharedAreaHead(string sentence, string expected) =>
        Assert.Equal(Split(expected), Places(Body(sentence)));

    [Theory]
    // A place inside a cited document's title, or a region right after 成为, is no place of the document.
    [InlineData("贯彻落实《广州、深圳协同发展规划纲要》精神。", "")]
    [InlineData("成为亚太地区重要的高新技术研发基地。", "")]
    // The same places outside those frames are read.
    [InlineData("支持广州、深圳建设协同发展示范区。", "广州|深圳")]
    [InlineData("推动产业向中西部地区转移。", "中西部地区")]
    public void Places_CitedTitlesAndAmbitionsAreNoPlaces(string sentence, string expected) =>
        Assert.Equal(Split(expected), Places(Body(sentence)));

    [Theory]
    // 万 and 亿 multiply any unit: the multiplier is part of the unit as written.
    [InlineData("到2025年,建成骨干光缆3万公里。", "3万公里Equal")]
    [InlineData("到2025年,推动超过2万家企业上云。", "2万家AtLeast")]
    // A unit the list holds with its multiplier already reads as before.
    [InlineData("到2025年,新增投资50亿元。", "50亿元Equal")]
    public void Targets_AMultiplierBeforeAnyUnit(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(Body(sentence)));

    [Theory]
    // An index is dimensionless: a bare figure right after an index word and a goal verb is a goal with no unit.
    [InlineData("到2025年,两化融合发展指数达到125。", "125Equal")]
    [InlineData("到2025年,区域创新能力指数超过80,专利授权量达到500件。", "80AtLeast|500件Equal")]
    // A bare figure after no index word, or an index with a unit after it, is read as before.
    [InlineData("到2025年,综合评分达到125。", "")]
    [InlineData("到2025年,营商环境指数提高到90分以上。", "")]
    public void Targets_AnIndexWithNoUnit(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(Body(sentence)));

    [Theory]
    // 了 after a verb marks an action done: the figures of its clause report a fact, not a goal.
    [InlineData("到2025年,会议确定了8个方面共120项重点任务。", "")]
    [InlineData("到2025年,全市已建成了30个示范园区。", "")]
    // A 了 of 为了 marks no aspect; a clause with no 了 is read as before.
    [InlineData("到2025年,为了加快转型,建成30个示范园区。", "2025:30")]
    [InlineData("到2025年,建成30个示范园区。", "2025:30")]
    public void Targets_PerfectiveClausesReportFacts(string sentence, string expected) =>
        Assert.Equal(Split(expected), Figures(Body(sentence)));

    [Theory]
    // A share of a base that 按 opens is the rate a measure computes with.
    [InlineData("力争按国家实际到账补助资金的30%给予配套支持。", "")]
    [InlineData("到2025年,按项目实际投资额的10%给予补助。", "")]
    // A share with no 按 before it, or 按 before a share with no 的, is read as before.
    [InlineData("到2025年,规模以上企业的数字化率达到70%。", "70%Equal")]
    [InlineData("到2025年,按计划数字化率达到70%。", "70%Equal")]
    public void Targets_ARateOnABaseIsNoGoal(string sentence, string expected) =>
        Assert.Equal(Split(expected), Compared(Body(sentence)));

    [Theory]
    // A pace clause in another unit than the goal before it measures the subject's growth, an indicator of its own.
    [InlineData("到2025年,软件业务收入达到800亿元,年均增长15%以上。", "软件业务收入|软件业务收入年均增长")]
    // In the same unit it is a pace of that goal and shares its indicator.
    [InlineData("到2025年,研发投入占比累计提高3个百分点,年均提高0.6个百分点。", "研发投入占比累计提高|研发投入占比")]
    public void Targets_APaceInAnotherUnitIsItsOwnIndicator(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Targets.Select(t => t.Indicator));

    [Theory]
    // Under a goal heading a clause-opening year holds for the paragraph's later sentences, as 到2025年 does.
    [InlineData("一、工作目标\n2025年,经济总量突破500亿元。培育10家龙头企业。", "2025:500|2025:10")]
    // Outside a goal heading it holds for its sentence only.
    [InlineData("一、重点任务\n2025年,经济总量突破500亿元。培育10家龙头企业。", "2025:500")]
    public void Targets_AClauseYearUnderAGoalHeading(string text, string expected) =>
        Assert.Equal(Split(expected), Figures(Body(text)));

    [Theory]
    // A role joined by 的 to a quoted coinage or to a noun with no industry word makes the phrase a part of that noun.
    [InlineData("每年建设30个以智能感知应用为核心的“产业大脑”。", "")]
    [InlineData("建设以工业软件为核心的服务平台。", "")]
    // Joined to an industry or a class of them, or with no 的 after the role, the phrase is an industry as before.
    [InlineData("培育以工业软件为核心的数字产业集群。", "工业软件")]
    [InlineData("以工业软件为核心,以智能装备为支撑。", "工业软件|智能装备")]
    public void Industries_ARoleQualifyingANoun(string sentence, string expected) =>
        Assert.Equal(Split(expected), Tracks(Body(sentence)));

    [Theory]
    // A manner adverb of 发展 ends an adverbial: it is cut from the name, and the economy as a whole is no industry.
    [InlineData("为落实稳增长部署,着力促进全区经济平稳较快发展,制定本措施。\n一、提高审批效率\n1. 精简审批手续。", "")]
    [InlineData("为落实部署,着力促进全区低空经济较快发展,制定本措施。\n一、提高审批效率\n1. 精简审批手续。", "低空经济")]
    // An object with no manner adverb is read as before.
    [InlineData("为落实部署,着力促进全区低空经济加快发展,制定本措施。\n一、提高审批效率\n1. 精简审批手续。", "低空经济")]
    public void Industries_MannerOfDevelopmentIsNoName(string page, string expected) =>
        Assert.Equal(Split(expected), Tracks(PolicyParser.ParseText(page + "\n")));

    [Theory]
    // A title's subject runs to a process of transformation as it runs to 高质量发展: what is transformed is the industry.
    [InlineData("江苏省纺织业数字化转型行动方案", "纺织业")]
    [InlineData("关于推动装备制造业智能化改造的实施意见", "装备制造业")]
    // Firms or government work transformed name no industry.
    [InlineData("关于推进中小企业数字化转型的实施意见", "")]
    [InlineData("关于加快政府数字化转型的意见", "")]
    // Rules only: the learned reader retrained on parser13 scores 纺织业 in this bare title just under its threshold
    // (0.506 < 0.52); the rule's reading is what the table holds.
    public void Industries_TitleSubjectBeforeATransformation(string title, string expected) =>
        Assert.Equal(Split(expected), Tracks(RulesOnly.Parse(title + "\n\n正文。\n")).Except(["正文"]));
}
