using Fip.Policy;
using Fip.UnitTests.Features.Plans;

namespace Fip.UnitTests.Policy;

/// <summary>
/// The parser reads whatever text an official pastes or a page serves: every document of the corpus, whole, cut short, with its
/// line breaks lost, or with its headings run into one line, gives a draft and never an exception (a held-out document once
/// stopped the parser with "Sequence contains no matching element", and with it the whole import).
/// </summary>
public class PolicyRobustnessTests
{
    private static readonly string Corpus = Path.Combine(PlanSeedTests.RepoRoot(), "samples", "policies", "corpus");

    public static TheoryData<string> Documents
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Corpus, "*.txt").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
            return data;
        }
    }

    [Theory, MemberData(nameof(Documents))]
    public void EveryDocument_WholeCutOrRunTogether_GivesADraft(string name)
    {
        var text = File.ReadAllText(Path.Combine(Corpus, name));
        var variants = new List<(string How, string Text)>
        {
            ("whole", text),
            ("one line", text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)),
            ("no title", text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..]),
        };
        // Cut at three places, as a page's opening is cut mid-sentence.
        for (var i = 1; i < 4; i++) variants.Add(($"cut at {i}/4", text[..(text.Length * i / 4)]));
        foreach (var (how, variant) in variants)
        {
            var draft = Record.Exception(() => PolicyParser.ParseText(variant));
            Assert.True(draft is null, $"{name}, {how}: {draft}");
        }
    }
}
