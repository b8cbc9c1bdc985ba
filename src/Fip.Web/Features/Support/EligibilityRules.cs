using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Support;

/// <summary>
/// An eligibility rule as stored (JSON): a group (<c>all</c>: and, <c>any</c>: or, <c>not</c>) or a condition on one field of
/// the enterprise's data (<c>field</c>, <c>op</c>, <c>value</c>, and for a qualification optionally <c>withinYears</c>).
/// Example: <c>{"all":[{"field":"qualification","op":"has","value":"HighTech"},{"field":"rdRatio","op":"&gt;=","value":4}]}</c>.
/// </summary>
public sealed class RuleNode
{
    [JsonPropertyName("all")] public List<RuleNode>? All { get; set; }
    [JsonPropertyName("any")] public List<RuleNode>? Any { get; set; }
    [JsonPropertyName("not")] public RuleNode? Not { get; set; }
    [JsonPropertyName("field")] public string? Field { get; set; }
    [JsonPropertyName("op")] public string? Op { get; set; }
    [JsonPropertyName("value")] public JsonElement? Value { get; set; }
    /// <summary>For <c>qualification has</c>: awarded in the figures' year or the N years before it.</summary>
    [JsonPropertyName("withinYears")] public int? WithinYears { get; set; }

    public bool IsCondition => Field is not null;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static RuleNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<RuleNode>(json, Json); }
        catch (JsonException) { return null; }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public decimal? Number => Value is { ValueKind: JsonValueKind.Number } v && v.TryGetDecimal(out var d) ? d : null;

    /// <summary>The value as a list of names (a string or an array of strings); null when it is neither.</summary>
    public IReadOnlyList<string>? Names => Value switch
    {
        { ValueKind: JsonValueKind.String } v => [v.GetString()!],
        { ValueKind: JsonValueKind.Array } v when v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
            [.. v.EnumerateArray().Select(x => x.GetString()!)],
        _ => null,
    };
}

/// <summary>What a rule can ask about an enterprise: its record, its yearly figures of one year, its products and chain links.</summary>
public sealed record EnterpriseFacts(
    int EnterpriseId,
    string? District,
    IReadOnlySet<string> Tracks,
    IReadOnlyDictionary<QualificationKind, int?> Qualifications,
    DateOnly? FoundedOn,
    int? Employees,
    decimal? Revenue,
    decimal? RdExpense,
    int? InventionPatents,
    int FirstOfItsKind,
    int ChainLinks)
{
    /// <summary>研发投入占营业收入比例, %: unknown when either figure is missing or revenue is 0.</summary>
    public decimal? RdRatio => FactColumns.RdRatio(Revenue, RdExpense);

    /// <summary>Whole years since founding at <paramref name="asOf"/>.</summary>
    public int? AgeOn(DateOnly asOf) => FactColumns.AgeOn(FoundedOn, asOf);
}

/// <summary>The kinds of field a condition may name, and the operators each allows.</summary>
public enum RuleFieldKind { Number, District, Tracks, Qualification }

/// <summary>The fields conditions may name (the rule editor's vocabulary): key, kind and unit.</summary>
public static class RuleFields
{
    public static readonly IReadOnlyDictionary<string, (RuleFieldKind Kind, string Unit)> All =
        new Dictionary<string, (RuleFieldKind, string)>(StringComparer.Ordinal)
        {
            ["qualification"] = (RuleFieldKind.Qualification, ""),
            ["district"] = (RuleFieldKind.District, ""),
            ["track"] = (RuleFieldKind.Tracks, ""),
            ["age"] = (RuleFieldKind.Number, "years"),
            ["employees"] = (RuleFieldKind.Number, "people"),
            ["revenue"] = (RuleFieldKind.Number, "wan"),
            ["rdExpense"] = (RuleFieldKind.Number, "wan"),
            ["rdRatio"] = (RuleFieldKind.Number, "percent"),
            ["inventionPatents"] = (RuleFieldKind.Number, "items"),
            ["firstOfItsKind"] = (RuleFieldKind.Number, "items"),
            ["chainLinks"] = (RuleFieldKind.Number, "items"),
        };

    public static readonly IReadOnlyList<string> NumberOps = [">=", ">", "<=", "<", "="];

    public static IReadOnlyList<string> OpsOf(RuleFieldKind kind) => kind switch
    {
        RuleFieldKind.Number => NumberOps,
        RuleFieldKind.Qualification => ["has"],
        _ => ["in"],
    };

    /// <summary>Fields read from the yearly figures (missing = 未填报 for that year).</summary>
    public static bool IsYearly(string field) => field is "revenue" or "rdExpense" or "rdRatio" or "inventionPatents";
}

/// <summary>One condition's verdict: the enterprise's value and the requirement, as invariant text (the page words them).</summary>
/// <param name="Path">Where the condition sits in the tree ("0.2": the third child of the first).</param>
/// <param name="Negated">Under a <c>not</c>: the condition must be false for the rule to hold.</param>
/// <param name="Actual">The enterprise's value (a number, names, "qualification:year"); null when not filed.</param>
public sealed record ConditionResult(string Path, string Field, string Op, string Required, int? WithinYears, string? Actual, bool Met,
    bool Negated);

