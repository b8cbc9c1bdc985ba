using Fip.Web.Data;
using Fip.Web.Features.Goals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Supervision;

/// <summary>One task: owners, districts, milestones, the targets it serves (outcome beside progress), reporters and their
/// reports.</summary>
public sealed class TaskModel(ReportService reports, GoalService goals, FipDbContext db) : PageModel
{
    public Board Board { get; private set; } = null!;
    public TaskNode Node { get; private set; } = null!;
    public IReadOnlyList<OutcomeDto> Outcomes { get; private set; } = [];
    public IReadOnlyList<ProgressReport> Reports { get; private set; } = [];
    public IReadOnlyList<UnitRef> MyUnits { get; private set; } = [];
    public IReadOnlyList<ReportingPeriod> Periods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var (board, node) = await reports.VisibleTaskAsync(id, User, ct);
        if (node is null) return NotFound();
        (Board, Node) = (board!, node);
        Outcomes = await SupervisionApi.OutcomesAsync(node, goals, ct);
        Reports = await SupervisionApi.ReportsOfAsync(db, id, ct);
        // Only a unit files its own reports (the task force reviews them).
        MyUnits = [.. ReportService.UnitsFor(User, node).Where(u => u.Key == UnitRef.KeyOf(User))];
        Periods = reports.Periods(node);
        return Page();
    }
}
