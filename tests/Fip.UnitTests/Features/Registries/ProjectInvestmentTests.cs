using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;

namespace Fip.UnitTests.Features.Registries;

/// <summary>A project's yearly planned and completed investment: the completion ratio and how an import cell is read.</summary>
public class ProjectInvestmentTests
{
    [Theory]
    [InlineData("2000", "1600", "80")]
    [InlineData("3000", "3300", "110")]     // over plan: shown as it is, never capped at 100 %
    [InlineData("3", "1", "33.3")]          // one decimal
    [InlineData("3", "2", "66.7")]
    [InlineData("200", "0", "0")]           // nothing done yet is 0 %, not unknown
    [InlineData("0", "5", null)]            // a plan of 0: no ratio (not infinity)
    [InlineData(null, "5", null)]           // no plan reported
    [InlineData("100", null, null)]         // completed not reported yet
    public void CompletionPercent(string? planned, string? completed, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ProjectInvestment.CompletionPercent(Dec(planned), Dec(completed)));

    private static decimal? Dec(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly FieldLookups Lookups = new()
    {
        Districts = [new District { Id = 1, Name = "邗江区", ShortName = "邗江区", Code = "321003" }],
        Tracks = [new Track { Id = 10, Code = "low-altitude", Name = "低空经济" }],
        FindEnterprise = _ => null,
    };

    public static TheoryData<string, string?, string?> Cells() => new()
    {
        // cell, the years read back as text (null: refused), the reason when refused
        { "2024:20000/18000", "2024:20000/18000", null },
        { "2024：20000／18000", "2024:20000/18000", null },                 // full-width colon and slash
        { "2025:30000/、2024:20000/21000", "2024:20000/21000、2025:30000/", null }, // sorted; completed not yet known
        { "2024:/500", "2024:/500", null },                                 // plan unknown, completion reported
        { "2024:1,000/900", "2024:1000/900", null },                        // thousands separator
        { "2024:100/150", "2024:100/150", null },                           // completed above planned is allowed
        { "", "", null },                                                   // no years: clears them
        { "2024:-5/1", null, "Import.BadInvestmentAmount" },                // negative
        { "2024:abc/1", null, "Import.BadInvestmentAmount" },
        { "1999:1/1", null, "Import.BadInvestmentYear" },
        { "二〇二四:1/1", null, "Import.BadInvestmentYear" },
        { "2024:1/1、2024:2/2", null, "Import.DuplicateInvestmentYear" },
        { "2024 20000 18000", null, "Import.BadInvestment" },
        { "2024/20000:18000", null, "Import.BadInvestment" },              // slash before colon
    };

    [Theory, MemberData(nameof(Cells))]
    public void ImportCell(string cell, string? expected, string? reason)
    {
        var field = new ProjectRegistry().Field("investments")!;
        var value = FieldText.Parse(field, cell, Lookups, Labels.ParseEnum, out var problem);
        Assert.Equal(reason, problem?.Reason);
        if (expected is null) return;
        Assert.Equal(expected, FieldText.Format(field, value, Lookups, (_, v) => v.ToString()!, _ => null));
    }
}
