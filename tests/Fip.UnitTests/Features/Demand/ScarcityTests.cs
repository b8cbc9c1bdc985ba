using Fip.Web.Features.Demand;

namespace Fip.UnitTests.Features.Demand;

/// <summary>The scarcity index as stated on the 图谱 page, with the cases officials argue about.</summary>
public class ScarcityTests
{
    [Theory]
    [InlineData(10, 0, "1.00", ScarcityLevel.Severe)]     // nobody in the pool
    [InlineData(10, 2, "0.80", ScarcityLevel.Severe)]     // the severe threshold is inclusive
    [InlineData(10, 3, "0.70", ScarcityLevel.Short)]
    [InlineData(10, 5, "0.50", ScarcityLevel.Short)]      // the scarce threshold is inclusive
    [InlineData(10, 6, "0.40", ScarcityLevel.Tight)]
    [InlineData(3, 2, "0.33", ScarcityLevel.Tight)]       // rounded to two places
    [InlineData(3, 1, "0.67", ScarcityLevel.Short)]
    [InlineData(1, 0, "1.00", ScarcityLevel.Severe)]
    [InlineData(10, 10, "0.00", ScarcityLevel.Balanced)]  // supply covers demand
    [InlineData(10, 25, "0.00", ScarcityLevel.Balanced)]  // a surplus is not scored below 0
    [InlineData(0, 4, "0.00", ScarcityLevel.Balanced)]    // no demand, people: no shortage
    [InlineData(0, 0, null, ScarcityLevel.None)]          // neither: no value
    public void Index_IsDemandLessSupplyOverDemand_FlooredAtZero(int demand, int supply, string? expected, ScarcityLevel level)
    {
        var index = Scarcity.Index(demand, supply);
        Assert.Equal(expected, index?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(level, Scarcity.Level(index));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void Index_RefusesNegativeCounts(int demand, int supply) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Scarcity.Index(demand, supply));

    [Theory]
    [InlineData("控制算法工程师", "飞控系统", "飞控|自驾仪", false)]   // neither the name nor a term is in the text
    [InlineData("飞控系统工程师", "飞控系统", "飞控|自驾仪", true)]
    [InlineData("自驾仪研发", "飞控系统", "飞控|自驾仪", true)]        // a term counts
    [InlineData("飞控", "飞控系统", "飞控|自驾仪", true)]
    [InlineData("", "飞控系统", "飞控", false)]
    [InlineData(null, "飞控系统", "飞控", false)]
    [InlineData("PEM fuel cell", "pem", null, true)]                 // case-insensitive
    [InlineData("任意", "飞控系统", "|  |", false)]                    // empty terms name nothing
    public void Names_MatchesTheEntryOrATerm(string? text, string name, string? terms, bool expected) =>
        Assert.Equal(expected, Scarcity.Names(text, Scarcity.WordsOf(name, terms)));

    [Theory]
    [InlineData(1, null, null, null)]
    [InlineData(0, null, null, "Demand.Headcount")]
    [InlineData(-3, null, null, "Demand.Headcount")]
    [InlineData(2, 10000.0, 10000.0, null)]          // a single figure is a range
    [InlineData(2, 20000.0, 10000.0, "Demand.SalaryRange")]
    [InlineData(2, -1.0, null, "Demand.SalaryNegative")]
    [InlineData(2, null, 8000.0, null)]              // an open range
    public void Demand_IsRefusedWithoutHeadcountOrWithAnUpsideDownRange(int headcount, double? min, double? max, string? reason) =>
        Assert.Equal(reason, TalentDemandRegistry.Check(headcount, (decimal?)min, (decimal?)max)?.Reason);

    [Fact]
    public void Catalogue_ListsOnlyScarceCells_MostScarceFirst()
    {
        var rows = ScarcityCatalogue.Rows(
        [
            new ScarcityCell(1, "低空经济", 1, "飞控系统", 10, 6),   // 0.40
            new ScarcityCell(1, "低空经济", 2, "发动机", 4, 0),      // 1.00
            new ScarcityCell(2, "氢能", 3, "燃料电池", 2, 2),        // 0: not scarce
            new ScarcityCell(2, "氢能", 4, "储氢", 0, 0),            // no value
        ]);
        Assert.Equal([["1", "低空经济", "发动机", "4", "0", "1.00", "严重紧缺"], ["2", "低空经济", "飞控系统", "10", "6", "0.40", "偏紧"]],
            rows.Select(r => r.ToArray()).ToArray());
    }
}
