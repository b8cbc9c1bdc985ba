using System.Globalization;
using System.IO.Compression;
using System.Text;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Infrastructure;
using MiniExcelLibs;

namespace Fip.UnitTests.Features.Registries;

public class TabularFilesTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static MemoryStream Bytes(string text, Encoding encoding, bool bom = false)
    {
        var body = encoding.GetBytes(text);
        return new MemoryStream(bom ? [.. Bom, .. body] : body);
    }

    private static TabularFile ReadCsv(string text, ReadLimits? limits = null) =>
        TabularReader.Read(Bytes(text, new UTF8Encoding(false)), "名单.csv", limits);

    private static TabularFileException Refused(Action read) => Assert.Throws<TabularFileException>(read);

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Async(IEnumerable<IReadOnlyList<string?>> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    // ---- large files: rows streamed from a temporary file ----

    /// <summary>
    /// Past <see cref="ReadLimits.KeepInMemory"/> rows a file's rows are written to a temporary file and streamed from it by
    /// each pass: the same rows (numbers, nulls, quotes, line breaks, Chinese text) as a file read into memory, every time
    /// they are enumerated, in each format and encoding; the temporary file goes when the table is disposed.
    /// </summary>
    [Theory]
    [InlineData("csv", "UTF-8")]
    [InlineData("csv", "GB18030")]
    [InlineData("xlsx", null)]
    public async Task Read_LargeFile_StreamsTheSameRowsFromATemporaryFile(string format, string? encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var headers = new[] { "企业名称", "金额", "备注" };
        var rows = Enumerable.Range(1, 40).Select(i => (IReadOnlyList<string?>)
            [$"扬州第{i}科技有限公司", i % 3 == 0 ? null : (i * 1.5m).ToString(CultureInfo.InvariantCulture),
                i % 4 == 0 ? "他说\"好\",\n第二行" : null]).ToList();
        var content = new MemoryStream();
        if (format == "xlsx") await TabularWriter.WriteXlsxAsync(content, new SheetLayout("企业", "企业名单"), headers, rows);
        else
        {
            var utf8 = new MemoryStream();
            await TabularWriter.WriteCsvAsync(utf8, headers, Async(rows));
            var text = new UTF8Encoding(false).GetString(utf8.ToArray()).TrimStart('\uFEFF');
            var target = encoding == "UTF-8" ? new UTF8Encoding(false) : Encoding.GetEncoding(encoding!);
            content = new MemoryStream(target.GetBytes(text));
        }
        var bytes = content.ToArray();
        var name = "名单." + format;

        var inMemory = TabularReader.Read(new MemoryStream(bytes), name);
        using var streamed = TabularReader.Read(new MemoryStream(bytes), name, new ReadLimits(KeepInMemory: 7));

        Assert.IsType<List<TabularRow>>(inMemory.Rows);
        var spilled = Assert.IsType<SpilledRows>(streamed.Rows);
        Assert.Equal((40, encoding), (streamed.Rows.Count, streamed.Encoding));
        Assert.Equal(inMemory.Headers, streamed.Headers);
        for (var pass = 0; pass < 2; pass++)
            Assert.Equal(inMemory.Rows.Select(r => (r.RowNumber, string.Join("|", r.Cells.Select(c => c ?? "<null>")))),
                streamed.Rows.Select(r => (r.RowNumber, string.Join("|", r.Cells.Select(c => c ?? "<null>")))));
        Assert.Equal(inMemory.Rows[33].Cells, streamed.Rows[33].Cells);
        Assert.Equal(inMemory.Rows[3].Cells, streamed.Rows.Chunk(5).ElementAt(0)[3].Cells);
        Assert.True(File.Exists(spilled.Path));
        streamed.Dispose();
        Assert.False(File.Exists(spilled.Path));
    }

    [Fact]
    public void Read_LargeFile_StillRefusesMoreRowsThanTheLimit()
    {
        var text = "名称\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"企业{i}\n"));

        Assert.Equal(TabularFileException.TooManyRows, Refused(() => ReadCsv(text, new ReadLimits(MaxRows: 20, KeepInMemory: 5))).Code);
        Assert.Equal(30, ReadCsv(text, new ReadLimits(MaxRows: 30, KeepInMemory: 5)).Rows.Count);
    }

    // ---- CSV reading ----

    [Fact]
    public void Read_Utf8CsvWithBom_ReadsCellsAndReportsUtf8()
    {
        using var stream = Bytes("企业名称,统一社会信用代码\r\n扬州某某科技有限公司,91321000MA1XXXXX0X\r\n", Encoding.UTF8, bom: true);

        var file = TabularReader.Read(stream, "upload.CSV");

        Assert.Equal("csv", file.Format);
        Assert.Equal("UTF-8", file.Encoding);
        Assert.Equal(["企业名称", "统一社会信用代码"], file.Headers);
        var row = Assert.Single(file.Rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal(["扬州某某科技有限公司", "91321000MA1XXXXX0X"], row.Cells);
    }

    [Fact]
    public void Read_Utf8CsvWithoutBom_ReadsCellsAndReportsUtf8()
    {
        var file = ReadCsv("名称,金额\n高新区,12.5\n");

        Assert.Equal("UTF-8", file.Encoding);
        Assert.Equal(["名称", "金额"], file.Headers);
        Assert.Equal(["高新区", "12.5"], Assert.Single(file.Rows).Cells);
    }

    [Fact]
    public void Read_Gb18030Csv_DecodesChineseAndReportsGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030");
        const string text = "企业名称,所属园区,备注\r\n扬州智能制造有限公司,广陵区,\"含逗号，以及,英文逗号\"\r\n江都新材料股份公司,江都区,\r\n";
        using var stream = Bytes(text, gb18030);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(stream.ToArray()));

        var file = TabularReader.Read(stream, "企业.csv");

        Assert.Equal("GB18030", file.Encoding);
        Assert.Equal(["企业名称", "所属园区", "备注"], file.Headers);
        Assert.Equal(2, file.Rows.Count);
        Assert.Equal(["扬州智能制造有限公司", "广陵区", "含逗号，以及,英文逗号"], file.Rows[0].Cells);
        Assert.Equal(["江都新材料股份公司", "江都区", null], file.Rows[1].Cells);
        var asUtf8 = ReadCsv(text);
        Assert.Equal(asUtf8.Headers, file.Headers);
        Assert.Equal(asUtf8.Rows.Select(r => r.Cells), file.Rows.Select(r => r.Cells));
    }

    [Fact]
    public void Read_QuotedFields_KeepCommasNewlinesAndEscapedQuotes()
    {
        var file = ReadCsv("名称,说明,数量\r\n\"甲,乙\",\"第一行\r\n第二行\",\"他说\"\"好\"\"\"\r\n\"\",\"a\nb\",3");

        Assert.Equal(2, file.Rows.Count);
        Assert.Equal(["甲,乙", "第一行\r\n第二行", "他说\"好\""], file.Rows[0].Cells);
        Assert.Equal([null, "a\nb", "3"], file.Rows[1].Cells);
    }

    [Fact]
    public void Read_BlankRows_SkippedButRowNumbersFollowTheFile()
    {
        var file = ReadCsv("\r\n名称,数量\r\n甲,1\r\n\r\n , \r\n\"多\r\n行\",2\r\n乙,3\r\n");

        Assert.Equal(["名称", "数量"], file.Headers);
        Assert.Equal([3, 6, 7], file.Rows.Select(r => r.RowNumber));
        Assert.Equal(["乙", "3"], file.Rows[2].Cells);
    }

    [Fact]
    public void Read_RaggedRows_AlignedToHeadersTrimmedAndEmptyIsNull()
    {
        var file = ReadCsv("  名称 ,数量,,\n  甲  \n乙,2,,,,\n丙,3,4\n");

        Assert.Equal(["名称", "数量"], file.Headers);
        Assert.Equal(["甲", null], file.Rows[0].Cells);
        Assert.Equal(["乙", "2"], file.Rows[1].Cells);
        Assert.Equal(["丙", "3"], file.Rows[2].Cells);
    }

    [Theory]
    [InlineData("名称;数量;备注\n甲;1,5;x\n")]
    [InlineData("名称\t数量\t备注\n甲\t1,5\tx\n")]
    public void Read_HeaderWithoutCommas_DetectsSemicolonOrTabSeparator(string text)
    {
        var file = ReadCsv(text);

        Assert.Equal(["名称", "数量", "备注"], file.Headers);
        Assert.Equal(["甲", "1,5", "x"], Assert.Single(file.Rows).Cells);
    }

    [Fact]
    public void Read_UnterminatedQuote_ThrowsUnreadable()
    {
        var ex = Refused(() => ReadCsv("名称,数量\n\"甲,1\n乙,2\n"));

        Assert.Equal("File.Unreadable", ex.Code);
    }

    [Fact]
    public void Read_MoreRowsThanLimit_ThrowsTooManyRows()
    {
        const string text = "名称\n1\n\n2\n3\n";
        Assert.Equal(3, ReadCsv(text, new ReadLimits(MaxRows: 3)).Rows.Count);

        var ex = Refused(() => ReadCsv(text, new ReadLimits(MaxRows: 2)));

        Assert.Equal("File.TooManyRows", ex.Code);
        Assert.Equal(2, Assert.Single(ex.Args));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_MoreBytesThanLimit_ThrowsTooLarge(bool seekable)
    {
        var content = Encoding.UTF8.GetBytes("名称,数量\n" + string.Concat(Enumerable.Repeat("甲,1\n", 50)));
        Stream stream = seekable ? new MemoryStream(content) : new NonSeekableStream(content);

        var ex = Refused(() => TabularReader.Read(stream, "a.csv", new ReadLimits(MaxBytes: 100)));

        Assert.Equal("File.TooLarge", ex.Code);
        Assert.Equal(1L, Assert.Single(ex.Args));
        Assert.Equal(50, TabularReader.Read(new NonSeekableStream(content), "a.csv", new ReadLimits(MaxBytes: content.Length)).Rows.Count);
    }

    [Fact]
    public void Read_DefaultLimit_ReportsFiftyMegabytes()
    {
        var ex = Refused(() => TabularReader.Read(new SizedStream(50L * 1024 * 1024 + 1), "a.xlsx"));

        Assert.Equal("File.TooLarge", ex.Code);
        Assert.Equal(50L, Assert.Single(ex.Args));
    }

    [Theory]
    [InlineData("名单.txt", ".txt")]
    [InlineData("名单.xls", ".xls")]
    [InlineData("名单", "")]
    public void Read_OtherExtension_ThrowsUnknownFormat(string fileName, string extension)
    {
        var ex = Refused(() => TabularReader.Read(new MemoryStream("a,b\n1,2\n"u8.ToArray()), fileName));

        Assert.Equal("File.UnknownFormat", ex.Code);
        Assert.Equal(extension, Assert.Single(ex.Args));
    }

    [Theory]
    [InlineData("名称,数量,名称\n甲,1,2\n", "名称")]
    [InlineData("Code, code \n1,2\n", "code")]
    public void Read_DuplicateHeader_ThrowsDuplicateHeader(string text, string header)
    {
        var ex = Refused(() => ReadCsv(text));

        Assert.Equal("File.DuplicateHeader", ex.Code);
        Assert.Equal(header, Assert.Single(ex.Args));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n , \r\n\r\n")]
    public void Read_NoHeaderRow_ThrowsEmpty(string text)
    {
        var ex = Refused(() => ReadCsv(text));

        Assert.Equal("File.Empty", ex.Code);
    }

    // ---- XLSX reading ----

    [Fact]
    public async Task WriteXlsxAsync_ReadBack_SameHeadersAndCells()
    {
        string[] headers = ["企业名称", "所属园区", "金额", "备注"];
        List<IReadOnlyList<string?>> rows =
        [
            ["扬州智能制造有限公司", "广陵区", "-12.5", "含\"引号\"与,逗号"],
            ["江都新材料股份公司", null, "0012", "第一行\n第二行"],
            [null, null, null, null],
            ["宝应某公司", "宝应县"],
        ];
        using var stream = new MemoryStream();

        await TabularWriter.WriteXlsxAsync(stream, new SheetLayout("导出", "标题行"), headers, rows);
        stream.Position = 0;
        var file = TabularReader.Read(stream, "导出.xlsx");

        Assert.Equal("xlsx", file.Format);
        Assert.Null(file.Encoding);
        Assert.Equal(headers, file.Headers);
        Assert.Equal([3, 4, 6], file.Rows.Select(r => r.RowNumber));
        Assert.Equal(rows[0], file.Rows[0].Cells);
        Assert.Equal(rows[1], file.Rows[1].Cells);
        Assert.Equal(["宝应某公司", "宝应县", null, null], file.Rows[2].Cells);
    }

    [Fact]
    public async Task WriteXlsxAsync_FormulaLikeText_IsNeutralizedInTheSheet()
    {
        using var stream = new MemoryStream();

        await TabularWriter.WriteXlsxAsync(stream, new SheetLayout("a"), ["=名称"], [["=HYPERLINK(\"http://x\")"], ["-3"]]);
        stream.Position = 0;
        var file = TabularReader.Read(stream, "a.xlsx");

        Assert.Equal(["'=名称"], file.Headers);
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "-3"], file.Rows.Select(r => r.Cells[0]));
    }

    [Fact]
    public async Task WriteXlsxAsync_NoRows_WritesTheHeaderRow()
    {
        using var stream = new MemoryStream();

        await TabularWriter.WriteXlsxAsync(stream, new SheetLayout("a", "标题"), ["名称", "数量"], []);
        stream.Position = 0;
        var file = TabularReader.Read(stream, "a.xlsx");

        Assert.Equal(["名称", "数量"], file.Headers);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public async Task WriteXlsxAsync_ManyRows_StreamsAndReadsBack()
    {
        const int count = 100_000;
        var produced = 0;
        IEnumerable<IReadOnlyList<string?>> Rows()
        {
            for (var i = 0; i < count; i++)
            {
                produced++;
                yield return ["企业" + i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture)];
            }
        }

        using var stream = new MemoryStream();
        await TabularWriter.WriteXlsxAsync(new NonSeekableStream(stream), new SheetLayout("a"), ["名称", "序号"], Rows());
        stream.Position = 0;
        var file = TabularReader.Read(stream, "a.xlsx");

        Assert.Equal(count, produced);
        Assert.Equal(count, file.Rows.Count);
        Assert.Equal(count + 1, file.Rows[^1].RowNumber);
        Assert.Equal(["企业99999", "99999"], file.Rows[^1].Cells);
        var ex = Refused(() => TabularReader.Read(new MemoryStream(stream.ToArray()), "a.xlsx", new ReadLimits(MaxRows: count - 1)));
        Assert.Equal("File.TooManyRows", ex.Code);
    }

    [Fact]
    public void Template_HeadersAndExample_ReadsBackAsOneRow()
    {
        var bytes = TabularWriter.Template("企业库", ["企业名称", "成立日期", "注册资本（万元）"], ["扬州某某科技有限公司", "2024-01-31", null]);

        var file = TabularReader.Read(new MemoryStream(bytes), "模板.xlsx");

        Assert.Equal(["企业名称", "成立日期", "注册资本（万元）"], file.Headers);
        var row = Assert.Single(file.Rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal(["扬州某某科技有限公司", "2024-01-31", null], row.Cells);
    }

    [Fact]
    public void Read_XlsxTypedCells_ConvertsToInvariantText()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var stream = new MemoryStream();
            var row = new Dictionary<string, object>
            {
                ["整数"] = 12d,
                ["小数"] = 1234.5d,
                ["极小"] = 1.5e-7,
                ["大数"] = 123456789012345678d,
                ["日期"] = new DateTime(2024, 3, 15),
                ["时间"] = new DateTime(2024, 3, 15, 8, 30, 5),
                ["是否"] = true,
                ["负数"] = -0.25m,
            };
            MiniExcel.SaveAs(stream, new[] { row });
            stream.Position = 0;

            var file = TabularReader.Read(stream, "a.xlsx");

            Assert.Equal(row.Keys, file.Headers);
            Assert.Equal(
                ["12", "1234.5", "0.00000015", "123456789012346000", "2024-03-15", "2024-03-15 08:30:05", "true", "-0.25"],
                Assert.Single(file.Rows).Cells);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Read_XlsxHeaderNotOnFirstRow_FirstNonEmptyRowIsHeader()
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(
            stream,
            new[]
            {
                new Dictionary<string, object?> { ["A"] = null, ["B"] = null },
                new Dictionary<string, object?> { ["A"] = "名称", ["B"] = "数量" },
                new Dictionary<string, object?> { ["A"] = "甲", ["B"] = 3d },
            },
            printHeader: false);
        stream.Position = 0;

        var file = TabularReader.Read(stream, "a.xlsx");

        Assert.Equal(["名称", "数量"], file.Headers);
        Assert.Equal(3, Assert.Single(file.Rows).RowNumber);
        Assert.Equal(["甲", "3"], file.Rows[0].Cells);
    }

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("yyyy/m/d h:mm", true)]
    [InlineData("[$-804]yyyy\"年\"m\"月\"d\"日\"", true)] // a locale section, then a date
    [InlineData("[h]:mm:ss", true)] // elapsed time
    [InlineData("0.00", false)]
    [InlineData("#,##0;[Red]-#,##0", false)] // a colour is not a date
    [InlineData("\"day\"0", false)] // letters in quotes are literal text
    [InlineData("0\\d", false)] // an escaped letter is literal text
    [InlineData("0_);(0)", false)]
    [InlineData("General", false)]
    [InlineData("@", false)]
    public void IsDateFormat_DateAndTimeLettersOutsideLiterals(string code, bool date) =>
        Assert.Equal(date, XlsxRows.IsDateFormat(code));

    /// <summary>A sheet as other programs write it: rich-text and phonetic shared strings, inline strings, cells without
    /// references, a row without a number, a formula's cached text, an error and a custom date format.</summary>
    [Fact]
    public void Read_XlsxWrittenByOtherPrograms_ReadsEveryKindOfCell()
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var workbook = $"<workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets>" +
            "<sheet name=\"名单\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>";
        var rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId7\" Type=\"x\" Target=\"worksheets/data.xml\"/></Relationships>";
        var shared = $"<sst xmlns=\"{main}\"><si><t>名称</t></si><si><r><t>扬州</t></r><r><t xml:space=\"preserve\">甲 </t></r>" +
            "<rPh><t>ヨウシュウ</t></rPh></si><si><t>日期</t></si></sst>";
        var styles = $"<styleSheet xmlns=\"{main}\"><numFmts>" +
            "<numFmt numFmtId=\"170\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>" +
            "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"170\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>";
        var sheet = $"<worksheet xmlns=\"{main}\"><sheetData>" +
            "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c t=\"s\"><v>2</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>数量</t></is></c></row>" +
            "<row><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" s=\"1\"><v>45366</v></c><c r=\"C3\" s=\"2\"><v>1234.5</v></c></row>" +
            "<row r=\"5\"><c r=\"A5\" t=\"str\"><f>A3&amp;\"乙\"</f><v>扬州乙</v></c><c r=\"C5\" t=\"e\"><v>#N/A</v></c>" +
            "<c r=\"D5\" t=\"b\"><v>1</v></c></row></sheetData></worksheet>";
        using var stream = Zip(("xl/workbook.xml", Encoding.UTF8.GetBytes(workbook)),
            ("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(rels)),
            ("xl/sharedStrings.xml", Encoding.UTF8.GetBytes(shared)), ("xl/styles.xml", Encoding.UTF8.GetBytes(styles)),
            ("xl/worksheets/data.xml", Encoding.UTF8.GetBytes(sheet)));

        var file = TabularReader.Read(stream, "其他.xlsx");

        Assert.Equal(["名称", "日期", "数量"], file.Headers);
        Assert.Equal([3, 5], file.Rows.Select(r => r.RowNumber));
        Assert.Equal(["扬州甲", "2024-03-15", "1234.5"], file.Rows[0].Cells);
        Assert.Equal(["扬州乙", null, "#N/A"], file.Rows[1].Cells);
    }

    [Fact]
    public void Read_HighlyCompressedEntry_ThrowsZipBomb()
    {
        using var stream = Zip(("xl/workbook.xml", "<workbook/>"u8.ToArray()), ("xl/worksheets/sheet1.xml", new byte[20 * 1024 * 1024]));

        var ex = Refused(() => TabularReader.Read(stream, "bomb.xlsx"));

        Assert.Equal("File.ZipBomb", ex.Code);
    }

    [Fact]
    public void Read_TooMuchUncompressedData_ThrowsZipBomb()
    {
        // Two incompressible entries of 1.5 MB: each is under the 2 MB limit, together they are over it.
        var random = new byte[3 * 512 * 1024];
        new Random(7).NextBytes(random);
        using var stream = Zip(("xl/workbook.xml", "<workbook/>"u8.ToArray()), ("xl/media/image1.bin", random),
            ("xl/media/image2.bin", random));

        var ex = Refused(() => TabularReader.Read(stream, "big.xlsx", new ReadLimits(MaxUncompressedBytes: 2 * 1024 * 1024)));

        Assert.Equal("File.ZipBomb", ex.Code);
        stream.Position = 0;
        var notBomb = Refused(() => TabularReader.Read(stream, "big.xlsx", new ReadLimits(MaxUncompressedBytes: 4 * 1024 * 1024)));
        Assert.Equal("File.Unreadable", notBomb.Code);
    }

    [Fact]
    public void Read_NotAZip_ThrowsUnreadable()
    {
        var ex = Refused(() => TabularReader.Read(new MemoryStream("名称,数量\n甲,1\n"u8.ToArray()), "伪装.xlsx"));

        Assert.Equal("File.Unreadable", ex.Code);
    }

    [Fact]
    public void Read_ZipWithoutWorkbook_ThrowsUnreadable()
    {
        using var stream = Zip(("word/document.xml", "<document/>"u8.ToArray()));

        var ex = Refused(() => TabularReader.Read(stream, "a.xlsx"));

        Assert.Equal("File.Unreadable", ex.Code);
    }

    // ---- writing ----

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("+3", "+3")]
    [InlineData("正常文本", "正常文本")]
    [InlineData("a=1", "a=1")]
    [InlineData(null, "")]
    public void Neutralize_Text_Expected(string? value, string expected) => Assert.Equal(expected, TabularWriter.Neutralize(value));

    [Fact]
    public async Task WriteCsvAsync_Rows_BomCrlfQuotedAndNeutralized()
    {
        using var stream = new MemoryStream();

        await TabularWriter.WriteCsvAsync(stream, ["名称", "说明"], Async([["甲,乙", "=1+1"], ["他说\"好\"", "-12.5"], ["多\n行"], [null, "@cmd"]]));

        var bytes = stream.ToArray();
        Assert.Equal(Bom, bytes[..3]);
        Assert.Equal(
            "名称,说明\r\n\"甲,乙\",'=1+1\r\n\"他说\"\"好\"\"\",-12.5\r\n\"多\n行\",\r\n,'@cmd\r\n",
            Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public async Task WriteCsvAsync_ReadBack_SameCells()
    {
        List<IReadOnlyList<string?>> rows = [["扬州,广陵", "第一行\r\n第二行"], ["\"引号\"", null]];
        using var stream = new MemoryStream();

        await TabularWriter.WriteCsvAsync(stream, ["地区", "备注"], Async(rows));
        stream.Position = 0;
        var file = TabularReader.Read(stream, "a.csv");

        Assert.Equal("UTF-8", file.Encoding);
        Assert.Equal(["地区", "备注"], file.Headers);
        Assert.Equal(rows, file.Rows.Select(r => r.Cells));
        Assert.Equal([2, 3], file.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task WriteCsvAsync_RowLongerThanHeaders_Throws()
    {
        using var stream = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(() => TabularWriter.WriteCsvAsync(stream, ["a"], Async([["1", "2"]])));
    }

    /// <summary>A read-only or write-only stream that cannot seek, like a request or response body.</summary>
    private sealed class NonSeekableStream : Stream
    {
        private readonly Stream _inner;

        public NonSeekableStream(byte[] content) => _inner = new MemoryStream(content);

        public NonSeekableStream(Stream inner) => _inner = inner;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
    }

    /// <summary>A seekable stream that only claims a length, to test the size check without allocating it.</summary>
    private sealed class SizedStream(long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("The size check must come before reading.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
