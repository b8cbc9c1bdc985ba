using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Fip.Policy;
using Fip.UnitTests.Features.Plans;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Fip.UnitTests.Policy;

/// <summary>Each construct of the grammar, with sentences taken from real documents of the corpus.</summary>
public class PolicyParserTests
{
    private static PolicyDraft Parse(string text) => PolicyParser.ParseText(text);

    [Fact]
    public void Outline_AllFourLevels_AreReadWithTheirLevels()
    {
        var d = Parse("标题\n\n一、总体要求\n（一）指导思想\n1. 低空经济。以低空制造为重点。\n（1）具体任务\n");
        Assert.Equal(["一、总体要求", "（一）指导思想", "1. 低空经济", "（1）具体任务"], d.Outline.Select(h => h.Text));
        Assert.Equal([1, 2, 3, 4], d.Outline.Select(h => h.Level));
        Assert.True(d.Outline[2].IsInline);
        Assert.Equal("低空经济", d.Outline[2].Title);
    }

    [Fact]
    public void Outline_ParenthesizedArabicAmongChineseNumerals_IsMisnumberedLevelTwo()
    {
        var d = Parse("标题\n\n二、发展方向\n（1） 重点培育3个未来产业\n1. 低空经济。以整机为核心。\n（二）延伸发展“613”产业体系重点领域\n");
        var h = d.Outline.Single(x => x.Marker == "（1）");
        Assert.True(h.IsMisnumbered);
        Assert.Equal(2, h.Level);
        Assert.Equal("（1） 重点培育3个未来产业", h.Text);
    }

    [Fact]
    public void Outline_InlineTitleWithAsciiPunctuation_StopsAtFirstFullStop()
    {
        var d = Parse("标题\n\n四、主要任务\n1.拓展两个市场。推动综合保税区内企业统筹国际国内两个市场。\n");
        Assert.Equal("1.拓展两个市场", d.Outline[^1].Text);
    }

    [Fact]
    public void Targets_SeveralInOneSentence_EachWithYearComparatorAndUnit()
    {
        var d = Parse("标题\n\n到2030年，培育一批骨干企业，推出50个以上关键产品，打造10个以上应用场景，规划建设5个以上未来产业先导园区。\n");
        Assert.Equal(3, d.Targets.Count);
        Assert.All(d.Targets, t => Assert.Equal(2030, t.Year));
        Assert.All(d.Targets, t => Assert.Equal(TargetComparator.AtLeast, t.Comparator));
        Assert.Equal(["关键产品", "应用场景", "未来产业先导园区"], d.Targets.Select(t => t.Indicator));
        Assert.Equal("推出50个以上关键产品", d.Targets[0].Source.Quote);
    }

    [Fact]
    public void Targets_AboutAndBareAndBillions_AreReadWithComparatorAndUnit()
    {
        var d = Parse("标题\n\n到2026年底，培育建成未来产业创新联合体10个左右，打造典型应用场景100项。\n到2025年，体育竞赛表演产业总规模达到2万亿元。\n");
        Assert.Equal(TargetComparator.About, d.Targets[0].Comparator);
        Assert.Equal(10m, d.Targets[0].Value);
        Assert.Equal(2026, d.Targets[0].Year);
        Assert.Equal(TargetComparator.Equal, d.Targets[1].Comparator);
        Assert.Equal("项", d.Targets[1].Unit);
        Assert.Equal("万亿元", d.Targets[2].Unit);
        Assert.Equal("体育竞赛表演产业总规模", d.Targets[2].Indicator);
    }

    [Fact]
    public void Targets_ExceedAndBreakThrough_AreFloors()
    {
        var d = Parse("标题\n\n到2020年，全国农机总动力超过10亿千瓦，其中灌排机械动力达到1.2亿千瓦。\n");
        Assert.Equal(TargetComparator.AtLeast, d.Targets[0].Comparator);
        Assert.Equal("全国农机总动力", d.Targets[0].Indicator);
        Assert.Equal("亿千瓦", d.Targets[0].Unit);
        Assert.Equal(1.2m, d.Targets[1].Value);
        Assert.Equal("灌排机械动力", d.Targets[1].Indicator);
    }

    [Fact]
    public void Targets_RespectivelyTwoValues_GiveTwoTargets()
    {
        var d = Parse("标题\n\n到2025年，花生种植、收获机械化率分别达到65%和55%。\n");
        Assert.Equal([65m, 55m], d.Targets.Select(t => t.Value));
        Assert.All(d.Targets, t => Assert.Equal("%", t.Unit));
    }

