using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Organisation;

public sealed record DistrictDto(int Id, string? Code, string? StatsCode, string Name, string ShortName, DistrictKind Kind, IReadOnlyList<string> Aliases);
public sealed record DepartmentDto(int Id, string Name, string? FullName, DepartmentKind Kind, IReadOnlyList<string> Aliases);

public static class OrganisationApi
{
    public static RouteGroupBuilder MapOrganisationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/districts", async (FipDbContext db, CancellationToken ct) =>
                (await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct))
                .Select(d => new DistrictDto(d.Id, d.Code, d.StatsCode, d.Name, d.ShortName, d.Kind, d.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries))))
            .WithTags("Organisation").WithName("ListDistricts").WithSummary("板块: divisions with GB/T 2260 codes and functional zones.")
            .RequireAuthorization(Policies.SignedIn);

        api.MapGet("/departments", async (FipDbContext db, CancellationToken ct) =>
                (await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct))
                .Select(d => new DepartmentDto(d.Id, d.Name, d.FullName, d.Kind, d.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries))))
            .WithTags("Organisation").WithName("ListDepartments").WithSummary("责任单位 with their aliases.")
            .RequireAuthorization(Policies.SignedIn);
        return api;
    }
}
