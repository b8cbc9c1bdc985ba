using Fip.Web.Features.Alerts;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;

namespace Fip.UnitTests.Features.Goals;

public class GoalMathTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static List<SeriesPoint> Monthly(DateOnly start, params decimal[] values) =>
        [.. values.Select((v, i) => new SeriesPoint(start.AddMonths(i), v))];

    [Fact]
    public void Slope_OfAStraightLine_IsItsMonthlyStep()
    {
        Assert.Equal(2m, GoalMath.MonthlySlope(Monthly(new DateOnly(2026, 1, 1), 10, 12, 14, 16, 18)));
    }

    [Fact]
    public void Slope_UsesOnlyTheLastTwelveMonths()
    {
        // Flat for a year, then +1 a month for twelve months: the old flat part is ignored.
        var values = Enumerable.Repeat(5m, 12).Concat(Enumerable.Range(1, 12).Select(i => 5m + i)).ToArray();
        Assert.Equal(1m, GoalMath.MonthlySlope(Monthly(new DateOnly(2024, 12, 1), values)));
    }

    [Fact]
    public void Slope_WithUnevenSpacing_WeighsByMonth()
    {
        // 0 in January, 6 in July: 1 a month, whatever lies between.
        Assert.Equal(1m, GoalMath.MonthlySlope([new(new DateOnly(2026, 1, 1), 0), new(new DateOnly(2026, 7, 1), 6)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Slope_WithFewerThanTwoPoints_IsZero(int points)
    {
        Assert.Equal(0m, GoalMath.MonthlySlope(Monthly(new DateOnly(2026, 1, 1), [.. Enumerable.Repeat(3m, points)])));
    }

    [Fact]
    public void MonthsLeft_CountsToDecemberOfTheTargetYear()
    {
        Assert.Equal(49, GoalMath.MonthsLeft(Today, 2030)); // Dec 2026 → Dec 2030
        Assert.Equal(1, GoalMath.MonthsLeft(Today, 2026));
        Assert.Equal(0, GoalMath.MonthsLeft(Today, 2025));
    }

    [Fact]
    public void Project_WorkedExample_KeyProducts()
    {
        // 39 recognised products rising by about 1.2 a month; 214 in the pipeline at 40 %.
        var history = Monthly(new DateOnly(2025, 12, 1), 26, 27, 29, 30, 31, 32, 33, 34, 36, 37, 38, 39);
        var p = GoalMath.Project(39, history, pipeline: 214, pipelineRate: 0.4m, Today, 2030);
        Assert.Equal(49, p.MonthsLeft);
        Assert.InRange(p.MonthlySlope, 1.1m, 1.2m);
        Assert.Equal(Math.Round(p.MonthlySlope * 49, 2), p.TrendAdditions, 1);
        Assert.Equal(85.6m, p.PipelineAdditions);
        // The larger estimate of the same inflow is taken, not the sum.
        Assert.Equal(39 + 85.6m, p.Projected);
    }

    [Fact]
    public void Project_TrendWinsWhenThePipelineIsThin()
    {
        var p = GoalMath.Project(10, Monthly(new DateOnly(2026, 6, 1), 4, 5, 6, 7, 8, 9), pipeline: 2, pipelineRate: 0.5m, Today, 2027);
        Assert.Equal(13, p.MonthsLeft);
        Assert.Equal(13m, p.TrendAdditions);
        Assert.Equal(23m, p.Projected);
    }

    [Fact]
    public void Project_AfterTheTargetYear_IsTheValue_ThePipelineAddsNothing()
    {
        // A 2025 target read in November 2026: 4 parks, 2 planned at 60 % would have added 1.2 had the year not been over.
        var p = GoalMath.Project(4, Monthly(new DateOnly(2026, 1, 1), 3, 3, 3, 4, 4, 4), pipeline: 2, pipelineRate: 0.6m, Today, 2025);
        Assert.True(p.TargetYearOver);
        Assert.Equal(0, p.MonthsLeft);
        Assert.Equal(0m, p.PipelineAdditions);
        Assert.Equal(4m, p.Projected);
        Assert.False(GoalMath.Project(4, [], pipeline: 2, pipelineRate: 0.6m, Today, 2026).TargetYearOver);
        Assert.Equal(5.2m, GoalMath.Project(4, [], pipeline: 2, pipelineRate: 0.6m, Today, 2026).Projected);
    }

    [Fact]
    public void Project_NeverGoesBelowZero()
    {
        var p = GoalMath.Project(2, Monthly(new DateOnly(2026, 6, 1), 20, 16, 12, 8, 4, 2), pipeline: 0, pipelineRate: 0.5m, Today, 2030);
        Assert.True(p.MonthlySlope < 0);
        Assert.Equal(2m, p.Projected); // max(trend < 0, pipeline 0) = 0 added
    }

    [Theory]
    // comparator, target, year, current, projected → status
    [InlineData(Comparator.AtLeast, 50, 2030, 50, 50, GoalStatus.Met)]
    [InlineData(Comparator.AtLeast, 50, 2030, 39, 124.6, GoalStatus.OnTrack)]
    [InlineData(Comparator.AtLeast, 50, 2030, 20, 40, GoalStatus.AtRisk)]   // 80 % of 50 = 40
    [InlineData(Comparator.AtLeast, 50, 2030, 20, 39.9, GoalStatus.Behind)]
    [InlineData(Comparator.AtLeast, 3, 2025, 2, 10, GoalStatus.Behind)]     // the year is over and it was not met
    [InlineData(Comparator.AtLeast, 3, 2025, 4, 4, GoalStatus.Met)]
    [InlineData(Comparator.About, 100, 2030, 95, 95, GoalStatus.Met)]       // 左右: within 5 %
    [InlineData(Comparator.About, 100, 2030, 94, 99, GoalStatus.AtRisk)]
    [InlineData(Comparator.Equal, 10, 2030, 12, 12, GoalStatus.Met)]
    [InlineData(Comparator.AtMost, 100, 2030, 90, 95, GoalStatus.Met)]
    [InlineData(Comparator.AtMost, 100, 2030, 110, 100, GoalStatus.OnTrack)]
    [InlineData(Comparator.AtMost, 100, 2030, 90, 115, GoalStatus.AtRisk)]
    [InlineData(Comparator.AtMost, 100, 2030, 90, 130, GoalStatus.Behind)]
    [InlineData(Comparator.AtMost, 100, 2025, 101, 90, GoalStatus.Behind)]
    public void Status_FollowsTheStatedRules(Comparator comparator, double target, int year, double current, double projected,
        GoalStatus expected)
    {
        Assert.Equal(expected, GoalMath.Status(comparator, (decimal)target, year, (decimal)current, (decimal)projected, Today));
    }

    [Fact]
    public void Status_WithoutANumber_IsNoTarget()
    {
        Assert.Equal(GoalStatus.NoTarget, GoalMath.Status(null, null, 2030, 38, 44, Today));
    }

    [Fact]
    public void Reconstruct_CountsUndatedFromTheStart_AndEndsWithTheLiveValue()
    {
        var thisMonth = new DateOnly(2026, 11, 1);
        IReadOnlyList<DatedCount> dated = [new(0, 0, 2), new(2025, 3, 1), new(2026, 5, 2), new(2026, 12, 1)];
        var series = GoalService.Reconstruct(dated, live: 6, thisMonth, months: 24);
        Assert.Equal(24, series.Count);
        Assert.Equal(new DateOnly(2024, 12, 1), series[0].Month);
        Assert.Equal(2m, series[0].Value);                                                // only the undated
        Assert.Equal(3m, series.Single(p => p.Month == new DateOnly(2025, 3, 1)).Value);
        Assert.Equal(5m, series.Single(p => p.Month == new DateOnly(2026, 5, 1)).Value);
        Assert.Equal(6m, series[^1].Value);                                               // live, incl. the one dated ahead
    }

    [Fact]
    public void Reconstruct_WithNothingCounted_IsOnePoint()
    {
        Assert.Single(GoalService.Reconstruct([], 0, new DateOnly(2026, 11, 1), 24));
    }
}

public class IndicatorCriteriaTests
{
    [Fact]
    public void Json_RoundTrips()
    {
        var c = new IndicatorCriteria
        {
            AnyOf = [new Dictionary<string, string[]> { ["stage"] = ["IntegrationTrial", "Promotion"] },
                new Dictionary<string, string[]> { ["status"] = ["Published"] }],
            Pipeline = [new Dictionary<string, string[]> { ["stage"] = ["EarlyValidation"] }],
            PipelineRate = 0.5m,
        };
        var back = IndicatorCriteria.Parse(c.ToJson());
        Assert.Equal(2, back.AnyOf.Count);
        Assert.Equal(["IntegrationTrial", "Promotion"], back.AnyOf[0]["stage"]);
        Assert.Equal(0.5m, back.PipelineRate);
    }

    [Fact]
    public void Validate_NamesUnknownFieldsAndValues_AndEmptyCriteria()
    {
        var catalogue = RegistryCatalogue.Get<ParkRegistry>().Criteria;
        Assert.Empty(
            new IndicatorCriteria { AnyOf = [new Dictionary<string, string[]> { ["status"] = ["Completed"] }] }.Validate(catalogue));
        var errors = new IndicatorCriteria
        {
            AnyOf = [new Dictionary<string, string[]> { ["colour"] = ["Red"], ["status"] = ["Demolished"] }],
            PipelineRate = 1.5m,
        }.Validate(catalogue);
        Assert.Contains(errors, e => e.Key == "Goals.Error.UnknownField" && (string)e.Args[0] == "colour");
        Assert.Contains(errors, e => e.Key == "Goals.Error.UnknownValue" && (string)e.Args[0] == "Demolished");
        Assert.Contains(errors, e => e.Key == "Goals.Error.Rate");
        Assert.Contains(new IndicatorCriteria().Validate(catalogue), e => e.Key == "Goals.Error.NoCondition");
    }

    [Fact]
    public void Predicate_IsAnOrOfAnds_AndAnyValueMeansSet()
    {
        var products = new[]
        {
            new Fip.Web.Features.Registries.KeyProduct
                { Name = "a", RecognitionLevel = Fip.Web.Features.Registries.RecognitionLevel.Municipal,
                    Stage = Fip.Web.Features.Registries.ProductStage.Research },
            new Fip.Web.Features.Registries.KeyProduct
                { Name = "b", Stage = Fip.Web.Features.Registries.ProductStage.MassProduction, FirstOfItsKind = true },
            new Fip.Web.Features.Registries.KeyProduct { Name = "c", Stage = Fip.Web.Features.Registries.ProductStage.MassProduction },
        };
        var predicate = RegistryCatalogue.Get<ProductRegistry>().Criteria.Predicate(
        [
            new Dictionary<string, string[]> { ["recognitionLevel"] = [IndicatorCriteria.AnyValue] },
            new Dictionary<string, string[]> { ["stage"] = ["MassProduction"], ["firstOfItsKind"] = ["true"] },
        ])!.Compile();
        Assert.Equal(["a", "b"], products.Where(predicate).Select(p => p.Name));
    }
}

public class RobotSignatureTests
{
    [Fact]
    public void DingTalkSignature_MatchesTheDocumentedRecipe()
    {
        // The fixed value was computed independently with Python (hmac, base64, urllib.parse.quote).
        const string secret = "SECabc";
        var expected = Uri.EscapeDataString(Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes("1700000000000\n" + secret))));
        Assert.Equal(expected, RobotClient.DingTalkSign(1700000000000, secret));
        Assert.Equal("jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM%3D", RobotClient.DingTalkSign(1700000000000, secret));
    }
}
