using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>What each district contributes to each goal, beside the tracks the plan places there (重点布局).</summary>
public sealed class DistrictsModel(FipDbContext db, IndicatorEngine engine) : PageModel
{
    public sealed record Cell(decimal Count, decimal InFocus);
    public sealed record Row(Organisation.District District, IReadOnlyList<Plans.Track> FocusTracks, IReadOnlyList<Cell> Cells);

    public IReadOnlyList<IndicatorDefinition> Indicators { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<decimal> Totals { get; private set; } = [];
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        Indicators = await db.Indicators
            .AsNoTracking()
            .Where(i => i.Targets.Any(t => t.PlanId == planId))
            .OrderBy(i => i.Id)
            .ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var planTracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).ToListAsync(ct);
        var planTrackIds = planTracks.Select(t => t.Id).ToList();
        var focus = (await db.TrackFocusDistricts.AsNoTracking().Where(f => planTrackIds.Contains(f.TrackId)).ToListAsync(ct))
            .Select(f => (f.DistrictId, Track: planTracks.First(t => t.Id == f.TrackId))).ToList();
        var byIndicator = new List<IReadOnlyList<DistrictCount>>();
        foreach (var i in Indicators)
            byIndicator.Add(await engine.For(i.Registry).ByDistrictAsync(db, IndicatorCriteria.Parse(i.Criteria), null, ct));
        var rows = new List<Row>();
        foreach (var d in districts)
        {
            var tracks = focus.Where(f => f.DistrictId == d.Id).OrderBy(f => f.Track.SortOrder).Select(f => f.Track).ToList();
            var cells = new List<Cell>();
            for (var k = 0; k < Indicators.Count; k++)
            {
                var count = byIndicator[k].FirstOrDefault(c => c.DistrictId == d.Id)?.Count ?? 0;
                var inFocus = 0m;
                var criteria = IndicatorCriteria.Parse(Indicators[k].Criteria);
                // The focus tracks' share adds up counts and sums; an average has no such share.
                if (count > 0 && engine.For(Indicators[k].Registry).AggregateOf(criteria) != Registries.MeasureAggregate.Average)
                    foreach (var t in tracks)
                        inFocus += (await engine.For(Indicators[k].Registry).MeasureAsync(db, criteria, d.Id, t.Id, ct)).Value;
                cells.Add(new Cell(count, inFocus));
            }
            rows.Add(new Row(d, tracks, cells));
        }
        Rows = rows;
        var totals = new List<decimal>();
        for (var k = 0; k < Indicators.Count; k++)
        {
            var criteria = IndicatorCriteria.Parse(Indicators[k].Criteria);
            // The city's average is measured over all its records, not added up from the districts'.
            totals.Add(engine.For(Indicators[k].Registry).AggregateOf(criteria) == Registries.MeasureAggregate.Average
                ? (await engine.For(Indicators[k].Registry).MeasureAsync(db, criteria, null, null, ct)).Value
                : rows.Sum(r => r.Cells[k].Count));
        }
        Totals = totals;
        ChartJson = JsonSerializer.Serialize(new
        {
            categories = districts.Select(d => d.ShortName.Length > 0 ? d.ShortName : d.Name),
            series =
                Indicators.Select((ind, k) => new { name = Display.Name(ind.Name, ind.NameEn), data = rows.Select(r => r.Cells[k].Count) }),
        });
    }
}
