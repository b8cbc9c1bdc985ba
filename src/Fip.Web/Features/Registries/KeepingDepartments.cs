using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>
/// The department that keeps a registry whose records no district or enterprise owns (talent: 人才办; finance: a 金融 office):
/// the first unit, in the departments' order, whose name or one of whose aliases contains the registry's marker. The records it
/// keeps are in its users' scope (<see cref="Accounts.ScopeAuthorizationHandler"/>: a department user writes, and sees unmasked,
/// what their department owns), so which department holds a registry is data an admin edits (an alias), not code.
/// </summary>
public static class KeepingDepartments
{
    public static async Task<int?> FindAsync(FipDbContext db, string marker, CancellationToken ct)
    {
        var candidates = await db.Departments.AsNoTracking().Where(Department.Units)
            .Where(d => d.Name.Contains(marker) || d.Aliases.Contains(marker))
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Name, d.Aliases })
            .ToListAsync(ct);
        // Contains in SQL is a first cut; an alias list is '|'-separated, so match the names themselves.
        return candidates.FirstOrDefault(d => d.Name.Contains(marker, StringComparison.Ordinal)
            || d.Aliases.Split('|').Any(a => a.Contains(marker, StringComparison.Ordinal)))?.Id;
    }
}
