using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Regulation;

/// <summary>/Regulation/Measure: a department grants a measure (no id); one measure with its outcome, complaints and notices.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MeasureModel(RegulationService service, FipDbContext db, IStringLocalizer<SharedResource> l) : RegulationPage(l)
{
    public RegulatoryMeasure? Measure { get; private set; }
    public IReadOnlyList<RegulatoryNotice> Notices { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Tracks { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public bool CanRegulate => Measure is not null && RegulationService.CanRegulate(User, Measure);
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    [BindProperty] public MeasureForm Form { get; set; } = new();

    public sealed class MeasureForm
    {
        public MeasureKind Kind { get; set; } = MeasureKind.Tolerance;
        public MeasureSubject Subject { get; set; }
        public string? SubjectName { get; set; }
        public string? EnterpriseUscc { get; set; }
        public int? DepartmentId { get; set; }
        public int? TrackId { get; set; }
        public string? LegalBasis { get; set; }
        public string? Scope { get; set; }
        public DateOnly? StartOn { get; set; }
        public DateOnly? EndOn { get; set; }
        public string? Conditions { get; set; }
        public string? Risks { get; set; }
    }

    private static string Back(long id) => $"/Regulation/Measure/{id}";

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (id is null) return User.Role() is Roles.Admin or Roles.Department ? await FormAsync(ct) : Forbid();
        Measure = await service.MeasureAsync(id.Value, User, ct);
        if (Measure is null) return NotFound();
        Notices = await service.NoticesAsync(User, Measure.Id, ct);
        return Page();
    }

    private async Task<IActionResult> FormAsync(CancellationToken ct)
    {
        Tracks = [.. (await db.Tracks.AsNoTracking().OrderBy(t => t.PlanId).ThenBy(t => t.SortOrder).ToListAsync(ct))
            .DistinctBy(t => t.Code).Select(t => (t.Id, Display.Name(t.Name, t.NameEn)))];
        if (User.Role() == Roles.Admin)
            Departments = [.. (await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct)).Select(d => (d.Id, d.Name))];
        return Page();
    }

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken ct)
    {
        if (User.Role() is not (Roles.Admin or Roles.Department)) return Forbid();
        var f = Form;
        var result = await service.GrantAsync(new MeasureInput(f.Kind, f.Subject, f.SubjectName, f.EnterpriseUscc, f.DepartmentId,
            f.TrackId, f.LegalBasis, f.Scope, f.StartOn, f.EndOn, f.Conditions, f.Risks), User, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = L["Regulation.Granted"].Value;
            return LocalRedirect(Back(result.Value!.Id));
        }
        if (result.Kind == OutcomeKind.Forbidden) return Forbid();
        Errors = result.Messages(L);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await FormAsync(ct);
    }

    public async Task<IActionResult> OnPostOutcomeAsync(long id, MeasureOutcome outcome, string? reason, DateOnly? newEnd, string? version,
        CancellationToken ct) =>
        Done(await service.RecordOutcomeAsync(id, outcome, reason, newEnd, version, User, ct), "Regulation.OutcomeRecorded", Back(id));

    public async Task<IActionResult> OnPostComplaintAsync(long id, DateOnly? receivedOn, string? summary, CancellationToken ct) =>
        Done(await service.AddComplaintAsync(id, receivedOn, summary, User, ct), "Regulation.ComplaintRecorded", Back(id));
}
