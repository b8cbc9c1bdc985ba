using System.Text.Json.Nodes;
using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Cockpit;

/// <summary>
/// <c>Map:BoundariesPath</c> and <c>Map:ZonesPath</c>: files (absolute, or under the content root) that replace the plan's
/// shipped <c>Seed/{plan key}.geo.json</c> (the districts' boundaries, GeoJSON) and <c>Seed/{plan key}.zones.geo.json</c> (points
/// for the districts without a boundary, GeoJSON Point features): a deployment swaps in its approved map (审图号) this way.
/// </summary>
public sealed class CityMapOptions
{
    public string? BoundariesPath { get; set; }
    public string? ZonesPath { get; set; }
}

/// <summary>A district without a boundary of its own (a functional zone), drawn as a point.</summary>
public sealed record MapPoint(int Id, string Name, double Lon, double Lat);

/// <summary>
/// The city map as the page's script draws it: the boundary features renamed to the districts they belong to (matched by GB/T
/// 2260 code, then by name or alias) with the district's id, the points of the districts that have no boundary, and the names of
/// the plan's districts the map has neither for (listed under the map, never silently dropped).
/// </summary>
public sealed record CityMapData(JsonObject Boundaries, IReadOnlyList<MapPoint> Points, IReadOnlyList<string> Unplaced);

/// <summary>Reads the plan's map files (or the deployment's) and matches them to the districts.</summary>
public sealed class CityMap(FipDbContext db, Microsoft.Extensions.Options.IOptions<CityMapOptions> options, IWebHostEnvironment env)
{
    public async Task<CityMapData?> GetAsync(CancellationToken ct)
    {
        var key = await db.Plans.AsNoTracking().Where(p => p.IsCurrent).Select(p => p.Key).FirstOrDefaultAsync(ct);
        if (key is null) return null;
        var boundaries = await ReadAsync(options.Value.BoundariesPath, $"{key}.geo.json", ct);
        if (boundaries is null) return null;
        var zones = await ReadAsync(options.Value.ZonesPath, $"{key}.zones.geo.json", ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        return Match(boundaries, zones, districts);
    }

    /// <summary>Matches features to districts: polygons become the districts' areas, points the zones' markers.</summary>
    public static CityMapData Match(JsonObject boundaries, JsonObject? zones, IReadOnlyList<District> districts)
    {
        var areas = new JsonArray();
        var points = new List<MapPoint>();
        var placed = new HashSet<int>();
        var features = Features(boundaries).Concat(zones is null ? [] : Features(zones));
        foreach (var f in features)
        {
            var props = f["properties"] as JsonObject;
            var code = props?["adcode"]?.ToString();
            var name = props?["name"]?.ToString();
            var district = districts.FirstOrDefault(d => d.Code is { } c && c == code)
                ?? districts.FirstOrDefault(d => name is not null && d.AllNames().Contains(name, StringComparer.Ordinal));
            if (district is null || f["geometry"] is not JsonObject geometry || !placed.Add(district.Id)) continue;
            if (geometry["type"]?.ToString() == "Point" && geometry["coordinates"] is JsonArray { Count: >= 2 } xy)
            {
                points.Add(new MapPoint(district.Id, district.Name, (double)xy[0]!, (double)xy[1]!));
                continue;
            }
            areas.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["name"] = district.Name, ["id"] = district.Id },
                ["geometry"] = geometry.DeepClone(),
            });
        }
        var unplaced = districts.Where(d => !placed.Contains(d.Id)).Select(d => d.Name).ToList();
        return new CityMapData(new JsonObject { ["type"] = "FeatureCollection", ["features"] = areas }, points, unplaced);
    }

    private static IEnumerable<JsonObject> Features(JsonObject collection) =>
        (collection["features"] as JsonArray ?? []).OfType<JsonObject>();

    private async Task<JsonObject?> ReadAsync(string? path, string shipped, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            await using var file = File.OpenRead(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path));
            return await JsonNode.ParseAsync(file, cancellationToken: ct) as JsonObject;
        }
        await using var stream = typeof(CityMap).Assembly.GetManifestResourceStream("Fip.Web.Seed." + shipped);
        return stream is null ? null : await JsonNode.ParseAsync(stream, cancellationToken: ct) as JsonObject;
    }
}
