using System.Security.Claims;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Scenarios;

/// <summary>The enterprise profile's 场景机会 and 场景能力 posted by the enterprise, as far as the reader may see them.</summary>
public sealed class ScenarioProfileSections(ScenarioService posts, IStringLocalizer<SharedResource> l) : IEnterpriseProfileSections
{
    public async Task<IReadOnlyList<ProfileSection>> LoadAsync(Enterprise enterprise, ClaimsPrincipal user, CancellationToken ct)
    {
        var rows = await posts.Visible(user).Where(p => p.OwnerEnterpriseUscc == enterprise.CreditCode)
            .OrderByDescending(p => p.UpdatedAt).Take(RegistryProfileSections.Shown)
            .Select(p => new { p.Id, p.Title, p.Kind, p.State }).ToListAsync(ct);
        return [new ProfileSection("posts", "Profile.Posts", 40, [.. rows.Select(p => new ProfileItem(p.Title,
            "/Scenarios/Post/" + p.Id, l["Scenarios.Kind." + p.Kind].Value, l["Scenarios.State." + p.State].Value))])];
    }
}
