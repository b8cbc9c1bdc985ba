using System.Globalization;
using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>One change of a record as its users read it: the field's label and the values as the record page shows them.</summary>
public sealed record HistoryRow(string Label, string? Before, string? After);

/// <summary>An audit line of a record or of one of its parts (<see cref="Subject"/>: 产业方向, 年度指标 2025…; null for the record
/// itself).</summary>
public sealed record HistoryItem(AuditEntry Entry, string? Subject, IReadOnlyList<HistoryRow> Rows);

public sealed partial class RegistryOps<T>
{
    /// <summary>Properties that are bookkeeping or shown by the action itself (删除/恢复), not by a row.</summary>
    private static readonly HashSet<string> HiddenInHistory = new(StringComparer.Ordinal)
        { "IsDemo", "IsDeleted", "DeletedAt", "Source", "LinkedAt" };

    /// <summary>
    /// The record's audit lines with the registry's own labels, names instead of ids (板块, 产业方向, 企业, 产业链环节),
    /// choices in the reader's language and bookkeeping left out; the admin audit page keeps the raw values.
    /// </summary>
    public async Task<IReadOnlyList<HistoryItem>> HistoryAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var lookups = await LookupsAsync(ct);
        var type = registry.EntityType.Name;
        var changes = entries.Select(e => (Entry: e, Changes: AuditDiff.Changes(e.Before, e.After))).ToList();
        var linkIds = changes.Where(c => c.Entry.EntityType == "EnterpriseChainLink").SelectMany(c => c.Changes)
            .Where(c => c.Field == "ChainLinkId").SelectMany(c => new[] { c.Before, c.After }).OfType<string>()
            .Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        var links = linkIds.Count == 0 ? [] : await db.ChainLinks.AsNoTracking().Where(c => linkIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.NameEn })
            .ToDictionaryAsync(c => c.Id, c => Infrastructure.Display.Name(c.Name, c.NameEn), ct);

        var items = new List<HistoryItem>(changes.Count);
        foreach (var (entry, diff) in changes)
        {
            var part = entry.EntityType == type
                ? ""
                : entry.EntityType.StartsWith(type, StringComparison.Ordinal)
                ? entry.EntityType[type.Length..]
                : entry.EntityType;
            var rows = new List<HistoryRow>();
            foreach (var c in diff)
            {
                if (HiddenInHistory.Contains(c.Field)) continue;
                if (part.Length > 0 && c.Field.EndsWith("Id", StringComparison.Ordinal) && c.Field is not ("TrackId" or "ChainLinkId"))
                    continue; // the owner's key
                if (c.Field == "CreditCodeCheckOverridden" && c.Before != "true" && c.After != "true") continue;
                var (label, show) = Describe(part, c.Field, lookups, links);
                if (part == "Indicator" && c.Field == "Year") continue; // in the subject
                rows.Add(new HistoryRow(label, show(c.Before), show(c.After)));
            }
            var subject = part switch
            {
                "" => null,
                "Track" => FieldLabel("tracks"),
                "Qualification" => FieldLabel("qualifications"),
                "Indicator" => $"{l["Indicator.Title"]} {entry.EntityKey.Split(',').ElementAtOrDefault(1)}",
                "EnterpriseChainLink" => l["Chains.OnEnterprise"].Value,
                _ => entry.EntityType,
            };
            // A record's new version when only a part changed (年度指标) has nothing to show of its own.
            if (rows.Count == 0 && entry.Action == AuditActions.Update) continue;
            items.Add(new HistoryItem(entry, subject, rows));
        }
        return items;
    }

    private string FieldLabel(string key) => registry.Field(key) is { } f ? l[f.Label(registry.Name)].Value : key;

    /// <summary>A property's label and how to show its stored text.</summary>
    private (string Label, Func<string?, string?> Show) Describe(string part, string property, FieldLookups lookups,
        IReadOnlyDictionary<int, string> links)
    {
        static int? Int(string? v) => int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : null;
        string? TrackName(string? v) => Int(v) is { } id ? lookups.Tracks.FirstOrDefault(t => t.Id == id)?.Name ?? v : v;
        switch (part, property)
        {
            case ("Track", "TrackId"):
                return (FieldLabel("tracks"), TrackName);
            case ("Qualification", "Kind"):
                return (FieldLabel("qualifications"),
                    v => Int(v) is { } k ? Labels.Enum(typeof(QualificationKind), (QualificationKind)k) : v);
            case ("Qualification", "Year"):
                return (l["Indicator.Year"].Value, v => v);
            case ("Indicator", _):
                var key = char.ToLowerInvariant(property[0]) + property[1..];
                return (l[IndicatorImport.LabelKey(key)].Value,
                    v => decimal.TryParse(v, CultureInfo.InvariantCulture, out var d) ? Infrastructure.Display.Number(d) : v);
            case ("EnterpriseChainLink", "ChainLinkId"):
                return (l["Chains.OnEnterprise"].Value, v => Int(v) is { } id && links.TryGetValue(id, out var name) ? name : v);
            case ("", "CreditCodeCheckOverridden"):
                return (l["Registry.History.CheckOverridden"].Value,
                    v => v == "true" ? l["Registry.History.Yes"].Value : l["Registry.History.No"].Value);
        }
        var camel = char.ToLowerInvariant(property[0]) + property[1..];
        var field = registry.Field(camel) ?? (property.EndsWith("Id", StringComparison.Ordinal) ? registry.Field(camel[..^2]) : null);
        if (part.Length > 0 || field is null) return (property, v => v);
        return (l[field.Label(registry.Name)].Value,
            v => v is null ? null : FieldText.Format(field, StoredValue(field, v), lookups, Labels.Enum, EnterpriseName));
    }

    /// <summary>The stored text of a field (as the audit JSON holds it) as the value the field formats.</summary>
    private static object? StoredValue(RegistryField<T> field, string text) => field.Kind switch
    {
        FieldKind.District or FieldKind.Track or FieldKind.Enterprise or FieldKind.Int when int.TryParse(text, CultureInfo.InvariantCulture,
            out var i) => i,
        FieldKind.Enum when field.EnumType is { } t && int.TryParse(text, CultureInfo.InvariantCulture, out var e) => Enum.ToObject(t, e),
        FieldKind.Decimal when decimal.TryParse(text, CultureInfo.InvariantCulture, out var d) => d,
        FieldKind.Bool when bool.TryParse(text, out var b) => b,
        FieldKind.Date when DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var date) => date,
        _ => text,
    };
}
