using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fip.Policy;

/// <summary>One target in the evaluation view (../shared/policies/README.md).</summary>
/// <param name="Year">Due year or null.</param>
/// <param name="Indicator">What is counted.</param>
/// <param name="Value">The figure.</param>
/// <param name="Comparator"><c>&gt;=</c>, <c>&lt;=</c>, <c>about</c> or <c>=</c>; a range gives <c>&gt;=</c> its low end.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Quote">The clause stating it.</param>
public sealed record EvaluationTarget(int? Year, string Indicator, decimal Value, string Comparator, string Unit, string Quote);

/// <summary>The flat view of a draft that the evaluation scorer compares with gold annotations.</summary>
/// <param name="Title">Document title.</param>
/// <param name="Targets">Targets.</param>
/// <param name="Departments">Distinct responsible units, as written.</param>
/// <param name="Industries">Track and industry names.</param>
/// <param name="Places">Focus places.</param>
/// <param name="Sections">Numbered headings, marker and title as written.</param>
public sealed record EvaluationView(string Title, IReadOnlyList<EvaluationTarget> Targets, IReadOnlyList<string> Departments,
    IReadOnlyList<string> Industries, IReadOnlyList<string> Places, IReadOnlyList<string> Sections)
{
    /// <summary>The evaluation view of <paramref name="draft"/>.</summary>
    public static EvaluationView From(PolicyDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new EvaluationView(
            draft.Title,
            [.. draft.Targets.Select(
                t => new EvaluationTarget(t.Year, t.Indicator, t.Value, ComparatorText(t.Comparator), t.Unit, t.Source.Quote))],
            draft.Departments,
            [.. draft.Tracks.Select(t => t.Name)],
            [.. draft.Places.Select(p => p.Name)],
            [.. draft.Outline.Select(h => h.Text)]);
    }

    /// <summary>The scorer's spelling of a comparator.</summary>
    public static string ComparatorText(TargetComparator c) => c switch
    {
        TargetComparator.AtLeast => ">=",
        TargetComparator.AtMost => "<=",
        TargetComparator.About => "about",
        // The scorer has no range: 2—3条 is scored as at least its low end (samples/policies/corpus/sources.md).
        TargetComparator.Between => ">=",
        _ => "=",
    };
}

/// <summary>Hits, predicted and gold counts for one field, with precision, recall and F1 as the scorer defines them.</summary>
/// <param name="Field">Field name.</param>
/// <param name="Hits">Matched predictions.</param>
/// <param name="Predicted">Predictions after de-duplication.</param>
/// <param name="Gold">Gold items.</param>
public sealed record FieldScore(string Field, int Hits, int Predicted, int Gold)
{
    /// <summary>Hits over predictions (1 when nothing was predicted and nothing was expected).</summary>
    public double Precision => Predicted > 0 ? (double)Hits / Predicted : Gold == 0 ? 1 : 0;
    /// <summary>Hits over gold items (1 when there is no gold).</summary>
    public double Recall => Gold > 0 ? (double)Hits / Gold : 1;
    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall > 0 ? 2 * Precision * Recall / (Precision + Recall) : 0;
}

/// <summary>
/// The scorer of <c>../shared/tools/policy-eval.py</c>, in C#: the same normalisation (NFKC, no spaces, edge
/// punctuation stripped), the same per-field matching (targets by year, value, comparator and a loose indicator;
/// departments exactly; industries and places by containment; sections by their word characters) and greedy
/// one-to-one counting, micro-averaged over documents.
/// </summary>
public static class PolicyScorer
{
    /// <summary>The scored fields, in the scorer's order.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["targets", "departments", "industries", "places", "sections"];

    private static readonly Dictionary<string, string> Comparators = new(StringComparer.Ordinal)
    {
        [">="] = ">=",
        ["≥"] = ">=",
        ["以上"] = ">=",
        ["不少于"] = ">=",
        ["超过"] = ">",
        [">"] = ">",
        ["<="] = "<=",
        ["≤"] = "<=",
        ["以下"] = "<=",
        ["以内"] = "<=",
        ["不超过"] = "<=",
        ["<"] = "<",
        ["="] = "=",
        ["=="] = "=",
        ["about"] = "about",
        ["≈"] = "about",
        ["约"] = "about",
        ["左右"] = "about",
    };

    /// <summary>The document kinds reported apart, most specific first (若干政策措施 is a 若干措施).</summary>
    private static readonly (string Words, string Kind)[] Kinds =
    [
        ("若干政策措施", "若干措施"), ("若干措施", "若干措施"), ("政策措施", "若干措施"), ("行动方案", "行动方案"), ("实施方案", "实施方案"),
        ("实施意见", "实施意见"), ("行动计划", "行动计划"), ("行动计画", "行动计划"), ("指导意见", "指导意见"), ("工作方案", "工作方案"),
        ("意见", "意见"), ("方案", "方案"), ("计划", "行动计划"),
    ];

