using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Talent;

/// <summary>
/// /Talent/Plan/{talentId}: a young talent's follow-up plan (人才跟踪培养): the plan and its yearly check-ins with their states, the
/// outcomes counted; the talent office writes and closes the plan here, the following unit files the check-ins owed.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PlanModel(FollowUpService service, FipDbContext db, IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    public Talent Talent { get; private set; } = null!;
    public PlanView? Plan { get; private set; }
    public bool MayPlan { get; private set; }
    /// <summary>The units a plan may name: "d{id}" departments (not group phrases), "x{id}" districts.</summary>
    public IReadOnlyList<(string Value, string Name)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int talentId, CancellationToken ct)
    {
        if (await service.FindTalentAsync(talentId, User, ct) is not { } talent) return NotFound();
        Talent = talent;
        Plan = await service.ViewAsync(talent, User, "page", ct);
        MayPlan = FollowUpService.MayPlan(User, talent) && talent.AnonymisedAt is null && talent.Category == TalentCategory.Young;
        if (MayPlan)
        {
            var departments = await db.Departments.AsNoTracking()
                .Where(d => d.Kind != Organisation.DepartmentKind.DistrictGovernments && d.Kind != Organisation.DepartmentKind.TaskForce)
                .OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
            var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
            Units = [.. departments.Select(d => ("d" + Id(d.Id), d.Name)), .. districts.Select(d => ("x" + Id(d.Id), d.Name))];
        }
        return Page();
    }

    private static string Id(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates or changes the plan; <paramref name="unit"/> is "d{id}" or "x{id}".</summary>
    public async Task<IActionResult> OnPostPlanAsync(int talentId, string? unit, DateOnly? startsOn, DateOnly? endsOn, string? goals,
        DateOnly? closedOn, string? closedReason, string? version, CancellationToken ct)
    {
        int? Unit(char kind) => unit is { Length: > 1 } u && u[0] == kind && int.TryParse(u[1..], out var v) ? v : null;
        var result = await service.SaveAsync(talentId,
            new PlanInput(Unit('d'), Unit('x'), startsOn, endsOn, goals, closedOn, closedReason, version), null, User, ct);
        return Done(result.Status, "Talent.PlanSaved", Back(talentId));
    }

    public async Task<IActionResult> OnPostCheckInAsync(int talentId, int planId, int? planYear, DateOnly? checkedOn, string? progress,
        string? projects, string? papers, string? titles, string? recognitions, string? employerChange, string? version,
        CancellationToken ct)
    {
        var result = await service.CheckInAsync(planId,
            new CheckInInput(planYear, checkedOn, progress, projects, papers, titles, recognitions, employerChange, version), null, User,
                ct);
        return Done(result.Status, "Talent.CheckInFiledOk", Back(talentId));
    }

    private static string Back(int talentId) => "/Talent/Plan/" + Id(talentId);
}
