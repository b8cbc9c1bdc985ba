using Fip.Web.Features.Registries;
using Fip.Web.Features.Scenarios;

namespace Fip.UnitTests.Features.Scenarios;

public class CallRulesTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);

    private static CriterionInput[] C(params (string Name, int Weight)[] c) => [.. c.Select(x => new CriterionInput(x.Name, x.Weight))];

    public static TheoryData<string, CallInput, string?, string?> Calls => new()
    {
        // case, input, field refused, its message key (null: accepted)
        { "good", new("揭榜", Now.AddDays(30), C(("技术方案", 60), ("团队", 40))), null, null },
        { "one criterion of 100", new("揭榜", Now.AddDays(1), C(("综合", 100))), null, null },
        { "no title", new(" ", Now.AddDays(30), C(("综合", 100))), "title", "Scenarios.Error.Required" },
        { "no deadline", new("揭榜", null, C(("综合", 100))), "deadline", "Scenarios.Error.Required" },
        { "deadline now is past", new("揭榜", Now, C(("综合", 100))), "deadline", "Calls.Error.DeadlinePast" },
        { "no criteria", new("揭榜", Now.AddDays(1), []), "criteria", "Calls.Error.CriteriaCount" },
        { "weights 99", new("揭榜", Now.AddDays(1), C(("技术", 60), ("团队", 39))), "criteria", "Calls.Error.Weights" },
        { "weights 101", new("揭榜", Now.AddDays(1), C(("技术", 61), ("团队", 40))), "criteria", "Calls.Error.Weights" },
        { "zero weight makes 100", new("揭榜", Now.AddDays(1), C(("技术", 100), ("团队", 0))), "criteria", "Calls.Error.Weight" },
        { "negative weight", new("揭榜", Now.AddDays(1), C(("技术", 110), ("团队", -10))), "criteria", "Calls.Error.Weight" },
        { "unnamed criterion", new("揭榜", Now.AddDays(1), C(("", 50), ("团队", 50))), "criteria", "Calls.Error.CriterionName" },
        { "same name twice", new("揭榜", Now.AddDays(1), C(("团队", 50), (" 团队", 50))), "criteria", "Calls.Error.CriterionTwice" },
        { "eleven criteria", new("揭榜", Now.AddDays(1), [.. Enumerable.Range(0, 11).Select(i =>
            new CriterionInput($"c{i}", i == 0 ? 10 + 0 : 9))]),
            "criteria", "Calls.Error.CriteriaCount" },
    };

    [Theory, MemberData(nameof(Calls))]
    public void ACall_NeedsTitleFutureDeadlineAndCriteriaWeighing100(string name, CallInput input, string? field, string? key)
    {
        var errors = CallRules.Validate(input, Now);
        if (field is null) Assert.True(errors.Count == 0, name);
        else Assert.True(errors.GetValueOrDefault(field) == key, $"{name}: {string.Join(",", errors)}");
    }

    [Theory]
    [InlineData(-1, true)]   // a minute before
    [InlineData(0, true)]    // the deadline's very moment still counts
    [InlineData(1, false)]   // a minute after
    [InlineData(1440, false)]
    public void Applications_AreTakenUpToTheDeadline(int minutesAfter, bool taken) =>
        Assert.Equal(taken, CallRules.MayApply(Now, Now.AddMinutes(minutesAfter)));

    [Theory]
    [InlineData(ScenarioStage.EarlyValidation, ScenarioStage.IntegrationTrial, null, null)]
    [InlineData(ScenarioStage.EarlyValidation, ScenarioStage.Promotion, null, null)]          // a stage may be skipped forwards
    [InlineData(ScenarioStage.IntegrationTrial, ScenarioStage.IntegrationTrial, null, null)] // progress within a stage
    [InlineData(ScenarioStage.IntegrationTrial, ScenarioStage.EarlyValidation, null, "Calls.Error.BackwardsReason")]
    [InlineData(ScenarioStage.Promotion, ScenarioStage.IntegrationTrial, "  ", "Calls.Error.BackwardsReason")]
    [InlineData(ScenarioStage.Promotion, ScenarioStage.EarlyValidation, "试点用户退出，重新验证", null)]
    public void MovingBackwards_NeedsAReason(ScenarioStage from, ScenarioStage to, string? reason, string? error) =>
        Assert.Equal(error, CallRules.MoveError(from, to, reason));

    [Theory]
    [InlineData("IntegrationTrial", ScenarioStage.IntegrationTrial)]
    [InlineData("promotion", ScenarioStage.Promotion)]
    [InlineData("1", null)]
    [InlineData("融合试验", null)]
    [InlineData("", null)]
    public void Stages_AreReadByName(string text, ScenarioStage? stage) => Assert.Equal(stage, CallRules.ParseStage(text));

    [Theory]
    [InlineData(new[] { 80.0, 90.0 }, 2, null)]
    [InlineData(new[] { 80.0 }, 2, "Calls.Error.ScoreCount")]
    [InlineData(new[] { 80.0, 100.5 }, 2, "Calls.Error.ScoreRange")]
    [InlineData(new[] { -1.0, 50.0 }, 2, "Calls.Error.ScoreRange")]
    [InlineData(new[] { 0.0, 100.0 }, 2, null)]
    public void Scores_AreOnePerCriterion_From0To100(double[] scores, int criteria, string? error) =>
        Assert.Equal(error, CallRules.ScoresError([.. scores.Select(s => (decimal)s)], criteria));

    [Fact]
    public void Ranking_WeighsCriteria_AveragesCompleteExperts_AndRanksOnlyWithTwo()
    {
        var criteria = C(("技术", 60), ("团队", 40));
        ExpertScore S(int app, int expert, int criterion, decimal score) =>
            new() { ApplicationId = app, ExpertId = expert, Criterion = criterion, Score = score };
        var scores = new[]
        {
            // application 1: expert 1 → 0.6×90 + 0.4×70 = 82; expert 2 → 0.6×80 + 0.4×80 = 80; mean 81
            S(1, 1, 0, 90), S(1, 1, 1, 70), S(1, 2, 0, 80), S(1, 2, 1, 80),
            // application 2: the same mean, 81 (a tie shares the rank)
            S(2, 1, 0, 85), S(2, 1, 1, 75), S(2, 2, 0, 85), S(2, 2, 1, 75),
            // application 3: 100 from one complete expert, the other scored one criterion only: not ranked
            S(3, 1, 0, 100), S(3, 1, 1, 100), S(3, 2, 0, 100),
            // application 4: two experts, lower
            S(4, 1, 0, 50), S(4, 1, 1, 50), S(4, 2, 0, 60), S(4, 2, 1, 60),
        };
        var ranking = CallRules.Rank(criteria, [1, 2, 3, 4, 5], scores);
        Assert.Equal([1, 2, 4, 3, 5], ranking.Select(r => r.ApplicationId));
        Assert.Equal([1, 1, 3, null, null], ranking.Select(r => r.Rank));
        Assert.Equal(81m, ranking[0].Total);
        Assert.Equal(81m, ranking[1].Total);
        Assert.Equal(55m, ranking[2].Total);
        Assert.Equal(1, ranking[3].Experts);
        Assert.Equal(85m, ranking[0].ByCriterion[0]);
        Assert.Null(ranking[4].Total);
    }

    [Theory]
    [InlineData(60, false)]
    [InlineData(61, true)]
    [InlineData(0, false)]
    public void AProject_StallsAfter60DaysWithoutProgress(int days, bool stalled) =>
        Assert.Equal(stalled, CallRules.IsStalled(Now.AddDays(-days), Now));

    private static readonly DateOnly Start = new(2026, 3, 1);

    /// <summary>Moves as "from>to@day-of-March" entries, in the order they were made.</summary>
    public static TheoryData<string, ScenarioStage, string, string?[]> Timelines => new()
    {
        { "just started", ScenarioStage.EarlyValidation, "", ["03-01", null, null] },
        { "moved on once", ScenarioStage.IntegrationTrial, "0>1@10", ["03-01", "03-10", null] },
        { "evidence without a move changes no date", ScenarioStage.IntegrationTrial, "0>1@10 1>1@12", ["03-01", "03-10", null] },
        { "skipped a stage: it has no day", ScenarioStage.Promotion, "0>2@20", ["03-01", null, "03-20"] },
        { "back with a reason: stages ahead are no longer reached", ScenarioStage.EarlyValidation, "0>1@10 1>0@15",
            ["03-15", null, null] },
        { "back and forth: the latest entry counts", ScenarioStage.Promotion, "0>1@10 1>0@15 0>1@18 1>2@25",
            ["03-15", "03-18", "03-25"] },
    };

    [Theory, MemberData(nameof(Timelines))]
    public void TheTimeline_GivesEachStageTheDayItWasLastEntered(string because, ScenarioStage now, string moves, string?[] days)
    {
        var updates = moves.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((m, i) => new ProjectUpdate
        {
            From = (ScenarioStage)(m[0] - '0'),
            To = (ScenarioStage)(m[2] - '0'),
            On = new DateOnly(2026, 3, int.Parse(m[4..], System.Globalization.CultureInfo.InvariantCulture)),
            At = Now.AddMinutes(i),
        }).ToList();
        var since = updates.Where(u => u.To != u.From).Select(u => (DateOnly?)u.On).LastOrDefault() ?? Start;
        var project = new ScenarioProject { Stage = now, StartedOn = Start, StageSince = since };
        var timeline = CallRules.Timeline(project, updates);
        Assert.True(days.SequenceEqual(timeline.Select(s => s.On?.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            because);
        Assert.Equal([now], timeline.Where(s => s.Current).Select(s => s.Stage));
    }
}
