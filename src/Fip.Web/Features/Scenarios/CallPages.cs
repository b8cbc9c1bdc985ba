using Fip.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>A call as listed: the call and the enterprise it was awarded to.</summary>
public sealed record CallRow(ScenarioCall Call, string? AwardedTo);

/// <summary>揭榜挂帅 calls, scenario projects and the funnel (published → matched → awarded → each stage) as tables.</summary>
public sealed class CallsModel(CallService calls, ProjectService projects, PoolService pool, FipDbContext db) : PageModel
{
    public IReadOnlyList<CallRow> Calls { get; private set; } = [];
    public IReadOnlyList<ScenarioProject> Projects { get; private set; } = [];
    public Funnel? Funnel { get; private set; }
    public ScenarioLookups Lookups { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        Calls = await CallRowsAsync(db, await calls.ListCallsAsync(ct), ct);
        Projects = await projects.ListAsync(ct);
        if (Accounts.Policies.Allows(User, Accounts.Policies.Staff)) Funnel = await pool.FunnelAsync(null, null, ct);
    }

    /// <summary>The funnel's steps in order (labels), as the chart and its table name them.</summary>
    public static readonly string[] Steps =
        ["Calls.Funnel.Published", "Calls.Funnel.Matched", "Calls.Funnel.Awarded", "Calls.Stage.EarlyValidation",
        "Calls.Stage.IntegrationTrial", "Calls.Stage.Promotion"];

    public static int[] Counts(FunnelRow r) => [r.Published, r.Matched, r.Awarded, r.EarlyValidation, r.IntegrationTrial, r.Promotion];

    /// <summary>The charts' data: the total funnel, and per track and per district one series of the steps (grouped bars).</summary>
    public string ChartJson(Funnel f, Func<string, string> label, string kind)
    {
        var steps = Steps.Select(label).ToList();
        var rows = kind == "track" ? f.ByTrack.Select(r => (Lookups.Track(r.Key), r))
            : f.ByDistrict.Select(r => (Lookups.District(r.Key), r));
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            steps,
            total = Counts(f.Total),
            categories = steps,
            grouped = true,
            series = rows.Select(x => new { name = x.Item1, data = Counts(x.r) }),
        });
    }

    public static async Task<IReadOnlyList<CallRow>> CallRowsAsync(FipDbContext db, IReadOnlyList<ScenarioCall> list, CancellationToken ct)
    {
        var ids = list.Where(c => c.AwardedApplicationId != null).Select(c => c.AwardedApplicationId!.Value).ToList();
        // The registry's current name (a renamed enterprise shows its new name), else the name stored when it applied.
        var names = await db.Set<CallApplication>().AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id,
                Name = db.Enterprises.Where(e => e.CreditCode == a.EnterpriseUscc && !e.IsDeleted).Select(e => e.Name).FirstOrDefault()
                    ?? a.EnterpriseName,
            })
            .ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return [.. list.Select(c => new CallRow(c, c.AwardedApplicationId is { } a ? names.GetValueOrDefault(a) : null))];
    }
}

/// <summary>揭榜挂帅 on the public portal: every call, its deadline and criteria, and the award once published (the enterprise's
/// name only).</summary>
[AllowAnonymous]
public sealed class PublicCallsModel(CallService calls, FipDbContext db) : PageModel
{
    public IReadOnlyList<CallRow> Calls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Calls = await CallsModel.CallRowsAsync(db, await calls.ListCallsAsync(ct), ct);
}
