using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Organisation;

public sealed record DistrictDto(int Id, string? Code, string? StatsCode, string Name, string ShortName, DistrictKind Kind,
    IReadOnlyList<string> Aliases);
public sealed record DepartmentDto(int Id, string Name, string? FullName, DepartmentKind Kind, IReadOnlyList<string> Aliases);

/// <summary>板块 and 责任单位 under /api/v1/districts and /api/v1/departments.</summary>
public static class OrganisationApi
{
    public static RouteGroupBuilder MapOrganisationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/districts", ListDistrictsAsync).RequireAuthorization(Policies.SignedIn)
            .WithTags("Organisation").WithName("ListDistricts").WithSummary("板块: divisions with GB/T 2260 codes and functional zones.");
        api.MapGet("/departments", ListDepartmentsAsync).RequireAuthorization(Policies.SignedIn)
            .WithTags("Organisation").WithName("ListDepartments").WithSummary("责任单位 with their aliases.");
        return api;
    }

    public static async Task<Ok<List<DistrictDto>>> ListDistrictsAsync(FipDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct))
            .Select(
                d =>
                    new DistrictDto(d.Id, d.Code, d.StatsCode, d.Name, d.ShortName, d.Kind,
                        d.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries))).ToList());

    public static async Task<Ok<List<DepartmentDto>>> ListDepartmentsAsync(FipDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct))
            .Select(d => new DepartmentDto(d.Id, d.Name, d.FullName, d.Kind, d.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries)))
            .ToList());
}
