namespace Fip.Web.Features.Portal;

/// <summary>
/// A part of the public portal (公众服务门户), declared by the feature that publishes it: the portal's menu and home list the
/// sections registered, in <see cref="Order"/>. A section's pages live under <c>/Portal/…</c>, are open without sign-in
/// and show only published records, never personal data.
/// </summary>
/// <param name="Key">Stable name, used in test ids (<c>portal-nav-{Key}</c>).</param>
/// <param name="LabelKey">Resource key of the section's name.</param>
/// <param name="DescriptionKey">Resource key of one sentence saying what a visitor finds there.</param>
/// <param name="Path">Its first page, under <c>/Portal/</c>.</param>
/// <param name="Order">Place in the menu, lowest first.</param>
public sealed record PortalSection(string Key, string LabelKey, string DescriptionKey, string Path, int Order);

public static class PortalServices
{
    /// <summary>Declares a public section; a feature calls this once from its service registration.</summary>
    public static IServiceCollection AddPortalSection(this IServiceCollection services, PortalSection section)
    {
        if (!section.Path.StartsWith("/Portal/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A portal section lives under /Portal/: {section.Path}", nameof(section));
        }
        return services.AddSingleton(section);
    }
}
