using System.Text.RegularExpressions;

namespace Fip.UnitTests.Infrastructure;

/// <summary>
/// ECharts puts what a tooltip formatter returns into the page as HTML (its own default tooltips escape names). Every custom
/// tooltip formatter in the site's scripts passes its text through the shared <c>fip.escapeHtml</c> (site.js); the browser test
/// ChainJourneyTests hovers a link named like HTML (issue 16, hole 8).
/// </summary>
public partial class ChartTooltipTests
{
    [GeneratedRegex(@"tooltip:\s*\{[^{}]*?formatter:\s*(?<kind>function|'|"")")]
    private static partial Regex TooltipFormatter();

    private static readonly string Scripts = Path.Combine(Fip.UnitTests.Features.Plans.PlanSeedTests.RepoRoot(), "src", "Fip.Web",
        "wwwroot", "js");

    public static TheoryData<string> ScriptFiles() => [.. Directory.GetFiles(Scripts, "*.js").Select(Path.GetFileName).OfType<string>()];

    [Theory, MemberData(nameof(ScriptFiles))]
    public void EveryCustomTooltipFormatter_EscapesWhatItShows(string file)
    {
        var source = File.ReadAllText(Path.Combine(Scripts, file));
        foreach (Match m in TooltipFormatter().Matches(source))
        {
            // A function formatter: its body (up to the closing of the tooltip) uses the helper.
            Assert.True(m.Groups["kind"].Value == "function", $"{file}: a string tooltip formatter may carry names unescaped");
            var body = source[m.Index..Math.Min(source.Length, source.IndexOf("} }", m.Index, StringComparison.Ordinal) + 3)];
            Assert.Contains("escapeHtml", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheChartScriptsHaveCustomTooltipFormatters_SoTheCheckAboveChecksSomething() =>
        Assert.True(Directory.GetFiles(Scripts, "*.js").Sum(f => TooltipFormatter().Matches(File.ReadAllText(f)).Count) >= 2);
}
