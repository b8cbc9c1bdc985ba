using Fip.Policy;
using Fip.Policy.Text;
using Fip.UnitTests.Features.Plans;

namespace Fip.UnitTests.Policy;

/// <summary>
/// The learned track reader (branch learn11): the candidate generator (<see cref="TrackCandidates"/>), the features of a name,
/// the choice among scored candidates (<see cref="LearnedTracks"/>), the training (<see cref="TrackTraining"/>), the shipped
/// model (<c>Data/track-model.json</c>) and what the import page needs of its tracks.
/// </summary>
public class LearnedTrackReaderTests
{
    private static readonly PolicyParser Rules = new(null, TrackModel.RulesOnly);

    private static List<(string Name, IReadOnlyList<IReadOnlySet<string>> Occurrences)> Candidates(string text) => Rules.Candidates(text);

    private static IReadOnlyList<IReadOnlySet<string>>? Occurrences(string text, string name) =>
        Candidates(text).Where(c => c.Name == name).Select(c => c.Occurrences).FirstOrDefault();

    private static double Score(string text, string name) =>
        Occurrences(text, name) is { } o ? TrackModel.Default.Score(o) : throw new InvalidOperationException($"{name} is no candidate");

    private const string Title = "某市产业发展行动方案\n";

    [Theory]
    // Items of a 、-list, the head cut after its cue verb and the tail at 等.
    [InlineData("做大做强激光装备、光电显示、微电子信息技术等产业。", "激光装备", true)]
    [InlineData("做大做强激光装备、光电显示、微电子信息技术等产业。", "光电显示", true)]
    [InlineData("做大做强激光装备、光电显示、微电子信息技术等产业。", "微电子信息技术", true)]
    // A scale before and a count after a cluster's name.
    [InlineData("争创营收过5500亿级高端铝业产业集群1个。", "高端铝业", true)]
    [InlineData("到2027年，3000亿级精细化工产业集群1个。", "精细化工", true)]
    // Both readings of 及: one direction or two.
    [InlineData("重点发展新能源及装备制造、新材料等产业。", "新能源及装备制造", true)]
    [InlineData("重点发展新能源及装备制造、新材料等产业。", "装备制造", true)]
    // A short numbered heading; the object of a cue verb.
    [InlineData("一、重点方向\n（一）人工智能。加快算法创新。\n", "人工智能", true)]
    [InlineData("大力发展低空经济。", "低空经济", true)]
    // Counter-cases: a name opening with a task verb, one holding a comma or a 、, a long clause with no cue, one character.
    [InlineData("大力发展低空经济。", "大力发展低空经济", false)]
    [InlineData("做大做强激光装备、光电显示、微电子信息技术等产业。", "激光装备、光电显示", false)]
    [InlineData("各地区各部门要结合实际认真贯彻执行确保各项工作落到实处。", "各地区各部门要结合实际认真贯彻执行确保各项工作落到实处", false)]
    [InlineData("聚焦氢、电等领域。", "氢", false)]
    [InlineData("加快发展传统产业。", "传统产业", false)]              // an umbrella word names a class
    [InlineData("以人形机器人为核心。", "以人形机器人", false)]          // a preposition opens no name
    [InlineData("以人形机器人为核心。", "人形机器人", true)]
    public void Generator_Proposes(string body, string name, bool proposed)
    {
        Assert.Equal(proposed, Candidates(Title + body).Any(c => c.Name == name));
    }

    [Fact]
    public void Generator_TitleSubject_IsACandidateOfTheTitle()
    {
        var o = Occurrences("关于加快发展低空经济的实施意见\n一、总体要求\n", "低空经济");
        Assert.NotNull(o);
        Assert.Contains(o, x => x.Contains("gen=title") && x.Contains("in=title"));
        // Counter-case: a body sentence is no title.
        Assert.DoesNotContain(Occurrences(Title + "大力发展低空经济。", "低空经济")!, x => x.Contains("gen=title"));
    }

    [Fact]
    public void Generator_RuleFindings_AreCandidatesWithTheirFamily()
    {
        var o = Occurrences("关于加快发展低空经济的实施意见\n一、总体要求\n", "低空经济")!;
        Assert.Contains(o, x => x.Contains("rule") && x.Contains("rule=title"));
        // Counter-case: a name no rule found carries no rule feature.
        Assert.DoesNotContain(Occurrences(Title + "做大做强激光装备、光电显示、微电子信息技术等产业。", "光电显示")!, x => x.Contains("rule"));
    }

