using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Finance;

/// <summary>
/// 融资需求对接: the open needs, oldest first, page by page, those past the deadline marked; filtered by track ("none": without
/// one), district, overdue only and a search of the use and the enterprise's name (the dashboard's sums link here).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NeedsModel(FinancingNeedService service, FipDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Track { get; set; }
    [BindProperty(SupportsGet = true)] public int? District { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public NeedPage Open { get; private set; } = null!;
    public int UnmetDays => service.UnmetDays;
    public IReadOnlyList<(string Value, string Name)> Tracks { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Districts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var trackId = int.TryParse(Track, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        var filter = new NeedFilter(trackId, Track == "none", District, Overdue, Q?.Length > 100 ? Q[..100] : Q);
        Open = await service.PageAsync(filter, PageNumber, PageSize, ct);
        PageNumber = Open.Page;
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        Tracks = [.. (await db.Tracks.AsNoTracking().Where(x => x.PlanId == planId).OrderBy(x => x.SortOrder)
                .Select(x => new { x.Id, x.Name, x.NameEn }).ToListAsync(ct))
            .Select(x => (FinancingNeedService.TrackKey(x.Id), Infrastructure.Display.Name(x.Name, x.NameEn)))];
        Districts = [.. (await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name))];
    }

    /// <summary>This list's query string on another page.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["track"] = Track,
            ["district"] = District?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["overdue"] = Overdue ? "true" : null,
            ["q"] = Q,
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Finance/Needs",
            query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