    [Fact]
    public void Targets_CeilingAndRangeAndPeriod_AreRead()
    {
        var d = Parse("标题\n\n“十五五”期间，单位产值能耗控制在5%以内，新建30—50个中试平台。\n");
        Assert.Equal(TargetComparator.AtMost, d.Targets[0].Comparator);
        Assert.Null(d.Targets[0].Year);
        Assert.NotNull(d.Targets[0].Period);
        Assert.Equal(TargetComparator.Between, d.Targets[1].Comparator);
        Assert.Equal(50m, d.Targets[1].UpperValue);
    }

    [Fact]
    public void Targets_DeadlineBeforeYearEnd_GivesTheYear()
    {
        var d = Parse("标题\n\n2027年底前，建成省级以上创新平台20家。\n");
        Assert.Equal(2027, Assert.Single(d.Targets).Year);
    }

    [Fact]
    public void Targets_DatedValidityPeriod_IsNotAGoal()
    {
        var d = Parse("标题\n\n2019年1月1日至12月31日，返还标准可按6个月的当地月人均失业保险金确定。\n");
        Assert.Empty(d.Targets);
    }

    [Fact]
    public void Targets_TruncatedLastClause_IsUnplacedNotGuessed()
    {
        var d = Parse("标题\n\n到2026年，支撑编制国家级、行业级技术标准规范5部以上，新增省级以上重点实验室等创新平台5家以");
        Assert.Equal(5m, Assert.Single(d.Targets).Value);
        Assert.Contains(d.Unplaced, u => u.Kind == "truncated");
    }

    [Fact]
    public void Targets_FullWidthDigits_AreReadAndQuotedAsWritten()
    {
        var d = Parse("标题\n\n到２０２７年，培育高新技术企业５００家左右，规上工业增加值占比达到３５％。\n");
        Assert.Equal([500m, 35m], d.Targets.Select(t => t.Value));
        Assert.All(d.Targets, t => Assert.Equal(2027, t.Year));
        Assert.Equal("培育高新技术企业５００家左右", d.Targets[0].Source.Quote);
    }

    [Fact]
    public void Targets_YearBeforeDeadline_HoldsForTheParagraph()
    {
        var d = Parse("标题\n\n2028年前，建成未来产业先导区3个。打造应用场景20个。\n");
        Assert.Equal([2028, 2028], d.Targets.Select(t => t.Year ?? 0));
    }

    [Fact]
    public void Responsibility_BracketWithDivisionOfDuties_AllCoResponsibleAndInheritance()
    {
        var d =
            Parse("标题\n\n（一）未来产业技术策源工程\n加大未来技术研发投入。〔市科技局、市发改委、市工信局等按职责分工负责，有关县（市、区）区人民政府、功能区管委会。以下任务均需有关县（市、区）区人民政府、功能区管委会落实，不再一一列出〕\n（二）" +
                "工程\n加大资金支持力度。〔市财政局等按职责分工负责〕\n");
        Assert.Equal(["市科技局", "市发改委", "市工信局", "有关县（市、区）区人民政府", "功能区管委会", "市财政局"], d.Departments);
        Assert.All(d.Responsibilities[0].Units, u => Assert.Equal(UnitRole.CoResponsible, u.Role));
        Assert.Equal("市发展和改革委员会", d.Responsibilities[0].Units[1].CanonicalName);
        var inherited = Assert.Single(d.InheritedAssignments);
        Assert.Equal(2, inherited.Units.Count);
        Assert.Contains(d.Responsibilities[1].Units, u => u.IsInherited && u.Name == "功能区管委会");
        Assert.Equal("加大资金支持力度。", d.Responsibilities[1].Task.Quote);
    }

    [Fact]
    public void Responsibility_LeadAndParticipants_GetTheirRoles()
    {
        var d = Parse("标题\n\n健全固体废物统计制度。（生态环境部牵头，国家发展改革委、工业和信息化部参与）\n");
        var units = Assert.Single(d.Responsibilities).Units;
        Assert.Equal(UnitRole.Lead, units[0].Role);
        Assert.Equal(["国家发展改革委", "工业和信息化部"], units.Skip(1).Select(u => u.Name));
        Assert.All(units.Skip(1), u => Assert.Equal(UnitRole.CoResponsible, u.Role));
    }

