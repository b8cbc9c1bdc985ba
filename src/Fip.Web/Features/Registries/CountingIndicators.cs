namespace Fip.Web.Features.Registries;

/// <summary>An indicator of the goals as a registry list sees it: its name, the condition groups it counts by and the period its
/// records must be dated in (open bounds: null).</summary>
public sealed record CountingIndicator(string Code, string Name, string? NameEn,
    IReadOnlyList<IReadOnlyDictionary<string, string[]>> AnyOf, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Finds the indicator a registry list is narrowed to (the goals' "show the records counted"). The registries own the
/// question and the goals answer it, so that the registries do not depend on the goals.
/// </summary>
public interface ICountingIndicators
{
    /// <summary>The indicator with this code over this registry; null when there is none.</summary>
    Task<CountingIndicator?> FindAsync(string registry, string code, CancellationToken ct);
}
