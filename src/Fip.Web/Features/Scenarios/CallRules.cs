using System.Text.Json;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Scenarios;

public sealed record CriterionInput(string? Name, int Weight);

/// <summary>A call made of a published need: its title, deadline and scoring criteria.</summary>
public sealed record CallInput(string? Title, DateTime? Deadline, IReadOnlyList<CriterionInput>? Criteria, int? InstitutionId = null);

/// <summary>One expert's scores of one application, one per criterion in the call's order.</summary>
public sealed record ScoreInput(int? ExpertId, IReadOnlyList<decimal>? Scores);

/// <summary>A progress entry: the stage reached (or the same), why it moved back, the evidence, and the outcomes so far.</summary>
public sealed record ProjectUpdateInput(string? Stage, string? Reason, string? Evidence, DateOnly? On, int? Contracts,
    decimal? ContractAmount, int? Users, int? Sites, string? Version = null);

/// <summary>An application's place in the ranking: the mean of the experts' weighted totals over the experts who scored every
/// criterion, and the mean per criterion.</summary>
public sealed record RankedApplication(int ApplicationId, int Experts, decimal? Total, IReadOnlyList<decimal?> ByCriterion, int? Rank);

/// <summary>A stage of a project's path and the day it was last reached (null when the project has not reached it, or is now
/// back before it).</summary>
public sealed record StageReached(ScenarioStage Stage, DateOnly? On, bool Current);

/// <summary>The rules of 揭榜挂帅 calls, their scoring and the projects' path, apart from the database so they read as tables.</summary>
public static class CallRules
{
    public const int MaxCriteria = 10, MinExperts = 2, TextMax = 4000;
    /// <summary>A project with no progress recorded for this many days is stalled: its owner gets an alert.</summary>
    public const int StallDays = 60;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<CriterionInput> Criteria(string json) =>
        JsonSerializer.Deserialize<List<CriterionInput>>(json, Json) ?? [];

    public static string CriteriaJson(IEnumerable<CriterionInput> criteria) =>
        JsonSerializer.Serialize(criteria.Select(c => new CriterionInput(c.Name?.Trim(), c.Weight)), Json);

