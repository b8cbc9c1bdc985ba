using System.Text.Json;

namespace Fip.Web.Features.Audit;

/// <summary>Turns an audit row's before/after JSON into field-by-field changes for people to read.</summary>
public static class AuditDiff
{
    public sealed record Change(string Field, string? Before, string? After);

    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
        { "Id", "Version", "CreatedAt", "UpdatedAt", "ConcurrencyStamp", "SecurityStamp" };

    public static IReadOnlyList<Change> Changes(string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        return [.. b.Keys.Union(a.Keys).Where(k => !Bookkeeping.Contains(k))
            .Select(k => new Change(k, b.GetValueOrDefault(k), a.GetValueOrDefault(k)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))];
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return values;
        try
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var p in doc.RootElement.EnumerateObject())
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                };
        }
        catch (JsonException)
        {
            values["?"] = json;
        }
        return values;
    }
}