/// <summary>A rule's verdict: met, how many conditions would have to change to meet it, and which (the cheapest way).</summary>
public sealed record RuleOutcome(bool Met, int Missing, IReadOnlyList<ConditionResult> Conditions, IReadOnlyList<ConditionResult> Blocking)
{
    /// <summary>近似符合: exactly one condition stands between the enterprise and the policy.</summary>
    public bool NearlyMet => !Met && Missing == 1;
}

/// <summary>Evaluates a rule tree against an enterprise's facts: per condition met or not, with the value and the requirement.</summary>
public static class RuleEvaluator
{
    public static RuleOutcome Evaluate(RuleNode rule, EnterpriseFacts facts, int figuresYear, DateOnly asOf)
    {
        var conditions = new List<ConditionResult>();
        var verdict = Walk(rule, facts, figuresYear, asOf, "0", negated: false, conditions);
        return new(verdict.Met, verdict.ToTrue.Count, conditions, verdict.ToTrue);
    }

    /// <summary>Per node: met, and the fewest conditions to flip to make it true (or false).</summary>
    private sealed record Verdict(bool Met, List<ConditionResult> ToTrue, List<ConditionResult> ToFalse);

    private static Verdict Walk(RuleNode node, EnterpriseFacts facts, int year, DateOnly asOf, string path, bool negated,
        List<ConditionResult> all)
    {
        if (node.IsCondition)
        {
            var result = Condition(node, facts, year, asOf, path, negated);
            all.Add(result);
            return result.Met ? new(true, [], [result]) : new(false, [result], []);
        }
        if (node.Not is { } inner)
        {
            var v = Walk(inner, facts, year, asOf, path + ".0", !negated, all);
            return new(!v.Met, v.ToFalse, v.ToTrue);
        }
        var children = (node.All ?? node.Any ?? []).Select((c, i) => Walk(c, facts, year, asOf,
            path + "." + i.ToString(CultureInfo.InvariantCulture), negated, all)).ToList();
        if (children.Count == 0) return new(false, [], []);
        var cheapestTrue = children.MinBy(c => c.ToTrue.Count)!.ToTrue;
        var cheapestFalse = children.MinBy(c => c.ToFalse.Count)!.ToFalse;
        return node.All is not null
            ? new(children.All(c => c.Met), [.. children.SelectMany(c => c.ToTrue)], cheapestFalse)
            : new(children.Any(c => c.Met), cheapestTrue, [.. children.SelectMany(c => c.ToFalse)]);
    }

    private static ConditionResult Condition(RuleNode c, EnterpriseFacts f, int year, DateOnly asOf, string path, bool negated)
    {
        var field = c.Field!;
        var op = c.Op ?? "";
        switch (field)
        {
            case "qualification":
                {
                    var kind = Enum.TryParse<QualificationKind>(c.Names?.FirstOrDefault(), out var k) ? k : (QualificationKind?)null;
                    var holds = kind is { } q && f.Qualifications.TryGetValue(q, out var awarded) ? (true, awarded) : (false, (int?)null);
                    var actual = holds.Item1 ? $"{kind}:{holds.Item2?.ToString(CultureInfo.InvariantCulture) ?? ""}" : null;
                    var met = holds.Item1 && (c.WithinYears is not { } n || holds.Item2 is { } y && y >= year - n && y <= year);
                    return new(path, field, op, kind?.ToString() ?? "", c.WithinYears, actual, met, negated);
                }
            case "district":
            case "track":
                {
                    var wanted = c.Names ?? [];
                    IReadOnlyList<string> have = field == "district"
                        ? (f.District is { } d ? [d] : [])
                        : [.. f.Tracks.Order(StringComparer.Ordinal)];
                    var met = have.Any(h => wanted.Contains(h, StringComparer.Ordinal));
                    var actual = have.Count == 0 ? null : string.Join("、", have);
                    return new(path, field, op, string.Join("、", wanted), null, actual, met, negated);
                }
            default:
                {
                    decimal? value = field switch
                    {
                        "age" => f.AgeOn(asOf),
                        "employees" => f.Employees,
                        "revenue" => f.Revenue,
                        "rdExpense" => f.RdExpense,
                        "rdRatio" => f.RdRatio,
                        "inventionPatents" => f.InventionPatents,
                        "firstOfItsKind" => f.FirstOfItsKind,
                        "chainLinks" => f.ChainLinks,
                        _ => null,
                    };
                    var required = c.Number ?? 0;
                    var met = value is { } v && op switch
                    {
                        ">=" => v >= required,
                        ">" => v > required,
                        "<=" => v <= required,
                        "<" => v < required,
                        "=" => v == required,
                        _ => false,
                    };
                    return new(path, field, op, Invariant(required), null, value is { } x ? Invariant(x) : null, met, negated);
                }
        }
    }

    public static string Invariant(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
