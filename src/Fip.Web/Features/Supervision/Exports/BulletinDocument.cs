using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Fip.Web.Features.Supervision.Exports;

/// <summary>
/// Writes a 督办通报 as .docx laid out per GB/T 9704-2012: A4 with a 156 × 225 mm text block, 3号仿宋 body on a fixed
/// 22-line grid, a red 版头 (issuer and issuing number over a red rule), a 2号小标宋 title, 黑体 and 楷体 headings,
/// the red and yellow items, the department and district scorecards as tables, the issuer and date, and
/// "— N —" page numbers (odd pages right, even pages left).
/// </summary>
/// <remarks>
/// The document names the fonts the standard asks for (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) even where a
/// machine lacks them; the font table gives each a common alternative and office suites substitute.
/// </remarks>
public static class BulletinDocument
{
    public const string BodyFont = "仿宋_GB2312";
    public const string TitleFont = "方正小标宋简体";
    public const string HeadingFont = "黑体";
    public const string SubheadingFont = "楷体_GB2312";
    public const string PageNumberFont = "宋体";

    /// <summary>Margins in twips (1 mm = 1440 / 25.4 twips): top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.</summary>
    public const int TopMargin = 2098, BottomMargin = 1984, LeftMargin = 1587, RightMargin = 1474;

    /// <summary>A4 in twips.</summary>
    private const int PageWidth = 11906, PageHeight = 16838;

    /// <summary>The text block width in twips (156 mm).</summary>
    private const int TextWidth = PageWidth - LeftMargin - RightMargin;

    /// <summary>Fixed line pitch in twips: 28.9 pt, so that 22 lines fill the 225 mm text block (22 × 29 pt would overflow it by a
    /// hair).</summary>
    public const int LinePitch = 578;

    /// <summary>Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt.</summary>
    public const int TitleSize = 44, BodySize = 32, PageNumberSize = 28, TableSize = 24;

    /// <summary>One character of 3号 body text in twips, the unit of the standard's indents ("右空二字").</summary>
    private const int BodyChar = BodySize * 10;

    private const string Red = "FF0000";

    private const string TitleStyle = "Title", Heading1Style = "Heading1", Heading2Style = "Heading2";

    /// <summary>Scorecard columns and their widths in twips (together the text block width).</summary>
    private static readonly (string Header, int Width)[] ScoreColumns =
    [
        ("排名", 700), ("单位", 2245), ("应报", 800), ("按时", 800), ("迟报", 800),
        ("未报", 800), ("退回", 800), ("进度分", 1050), ("得分", 850),
    ];

    /// <summary>The closing paragraphs of the body, kept on the page of the signature (never a signature alone on a page).</summary>
    public const string Closing = "请各责任单位对照本通报所列事项，逐项分析原因，抓紧整改落实，并按期报送进展情况。", SoOrdered = "特此通报。";

    public static void Write(BulletinData data, Stream output) => Write(data, body => AppendText(body, data), output);

    /// <summary>
    /// Writes another document in the same layout (版头, title, signature, 版记 and page numbers of <paramref name="data"/>, whose
    /// items and scores are not used): its text is <paramref name="sections"/>, each a 黑体 heading, body paragraphs and an optional
    /// table (the 紧缺人才目录 is one).
    /// </summary>
    public static void Write(BulletinData data, IReadOnlyList<OfficialSection> sections, Stream output) =>
        Write(data, body =>
        {
            foreach (var section in sections)
            {
                body.Append(Styled(Heading1Style, section.Heading));
                foreach (var paragraph in section.Paragraphs) body.Append(BodyText(paragraph));
                if (section.Columns is { Count: > 0 } columns && section.Rows is { Count: > 0 } rows)
                    body.Append(NewTable(columns, rows, leftColumn: 1));
            }
            body.Append(KeptWithNext(BodyText(SoOrdered)));
        }, output);

