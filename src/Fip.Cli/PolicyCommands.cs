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
                                            --by-kind: a table per document kind (行动方案, 实施意见…, from the title);
                                            --model FILE: another learned track model; --rules-only: the rules' tracks
        fip policy candidates FILE [--model FILE]
                                            the learned track reader's candidates of FILE: name, score, features
        fip policy train DIR --out FILE [--candidates TSV] [--exclude FILE]
                                            train the learned track reader on DIR's NAME.txt + NAME.gold.json
                                            (the built-in model is src/Fip.Policy/Data/track-model.json);
                                            --candidates: each candidate, label, score and features, a line each;
                                            --exclude FILE (one NAME a line): trained without those documents
        fip policy crossval DIR --sets FILE[,FILE…] [--out PRED_DIR]
                                            rules only against the learned reader: leave-one-out over DIR, then
                                            leave-one-set-out (each set scored by a model trained without it)
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
            var model = a.Flags.Contains("rules-only") ? TrackModel.RulesOnly
                : a.Option("model") is { } modelFile ? TrackModel.Parse(File.ReadAllText(modelFile)) : null;
            var parser = new PolicyParser(vocabulary, model);
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
                case "policy candidates":
                    if (a.Positional.Count != 1) throw new ArgumentException("Usage: fip policy candidates FILE [--model FILE]");
                    var scorer = model ?? TrackModel.Default;
                    foreach (var (name, occurrences) in parser.Candidates(PolicyFileReader.ReadFile(a.Positional[0])))
                        output.WriteLine(string.Join('\t', name, scorer.Score(occurrences).ToString("0.000", CultureInfo.InvariantCulture),
                            string.Join(" | ", occurrences.Select(o => string.Join(' ', o.Order(StringComparer.Ordinal))))));
                    return 0;
                case "policy train":
                    if (a.Positional.Count != 1 || a.Option("out") is not { } outFile)
                        throw new ArgumentException("Usage: fip policy train DIR --out FILE");
                    var corpus = TrackTraining.Corpus(a.Positional[0], vocabulary);
                    // --exclude FILE (one NAME a line): trained without those documents (their candidates still listed).
                    var excluded = a.Option("exclude") is { } ex
                        ? File.ReadAllLines(ex).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal)
                        : [];
                    var trained = TrackTraining.Train([.. corpus.Where(d => !excluded.Contains(d.Name))], Settings(a));
                    // --candidates FILE: every candidate with its label, score and features, one a line, for inspection.
                    if (a.Option("candidates") is { } dump)
                        File.WriteAllLines(dump, corpus.SelectMany(d => d.Candidates.Select((c, k) => string.Join('\t', d.Name, c.Name,
                            d.Labels[k] ? "1" : "0", trained.Score(c.Occurrences).ToString("0.000", CultureInfo.InvariantCulture),
                            string.Join(" | ", c.Occurrences.Select(o => string.Join(' ', o.Order(StringComparer.Ordinal))))))));
                    File.WriteAllText(outFile, trained.ToJson());
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{outFile}: {trained.Weights.Count} weights, threshold {trained.Threshold:0.00}"));
                    return 0;
                case "policy crossval":
                    if (a.Positional.Count != 1 || a.Option("sets") is not { } sets)
                        throw new ArgumentException("Usage: fip policy crossval DIR --sets FILE[,FILE…] [--out PRED_DIR]");
                    return CrossValidate(vocabulary, a.Positional[0], sets.Split(','), a.Option("out"), Settings(a),
                        a.Flags.Contains("loso-only"), output);
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

    /// <summary>
    /// Rules only against the learned reader, on the same documents: leave-one-out (each document scored by a model trained on
    /// all the others), then leave-one-set-out (each listed set scored by a model trained on everything outside it).
    /// </summary>
    private static int CrossValidate(PolicyVocabulary vocabulary, string directory, IReadOnlyList<string> setFiles, string? outDirectory,
        TrainingSettings settings, bool losoOnly, TextWriter output)
    {
        if (!Directory.Exists(directory)) throw new PolicyFileException($"No such folder: {directory}");
        var documents = TrackTraining.Corpus(directory, vocabulary);
        var rules = new PolicyParser(vocabulary, TrackModel.RulesOnly);
        var golds = documents.ToDictionary(d => d.Name,
            d => JsonNode.Parse(File.ReadAllText(Path.Combine(directory, d.Name + ".gold.json")))!.AsObject(), StringComparer.Ordinal);
        JsonObject Predict(PolicyParser parser, string name, string? folder)
        {
            var json = JsonSerializer.Serialize(EvaluationView.From(parser.ParseFile(Path.Combine(directory, name + ".txt"))), Json);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, name + ".json"), json);
            }
            return JsonNode.Parse(json)!.AsObject();
        }
        void Table(string heading, Dictionary<string, (int, int, int)> before, Dictionary<string, (int, int, int)> after)
        {
            output.WriteLine(heading);
            output.WriteLine($"{"field",-12} {"rules only",22} {"learned",22}");
            foreach (var (b, l) in PolicyScorer.Scores(before).Zip(PolicyScorer.Scores(after)))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Field,-12} {b.F1,6:0.000} ({b.Hits,3}/{b.Predicted,3}/{b.Gold,3}) "
                    + $"{l.F1,6:0.000} ({l.Hits,3}/{l.Predicted,3}/{l.Gold,3})"));
        }
        var beforeAll = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
        var afterAll = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
        foreach (var d in losoOnly ? [] : documents)
        {
            var model = TrackTraining.Train([.. documents.Where(x => x.Name != d.Name)], settings);
            var rulesFolder = outDirectory is null ? null : Path.Combine(outDirectory, "rules");
            PolicyScorer.Accumulate(Predict(rules, d.Name, rulesFolder), golds[d.Name], beforeAll);
            PolicyScorer.Accumulate(Predict(new PolicyParser(vocabulary, model), d.Name,
                outDirectory is null ? null : Path.Combine(outDirectory, "loo")), golds[d.Name], afterAll);
        }
        if (!losoOnly) Table($"== leave-one-out ({documents.Count} documents)", beforeAll, afterAll);
        foreach (var setFile in setFiles)
        {
            var set = File.ReadAllLines(setFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
            var model = TrackTraining.Train([.. documents.Where(x => !set.Contains(x.Name))], settings);
            var learned = new PolicyParser(vocabulary, model);
            var before = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
            var after = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
            var folder = outDirectory is null ? null : Path.Combine(outDirectory, "loso-" + Path.GetFileNameWithoutExtension(setFile));
            foreach (var name in set.Order(StringComparer.Ordinal).Where(golds.ContainsKey))
            {
                PolicyScorer.Accumulate(Predict(rules, name, null), golds[name], before);
                PolicyScorer.Accumulate(Predict(learned, name, folder), golds[name], after);
            }
            output.WriteLine();
            Table(string.Create(CultureInfo.InvariantCulture, $"== leave-one-set-out: {Path.GetFileName(setFile)} ({set.Count} documents, "
                + $"threshold {model.Threshold:0.00})"), before, after);
        }
        return 0;
    }

    /// <summary>The built-in training settings, each replaceable for experiments (--l2, --steps, --rule-free-copies yes|no,
    /// --threshold-folds, --rule-features yes|no).</summary>
    private static TrainingSettings Settings(Arguments a)
    {
        var d = TrainingSettings.Default;
        return new TrainingSettings(
            a.Option("l2") is { } l2 ? double.Parse(l2, CultureInfo.InvariantCulture) : d.L2,
            a.Option("steps") is { } steps ? int.Parse(steps, CultureInfo.InvariantCulture) : d.Steps,
            a.Option("rule-free-copies") is { } copies ? copies == "yes" : d.RuleFreeCopies,
            a.Option("threshold-folds") is { } folds ? int.Parse(folds, CultureInfo.InvariantCulture) : d.ThresholdFolds,
            a.Option("rule-features") is { } rf ? rf == "yes" : d.RuleFeatures);
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
