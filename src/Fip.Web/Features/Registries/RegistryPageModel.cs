using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.Web.Features.Registries;

/// <summary>What every registry page needs: the registry by its route name, and the districts and tracks for choices.</summary>
public abstract class RegistryPageModel(RegistryOpsFactory factory, FipDbContext db) : PageModel
{
    [FromRoute(Name = "registry")] public string RegistryName { get; set; } = "";
    public IRegistryOps Ops { get; private set; } = null!;
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public IReadOnlyList<Track> Tracks { get; private set; } = [];
    protected FipDbContext Db => db;

    /// <summary>Loads the registry; false (→ 404) for an unknown name.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        // A registry only some roles read (the talent pool: staff) is not found for the others.
        if (factory.For(RegistryName) is not { } ops || !Accounts.Policies.Allows(User, ops.Registry.ReadPolicy)) return false;
        Ops = ops;
        RegistryName = ops.Registry.Name;
        // Shown as choices only: the kept lists (the same instances for every request) when the application keeps views.
        (Districts, Tracks) = HttpContext?.RequestServices.GetService<KeptViews>() is { } kept
            ? await RegistryChoices.KeptAsync(db, kept, ct)
            : await RegistryChoices.ReadAsync(db, ct);
        return true;
    }

    /// <summary>UI string key of the registry's (or, on the import page, the importer's) name.</summary>
    public string Title => RegistryCatalogue.LabelKeyOf(RegistryName);

    /// <summary>The enum type a list filter chooses from, for this registry.</summary>
    public Type? FilterEnum(string filter) => Ops.Registry.Filters.FirstOrDefault(f => f.Key == filter)?.EnumType;
}
