using System.Text.RegularExpressions;

namespace Fip.UnitTests.Architecture;

/// <summary>
/// The features use each other only in the directions docs/architecture.md allows: the table there is read, and every
/// source file of a feature (C# and Razor, comments and string literals left out) is searched for the features it names.
/// </summary>
public partial class DependencyTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fip.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Repository root (Fip.slnx) not found.");
    }

    private static string FeaturesFolder => Path.Combine(Root(), "src", "Fip.Web", "Features");

    /// <summary>Feature → the features it may use, from the table of docs/architecture.md.</summary>
    public static Dictionary<string, HashSet<string>> Allowed()
    {
        var text = File.ReadAllText(Path.Combine(Root(), "docs", "architecture.md"));
        var table = text[text.IndexOf("| feature | may use |", StringComparison.Ordinal)..];
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in table.Split('\n').Skip(2))
        {
            if (!line.StartsWith('|')) break;
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            allowed[cells[1]] = cells[2].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToHashSet(StringComparer.Ordinal);
        }
        return allowed;
    }

    [GeneratedRegex("""//[^\n]*|/\*.*?\*/|@\*.*?\*@|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])'""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();

    /// <summary>The features a piece of source names: by a using directive or a qualified name.</summary>
    public static IReadOnlySet<string> Named(string source, IReadOnlyCollection<string> features)
    {
        var code = CommentsAndStrings().Replace(source, " ");
        code = Regex.Replace(code, @"^\s*namespace [^\n]*", "", RegexOptions.Multiline);
        var names = string.Join('|', features);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(code, $@"using\s+(?:static\s+)?Fip\.Web\.Features\.({names})\b")) found.Add(m.Groups[1].Value);
        foreach (Match m in Regex.Matches(code, $@"(?<![\w.])(?:Fip\.Web\.)?(?:Features\.)?({names})\.[A-Z]")) found.Add(m.Groups[1].Value);
        return found;
    }

    [Fact]
    public void Features_UseOnlyTheFeaturesTheArchitectureAllows()
    {
        var allowed = Allowed();
        var features = Directory.GetDirectories(FeaturesFolder).Select(Path.GetFileName).OfType<string>().ToList();
        Assert.DoesNotContain(features, f => !allowed.ContainsKey(f)); // every feature has its row
        var breaches = new List<string>();
        foreach (var feature in features)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(FeaturesFolder, feature), "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
                foreach (var used in Named(File.ReadAllText(file), features))
                    if (used != feature && !allowed[feature].Contains(used))
                        breaches.Add($"{Path.GetRelativePath(FeaturesFolder, file)} uses {used}");
        Assert.Empty(breaches);
    }

    public static TheoryData<string, string[]> NamingCases => new()
    {
        { "using Fip.Web.Features.Goals;", ["Goals"] },
        { "var x = Features.Chains.ChainLink.Name;", ["Chains"] },
        { "Goals.IndicatorDefinition? d;", ["Goals"] },
        { "db.Plans.Any();", [] },                               // a member, not the feature
        { "L[\"Goals.Owner\"]", [] },                            // a resource key
        { "// see Goals.GoalService", [] },                      // a comment
        { "@* Alerts.Alert *@ <p>@L[\"Chains.X\"]</p>", [] },    // Razor comment and string
        { "namespace Fip.Web.Features.Goals;", [] },
    };

    [Theory, MemberData(nameof(NamingCases))]
    public void Named_FindsReferencesNotKeysOrComments(string source, string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal),
            Named(source, ["Goals", "Chains", "Plans", "Alerts"]).Order(StringComparer.Ordinal));
}
