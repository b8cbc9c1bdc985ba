using System.Text.Json;
using Fip.Policy;
using Fip.UnitTests.Features.Plans;

namespace Fip.UnitTests.Policy;

/// <summary>
/// The import review's second line of defence against a parser that proposes a piece of a sentence as an industry direction
/// (a new user's 三年行动方案 gave “印发泰州市未来产业” and “、高新技术企业”): <see cref="PolicyVocabulary.ReadsAsSentence"/>.
/// </summary>
public class TrackNameShapeTests
{
    [Theory]
    // Pieces of sentences, as parsers have proposed them.
    [InlineData("印发泰州市未来产业", true)]             // the 印发 sentence of a notice
    [InlineData("、高新技术企业", true)]                  // an enumeration cut at its mark
    [InlineData("人工智能，大数据", true)]                // two items glued by a comma
    [InlineData("加快发展人工智能", true)]                // opens with a task verb
    [InlineData("推动低空经济", true)]
    [InlineData("合肥市低空经济发展行动方案", true)]      // a document's title
    [InlineData("关于加快培育发展未来产业的指导意见", true)] // 的, and ends with a document kind
    [InlineData("赋予广州地区的先行先试权", true)]
    [InlineData("人形机器人 具身智能", true)]              // a space joins two names
    [InlineData("面向未来的前沿新材料与高端装备及其关键零部件产业", true)] // 的, and longer than any name
    [InlineData("前沿新材料与高端装备及其关键零部件配套产业", true)] // 21 characters: longer than any name
    [InlineData("", true)]
    [InlineData("   ", true)]
    // Names as plans write them, including the ones a rule could wrongly catch.
    [InlineData("低空经济", false)]
    [InlineData("创新药", false)]                          // 创新 opens task headings, not titles
    [InlineData("发展规划研究服务", true)]                 // opens with 发展, as titles do: asked about, never dropped
    [InlineData("零碳负碳（碳捕集利用及封存）", false)]    // brackets belong to names
    [InlineData("“互联网+”固体废物处理产业", false)]       // a quoted slogan may be part of a name
    [InlineData("AI及服务机器人", false)]
    [InlineData("生物化工与生物基材料", false)]
    [InlineData("大宗工业固体废物综合利用产业", false)]    // 14 characters
    public void ReadsAsSentence_Cases(string name, bool fragment)
    {
        Assert.Equal(fragment, PolicyVocabulary.Default.ReadsAsSentence(name));
    }

    /// <summary>Every industry name the annotators wrote in the corpus's gold reads as a name: the check never asks an admin to
    /// rename what a plan really names.</summary>
    [Fact]
    public void EveryGoldIndustryOfTheCorpus_ReadsAsAName()
    {
        var corpus = Path.Combine(PlanSeedTests.RepoRoot(), "samples", "policies", "corpus");
        var names = Directory.EnumerateFiles(corpus, "*.gold.json")
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("industries").EnumerateArray()
                .Select(e => (File: Path.GetFileName(f), Name: e.GetString()!)))
            .ToList();
        Assert.True(names.Count >= 80, $"{names.Count} gold industry names");
        Assert.DoesNotContain(names, n => PolicyVocabulary.Default.ReadsAsSentence(n.Name));
    }
}
