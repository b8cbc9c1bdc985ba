using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;

namespace Fip.IntegrationTests;

public class PlanTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CurrentPlan_IsTheSeededYangzhouPlan(DatabaseProvider db)
    {
        var (client, _) = await FipApp.For(db).ApiClientAsync(Roles.Leader);
        var plan = await client.GetFromJsonAsync<PlanDto>("/api/v1/plans/current", Json.Options);
        Assert.NotNull(plan);
        Assert.Equal("关于加快培育发展未来产业的指导意见", plan.Plan.DocumentTitle);
        Assert.Equal("扬州市", plan.Plan.CityName);
        Assert.Equal(["重点培育", "延伸发展", "前瞻探索"], plan.Tiers.Select(t => t.Name));
        Assert.Equal([3, 4, 6], plan.Tiers.Select(t => t.Tracks.Count));
        var lowAltitude = plan.Tracks.Single(t => t.Name == "低空经济");
        Assert.Equal(["生态科技新城", "邗江区", "江都区", "广陵区"], lowAltitude.FocusDistricts.Select(d => d.Name));
        Assert.Equal("321003", lowAltitude.FocusDistricts.Single(d => d.Name == "邗江区").Code);
        var targets = plan.Targets
            .Where(t => t.Value is not null)
            .Select(t => $"{t.Year} {t.Indicator} {Display(t.Comparator)}{t.Value:0} {t.Unit}");
        Assert.Equal(["2025 未来产业先导园区 ≥3 个", "2030 关键产品 ≥50 个", "2030 应用场景 ≥10 个", "2030 未来产业先导园区 ≥5 个"], targets);
        Assert.Equal(7, plan.Programmes.Count(p => p.Kind == ProgrammeKind.Programme));
        Assert.Equal(3, plan.Programmes.Count(p => p.Kind == ProgrammeKind.Measure));
        var talent = plan.Programmes.Single(p => p.Title == "未来产业要素支撑工程");
        Assert.Contains(talent.Units, u => u.Department.Name == "人民银行扬州市分行" && u.Role == AssignmentRole.Co);
    }

    private static string Display(Comparator? c) => Fip.Web.Infrastructure.Display.Symbol(c);

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Document_QuotesStandAtTheirOffsets(DatabaseProvider db)
    {
        var (client, _) = await FipApp.For(db).ApiClientAsync(Roles.District);
        var plan = (await client.GetFromJsonAsync<PlanDto>("/api/v1/plans/current", Json.Options))!;
        var doc = (await client.GetFromJsonAsync<DocumentDto>($"/api/v1/plans/{plan.Plan.Id}/document", Json.Options))!;
        Assert.StartsWith("关于加快培育发展未来产业的指导意见", doc.Text, StringComparison.Ordinal);
        Assert.True(doc.Marks.Count >= 40);
        foreach (var target in plan.Targets)
            Assert.Equal(target.Source.Text, doc.Text.Substring(target.Source.Start, target.Source.Length));
        foreach (var p in plan.Programmes)
            Assert.Equal(p.UnitsSource!.Text, doc.Text.Substring(p.UnitsSource.Start, p.UnitsSource.Length));
        Assert.Contains("推出50个以上关键产品", doc.Marks.Where(m => m.Kind == "target").Select(m => doc.Text.Substring(m.Start, m.Length)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Districts_CarryDivisionCodesAndFunctionalZones(DatabaseProvider db)
    {
        var (client, _) = await FipApp.For(db).ApiClientAsync(Roles.Enterprise);
        var districts = (await client.GetFromJsonAsync<List<DistrictDto>>("/api/v1/districts", Json.Options))!;
        Assert.Equal(6, districts.Count(d => d.Kind == DistrictKind.Division));
        Assert.Contains(districts, d => d is { Name: "高邮市", Code: "321084" });
        Assert.Contains(districts, d => d is { ShortName: "扬州经开区", Kind: DistrictKind.FunctionalZone, Code: null });
        var departments = (await client.GetFromJsonAsync<List<DepartmentDto>>("/api/v1/departments", Json.Options))!;
        Assert.Contains(departments, d => d.Name == "市发改委" && d.Aliases.Contains("市发展和改革委员会"));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task PlanPages_ShowTracksTargetsAndLinkToTheDocument(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Department);
        var client = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword)).StatusCode);

        var overview = await client.GetStringAsync("/Plans");
        Assert.Contains("低空经济", overview, StringComparison.Ordinal);
        Assert.Contains("重点培育", overview, StringComparison.Ordinal);
        Assert.Contains("推出50个以上关键产品", overview, StringComparison.Ordinal);
        Assert.Contains("市人社局", overview, StringComparison.Ordinal);
        var targetId = app.Use(d => d.Targets.Where(t => t.Indicator == "关键产品").Select(t => t.Id).First());
        Assert.Contains($"#q-target-{targetId}", overview, StringComparison.Ordinal);

        var document = await client.GetStringAsync("/Plans/Document");
        Assert.Contains($"id=\"q-target-{targetId}\"", document, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Plans#target-{targetId}\"", document, StringComparison.Ordinal);

        var trackId = app.Use(d => d.Tracks.Where(t => t.Name == "元宇宙").Select(t => t.Id).First());
        var track = await client.GetStringAsync($"/Plans/Track/{trackId}");
        Assert.Contains("扬州经开区", track, StringComparison.Ordinal);
        Assert.Contains($"#q-track-{trackId}", track, StringComparison.Ordinal);

        var programmeId = app.Use(d => d.Programmes.Where(p => p.Title == "未来技术中试孵化工程").Select(p => p.Id).First());
        var programme = await client.GetStringAsync($"/Plans/Programme/{programmeId}");
        Assert.Contains("市市场监管局", programme, StringComparison.Ordinal);
        Assert.Contains("构建完善的技术中试孵化体系", programme, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Plans/Track/999999")).StatusCode);
    }
}

internal static class Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
