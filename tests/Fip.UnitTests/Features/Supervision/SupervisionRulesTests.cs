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

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // before the start: nothing expected
    [InlineData("2026-01-01", "2026-06-30", "2026-03-01", null, 0.0)]
    // half the time gone (start 2026-01-01, deadline 2026-12-31 (364 days), 182 days in)
    [InlineData("2026-07-02", "2026-12-31", "2026-01-01", null, 50.0)]
    // on the deadline and after it: everything
    [InlineData("2026-12-31", "2026-12-31", "2026-01-01", null, 100.0)]
    [InlineData("2027-03-01", "2026-12-31", "2026-01-01", null, 100.0)]
    // no deadline, no milestones: nothing to expect
    [InlineData("2026-07-01", null, "2026-01-01", null, null)]
    // milestones decide when there are some: 2 of 4 passed (a milestone due today is not passed yet)
    [InlineData("2026-07-01", "2030-12-31", "2026-01-01", "2026-02-01,2026-05-01,2026-07-01,2026-10-01", 50.0)]
    // 重点工程 two years into a plan of 2024-2030: about 42 %
    [InlineData("2026-12-05", "2030-12-31", "2024-01-01", null, 41.8)]
    public void ExpectedProgress_RunsWithTimeOrMilestones(string asOf, string? deadline, string start, string? milestones,
        double? expected) =>
        Assert.Equal(expected is null ? null : (decimal)expected,
            SupervisionRules.ExpectedProgress(D(asOf), D(start), deadline is null ? null : D(deadline),
                milestones is null ? [] : [.. milestones.Split(',').Select(D)]));

    public static TheoryData<string, StatusFacts, TaskLight, SupervisionRules.Reason[]> StatusCases => new()
    {
        // A year-long task started 2026-01-01, as of 2026-11-28: 90.1 % of the time gone.
        { "not started yet: nothing expected, on plan", Facts(start: "2026-12-01", progress: 0, nothing: true), TaskLight.Green, [] },
        { "started, no report yet, behind the expected: lagging and says so", Facts(progress: 0, nothing: true), TaskLight.Yellow,
            [SupervisionRules.Reason.BehindExpected, SupervisionRules.Reason.NoReport] },
        { "on track", Facts(progress: 90), TaskLight.Green, [] },
        { "behind by less than the tolerance", Facts(progress: 81), TaskLight.Green, [] },
        { "behind by exactly the tolerance is still on plan", Facts(progress: 80.9m), TaskLight.Green, [] },
        { "behind by more than the tolerance", Facts(progress: 80), TaskLight.Yellow, [SupervisionRules.Reason.BehindExpected] },
        { "reported lagging though on track", Facts(progress: 95, lagging: true), TaskLight.Yellow,
            [SupervisionRules.Reason.ReportedLagging] },
        { "deadline passed unfinished", Facts(deadline: "2026-11-01", progress: 99), TaskLight.Red,
            [SupervisionRules.Reason.DeadlinePassed] },
        { "a due report missing", Facts(progress: 95, overdue: true), TaskLight.Red, [SupervisionRules.Reason.ReportOverdue] },
        { "a milestone passed unfinished", Facts(progress: 95, milestone: ("2026-11-20", null)), TaskLight.Red,
            [SupervisionRules.Reason.MilestoneOverdue] },
        { "a milestone done in time", Facts(progress: 95, milestone: ("2026-11-20", "2026-11-19")), TaskLight.Green, [] },
        { "completed and confirmed, even past the deadline", Facts(deadline: "2026-11-01", progress: 100, confirmed: true),
            TaskLight.Done, [] },
        { "reported complete, not confirmed yet", Facts(progress: 100), TaskLight.Green, [SupervisionRules.Reason.AwaitingConfirmation] },
        // 重点工程4: deadline 2030, its only sub-task done — not complete by that alone.
        { "parent whose only child is done, unconfirmed", Facts(deadline: "2030-12-31", progress: 100, children: [TaskLight.Done]),
            TaskLight.Green, [SupervisionRules.Reason.AwaitingConfirmation] },
        { "parent confirmed", Facts(deadline: "2030-12-31", progress: 100, confirmed: true, children: [TaskLight.Done]), TaskLight.Done,
            [] },
        { "parent with mixed children takes the worst", Facts(deadline: "2030-12-31", progress: 50,
            children: [TaskLight.Done, TaskLight.Green, TaskLight.Yellow]), TaskLight.Yellow, [SupervisionRules.Reason.SubtaskLagging] },
        { "parent with a red child is red", Facts(deadline: "2030-12-31", progress: 50, children: [TaskLight.Red, TaskLight.Green]),
            TaskLight.Red, [SupervisionRules.Reason.SubtaskOverdue] },
    };

    private static StatusFacts Facts(decimal progress, string start = "2026-01-01", string? deadline = "2026-12-31",
        bool confirmed = false, bool overdue = false, bool lagging = false, bool nothing = false,
        (string Due, string? Done)? milestone = null, TaskLight[]? children = null) =>
        new(Today, D(start), deadline is null ? null : D(deadline),
            milestone is { } m ? [(D(m.Due), m.Done is null ? null : D(m.Done))] : [], progress, confirmed, overdue, lagging, nothing,
            children);

    [Theory, MemberData(nameof(StatusCases))]
    public void Status_FollowsTheStatedRule(string @case, StatusFacts facts, TaskLight light, SupervisionRules.Reason[] reasons)
    {
        var status = SupervisionRules.Status(facts);
        Assert.True(light == status.Light, $"{@case}: {status.Light}");
        Assert.Equal(reasons, status.Reasons);
    }

    private static ScoredFiling OnTime => new(true, true, false, false);
    private static ScoredFiling Late => new(true, false, false, false);
    private static ScoredFiling Missing => new(false, false, false, false);
    private static ScoredFiling Resubmitted => new(true, true, true, false);
    private static ScoredFiling AwaitingRevision => new(true, true, true, true);

    public static TheoryData<string, ScoredFiling[], ScoredProgress[], decimal?> ScoreCases => new()
    {
        { "nothing due: not rated", [], [new(0, 40)], null },
        { "1 of 2 on time, own 30 % of 60 % expected", [OnTime, Missing], [new(30, 60)], 25 + 10 + 15 },
        { "0 of 2", [Missing, Missing], [new(0, 60)], 0 },
        { "all late", [Late, Late], [new(60, 60)], 25 + 20 + 30 },
        { "returned then resubmitted (first filed on time)", [Resubmitted], [new(60, 60)], 50 + 10 + 30 },
        { "returned, not resubmitted yet", [AwaitingRevision], [new(60, 60)], 50 + 0 + 30 },
        { "task deadline passed unfinished: 100 % expected", [OnTime], [new(50, 100)], 50 + 20 + 15 },
        { "ahead of the expected counts no more than on it", [OnTime], [new(90, 50)], 100 },
        { "nothing expected yet: progress full", [OnTime], [new(0, 0), new(0, null)], 100 },
    };

    [Theory, MemberData(nameof(ScoreCases))]
    public void Score_IsTheStatedFormula(string @case, ScoredFiling[] due, ScoredProgress[] tasks, decimal? score) =>
        Assert.True(score == SupervisionRules.Score(due, tasks)?.Total, @case);

    [Fact]
    public void Score_OneOfTwoRanksAboveNoneOfTwo_WhateverTheProgress()
    {
        // The unit that filed nothing cannot make it up with an old report saying 100 %.
        var oneOfTwo = SupervisionRules.Score([OnTime, Missing], [new(0, 60)])!.Total;
        var noneOfTwo = SupervisionRules.Score([Missing, Missing], [new(100, 60)])!.Total;
        Assert.True(oneOfTwo > noneOfTwo, $"{oneOfTwo} vs {noneOfTwo}");
    }

    private static ScoreRow Row(string name, decimal timeliness, decimal quality, decimal progress) => new(
        new UnitRef(false, name[0], name), 2, 1, 0, 0, 1, 0, 0, new ScoreParts(timeliness, quality, progress), 0, [], []);

    [Fact]
    public void Ranking_BreaksTiesOnTimeliness_ThenShares()
    {
        var ranked = Scorecards.Rank([Row("C局", 25, 20, 30), Row("B局", 50, 10, 15), Row("A局", 50, 10, 15), Row("D局", 10, 0, 0)]);
        Assert.Equal(["A局", "B局", "C局", "D局"], ranked.Select(r => r.Unit.Name));
        // A and B: 75 with 50 on time, sharing the first rank (listed by name); C: 75 with 25 on time after them; D fourth.
        Assert.Equal([1, 1, 3, 4], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void StatedRules_TakeTheirNumbersFromTheRulesConstants()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Fip.slnx"))) root = Path.GetDirectoryName(root)!;
        var web = Path.Combine(root, "src", "Fip.Web");
        var partial = File.ReadAllText(Path.Combine(web, "Features", "Supervision", "_SupervisionRules.cshtml"));
        foreach (var constant in new[] { "LagTolerance", "TimelinessPoints", "LateCredit", "QualityPoints", "ResubmittedCredit",
            "ProgressPoints", "DefaultDueDays" })
            Assert.Contains("SupervisionRules." + constant, partial, StringComparison.Ordinal);
        foreach (var language in new[] { "zh-CN.json", "en.json" })
        {
            var strings = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(
                File.ReadAllText(Path.Combine(web, "Resources", language)))!;
            // The numbers are placeholders, not written into the text: a change of a constant changes the page.
            var score = strings["Supervision.Rule.Score"];
            Assert.All(new[] { "{0}", "{1}", "{2}", "{3}", "{4}" }, p => Assert.Contains(p, score, StringComparison.Ordinal));
            Assert.DoesNotMatch(@"\b(50|20|30|0\.5)\b", score);
            Assert.Contains("{0}", strings["Supervision.Rule.Light"], StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\b10\b", strings["Supervision.Rule.Light"]);
        }
        Assert.Equal(100, SupervisionRules.TimelinessPoints + SupervisionRules.QualityPoints + SupervisionRules.ProgressPoints);
    }
}
