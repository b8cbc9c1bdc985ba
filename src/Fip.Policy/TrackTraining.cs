using System.Text.Json.Nodes;
using Fip.Policy.Text;

namespace Fip.Policy;

/// <summary>The candidates of one annotated document, labelled by its gold industries.</summary>
/// <param name="Name">The document's name (NAME of NAME.txt).</param>
/// <param name="Candidates">Each candidate's name as written and the features of each place it was proposed.</param>
/// <param name="Labels">Whether each candidate matches a gold industry under the scorer's matching (containment).</param>
/// <param name="Gold">The gold industries.</param>
public sealed record TrainingDocument(string Name, IReadOnlyList<(string Name, IReadOnlyList<IReadOnlySet<string>> Occurrences)> Candidates,
    IReadOnlyList<bool> Labels, IReadOnlyList<string> Gold);

/// <summary>
/// Trains the learned track reader (<see cref="TrackModel"/>): logistic regression with an L2 penalty over the binary
/// candidate features, by full-batch gradient descent with momentum from zero weights for a fixed number of steps (so the
/// same documents give the same weights), then the threshold that gives the best industries F1 on the training documents
/// themselves (the scorer's greedy matching, after <see cref="LearnedTracks"/>' choice), never on a document scored.
/// </summary>
public static class TrackTraining
{
    private const double Rate = 1.0;
    private const double Momentum = 0.9;

    /// <summary>The labelled candidates of one document.</summary>
    public static TrainingDocument Document(string name, string text, IReadOnlyList<string> gold, PolicyVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var candidates = new PolicyParser(vocabulary, TrackModel.RulesOnly).Candidates(text);
        var labels = candidates.Select(c => gold.Any(g => Names(c.Name, g))).ToList();
        return new TrainingDocument(name, candidates, labels, gold);
    }

    /// <summary>
    /// Whether a candidate is a positive example of gold industry <paramref name="gold"/>: it matches under the scorer's matching
    /// and is no more than three characters longer or shorter, or at least 60 % of the other's length (人工智能产业 and
    /// 新一代人工智能 name 人工智能; 人工智能与经济社会深度融合 holds it but is a clause, 智能 lies in it but is a piece).
    /// </summary>
    internal static bool Names(string candidate, string gold)
    {
        if (!PolicyScorer.LooseEqual(candidate, gold)) return false;
        var (a, b) = (PolicyScorer.Norm(candidate).Length, PolicyScorer.Norm(gold).Length);
        return Math.Abs(a - b) <= 3 || Math.Min(a, b) >= 0.6 * Math.Max(a, b);
    }

    private static bool IsRuleFeature(string feature) => feature.StartsWith("rule", StringComparison.Ordinal);

