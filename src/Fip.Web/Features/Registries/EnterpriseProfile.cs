using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

/// <summary>One linked record in a section of an enterprise's profile: what it is called, where it is, and a line about it.</summary>
public sealed record ProfileItem(string Title, string? Href, string? Meta = null, string? Badge = null);

/// <summary>A section of an enterprise's profile (企业画像): its heading's resource key, its order on the page and its records.</summary>
public sealed record ProfileSection(string Key, string TitleKey, int Order, IReadOnlyList<ProfileItem> Items);

/// <summary>
/// A feature's part of an enterprise's profile. The registries own the question; the features above them (chains, scenarios,
/// regulation, support) answer it, so the record page lists their records without naming them. The reader has already been
/// allowed to see the enterprise; an implementation returns only what the reader may see of its own records, by its own scope
/// rule (the same one its pages use).
/// </summary>
public interface IEnterpriseProfileSections
{
    Task<IReadOnlyList<ProfileSection>> LoadAsync(Enterprise enterprise, ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>The registries' own sections: the key products, projects and scenarios the enterprise owns.</summary>
public sealed class RegistryProfileSections(FipDbContext db, IStringLocalizer<SharedResource> l) : IEnterpriseProfileSections
{
    /// <summary>Records listed per section; the rest are one click away in the registry's own list.</summary>
    public const int Shown = 50;

    public async Task<IReadOnlyList<ProfileSection>> LoadAsync(Enterprise enterprise, ClaimsPrincipal user, CancellationToken ct)
    {
        var products = await db.KeyProducts.AsNoTracking().Where(p => p.EnterpriseId == enterprise.Id && !p.IsDeleted)
            .OrderBy(p => p.Name).Take(Shown).Select(p => new { p.Id, p.Name, p.Stage, p.FirstOfItsKind, p.RecognitionLevel })
            .ToListAsync(ct);
        var projects = await db.KeyProjects.AsNoTracking().Where(p => p.EnterpriseId == enterprise.Id && !p.IsDeleted)
            .OrderBy(p => p.Name).Take(Shown).Select(p => new { p.Id, p.Name, p.Status, p.TotalInvestment }).ToListAsync(ct);
        // A registry scenario names its owner in words: the enterprise's full or short name.
        var names = new[] { enterprise.Name, enterprise.ShortName ?? enterprise.Name };
        var scenarios = await db.Scenarios.AsNoTracking().Where(s => names.Contains(s.Owner) && !s.IsDeleted)
            .OrderBy(s => s.Name).Take(Shown).Select(s => new { s.Id, s.Name, s.Status }).ToListAsync(ct);
        string Enum(Enum e) => l[$"Enum.{e.GetType().Name}.{e}"].Value;
        return
        [
            new ProfileSection("products", "Profile.Products", 10, [.. products.Select(p => new ProfileItem(p.Name,
                $"/Registries/{ProductRegistry.Key}/{p.Id}", Enum(p.Stage),
                p.FirstOfItsKind ? l["Profile.FirstOfItsKind"].Value : p.RecognitionLevel is { } r ? Enum(r) : null))]),
            new ProfileSection("projects", "Profile.Projects", 20, [.. projects.Select(p => new ProfileItem(p.Name,
                $"/Registries/{ProjectRegistry.Key}/{p.Id}", Enum(p.Status),
                p.TotalInvestment is { } t ? l["Profile.TotalInvestment", t.ToString("#,0.##", CultureInfo.InvariantCulture)].Value
                    : null))]),
            new ProfileSection("scenarios", "Profile.Scenarios", 30, [.. scenarios.Select(s => new ProfileItem(s.Name,
                $"/Registries/{ScenarioRegistry.Key}/{s.Id}", Enum(s.Status)))]),
        ];
    }
}
