using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Alerts;

/// <summary>The alerts a user answers for, with acknowledge and resolve.</summary>
public sealed class IndexModel(AlertService alerts, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "active";
    [BindProperty(SupportsGet = true)] public string? Severity { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Alert> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = alerts.VisibleTo(User);
        q = Status switch
        {
            "active" or null or "" => q.Where(a => a.Status != AlertStatus.Resolved),
            _ when Enum.TryParse<AlertStatus>(Status, out var st) => q.Where(a => a.Status == st),
            _ => q,
        };
        if (Enum.TryParse<AlertSeverity>(Severity, out var sv)) q = q.Where(a => a.Severity == sv);
        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await q.OrderBy(a => a.Status).ThenBy(a => a.Severity).ThenByDescending(a => a.RaisedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(long id, string? version, CancellationToken ct) =>
        ChangeAsync(id, version, false, null, ct);

    public Task<IActionResult> OnPostResolveAsync(long id, string? version, string? note, CancellationToken ct) =>
        ChangeAsync(id, version, true, note, ct);

    private async Task<IActionResult> ChangeAsync(long id, string? version, bool resolve, string? note, CancellationToken ct)
    {
        var result = await alerts.ChangeAsync(id, User, version, resolve, note, ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = (resolve ? l["Alerts.Resolved"] : l["Alerts.Acknowledged"]).Value;
                return RedirectToPage(new { status = Status, severity = Severity });
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        Error = result.Summary(l);
        Response.StatusCode = result.Kind == OutcomeKind.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        await OnGetAsync(ct);
        return Page();
    }
}
