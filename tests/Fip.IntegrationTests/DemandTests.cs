using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Demand;

namespace Fip.IntegrationTests;

/// <summary>
/// Issue 20, talent demand and the 紧缺人才图谱: an enterprise posts demands for its own enterprise only; the map counts them
/// against the talent pool per taxonomy entry; a cell drills down to the demands and people behind it; the 紧缺人才目录 downloads
/// as valid .xlsx and .docx.
/// </summary>
public class DemandTests
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static async Task<(HttpClient Client, string Uscc)> EnterpriseClientAsync(FipApp app)
    {
        var user = await app.CreateUserAsync(Roles.Enterprise);
        await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = user.EnterpriseUscc, name = "扬州需求企业" + Unique(), district = "邗江区" }));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user));
        return (client, user.EnterpriseUscc!);
    }

    private static Dictionary<string, string?> Demand(string uscc, string track, string skills, int headcount) => new()
    {
        ["name"] = "需求岗位" + Unique(),
        ["enterprise"] = uscc,
        ["track"] = track,
        ["skills"] = skills,
        ["headcount"] = headcount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["education"] = "硕士",
        ["salaryMin"] = "15000",
        ["salaryMax"] = "25000",
        ["urgency"] = "紧急",
    };

    /// <summary>A taxonomy entry of its own (unique name) on the first track, created by an admin.</summary>
    private static async Task<(int Id, string Name, string Track)> NewSkillAsync(FipApp app)
    {
        var track = app.Use(d => d.Tracks.OrderBy(t => t.Id).First().Name);
        var name = "测试技能" + Unique();
        var response = await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync("/api/v1/skills",
            new { name, track, terms = name + "别名" }));
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(), name, track);
    }

    private static async Task<ScarcityCellDto> CellAsync(HttpClient staff, int skillId) =>
        (await staff.GetFromJsonAsync<List<ScarcityCellDto>>("/api/v1/talent/map", Json.Options))!.Single(c => c.SkillId == skillId);

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AnEnterprisePostsForItsOwnEnterpriseOnly_AndSeesOnlyItsOwnDemands(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (mine, uscc) = await EnterpriseClientAsync(app);
        var (other, otherUscc) = await EnterpriseClientAsync(app);
        var track = app.Use(d => d.Tracks.OrderBy(t => t.Id).First().Name);

        var own = await mine.PostAsJsonAsync("/api/v1/demands", Demand(uscc, track, "嵌入式", 2));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var id = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var foreign = await mine.PostAsJsonAsync("/api/v1/demands", Demand(otherUscc, track, "嵌入式", 2));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        // Another enterprise's demand is not in its scope: not found, as any record outside a caller's scope.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/demands/{id}")).StatusCode);
        var list = await other.GetStringAsync("/api/v1/demands?pageSize=200");
        Assert.DoesNotContain(uscc, list, StringComparison.Ordinal);

        // Staff see all; enterprise users see neither the map nor the taxonomy.
        var (staff, _) = await app.ApiClientAsync(Roles.Leader);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/demands/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.GetAsync("/api/v1/talent/map")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.GetAsync("/api/v1/skills")).StatusCode);
    }

    public static TheoryData<DatabaseProvider, string, string, HttpStatusCode> BadDemands()
    {
        var data = new TheoryData<DatabaseProvider, string, string, HttpStatusCode>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "headcount", "0", HttpStatusCode.UnprocessableEntity);
            data.Add(db, "salaryMin", "30000", HttpStatusCode.UnprocessableEntity); // above the upper 25000
            data.Add(db, "education", "博士后", HttpStatusCode.UnprocessableEntity);
            data.Add(db, "headcount", "三", HttpStatusCode.UnprocessableEntity);
        }
        return data;
    }

    [Theory, MemberData(nameof(BadDemands))]
    public async Task ABadDemandIsRefusedWithAMessage(DatabaseProvider db, string field, string value, HttpStatusCode expected)
    {
        var app = FipApp.For(db);
        var (client, uscc) = await EnterpriseClientAsync(app);
        var body = Demand(uscc, app.Use(d => d.Tracks.OrderBy(t => t.Id).First().Name), "嵌入式", 2);
        body[field] = value;
        var response = await client.PostAsJsonAsync("/api/v1/demands", body);
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task APostedDemandMovesItsCell_AndTheCellDrillsDownToIt(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var skill = await NewSkillAsync(app);
        var (staff, _) = await app.ApiClientAsync(Roles.Department);
        var before = await CellAsync(staff, skill.Id);
        Assert.Equal((0, 0, (decimal?)null), (before.Demand, before.Supply, before.Index));

        var (enterprise, uscc) = await EnterpriseClientAsync(app);
        var posted = Demand(uscc, skill.Track, "C++、" + skill.Name + "别名", 4); // named by a synonym
        Assert.Equal(HttpStatusCode.Created, (await enterprise.PostAsJsonAsync("/api/v1/demands", posted)).StatusCode);
        var after = await CellAsync(staff, skill.Id);
        Assert.Equal((4, 0, (decimal?)1m, "Severe"), (after.Demand, after.Supply, after.Index, after.Level));

        // One person in the pool with the skill as field: (4 − 1) / 4 = 0.75.
        await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync("/api/v1/talents", new Dictionary<string, string?>
        {
            ["name"] = "图谱人才" + Unique(),
            ["category"] = "青年科技人才",
            ["employer"] = "扬州大学",
            ["employerKind"] = "高校",
            ["field"] = skill.Name,
            ["track"] = skill.Track,
            ["purpose"] = "核心人才库建设",
            ["consentOn"] = "2025-01-01",
        }));
        Assert.Equal((decimal?)0.75m, (await CellAsync(staff, skill.Id)).Index);

        // The page shows the formula and the cell; its link opens the demands and people behind it.
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Authorization = staff.DefaultRequestHeaders.Authorization;
        var page = await browser.GetStringAsync("/Talent/Map");
        Assert.Contains("data-testid=\"scarcity-formula\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Talent/Map/{skill.Id}\"", page, StringComparison.Ordinal);
        var cell = await browser.GetStringAsync($"/Talent/Map/{skill.Id}");
        Assert.Contains(posted["name"]!, cell, StringComparison.Ordinal);
        Assert.Contains("图谱人才", cell, StringComparison.Ordinal);
        Assert.DoesNotContain("1380000", cell, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Talent/Map/999999999")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TheCatalogueDownloadsAsValidXlsxAndDocx_FromThePageAndTheApi(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var skill = await NewSkillAsync(app);
        var (enterprise, uscc) = await EnterpriseClientAsync(app);
        await enterprise.PostAsJsonAsync("/api/v1/demands", Demand(uscc, skill.Track, skill.Name, 3));
        var (staff, _) = await app.ApiClientAsync(Roles.Leader);
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Authorization = staff.DefaultRequestHeaders.Authorization;
        var page = await browser.GetStringAsync("/Talent/Map");
        foreach (var format in new[] { "xlsx", "docx" })
        {
            var link = $"/Talent/Map?handler=Catalogue&amp;format={format}";
            Assert.Contains(link, page, StringComparison.Ordinal);
            var api = $"/api/v1/talent/map/catalogue?format={format}";
            foreach (var url in new[] { link.Replace("&amp;", "&", StringComparison.Ordinal), api })
            {
                var response = await browser.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
                OpenXmlPackage package = format == "xlsx"
                    ? SpreadsheetDocument.Open(stream, false)
                    : WordprocessingDocument.Open(stream, false);
                using (package)
                {
                    var errors = new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
                    Assert.True(errors.Count == 0, string.Join("\n", errors));
                    var text = format == "xlsx"
                        ? ((SpreadsheetDocument)package).WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText
                        : ((WordprocessingDocument)package).MainDocumentPart!.Document.InnerText;
                    Assert.Contains(skill.Name, text, StringComparison.Ordinal);
                    Assert.Contains("紧缺指数", text, StringComparison.Ordinal);
                    if (format == "docx") Assert.Contains("紧缺人才目录", text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TheTaxonomyIsSeededFromTheChainLinks(DatabaseProvider db)
    {
        // A database of its own: other tests add chain links of these names to the shared one after the seed ran.
        using var app = FipApp.Start(db);
        var (seeded, leaves) = app.Use(d => (
            d.Set<TalentSkill>().Count(s => s.Name == "飞控系统" || s.Name == "发动机"),
            d.ChainLinks.Count(l => (l.Name == "飞控系统" || l.Name == "发动机") && l.ParentId != null)));
        Assert.True(leaves > 0);
        Assert.Equal(leaves, seeded);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ADistrictImportsDemandsOfItsEnterprises(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user) = await app.ApiClientAsync(Roles.District);
        using var file = await RegistrySamples.ImportFileAsync(app, user, "demands");
        var response = await client.PostAsync("/api/v1/demands/import?commit=false", file);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ACellWithManyDemands_IsListedByPages_WithItsTotalsOverAllOfThem(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var skill = await NewSkillAsync(app);
        var enterpriseId = await SupportSamples.NewEnterpriseAsync(app);
        var trackId = app.Use(d => d.Tracks.OrderBy(t => t.Id).First().Id); // the skill's track (NewSkillAsync)
        app.Use(d =>
        {
            for (var i = 0; i < CellModel.PageSize + 5; i++)
                d.Add(new TalentDemand
                {
                    Name = $"分页岗位{i:000}",
                    EnterpriseId = enterpriseId,
                    TrackId = trackId,
                    Skills = skill.Name,
                    Headcount = 2,
                    CreatedAt = DateTime.UtcNow,
                    UpdatedAt = DateTime.UtcNow
                });
            return d.Save();
        });
        var (staff, _) = await app.ApiClientAsync(Roles.Department);
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Authorization = staff.DefaultRequestHeaders.Authorization;
        static int Rows(string html) => html.Split("<tr><td><a href=\"/Registries/demands/").Length - 1;

        var first = await browser.GetStringAsync($"/Talent/Map/{skill.Id}");
        Assert.Equal(CellModel.PageSize, Rows(first));
        Assert.Contains("data-testid=\"cell-summary\">需求 210 人", first, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\" data-testid=\"demand-next\"").Groups[1].Value;
        Assert.NotEmpty(next);
        var second = await browser.GetStringAsync(System.Net.WebUtility.HtmlDecode(next));
        Assert.Equal(5, Rows(second));
        Assert.Contains("data-testid=\"demand-prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"demand-next\"", second, StringComparison.Ordinal);
        // A page past the last (or absurd) shows the last page, never an error.
        Assert.Equal(5, Rows(await browser.GetStringAsync($"/Talent/Map/{skill.Id}?dp=2147483647&pp=-5")));
    }
}
