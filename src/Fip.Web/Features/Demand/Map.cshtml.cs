using System.Text.Json;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Demand;

/// <summary>紧缺人才图谱: demand against supply per track and taxonomy entry, the scarcity index, the heat map and the 目录 downloads.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class MapModel(ScarcityMap map, ScarcityCatalogue catalogue) : PageModel
{
    public IReadOnlyList<ScarcityCell> Cells { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cells = await map.CellsAsync(ct);

    /// <summary>The 紧缺人才目录 as a download: .xlsx, or .docx in the GB/T 9704 layout.</summary>
    public async Task<IActionResult> OnGetCatalogueAsync(string? format, CancellationToken ct)
    {
        var result = await DemandApi.CatalogueAsync(format, catalogue, ct);
        return File(result.FileContents.ToArray(), result.ContentType, result.FileDownloadName);
    }

    /// <summary>
    /// The heat map's data (charts.js "scarcity"): a row per track, its entries ranked by index (most scarce first; no value last),
    /// each cell [rank, row, index × 100 or null, entry, drill-down URL, demand, supply].
    /// </summary>
    public static string ChartJson(IReadOnlyList<ScarcityCell> cells)
    {
        var tracks = cells.Select(c => c.Track).Distinct(StringComparer.Ordinal).ToList();
        var data = cells.GroupBy(c => c.Track, StringComparer.Ordinal).SelectMany(g => g
            .OrderByDescending(c => c.Index ?? -1).ThenByDescending(c => c.Demand).ThenBy(c => c.Skill, StringComparer.Ordinal)
            .Select((c, rank) => new object?[]
            {
                rank, tracks.IndexOf(g.Key), c.Index is { } i ? (int)Math.Round(i * 100) : null, c.Skill, $"/Talent/Map/{c.SkillId}",
                c.Demand, c.Supply,
            })).ToList();
        return JsonSerializer.Serialize(new { tracks, cells = data });
    }
}
