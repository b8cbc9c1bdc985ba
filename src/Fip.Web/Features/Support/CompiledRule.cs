using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Support;

/// <summary>
/// A rule compiled once for a full pass over <see cref="FactColumns"/>: names resolved to ids, the qualification kind and every
/// required number parsed, so evaluating it for one enterprise reads a few array cells and allocates nothing. It gives what a pass
/// needs (met, or one condition short) and agrees with <see cref="RuleEvaluator"/>, which also explains each condition (the
/// 政策计算器's page): the counts are those of its lists (<see cref="RuleOutcome.Missing"/>).
/// </summary>
public abstract class CompiledRule
{
    /// <summary>Met, and how many conditions would have to flip to make the node true, or false.</summary>
    public readonly record struct Tally(bool Met, int ToTrue, int ToFalse)
    {
        public static readonly Tally True = new(true, 0, 1), False = new(false, 1, 0), Empty = new(false, 0, 0);

        public bool NearlyMet => !Met && ToTrue == 1;
    }

    public abstract Tally Evaluate(FactColumns facts, int i);

    /// <summary>The rule compiled against the names and the figures' year of <paramref name="facts"/>.</summary>
    public static CompiledRule Compile(RuleNode node, FactColumns facts)
    {
        if (node.IsCondition) return Condition(node, facts);
        if (node.Not is { } inner) return new Not(Compile(inner, facts));
        var children = (node.All ?? node.Any ?? []).Select(c => Compile(c, facts)).ToArray();
        if (children.Length == 0) return new Constant(Tally.Empty);
        return node.All is not null ? new All(children) : new AnyOf(children);
    }

    private static CompiledRule Condition(RuleNode c, FactColumns facts)
    {
        switch (c.Field!)
        {
            case "qualification":
                return Enum.TryParse<QualificationKind>(c.Names?.FirstOrDefault(), out var k) && (int)k >= 0 && (int)k < FactColumns.Kinds
                    ? new Qualification((int)k, c.WithinYears, facts.Year)
                    : new Constant(Tally.False);
            case "district":
                return new District(Ids(facts.DistrictNames, c.Names ?? []));
            case "track":
                return new Track(Ids(facts.TrackNames, c.Names ?? []));
            default:
                return FactColumns.NumberOf(c.Field!) is { } field && Comparison(c.Op) is { } compare
                    ? new Number((int)field, c.Number ?? 0, compare)
                    : new Constant(Tally.False);
        }
    }

    private static int[] Ids(IReadOnlyDictionary<int, string> names, IReadOnlyList<string> wanted) =>
        [.. names.Where(n => wanted.Contains(n.Value, StringComparer.Ordinal)).Select(n => n.Key).Order()];

    /// <summary>The comparison of a value with the required one: &lt; 0, 0 or &gt; 0 allowed, as a mask.</summary>
    private static int? Comparison(string? op) => op switch
    {
        ">=" => Above | Equal,
        ">" => Above,
        "<=" => Below | Equal,
        "<" => Below,
        "=" => Equal,
        _ => null,
    };

    private const int Below = 1, Equal = 2, Above = 4;

    private static Tally Of(bool met) => met ? Tally.True : Tally.False;

    private sealed class Constant(Tally tally) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i) => tally;
    }

    private sealed class Not(CompiledRule inner) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i)
        {
            var v = inner.Evaluate(facts, i);
            return new(!v.Met, v.ToFalse, v.ToTrue);
        }
    }

    /// <summary>All: met when every child is; to make it true, flip every child's own; to make it false, the cheapest child's.</summary>
    private sealed class All(CompiledRule[] children) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i)
        {
            var (met, toTrue, toFalse) = (true, 0, int.MaxValue);
            foreach (var child in children)
            {
                var v = child.Evaluate(facts, i);
                met &= v.Met;
                toTrue += v.ToTrue;
                toFalse = Math.Min(toFalse, v.ToFalse);
            }
            return new(met, toTrue, toFalse);
        }
    }

    /// <summary>Any: met when a child is; to make it true, the cheapest child's; to make it false, every child's.</summary>
    private sealed class AnyOf(CompiledRule[] children) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i)
        {
            var (met, toTrue, toFalse) = (false, int.MaxValue, 0);
            foreach (var child in children)
            {
                var v = child.Evaluate(facts, i);
                met |= v.Met;
                toTrue = Math.Min(toTrue, v.ToTrue);
                toFalse += v.ToFalse;
            }
            return new(met, toTrue, toFalse);
        }
    }

    private sealed class Qualification(int kind, int? withinYears, int year) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i)
        {
            var awarded = facts.QualificationYears[(i * FactColumns.Kinds) + kind];
            if (awarded == FactColumns.NotHeld) return Tally.False;
            return Of(withinYears is not { } n || (awarded != FactColumns.NoYear && awarded >= year - n && awarded <= year));
        }
    }

    private sealed class District(int[] ids) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i) => Of(Array.IndexOf(ids, facts.District[i]) >= 0);
    }

    private sealed class Track(int[] ids) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i)
        {
            for (var t = facts.TrackStart[i]; t < facts.TrackStart[i + 1]; t++)
                if (Array.IndexOf(ids, facts.Tracks[t]) >= 0) return Tally.True;
            return Tally.False;
        }
    }

    private sealed class Number(int field, decimal required, int allowed) : CompiledRule
    {
        public override Tally Evaluate(FactColumns facts, int i)
        {
            if (facts.Numbers[field][i] is not { } v) return Tally.False;
            var c = v.CompareTo(required);
            return Of((allowed & (c < 0 ? Below : c == 0 ? Equal : Above)) != 0);
        }
    }
}
