using Fip.Web.Features.Regulation;
using Fip.Web.Features.Registries;

namespace Fip.UnitTests.Features.Regulation;

/// <summary>The expiry alerts and signal rules with their thresholds, as stated on the /Regulation page.</summary>
public class RegulationRulesTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-12-31", "2026-11-30", null)] // 31 days left: nothing yet
    [InlineData("2026-12-31", "2026-12-01", 30)] // exactly 30 days: the first alert
    [InlineData("2026-12-31", "2026-12-23", 30)] // 8 days
    [InlineData("2026-12-31", "2026-12-24", 7)] // exactly 7 days: the last alert
    [InlineData("2026-12-31", "2026-12-31", 7)] // the last day
    [InlineData("2026-12-31", "2027-01-01", null)] // ended: no alert (the outcome is owed, the red one stays until recorded)
    [InlineData("2026-12-05", "2026-12-05", 7)] // granted for a single day
    public void ExpiryAlertDue_FiresThirtyThenSevenDaysBefore(string end, string today, int? expected) =>
        Assert.Equal(expected, RegulationRules.ExpiryAlertDue(D(end), D(today)));

    [Theory]
    [InlineData(QualificationKind.HighTech, 2024, "2026-01-01", true)] // 2024-2026: last year of validity
    [InlineData(QualificationKind.HighTech, 2025, "2026-12-31", false)] // valid to 2027
    [InlineData(QualificationKind.HighTech, 2020, "2026-06-01", true)] // long expired, not renewed
    [InlineData(QualificationKind.LittleGiant, 2024, "2026-06-01", true)]
    [InlineData(QualificationKind.SpecialisedSme, 2025, "2026-06-01", false)]
    [InlineData(QualificationKind.TechSme, 2026, "2026-06-01", true)] // valid one year: the year recognised
    [InlineData(QualificationKind.TechSme, 2027, "2026-06-01", false)]
    [InlineData(QualificationKind.Unicorn, 2010, "2026-06-01", false)] // does not lapse
    [InlineData(QualificationKind.ChainLeader, 2010, "2026-06-01", false)]
    public void QualificationExpiring_CountsTheYearRecognised(QualificationKind kind, int year, string today, bool expected) =>
        Assert.Equal(expected, RegulationRules.QualificationExpiring(kind, year, D(today)));

    [Theory]
    [InlineData(1000.0, 700.0, 0.30)] // exactly 30 %: a sharp drop
    [InlineData(1000.0, 701.0, null)] // 29.9 %: not
    [InlineData(1000.0, 0.0, 1.0)] // fell to nothing
    [InlineData(1000.0, 1200.0, null)] // rose
    [InlineData(0.0, 0.0, null)] // nothing the year before: not judged
    [InlineData(null, 500.0, null)] // the year before missing
    [InlineData(1000.0, null, null)] // this year missing (a missed filing, not a drop)
    public void SharpDrop_IsThirtyPercentOrMore(double? previous, double? current, double? expected) =>
        Assert.Equal((decimal?)expected, RegulationRules.SharpDrop((decimal?)previous, (decimal?)current));

    [Theory]
    [InlineData("2026-05-31", new int[0], false)] // due day itself: not yet missed
    [InlineData("2026-06-01", new int[0], true)]
    [InlineData("2026-06-01", new[] { 2024 }, true)] // an older year does not count
    [InlineData("2026-06-01", new[] { 2025 }, false)]
    [InlineData("2026-01-15", new[] { 2024 }, false)] // 2025's figures not yet due
    public void FilingMissed_AfterTheThirtyFirstOfMay(string today, int[] filed, bool expected) =>
        Assert.Equal(expected, RegulationRules.FilingMissed(filed, D(today)));

    [Theory]
    [InlineData("2026-11-05", "2026-12-05", true)] // 30 days ago
    [InlineData("2026-11-04", "2026-12-05", false)] // 31 days ago
    [InlineData("2026-12-05", "2026-12-05", true)]
    [InlineData("2026-12-06", "2026-12-05", false)] // dated in the future: ignored
    public void ComplaintRecent_WithinThirtyDays(string received, string today, bool expected) =>
        Assert.Equal(expected, RegulationRules.ComplaintRecent(D(received), D(today)));

    [Fact]
    public void Evaluate_RaisesEachSignalOnceWithAKeyNamingTheMeasure()
    {
        var today = D("2026-06-15");
        var e = new Enterprise
        {
            Id = 7,
            Name = "甲",
            CreditCode = "X",
            Qualifications =
            [
                new() { Kind = QualificationKind.HighTech, Year = 2021 }, new() { Kind = QualificationKind.HighTech, Year = 2024 },
            ],
            Indicators = [new() { Year = 2023, Revenue = 1000 }, new() { Year = 2024, Revenue = 600 }],
        };
        var m = new RegulatoryMeasure { Id = 3, EnterpriseId = 7 };
        var complaints = new[] { new MeasureComplaint { Id = 9, MeasureId = 3, ReceivedOn = today.AddDays(-3), Summary = "扰民" } };

        var signals = RegulationRules.Evaluate(m, e, complaints, today).ToList();

        Assert.Equal(["qualification:3:HighTech:2024", "drop:3:2024", "filing:3:2025", "complaint:3:9"], signals.Select(s => s.Key));
        Assert.Contains("40", signals[1].Findings, StringComparison.Ordinal);
    }
}
