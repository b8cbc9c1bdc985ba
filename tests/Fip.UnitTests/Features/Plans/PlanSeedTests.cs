using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;

namespace Fip.UnitTests.Features.Plans;

public class PlanSeedTests
{
    private static readonly PlanOverlay Overlay = PlanSeeder.ReadOverlay();
    private static readonly Fip.Policy.PolicyDraft Parsed = PlanSeeder.ParseDefault(Overlay);
    private static readonly PlanDraft Seed = PlanSeeder.BuildDefault();
    private static readonly string Text = PlanSeeder.ReadEmbeddedDocument(Overlay.Document.FileName);

    [Fact]
    public void Document_IsTheBundledPolicyVerbatim()
    {
        Assert.StartsWith("关于加快培育发展未来产业的指导意见", Text, StringComparison.Ordinal);
        var sample = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "policies", "yangzhou-future-industries-2024.txt"));
        Assert.Equal(sample, Text);
        Assert.Equal(sample.Replace("\r\n", "\n", StringComparison.Ordinal), Seed.Text);
    }

    [Fact]
    public void Tracks_HaveTheThreeTiersOfThePolicy()
    {
        Assert.Equal(["重点培育", "延伸发展", "前瞻探索"], Seed.Tiers.Select(t => t.Name));
        Assert.Equal(["focus", "extended", "exploratory"], Seed.Tiers.Select(t => t.Code));
        Assert.Equal(["低空经济", "元宇宙", "零碳负碳"], Seed.Tracks.Where(t => t.Tier == "focus").Select(t => t.Name));
        Assert.Equal(["氢能", "前沿生物医药", "新型光伏储能", "前沿新材料"], Seed.Tracks.Where(t => t.Tier == "extended").Select(t => t.Name));
        Assert.Equal(["第三代半导体", "未来网络", "先进计算", "合成生物", "先进核能", "类人机器人"],
            Seed.Tracks.Where(t => t.Tier == "exploratory").Select(t => t.Name));
        Assert.Equal("low-altitude", Seed.Tracks[0].Code);
        // The tier is quoted at the heading that names it.
        Assert.Equal("（1） 重点培育3个未来产业", Quote(Seed.Tiers[0].Source));
    }

    [Fact]
    public void FocusTracks_NameTheirDistricts()
    {
        var lowAltitude = Seed.Tracks.Single(t => t.Name == "低空经济");
        Assert.Equal(["生态科技新城", "邗江区", "江都区", "广陵区"], lowAltitude.FocusDistricts);
        Assert.Equal("〔重点布局：生态科技新城、邗江区、江都区、广陵区〕", Quote(lowAltitude.FocusSource!));
        Assert.Equal(["扬州经开区"], Seed.Tracks.Single(t => t.Name == "零碳负碳").FocusDistricts);
        Assert.Equal(13, Seed.Tracks.Count);
        Assert.Equal(3, Seed.Tracks.Count(t => t.FocusDistricts.Count > 0));
    }

    [Fact]
    public void Targets_AreTheFourNumericGoalsAndTheBatchOfBackboneEnterprises()
    {
        var numeric = Seed.Targets
            .Where(t => t.Value is not null)
            .Select(t => (t.Year, t.Indicator, t.Value, t.Comparator, t.Unit))
            .ToList();
        Assert.Equal(
        [
            (2025, "未来产业先导园区", 3m, Comparator.AtLeast, "个"),
            (2030, "关键产品", 50m, Comparator.AtLeast, "个"),
            (2030, "应用场景", 10m, Comparator.AtLeast, "个"),
            (2030, "未来产业先导园区", 5m, Comparator.AtLeast, "个"),
        ], numeric);
        Assert.Contains(Seed.Targets, t => t.Value is null && t.Indicator == "骨干企业" && t.Year == 2030);
        Assert.Equal("推出50个以上关键产品", Quote(Seed.Targets.Single(t => t.Indicator == "关键产品").Source));
    }

    [Fact]
    public void Targets_AreTheOnesTheGoalOverlayCounts()
    {
        var goals = Fip.Web.Features.Goals.GoalSeeder.LoadEmbedded(Overlay.Key);
        foreach (var link in goals.Targets) Assert.Contains(Seed.Targets, t => t.Indicator == link.Indicator);
    }

    [Fact]
    public void Programmes_AreSevenProgrammesAndThreeMeasures()
    {
        Assert.Equal(7, Seed.Programmes.Count(p => p.Kind == ProgrammeKind.Programme));
        Assert.Equal(3, Seed.Programmes.Count(p => p.Kind == ProgrammeKind.Measure));
        var first = Seed.Programmes[0];
        Assert.Equal("未来产业技术策源工程", first.Title);
        Assert.Equal("（一）", first.Number);
        Assert.Equal(["市科技局", "市发改委", "市工信局"], first.Co.Take(3));
        Assert.Empty(first.Lead);
        Assert.All(Seed.Programmes.Where(p => p.Kind == ProgrammeKind.Programme), p => Assert.True(p.DistrictsCarryOut));
        var talent = Seed.Programmes.Single(p => p.Title == "未来产业要素支撑工程");
        Assert.Contains("人民银行扬州市分行", talent.Co);
        Assert.Equal("Factor support programme", talent.TitleEn);
        // Inherited units (以下任务均需…落实) make DistrictsCarryOut, not extra unit rows.
        Assert.DoesNotContain("功能区管委会", Seed.Programmes[1].Co);
    }

    [Fact]
    public void EveryItem_QuotesTheTextAtItsSpan()
    {
        var spans = Seed.Tiers.Select(t => t.Source)
            .Concat(Seed.Tracks.SelectMany(t => new[] { t.Source, t.Summary, t.FocusSource }))
            .Concat(Seed.Targets.Select(t => t.Source))
            .Concat(Seed.Programmes.SelectMany(p => new[] { p.Source, p.UnitsSource }))
            .OfType<DraftSpan>().ToList();
        Assert.True(spans.Count > 40);
        Assert.All(spans, s => Assert.True(s.Length > 0 && s.FitsIn(Seed.Text)));
        Assert.Empty(Seed.Validate());
        Assert.Empty(Seed.Unplaced);
    }

    [Fact]
    public void Overlay_EveryEntryMatchesWhatTheParserProduces()
    {
        Assert.Empty(Overlay.StaleEntries(Parsed));
        // The overlay names every place and unit the parser finds: nothing reaches the plan without its codes and kind.
        Assert.All(Parsed.Places,
            p => Assert.Contains(Overlay.Districts, d => d.Name == p.Name || d.ShortName == p.Name || (d.Aliases ?? []).Contains(p.Name)));
        Assert.All(Parsed.Departments, u => Assert.Contains(Overlay.Departments, d => d.Name == u));
    }

    [Fact]
    public void StaleEntries_OverlayKeyedByWhatTheParserNoLongerProduces_AreListed()
    {
        var stale = Overlay with
        {
            Tracks = [.. Overlay.Tracks, Overlay.Tracks[0] with { Parsed = "低空经济产业" }],
            Targets = [.. Overlay.Targets, new OverlayTarget("先导区", null)],
            Programmes = [.. Overlay.Programmes, new OverlayProgramme("未来产业技术策源", null)],
        };
        Assert.Equal(["tracks: 低空经济产业", "targets: 先导区", "programmes: 未来产业技术策源"], stale.StaleEntries(Parsed));
    }

    [Fact]
    public void Districts_HaveGbt2260CodesOrAreFunctionalZones()
    {
        var divisions = Overlay.Districts.Where(d => d.Kind == DistrictKind.Division).ToDictionary(d => d.Name, d => d.Code);
        Assert.Equal("321002", divisions["广陵区"]);
        Assert.Equal("321003", divisions["邗江区"]);
        Assert.Equal("321012", divisions["江都区"]);
        Assert.Equal("321023", divisions["宝应县"]);
        Assert.Equal("321081", divisions["仪征市"]);
        Assert.Equal("321084", divisions["高邮市"]);
        Assert.All(Overlay.Districts.Where(d => d.Kind == DistrictKind.FunctionalZone), d => Assert.Null(d.Code));
        Assert.Contains(Overlay.Districts, d => d.ShortName == "扬州经开区" && d.StatsCode == "321071");
    }

    [Fact]
    public void Draft_RoundTripsThroughJson()
    {
        var copy = PlanDraft.FromJson(Seed.ToJson());
        Assert.Equal(Seed.ToJson(), copy.ToJson());
    }

    private static string Quote(DraftSpan s) => Seed.Text.Substring(s.Start, s.Length);

    [Fact]
    public void QuoteLocator_RefusesAmbiguousAndMissingQuotes()
    {
        Assert.Throws<PlanSeedException>(() => QuoteLocator.Locate("甲乙甲乙", "甲乙"));
        Assert.Throws<PlanSeedException>(() => QuoteLocator.Locate("甲乙丙", "丁"));
        Assert.Throws<PlanSeedException>(() => QuoteLocator.Locate("甲乙丙", "丁", "甲乙"));
        var q = QuoteLocator.Locate("甲乙，丙甲乙丁", "甲乙", "丙甲乙丁");
        Assert.Equal(4, q.Start);
    }

    [Theory]
    [InlineData(">=", Comparator.AtLeast)]
    [InlineData("≥", Comparator.AtLeast)]
    [InlineData("<=", Comparator.AtMost)]
    [InlineData("about", Comparator.About)]
    [InlineData("=", Comparator.Equal)]
    public void ParseComparator_ReadsEvalViewSymbols(string symbol, Comparator expected) =>
        Assert.Equal(expected, PlanSeeder.ParseComparator(symbol));

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fip.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
