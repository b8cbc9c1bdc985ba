using Fip.Web.Features.Plans;

namespace Fip.UnitTests.Features.Plans;

public class DocumentLayoutTests
{
    private const string Text = "标题\n\n一、总体要求\n（一）目标任务\n到2030年，推出50个以上关键产品，打造10个以上应用场景。\n1. 低空经济。以低空制造为重点。";

    [Fact]
    public void Layout_FindsHeadingLevels()
    {
        var paragraphs = DocumentLayout.Layout(Text, []);
        Assert.Equal([0, 1, 2, 0, 3], paragraphs.Select(p => p.Level));
        Assert.Equal(Text, string.Join("\n", paragraphs.Select(p => string.Concat(p.Segments.Select(s => s.Text)))).Insert(2, "\n"));
    }

    [Fact]
    public void Layout_HighlightsEachQuoteWithItsAnchor()
    {
        var start = Text.IndexOf("推出50个以上关键产品", StringComparison.Ordinal);
        var mark = new DocumentMark("target", 7, start, "推出50个以上关键产品".Length, "q-target-7", "关键产品");
        var paragraph = DocumentLayout.Layout(Text, [mark]).Single(p => p.Segments.Any(s => s.Mark is not null));
        var marked = paragraph.Segments.Single(s => s.Mark is not null);
        Assert.Equal("推出50个以上关键产品", marked.Text);
        Assert.Equal("q-target-7", marked.AnchorId);
        Assert.Equal("/Plans#target-7", DocumentLayout.ItemUrl(mark));
        Assert.Equal("到2030年，推出50个以上关键产品，打造10个以上应用场景。", string.Concat(paragraph.Segments.Select(s => s.Text)));
    }

    [Fact]
    public void Layout_NestedQuotes_LinkTheInnermostAndKeepBothAnchors()
    {
        var sentence = "到2030年，推出50个以上关键产品，打造10个以上应用场景。";
        var s0 = Text.IndexOf(sentence, StringComparison.Ordinal);
        var inner = Text.IndexOf("关键产品", StringComparison.Ordinal);
        var outer = new DocumentMark("programme", 1, s0, sentence.Length, "q-programme-1", "p");
        var target = new DocumentMark("target", 2, inner, 4, "q-target-2", "t");
        var segments = DocumentLayout.Layout(Text, [outer, target]).SelectMany(p => p.Segments).ToList();
        Assert.Equal("target", segments.Single(s => s.Text == "关键产品").Mark!.Kind);
        Assert.Contains(segments, s => s.AnchorId == "q-programme-1");
        Assert.Contains(segments, s => s.AnchorId == "q-target-2");
    }
}
