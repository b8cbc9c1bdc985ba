using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Rules written for the kinds of error the first 22 held-out documents of samples/policies/corpus showed (branch
/// parser3): areas named without a division, regions that frame a role, goals stated for a period, compound units,
/// fields of action and generic names that are no industries, titles of cited documents, list marks before units. Each
/// table holds the cases officials would argue about, the negative ones as much as the positive.
/// </summary>
public class PolicyUnseenDocumentRulesTests
{
    private static PolicyDraft Parse(string text) => PolicyParser.ParseText(text);

    [Theory]
    // A list of parks named by their industries, opened by 即, is the layout.
    [InlineData("一区即邹城经济开发区；六园即高端化工产业园、高端装备制造产业园、港航物流产业园。",
        "高端化工产业园|高端装备制造产业园|港航物流产业园")]
    // Two named towns given the leading role, with 等 and a quoted slogan after them.
    [InlineData("以云溪小镇、梦想小镇等“九镇三谷”为引领，集聚创新资源。", "云溪小镇|梦想小镇")]
    // Class nouns, not names: a 特色小镇 or a 现代农业产业园 is a kind of area.
    [InlineData("建设特色小镇、示范园区，引导企业入驻。", "")]
    [InlineData("打造特色产业园、现代农业产业园，完善配套。", "")]
    [InlineData("利用产业集聚区、工业园区、商业综合体等平台，提供工作空间。", "")]
    // Production bases are where plants stand, not a focus layout.
    [InlineData("在相应园区建立煤化工生产基地、现代中药生产基地等十六处基地。", "")]
    // One named area alone, without a layout heading or a role, is no layout.
    [InlineData("聚焦信息经济特色小镇建设，集聚创新资源。", "")]
    // The issuing zone after 即 is not a focus place (it has a division, and 即 is no layout word for it).
    [InlineData("一区即邹城经济开发区。", "")]
    public void Places_NamedAreasWithoutADivision_OnlyAsAListOfNames(string sentence, string expected) =>
        Assert.Equal(Split(expected), Parse("标题\n\n" + sentence + "\n").Places.Select(p => p.Name));

    [Theory]
    // Under a layout heading, the area given the central role is a place, with or without a division.
    [InlineData("三、空间布局", "构建“一核多点”格局，以未来科技城为核心，带动周边发展。", "未来科技城")]
    [InlineData("（二）产业布局", "以滨江人工智能与数字经济试验区为核心，联动各区。", "滨江人工智能与数字经济试验区")]
    // The same sentence under a goals heading states no layout.
    [InlineData("二、发展目标", "构建“一核多点”格局，以未来科技城为核心，带动周边发展。", "")]
    // A principle or a class given the role is no place.
    [InlineData("三、空间布局", "以科技创新为核心，推动集聚发展。", "")]
    [InlineData("三、空间布局", "以示范园区为核心，推动集聚发展。", "")]
    public void Places_AreaGivenTheCentralRoleUnderALayoutHeading(string heading, string sentence, string expected) =>
        Assert.Equal(Split(expected), Parse("标题\n\n" + heading + "\n" + sentence + "\n").Places.Select(p => p.Name));

    [Theory]
    // A region whose clause ends in a role (崛起, 高地, 排头兵) frames the city's ambition; it is no layout.
    [InlineData("把握促进中部地区崛起的重大机遇。", "")]
    [InlineData("聚焦打造内陆地区改革开放的高地。", "")]
    [InlineData("为勇当沿海地区高质量发展排头兵提供支撑。", "")]
    // A region named as where industry goes stays a place.
    [InlineData("引导产业向中西部地区转移。", "中西部地区")]
    public void Places_RegionFramingARole_IsNotAFocusPlace(string sentence, string expected) =>
        Assert.Equal(Split(expected), Parse("标题\n\n" + sentence + "\n").Places.Select(p => p.Name));

    [Theory]
    [InlineData("三年内认定市级众创空间60家以上。", 60, TargetComparator.AtLeast, "市级众创空间")]
    [InlineData("力争用5年时间，培养出30名左右省部级领军人才。", 30, TargetComparator.About, "省部级领军人才")]
    [InlineData("经过五年努力，全省数字经济规模达到5.5万亿元。", 5.5, TargetComparator.Equal, "数字经济规模")]
    public void Targets_GoalStatedForAPeriod_HasNoYear(string sentence, double value, TargetComparator comparator, string indicator)
    {
        var t = Assert.Single(Parse("标题\n\n" + sentence + "\n").Targets);
        Assert.Null(t.Year);
        Assert.Equal((decimal)value, t.Value);
        Assert.Equal(comparator, t.Comparator);
        Assert.Contains(indicator, t.Indicator, StringComparison.Ordinal);
    }

    [Theory]
    // 3年后 and 五年前 are no periods: without a goal year the figures are not goals.
    [InlineData("企业入驻3年后可申请认定，认定后给予50万元奖励。")]
    [InlineData("对五年前认定的众创空间60家进行复核。")]
    public void Targets_AfterOrBeforeAPeriod_AreNotGoals(string sentence) =>
        Assert.Empty(Parse("标题\n\n" + sentence + "\n").Targets);

    [Theory]
    [InlineData("电堆最大额定功率达到150kW", 150, TargetComparator.Equal, "kW")]
    [InlineData("寿命超过20000小时", 20000, TargetComparator.AtLeast, "小时")]
    [InlineData("膜电极铂载量低于0.2g/kW", 0.2, TargetComparator.AtMost, "g/kW")]
    [InlineData("新型储能装机规模达到3GW以上", 3, TargetComparator.AtLeast, "GW")]
    public void Targets_CompoundAndPowerUnits(string clause, double value, TargetComparator comparator, string unit)
    {
        var t = Assert.Single(Parse("标题\n\n一、主要目标\n到2025年，" + clause + "。\n").Targets);
        Assert.Equal((decimal)value, t.Value);
        Assert.Equal(comparator, t.Comparator);
        Assert.Equal(unit, t.Unit);
    }

    [Theory]
    // 百亿元级 qualifies the enterprises counted; the goal is the count.
    [InlineData("到2027年，形成10家以上营收百亿元级企业。", new[] { 10 })]
    [InlineData("到2027年，培育千亿元级产业集群2个。", new[] { 2 })]
    public void Targets_AmountClassBeforeItsNoun_IsAQualifier(string sentence, int[] values) =>
        Assert.Equal(values.Select(v => (decimal)v), Parse("标题\n\n一、主要目标\n" + sentence + "\n").Targets.Select(t => t.Value));

    [Theory]
    // Bare fields of action say where a policy applies.
    [InlineData("以科技、产业、消费、民生、治理、全球合作等领域为重点，深入实施行动。", "")]
    [InlineData("聚焦政务、制造、教育、医疗、交通等重点领域，开放应用场景。", "")]
    // Named industries in the same grammar stay industries.
    [InlineData("重点发展人工智能、生物医药、新材料等领域。", "人工智能|生物医药|新材料")]
    // A last item that runs on with 的 makes the whole list qualifiers of one noun.
    [InlineData("聚焦打造国家重要先进制造业、具有核心竞争力的科技创新、内陆地区改革开放的高地，推动转型。", "")]
    // 就A、B… at the start of a clause lists directions; inside a word (就业) it does not.
    [InlineData("（一）做强主导产业。就汽车及零部件、精细化工、新材料新能源、纺织服装，制定专项方案。",
        "汽车及零部件|精细化工|新材料新能源|纺织服装")]
    [InlineData("促进就业、创业，稳定岗位。", "")]
    public void Industries_ListsOfFieldsAndQualifiers_AreNotIndustries(string sentence, string expected) =>
        Assert.Equal(Split(expected), Parse("标题\n\n" + sentence + "\n").Tracks.Select(t => t.Name));

    [Theory]
    // A cited document's subject is not this document's direction.
    [InlineData("为落实《上海市促进智能终端产业高质量发展行动方案》等政策，加快推动机器人产业集聚。", "")]
    // Named again outside the citation as what the text develops, it is a direction.
    [InlineData("为落实《上海市促进智能终端产业高质量发展行动方案》等政策，推动智能终端产业发展。", "智能终端产业")]
    // A division before a track is where it grows.
    [InlineData("促进思茅区生物医药产业高质量发展。", "生物医药产业")]
    // Generic qualifiers and a head name a class of industries; 先进制造业 is an industry officials name as such.
    [InlineData("推动传统优势特色产业转型升级。", "")]
    [InlineData("促进创新型经济发展。", "")]
    [InlineData("促进先进制造业发展。", "先进制造业")]
    // The name of a meeting is not an industry.
    [InlineData("为贯彻落实全市推动制造业高质量发展大会精神，制定本计划。", "")]
    public void Industries_CitedTitlesGenericNamesAndMeetings(string sentence, string expected) =>
        Assert.Equal(Split(expected), Parse("标题\n\n" + sentence + "\n").Tracks.Select(t => t.Name));

    [Theory]
    [InlineData("中山市推进“人工智能+”产业创新发展的若干政策措施", "人工智能")]
    [InlineData("眉山市新一代人工智能发展实施方案", "新一代人工智能")]
    // A process, a principle or a verb is no subject.
    [InlineData("关于促进我市开发区改革和创新发展的实施方案", "")]
    [InlineData("关于践行“三高四新”战略优化企业奖补投入的实施意见", "")]
    [InlineData("关于实施人才优先发展战略的意见", "")]
    public void Industries_TheTitleSubject(string title, string expected) =>
        Assert.Equal(Split(expected), Parse(title + "\n为推动发展，制定本方案。\n").Tracks.Select(t => t.Name));

    [Theory]
    [InlineData("（责任单位：☆经信局、★市科技局）", "经信局|市科技局")]
    [InlineData("（牵头单位：●市发展改革委）", "市发展改革委")]
    public void Departments_ListMarkBeforeAUnit_IsLayout(string note, string expected) =>
        Assert.Equal(Split(expected),
            Parse("标题\n\n一、重点任务\n1.加大项目招引。引进领军企业。" + note + "\n").Responsibilities.SelectMany(r => r.Units).Select(u => u.Name));
}
