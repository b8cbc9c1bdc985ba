using Fip.Cli;
using Fip.UnitTests.Features.Plans;

namespace Fip.UnitTests.Policy;

public class PolicyCommandsTests
{
    private static readonly string Sample = Path.Combine(PlanSeedTests.RepoRoot(), "samples", "policies",
        "yangzhou-future-industries-2024.txt");

    [Fact]
    public void Parse_EvalFormat_PrintsTheEvaluationView()
    {
        var output = new StringWriter();
        var code = PolicyCommands.Run(["policy", "parse", Sample, "--format", "eval"], output, new StringWriter());
        Assert.Equal(0, code);
        var json = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!;
        Assert.Equal("关于加快培育发展未来产业的指导意见", json["title"]!.GetValue<string>());
        Assert.Equal(4, json["targets"]!.AsArray().Count);
        Assert.Equal(">=", json["targets"]![0]!["comparator"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_UnsupportedFile_ExitsOneWithTheMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fip-policy-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            var error = new StringWriter();
            Assert.Equal(1, PolicyCommands.Run(["policy", "parse", path], new StringWriter(), error));
            Assert.Contains(".docx", error.ToString(), StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Evaluate_FolderWithGold_PrintsPerFieldScores()
    {
        var dir = Directory.CreateTempSubdirectory("fip-policy-eval-").FullName;
        try
        {
            File.Copy(Sample, Path.Combine(dir, "yz.txt"));
            File.WriteAllText(Path.Combine(dir, "yz.gold.json"), """
                {"targets": [{"year": 2030, "indicator": "关键产品", "value": 50, "comparator": ">=", "unit": "个"}],
                 "departments": ["市科技局"], "industries": ["低空经济"], "places": ["邗江区"], "sections": ["一、总体要求"]}
                """);
            var output = new StringWriter();
            Assert.Equal(0, PolicyCommands.Run(["policy", "evaluate", dir], output, new StringWriter()));
            var text = output.ToString();
            Assert.Contains("targets", text, StringComparison.Ordinal);
            Assert.Contains("(1/4/1)", text, StringComparison.Ordinal);
            Assert.Contains("overall F1", text, StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Evaluate_HeldoutAndByKind_ScoresEachGroupApart()
    {
        var dir = Directory.CreateTempSubdirectory("fip-policy-loo-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "十堰市低空经济高质量发展实施方案\n二、发展目标\n到2026年，力争聚集产业链相关企业100家。\n");
            File.WriteAllText(Path.Combine(dir, "a.gold.json"), """
                {"title": "十堰市低空经济高质量发展实施方案",
                 "targets": [{"year": 2026, "indicator": "产业链相关企业", "value": 100, "comparator": "=", "unit": "家"}],
                 "departments": [], "industries": ["低空经济"], "places": [], "sections": ["二、发展目标"]}
                """);
            File.WriteAllText(Path.Combine(dir, "b.txt"), "人形機器人創新發展指導意見\n一、總體要求\n");
            File.WriteAllText(Path.Combine(dir, "b.gold.json"), """
                {"title": "人形機器人創新發展指導意見", "targets": [], "departments": [], "industries": ["人形機器人"],
                 "places": [], "sections": ["一、總體要求"]}
                """);
            var heldout = Path.Combine(dir, "heldout.txt");
            File.WriteAllText(heldout, "b\n");
            var output = new StringWriter();
            Assert.Equal(0, PolicyCommands.Run(["policy", "evaluate", dir, "--heldout", heldout, "--by-kind"], output, new StringWriter()));
            var text = output.ToString();
            Assert.Contains("== all (2 documents)", text, StringComparison.Ordinal);
            Assert.Contains("== development (1 documents)", text, StringComparison.Ordinal);
            Assert.Contains("== held-out (1 documents)", text, StringComparison.Ordinal);
            Assert.Contains("== kind 实施方案 (1 documents)", text, StringComparison.Ordinal);
            Assert.Contains("== kind 指导意见 (1 documents)", text, StringComparison.Ordinal);
            Assert.Contains("overall F1 1.000", text, StringComparison.Ordinal);
            Assert.Equal(1, PolicyCommands.Run(["policy", "evaluate", dir, "--heldout", Path.Combine(dir, "none.txt")],
                new StringWriter(), new StringWriter()));
        }
        finally { Directory.Delete(dir, true); }
    }
}