    [Theory]
    // The list's features: cue, class word after 等 (or none), size, position, siblings.
    [InlineData("做大做强激光装备、光电显示、微电子信息技术等产业。", "激光装备",
        "cue=做大做强 listcue=做大做强 listclass=产业 size=3-4 item=first head=cue gen=list", "")]
    [InlineData("做大做强激光装备、光电显示、微电子信息技术等产业。", "光电显示", "item=middle prev=、 next=、 listclass=产业", "head=cue tail=none")]
    [InlineData("激光装备、光电显示、微电子信息技术、新型显示、集成电路。", "新型显示", "listcue=none listclass=none size=5+ siblings=short", "")]
    [InlineData("争创营收过5500亿级高端铝业产业集群1个。", "高端铝业", "head=after=scale tail=before=count", "")]
    [InlineData("（一）人工智能。加快算法创新。", "人工智能", "gen=heading level=2 inline", "gen=list")]
    public void Features_OfAPlace(string body, string name, string present, string absent)
    {
        var o = Occurrences(Title + body, name)!;
        foreach (var f in present.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            Assert.True(o.Any(x => x.Contains(f)), $"{name}: {f} expected");
        foreach (var f in absent.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            Assert.False(o.Any(x => x.Contains(f) && x.Contains("gen=list")), $"{name}: {f} not expected");
    }

    [Theory]
    [InlineData("新材料产业", "len=5 end1=业 end2=产业 end3=料产业 headword headnoun start1=新", "has=digit place=whole verb=start")]
    [InlineData("5G", "len=2 has=digit has=latin", "headnoun headword")]
    [InlineData("苏州市", "place=whole", "place=start headnoun")]
    [InlineData("苏州生物医药", "place=start headnoun", "place=whole")]
    [InlineData("推动产业", "verb=start headword", "verb=inside")]
    [InlineData("人工智能与经济社会", "fw=与 len=9-12", "fw=的")]
    [InlineData("未来产业", "umbrella", "")]
    [InlineData("低空经济", "headword headnoun len=4", "umbrella fw=和")]
    public void Features_OfAName(string name, string present, string absent)
    {
        var f = new HashSet<string>(StringComparer.Ordinal);
        TrackCandidates.NameFeatures(name, f, PolicyVocabulary.Default, new HashSet<string>());
        foreach (var x in present.Split(' ', StringSplitOptions.RemoveEmptyEntries)) Assert.Contains(x, f);
        foreach (var x in absent.Split(' ', StringSplitOptions.RemoveEmptyEntries)) Assert.DoesNotContain(x, f);
    }

    [Theory]
    [InlineData("激光装备、光电显示、微电子信息技术等产业", "产业")]
    [InlineData("食品加工、智能纺织产业集群2个", "集群")]
    [InlineData("激光装备、光电显示、微电子信息技术", null)]
    [InlineData("人才、资金等", null)]
    public void ListClass_IsTheWordAfterTheTail(string list, string? expected)
    {
        var last = list.Split('、')[^1];
        Assert.Equal(expected, TrackCandidates.ListClass(last));
    }

    [Fact]
    public void Choose_TakesTheBestAndLeavesNamesInsideIt()
    {
        var names = new[] { "人工智能产业", "人工智能", "低空经济", "智能" };
        var scores = new[] { 0.6, 0.9, 0.7, 0.8 };
        // 人工智能 is best; 人工智能产业 holds it and 智能 lies in it; 低空经济 stands apart.
        Assert.Equal([1, 2], LearnedTracks.Choose(names, scores, 0.5).Order());
        // Counter-case: below the threshold nothing is taken.
        Assert.Empty(LearnedTracks.Choose(names, scores, 0.95));
        Assert.Equal([1], LearnedTracks.Choose(names, scores, 0.85));
    }

    [Theory]
    [InlineData("人工智能产业", "人工智能", true)]
    [InlineData("新一代人工智能", "人工智能", true)]
    [InlineData("人工智能与经济社会深度融合", "人工智能", false)] // holds the name, but is a clause
    [InlineData("智能", "人工智能", true)]                      // two of four characters short: within three
    [InlineData("低空经济", "人工智能", false)]
    public void Label_IsTheScorersMatchWithinALength(string candidate, string gold, bool positive)
    {
        Assert.Equal(positive, TrackTraining.Names(candidate, gold));
    }

    /// <summary>A tiny set where one feature decides: training gives it a positive weight, the other a negative one, the same
    /// bytes twice.</summary>
    [Fact]
    public void Training_LearnsTheDecidingFeature_Deterministically()
    {
        static TrainingDocument Doc(string name, bool good) => new(name,
            [("甲乙", [new HashSet<string> { "bias", good ? "cue" : "nocue" }]), ("丙丁", [new HashSet<string> { "bias", "nocue" }])],
            [good, false], good ? ["甲乙"] : []);
        var docs = Enumerable.Range(0, 10).Select(i => Doc("d" + i, i % 2 == 0)).ToList();
        var a = TrackTraining.Train(docs);
        Assert.True(a.Weights["cue"] > 0, $"cue {a.Weights["cue"]}");
        Assert.True(a.Weights["nocue"] < 0, $"nocue {a.Weights["nocue"]}");
        Assert.Equal(a.ToJson(), TrackTraining.Train(docs).ToJson());
        Assert.True(a.Score(["bias", "cue"]) >= a.Threshold && a.Score(["bias", "nocue"]) < a.Threshold);
    }

    [Fact]
    public void Model_RoundTripsThroughJson()
    {
        var m = TrackModel.Default;
        Assert.Equal(m.ToJson(), TrackModel.Parse(m.ToJson()).ToJson());
        Assert.Throws<PolicyFileException>(() => TrackModel.Parse("{\"weights\": 3}"));
    }

    /// <summary>The shipped weights are what <c>fip policy train samples/policies/corpus</c> writes, byte for byte.</summary>
    [Fact]
    public void TrainingOnTheCorpus_ReproducesTheShippedModel()
    {
        var root = PlanSeedTests.RepoRoot();
        // Trained without held-out-10 to -17 (collected after the model was built, each scored on it): the model has not
        // seen them, and a retrain on the grown corpus moved the threshold (0.52 → 0.63) and ten one-sentence rule cases with it.
        var unseen = new[]
            {
                "corpus-heldout10.txt", "corpus-heldout11.txt", "corpus-heldout12.txt", "corpus-heldout13.txt", "corpus-heldout14.txt",
                "corpus-heldout15.txt", "corpus-heldout16.txt", "corpus-heldout17.txt",
            }
            .SelectMany(f => File.ReadAllLines(Path.Combine(root, "samples", "policies", f)))
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        var trained = TrackTraining.Train([.. TrackTraining.Corpus(Path.Combine(root, "samples", "policies", "corpus"))
            .Where(d => !unseen.Contains(d.Name))]);
        var shipped = File.ReadAllText(Path.Combine(root, "src", "Fip.Policy", "Data", TrackModel.FileName));
        Assert.Equal(shipped, trained.ToJson());
    }

    // --- each feature moves the score the way expected, on crafted sentences that differ in that feature only -----------------

    [Fact]
    public void Score_ListClassWordOfIndustries_Raises()
    {
        Assert.True(Score(Title + "甲乙装备、丙丁显示、戊己信息技术等产业。", "丙丁显示")
            > Score(Title + "甲乙装备、丙丁显示、戊己信息技术等问题。", "丙丁显示"));
    }

    [Fact]
    public void Score_HeadNoun_Raises()
    {
        Assert.True(Score(Title + "重点发展甲乙材料。", "甲乙材料") > Score(Title + "重点发展甲乙丙丁。", "甲乙丙丁"));
    }

    [Fact]
    public void Score_DirectionCue_Raises()
    {
        Assert.True(Score(Title + "重点发展甲乙材料、丙丁装备。", "甲乙材料") > Score(Title + "甲乙材料、丙丁装备。", "甲乙材料"));
    }

    [Fact]
    public void Score_FunctionWordInside_Lowers()
    {
        Assert.True(Score(Title + "重点发展甲乙丙材料。", "甲乙丙材料") > Score(Title + "重点发展甲等丙材料。", "甲等丙材料"));
    }

    [Fact]
    public void Score_InTheTitle_Raises()
    {
        Assert.True(Score("某市甲乙材料发展行动方案\n一、总体要求\n重点发展甲乙材料。", "甲乙材料")
            > Score("某市产业发展行动方案\n一、总体要求\n重点发展甲乙材料。", "甲乙材料"));
    }

    [Fact]
    public void Score_NamedAgain_Raises()
    {
        Assert.True(Score(Title + "重点发展甲乙材料。甲乙材料企业。甲乙材料基地。", "甲乙材料") > Score(Title + "重点发展甲乙材料。", "甲乙材料"));
    }

    [Fact]
    public void Score_UnderADirectionsHeading_Raises()
    {
        Assert.True(Score("某市产业发展行动方案\n一、重点产业发展方向\n甲乙材料、丙丁装备、戊己信息技术。", "丙丁装备")
            > Score("某市产业发展行动方案\n一、保障措施\n甲乙材料、丙丁装备、戊己信息技术。", "丙丁装备"));
    }

    // --- what the import page needs -------------------------------------------------------------------------------------------

    /// <summary>Every track of every corpus document quotes itself where it stands, has a tier code or none (shown as "other"),
    /// and reads as a name, not a sentence piece.</summary>
    [Fact]
    public void Tracks_QuoteThemselves_AndReadAsNames()
    {
        var corpus = Path.Combine(PlanSeedTests.RepoRoot(), "samples", "policies", "corpus");
        var parser = new PolicyParser();
        var tiers = PolicyVocabulary.Default.Tiers.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "*.txt"))
        {
            var draft = parser.ParseFile(file);
            foreach (var t in draft.Tracks)
            {
                count++;
                Assert.Equal(t.Source.Quote, draft.Text.Substring(t.Source.Offset, t.Source.Length));
                Assert.False(PolicyVocabulary.Default.ReadsAsSentence(t.Name), $"{Path.GetFileName(file)}: {t.Name}");
                Assert.True(t.TierCode is null || tiers.Contains(t.TierCode), t.TierCode);
            }
        }
        Assert.True(count >= 150, $"{count} tracks");
    }
}
