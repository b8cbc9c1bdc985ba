using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Supervision;

/// <summary>The 催办 / 批示 panel of a task or a goal target (<c>Component.InvokeAsync("Followups", …)</c>): history and the forms the
/// user may use.</summary>
public sealed record FollowupsPanel(int? TaskId, int? TargetId, FollowupsView View, IReadOnlyList<UnitRef> Units, bool CanUrge,
    bool CanInstruct, string? MyUnitKey, string? MyUserId, DateOnly Today, string? Error);

/// <summary>Draws the panel: the goals' target page names it by name, so the goals never depend on the supervision.</summary>
public sealed class FollowupsViewComponent(Followups followups, ReportService reports, SupervisionBoard boards) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int? taskId, int? targetId)
    {
        var ct = HttpContext.RequestAborted;
        IReadOnlyList<UnitRef> units;
        if (taskId is { } t)
        {
            var (_, node) = await reports.VisibleTaskAsync(t, UserClaimsPrincipal, ct);
            if (node is null) return Content("");
            units = Followups.UnitsOf(node);
        }
        else units = await followups.AllUnitsAsync(ct);
        var user = UserClaimsPrincipal;
        var panel = new FollowupsPanel(taskId, targetId, await followups.ForAsync(taskId, targetId, ct), units,
            taskId is not null && user.Role() == Roles.Admin, user.Role() == Roles.Leader, UnitRef.KeyOf(user), user.UserId(), boards.Today,
            TempData["FollowupError"] as string);
        return View("/Features/Supervision/_Followups.cshtml", panel);
    }
}

/// <summary>
/// /Supervision/Followup: the panel's forms post here (催办 by the task force, 批示 by a leader, 反馈 by the unit, 办结 by the leader)
/// and return to the task or target page. Who may do what is checked by <see cref="Followups"/>.
/// </summary>
public sealed class FollowupModel(Followups followups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public int? TaskId { get; set; }
    [BindProperty] public int? TargetId { get; set; }

    private IActionResult Back() => LocalRedirect(TaskId is { } t ? Followups.TaskLink(t) : Followups.TargetLink(TargetId ?? 0));

    private IActionResult Done(Outcome result, string flashKey)
    {
        switch (result.Kind)
        {
            case OutcomeKind.Ok: TempData["Flash"] = l[flashKey].Value; break;
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            default:
                TempData["FollowupError"] =
                    string.Join(" ", result.Messages(l).Values.SelectMany(v => v).DefaultIfEmpty(result.Summary(l)));
                break;
        }
        return Back();
    }

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostUrgeAsync(string? unit, string? note, CancellationToken ct) =>
        Done((await followups.UrgeAsync(TaskId ?? 0, unit, note, User, ct)).Status, "Followups.Urged");

    public async Task<IActionResult> OnPostReplyUrgeAsync(long id, string? reply, CancellationToken ct) =>
        Done((await followups.ReplyUrgeAsync(id, reply, User, ct)).Status, "Followups.Replied");

    public async Task<IActionResult> OnPostInstructAsync(string? text, DateOnly? deadline, List<string>? units, CancellationToken ct) =>
        Done((await followups.InstructAsync(TaskId, TaskId is null ? TargetId : null, new InstructionInput(text, deadline, units ?? []),
            User, ct)).Status, "Followups.Instructed");

    public async Task<IActionResult> OnPostReplyInstructionAsync(long id, string? reply, CancellationToken ct) =>
        Done((await followups.ReplyInstructionAsync(id, reply, User, ct)).Status, "Followups.Replied");

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        Done((await followups.CloseAsync(id, User, ct)).Status, "Followups.Closed");
}