    /// <summary>
    /// The kind of a document from its title (行动方案, 实施方案, 实施意见, 行动计划, 若干措施, 指导意见, 工作方案, 意见, 方案), read
    /// after Traditional characters are mapped to Simplified; <c>other</c> when the title names none.
    /// </summary>
    public static string DocumentKind(string title, PolicyVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var simplified = new string([.. title.Select(c => vocabulary.Simplified.TryGetValue(c, out var s) ? s : c)]);
        // The kind word that ends last names the document (…实施方案的通知 is a 实施方案); at the same end the longer
        // word, listed first, wins (指导意见 over 意见).
        var best = (End: -1, Kind: "other");
        foreach (var (words, kind) in Kinds)
        {
            var at = simplified.LastIndexOf(words, StringComparison.Ordinal);
            if (at >= 0 && at + words.Length > best.End) best = (at + words.Length, kind);
        }
        return best.Kind;
    }

    /// <summary>Adds the counts of one document (prediction and gold as JSON objects) to <paramref name="totals"/>.</summary>
    public static void Accumulate(JsonObject? prediction, JsonObject gold, IDictionary<string, (int Hits, int Predicted, int Gold)> totals)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(totals);
        foreach (var field in Fields)
        {
            var g = (gold[field] as JsonArray)?.ToList() ?? [];
            var p = Dedupe((prediction?[field] as JsonArray)?.ToList() ?? [], field);
            Func<JsonNode?, JsonNode?, bool> same = field switch
            {
                "targets" => TargetMatch,
                "departments" => (a, b) => Norm(Str(a)) == Norm(Str(b)),
                "sections" => (a, b) => HeadingKey(Str(a)) == HeadingKey(Str(b)),
                _ => (a, b) => LooseEqual(Str(a), Str(b)),
            };
            var used = new HashSet<int>();
            var hits = 0;
            foreach (var gi in g)
                for (var i = 0; i < p.Count; i++)
                    if (!used.Contains(i) && same(p[i], gi)) { used.Add(i); hits++; break; }
            var t = totals.TryGetValue(field, out var v) ? v : (0, 0, 0);
            totals[field] = (t.Item1 + hits, t.Item2 + p.Count, t.Item3 + g.Count);
        }
    }

    /// <summary>The scores of accumulated totals, per field and overall (field <c>overall</c>).</summary>
    public static IReadOnlyList<FieldScore> Scores(IDictionary<string, (int Hits, int Predicted, int Gold)> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var list =
            Fields.Select(
                f => totals.TryGetValue(f, out var t)
                    ? new FieldScore(f, t.Hits, t.Predicted, t.Gold)
                    : new FieldScore(f, 0, 0, 0)).ToList();
        list.Add(new FieldScore("overall", list.Sum(x => x.Hits), list.Sum(x => x.Predicted), list.Sum(x => x.Gold)));
        return list;
    }

    private static List<JsonNode?> Dedupe(List<JsonNode?> items, string field)
    {
        if (field == "targets") return items;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. items.Where(x => seen.Add(Norm(Str(x))))];
    }

    private static string Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "";

    /// <summary>NFKC, no whitespace, edge punctuation 。，,.;；:：、 stripped.</summary>
    public static string Norm(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var n = s.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(n.Length);
        foreach (var c in n) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString().Trim("。，,.;；:：、".ToCharArray());
    }

    private static string HeadingKey(string s) =>
        new(
            [.. Norm(s).Where(
                c => char.IsLetterOrDigit(c)
                    || c == '_'
                    || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)]);

    /// <summary>Equal, or one holding the other, after <see cref="Norm"/>: how industries and places match.</summary>
    public static bool LooseEqual(string a, string b)
    {
        a = Norm(a); b = Norm(b);
        if (a.Length == 0 || b.Length == 0) return false;
        return a == b || a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal);
    }

    private static bool IndicatorMatch(string a, string b)
    {
        a = Norm(a); b = Norm(b);
        foreach (var suffix in new[] { "个", "项", "家", "条", "座", "处" })
        {
            if (a.EndsWith(suffix, StringComparison.Ordinal)) a = a[..^suffix.Length];
            if (b.EndsWith(suffix, StringComparison.Ordinal)) b = b[..^suffix.Length];
        }
        if (LooseEqual(a, b)) return true;
        var sa = a.EnumerateRunes().Select(r => r.Value).ToHashSet();
        var sb = b.EnumerateRunes().Select(r => r.Value).ToHashSet();
        var union = sa.Union(sb).Count();
        return (double)sa.Intersect(sb).Count() / Math.Max(1, union) >= 0.5;
    }

    private static bool TargetMatch(JsonNode? p, JsonNode? g)
    {
        if (p is not JsonObject po || g is not JsonObject go) return false;
        if (go["year"] is JsonNode gy && gy.GetValueKind() != JsonValueKind.Null)
        {
            if (po["year"] is not JsonNode py
                || py.GetValueKind() != JsonValueKind.Number
                || py.GetValue<double>() != gy.GetValue<double>()) return false;
        }
        if (po["value"] is not JsonNode pv || go["value"] is not JsonNode gv || pv.GetValueKind() != JsonValueKind.Number) return false;
        if (Math.Abs(pv.GetValue<double>() - gv.GetValue<double>()) > 1e-9) return false;
        var pc = Comparators.GetValueOrDefault(Str(po["comparator"]).Trim(), "?");
        var gcText = Str(go["comparator"]);
        if (pc != Comparators.GetValueOrDefault(gcText, gcText)) return false;
        return IndicatorMatch(Str(po["indicator"]), Str(go["indicator"]));
    }
}
