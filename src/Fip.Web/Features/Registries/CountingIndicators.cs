namespace Fip.Web.Features.Registries;

/// <summary>An indicator of the goals as a registry list sees it: its name and the condition groups it counts by.</summary>
public sealed record CountingIndicator(string Code, string Name, string? NameEn,
    IReadOnlyList<IReadOnlyDictionary<string, string[]>> AnyOf);

/// <summary>
/// Finds the indicator a registry list is narrowed to (the goals' "show the records counted"). The registries own the
/// question and the goals answer it, so that the registries do not depend on the goals.
/// </summary>
public interface ICountingIndicators
{
    /// <summary>The indicator with this code over this registry; null when there is none.</summary>
    Task<CountingIndicator?> FindAsync(string registry, string code, CancellationToken ct);
}
