using Fip.Web.Features.Registries;

namespace Fip.UnitTests.Features.Registries;

public class IndicatorRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

    private static (EnterpriseIndicator? Figures, List<IndicatorProblem> Problems) Parse(string? year = "2024", string? revenue = null,
        string? rd = null,
        string? output = null, string? tax = null, string? employees = null, string? patents = null)
    {
        var problems = new List<IndicatorProblem>();
        return (IndicatorRules.Parse(new IndicatorInput(year, revenue, rd, output, tax, employees, patents), Now, problems), problems);
    }

    [Fact]
    public void Parse_GoodFigures_ReturnsThem()
    {
        var (f, problems) = Parse("2025", "12800.50", " 960.25 ", "15300", "0", "186", "12");
        Assert.Empty(problems);
        Assert.Equal((2025, 12800.50m, 960.25m, 15300m, 0m, 186, 12),
            (f!.Year, f.Revenue!.Value, f.RdExpense!.Value, f.OutputValue!.Value, f.Tax!.Value, f.Employees!.Value,
                f.InventionPatents!.Value));
    }

    [Fact]
    public void Parse_EmptyFigures_AreUnknown_ButTheYearIsRequired()
    {
        var (f, problems) = Parse("2024", "", null, " ");
        Assert.Empty(problems);
        Assert.Null(f!.Revenue);
        var (none, missing) = Parse(year: "");
        Assert.Null(none);
        Assert.Equal(("year", "Import.Required"), (missing.Single().Field, missing.Single().Reason));
    }

    [Theory]
    [InlineData("1979")]
    [InlineData("2028")]
    [InlineData("二〇二四")]
    [InlineData("2024.5")]
    [InlineData("-2024")]
    public void Parse_YearOutside1980ToNextYear_IsRefused(string year)
    {
        var (f, problems) = Parse(year);
        Assert.Null(f);
        var p = Assert.Single(problems);
        Assert.Equal(("year", "Indicator.BadYear"), (p.Field, p.Reason));
        Assert.Equal([1980, 2027], p.Args);
    }

    [Theory]
    [InlineData("1980")]
    [InlineData("2027")]
    public void Parse_YearAtTheBounds_IsAccepted(string year) => Assert.Empty(Parse(year).Problems);

    [Theory]
    [InlineData("-0.01", "Indicator.Negative")]
    [InlineData("1.234", "Indicator.TwoDecimals")]
    [InlineData("1,000", "Indicator.BadAmount")]
    [InlineData("abc", "Indicator.BadAmount")]
    [InlineData("1e5", "Indicator.BadAmount")]
    [InlineData("99999999999999999", "Indicator.TooLarge")]
    public void Parse_BadAmount_IsRefusedWithItsReason_InEveryAmountField(string value, string reason)
    {
        foreach (var field in new[] { "revenue", "rdExpense", "outputValue", "tax" })
        {
            var (f, problems) = field switch
            {
                "revenue" => Parse(revenue: value),
                "rdExpense" => Parse(rd: value),
                "outputValue" => Parse(output: value),
                _ => Parse(tax: value),
            };
            Assert.Null(f);
            var p = Assert.Single(problems);
            Assert.Equal((field, reason), (p.Field, p.Reason));
        }
    }

    [Fact]
    public void Parse_TrailingZerosBeyondTwoDecimals_AreStillTwoDecimals() =>
        Assert.Equal(1.5m, Parse(revenue: "1.500").Figures!.Revenue);

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("3000000000")]
    public void Parse_BadCount_IsRefused(string value)
    {
        var (_, problems) = Parse(employees: value, patents: value);
        Assert.Equal([("employees", "Import.NotWholeNumber"), ("inventionPatents", "Import.NotWholeNumber")],
            problems.Select(p => (p.Field, p.Reason)));
    }

    [Fact]
    public void Parse_WholeNumberWrittenWithZeroDecimals_IsAccepted() => Assert.Equal(12, Parse(patents: "12.0").Figures!.InventionPatents);

    [Fact]
    public void Parse_ReportsEveryProblem_NotJustTheFirst()
    {
        var (f, problems) = Parse("1900", "-1", "1.001", "x", "-2", "1.5", "y");
        Assert.Null(f);
        Assert.Equal(IndicatorInput.Keys, problems.Select(p => p.Field));
    }

    [Fact]
    public void Parse_OnlyPresentColumns_AreCheckedAndCopied()
    {
        var problems = new List<IndicatorProblem>();
        var only = new HashSet<string> { "year", "revenue" };
        var f = IndicatorRules.Parse(new IndicatorInput("2024", "5", null, null, "-1", null, null), Now, problems, only);
        Assert.Empty(problems);
        var stored = new EnterpriseIndicator { Year = 2024, Revenue = 4, Tax = 7 };
        Assert.True(IndicatorRules.Differs(stored, f!, only));
        IndicatorRules.Copy(f!, stored, only);
        Assert.Equal((5m, 7m), (stored.Revenue!.Value, stored.Tax!.Value));
        Assert.False(IndicatorRules.Differs(stored, f!, only));
    }

    /// <summary>研发投入 above 营业收入 is refused (imports, the API and the record page alike); either one unknown is not.</summary>
    [Theory]
    [InlineData("100", "100", true)]
    [InlineData("100", "100.01", false)]
    [InlineData("0", "0.01", false)]
    [InlineData(null, "50", true)]
    [InlineData("50", null, true)]
    public void RdExpenseNotAboveRevenue(string? revenue, string? rd, bool accepted)
    {
        var (figures, problems) = Parse(revenue: revenue, rd: rd);
        Assert.Equal(accepted, figures is not null);
        Assert.Equal(accepted ? [] : ["Indicator.RdAboveRevenue"], problems.Select(p => p.Reason));
    }
}