    /// <summary>Field errors (field → resource key) of a new call; empty when it may be saved.</summary>
    public static Dictionary<string, string> Validate(CallInput input, DateTime now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Title)) errors["title"] = "Scenarios.Error.Required";
        else if (input.Title.Trim().Length > ScenarioRules.TitleMax) errors["title"] = "Scenarios.Error.TooLong";
        if (input.Deadline is not { } deadline) errors["deadline"] = "Scenarios.Error.Required";
        else if (deadline <= now) errors["deadline"] = "Calls.Error.DeadlinePast";
        var criteria = input.Criteria ?? [];
        if (criteria.Count is 0 or > MaxCriteria) errors["criteria"] = "Calls.Error.CriteriaCount";
        else if (criteria.Any(c => string.IsNullOrWhiteSpace(c.Name)
            || c.Name.Trim().Length > 100)) errors["criteria"] = "Calls.Error.CriterionName";
        else if (criteria.Any(c => c.Weight is < 1 or > 100)) errors["criteria"] = "Calls.Error.Weight";
        else if (criteria.Sum(c => c.Weight) != 100) errors["criteria"] = "Calls.Error.Weights";
        else if (criteria.Select(c => c.Name!.Trim()).Distinct(StringComparer.Ordinal).Count() != criteria.Count)
            errors["criteria"] = "Calls.Error.CriterionTwice";
        return errors;
    }

    /// <summary>Applications are taken up to and including the deadline's moment.</summary>
    public static bool MayApply(DateTime deadline, DateTime now) => now <= deadline;

    /// <summary>The error key of one expert's scores for a call of <paramref name="criteria"/> criteria, or null.</summary>
    public static string? ScoresError(IReadOnlyList<decimal>? scores, int criteria) =>
        scores is null || scores.Count != criteria ? "Calls.Error.ScoreCount"
        : scores.Any(s => s is < 0 or > 100) ? "Calls.Error.ScoreRange" : null;

    /// <summary>
    /// The ranking: an expert counts for an application when they scored every criterion; the application's total is the mean of
    /// its experts' Σ weight × score / 100; it is ranked only with <see cref="MinExperts"/> experts or more (ties share a rank).
    /// </summary>
    public static IReadOnlyList<RankedApplication> Rank(IReadOnlyList<CriterionInput> criteria, IEnumerable<int> applications,
        IEnumerable<ExpertScore> scores)
    {
        var byApp = scores.ToLookup(s => s.ApplicationId);
        var rows = applications.Select(app =>
        {
            var complete = byApp[app].GroupBy(s => s.ExpertId)
                .Where(g => Enumerable.Range(0, criteria.Count).All(i => g.Any(s => s.Criterion == i)))
                .Select(g => g.ToDictionary(s => s.Criterion, s => s.Score)).ToList();
            if (complete.Count == 0) return new RankedApplication(app, 0, null, [.. criteria.Select(_ => (decimal?)null)], null);
            var totals = complete.Select(e => criteria.Select((c, i) => c.Weight * e[i] / 100m).Sum()).ToList();
            var means = criteria.Select((_, i) => (decimal?)Math.Round(complete.Average(e => e[i]), 2)).ToList();
            return new RankedApplication(app, complete.Count, Math.Round(totals.Average(), 2), means, null);
        }).ToList();
        var ranked = rows.Where(r => r.Experts >= MinExperts).OrderByDescending(r => r.Total).ToList();
        var result = new List<RankedApplication>();
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].Total == ranked[i - 1].Total ? result[i - 1].Rank : i + 1;
            result.Add(ranked[i] with { Rank = rank });
        }
        return [.. result, .. rows.Where(r => r.Experts < MinExperts).OrderBy(r => r.ApplicationId)];
    }

    /// <summary>The error key of a stage move, or null: a move backwards needs its reason.</summary>
    public static string? MoveError(ScenarioStage from, ScenarioStage to, string? reason) =>
        to < from && string.IsNullOrWhiteSpace(reason) ? "Calls.Error.BackwardsReason" : null;

    public static ScenarioStage? ParseStage(string? stage) =>
        Enum.TryParse<ScenarioStage>(stage, true, out var s) && Enum.IsDefined(s) && !int.TryParse(stage, out _) ? s : null;

    /// <summary>The registry status a project's stage stands for: being built while it is validated and trialled, operating once
    /// it is rolled out.</summary>
    public static ScenarioStatus StatusOf(ScenarioStage stage) =>
        stage == ScenarioStage.Promotion ? ScenarioStatus.Operating : ScenarioStatus.Building;

    /// <summary>Stalled: no progress recorded for more than <see cref="StallDays"/> days.</summary>
    public static bool IsStalled(DateTime lastUpdate, DateTime now) => (now - lastUpdate).TotalDays > StallDays;

    public static IReadOnlyList<string> List(string joined) =>
        [.. joined.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string Join(IEnumerable<string>? items, bool upper = false) => string.Join('|', (items ?? [])
        .Select(s => s.Trim().Replace("|", "", StringComparison.Ordinal))
        .Where(s => s.Length > 0).Select(s => upper ? s.ToUpperInvariant() : s).Distinct(StringComparer.Ordinal));

    /// <summary>
    /// The path as a timeline: every stage up to the current one with the day it was last entered (the start for 早期验证, the
    /// latest entry moving into it otherwise, and the project's own date for the current stage); stages ahead have none.
    /// </summary>
    public static IReadOnlyList<StageReached> Timeline(ScenarioProject project, IEnumerable<ProjectUpdate> updates)
    {
        var moves = updates.Where(u => u.To != u.From).ToList();
        return [.. Enum.GetValues<ScenarioStage>().Select(stage => new StageReached(stage,
            stage > project.Stage ? null
            : stage == project.Stage ? project.StageSince
            : moves.Where(u => u.To == stage).OrderByDescending(u => u.At).Select(u => (DateOnly?)u.On).FirstOrDefault()
                ?? (stage == ScenarioStage.EarlyValidation ? project.StartedOn : null),
            stage == project.Stage))];
    }
}
