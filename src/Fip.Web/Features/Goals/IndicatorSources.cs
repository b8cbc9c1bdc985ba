using Fip.Web.Data;
using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Goals;

/// <summary>
/// A source an indicator may count or measure that is not a registry (e.g. the support module's applications and payments).
/// Goals owns the interface; a feature above it implements it with a public parameterless class, found by reflection (as
/// <see cref="RegistryCatalogue"/> finds the registries declared above it), so Goals never names that feature.
/// </summary>
public interface IIndicatorSource
{
    /// <summary>The name stored as <see cref="IndicatorDefinition.Registry"/> (at most 20 characters, never a registry's name).</summary>
    string Name { get; }
    /// <summary>UI string key of the source's name.</summary>
    string LabelKey { get; }
    /// <summary>UI string key of the source's definition: which rows count, in which states, dated by which day.</summary>
    string DefinitionKey { get; }
    ICriteriaCatalogue Criteria { get; }
    IIndicatorCounter Counter { get; }
    /// <summary>The page listing the rows behind an indicator's value (it takes <c>indicator</c>, <c>district</c> and
    /// <c>track</c>).</summary>
    string RecordsPath { get; }
    /// <summary>Reads what the criteria's choices depend on (e.g. the policies) before an editor shows or checks them.</summary>
    Task RefreshAsync(FipDbContext db, CancellationToken ct);
}

/// <summary>What an indicator may count: every registry of the <see cref="RegistryCatalogue"/>, then every
/// <see cref="IIndicatorSource"/>.</summary>
public static class IndicatorSources
{
    /// <summary>The sources that are not registries, by name.</summary>
    public static IReadOnlyList<IIndicatorSource> Extra { get; } = [.. typeof(IndicatorSources).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IIndicatorSource).IsAssignableFrom(t)
            && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IIndicatorSource)Activator.CreateInstance(t)!)
        .OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>Every source as (name, UI label key), registries first, for the editor's choice of source.</summary>
    public static IEnumerable<(string Name, string LabelKey)> All =>
        RegistryCatalogue.All.Select(r => (r.Name, r.LabelKey)).Concat(Extra.Select(s => (s.Name, s.LabelKey)));

    public static IIndicatorSource? FindExtra(string? name) =>
        Extra.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The criteria of a source (a registry's or another's); null for an unknown name.</summary>
    public static ICriteriaCatalogue? Catalogue(string? name) => RegistryCatalogue.Find(name)?.Criteria ?? FindExtra(name)?.Criteria;

    public static string LabelKeyOf(string name) => FindExtra(name)?.LabelKey ?? RegistryCatalogue.LabelKeyOf(name);

    /// <summary>The page listing the records behind an indicator's value; <paramref name="query"/> starts with '&amp;' or is
    /// empty.</summary>
    public static string RecordsUrl(IndicatorDefinition def, string query = "") =>
        $"{FindExtra(def.Registry)?.RecordsPath ?? "/Registries/" + def.Registry}?indicator={Uri.EscapeDataString(def.Code)}{query}";

    /// <summary>The spreadsheet of those records, for a registry (other sources have none: null).</summary>
    public static string? ExportUrl(IndicatorDefinition def) => FindExtra(def.Registry) is null
        ? $"/api/v1/{def.Registry}/export?indicator={Uri.EscapeDataString(def.Code)}&format=xlsx"
        : null;

    /// <summary>Lets a source read the choices its criteria depend on.</summary>
    public static Task RefreshAsync(FipDbContext db, string? name, CancellationToken ct) =>
        FindExtra(name) is { } s ? s.RefreshAsync(db, ct) : Task.CompletedTask;
}
