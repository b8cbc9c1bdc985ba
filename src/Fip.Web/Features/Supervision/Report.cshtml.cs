using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Supervision;

/// <summary>
/// 进展报送: a unit files its report for a period (started from its previous one), attaches evidence and submits; the task force
/// approves or returns it with a comment; the history stays on the page.
/// </summary>
[RequestSizeLimit(EvidenceTypes.MaxBytes * 5 + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceTypes.MaxBytes * 5 + 1024 * 1024)]
public sealed class ReportModel(ReportService reports, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FormInput
    {
        [Range(0, 100)] public decimal? Percent { get; set; }
        public ReportStatus? Status { get; set; }
        public string? Done { get; set; }
        public string? Problems { get; set; }
        public string? NextSteps { get; set; }
    }

    [BindProperty] public FormInput Input { get; set; } = new();
    [BindProperty] public string? Version { get; set; }
    [BindProperty(SupportsGet = true)] public int? Task { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    public ProgressReport Report { get; private set; } = null!;
    public TaskNode Node { get; private set; } = null!;
    public IReadOnlyList<ReportingPeriod> Periods { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanReview { get; private set; }
    public bool IsNew => Report.Id == 0;
    public ProgressReport? Previous { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        Input = new FormInput
        {
            Percent = Report.Percent,
            Status = Report.Status,
            Done = Report.Done,
            Problems = Report.Problems,
            NextSteps = Report.NextSteps
        };
        Version = Report.Version;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(long? id, List<IFormFile>? files, CancellationToken ct) =>
        SaveAsync(id, files, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(long? id, List<IFormFile>? files, CancellationToken ct) =>
        SaveAsync(id, files, submit: true, ct);

    private async Task<IActionResult> SaveAsync(long? id, List<IFormFile>? files, bool submit, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        if (!CanEdit) return Forbid();
        var input = new ReportInput(Report.Period, Report.UnitKey, Input.Percent, Input.Status, Input.Done, Input.Problems, Input.NextSteps,
            IsNew ? null : Version);
        var uploads = (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (uploads.Count == 0)
        {
            var direct = await reports.SaveAsync(Report.TaskId, input, submit, User, ct);
            if (!direct.IsOk) return Refused(direct.Status);
            TempData["Flash"] = (submit ? l["Supervision.Submitted"] : l["Supervision.Saved"]).Value;
            return RedirectToPage(new { id = direct.Value!.Id });
        }
        // With evidence: saved first (as it stands), so the files have a report to belong to; submitted once they are in.
        var saved = await reports.SaveAsync(Report.TaskId, input, submit: false, User, ct);
        if (!saved.IsOk) return Refused(saved.Status);
        foreach (var file in uploads)
        {
            if (file.Length > EvidenceTypes.MaxBytes)
            {
                Errors["file"] = l["Supervision.Error.FileTooLarge"] + " (" + file.FileName + ")"; break;
            }
            await using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var attached = await reports.AttachAsync(saved.Value!.Id, file.FileName, buffer, User, ct);
            if (!attached.IsOk)
            {
                Errors["file"] = (attached.Messages(l).Values.FirstOrDefault()?[0] ?? l["Supervision.Error.FileType"]) + " ("
                    + file.FileName + ")"; break;
            }
        }
        if (Errors.Count > 0)
        {
            TempData["Error"] = l["Supervision.SavedButFile"].Value + " " + Errors["file"];
            return RedirectToPage(new { id = saved.Value!.Id });
        }
        if (submit)
        {
            var version = (await reports.VisibleReportAsync(saved.Value!.Id, User, ct)).Report!.Version;
            var submitted = await reports.SaveAsync(Report.TaskId, input with { Version = version }, submit: true, User, ct);
            if (!submitted.IsOk)
            {
                await LoadAsync(saved.Value.Id, ct);
                return Refused(submitted.Status);
            }
        }
        TempData["Flash"] = (submit ? l["Supervision.Submitted"] : l["Supervision.Saved"]).Value;
        return RedirectToPage(new { id = saved.Value!.Id });
    }

    public async Task<IActionResult> OnPostReviewAsync(long id, bool approve, string? comment, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        var result = await reports.ReviewAsync(id, approve, comment, Version, User, ct);
        if (result.Kind == OutcomeKind.Forbidden) return Forbid();
        if (!result.IsOk) return Refused(result.Status);
        TempData["Flash"] = (approve ? l["Supervision.Approved"] : l["Supervision.Returned"]).Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDetachAsync(long id, long attachment, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        var outcome = await reports.DetachAsync(attachment, User, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (!outcome.IsOk) return Refused(outcome);
        return RedirectToPage(new { id });
    }

    private IActionResult Refused(Outcome result)
    {
        switch (result.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        foreach (var (field, messages) in result.Messages(l)) Errors[field] = messages[0];
        if (result.Kind == OutcomeKind.Conflict) Errors[""] = result.Summary(l);
        Response.StatusCode = result.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Finds the report (by id, or the unit's for the task and period) and what the user may do; returns a result when the page
    /// cannot be shown.</summary>
    private async Task<IActionResult?> LoadAsync(long? id, CancellationToken ct)
    {
        if (id is { } rid)
        {
            var (report, node) = await reports.VisibleReportAsync(rid, User, ct);
            if (report is null || node is null) return NotFound();
            (Report, Node) = (report, node);
        }
        else
        {
            if (Task is not { } taskId) return NotFound();
            var (_, node) = await reports.VisibleTaskAsync(taskId, User, ct);
            if (node is null) return NotFound();
            var unit = ReportService.UnitsFor(User, node).FirstOrDefault(u => u.Key == Unit);
            if (unit is null) return Forbid();
            Periods = reports.Periods(node);
            var period = ReportingPeriod.TryParse(Period, out var p) && Periods.Contains(p) ? p : Periods.FirstOrDefault();
            if (period == default) return NotFound();
            Node = node;
            Report = await reports.DraftAsync(node, unit, period, ct);
            if (Report.Id != 0 && Request.Method == "GET")
                return RedirectToPage(new { id = Report.Id, task = (int?)null, unit = (string?)null, period = (string?)null });
        }
        // Only the filer's own unit files and removes evidence: a reviewer (the task force) sees the report read-only.
        var mayWrite = UnitRef.KeyOf(User) == Report.UnitKey && ReportService.UnitsFor(User, Node).Any(u => u.Key == Report.UnitKey);
        CanEdit = mayWrite && Report.State is ReportState.Draft or ReportState.Returned;
        CanReview = User.Role() == Accounts.Roles.Admin && Report.State == ReportState.Submitted;
        if (ReportingPeriod.TryParse(Report.Period, out var current))
            Previous = await reports.PreviousAsync(Report.TaskId, Report.UnitKey, current, ct);
        return null;
    }
}
