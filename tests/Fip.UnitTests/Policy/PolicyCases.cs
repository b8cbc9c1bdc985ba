using System.Globalization;
using Fip.Policy;

namespace Fip.UnitTests.Policy;

/// <summary>What the policy rule tables share: a sentence parsed as a page's body, an expected list written with |, and what a
/// draft read (track names, year:value of its targets, value-unit-comparator).</summary>
internal static class PolicyCases
{
    public static PolicyDraft Body(string sentence) => PolicyParser.ParseText("标题\n\n" + sentence + "\n");

    /// <summary>The rules' reading alone, without the learned track reader (for the few rule tables whose one-sentence cases the
    /// learned reader reads otherwise: docs/policy-parser.md, branch learn11).</summary>
    public static readonly PolicyParser RulesOnly = new(null, TrackModel.RulesOnly);

    public static PolicyDraft RulesBody(string sentence) => RulesOnly.Parse("标题\n\n" + sentence + "\n");

    public static string[] Split(string expected) => expected.Length == 0 ? [] : expected.Split('|');

    public static IEnumerable<string> Tracks(PolicyDraft draft) => draft.Tracks.Select(t => t.Name);

    public static IEnumerable<string> Figures(PolicyDraft draft) =>
        draft.Targets.Select(t => $"{t.Year}:{t.Value.ToString(CultureInfo.InvariantCulture)}");

    public static IEnumerable<string> Headings(PolicyDraft draft) => draft.Outline.Select(h => $"{h.Level}:{h.Title}");

    public static IEnumerable<string> Indicators(PolicyDraft draft) => draft.Targets.Select(t => t.Indicator);

    /// <summary>The places' names, each once.</summary>
    public static IEnumerable<string> DistinctPlaces(PolicyDraft draft) => draft.Places.Select(p => p.Name).Distinct();

    public static IEnumerable<string> Compared(PolicyDraft draft) =>
        draft.Targets.Select(t => $"{t.Value.ToString(CultureInfo.InvariantCulture)}{t.Unit}{t.Comparator}");
}
