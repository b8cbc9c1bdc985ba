using System.Text.Json.Nodes;
using Fip.Web.Features.Cockpit;
using Fip.Web.Features.Organisation;

namespace Fip.UnitTests.Features.Cockpit;

/// <summary>How the map files' features are matched to the plan's districts.</summary>
public class CityMapTests
{
    private static readonly District[] Districts =
    [
        new() { Id = 1, Code = "321003", Name = "邗江区", ShortName = "邗江区" },
        new() { Id = 2, Code = "321012", Name = "江都区", ShortName = "江都区" },
        new() { Id = 3, Name = "扬州经济技术开发区", ShortName = "扬州经开区", Aliases = "经开区", Kind = DistrictKind.FunctionalZone },
    ];

    private static JsonObject Feature(string name, int? adcode, string geometry) => new()
    {
        ["type"] = "Feature",
        ["properties"] = adcode is { } c ? new JsonObject { ["name"] = name, ["adcode"] = c } : new JsonObject { ["name"] = name },
        ["geometry"] = geometry == "Point"
            ? new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(119.4, 32.3) }
            : new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(119.0, 32.0),
                new JsonArray(119.5, 32.0), new JsonArray(119.5, 32.5), new JsonArray(119.0, 32.0)))
            },
    };

    private static JsonObject Collection(params JsonObject[] features) =>
        new() { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features) };

    public static TheoryData<string, int[], int[], string[]> Cases() => new()
    {
        // features (name|adcode|geometry; …), district ids with an area, with a point, names unplaced
        { "邗江区|321003|Polygon;江都区|321012|Polygon;扬州经济技术开发区||Point", [1, 2], [3], [] },
        { "别名不同|321003|Polygon;江都区||Polygon;经开区||Point", [1, 2], [3], [] },       // by code whatever the name; by name; by alias
        { "邗江区|321003|Polygon", [1], [], ["江都区", "扬州经济技术开发区"] },               // missing districts are listed, not dropped
        { "火星区|999999|Polygon;邗江区|321003|Polygon;邗江区|321003|Polygon", [1], [], ["江都区", "扬州经济技术开发区"] }, // unknown and twice
        { "江都区|321012|Point", [], [2], ["邗江区", "扬州经济技术开发区"] },                // a district may be a point too
    };

    [Theory, MemberData(nameof(Cases))]
    public void Match(string features, int[] areas, int[] points, string[] unplaced)
    {
        var list = features.Split(';').Select(f => f.Split('|'))
            .Select(p => Feature(p[0], p[1].Length > 0 ? int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture) : null, p[2]))
            .ToArray();
        var data = CityMap.Match(Collection(list), null, Districts);
        Assert.Equal(areas, data.Boundaries["features"]!.AsArray().Select(f => (int)f!["properties"]!["id"]!).ToArray());
        Assert.Equal(points, data.Points.Select(p => p.Id).ToArray());
        Assert.Equal(unplaced, data.Unplaced.ToArray());
    }

    [Fact]
    public void ZonesFile_AddsPoints_AndAreasAreRenamedToTheDistrict()
    {
        var data = CityMap.Match(Collection(Feature("别名不同", 321003, "Polygon")), Collection(Feature("经开区", null, "Point")), Districts);
        Assert.Equal("邗江区", (string)data.Boundaries["features"]![0]!["properties"]!["name"]!);
        Assert.Equal(new MapPoint(3, "扬州经济技术开发区", 119.4, 32.3), Assert.Single(data.Points));
    }
}
