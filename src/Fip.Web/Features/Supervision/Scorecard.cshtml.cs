using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Supervision;

/// <summary>Scorecards per department and per district for a month or quarter, ranked, with the records behind each figure.</summary>
public sealed class ScorecardModel(Scorecards scorecards, SupervisionBoard boards) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    public Scorecard? Card { get; private set; }
    public IReadOnlyList<ReportingPeriod> Choices { get; private set; } = [];
    public bool BadPeriod { get; private set; }

    public string ChartJson(IReadOnlyList<ScoreRow> rows) =>
        JsonSerializer.Serialize(new { scores = rows.Select(r => new { name = r.Unit.Name, count = r.Score }) });

    public async Task OnGetAsync(CancellationToken ct)
    {
        var period = scorecards.DefaultPeriod();
        if (!string.IsNullOrEmpty(Period) && !ReportingPeriod.TryParse(Period, out period))
        {
            BadPeriod = true;
            period = scorecards.DefaultPeriod();
        }
        Period = period.Key;
        var months = new List<ReportingPeriod>();
        for (var p = ReportingPeriod.Of(ReportingCycle.Monthly, boards.Today); months.Count < 12; p = p.Previous()) months.Add(p);
        var quarters = new List<ReportingPeriod>();
        for (var p = ReportingPeriod.Of(ReportingCycle.Quarterly, boards.Today); quarters.Count < 4; p = p.Previous()) quarters.Add(p);
        Choices = [.. months, .. quarters];
        if (!Choices.Contains(period)) Choices = [period, .. Choices];
        Card = await scorecards.ComputeAsync(period, ct);
    }
}
