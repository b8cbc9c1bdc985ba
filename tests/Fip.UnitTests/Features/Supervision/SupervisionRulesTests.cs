using System.Globalization;
using Fip.Web.Features.Supervision;
using Fip.Web.Features.Supervision.Exports;

namespace Fip.UnitTests.Features.Supervision;

public class SupervisionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Theory]
    [InlineData("2026-11", ReportingCycle.Monthly, "2026-11-01", "2026-11-30", "2026-12-05")]
    [InlineData("2026-02", ReportingCycle.Monthly, "2026-02-01", "2026-02-28", "2026-03-05")]
    [InlineData("2026-Q4", ReportingCycle.Quarterly, "2026-10-01", "2026-12-31", "2027-01-05")]
    [InlineData("2024-Q1", ReportingCycle.Quarterly, "2024-01-01", "2024-03-31", "2024-04-05")]
    public void Periods_HaveTheirDates_AndAreDueFiveDaysAfterTheyEnd(string key, ReportingCycle cycle, string start, string end, string due)
    {
        Assert.True(ReportingPeriod.TryParse(key, out var p));
        Assert.Equal(cycle, p.Cycle);
        Assert.Equal(
            (DateOnly.Parse(start, CultureInfo.InvariantCulture), DateOnly.Parse(end, CultureInfo.InvariantCulture),
                DateOnly.Parse(due, CultureInfo.InvariantCulture)), (p.Start, p.End, p.Due(SupervisionRules.DefaultDueDays)));
        Assert.Equal(key, p.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026/11")]
    [InlineData("26-11")]
    public void Periods_RefuseWhatIsNotAPeriod(string? key) => Assert.False(ReportingPeriod.TryParse(key, out _));

    [Fact]
    public void Periods_AreLabelledAsOfficialsWriteThem()
    {
        Assert.Equal("2026年11月", new ReportingPeriod(ReportingCycle.Monthly, 2026, 11).Label(false));
        Assert.Equal("2026年第四季度", new ReportingPeriod(ReportingCycle.Quarterly, 2026, 4).Label(false));
        Assert.Equal("2026 Q4", new ReportingPeriod(ReportingCycle.Quarterly, 2026, 4).Label(true));
        Assert.Equal(new ReportingPeriod(ReportingCycle.Monthly, 2027, 1), new ReportingPeriod(ReportingCycle.Monthly, 2026, 12).Next());
        Assert.Equal(new ReportingPeriod(ReportingCycle.Quarterly, 2025, 4),
            new ReportingPeriod(ReportingCycle.Quarterly, 2026, 1).Previous());
    }

    [Fact]
    public void ExpectedPeriods_RunFromTheStartToToday_AndStopAtTheDeadline()
    {
        Assert.Equal(["2026-09", "2026-10", "2026-11"],
            SupervisionRules.Periods(ReportingCycle.Monthly, new DateOnly(2026, 9, 15), null, Today).Select(p => p.Key));
        Assert.Equal(["2026-Q2", "2026-Q3", "2026-Q4"],
            SupervisionRules.Periods(ReportingCycle.Quarterly, new DateOnly(2026, 5, 1), null, Today).Select(p => p.Key));
        Assert.Equal(["2026-09", "2026-10"],
            SupervisionRules.Periods(ReportingCycle.Monthly, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 20), Today)
                .Select(p => p.Key));
        Assert.Empty(SupervisionRules.Periods(ReportingCycle.Monthly, new DateOnly(2027, 1, 1), null, Today));
    }

    [Fact]
    public void LeafProgress_AveragesTheReporters_AMissingReportCountingZero()
    {
        Assert.Equal(40m, SupervisionRules.LeafProgress([new LatestReport(80, ReportStatus.OnPlan), null]));
        Assert.Equal(0m, SupervisionRules.LeafProgress([]));
        Assert.Equal(33.3m, SupervisionRules.LeafProgress([new LatestReport(100, ReportStatus.Done), null, null]));
    }

    [Fact]
    public void Parents_WeighTheirChildren()
    {
        // (3 × 40 + 1 × 60) / 4 = 45; a weight of 0 counts as 1.
        Assert.Equal(45m, SupervisionRules.RollUp([(3m, 40m), (1m, 60m)]));
        Assert.Equal(50m, SupervisionRules.RollUp([(0m, 40m), (1m, 60m)]));
        Assert.Equal(0m, SupervisionRules.RollUp([]));
    }

    private static Obligation Due(string period, DateOnly? filed) =>
        ReportingPeriod.TryParse(period, out var p) ? new Obligation(p, p.Due(5), filed) : throw new ArgumentException(period);

    [Fact]
    public void Leaf_IsRed_WhenADueReportIsMissing_YellowWhenReportedLagging_GreenOtherwise()
    {
        var filed = Due("2026-10", new DateOnly(2026, 11, 3));
        var missing = Due("2026-10", null);
        var current = Due("2026-11", null); // due 2026-12-05: not yet
        var onPlan = new LatestReport(50, ReportStatus.OnPlan);
        var lagging = new LatestReport(20, ReportStatus.Lagging);

        Assert.Equal(TaskLight.Green, SupervisionRules.LeafLight(Today, null, [], [onPlan], [filed, current]).Light);
        var red = SupervisionRules.LeafLight(Today, null, [], [onPlan, null], [filed, missing, current]);
        Assert.Equal((TaskLight.Red, SupervisionRules.Reason.ReportOverdue), (red.Light, Assert.Single(red.Reasons)));
        Assert.Equal(TaskLight.Yellow, SupervisionRules.LeafLight(Today, null, [], [lagging], [filed]).Light);
        // On its due day a report is not late yet.
        Assert.Equal(TaskLight.Green, SupervisionRules.LeafLight(new DateOnly(2026, 11, 5), null, [], [null], [missing]).Light);
    }

    [Fact]
    public void Leaf_IsRed_PastItsDeadlineOrAMilestone_AndDoneWhenEveryReporterSaysSo()
    {
        var past = SupervisionRules.LeafLight(Today, new DateOnly(2026, 11, 1), [], [new LatestReport(90, ReportStatus.OnPlan)], []);
        Assert.Equal((TaskLight.Red, SupervisionRules.Reason.DeadlinePassed), (past.Light, Assert.Single(past.Reasons)));
        var milestone = SupervisionRules.LeafLight(Today, null, [(new DateOnly(2026, 11, 20), null)], [], []);
        Assert.Equal((TaskLight.Red, SupervisionRules.Reason.MilestoneOverdue), (milestone.Light, Assert.Single(milestone.Reasons)));
        Assert.Equal(TaskLight.Green,
            SupervisionRules.LeafLight(Today, null, [(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 19))], [], []).Light);
        Assert.Equal(TaskLight.Done,
            SupervisionRules.LeafLight(Today, new DateOnly(2026, 11, 1), [],
                [new LatestReport(100, ReportStatus.Done), new LatestReport(100, ReportStatus.OnPlan)], []).Light);
        Assert.NotEqual(TaskLight.Done,
            SupervisionRules.LeafLight(Today, null, [], [new LatestReport(100, ReportStatus.Done), null], []).Light);
    }

    [Fact]
    public void Parent_TakesItsWorstChildsColour()
    {
        Assert.Equal(TaskLight.Red,
            SupervisionRules.ParentLight(Today, null, [], [TaskLight.Green, TaskLight.Red, TaskLight.Yellow]).Light);
        Assert.Equal(TaskLight.Yellow,
            SupervisionRules.ParentLight(Today, null, [], [TaskLight.Green, TaskLight.Yellow, TaskLight.Done]).Light);
        Assert.Equal(TaskLight.Done, SupervisionRules.ParentLight(Today, null, [], [TaskLight.Done, TaskLight.Done]).Light);
        Assert.Equal(TaskLight.Red, SupervisionRules.ParentLight(Today, new DateOnly(2026, 1, 1), [], [TaskLight.Green]).Light);
    }

    [Theory]
    [InlineData(2, 1, 2, 1, 45, 48.5)]   // 1/2 × 40 + 1/2 × 30 + 45 % × 30
    [InlineData(4, 4, 3, 3, 100, 100)]
    [InlineData(0, 0, 0, 0, 0, 70)]       // nothing to count: full marks on both rates
    [InlineData(3, 0, 2, 0, 10, 3)]
    public void Score_IsTheStatedFormula(int due, int onTime, int tasks, int onPlan, decimal progress, decimal score) =>
        Assert.Equal(score, SupervisionRules.Score(due, onTime, tasks, onPlan, progress));
}
