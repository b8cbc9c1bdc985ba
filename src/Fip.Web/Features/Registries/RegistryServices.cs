using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

public static class RegistryServices
{
    public static IServiceCollection AddRegistries(this IServiceCollection services)
    {
        services.AddSingleton<EnterpriseRegistry>();
        services.AddSingleton<ProductRegistry>();
        services.AddSingleton<ScenarioRegistry>();
        services.AddSingleton<ParkRegistry>();
        services.AddSingleton<PlatformRegistry>();
        services.AddSingleton<ProjectRegistry>();
        foreach (var type in new[] { typeof(EnterpriseRegistry), typeof(ProductRegistry), typeof(ScenarioRegistry), typeof(ParkRegistry), typeof(PlatformRegistry), typeof(ProjectRegistry) })
            services.AddSingleton(sp => (IRegistry)sp.GetRequiredService(type));
        services.AddSingleton<Registries>();
        services.AddScoped<RegistryOpsFactory>();
        services.AddScoped<EnterpriseIndicatorOps>();
        services.AddSingleton<Import.ImportJobs>();
        return services;
    }

    /// <summary>Which access rule guards writes to a registry (see <see cref="Accounts.Policies"/>).</summary>
    public static string WritePolicy(string registry) => registry is "enterprises" or "products" or "projects" ? Accounts.Policies.RecordWrite : Accounts.Policies.DistrictWrite;
}

/// <summary>Gives the operations of a registry by name, on the request's DbContext.</summary>
public sealed class RegistryOpsFactory(IServiceProvider services, FipDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l)
{
    public IRegistryOps? For(string name) => name.ToLowerInvariant() switch
    {
        "enterprises" => new RegistryOps<Enterprise>(services.GetRequiredService<EnterpriseRegistry>(), db, authorization, l),
        "products" => new RegistryOps<KeyProduct>(services.GetRequiredService<ProductRegistry>(), db, authorization, l),
        "scenarios" => new RegistryOps<Scenario>(services.GetRequiredService<ScenarioRegistry>(), db, authorization, l),
        "parks" => new RegistryOps<PilotPark>(services.GetRequiredService<ParkRegistry>(), db, authorization, l),
        "platforms" => new RegistryOps<InnovationPlatform>(services.GetRequiredService<PlatformRegistry>(), db, authorization, l),
        "projects" => new RegistryOps<KeyProject>(services.GetRequiredService<ProjectRegistry>(), db, authorization, l),
        _ => null,
    };

    /// <summary>What <c>fip import NAME</c> and the import page take: a registry, or "indicators" (enterprises' yearly figures).</summary>
    public IImporter? Importer(string name) =>
        string.Equals(name, IndicatorImport.Name, StringComparison.OrdinalIgnoreCase) ? new IndicatorImport(db, authorization, l) : For(name);

    public static readonly IReadOnlyList<string> ImportNames = [.. Registries.Names, IndicatorImport.Name];
}
