using Fip.Web.Features.Supervision.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Supervision;

/// <summary>督办任务: the task tree the user may see, with progress, colour, owners and deadlines.</summary>
public sealed class IndexModel(SupervisionBoard boards) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Light { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    public Board? Board { get; private set; }
    public IReadOnlyList<TaskNode> Rows { get; private set; } = [];
    public IReadOnlyDictionary<TaskLight, int> Counts { get; private set; } = new Dictionary<TaskLight, int>();
    public string? MyUnit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Board = await boards.LoadAsync(ct: ct);
        if (Board is null) return;
        MyUnit = UnitRef.KeyOf(User);
        IEnumerable<TaskNode> rows = Board.All.Where(n => ReportService.CanSee(User, n));
        if (Mine && MyUnit is not null) rows = rows.Where(n => n.Reporters.Any(r => r.Unit.Key == MyUnit));
        var listed = rows.ToList();
        // The counts are of the rows listed (every task, parents included), so that they add up to the rows without a colour filter.
        Counts = listed.GroupBy(n => n.Light).ToDictionary(g => g.Key, g => g.Count());
        Rows = Enum.TryParse<TaskLight>(Light, out var l) ? [.. listed.Where(n => n.Light == l)] : listed;
    }
}
