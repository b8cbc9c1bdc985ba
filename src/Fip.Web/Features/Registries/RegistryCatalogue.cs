namespace Fip.Web.Features.Registries;

/// <summary>
/// Every registry, in menu order: a registry is its definition class (<see cref="Registry{T}"/>) and one line here.
/// Pages, API, import and export, the command line, the goals and the leaders' page find registries here, by name or
/// entity; <see cref="RegistryServices.AddRegistries"/> registers each for injection.
/// </summary>
public static class RegistryCatalogue
{
    public static IReadOnlyList<IRegistry> All { get; } =
    [
        new EnterpriseRegistry(),
        new ProductRegistry(),
        new ScenarioRegistry(),
        new ParkRegistry(),
        new PlatformRegistry(),
        new ProjectRegistry(),
        .. Declared(),
    ];

    /// <summary>
    /// The registries that features above this one declare (talent, finance): every concrete <see cref="IRegistry"/> of the
    /// assembly outside this folder, by name. They are found rather than listed so that this layer never names a feature above it.
    /// </summary>
    private static IEnumerable<IRegistry> Declared() =>
        typeof(RegistryCatalogue).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true }
                && typeof(IRegistry).IsAssignableFrom(t)
                && t.Namespace != typeof(RegistryCatalogue).Namespace
                && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IRegistry)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Name, StringComparer.Ordinal);

    /// <summary>The registries' names (URL and CLI), in menu order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(r => r.Name)];

    /// <summary>The registry of a name, whatever its case; null when there is none.</summary>
    public static IRegistry? Find(string? name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The registry of a name; throws for an unknown one.</summary>
    public static IRegistry Get(string name) => Find(name) ?? throw new InvalidOperationException($"No registry named {name}.");

    /// <summary>The registry defined by <typeparamref name="TRegistry"/>.</summary>
    public static TRegistry Get<TRegistry>() where TRegistry : IRegistry => All.OfType<TRegistry>().Single();

    /// <summary>UI string key of a registry's name (or an importer's, such as the enterprises' yearly figures).</summary>
    public static string LabelKeyOf(string name) => "Registry." + name;

    /// <summary>The registry whose records are of the entity type with this name (as the audit log names it); null when none.</summary>
    public static IRegistry? ForEntity(string entityTypeName) =>
        All.FirstOrDefault(r => string.Equals(r.EntityType.Name, entityTypeName, StringComparison.Ordinal));
}
