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
}
