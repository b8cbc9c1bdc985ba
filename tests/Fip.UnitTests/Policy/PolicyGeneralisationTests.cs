using Fip.Policy;

namespace Fip.UnitTests.Policy;

/// <summary>
/// Rules that let the parser read documents of other cities and provinces (issue 17), as tables of real sentences from
/// samples/policies/corpus: targets anywhere under a goal year, enumerations, Chinese numerals, Traditional script,
/// industries from the grammar of the title and of lists, never a sentence fragment.
/// </summary>
public class PolicyGeneralisationTests
{
    private static PolicyDraft Parse(string text) => PolicyParser.ParseText(text);

    public static TheoryData<string, string[], decimal[]> Enumerations => new()
    {
        // One verb, several items each closed by its figure and unit.
        { "到2025年，培育人工智能高能级示范园区5个、人工智能赋能标杆企业20家、典型应用场景30个。", ["示范园区", "标杆企业", "典型应用场景"], [5, 20, 30] },
        // The example: two targets, not "、高新技术企业 = 10 家".
        { "到2027年，培育未来产业领军企业10家、高新技术企业200家。", ["未来产业领军企业", "高新技术企业"], [10, 200] },
        // Items whose own verb differs share the year.
        { "到2027年，培育鏈主企業10家，專精特新“小巨人”企業50家，人工智能產業營收規模突破1000億元。", ["鏈主企業", "小巨人", "營收規模"], [10, 50, 1000] },
    };

