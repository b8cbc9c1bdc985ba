using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Fip.Web.Features.Supervision.Exports;

namespace Fip.UnitTests.Features.Supervision;

public class BulletinDocumentTests
{
    private static WordprocessingDocument Open(BulletinData data)
    {
        var stream = new MemoryStream();
        BulletinDocument.Write(data, stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    private static List<Paragraph> BodyParagraphs(WordprocessingDocument doc) =>
        doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();

    private static List<string> Texts(WordprocessingDocument doc) => BodyParagraphs(doc).Select(p => p.InnerText).ToList();

    private static Style Style(WordprocessingDocument doc, string id) =>
        doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId! == id);

    [Fact]
    public void Write_Page_IsA4WithGbMargins()
    {
        using var doc = Open(ExportSamples.Bulletin());

        var section = doc.MainDocumentPart!.Document.Body!.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        // 37, 35, 28 and 26 mm in twips.
        Assert.Equal(2098, margin.Top!.Value);
        Assert.Equal(1984, margin.Bottom!.Value);
        Assert.Equal(1587u, margin.Left!.Value);
        Assert.Equal(1474u, margin.Right!.Value);
    }

    [Fact]
    public void Write_Body_Is3HaoFangsongOnAFixed22LineGridWithTwoCharacterIndent()
    {
        using var doc = Open(ExportSamples.Bulletin());

        var defaults = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!;
        var run = defaults.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("32", run.FontSize!.Val!.Value);
        Assert.Equal("仿宋_GB2312", run.RunFonts!.EastAsia!.Value);
        Assert.Equal("仿宋_GB2312", run.RunFonts.Ascii!.Value);
        Assert.Equal("zh-CN", run.Languages!.EastAsia!.Value);
        var spacing = defaults.ParagraphPropertiesDefault!.ParagraphPropertiesBaseStyle!.SpacingBetweenLines!;
        Assert.Equal(LineSpacingRuleValues.Exact, spacing.LineRule!.Value);
        Assert.InRange(int.Parse(spacing.Line!.Value!, System.Globalization.CultureInfo.InvariantCulture), 560, 580); // 28–29 pt
        Assert.Equal(200, Style(doc, "Normal").StyleParagraphProperties!.Indentation!.FirstLineChars!.Value);
    }

    [Fact]
    public void Write_Head_IsRedIssuerAndNumberOverARedRuleThenTheTitle()
    {
        using var doc = Open(ExportSamples.Bulletin());
        var paragraphs = BodyParagraphs(doc);

        var issuer = paragraphs.First(p => p.InnerText == ExportSamples.Issuer);
        var issuerRun = issuer.Elements<Run>().Single().RunProperties!;
        Assert.Equal("FF0000", issuerRun.Color!.Val!.Value);
        Assert.Equal("方正小标宋简体", issuerRun.RunFonts!.EastAsia!.Value);
        Assert.Equal(JustificationValues.Center, issuer.ParagraphProperties!.Justification!.Val!.Value);

        var number = paragraphs.Single(p => p.InnerText == "扬制强办〔2026〕3号");
        Assert.Contains('\u3014', number.InnerText);
        Assert.Contains('\u3015', number.InnerText);
        Assert.Equal(JustificationValues.Center, number.ParagraphProperties!.Justification!.Val!.Value);
        var rule = number.ParagraphProperties.ParagraphBorders!.BottomBorder!;
        Assert.Equal("FF0000", rule.Color!.Value);

        var title = paragraphs.Single(p => p.InnerText == ExportSamples.BulletinTitle);
        var titleStyle = Style(doc, title.ParagraphProperties!.ParagraphStyleId!.Val!.Value!);
        Assert.Equal("44", titleStyle.StyleRunProperties!.FontSize!.Val!.Value);
        Assert.Equal("方正小标宋简体", titleStyle.StyleRunProperties.RunFonts!.EastAsia!.Value);
        Assert.Equal(JustificationValues.Center, titleStyle.StyleParagraphProperties!.Justification!.Val!.Value);
        Assert.True(paragraphs.IndexOf(issuer) < paragraphs.IndexOf(number) && paragraphs.IndexOf(number) < paragraphs.IndexOf(title));
    }

    [Fact]
    public void Write_Sections_HaveHeiTiAndKaiTiHeadings()
    {
        using var doc = Open(ExportSamples.Bulletin());
        var paragraphs = BodyParagraphs(doc);

        string FontOf(string text)
        {
            var id = paragraphs.Single(p => p.InnerText == text).ParagraphProperties!.ParagraphStyleId!.Val!.Value!;
            return Style(doc, id).StyleRunProperties!.RunFonts!.EastAsia!.Value!;
        }
        Assert.Equal("黑体", FontOf("一、总体情况"));
        Assert.Equal("黑体", FontOf("二、红色预警事项"));
        Assert.Equal("黑体", FontOf("三、黄色预警事项"));
        Assert.Equal("黑体", FontOf("四、评分排名"));
        Assert.Equal("楷体_GB2312", FontOf("（一）部门评分"));
        Assert.Equal("楷体_GB2312", FontOf("（二）板块评分"));
    }

    [Fact]
    public void Write_RedAndYellowItems_AreNumberedWithOwnersReasonAndProgress()
    {
        using var doc = Open(ExportSamples.Bulletin(red: 2, yellow: 1));
        var texts = Texts(doc);

        var red = texts.IndexOf("二、红色预警事项");
        var yellow = texts.IndexOf("三、黄色预警事项");
        Assert.Equal("1. 红色任务1：氢能产业园基础设施建设（责任单位：市工信局）：已逾期1天，进度31%。", texts[red + 1]);
        Assert.Equal("2. 红色任务2：氢能产业园基础设施建设（责任单位：市发改委）：已逾期2天，进度32%。", texts[red + 2]);
        Assert.Equal(red + 3, yellow);
        Assert.Equal("1. 黄色任务1：低空经济应用场景开放（责任单位：市工信局、广陵区）：进度滞后于计划，进度50.5%。", texts[yellow + 1]);
    }

    [Fact]
    public void Write_Scorecards_AreRankedTablesWithARepeatedHeaderRow()
    {
        using var doc = Open(ExportSamples.Bulletin(departments: 4, districts: 2));

        var tables = doc.MainDocumentPart!.Document.Body!.Elements<Table>().ToList();
        Assert.Equal(2, tables.Count);
        var departments = tables[0].Elements<TableRow>().ToList();
        Assert.Equal(1 + 4, departments.Count);
        Assert.NotNull(departments[0].TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.Equal(["排名", "部门", "应报", "按时", "迟报", "未报", "退回", "进度分", "得分"],
            departments[0].Elements<TableCell>().Select(c => c.InnerText));
        // Given in reverse, written by rank.
        Assert.Equal(["1", "2", "3", "4"], departments.Skip(1).Select(r => r.Elements<TableCell>().First().InnerText));
        Assert.Equal(["1", "市科技局", "4", "3", "1", "0", "0", "29.0", "98.5"], departments[1].Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal("板块", tables[1].Elements<TableRow>().First().Elements<TableCell>().ElementAt(1).InnerText);
        Assert.Equal(1 + 2, tables[1].Elements<TableRow>().Count());
        Assert.NotNull(tables[0].GetFirstChild<TableProperties>()!.TableBorders!.InsideHorizontalBorder);
    }

    [Fact]
    public void Write_EmptyLists_SaySoInASentence()
    {
        using var doc = Open(ExportSamples.Bulletin(red: 0, yellow: 0, departments: 0, districts: 0, overview: false));
        var texts = Texts(doc);

        Assert.Contains("本期共有红色预警事项0项、黄色预警事项0项。", texts);
        Assert.Contains("本期无红色预警事项。", texts);
        Assert.Contains("本期无黄色预警事项。", texts);
        Assert.Contains("本期无参评部门。", texts);
        Assert.Contains("本期无参评板块。", texts);
        Assert.Empty(doc.MainDocumentPart!.Document.Body!.Elements<Table>());
    }

    [Fact]
    public void Write_Ending_IsTheIssuerThenTheDateRightAligned()
    {
        using var doc = Open(ExportSamples.Bulletin());
        var paragraphs = BodyParagraphs(doc);

        // The signature, then a blank line and the 版记 (抄送 when given, 印发机关 and 印发日期).
        Assert.Equal(ExportSamples.Issuer + "\t2026年11月30日印发",
            string.Concat(paragraphs[^1].Descendants().Select(e => e is TabChar ? "\t" : e is Text t ? t.Text : "")));
        Assert.Equal("", paragraphs[^2].InnerText);
        var date = paragraphs[^3];
        var signature = paragraphs[^4];
        Assert.Equal("2026年11月30日", date.InnerText);
        Assert.Equal(ExportSamples.Issuer, signature.InnerText);
        Assert.Equal(JustificationValues.Right, date.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(JustificationValues.Right, signature.ParagraphProperties!.Justification!.Val!.Value);
        // The date's first character stands two characters right of the issuer's: 13 characters against 7 (digits are half wide).
        Assert.Equal("640", signature.ParagraphProperties.Indentation!.Right!.Value);
        Assert.Equal("1920", date.ParagraphProperties.Indentation!.Right!.Value);
        Assert.Equal("", paragraphs[^5].InnerText);
        // Kept with the closing paragraphs before it: never alone on a page.
        Assert.All(paragraphs[^7..^1], p => Assert.NotNull(p.ParagraphProperties?.KeepNext));
        Assert.Equal(BulletinDocument.SoOrdered, paragraphs[^6].InnerText);
    }

    [Fact]
    public void Write_Footers_NumberPagesWithAPageFieldOddRightEvenLeft()
    {
        using var doc = Open(ExportSamples.Bulletin());
        var main = doc.MainDocumentPart!;

        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var section = main.Document.Body!.GetFirstChild<SectionProperties>()!;
        var references = section.Elements<FooterReference>().ToDictionary(r => r.Type!.Value, r => (FooterPart)main.GetPartById(r.Id!));
        Assert.Equal(2, references.Count);

        foreach (var (type, side) in new[] { (HeaderFooterValues.Default, JustificationValues.Right),
            (HeaderFooterValues.Even, JustificationValues.Left) })
        {
            var paragraph = references[type].Footer!.Elements<Paragraph>().Single();
            Assert.Equal(side, paragraph.ParagraphProperties!.Justification!.Val!.Value);
            Assert.Equal("PAGE", paragraph.Descendants<FieldCode>().Single().Text.Trim());
            Assert.Equal("— 1 —", paragraph.InnerText.Replace(" PAGE ", "", StringComparison.Ordinal));
            Assert.All(paragraph.Elements<Run>(), r =>
            {
                Assert.Equal("28", r.RunProperties!.FontSize!.Val!.Value);
                Assert.Equal("宋体", r.RunProperties.RunFonts!.EastAsia!.Value);
            });
        }
    }

    [Theory]
    [InlineData(3, 3, 4, 6)]
    [InlineData(0, 0, 0, 0)]
    public void Write_IsValidOpenXml(int red, int yellow, int departments, int districts)
    {
        using var doc = Open(ExportSamples.Bulletin(red, yellow, departments, districts));

        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
