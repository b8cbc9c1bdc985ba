using Fip.Policy;

using static Fip.UnitTests.Policy.PolicyCases;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Rules written on branch parser6 for kinds of Chinese policy language, not for one document's phrases, so that they hold on
/// a fifth held-out set nobody on the branch has seen: the bases and zones a document lists to build, an action launched to
/// empower an industry, a series of roles that states a method, a manner of producing in a leading role, industries that only
/// qualify (people, an administrative level, a frame served, a defined term), the yearless counts of a document of measures,
/// a predicate sharing the subject before it, an amount with no figure, compound units, and odd heading marks. Each table
/// holds at least as many negative cases as positive ones; the sentences are written for the rule, not copied from the corpus.
/// </summary>
public class PolicyGeneralRulesTests
{
    private static PolicyDraft Titled(string title, string body) => PolicyParser.ParseText(title + "\n\n" + body + "\n");

    [Theory]
    // A list of zones to build names the industry each is for; the rank (全国, 中部非省会城市), the 的-qualifier and a conjunct
    // of process (和军民融合发展) are not part of it.
    [InlineData("高水平建设全国车联网先导区、全国功能性面料服装和纺织新材料产业基地、中部非省会城市高端装备制造和军民融合发展示范区，为发展提供支撑。",
        "车联网|功能性面料服装和纺织新材料|高端装备制造")]
    [InlineData("加快建设以轻型商用车、专用车为代表的全国新能源和智能网联汽车产业基地、中部地区有影响力的新能源新材料产业基地。",
        "新能源和智能网联汽车|新能源新材料")]
    [InlineData("打造全国生物医药产业基地、全省氢能产业示范区。", "生物医药|氢能产业")]
    // Zones of a process or an application, of people or research, and one zone alone (what a city becomes) name none.
    [InlineData("打造全国数字产业创新发展集聚区、产业数字化转型示范区。", "")]
    [InlineData("建设人工智能创新应用先导区、人工智能融合发展示范区。", "")]
    [InlineData("建设人才培养基地、研发基地和中试基地。", "")]
    [InlineData("加快建设具有国际竞争力的先进制造业基地。", "")]
    public void Industries_ZonesADocumentBuilds(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // An action launched to empower an industry names it, a technology's application too.
    [InlineData("实施晶硅光伏科技赋能行动，加快关键技术攻关。", "晶硅光伏")]
    [InlineData("实施核技术应用科技赋能行动，推动医用同位素生产。", "核技术应用")]
    [InlineData("实施生物制造赋能工程，建设中试平台。", "生物制造")]
    // An action for people or firms, a quoted slogan, an action of another kind, a process of change name none.
    [InlineData("实施新型职业农民培育工程，加大扶持力度。", "")]
    [InlineData("实施中小企业数字化赋能专项行动。", "")]
    [InlineData("实施“网络能力”提升行动。", "")]
    [InlineData("实施人才赋能行动，优化服务。", "")]
    public void Industries_ActionThatEmpowersAnIndustry(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // A series of roles that holds a role of method (牵引, 落点) states how work is organised; a manner of producing that
    // leads (以智能制造为引领) is no industry.
    [InlineData("以算力供给为支撑、场景应用为牵引、赋能行业为落点，构建产业生态。", "")]
    [InlineData("初步形成以智能制造为引领、高端制造业为支撑的现代产业体系。", "")]
    [InlineData("以绿色制造为引领，推动工业转型。", "")]
    [InlineData("以数据要素为支撑、平台建设为抓手，推动产业升级。", "")]
    // Industries given a role each, and the same word 算力 as an industry with a role of its own, stay industries.
    [InlineData("打造以低空制造产业为核心，以低空保障产业为支撑的产业体系。", "低空制造产业|低空保障产业")]
    [InlineData("以人形机器人为创新引领，构建产品矩阵。", "人形机器人")]
    [InlineData("以算力产业为支撑，加快集聚。", "算力产业")]
    // The manner rule holds for leading roles only: a list of directions still names 智能制造.
    [InlineData("聚焦智能制造、生物医药等重点产业，加快集聚。", "智能制造|生物医药")]
    public void Industries_LeadRoleOfMethodOrManner(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // The title's industry: what develops (创新发展规划 is a tail and a kind), and two joined by 和 with a tail after.
    [InlineData("山东省量子技术创新发展规划", "量子技术")]
    [InlineData("关于加快推进农业机械化和农机装备产业转型升级的指导意见", "农业机械化|农机装备产业")]
    [InlineData("湖北省新材料产业倍增行动方案", "新材料产业")]
    // An industry that qualifies people (人才新高地), or industries classed by administrative level (乡镇, 县域), name none.
    [InlineData("关于实施人才发展新政策打造海洋经济人才新高地的意见", "")]
    [InlineData("盘锦市乡镇(街道)产业发展规划", "")]
    [InlineData("某县县域经济发展规划", "")]
    public void Industries_TitleSubjectOrQualifier(string title, string expected) =>
        Assert.Equal(Split(expected), Titled(title, "一、总体要求\n坚持稳中求进。").Tracks.Select(t => t.Name));

    [Theory]
    // A title-less opening defines its subject when a 是-clause's head noun (after its last 的) is a technology or industry.
    [InlineData("脑机接口是生物智能与机器智能深度融合的前沿技术，是未来医疗的新方向。", "脑机接口")]
    [InlineData("生物制造是利用生物体机能进行物质加工的生产方式，是新质生产力的新赛道和新业态。", "生物制造")]
    // A defined term whose head is something else (生产力, 基础设施) names no industry, though 经济 is in a qualifier.
    [InlineData("算力是数字经济时代的新型生产力。", "")]
    [InlineData("算力网是支撑数字经济高质量发展的关键基础设施。", "")]
    public void Industries_OpeningDefinitionByItsHeadNoun(string sentence, string expected) =>
        Assert.Equal(Split(expected), PolicyParser.ParseText("各省、自治区人民政府：\n" + sentence + "\n").Tracks.Select(t => t.Name));

    [Theory]
    // A development that something is said to serve (对推动X发展的作用) is a frame, not a direction.
    [InlineData("充分发挥量子技术创新对推动全省新一代信息技术产业发展的重要作用。", "")]
    [InlineData("认识人工智能对促进数字产业发展的意义。", "")]
    // The same development as the document's own aim stays a direction.
    [InlineData("加快推动全省新一代信息技术产业发展。", "新一代信息技术产业")]
    [InlineData("制定支持低空经济产业发展的若干措施。", "低空经济产业")]
    public void Industries_DevelopmentServedIsAFrame(string sentence, string expected) =>
        Assert.Equal(Split(expected), Body(sentence).Tracks.Select(t => t.Name));

    [Theory]
    // In a document of measures, a measure's counts are goals without a year: after the noun its verb opens, or a goal verb.
    [InlineData("山东省支持数字经济发展的若干措施", "新开通5G基站15万个以上，总数达到30万个以上。", "15|30")]
    [InlineData("关于进一步推进人才优先发展的若干措施", "围绕重大产业需求，引进5~10个重大创新团队，给予项目资助。", "5")]
    [InlineData("某市促进低空经济发展若干政策措施", "新建10个以上通用机场。", "10")]
    [InlineData("某市促进低空经济发展若干政策措施", "建成低空航线20条以上。", "20")]
    // The same counts in a plan with no year in scope, a subsidy or a reward, and the work a measure supports (支持企业…)
    // are no goals.
    [InlineData("某市数字经济实施方案", "新开通5G基站15万个以上，总数达到30万个以上。", "")]
    [InlineData("山东省支持数字经济发展的若干措施", "对新建5G基站，省财政给予每个最高5000元补贴。", "")]
    [InlineData("关于进一步推进人才优先发展的若干措施", "对引进的顶尖人才，给予最高500万元奖励。", "")]
    [InlineData("某市促进低空经济发展若干政策措施", "支持企业新建3个以上通用机场。", "")]
    public void Targets_MeasuresDocumentCountsAreYearlessGoals(string title, string measure, string expected)
    {
        var draft = Titled(title, "一、主要措施\n1.实施专项行动。" + measure);
        Assert.Equal(Split(expected).Select(decimal.Parse), draft.Targets.Select(t => t.Value));
        Assert.All(draft.Targets, t => Assert.Null(t.Year));
    }

    [Theory]
    // A predicate joined by 、 with no subject of its own shares the subject before it.
    [InlineData("到2027年，全省数字经济增加值增长55%以上、达到5.5万亿元。", "数字经济增加值", "数字经济增加值")]
    [InlineData("到2025年，全市工业产值增长10%、突破800亿元。", "工业产值", "工业产值")]
    // Items with subjects of their own keep them.
    [InlineData("到2027年，数字经济增加值达到5万亿元、核心产业增加值达到1万亿元。", "数字经济增加值", "核心产业增加值")]
    [InlineData("到2025年，培育示范园区5个、标杆企业20家。", "示范园区", "标杆企业")]
    public void Targets_PredicateWithoutSubject_SharesTheOneBefore(string sentence, string first, string second)
    {
        var targets = Body(sentence).Targets;
        Assert.Equal(2, targets.Count);
        Assert.Contains(first, targets[0].Indicator, StringComparison.Ordinal);
        Assert.Contains(second, targets[1].Indicator, StringComparison.Ordinal);
        // Never the bare goal verb (达到, 突破) the predicate opens with.
        Assert.True(targets[1].Indicator.Length > 2, targets[1].Indicator);
        Assert.False(targets[1].Indicator.EndsWith("增长", StringComparison.Ordinal), targets[1].Indicator);
    }

    [Theory]
    // 超万亿元 with no figure is one 万亿元; compound units of computing and networks are units; a Latin gloss is skipped.
    [InlineData("到2030年，人工智能产业规模超万亿元。", 1, "万亿元", TargetComparator.AtLeast)]
    [InlineData("到2025年，算力规模达到5000千万亿次浮点指令/秒(PFLOPS)以上。", 5000, "千万亿次浮点指令/秒", TargetComparator.AtLeast)]
    [InlineData("到2025年，数据中心规模达到10万标准机架。", 10, "万标准机架", TargetComparator.Equal)]
    [InlineData("到2025年，骨干网出口带宽达到400Gbps以上。", 400, "Gbps", TargetComparator.AtLeast)]
    public void Targets_AmountWithoutFigureAndCompoundUnits(string sentence, double value, string unit, TargetComparator comparator)
    {
        var t = Assert.Single(Body(sentence).Targets);
        Assert.Equal((decimal)value, t.Value);
        Assert.Equal(unit, t.Unit);
        Assert.Equal(comparator, t.Comparator);
    }

    [Theory]
    // 万亿 with no figure and no floor or goal word before it, a 千亿级 class qualifying a noun, and a unit's bracket that is
    // no Latin gloss give no such target.
    [InlineData("到2030年，形成万亿元产业规模的发展格局。")]
    [InlineData("到2025年，打造千亿级产业集群。")]
    [InlineData("到2025年，万亿元投资带动作用明显。")]
    [InlineData("到2025年，营业收入超万元的企业达到100家。")]
    public void Targets_AmountWithoutFigure_NeedsAGoalWord(string sentence) =>
        Assert.DoesNotContain(Body(sentence).Targets, t => t.Unit == "万亿元" && t.Value == 1);

    [Theory]
    // Odd heading marks: the small full stop 1﹒, a half bracket 1）/1), circled ①.
    [InlineData("1﹒促进科学研究范式变革。组织实施基础研究计划。", "促进科学研究范式变革")]
    [InlineData("1）建设公共算力平台", "建设公共算力平台")]
    [InlineData("2)培育骨干企业", "培育骨干企业")]
    [InlineData("①加强基础研究。开展前沿探索。", "加强基础研究")]
    // A figure with a small full stop or a bracket after a digit is no heading, nor a circled numeral inside a line.
    [InlineData("1﹒5倍于上年的投入。", "")]
    [InlineData("3)5个示范项目已经建成。", "")]
    [InlineData("重点任务包括①基础研究和②应用研究。", "")]
    [InlineData("2025年)前完成验收。", "")]
    public void Sections_OddHeadingMarks(string line, string expected)
    {
        var outline = Body("一、主要任务\n" + line).Outline.Skip(1).Select(h => h.Title);
        Assert.Equal(Split(expected), outline);
    }
}
