using System.Text.Json;
using System.Text.Json.Serialization;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Goals;

/// <summary>
/// What an indicator counts. <see cref="AnyOf"/> is a list of condition groups: a record is counted when it meets every
/// condition of at least one group. <see cref="Pipeline"/> uses the same form for records on their way to being counted
/// (parks at 规划, products at 样机/定型…); <see cref="PipelineRate"/> is the share of them expected to arrive by the target year.
/// A condition maps a criteria field (e.g. status) to the values accepted; "*" accepts any value that is set.
/// </summary>
public sealed record IndicatorCriteria
{
    /// <summary>Accepts any value that is set (see <see cref="CriteriaFields.AnyValue"/>).</summary>
    public const string AnyValue = CriteriaFields.AnyValue;

    public IReadOnlyList<IReadOnlyDictionary<string, string[]>> AnyOf { get; init; } = [];
    public IReadOnlyList<IReadOnlyDictionary<string, string[]>> Pipeline { get; init; } = [];
    public decimal PipelineRate { get; init; } = 0.5m;

    /// <summary>The registry's numeric field summed or averaged (<see cref="IRegistryMeasure"/>); null: records are counted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Measure { get; init; }

    /// <summary>Only records dated on or after this day (by the registry's date: investment, loan, approval…).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? From { get; init; }

    /// <summary>Only records dated on or before this day.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? To { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IndicatorCriteria Parse(string json) =>
        JsonSerializer.Deserialize<IndicatorCriteria>(string.IsNullOrWhiteSpace(json) ? "{}" : json, Json) ?? new IndicatorCriteria();

    /// <summary>Problems with the criteria for a registry (unknown fields or values), as UI string keys with arguments.</summary>
    public IReadOnlyList<(string Key, object[] Args)> Validate(ICriteriaCatalogue catalogue)
    {
        var errors = new List<(string, object[])>();
        if (AnyOf.Count == 0 || AnyOf.All(g => g.Count == 0)) errors.Add(("Goals.Error.NoCondition", []));
        if (PipelineRate is < 0 or > 1) errors.Add(("Goals.Error.Rate", []));
        var measure = Measure is null ? null : catalogue.Measure(Measure);
        if (Measure is not null && measure is null) errors.Add(("Goals.Error.UnknownMeasure", [Measure]));
        if (measure is { Aggregate: MeasureAggregate.Average } && Pipeline.Count > 0)
            errors.Add(("Goals.Error.AveragePipeline", [measure.Label]));
        if ((From is not null || To is not null) && !catalogue.IsDated) errors.Add(("Goals.Error.Undated", []));
        if (From is { } from && To is { } to && from > to) errors.Add(("Goals.Error.Period", []));
        foreach (var group in AnyOf.Concat(Pipeline))
            foreach (var (field, values) in group)
            {
                var f = catalogue.Field(field);
                if (f is null) { errors.Add(("Goals.Error.UnknownField", [field])); continue; }
                if (values.Length == 0) errors.Add(("Goals.Error.NoValue", [f.Label]));
                foreach (var v in values.Where(v => !f.Options.Any(o => string.Equals(o.Value, v, StringComparison.Ordinal))))
                    errors.Add(("Goals.Error.UnknownValue", [v, f.Label]));
            }
        return errors;
    }
}
