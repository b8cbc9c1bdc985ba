using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Supervision;
using Fip.Web.Features.Supervision.Exports;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Cockpit;

/// <summary>An overdue task as the cockpit lists it.</summary>
public sealed record OverdueTask(int Id, string Number, string Title, string? TitleEn, string Units);

/// <summary>
/// The leaders' cockpit (驾驶舱) in one view: industry scale, goal cards, the district ranking, overdue tasks, chain coverage and
/// the open red and yellow alerts.
/// </summary>
public sealed record CockpitView(
    Economy Economy,
    IReadOnlyList<GoalCard> Goals,
    IReadOnlyList<FigureRow> Ranking,
    IReadOnlyList<OverdueTask> Overdue,
    int OverdueCount,
    IReadOnlyList<ChainCoverageDto> Chains,
    IReadOnlyList<Alert> Alerts,
    int OpenAlerts,
    IReadOnlyDictionary<int, IReadOnlyList<GoalCard>> DistrictGoals)
{
    /// <summary>How long the rendered cockpit is kept unused (<c>_Cockpit.cshtml</c>'s cache).</summary>
    public static readonly TimeSpan RenderedFor = TimeSpan.FromMinutes(10);

    /// <summary>This computed view's own key: the rendered cockpit is kept under it, so a view computed again renders again.</summary>
    public string RenderKey { get; } = Guid.NewGuid().ToString("N");
}

/// <summary>Assembles the cockpit from the features' kept views; the whole view is kept per stamps, day and the reader's scope.</summary>
public sealed class CockpitService(EconomyFigures economy, GoalService goals, SupervisionBoard board,
    ChainCoverage coverage, AlertService alerts, KeptViews kept)
{
    /// <summary>The overdue tasks listed by name (the count covers all).</summary>
    public const int OverdueShown = 6;

    public Task<CockpitView> GetAsync(ClaimsPrincipal user, CancellationToken ct) =>
        kept.GetOrCreateAsync(nameof(CockpitService), (goals.Today, user.Role(), user.DepartmentId(), user.DistrictId()),
            StampSet.Registries | StampSet.Goals | StampSet.Supervision, c => ComputeAsync(user, c), ct);

    private async Task<CockpitView> ComputeAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var figures = await economy.GetAsync(ct);
        var cards = await goals.KeptCardsAsync(ct);
        // Ranked by 营业收入 of the latest year; districts without figures last, in the plan's order.
        var ranking = figures.ByDistrict.OrderByDescending(r => r.Figures[Measure.Revenue].Value ?? -1).ToList();
        var overdue = (await board.LoadAsync(ct: ct))?.All
            .Where(n => n.IsLeaf && n.Light == TaskLight.Red)
            .Select(n => new OverdueTask(n.Task.Id, n.Task.Number, n.Task.Title, n.Task.TitleEn,
                string.Join("、", n.Owners.Concat(n.DistrictUnits).Select(u => u.Name).Distinct())))
            .ToList() ?? [];
        var chains = new List<ChainCoverageDto>();
        foreach (var row in figures.ByTrack)
            if (await coverage.GetAsync(row.Id, null, ct) is { Links: > 0 } c) chains.Add(c);
        var visible = alerts.VisibleTo(user).Where(a => a.Status != AlertStatus.Resolved);
        var top = await visible.Where(a => a.Severity != AlertSeverity.Blue)
            .OrderBy(a => a.Severity).ThenByDescending(a => a.RaisedAt).Take(6).ToListAsync(ct);
        var open = await visible.CountAsync(ct);
        // Each district's own goal cards (its value, and its own target where the task force split one): the map colours by them.
        var byDistrict = new Dictionary<int, IReadOnlyList<GoalCard>>();
        foreach (var d in figures.ByDistrict) byDistrict[d.Id] = await goals.KeptCardsAsync(ct, d.Id);
        return new CockpitView(figures, cards, ranking, [.. overdue.Take(OverdueShown)], overdue.Count, chains, top, open, byDistrict);
    }
}
