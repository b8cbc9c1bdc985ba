using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fip.Policy;

namespace Fip.Cli;

/// <summary>
/// `fip policy …`: parse a policy document, or score the parser on a folder of gold annotations. Kept apart from
/// <see cref="CommandLine"/> so that it builds no web host, configuration or database services: start-up stays light.
/// </summary>
internal static class PolicyCommands
{
    public const string Usage = """
        fip policy parse FILE [--format json|eval] [--vocabulary DIR]
                                            read a policy document (.txt UTF-8/GB18030, .docx) into a draft plan;
                                            json: the full model with source spans; eval: the evaluation view
        fip policy evaluate DIR [--out PRED_DIR] [--vocabulary DIR] [--heldout FILE] [--by-kind]
                                            parse every NAME.txt in DIR, compare with NAME.gold.json, print P/R/F1;
                                            --heldout FILE (one NAME a line): the listed documents scored apart;
                                            --by-kind: a table per document kind (行动方案, 实施意见…, from the title)
        """;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Printed for people and scripts, never embedded in HTML: Chinese and >= stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var a = Arguments.Parse(args);
            var vocabulary = a.Option("vocabulary") is { } dir ? PolicyVocabulary.Load(dir) : PolicyVocabulary.Default;
            var parser = new PolicyParser(vocabulary);
            switch (a.Command)
            {
                case "policy parse":
                    if (a.Positional.Count != 1) throw new ArgumentException("Usage: fip policy parse FILE [--format json|eval]");
                    var draft = parser.ParseFile(a.Positional[0]);
                    var format = a.Option("format") ?? "json";
                    output.WriteLine(format switch
                    {
                        "json" => JsonSerializer.Serialize(draft, Json),
                        "eval" => JsonSerializer.Serialize(EvaluationView.From(draft), Json),
                        _ => throw new ArgumentException("--format must be json or eval."),
                    });
                    return 0;
                case "policy evaluate":
                    if (a.Positional.Count != 1) throw new ArgumentException("Usage: fip policy evaluate DIR [--out PRED_DIR]");
                    return Evaluate(parser, vocabulary, a.Positional[0], a.Option("out"), a.Option("heldout"),
                        a.Flags.Contains("by-kind"), output, error);
                default:
                    error.WriteLine($"Unknown command: {string.Join(' ', args)}");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        catch (PolicyFileException e)
        {
            error.WriteLine($"fip: {e.Message}");
            return 1;
        }
    }

    private static int Evaluate(PolicyParser parser, PolicyVocabulary vocabulary, string directory, string? outDirectory,
        string? heldoutFile, bool byKind, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(directory)) throw new PolicyFileException($"No such folder: {directory}");
        if (outDirectory is not null) Directory.CreateDirectory(outDirectory);
        var heldout = heldoutFile is null
            ? null
            : File.Exists(heldoutFile)
                ? File.ReadAllLines(heldoutFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
                : throw new PolicyFileException($"No such file: {heldoutFile}");
        // Groups of documents scored together: all, then (with --heldout) development and held-out, then (with --by-kind)
        // one per document kind.
        var groups = new Dictionary<string, (int Documents, Dictionary<string, (int Hits, int Predicted, int Gold)> Totals)>(
            StringComparer.Ordinal);
        void Add(string group, JsonObject? prediction, JsonObject gold)
        {
            var g = groups.TryGetValue(group, out var x) ? x : (0, new Dictionary<string, (int, int, int)>(StringComparer.Ordinal));
            PolicyScorer.Accumulate(prediction, gold, g.Item2);
            groups[group] = (g.Item1 + 1, g.Item2);
        }
        var golds = Directory.GetFiles(directory, "*.gold.json").Order(StringComparer.Ordinal).ToList();
        var missing = 0;
        foreach (var goldPath in golds)
        {
            var name = Path.GetFileName(goldPath)[..^".gold.json".Length];
            var gold = JsonNode.Parse(File.ReadAllText(goldPath))!.AsObject();
            JsonObject? prediction = null;
            var textPath = Path.Combine(directory, name + ".txt");
            try
            {
                var view = EvaluationView.From(parser.ParseFile(textPath));
                var json = JsonSerializer.Serialize(view, Json);
                if (outDirectory is not null) File.WriteAllText(Path.Combine(outDirectory, name + ".json"), json);
                prediction = JsonNode.Parse(json)!.AsObject();
            }
            catch (PolicyFileException e)
            {
                error.WriteLine($"{name}: no usable prediction ({e.Message})");
                missing++;
            }
            Add("all", prediction, gold);
            if (heldout is not null) Add(heldout.Contains(name) ? "held-out" : "development", prediction, gold);
            if (byKind)
                Add("kind " + PolicyScorer.DocumentKind((gold["title"] as JsonValue)?.ToString() ?? "", vocabulary), prediction, gold);
        }
        var first = true;
        static int Rank(string key) => key == "all" ? 0 : key.StartsWith("kind", StringComparison.Ordinal) ? 2 : 1;
        foreach (var (group, (documents, totals)) in groups.OrderBy(g => Rank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            if (groups.Count > 1) output.WriteLine($"{(first ? "" : Environment.NewLine)}== {group} ({documents} documents)");
            first = false;
            var scores = PolicyScorer.Scores(totals);
            output.WriteLine($"{"field",-12} {"precision",9} {"recall",7} {"F1",6}  (hits/pred/gold)");
            foreach (var s in scores.Where(s => s.Field != "overall"))
                output.WriteLine(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{s.Field,-12} {s.Precision,9:0.000} {s.Recall,7:0.000} {s.F1,6:0.000}  ({s.Hits}/{s.Predicted}/{s.Gold})"));
            var all = scores[^1];
            if (group == "all") output.WriteLine($"documents: {golds.Count}, without prediction: {missing}");
            output.WriteLine(
                string.Create(CultureInfo.InvariantCulture,
                    $"overall F1 {all.F1:0.000} (precision {all.Precision:0.000}, recall {all.Recall:0.000})"));
        }
        return 0;
    }
}
