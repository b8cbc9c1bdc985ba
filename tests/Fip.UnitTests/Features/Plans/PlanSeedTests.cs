using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;

namespace Fip.UnitTests.Features.Plans;

public class PlanSeedTests
{
    private static readonly PlanSeedFile Seed = PlanSeeder.ReadEmbedded();
    private static readonly string Text = PlanSeeder.ReadEmbeddedDocument(Seed.Document.FileName);

    [Fact]
    public void Document_IsTheBundledPolicyVerbatim()
    {
        Assert.StartsWith("关于加快培育发展未来产业的指导意见", Text, StringComparison.Ordinal);
        var sample = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "policies", "yangzhou-future-industries-2024.txt"));
        Assert.Equal(sample, Text);
    }

    [Fact]
    public void Tracks_HaveTheThreeTiersOfThePolicy()
    {
        Assert.Equal(["重点培育", "延伸发展", "前瞻探索"], Seed.Tiers.Select(t => t.Name));
        Assert.Equal(["低空经济", "元宇宙", "零碳负碳"], Seed.Tracks.Where(t => t.Tier == "focus").Select(t => t.Name));
        Assert.Equal(["氢能", "前沿生物医药", "新型光伏储能", "前沿新材料"], Seed.Tracks.Where(t => t.Tier == "extended").Select(t => t.Name));
        Assert.Equal(["第三代半导体", "未来网络", "先进计算", "合成生物", "先进核能", "类人机器人"], Seed.Tracks.Where(t => t.Tier == "exploratory").Select(t => t.Name));
    }

    [Fact]
    public void FocusTracks_NameTheirDistricts()
    {
        var lowAltitude = Seed.Tracks.Single(t => t.Name == "低空经济");
        Assert.Equal(["生态科技新城", "邗江区", "江都区", "广陵区"], lowAltitude.FocusDistricts!.Districts);
        Assert.Equal(["扬州经开区"], Seed.Tracks.Single(t => t.Name == "零碳负碳").FocusDistricts!.Districts);
    }

    [Fact]
    public void Targets_AreTheFourNumericGoalsAndTheBatchOfBackboneEnterprises()
    {
        var numeric = Seed.Targets.Where(t => t.Value is not null).Select(t => (t.Year, t.Indicator, t.Value, t.Comparator, t.Unit)).ToList();
        Assert.Equal(
        [
            (2025, "未来产业先导园区", 3m, ">=", "个"),
            (2030, "关键产品", 50m, ">=", "个"),
            (2030, "应用场景", 10m, ">=", "个"),
            (2030, "未来产业先导园区", 5m, ">=", "个"),
        ], numeric);
        Assert.Contains(Seed.Targets, t => t.Value is null && t.Indicator == "骨干企业");
    }

    [Fact]
    public void Programmes_AreSevenProgrammesAndThreeMeasures()
    {
        Assert.Equal(7, Seed.Programmes.Count(p => p.Kind == ProgrammeKind.Programme));
        Assert.Equal(3, Seed.Programmes.Count(p => p.Kind == ProgrammeKind.Measure));
        var first = Seed.Programmes[0];
        Assert.Equal("未来产业技术策源工程", first.Title);
        Assert.Equal(["市科技局", "市发改委", "市工信局"], first.Units!.Co.Take(3));
        Assert.All(Seed.Programmes.Where(p => p.Kind == ProgrammeKind.Programme), p => Assert.True(p.DistrictsCarryOut));
    }

    [Fact]
    public void EveryQuote_IsFoundExactlyWhereItSays()
    {
        var quotes = Seed.Tiers.Select(t => (t.Quote, t.Anchor))
            .Concat(Seed.Tracks.Select(t => (t.Quote, t.Anchor)))
            .Concat(Seed.Tracks.Where(t => t.SummaryQuote is not null).Select(t => (t.SummaryQuote!, t.SummaryAnchor)))
            .Concat(Seed.Tracks.Where(t => t.FocusDistricts is not null).Select(t => (t.FocusDistricts!.Quote, t.FocusDistricts.Anchor)))
            .Concat(Seed.Targets.Select(t => (t.Quote, t.Anchor)))
            .Concat(Seed.Programmes.Select(p => (p.Quote, p.Anchor)))
            .Concat(Seed.Programmes.Where(p => p.Units is not null).Select(p => (p.Units!.Quote, p.Units.Anchor)))
            .ToList();
        Assert.True(quotes.Count > 40);
        foreach (var (quote, anchor) in quotes)
        {
            var located = QuoteLocator.Locate(Text, quote, anchor);
            Assert.Equal(quote, Text.Substring(located.Start, located.Length));
        }
    }

    [Fact]
    public void Districts_HaveGbt2260CodesOrAreFunctionalZones()
    {
        var divisions = Seed.Districts.Where(d => d.Kind == DistrictKind.Division).ToDictionary(d => d.Name, d => d.Code);
        Assert.Equal("321002", divisions["广陵区"]);
        Assert.Equal("321003", divisions["邗江区"]);
        Assert.Equal("321012", divisions["江都区"]);
        Assert.Equal("321023", divisions["宝应县"]);
        Assert.Equal("321081", divisions["仪征市"]);
        Assert.Equal("321084", divisions["高邮市"]);
        Assert.All(Seed.Districts.Where(d => d.Kind == DistrictKind.FunctionalZone), d => Assert.Null(d.Code));
        Assert.Contains(Seed.Districts, d => d.ShortName == "扬州经开区" && d.StatsCode == "321071");
    }

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
    public void ParseComparator_ReadsEvalViewSymbols(string symbol, Comparator expected) => Assert.Equal(expected, PlanSeeder.ParseComparator(symbol));

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fip.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
