using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Support;

/// <summary>
/// The enterprise profile's 政策申报: the enterprise's applications with their state, each linked to its policy's page. Staff see
/// them all, an enterprise only its own (the rule of <see cref="SupportQueries.ApplicationsAsync"/>).
/// </summary>
public sealed class SupportProfileSections(Data.FipDbContext db, IStringLocalizer<SharedResource> l) : IEnterpriseProfileSections
{
    public async Task<IReadOnlyList<ProfileSection>> LoadAsync(Enterprise enterprise, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Role() == Roles.Enterprise && user.EnterpriseUscc() != enterprise.CreditCode) return [];
        var rows = await db.Set<PolicyApplication>().AsNoTracking().Where(a => a.EnterpriseId == enterprise.Id)
            .OrderByDescending(a => a.SubmittedAt).Take(RegistryProfileSections.Shown)
            .Select(a => new { a.PolicyId, a.Policy.Name, a.State, a.SubmittedAt, a.ApprovedAmount }).ToListAsync(ct);
        return [new ProfileSection("applications", "Profile.Applications", 50, [.. rows.Select(a => new ProfileItem(a.Name,
            "/Portal/Policies/" + a.PolicyId, Infrastructure.Display.Time(a.SubmittedAt),
            l["Profile.ApplicationState." + a.State].Value))])];
    }
}