    [Theory]
    [MemberData(nameof(Enumerations))]
    public void Targets_Enumeration_OneTargetPerItemWithItsOwnNoun(string sentence, string[] nouns, decimal[] values)
    {
        var d = Parse("标题\n\n二、发展目标\n" + sentence + "\n");
        Assert.Equal(values, d.Targets.Select(t => t.Value));
        for (var i = 0; i < nouns.Length; i++)
        {
            Assert.Contains(nouns[i], d.Targets[i].Indicator, StringComparison.Ordinal);
            Assert.DoesNotContain("、", d.Targets[i].Indicator, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("到2027年，打造3个以上的量产人形机器人产品。", 3, TargetComparator.AtLeast, "量产人形机器人产品")]
    [InlineData("到2027年，实现百家行业骨干企业集聚。", 100, TargetComparator.Equal, "行业骨干企业")]
    [InlineData("到2025年，培育十余家生态主导型企业。", 10, TargetComparator.AtLeast, "生态主导型企业")]
    [InlineData("到2026年，力争引育两家链主企业。", 2, TargetComparator.Equal, "链主企业")]
    [InlineData("到2026年，集聚产业链相关企业150家以上。", 150, TargetComparator.AtLeast, "产业链相关企业")]
    [InlineData("到2030年，未来产业产值达到5000亿元左右。", 5000, TargetComparator.About, "未来产业产值")]
    [InlineData("到2027年，建设不少于4个具身智能高质量孵化器。", 4, TargetComparator.AtLeast, "具身智能高质量孵化器")]
    [InlineData("到2025年，制造业增加值占地区生产总值比重35%左右。", 35, TargetComparator.About, "制造业增加值占地区生产总值比重")]
    [InlineData("到2026年，力争聚集产业链相关企业20余家。", 20, TargetComparator.AtLeast, "产业链相关企业")]
    public void Targets_NumeralsAndComparators_AreReadAsOfficialsMeanThem(
        string sentence, int value, TargetComparator comparator, string indicator)
    {
        var t = Assert.Single(Parse("标题\n\n一、主要目标\n" + sentence + "\n").Targets);
        Assert.Equal(value, t.Value);
        Assert.Equal(comparator, t.Comparator);
        Assert.Contains(indicator, t.Indicator, StringComparison.Ordinal);
    }

    [Theory]
    // A count qualifying an amount (总投资10亿元以上的项目) is not a second target.
    [InlineData("到2027年，引进总投资10亿元以上的人工智能领域项目40个。", new[] { 40 })]
    // A slogan in quotes (“两个确保”) and a numeral of one (一个) are prose, not goals.
    [InlineData("到2025年，锚定“两个确保”，形成一个产品矩阵，打造应用场景20个。", new[] { 20 })]
    // A subsidy ceiling without a goal year is a rule of the measure.
    [InlineData("对企业给予不超过单个合同额20%的补助，同一企业每年不超过100万元。", new int[0])]
    public void Targets_QualifiersSlogansAndCeilings_AreNotGoals(string sentence, int[] values)
    {
        var d = Parse("标题\n\n一、主要目标\n" + sentence + "\n");
        Assert.Equal(values.Select(v => (decimal)v), d.Targets.Select(t => t.Value));
    }

    [Fact]
    public void Targets_GoalYear_HoldsForTheParagraphsUntilTheNextHeading()
    {
        var d = Parse("""
            十堰市低空经济高质量发展实施方案
            豫政办〔2024〕33号
            2024年7月5日
            二、发展目标
            到2026年，低空经济产业培育全面发展。
            ——产业链条建立健全。力争聚集产业链相关企业100家，投资总额达100亿元。
            ——应用场景丰富多元。开通2-3条通用航空短途运输航线、100条以上无人机航线。
            三、重点任务
            （一）支持企业。对新引进的企业给予最高100万元奖励。
            """);
        Assert.Equal([100m, 100m, 2m, 100m], d.Targets.Select(t => t.Value));
        Assert.All(d.Targets, t => Assert.Equal(2026, t.Year));
        string[] nouns = ["产业链相关企业", "投资总额", "通用航空短途运输航线", "无人机航线"];
        Assert.All(nouns.Zip(d.Targets), x => Assert.EndsWith(x.First, x.Second.Indicator, StringComparison.Ordinal));
        Assert.Equal(TargetComparator.Between, d.Targets[2].Comparator);
        Assert.Equal(">=", EvaluationView.ComparatorText(d.Targets[2].Comparator)); // the scorer has no range
    }

    [Fact]
    public void TraditionalScript_IsReadAndNamesAreGivenBackAsWritten()
    {
        var d = Parse("""
            嘉興市推動人工智能高質量發展實施方案
            一、主要目標
            到2027年，培育人工智能賦能標杆企業20家。
            二、重點任務
            1.加大項目招引。引進領軍企業。（責任單位：市商務局、市發展改革委）
            """);
        var t = Assert.Single(d.Targets);
        Assert.Equal(2027, t.Year);
        Assert.Contains("標杆企業", t.Indicator, StringComparison.Ordinal);
        Assert.Equal(["市商務局", "市發展改革委"], d.Departments);
        Assert.Equal(["人工智能"], d.Tracks.Select(x => x.Name));
        Assert.Equal(["一、主要目標", "二、重點任務", "1.加大項目招引"], d.Outline.Select(h => h.Text));
    }

    [Fact]
    public void Departments_UnitListCutByTheEndOfAnOpening_DropsTheCutName()
    {
        var d = Parse("标题\n\n1.加大项目招引。引进领军企业。（责任单位：市商务局、市发展改革");
        Assert.Equal(["市商务局"], d.Departments);
    }

    [Theory]
    [InlineData("人形機器人創新發展指導意見", "人形機器人")]
    [InlineData("杭州市具身智能机器人“强链补链”三年行动方案(2025-2027年)", "具身智能机器人")]
    [InlineData("郑州市人民政府关于印发郑州市支持人工智能创新发展若干政策措施的通知", "人工智能")]
    [InlineData("合肥市人民政府关于印发《合肥市低空经济高质量发展行动方案》的通知", "低空经济")]
    [InlineData("促进全省低空经济高质量发展实施方案（2024—2027年）", "低空经济")]
    [InlineData("关于加快培育发展未来产业的行动方案", "未来产业")]
    [InlineData("关于加快推进农业机械化和农机装备产业转型升级的指导意见", "农业机械化|农机装备产业")]
    [InlineData("泰州市人民政府关于印发泰州市未来产业培育三年行动方案的通知", "未来产业")]
    [InlineData("关于进一步推进人才优先发展的若干措施", "")]
    [InlineData("银川市推进创新驱动发展战略行动计划(2022—2025年)", "")]
    [InlineData("河北省科技创新三年行动计划（2018-2020年）", "")]
    public void Industries_FromTheTitlesGrammar_NeverAFragment(string title, string expected)
    {
        var d = Parse(title + "\n一、总体要求\n坚持创新驱动。\n");
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), d.Tracks.Select(t => t.Name));
    }