    [Fact]
    public void Responsibility_FirstListedIsLead_AppliesToLaterNotes()
    {
        var d = Parse("标题\n\n上述资金由失业保险基金列支。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）\n提高贷款可获得性。（财政部、工业和信息化部、人民银行负责）\n");
        Assert.Equal(UnitRole.Lead, d.Responsibilities[0].Units[0].Role);
        Assert.Equal(UnitRole.Lead, d.Responsibilities[1].Units[0].Role);
        Assert.Equal("财政部", d.Responsibilities[1].Units[0].Name);
    }

    [Fact]
    public void Responsibility_EtcAndProvinces_SplitsAndDropsGenericTail()
    {
        var d = Parse("标题\n\n动员社会力量。（扶贫办、发展改革委等和各省级人民政府负责）\n给予补贴。（人力资源社会保障部、教育部等有关部门和单位负责）\n");
        Assert.Equal(["扶贫办", "发展改革委", "各省级人民政府", "人力资源社会保障部", "教育部"], d.Departments);
    }

    [Fact]
    public void Responsibility_LabelledUnitsAndScope_AreRead()
    {
        var d = Parse("标题\n\n放宽比例要求。（负责部门：人力资源社会保障部、住房城乡建设部；适用范围：福建自贸试验区）\n推进项目建设。牵头单位：市发改委；责任单位：市科技局、市工信局。\n");
        Assert.Equal(["人力资源社会保障部", "住房城乡建设部", "市发改委", "市科技局", "市工信局"], d.Departments);
        Assert.Equal(UnitRole.Lead, d.Responsibilities[1].Units[0].Role);
        Assert.Contains(d.Places, p => p.Name == "福建自贸试验区");
    }

