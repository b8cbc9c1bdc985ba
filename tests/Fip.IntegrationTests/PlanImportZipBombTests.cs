using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Fip.Policy;
using Fip.Web.Data;

namespace Fip.IntegrationTests;

/// <summary>Issue 16, hole 9: a .docx whose document.xml inflates to hundreds of MB is refused from the zip directory, quickly and
/// in little memory, by `fip policy parse` and the import page alike.</summary>
public partial class PlanImportTests
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>A well-formed .docx whose one paragraph is <paramref name="text"/> followed by <paramref name="padding"/> bytes of
    /// 'A' (compressed about a thousand times).</summary>
    internal static byte[] Docx(string text, long padding)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Part("[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=" +
                "\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Part("_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/" +
                "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
                "officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            document.Write(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{WordNamespace}\">" +
                $"<w:body><w:p><w:r><w:t>{text}"));
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)'A');
            for (var left = padding; left > 0; left -= block.Length) document.Write(block, 0, (int)Math.Min(block.Length, left));
            document.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }
        return file.ToArray();
    }

    private static readonly Lazy<byte[]> Bomb = new(() => Docx("扬州", 400L * 1024 * 1024));

    [Fact]
    public void TheTestDocx_IsAWordFileThePolicyReaderReads()
    {
        // Without its padding the same file reads: what refuses the bomb is its size, not a malformed package.
        var text = PolicyFileReader.Read(new MemoryStream(Docx("加快培育未来产业", 1024)), "policy.docx");
        Assert.StartsWith("加快培育未来产业AAAA", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyReader_RefusesADocxBomb_Quickly_InLittleMemory()
    {
        var bomb = Bomb.Value;
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"{bomb.Length} bytes compressed");
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(new MemoryStream(bomb), "bomb.docx"));
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(refused.TooLargeDecompressed, refused.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{clock.Elapsed.TotalSeconds:0.0} s");
        // Reading it used to take the whole inflated text and its DOM (1.36 GB for 800 MB); the refusal copies the compressed file.
        Assert.True(allocated < 32L * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DocxBomb_IsRefused_ByPolicyParse_AndByTheImportPage(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var path = Path.Combine(Path.GetTempPath(), $"bomb-{Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(path, Bomb.Value);
        try
        {
            // `fip policy …` goes straight to PolicyCommands (no host, no database).
            var clock = Stopwatch.StartNew();
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(1, Fip.Cli.PolicyCommands.Run(["policy", "parse", path, "--format", "json"], output, error));
            Assert.Equal("", output.ToString());
            Assert.Contains("zip bomb", error.ToString(), StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            File.Delete(path);
        }

        var page = await UploadAsync(await AdminClientAsync(app), "bomb.docx", Bomb.Value);
        Assert.Contains("data-testid=\"import-errors\"", page, StringComparison.Ordinal);
        Assert.Contains("压缩炸弹", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"DraftJson\"", page, StringComparison.Ordinal);
    }
}