    [Theory]
    // Adverbial -化 items and 的 phrases are manners of working, not industries.
    [InlineData("聚焦聚力整零布局协同化、技术攻关体系化、创新发展生态化的培育方向，加快发展。", "")]
    // Where scenarios go is not an industry.
    [InlineData("围绕物流配送、空中交通、旅游消费等领域打造一批示范应用场景。", "")]
    // A list cut by the end of an opening keeps its complete items.
    [InlineData("——坚持需求导向。紧扣新材料、电子信息、绿色食品加工、汽车配件、", "新材料|电子信息|绿色食品加工|汽车配件")]
    // A place prefix is not part of the industry.
    [InlineData("重点培育全市低空经济、人形机器人等未来产业。", "低空经济|人形机器人")]
    public void Industries_FromLists_AreIndustriesOnly(string sentence, string expected)
    {
        var d = Parse("标题\n\n一、总体要求\n" + sentence);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), d.Tracks.Select(t => t.Name));
    }

    [Theory]
    // 超 before a figure is a floor; 款 counts products; a per-year unit (例/年, 万人次/年) stays one unit.
    [InlineData("到2027年，产业集群企业超100家。", 100, TargetComparator.AtLeast, "产业集群企业", "家")]
    [InlineData("到2030年，开展侵入式脑机接口手术3000例/年。", 3000, TargetComparator.Equal, "侵入式脑机接口手术", "例/年")]
    [InlineData("到2030年，康复设备应用超2万人次/年。", 2, TargetComparator.AtLeast, "康复设备应用", "万人次/年")]
    [InlineData("到2027年，完成3款侵入式脑机接口产品的研发。", 3, TargetComparator.Equal, "侵入式脑机接口产品", "款")]
    public void Targets_FloorsCountsAndPerYearUnits(string sentence, int value, TargetComparator comparator, string indicator, string unit)
    {
        var t = Assert.Single(Parse("标题\n\n一、主要目标\n" + sentence + "\n").Targets);
        Assert.Equal((value, comparator, unit), (t.Value, t.Comparator, t.Unit));
        Assert.Contains(indicator, t.Indicator, StringComparison.Ordinal);
    }

    [Theory]
    // The opening of a 若干措施 states what the measures are for: counts after a target verb are goals without a year.
    [InlineData("为推动人工智能发展，建成1个城市人工智能赋能中心，部署10个以上行业应用模型，现制定如下措施。\n一、支持平台\n支持建设。", new[] { 1, 10 })]
    // Under a heading, a count is a goal only when hedged with 力争/争取.
    [InlineData("现制定如下措施。\n一、人才\n未来五年，力争引进5个重大创新团队。", new[] { 5 })]
    [InlineData("现制定如下措施。\n一、平台\n支持企业建设3个创新平台。", new int[0])]
    // A clause that grants is a rule of the measure, opening or not.
    [InlineData("对新建3个以上平台的企业给予奖励，现制定如下措施。\n一、平台\n支持建设。", new int[0])]
    public void Targets_WithoutAGoalYear_OnlyInTheOpeningOrWhenHedged(string body, int[] values)
    {
        var d = Parse("关于支持人工智能发展的若干措施\n" + body + "\n");
        Assert.Equal(values.Select(v => (decimal)v), d.Targets.Select(t => t.Value));
        Assert.All(d.Targets, t => Assert.Null(t.Year));
    }

    [Theory]
    // The leading or supporting role names an industry.
    [InlineData("打造以低空制造产业为核心，以低空保障产业为支撑的产业体系。", "低空制造产业|低空保障产业")]
    [InlineData("以人形机器人为创新引领，构建产品矩阵。", "人形机器人")]
    // Principles are not industries: a verb, a task word or a quoted slogan inside.
    [InlineData("以新发展理念为引领，推动高质量发展。", "")]
    [InlineData("以科技创新为引领，加快产业升级。", "")]
    // The role word running on into a noun (为核心指标) gives no role.
    [InlineData("建立以固体废物减量化和循环利用率为核心指标的评价体系。", "")]
    [InlineData("以实施“人工智能+”行业示范应用为引领，强化区域合作。", "")]
    // A tier verb's pair closed by a comma names two directions.
    [InlineData("前瞻布局人形机器人和具身智能大模型，加快发展特色产品。", "人形机器人|具身智能大模型")]
    // A list holding a scenario names where products are used.
    [InlineData("聚焦汽车、电子信息等制造业场景和商务服务、应急救援、智慧农业等领域开展定制化开发。", "")]
    // A quoted slogan (“六新六特六优”) is a programme's nickname, not an industry.
    [InlineData("聚焦自治区“六新六特六优”、银川市“三新”产业等重点领域，加快发展。", "")]
    public void Industries_FromRolesPairsAndSlogans(string sentence, string expected)
    {
        var d = Parse("标题\n\n一、总体要求\n" + sentence);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), d.Tracks.Select(t => t.Name));
    }

    [Fact]
    public void Outline_ChapterHeadings_AreLevelOneSections()
    {
        var d = Parse("湖北省新材料产业高质量发展规划\n第一章 发展基础\n一、发展现状\n产业规模不断壮大。\n");
        Assert.Equal(["发展基础", "发展现状"], d.Outline.Select(h => h.Title));
        Assert.Equal(1, d.Outline[0].Level);
    }

    [Theory]
    [InlineData("十二", 12)]
    [InlineData("百", 100)]
    [InlineData("两千", 2000)]
    [InlineData("三万五千", 35000)]
    [InlineData("二十三", 23)]
    public void ChineseNumber_ReadsTensHundredsThousandsAndTenThousands(string numeral, int value) =>
        Assert.Equal(value, PolicyParser.ChineseNumber(numeral));

    [Theory]
    [InlineData("鄭州市支持人工智能創新發展若干政策措施", "若干措施")]
    [InlineData("十堰市低空经济高质量发展实施方案(2024-2026年)", "实施方案")]
    [InlineData("广东省推动低空经济高质量发展行动方案", "行动方案")]
    [InlineData("河北省科技創新三年行動計畫(2018-2020年)", "行动计划")]
    [InlineData("人形機器人創新發展指導意見", "指导意见")]
    [InlineData("合肥市人民政府关于加快推进新一代人工智能产业发展的实施意见", "实施意见")]
    [InlineData("关于实施人才发展新政策打造海洋经济人才新高地的意见", "意见")]
    [InlineData("上海市人民政府令", "other")]
    public void DocumentKind_IsReadFromTheTitleInEitherScript(string title, string kind) =>
        Assert.Equal(kind, PolicyScorer.DocumentKind(title, PolicyVocabulary.Default));

    [Theory]
    // A list closed by a count equal to its number of items and a class phrase names directions, whatever the verb.
    [InlineData("加快发展工业机器人、商服机器人、物流机器人、特种机器人4类特色机器人产品。", "工业机器人|商服机器人|物流机器人|特种机器人", "")]
    [InlineData("做强做大集成电路、新型显示、智能终端三大主导产业。", "集成电路|新型显示|智能终端", "")]
    [InlineData("培育壮大智能网联汽车、低空经济、生物制造等三大新兴产业集群。", "智能网联汽车|低空经济|生物制造", "")]
    // One item after a tier verb; the same without a tier verb is no list.
    [InlineData("前瞻布局量子科技一大未来产业。", "量子科技", "")]
    [InlineData("加快发展文化旅游一大特色产业。", "", "文化旅游")]
    // The count does not match the items: no list of directions.
    [InlineData("推动纺织、化工、建材两大产业转型。", "", "纺织|化工|建材")]
    // A count closing means (环节, 技术) or without a class head is no list of directions.
    [InlineData("突破关键材料、核心部件两大环节。", "", "关键材料|核心部件")]
    [InlineData("建设国家级、省级两类平台。", "", "国家级|省级")]
    public void Industries_ListClosedByAMatchingCount_NamesDirections(string sentence, string expected, string absent)
    {
        AssertNames(Parse("标题\n\n二、发展方向\n" + sentence + "\n").Tracks.Select(t => t.Name).ToList(), expected, absent);
    }

    /// <summary>Every name of <paramref name="expected"/> is found and none of <paramref name="absent"/> (both |-separated).</summary>
    private static void AssertNames(List<string> found, string expected, string absent)
    {
        foreach (var name in expected.Split('|', StringSplitOptions.RemoveEmptyEntries)) Assert.Contains(name, found);
        foreach (var name in absent.Split('|', StringSplitOptions.RemoveEmptyEntries)) Assert.DoesNotContain(name, found);
    }

    [Theory]
    // A title-less opening that defines its subject (X是…技术/产业): the subject is the industry; 及/和 join two.
    [InlineData("脑机接口及人机交互是生物智能与机器智能深度融合的前沿技术。为抢占先机，制定本行动计划。\n一、总体目标\n", "脑机接口|人机交互")]
    [InlineData("低空经济，是以低空飞行活动为牵引的综合性经济形态。为加快发展，制定本方案。\n一、总体要求\n", "低空经济")]
    // An opening that defines nothing, or a document whose title names the industry, gives no opening subject.
    [InlineData("为深入贯彻党中央决策部署，制定本方案。\n一、总体要求\n", "")]
    [InlineData("十堰市低空经济高质量发展实施方案\n人工智能是引领未来的战略性技术。\n一、总体要求\n", "低空经济")]
    public void Industries_TitlelessOpening_ItsDefinedSubject(string text, string expected) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Parse(text).Tracks.Select(t => t.Name));

    [Theory]
    // A list of places cut by the end of an opening keeps its complete items, not the cut one.
    [InlineData("确保四川天府新区、成都高新区、锦江区50%的城市社区建成综合体；成都东部新区、龙泉驿", "成都东部新区", "龙泉驿")]
    // A cut clause without 、 may be cut inside its only name: nothing is read from it.
    [InlineData("确保四川天府新区、成都高新区的社区建成综合体；成都东部新", "", "成都东部新")]
    public void Places_ListCutByTheEndOfAnOpening_KeepsCompleteItems(string sentence, string expected, string absent) =>
        AssertNames(Parse("标题\n\n一、主要目标\n" + sentence).Places.Select(p => p.Name).ToList(), expected, absent);
}
