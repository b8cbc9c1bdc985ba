using System.Globalization;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Support;

/// <summary>
/// Refuses a rule that cannot be evaluated or can never be met: unknown field or operator, a value of the wrong kind, an
/// unknown district, track or qualification, an empty group, more than 6 levels, and — among the conditions of one
/// <c>all</c> group — bounds on one figure that leave nothing (≥ 5 and ≤ 3), two different districts, or a qualification
/// both required and excluded.
/// </summary>
public static class RuleValidator
{
    public const int MaxDepth = 6;

    public static List<UserMessage> Validate(RuleNode? rule, IReadOnlySet<string> districts, IReadOnlySet<string> tracks)
    {
        var problems = new List<UserMessage>();
        if (rule is null) { problems.Add(UserMessage.Of("Support.Rule.BadJson")); return problems; }
        Check(rule, districts, tracks, 1, problems);
        return problems;
    }

    private static void Check(RuleNode n, IReadOnlySet<string> districts, IReadOnlySet<string> tracks, int depth,
        List<UserMessage> problems)
    {
        if (depth > MaxDepth) { problems.Add(UserMessage.Of("Support.Rule.TooDeep", MaxDepth)); return; }
        var shapes = (n.All is not null ? 1 : 0) + (n.Any is not null ? 1 : 0) + (n.Not is not null ? 1 : 0) + (n.IsCondition ? 1 : 0);
        if (shapes != 1) { problems.Add(UserMessage.Of("Support.Rule.BadNode")); return; }
        if (n.IsCondition) { Condition(n, districts, tracks, problems); return; }
        if (n.Not is { } inner) { Check(inner, districts, tracks, depth + 1, problems); return; }
        var children = n.All ?? n.Any!;
        if (children.Count == 0) { problems.Add(UserMessage.Of("Support.Rule.EmptyGroup")); return; }
        foreach (var c in children) Check(c, districts, tracks, depth + 1, problems);
        if (n.All is not null) Contradictions(children, problems);
    }

    private static void Condition(RuleNode c, IReadOnlySet<string> districts, IReadOnlySet<string> tracks, List<UserMessage> problems)
    {
        if (!RuleFields.All.TryGetValue(c.Field!, out var spec))
        {
            problems.Add(UserMessage.Of("Support.Rule.UnknownField",
            c.Field)); return;
        }
        var label = "Support.Field." + c.Field;
        if (c.Op is null || !RuleFields.OpsOf(spec.Kind).Contains(c.Op))
        {
            problems.Add(UserMessage.Of("Support.Rule.BadOp", c.Op ?? "", string.Join(" ", RuleFields.OpsOf(spec.Kind)), label));
            return;
        }
        if (c.WithinYears is not null && (spec.Kind != RuleFieldKind.Qualification || c.WithinYears is < 0 or > 50))
            problems.Add(UserMessage.Of("Support.Rule.BadWithinYears"));
        switch (spec.Kind)
        {
            case RuleFieldKind.Number:
                if (c.Number is not { } v || v < 0) problems.Add(UserMessage.Of("Support.Rule.NeedNumber", label));
                break;
            case RuleFieldKind.Qualification:
                if (c.Names is not [var q] || !Enum.TryParse<QualificationKind>(q, out _) || int.TryParse(q, out _))
                    problems.Add(UserMessage.Of("Support.Rule.UnknownName", label, c.Names is null ? "" : string.Join("、", c.Names)));
                break;
            default:
                var known = spec.Kind == RuleFieldKind.District ? districts : tracks;
                if (c.Names is not { Count: > 0 } names) { problems.Add(UserMessage.Of("Support.Rule.NeedNames", label)); break; }
                foreach (var name in names.Where(x => !known.Contains(x)))
                    problems.Add(UserMessage.Of("Support.Rule.UnknownName", label, name));
                break;
        }
    }

    /// <summary>Conditions of one <c>all</c> group that cannot hold together.</summary>
    private static void Contradictions(List<RuleNode> children, List<UserMessage> problems)
    {
        foreach (var group in children.Where(c => c.IsCondition && c.Number is not null && RuleFields.All.TryGetValue(c.Field!, out var s)
                     && s.Kind == RuleFieldKind.Number).GroupBy(c => c.Field!))
        {
            // The interval the conditions leave: (lo, hi) with strictness.
            decimal lo = decimal.MinValue, hi = decimal.MaxValue;
            bool loOpen = false, hiOpen = false;
            foreach (var c in group)
            {
                var v = c.Number!.Value;
                if (c.Op is ">=" or ">" or "=" && (v > lo || (v == lo && c.Op == ">"))) { lo = v; loOpen = c.Op == ">"; }
                if (c.Op is "<=" or "<" or "=" && (v < hi || (v == hi && c.Op == "<"))) { hi = v; hiOpen = c.Op == "<"; }
            }
            if (lo > hi || (lo == hi && (loOpen || hiOpen)))
                problems.Add(UserMessage.Of("Support.Rule.Contradiction", "Support.Field." + group.Key,
                    string.Join(" ", group.Select(c => c.Op + " " + c.Number!.Value.ToString("0.##", CultureInfo.InvariantCulture)))));
        }
        var districtSets = children.Where(c => c.IsCondition && c.Field == "district"
            && c.Names is not null).Select(c => c.Names!).ToList();
        if (districtSets.Count > 1 && !districtSets.Skip(1).Aggregate(districtSets[0].AsEnumerable(), (a, b) => a.Intersect(b)).Any())
            problems.Add(UserMessage.Of("Support.Rule.Contradiction", "Support.Field.district",
                string.Join(" / ", districtSets.Select(s => string.Join("、", s)))));
        var required = children.Where(c => c is
        {
            IsCondition: true, Field: "qualification",
            WithinYears: null
        }).SelectMany(c => c.Names ?? []);
        var excluded = children.Where(c => c.Not is { IsCondition: true, Field: "qualification" }).SelectMany(c => c.Not!.Names ?? []);
        foreach (var q in required.Intersect(excluded))
            problems.Add(UserMessage.Of("Support.Rule.Contradiction", "Support.Field.qualification", "has / not " + q));
    }

    /// <summary>Problems as text in the reader's language (labels passed as resource keys are put into words too).</summary>
    public static string[] Words(IEnumerable<UserMessage> problems, IStringLocalizer l) =>
        [.. problems.Select(p => p with { Args = [.. p.Args.Select(a => a is string s && s.StartsWith("Support.Field.",
            StringComparison.Ordinal)
            ? l[s].Value : a)] }).Select(p => p.In(l))];
}
