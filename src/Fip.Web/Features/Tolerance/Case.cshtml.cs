using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Tolerance;

/// <summary>/Tolerance/Case: an application (no id), or one case: the four conditions with evidence and findings, the decision and
/// the timeline. Every view is audited.</summary>
[Authorize(Policy = Policies.Tolerance)]
public sealed class CaseModel(ToleranceService service, IStringLocalizer<SharedResource> l) : PageModel
{
    public ToleranceCase? Case { get; private set; }
    public bool Involved => Case is not null && ToleranceRules.IsInvolved(Case, User);
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    [BindProperty] public ApplicationForm Form { get; set; } = new();

    public sealed class ApplicationForm
    {
        public string? Unit { get; set; }
        public string? People { get; set; }
        public string? Project { get; set; }
        public string? Expected { get; set; }
        public string? Actual { get; set; }
        public decimal? Loss { get; set; }
        public DateOnly? AppliedOn { get; set; }
        public string? InvolvedReviewers { get; set; }
        public Dictionary<ToleranceCondition, string?> Evidence { get; set; } = [];
    }

    private static string Back(long id) => $"/Tolerance/Case/{id}";

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (id is null) return Page();
        Case = await service.ReadAsync(id.Value, User, ct);
        return Case is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        var f = Form;
        var result = await service.ApplyAsync(new CaseInput(f.Unit, f.People, f.Project, f.Expected, f.Actual, f.Loss, f.AppliedOn,
            f.InvolvedReviewers, f.Evidence), User, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = l["Tolerance.Applied"].Value;
            return LocalRedirect(Back(result.Value!.Id));
        }
        Errors = result.Messages(l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private IActionResult Done(Outcome result, string flashKey, long id)
    {
        if (result.Kind == OutcomeKind.NotFound) return NotFound();
        if (result.IsOk) TempData["Flash"] = l[flashKey].Value;
        else TempData["Error"] = string.Join(" ", result.Messages(l).Values.SelectMany(v => v).DefaultIfEmpty(result.Summary(l)));
        return LocalRedirect(Back(id));
    }

    public async Task<IActionResult> OnPostFindAsync(long id, ToleranceCondition condition, string? evidence, bool? met, string? note,
        string? version, CancellationToken ct) =>
        Done(await service.FindAsync(id, condition, evidence, met, note, version, User, ct), "Tolerance.Found", id);

    public async Task<IActionResult> OnPostDecideAsync(long id, ToleranceDecision decision, string? reasons, bool publish, bool publishUnit,
        string? publicSummary, string? version, CancellationToken ct) =>
        Done(await service.DecideAsync(id, new DecisionInput(decision, reasons, publish, publishUnit, publicSummary, version), User, ct),
            "Tolerance.Decided", id);
}