    /// <summary>Every NAME.txt with a NAME.gold.json in <paramref name="directory"/>, in ordinal order of name.</summary>
    public static List<TrainingDocument> Corpus(string directory, PolicyVocabulary? vocabulary = null)
    {
        var list = new List<TrainingDocument>();
        foreach (var goldPath in Directory.GetFiles(directory, "*.gold.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(goldPath)[..^".gold.json".Length];
            var gold = JsonNode.Parse(File.ReadAllText(goldPath))!.AsObject();
            var industries = (gold["industries"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToList() ?? [];
            list.Add(Document(name, PolicyFileReader.ReadFile(Path.Combine(directory, name + ".txt")), industries, vocabulary));
        }
        return list;
    }

    /// <summary>The model trained on <paramref name="documents"/> with the built-in settings.</summary>
    public static TrackModel Train(IReadOnlyList<TrainingDocument> documents) => Train(documents, TrainingSettings.Default);

    /// <summary>
    /// The model trained on <paramref name="documents"/>: weights from all of them; the threshold from scores each document
    /// gets from a model trained without its fold (<see cref="TrainingSettings.ThresholdFolds"/> folds by position), or from
    /// the final model when there are fewer than two folds.
    /// </summary>
    public static TrackModel Train(IReadOnlyList<TrainingDocument> documents, TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(settings);
        var weights = Weights(documents, settings);
        if (settings.ThresholdFolds < 2 || documents.Count < settings.ThresholdFolds)
            return new TrackModel(weights, BestThreshold(documents, documents.Select(d => Scores(d, weights)).ToList()));
        var scores = new List<double>[documents.Count];
        for (var fold = 0; fold < settings.ThresholdFolds; fold++)
        {
            var inner = Weights([.. documents.Where((_, i) => i % settings.ThresholdFolds != fold)], settings);
            for (var i = fold; i < documents.Count; i += settings.ThresholdFolds) scores[i] = Scores(documents[i], inner);
        }
        return new TrackModel(weights, BestThreshold(documents, scores));
    }

    private static List<double> Scores(TrainingDocument d, IReadOnlyDictionary<string, double> weights)
    {
        var model = new TrackModel(weights, 0.5);
        return [.. d.Candidates.Select(c => model.Score(c.Occurrences))];
    }

    private static Dictionary<string, double> Weights(IReadOnlyList<TrainingDocument> documents, TrainingSettings settings)
    {
        // Features numbered in ordinal order, so the sums run in the same order whatever the order of the sets.
        var index = documents.SelectMany(d => d.Candidates).SelectMany(c => c.Occurrences).SelectMany(o => o).Distinct()
            .Order(StringComparer.Ordinal)
            .Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var rows = new List<int[]>();
        var ys = new List<double>();
        var weights = new List<double>();
        // One row per proposal, labelled as its name; a name's proposals share one unit of weight, so that a name written
        // thirty times does not count thirty times.
        void Row(IEnumerable<string> features, bool label, double weight)
        {
            rows.Add([.. features.Where(f => settings.RuleFeatures || !IsRuleFeature(f)).Select(f => index[f]).Order()]);
            ys.Add(label ? 1 : 0);
            weights.Add(weight);
        }
        foreach (var d in documents)
            for (var k = 0; k < d.Candidates.Count; k++)
            {
                var occurrences = d.Candidates[k].Occurrences;
                foreach (var o in occurrences)
                {
                    Row(o, d.Labels[k], 1.0 / occurrences.Count);
                    // The rules were written from these very documents, so on them they are nearly always right, on new text
                    // far less: with RuleFreeCopies a proposal a rule made is shown again without its rule features.
                    if (settings.RuleFreeCopies && o.Any(IsRuleFeature))
                        Row(o.Where(f => !IsRuleFeature(f)), d.Labels[k], 1.0 / occurrences.Count);
                }
            }
        var w = new double[index.Count];
        var velocity = new double[index.Count];
        var grad = new double[index.Count];
        var n = Math.Max(1.0, weights.Sum());
        for (var step = 0; step < settings.Steps; step++)
        {
            for (var j = 0; j < w.Length; j++) grad[j] = settings.L2 * w[j];
            for (var i = 0; i < rows.Count; i++)
            {
                var z = 0.0;
                foreach (var j in rows[i]) z += w[j];
                var err = (1 / (1 + Math.Exp(-z)) - ys[i]) * weights[i];
                foreach (var j in rows[i]) grad[j] += err;
            }
            for (var j = 0; j < w.Length; j++)
            {
                velocity[j] = Momentum * velocity[j] - Rate * grad[j] / n;
                w[j] += velocity[j];
            }
        }
        return index.ToDictionary(p => p.Key, p => Math.Round(w[p.Value], 6), StringComparer.Ordinal);
    }

    /// <summary>The threshold (0.05 to 0.95 by 0.01) with the best industries F1 on <paramref name="documents"/>; the lowest of
    /// ties.</summary>
    private static double BestThreshold(IReadOnlyList<TrainingDocument> documents, IReadOnlyList<List<double>> documentScores)
    {
        var scored = documents.Zip(documentScores).ToList();
        var best = (F1: -1.0, Threshold: 0.5);
        for (var t = 5; t <= 95; t++)
        {
            var threshold = t / 100.0;
            int hits = 0, predicted = 0, gold = 0;
            foreach (var (d, scores) in scored)
            {
                var names = d.Candidates.Select(c => c.Name).ToList();
                var chosen = LearnedTracks.Choose(names, scores, threshold).Order().Select(k => names[k]).ToList();
                var (h, p) = Matched(chosen, d.Gold);
                hits += h;
                predicted += p;
                gold += d.Gold.Count;
            }
            var f1 = new FieldScore("industries", hits, predicted, gold).F1;
            if (f1 > best.F1 + 1e-12) best = (f1, threshold);
        }
        return best.Threshold;
    }

    /// <summary>Hits and predictions (after the scorer's de-duplication) of <paramref name="predicted"/> against <paramref
    /// name="gold"/>.</summary>
    internal static (int Hits, int Predicted) Matched(IReadOnlyList<string> predicted, IReadOnlyList<string> gold)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var p = predicted.Where(x => seen.Add(PolicyScorer.Norm(x))).ToList();
        var used = new HashSet<int>();
        var hits = 0;
        foreach (var g in gold)
            for (var i = 0; i < p.Count; i++)
                if (!used.Contains(i) && PolicyScorer.LooseEqual(p[i], g)) { used.Add(i); hits++; break; }
        return (hits, p.Count);
    }
}

/// <summary>How <see cref="TrackTraining"/> trains.</summary>
/// <param name="L2">The L2 penalty on the summed loss.</param>
/// <param name="Steps">Gradient steps.</param>
/// <param name="RuleFreeCopies">Whether each candidate a rule found is shown a second time without its rule features.</param>
/// <param name="ThresholdFolds">Folds of the training documents the threshold is chosen on (below 2: the training scores).</param>
/// <param name="RuleFeatures">Whether the rule families that found a candidate are features at all.</param>
public sealed record TrainingSettings(double L2, int Steps, bool RuleFreeCopies, int ThresholdFolds, bool RuleFeatures = true)
{
    /// <summary>The settings of the built-in model.</summary>
    public static TrainingSettings Default { get; } = new(5.0, 400, true, 5);
}