    private static void Write(BulletinData data, Action<Body> appendText, Stream output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);

        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = data.Title;
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = BuildStyles();
        main.AddNewPart<FontTablePart>().Fonts = BuildFontTable();
        main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(
            new EvenAndOddHeaders(),
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }));

        var oddFooter = main.AddNewPart<FooterPart>();
        oddFooter.Footer = PageNumberFooter(JustificationValues.Right);
        var evenFooter = main.AddNewPart<FooterPart>();
        evenFooter.Footer = PageNumberFooter(JustificationValues.Left);

        var body = new Body();
        AppendHead(body, data);
        appendText(body);
        AppendSignature(body, data);
        AppendRecord(body, data);
        body.Append(Section(main.GetIdOfPart(oddFooter), main.GetIdOfPart(evenFooter)));
        main.Document = new Document(body);
    }

    /// <summary>版头 and title: issuer in red 小标宋, two blank lines, the issuing number over a red rule, two blank lines, the title, one blank
    /// line.</summary>
    private static void AppendHead(Body body, BulletinData data)
    {
        // The issuer sits 35 mm below the top of the text block, as large as fits the line (at most 初号, 42 pt).
        var issuerChars = Math.Max(1, (HalfWidths(data.Issuer) + 1) / 2);
        var issuerSize = Math.Min(84, TextWidth / 10 / issuerChars) & ~1; // half-points, even
        body.Append(new Paragraph(
            new ParagraphProperties
            {
                SpacingBetweenLines = new SpacingBetweenLines
                { Before = "1984", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                Indentation = NoIndent(),
                Justification = new Justification { Val = JustificationValues.Center },
            },
            TextRun(data.Issuer, new RunProperties
            {
                RunFonts = Named(TitleFont),
                Color = new Color { Val = Red },
                FontSize = new FontSize { Val = Half(issuerSize) },
                FontSizeComplexScript = new FontSizeComplexScript { Val = Half(issuerSize) },
            })));
        body.Append(Blank(), Blank());

        // The red rule is the number's bottom border: as wide as the text block, 4 mm (≈ 11 pt) below the number.
        body.Append(new Paragraph(
            new ParagraphProperties
            {
                ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Color = Red, Size = 12, Space = 11 }),
                Indentation = NoIndent(),
                Justification = new Justification { Val = JustificationValues.Center },
            },
            TextRun(data.DocumentNumber)));
        body.Append(Blank(), Blank());

        body.Append(Styled(TitleStyle, data.Title));
        if (!string.IsNullOrWhiteSpace(data.PeriodLabel))
        {
            body.Append(new Paragraph(
                new ParagraphProperties
                { Indentation = NoIndent(), Justification = new Justification { Val = JustificationValues.Center } },
                TextRun($"（{data.PeriodLabel}）", new RunProperties { RunFonts = Named(SubheadingFont) })));
        }
        body.Append(Blank());
    }

    private static void AppendText(Body body, BulletinData data)
    {
        body.Append(Styled(Heading1Style, "一、总体情况"));
        if (data.Overview.Count == 0)
            body.Append(BodyText($"本期共有红色预警事项{Count(data.RedItems.Count)}、黄色预警事项{Count(data.YellowItems.Count)}。"));
        foreach (var paragraph in data.Overview) body.Append(BodyText(paragraph));

        body.Append(Styled(Heading1Style, "二、红色预警事项"));
        AppendItems(body, data.RedItems, "本期无红色预警事项。");
        body.Append(Styled(Heading1Style, "三、黄色预警事项"));
        AppendItems(body, data.YellowItems, "本期无黄色预警事项。");

        body.Append(Styled(Heading1Style, "四、评分排名"));
        body.Append(Styled(Heading2Style, "（一）部门评分"));
        AppendScores(body, data.DepartmentScores, "部门", "本期无参评部门。");
        AppendNotRated(body, data.NotRatedDepartments);
        body.Append(Styled(Heading2Style, "（二）板块评分"));
        AppendScores(body, data.DistrictScores, "板块", "本期无参评板块。");
        AppendNotRated(body, data.NotRatedDistricts);

        // The closing two paragraphs travel with the signature: a page break never leaves the signature alone.
        body.Append(KeptWithNext(BodyText(Closing)), KeptWithNext(BodyText(SoOrdered)));
    }

    /// <summary>The units not rated for the period, listed apart from the ranking with the reason.</summary>
    private static void AppendNotRated(Body body, IReadOnlyList<string>? units)
    {
        if (units is not { Count: > 0 }) return;
        body.Append(BodyText($"不参评（本期无到期应报事项）：{string.Join("、", units)}。"));
    }

    /// <summary>Keeps a paragraph on the page of the next one, and its lines together.</summary>
    private static Paragraph KeptWithNext(Paragraph p)
    {
        var properties = p.ParagraphProperties ?? p.PrependChild(new ParagraphProperties());
        properties.KeepNext = new KeepNext();
        properties.KeepLines = new KeepLines();
        return p;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture) + "项";

    /// <summary>"1. 任务（责任单位：…）：原因，进度45%。" one paragraph an item, or the sentence saying there are none.</summary>
    private static void AppendItems(Body body, IReadOnlyList<BulletinItem> items, string none)
    {
        if (items.Count == 0)
        {
            body.Append(BodyText(none));
            return;
        }
        for (var i = 0; i < items.Count; i++) body.Append(BodyText(ItemText(i + 1, items[i])));
    }

    /// <summary>The text of the numbered item <paramref name="number"/>.</summary>
    public static string ItemText(int number, BulletinItem item)
    {
        var reason = item.Reason.Trim().TrimEnd('。', '；', '，', ';', ',', '.');
        var owners = string.IsNullOrWhiteSpace(item.Owners) ? "" : $"（责任单位：{item.Owners.Trim()}）";
        var progress = $"进度{ExportFormat.Percent(item.Progress)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{number}. {item.Task.Trim()}{owners}：{(reason.Length == 0 ? progress : $"{reason}，{progress}")}。");
    }

    private static void AppendScores(Body body, IReadOnlyList<BulletinScore> scores, string unitHeader, string none)
    {
        if (scores.Count == 0)
        {
            body.Append(BodyText(none));
            return;
        }

        var columns = ScoreColumns.ToArray();
        columns[1] = (unitHeader, columns[1].Width);
        body.Append(NewTable(columns, [.. scores.OrderBy(s => s.Rank).Select(s => (IReadOnlyList<string>)
            [
                s.Rank.ToString(CultureInfo.InvariantCulture),
                s.Unit,
                s.ReportsDue.ToString(CultureInfo.InvariantCulture),
                s.ReportsOnTime.ToString(CultureInfo.InvariantCulture),
                s.ReportsLate.ToString(CultureInfo.InvariantCulture),
                s.ReportsMissing.ToString(CultureInfo.InvariantCulture),
                s.ReportsReturned.ToString(CultureInfo.InvariantCulture),
                ExportFormat.Score(s.ProgressPoints),
                ExportFormat.Score(s.Score),
            ])], leftColumn: 1));
    }

    /// <summary>A bordered table as wide as the text block: the header row (repeated on every page), then the rows; the text of
    /// <paramref name="leftColumn"/> is left-aligned, the rest centred.</summary>
    private static Table NewTable(IReadOnlyList<(string Header, int Width)> columns, IReadOnlyList<IReadOnlyList<string>> rows,
        int leftColumn)
    {
        var grid = new TableGrid();
        foreach (var (_, width) in columns) grid.Append(new GridColumn { Width = width.ToString(CultureInfo.InvariantCulture) });

        var table = new Table(
            new TableProperties
            {
                TableWidth = new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                TableJustification = new TableJustification { Val = TableRowAlignmentValues.Center },
                TableBorders = new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
                TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
                TableCellMarginDefault = new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa }),
            },
            grid);

        var widths = columns.Select(c => c.Width).ToList();
        table.Append(ScoreRow([.. columns.Select(c => c.Header)], widths, leftColumn, header: true));
        foreach (var row in rows) table.Append(ScoreRow(row, widths, leftColumn, header: false));
        return table;
    }

    /// <summary>A scorecard row: the header row (黑体, repeated on every page) or a data row; rows never split across pages.</summary>
    private static TableRow ScoreRow(IReadOnlyList<string> texts, IReadOnlyList<int> widths, int leftColumn, bool header)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (header) properties.Append(new TableHeader());
        var row = new TableRow(properties);
        for (var c = 0; c < texts.Count; c++)
        {
            var runProperties = new RunProperties
            {
                FontSize = new FontSize { Val = Half(TableSize) },
                FontSizeComplexScript = new FontSizeComplexScript { Val = Half(TableSize) },
            };
            if (header) runProperties.RunFonts = Named(HeadingFont);
            row.Append(new TableCell(
                new TableCellProperties
                {
                    TableCellWidth = new TableCellWidth
                    { Width = widths[c].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center },
                },
                new Paragraph(
                    new ParagraphProperties
                    {
                        SpacingBetweenLines = new SpacingBetweenLines
                        { Before = "40", After = "40", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                        Indentation = NoIndent(),
                        Justification = new Justification
                        { Val = c == leftColumn && !header ? JustificationValues.Left : JustificationValues.Center },
                    },
                    TextRun(texts[c], runProperties))));
        }
        return row;
    }

    /// <summary>
    /// 发文机关署名 and 成文日期 after one blank line: the issuer two characters from the right margin, the date on the
    /// next line with its first character two characters to the right of the issuer's first (GB/T 9704 7.3.5.2); when
    /// the date is the longer, the date keeps two characters from the margin and the issuer moves left.
    /// </summary>
    private static void AppendSignature(Body body, BulletinData data)
    {
        var date = ExportFormat.ChineseDate(data.Date);
        var issuerHalves = HalfWidths(data.Issuer);
        var dateHalves = HalfWidths(date);
        var issuerRight = 4; // in half characters
        var dateRight = issuerRight + issuerHalves - 4 - dateHalves;
        if (dateRight < 4)
        {
            dateRight = 4;
            issuerRight = dateRight + dateHalves + 4 - issuerHalves;
        }

        body.Append(KeptWithNext(Blank()));
        body.Append(KeptWithNext(RightAligned(data.Issuer, issuerRight)));
        body.Append(KeptWithNext(RightAligned(date, dateRight)));
    }

    /// <summary>Rule widths of the 版记 in eighths of a point: the first and last rules 0.35 mm, the rule between 0.25 mm.</summary>
    private const int ThickRule = 8, ThinRule = 6;

    /// <summary>
    /// 版记 (GB/T 9704 7.4) after a blank line: 抄送 (4号仿宋, one character in from both margins, ending with 。) between the first
    /// (thick) and the middle (thin) rule, then 印发机关 one character from the left and 印发日期 one character from the right on one
    /// line over the last (thick) rule. Kept together, and with the signature.
    /// </summary>
    private static void AppendRecord(Body body, BulletinData data)
    {
        body.Append(KeptWithNext(Blank()));
        // One character of 4号 (14 pt) in from each margin.
        const int RecordInset = PageNumberSize * 10;
        var inset = RecordInset.ToString(CultureInfo.InvariantCulture);
        var small = new RunProperties
        {
            FontSize = new FontSize { Val = Half(PageNumberSize) },
            FontSizeComplexScript = new FontSizeComplexScript { Val = Half(PageNumberSize) },
        };
        var rules = new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = ThickRule, Space = 1, Color = "000000" });
        if (!string.IsNullOrWhiteSpace(data.CopyTo))
        {
            body.Append(new Paragraph(
                new ParagraphProperties
                {
                    KeepNext = new KeepNext(),
                    KeepLines = new KeepLines(),
                    ParagraphBorders = new ParagraphBorders(
                        new TopBorder { Val = BorderValues.Single, Size = ThickRule, Space = 1, Color = "000000" },
                        new BottomBorder { Val = BorderValues.Single, Size = ThinRule, Space = 1, Color = "000000" }),
                    Indentation = new Indentation { Left = inset, Right = inset, FirstLine = "0", FirstLineChars = 0 },
                },
                TextRun($"抄送：{data.CopyTo.Trim().TrimEnd('。')}。", (RunProperties)small.CloneNode(true))));
            rules = new ParagraphBorders();
        }
        rules.Append(new BottomBorder { Val = BorderValues.Single, Size = ThickRule, Space = 1, Color = "000000" });
        var printedOn = $"{ExportFormat.ChineseDate(data.PrintedOn ?? data.Date)}印发";
        var printedBy = string.IsNullOrWhiteSpace(data.PrintedBy) ? data.Issuer : data.PrintedBy.Trim();
        body.Append(new Paragraph(
            new ParagraphProperties
            {
                KeepLines = new KeepLines(),
                ParagraphBorders = rules,
                Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth - RecordInset }),
                Indentation = new Indentation { Left = inset, Right = inset, FirstLine = "0", FirstLineChars = 0 },
            },
            TextRun(printedBy, (RunProperties)small.CloneNode(true)),
            new Run((RunProperties)small.CloneNode(true), new TabChar()),
            TextRun(printedOn, (RunProperties)small.CloneNode(true))));
    }

    private static Paragraph RightAligned(string text, int rightHalves) => new(
        new ParagraphProperties
        {
            Indentation = new Indentation
            { FirstLine = "0", FirstLineChars = 0, Right = (rightHalves * BodyChar / 2).ToString(CultureInfo.InvariantCulture) },
            Justification = new Justification { Val = JustificationValues.Right },
        },
        TextRun(text));

    /// <summary>Width of a text in half characters: ASCII letters and digits are half as wide as Chinese characters.</summary>
    private static int HalfWidths(string text) => text.Sum(ch => ch < 0x80 ? 1 : 2);

    private static Footer PageNumberFooter(JustificationValues side)
    {
        // 一字线 page numbers, one character in from the outer edge.
        var indentation = side == JustificationValues.Right
            ? new Indentation { Right = (PageNumberSize * 10).ToString(CultureInfo.InvariantCulture), FirstLine = "0", FirstLineChars = 0 }
            : new Indentation { Left = (PageNumberSize * 10).ToString(CultureInfo.InvariantCulture), FirstLine = "0", FirstLineChars = 0 };
        RunProperties Props() => new()
        {
            RunFonts = Named(PageNumberFont),
            FontSize = new FontSize { Val = Half(PageNumberSize) },
            FontSizeComplexScript = new FontSizeComplexScript { Val = Half(PageNumberSize) },
        };
        return new Footer(new Paragraph(
            new ParagraphProperties
            {
                SpacingBetweenLines = new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
                Indentation = indentation,
                Justification = new Justification { Val = side },
            },
            TextRun("— ", Props()),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(Props(), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(Props(), new Text("1")),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.End }),
            TextRun(" —", Props())));
    }

    private static SectionProperties Section(string oddFooterId, string evenFooterId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooterId },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin
        {
            Top = TopMargin,
            Bottom = BottomMargin,
            Left = LeftMargin,
            Right = RightMargin,
            Header = 851,
            // The page number's line sits 7 mm below the text block: its baseline about 23 mm above the paper's edge.
            Footer = 1304,
            Gutter = 0,
        });

    private static Styles BuildStyles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle
            {
                RunFonts = Named(BodyFont),
                FontSize = new FontSize { Val = Half(BodySize) },
                FontSizeComplexScript = new FontSizeComplexScript { Val = Half(BodySize) },
                Languages = new Languages { Val = "en-US", EastAsia = "zh-CN" },
            }),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
            {
                SpacingBetweenLines = new SpacingBetweenLines
                {
                    Before = "0",
                    After = "0",
                    Line = LinePitch.ToString(CultureInfo.InvariantCulture),
                    LineRule = LineSpacingRuleValues.Exact
                },
            }));

        var normal = new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties
            {
                // No widow control: every page but the last carries the full 22 lines, as the standard's grid asks.
                WidowControl = new WidowControl { Val = false },
                Indentation = new Indentation { FirstLineChars = 200, FirstLine = (2 * BodyChar).ToString(CultureInfo.InvariantCulture) },
                Justification = new Justification { Val = JustificationValues.Both },
            })
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true };

        var title = new Style(
            new StyleName { Val = "Title" },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties
            {
                KeepNext = new KeepNext(),
                SpacingBetweenLines = new SpacingBetweenLines { Line = "700", LineRule = LineSpacingRuleValues.Exact },
                Indentation = NoIndent(),
                Justification = new Justification { Val = JustificationValues.Center },
            },
            new StyleRunProperties
            {
                RunFonts = Named(TitleFont),
                FontSize = new FontSize { Val = Half(TitleSize) },
                FontSizeComplexScript = new FontSizeComplexScript { Val = Half(TitleSize) },
            })
        { Type = StyleValues.Paragraph, StyleId = TitleStyle };

        return new Styles(
            defaults,
            normal,
            title,
            HeadingStyle(Heading1Style, "heading 1", HeadingFont, 1),
            HeadingStyle(Heading2Style, "heading 2", SubheadingFont, 2),
            new Style(new StyleName { Val = "Default Paragraph Font" }, new UIPriority { Val = 1 }, new SemiHidden(), new UnhideWhenUsed())
            { Type = StyleValues.Character, StyleId = "DefaultParagraphFont", Default = true },
            new Style(
                new StyleName { Val = "Normal Table" },
                new UIPriority { Val = 99 },
                new SemiHidden(),
                new UnhideWhenUsed(),
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    new TableCellMarginDefault(
                        new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
    }

    /// <summary>"一、" and "（一）" headings: body size and indent in their own font, kept with what follows.</summary>
    private static Style HeadingStyle(string id, string name, string font, int level) => new(
        new StyleName { Val = name },
        new BasedOn { Val = "Normal" },
        new NextParagraphStyle { Val = "Normal" },
        new UIPriority { Val = 9 },
        new PrimaryStyle(),
        new StyleParagraphProperties { KeepNext = new KeepNext(), OutlineLevel = new OutlineLevel { Val = level - 1 } },
        new StyleRunProperties { RunFonts = Named(font) })
    { Type = StyleValues.Paragraph, StyleId = id };

    /// <summary>The font table: each named font with a common alternative, GB2312 character set.</summary>
    private static DocumentFormat.OpenXml.Wordprocessing.Fonts BuildFontTable()
    {
        var fonts = new DocumentFormat.OpenXml.Wordprocessing.Fonts();
        foreach (var (name, alternative, family) in new[]
        {
            (BodyFont, "仿宋", FontFamilyValues.Modern),
            (TitleFont, "宋体", FontFamilyValues.Script),
            (HeadingFont, "SimHei", FontFamilyValues.Modern),
            (SubheadingFont, "楷体", FontFamilyValues.Modern),
            (PageNumberFont, "SimSun", FontFamilyValues.Auto),
        })
        {
            fonts.Append(new Font(
                new AltName { Val = alternative },
                new FontCharSet { Val = "86" },
                new FontFamily { Val = family },
                new Pitch { Val = FontPitchValues.Variable })
            { Name = name });
        }
        return fonts;
    }

    private static RunFonts Named(string name) => new() { Ascii = name, HighAnsi = name, EastAsia = name, ComplexScript = name };

    private static string Half(int halfPoints) => halfPoints.ToString(CultureInfo.InvariantCulture);

    private static Indentation NoIndent() => new() { FirstLine = "0", FirstLineChars = 0 };

    private static Paragraph Styled(string style, string text) =>
        new(new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = style } }, TextRun(text));

    private static Paragraph BodyText(string text) => new(TextRun(text));

    private static Paragraph Blank() => new();

    private static Run TextRun(string text, RunProperties? properties = null)
    {
        var run = new Run();
        if (properties is not null) run.Append(properties);
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }
}
