using System.Globalization;
using System.Text;
using System.Text.Json;
using Fip.Policy.Text;

namespace Fip.Policy;

/// <summary>
/// The weights of the learned track reader: a logistic regression over the binary features of <see cref="TrackCandidates"/>,
/// with the threshold a candidate's probability must reach. The built-in model is <c>Data/track-model.json</c>, written by
/// <c>fip policy train</c> (<see cref="TrackTraining"/>); <see cref="RulesOnly"/> keeps the rules' tracks as they are.
/// </summary>
public sealed class TrackModel
{
    private readonly Dictionary<string, double> _weights;

    /// <summary>A model of <paramref name="weights"/> (feature → weight) and <paramref name="threshold"/>.</summary>
    public TrackModel(IReadOnlyDictionary<string, double> weights, double threshold)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = new Dictionary<string, double>(weights, StringComparer.Ordinal);
        Threshold = threshold;
    }

    private TrackModel() : this(new Dictionary<string, double>(), 0) => IsRulesOnly = true;

    /// <summary>No learned reader: the tracks are the rules' findings.</summary>
    public static TrackModel RulesOnly { get; } = new();

    /// <summary>The model shipped in <c>Data/track-model.json</c>.</summary>
    public static TrackModel Default => BuiltIn.Value;

    private static readonly Lazy<TrackModel> BuiltIn = new(() =>
    {
        using var stream = typeof(TrackModel).Assembly.GetManifestResourceStream("Fip.Policy.Data." + FileName)
            ?? throw new InvalidOperationException($"Missing built-in data {FileName}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The data file's name.</summary>
    public const string FileName = "track-model.json";

    /// <summary>True for <see cref="RulesOnly"/>.</summary>
    public bool IsRulesOnly { get; }

    /// <summary>The probability a candidate must reach to be a track.</summary>
    public double Threshold { get; }

    /// <summary>The weights, by feature.</summary>
    public IReadOnlyDictionary<string, double> Weights => _weights;

    /// <summary>The probability that a candidate with <paramref name="features"/> names a direction of the document.</summary>
    public double Score(IEnumerable<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var z = 0.0;
        foreach (var f in features) z += _weights.GetValueOrDefault(f);
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>The best score of a name proposed in several places: each proposal's features.</summary>
    public double Score(IEnumerable<IEnumerable<string>> occurrences)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        var best = 0.0;
        foreach (var o in occurrences) best = Math.Max(best, Score(o));
        return best;
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="PolicyFileException">The text is not a model.</exception>
    public static TrackModel Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var weights = root.GetProperty("weights").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(),
                StringComparer.Ordinal);
            return new TrackModel(weights, root.GetProperty("threshold").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PolicyFileException($"Not a track model: {e.Message}", e);
        }
    }

    /// <summary>
    /// The model as JSON: threshold, then the weights sorted by feature (ordinal), each rounded to six decimals, the ones that
    /// round to zero left out; indented by one space, a trailing newline. The same training gives the same bytes.
    /// </summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        sb.Append("{\n \"comment\": \"Learned track reader (fip policy train); see docs/policy-parser.md.\",\n");
        sb.Append(" \"threshold\": ").Append(Number(Threshold)).Append(",\n \"weights\": {");
        var first = true;
        foreach (var (k, w) in _weights.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var r = Math.Round(w, 6);
            if (r == 0) continue;
            sb.Append(first ? "\n" : ",\n").Append("  ").Append(JsonSerializer.Serialize(k, Json)).Append(": ").Append(Number(r));
            first = false;
        }
        sb.Append("\n }\n}\n");
        return sb.ToString();
    }

    private static string Number(double d) => Math.Round(d, 6).ToString("0.######", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Json =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
