using System.IO.Compression;
using Fip.Web.Features.Supervision;

namespace Fip.UnitTests.Features.Supervision;

public class EvidenceTypesTests
{
    private static string? Detect(string name, byte[] bytes) => EvidenceTypes.Detect(name, new MemoryStream(bytes));

    private static byte[] Package(params string[] parts)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var part in parts)
                using (var w = new StreamWriter(zip.CreateEntry(part).Open())) w.Write("<x/>");
        return buffer.ToArray();
    }

    [Fact]
    public void RealFiles_AreRecognisedByTheirContent()
    {
        Assert.Equal("application/pdf", Detect("纪要.PDF", "%PDF-1.7\n"u8.ToArray()));
        Assert.Equal("image/png", Detect("现场.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal("image/jpeg", Detect("现场.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0]));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Detect("报告.docx", Package("[Content_Types].xml", "word/document.xml")));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Detect("台账.xlsx", Package("[Content_Types].xml", "xl/workbook.xml")));
        Assert.Equal("application/msword", Detect("旧版.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]));
    }

    [Fact]
    public void DisguisedOrUnknownFiles_AreRefused()
    {
        Assert.Null(Detect("进展.pdf", [0x4D, 0x5A, 0x90, 0x00])); // an executable named .pdf
        Assert.Null(Detect("报告.docx", Package("[Content_Types].xml", "xl/workbook.xml"))); // a workbook named .docx
        Assert.Null(Detect("报告.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3])); // a broken ZIP
        Assert.Null(Detect("图片.png", "%PDF-1.7"u8.ToArray()));
        Assert.Null(Detect("脚本.html", "<html>"u8.ToArray()));
        Assert.Null(Detect("无扩展名", "%PDF-1.7"u8.ToArray()));
        Assert.Null(Detect("空.pdf", []));
    }
}