    [Fact]
    public void Responsibility_LabelLineOfItsOwn_ClosesThePreviousLineTask()
    {
        var d = Parse("标题\n\n（一）实施创新策源行动。支持建设概念验证中心。\n牵头单位：市科技局；责任单位：市发改委、市工信局，各县（市、区）人民政府。\n");
        var r = Assert.Single(d.Responsibilities);
        Assert.Equal(["市科技局", "市发改委", "市工信局", "各县（市、区）人民政府"], r.Units.Select(u => u.Name));
        Assert.Equal(UnitRole.Lead, r.Units[0].Role);
        Assert.StartsWith("（一）实施创新策源行动", r.Task.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicator_LongBracketedDefinitionAndHedges_AreDropped()
    {
        var d = Parse("标题\n\n到2022年，“双师型”教师（同时具备理论教学和实践教学能力的教师）占专业课教师总数超过一半，顶岗实习时间一般为6个月。\n");
        Assert.Equal(["“双师型”教师占专业课教师总数", "顶岗实习时间"], d.Targets.Select(t => t.Indicator));
        Assert.Equal(0.5m, d.Targets[0].Value);
        Assert.Equal(TargetComparator.AtLeast, d.Targets[0].Comparator);
    }

    [Fact]
    public void Responsibility_NoteBeforeTheFullStop_IsANote()
    {
        var d = Parse("标题\n\n加快建设概念验证中心（市科技局、市发改委负责）。推进中试平台建设（市工信局负责）。\n");
        Assert.Equal(["市科技局", "市发改委", "市工信局"], d.Departments);
        Assert.Equal("推进中试平台建设", d.Responsibilities[1].Task.Quote.TrimStart('。'));
    }

    [Fact]
    public void Responsibility_WordsInsideASentence_AreUnplacedNotAssigned()
    {
        var d = Parse("标题\n\n分别负责管理监督考核院校外、院校内职业技能等级证书的实施（技工院校内由人力资源社会保障行政部门负责），国务院人力资源社会保障行政部门负责。\n");
        Assert.Empty(d.Departments);
        Assert.Contains(d.Unplaced, u => u.Kind == "bracket");
    }

    [Fact]
    public void Tracks_TierFromHeadingAndListVerb_WithFocusPlacesAndChain()
    {
        var d =
            Parse("标题\n\n二、发展方向\n重点培育低空经济、元宇宙等2个未来产业，延伸发展氢能、前沿新材料等重点领域。\n（1） 重点培育2个未来产业\n1. 低空经济。支持发动机、螺旋桨、飞控系统、航电系统等产品研发和生产制造。〔重点布局：生态科技" +
                "新城、邗江区〕\n（二）积极探索布局一批前瞻性技术方向\n瞄准第三代半导体、未来网络、类人机器人等领域，开展未来技术预研。\n");
        Assert.Equal(["低空经济", "元宇宙", "氢能", "前沿新材料", "第三代半导体", "未来网络", "类人机器人"], d.Tracks.Select(t => t.Name));
        Assert.Equal(["focus", "focus", "extend", "extend", "explore", "explore", "explore"], d.Tracks.Select(t => t.TierCode));
        var lowAltitude = d.Tracks[0];
        Assert.Equal(["生态科技新城", "邗江区"], lowAltitude.Places.Select(p => p.Name));
        Assert.Equal("扬州市生态科技新城", lowAltitude.Places[0].CanonicalName);
        Assert.Equal(["发动机", "螺旋桨", "飞控系统", "航电系统"], lowAltitude.ChainElements.Select(c => c.Name));
    }

    [Fact]
    public void Tracks_ShortHeadingsUnderADirectionsSection_AreTracksButTaskHeadingsAreNot()
    {
        var d = Parse("标题\n\n二、重点方向\n（一）人形机器人\n聚焦整机与关键部件。\n（二）量子信息。发展量子计算。\n三、主要任务\n（一）支持企业发展\n");
        Assert.Equal(["人形机器人", "量子信息"], d.Tracks.Select(t => t.Name));
    }

    [Fact]
    public void Tracks_ListClosedByACountAndClassWord_WithoutDeng()
    {
        var d = Parse("标题\n\n二、发展方向\n重点培育人工智能、生物医药、新材料三大未来产业，推动产业集聚。\n");
        Assert.Equal(["人工智能", "生物医药", "新材料"], d.Tracks.Select(t => t.Name));
        Assert.All(d.Tracks, t => Assert.Equal("focus", t.TierCode));
    }

    [Fact]
    public void Tracks_ChainElements_SplitOnAndRespectBrackets()
    {
        var d = Parse("标题\n\n二、发展方向\n1. 零碳负碳（碳捕集利用及封存）。开展碳捕集、运输、利用、封存及监测等环节关键核心技术攻关。\n");
        var t = Assert.Single(d.Tracks);
        Assert.Equal("零碳负碳（碳捕集利用及封存）", t.Name);
        Assert.Equal(["碳捕集", "运输", "利用", "封存", "监测"], t.ChainElements.Select(c => c.Name));
    }

    [Fact]
    public void References_TitleAndIssuingNumber_AreRead()
    {
        var d =
            Parse("国务院关于加快推进农业机械化和\n农机装备产业转型升级的指导意见\n国发〔2018〕42号\n各省、自治区、直辖市人民政府：\n根据《工业和信息化部等七部门关于推动未来产业创新发展的实施意见》（工信部联科〔2024〕12号）等文件精神。" +
                "\n");
        Assert.Equal("国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见", d.Title);
        Assert.Equal("国发〔2018〕42号", d.IssuingNumber?.Quote);
        var r = Assert.Single(d.References);
        Assert.Equal("工信部联科〔2024〕12号", r.Number);
    }

    [Fact]
    public void Places_RegionPhrasesNamedAsObjects_AreKeptInShortestForm()
    {
        var d = Parse("标题\n\n着力提升双季稻地区的水稻机械化种植。大力拓宽贫困地区农产品销售渠道，推动贫困地区休闲农业和乡村旅游加快发展。鼓励有条件的地区先行先试。\n");
        Assert.Equal(["双季稻地区", "贫困地区"], d.Places.Select(p => p.Name));
        Assert.Equal(["休闲农业", "乡村旅游"], d.Tracks.Select(t => t.Name));
    }

    [Fact]
    public void Spans_EveryItemQuote_IsTheTextAtItsOffset()
    {
        var text = File.ReadAllText(Path.Combine(PlanSeedTests.RepoRoot(), "samples", "policies", "yangzhou-future-industries-2024.txt"));
        var d = Parse(text);
        var spans = d.Outline.Select(h => h.Source)
            .Concat(d.Targets.Select(t => t.Source))
            .Concat(
                d.Responsibilities.SelectMany(
                    r => r.Units.Where(u => !u.IsInherited).Select(u => u.Source).Append(r.Source).Append(r.Task)))
            .Concat(d.Tracks.SelectMany(t => t.ChainElements.Select(c => c.Source).Concat(t.Places.Select(p => p.Source)).Append(t.Source)))
            .Concat(d.References.Select(r => r.Source));
        Assert.All(spans, s => Assert.Equal(text.Substring(s.Offset, s.Length), s.Quote));
    }
}

public class PolicyFileReaderTests
{
    private const string Sample = "关于加快培育发展未来产业的指导意见\n一、总体要求\n";

    [Fact]
    public void Read_Gb18030Text_IsDetected()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Sample);
        Assert.Equal(Sample, PolicyFileReader.Read(new MemoryStream(bytes), "policy.txt"));
    }

