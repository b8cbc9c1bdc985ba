using Fip.Web.Features.Finance;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Features.Goals;

/// <summary>The rules of indicators that sum or average a field: combining values, rounding, no data, validation, district
/// targets in 万元.</summary>
public class SumIndicatorRuleTests
{
    /// <summary>aggregate, values ("" is a record without a value), expected value (null: no data), records.</summary>
    public static TheoryData<MeasureAggregate, string, decimal?, int> Figures => new()
    {
        { MeasureAggregate.Sum, "", 0m, 0 },                        // nothing invested: 0 万元, a real figure
        { MeasureAggregate.Sum, "500;120.25", 620.25m, 2 },
        { MeasureAggregate.Sum, "500;;", 500m, 3 },                 // records without an amount add nothing
        { MeasureAggregate.Average, "", null, 0 },                  // nothing paid or lent yet: 无数据, never 0
        { MeasureAggregate.Average, ";", null, 2 },                 // records, but none with a value: still 无数据
        { MeasureAggregate.Average, "3.45;3.5", 3.475m, 2 },
        { MeasureAggregate.Average, "1;1;2", 1.3333m, 3 },           // kept to four decimals
        { MeasureAggregate.Average, "3.45;;3.5", 3.475m, 3 },        // the record without a value is not a 0
    };

    [Theory, MemberData(nameof(Figures))]
    public void Figure_CombinesTheValues(MeasureAggregate aggregate, string values, decimal? expected, int records)
    {
        decimal?[] parsed = values.Length == 0
            ? []
            : [.. values.Split(';')
                .Select(v => v.Length == 0 ? (decimal?)null : decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        var figure = IndicatorFigure.Of(aggregate, parsed);
        Assert.Equal(expected is null, figure.NoData);
        if (expected is { } e) Assert.Equal(e, figure.Value);
        Assert.Equal(records, figure.Records);
    }

    /// <summary>Shown with two decimals at most, halves away from zero (3.475 → 3.48, never banker's 3.47).</summary>
    [Theory]
    [InlineData("3.475", "3.48")]
    [InlineData("3.465", "3.47")]
    [InlineData("620.25", "620.25")]
    [InlineData("1200.00", "1200")]
    [InlineData("1.3333", "1.33")]
    [InlineData("0", "0")]
    public void Display_RoundsHalvesAwayFromZero(string value, string shown) =>
        Assert.Equal(shown, Display.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>registry, measure, from, to, pipeline field (null: none), the error key expected (null: valid).</summary>
    public static TheoryData<string, string?, string?, string?, string?, string?> Definitions => new()
    {
        { InvestmentRegistry.Key, "amount", "2025-01-01", "2027-12-31", null, null },
        { InvestmentRegistry.Key, "amount", "2025-01-01", "2025-01-01", null, null },   // a period of one day
        { InvestmentRegistry.Key, "amount", "2025-01-02", "2025-01-01", null, "Goals.Error.Period" },
        { InvestmentRegistry.Key, "rate", null, null, null, "Goals.Error.UnknownMeasure" },
        { LoanRegistry.Key, "rate", null, null, null, null },
        { LoanRegistry.Key, "rate", null, null, "Credit", "Goals.Error.AveragePipeline" },
        { LoanRegistry.Key, "amount", null, null, "Credit", null },                    // a sum may have a pipeline
        { LoanRegistry.Key, null, "2025-01-01", null, null, null },                    // a count in a period, open end
        { EnterpriseRegistry.Key, null, "2025-01-01", null, null, "Goals.Error.Undated" },
        { EnterpriseRegistry.Key, "amount", null, null, null, "Goals.Error.UnknownMeasure" },
    };

    [Theory, MemberData(nameof(Definitions))]
    public void Criteria_RefuseInvalidCombinations(string registry, string? measure, string? from, string? to, string? pipeline,
        string? error)
    {
        var catalogue = RegistryCatalogue.Get(registry).Criteria;
        var field = catalogue.Fields[0];
        var criteria = new IndicatorCriteria
        {
            AnyOf = [new Dictionary<string, string[]> { [field.Key] = [field.Options[^1].Value] }],
            Pipeline = pipeline is null ? [] : [new Dictionary<string, string[]> { ["kind"] = [pipeline] }],
            Measure = measure,
            From = from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            To = to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
        };
        var errors = criteria.Validate(catalogue).Select(e => e.Key).ToList();
        if (error is null) Assert.Empty(errors);
        else Assert.Equal([error], errors);
        // The new parts round-trip through the stored JSON, and a count's JSON is as before (no new keys).
        var back = IndicatorCriteria.Parse(criteria.ToJson());
        Assert.Equal((criteria.Measure, criteria.From, criteria.To), (back.Measure, back.From, back.To));
        if (measure is null && from is null && to is null) Assert.DoesNotContain("measure", criteria.ToJson(), StringComparison.Ordinal);
    }

    /// <summary>Monthly history of an average: the mean of the values dated up to each month, no point before the first value,
    /// and the live value last (none when there is no data).</summary>
    [Fact]
    public void Reconstruct_Average_IsTheRunningMean_WithoutPointsBeforeTheFirstValue()
    {
        var thisMonth = new DateOnly(2026, 11, 1);
        IReadOnlyList<DatedCount> dated = [new(2026, 9, 1, 3.4m), new(2026, 10, 2, 7.2m)];
        var series = GoalService.Reconstruct(dated, 3.5m, thisMonth, 4, average: true);
        Assert.Equal([new(new DateOnly(2026, 9, 1), 3.4m), new(new DateOnly(2026, 10, 1), 3.5333m), new(thisMonth, 3.5m)], series);
        Assert.Empty(GoalService.Reconstruct([], null, thisMonth, 4, average: true));
        // A sum adds the amounts, not the number of records.
        var sums = GoalService.Reconstruct([new(2026, 10, 2, 620.25m)], 620.25m, thisMonth, 2);
        Assert.Equal([new(new DateOnly(2026, 10, 1), 620.25m), new(thisMonth, 620.25m)], sums);
    }

    /// <summary>A district's own target in 万元 (two decimals), the district's sum and projection, and the status expected.</summary>
    public static TheoryData<string, string, string, GoalStatus> DistrictShares => new()
    {
        { "1234.56", "1234.56", "1234.56", GoalStatus.Met },       // exactly the share
        { "1234.56", "1234.55", "1300", GoalStatus.OnTrack },      // a fen short now, projected over
        { "1234.56", "1000", "1000", GoalStatus.AtRisk },          // projected at 81 % of the share
        { "1234.56", "900", "987.64", GoalStatus.Behind },         // projected below 80 % (987.648)
        { "0.5", "0.5", "0.5", GoalStatus.Met },
    };

    [Theory, MemberData(nameof(DistrictShares))]
    public void DistrictTarget_InWan_IsMeasuredWithDecimals(string share, string value, string projected, GoalStatus status)
    {
        var problems = new Dictionary<int, string>();
        var shares = SplitRules.Parse(10_000m, new Dictionary<int, string?> { [1] = share }, problems);
        Assert.NotNull(shares);
        decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(status, GoalMath.Status(Comparator.AtLeast, shares![1], 2027, D(value), D(projected), new DateOnly(2026, 11, 28)));
    }
}