    [Fact]
    public void Read_Utf8WithBom_DropsTheBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Sample)).ToArray();
        Assert.Equal(Sample, PolicyFileReader.Read(new MemoryStream(bytes), "policy.TXT"));
    }

    [Fact]
    public void Read_Docx_GivesParagraphsAsLines()
    {
        var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(
                new W.Paragraph(new W.Run(new W.Text("关于加快培育发展未来产业的指导意见"))),
                new W.Paragraph(new W.Run(new W.Text("一、总体要求")))));
        }
        stream.Position = 0;
        var draft = PolicyParser.ParseText(PolicyFileReader.Read(stream, "policy.docx"));
        Assert.Equal("关于加快培育发展未来产业的指导意见", draft.Title);
        Assert.Equal("一、总体要求", Assert.Single(draft.Outline).Text);
    }

    [Theory]
    [InlineData("policy.pdf")]
    [InlineData("policy.doc")]
    public void Read_OtherKinds_ThrowATypedErrorNamingTheFile(string name)
    {
        var e = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(new MemoryStream([1, 2, 3]), name));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DamagedDocx_ThrowsATypedError() =>
        Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(new MemoryStream([0x50, 0x4B, 9, 9]), "broken.docx"));
}

/// <summary>The parser on the platform's default document: the figures the plan is built on.</summary>
public class YangzhouGoldenTests
{
    private static readonly PolicyDraft Draft = PolicyParser.ParseText(
        File.ReadAllText(Path.Combine(PlanSeedTests.RepoRoot(), "samples", "policies", "yangzhou-future-industries-2024.txt")));

    [Fact]
    public void Targets_AreTheFourNumericGoals()
    {
        Assert.Equal(
            [(2025, "未来产业先导园区", 3m), (2030, "关键产品", 50m), (2030, "应用场景", 10m), (2030, "未来产业先导园区", 5m)],
            Draft.Targets.Select(t => (t.Year ?? 0, t.Indicator, t.Value)));
        Assert.All(Draft.Targets, t => Assert.Equal(TargetComparator.AtLeast, t.Comparator));
        Assert.All(Draft.Targets, t => Assert.Equal("个", t.Unit));
    }

    [Fact]
    public void Tracks_AreThirteenInThreeTiers()
    {
        Assert.Equal(13, Draft.Tracks.Count);
        Assert.Equal([("focus", 3), ("extend", 4), ("explore", 6)],
            Draft.Tracks.GroupBy(t => t.TierCode).Select(g => (g.Key!, g.Count())));
        Assert.Equal(["生态科技新城", "邗江区", "江都区", "广陵区"], Draft.Tracks[0].Places.Select(p => p.Name));
        Assert.Equal(["扬州经开区"], Draft.Tracks[2].Places.Select(p => p.Name));
        Assert.Contains(Draft.Tracks[0].ChainElements, c => c.Name == "飞控系统");
    }

    [Fact]
    public void Programmes_SevenEachWithItsBracket()
    {
        var programmes = Draft.Outline.Where(h => h.Level == 2 && h.Title.EndsWith("工程", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, programmes.Count);
        var notes = Draft.Responsibilities
            .Where(r => r.SectionIndex >= 0 && Draft.Outline[r.SectionIndex].Title.EndsWith("工程", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(7, notes.Count);
        Assert.Equal(programmes, notes.Select(n => Draft.Outline[n.SectionIndex]));
        Assert.Equal(["市科技局", "市发改委", "市工信局", "有关县（市、区）区人民政府", "功能区管委会"], notes[0].Units.Select(u => u.Name));
        Assert.Equal(22, Draft.Departments.Count);
    }

    [Fact]
    public void Outline_HasTwentyThreeHeadingsWithOneMisnumbered()
    {
        Assert.Equal(23, Draft.Outline.Count);
        Assert.Equal("（1） 重点培育3个未来产业", Assert.Single(Draft.Outline, h => h.IsMisnumbered).Text);
    }

    [Fact]
    public void References_NameBothParentDocumentsWithNumbers()
    {
        Assert.Contains(Draft.References, r => r.Number == "工信部联科〔2024〕12号");
        Assert.Contains(Draft.References, r => r.Number == "苏政发〔2023〕104号");
    }
}
