using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>
/// New enterprises of an import are written in bulk (<see cref="EnterpriseBulkInsert"/>), not through a save: their audit
/// lines, keys, name bigrams and history must be those a save gives.
/// </summary>
public class ImportBulkTests
{
    private const string Header = "统一社会信用代码,企业名称,企业简称,所属板块,产业方向,企业资质,注册资本（万元）,成立日期";

    private static List<AuditEntry> LinesOf(FipApp app, int id)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return app.Use(d => d.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(Enterprise) && a.EntityKey == key)
                || ((a.EntityType == nameof(EnterpriseTrack) || a.EntityType == nameof(EnterpriseQualification))
                    && a.EntityKey.StartsWith(key + ",")))
            .OrderBy(a => a.Id)
            .ToList());
    }

    private static SortedSet<string> Names(string json) =>
        new(JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ImportedEnterprise_IsAuditedAsASaveIs_AndItsHistoryShowsTheImportThenAnEdit(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        string code = RegistryTests.NewCreditCode(), other = RegistryTests.NewCreditCode();
        var name = "扬州批量审计" + code[^6..] + "科技有限公司";
        var csv = RegistryTests.Csv(Header,
            $"{code},{name},批量{code[^4..]},邗江区,低空经济、元宇宙,高新技术企业(2022),5000,2016-05-20",
            $"{other},扬州批量审计乙{other[^6..]}有限公司,,江都区,,,,");
        var (status, result) = await RegistryTests.Import(admin, "enterprises", Encoding.UTF8.GetBytes(csv), "bulk.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, result.Added);

        var stored = app.Use(d => d.Enterprises.AsNoTracking().Include(e => e.Tracks).Include(e => e.Qualifications)
            .Single(e => e.CreditCode == code));
        var lines = LinesOf(app, stored.Id);
        // One line per record and per child row, by the importing user, in the order a save writes them.
        Assert.Equal(["Enterprise", "EnterpriseTrack", "EnterpriseTrack", "EnterpriseQualification"], lines.Select(l => l.EntityType));
        Assert.All(lines, l => Assert.Equal((AuditActions.Create, adminUser.UserName, (string?)null), (l.Action, l.UserName, l.Before)));
        var after = JsonDocument.Parse(lines[0].After!).RootElement;
        Assert.Equal((stored.Id, name, code, stored.Version, 5000m),
            (after.GetProperty("Id").GetInt32(), after.GetProperty("Name").GetString(), after.GetProperty("CreditCode").GetString(),
                after.GetProperty("Version").GetString(), after.GetProperty("RegisteredCapital").GetDecimal()));
        Assert.Equal(stored.Tracks.Select(t => $"{stored.Id},{t.TrackId}").Order(StringComparer.Ordinal),
            lines.Where(l => l.EntityType == "EnterpriseTrack").Select(l => l.EntityKey).Order(StringComparer.Ordinal));
        Assert.Equal($"{stored.Id},HighTech", lines[3].EntityKey);

        // The same shape of line as an enterprise saved through the API (the save's own interceptor).
        var saved = await admin.PostAsJsonAsync("/api/v1/enterprises", new Dictionary<string, object?>
        {
            ["creditCode"] = RegistryTests.NewCreditCode(),
            ["name"] = "扬州保存审计" + code[^6..] + "有限公司",
            ["district"] = "邗江区",
            ["qualifications"] = "高新技术企业(2022)",
        });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var savedId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.True(savedId > stored.Id, "keys reserved by the import are not handed out again");
        var savedLines = LinesOf(app, savedId);
        Assert.Equal(Names(savedLines.Single(l => l.EntityType == "Enterprise").After!), Names(lines[0].After!));
        Assert.Equal(Names(savedLines.Single(l => l.EntityType == "EnterpriseQualification").After!), Names(lines[3].After!));

        // The name index holds the imported names: a search by a substring finds the record.
        var page = await admin.GetFromJsonAsync<RecordPage>($"/api/v1/enterprises?q={Uri.EscapeDataString("批量审计" + code[^6..])}",
            Json.Options);
        Assert.Equal(1, page!.Total);

        // Edited after the import: the record's history shows both versions, the edit above the import.
        var get = await admin.GetAsync($"/api/v1/enterprises/{stored.Id}");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{stored.Id}")
        { Content = JsonContent.Create(new { name = name + "改" }) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue(get.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(put)).StatusCode);
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, adminUser.UserName!, FipApp.UserPassword);
        var html = await browser.GetStringAsync($"/Registries/enterprises/{stored.Id}");
        var history = html[html.IndexOf("history-list", StringComparison.Ordinal)..];
        var edit = history.IndexOf("→ " + name + "改", StringComparison.Ordinal);
        var created = history.IndexOf("→ " + name + "<", StringComparison.Ordinal);
        Assert.True(edit >= 0 && created > edit, "the history lists the edit, then the import's version");
        Assert.Contains(name + "</td>", history[..created], StringComparison.Ordinal); // the edit's "before" column
    }

    /// <summary>Names whose bigrams the database makes for an import as <see cref="EnterpriseNameSearch.Of"/> does for a save.</summary>
    public static TheoryData<DatabaseProvider, string, string?> GramCases()
    {
        var cases = new TheoryData<DatabaseProvider, string, string?>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            cases.Add(db, "扬州abc科技有限公司", "abC"); // ASCII letters upper-cased, in the name and the short name
            cases.Add(db, "扬州ＡＢｃ全角有限公司", null); // full-width letters are not ASCII: kept as they are
            cases.Add(db, "扬州Éé变音有限公司", "é"); // accented letters kept; a one-character short name has no bigram
            cases.Add(db, "扬州𠀀𠀁扩展区有限公司", "𠀀𠀁"); // characters outside the BMP count as one, as Rune and substr count
            cases.Add(db, "扬州重复重复有限公司", "重复"); // bigrams repeated in the name and the short name are stored once
        }
        return cases;
    }

    [Theory, MemberData(nameof(GramCases))]
    public async Task ImportedNames_HaveTheBigramsASaveGivesThem(DatabaseProvider db, string name, string? shortName)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        name += code[^4..];
        var csv = RegistryTests.Csv("统一社会信用代码,企业名称,企业简称,所属板块", $"{code},{name},{shortName},邗江区");
        var (status, result) = await RegistryTests.Import(admin, "enterprises", Encoding.UTF8.GetBytes(csv), "grams.csv", commit: true);
        Assert.Equal((HttpStatusCode.OK, 1), (status, result.Added));

        var id = app.Use(d => d.Enterprises.Single(e => e.CreditCode == code).Id);
        var stored = app.Use(d => d.EnterpriseNameGrams.AsNoTracking().Where(g => g.EnterpriseId == id).Select(g => g.Gram).ToList());
        Assert.Equal(EnterpriseNameSearch.OfRecord(name, shortName).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// All or nothing across the commit's batches: a file of 2,500 new enterprises (written in bulk, a batch at a time) whose
    /// last row updates an enterprise that left the importer's district between the check and the commit. The commit
    /// refuses that row and none of the 2,500 enterprises, their bigrams or audit lines are kept.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CommitRefusingItsLastRow_KeepsNothingOfTheBatchesWrittenBefore(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (hanjiang, jiangdu) = app.Use(d => (d.Districts.Single(x => x.ShortName == "邗江区").Id,
            d.Districts.Single(x => x.ShortName == "江都区").Id));
        var last = RegistryTests.NewCreditCode();
        var (status, _) = await RegistryTests.Import(admin, "enterprises",
            Encoding.UTF8.GetBytes(RegistryTests.Csv("统一社会信用代码,企业名称,所属板块", $"{last},扬州末行{last[^6..]}有限公司,邗江区")),
            "last.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        var codes = Enumerable.Range(0, 2500).Select(_ => RegistryTests.NewCreditCode()).ToList();
        var csv = RegistryTests.Csv([
            "统一社会信用代码,企业名称,所属板块",
            .. codes.Select(c => $"{c},扬州全有全无{c[^6..]}有限公司,邗江区"),
            $"{last},扬州末行{last[^6..]}改名有限公司,邗江区"]);
        var district = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, "district-importer"),
                new(System.Security.Claims.ClaimTypes.Name, "district-importer"),
                new(System.Security.Claims.ClaimTypes.Role, Roles.District),
                new(ScopeClaims.District, hanjiang.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));

        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!;
        var file = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "all.csv");
        var check = await importer.CheckImportAsync(file, district, false, null, CancellationToken.None);
        Assert.Equal((true, 2500, 1), (check.CanCommit, check.Added, check.Updated));
        // Meanwhile the enterprise of the last row moves to another district, out of the importer's scope.
        app.Use(d => d.Enterprises.Where(e => e.CreditCode == last).ExecuteUpdate(u => u.SetProperty(e => e.DistrictId, jiangdu)));
        // Other tests write audit lines to the shared database meanwhile: look for this file's own (its codes are ASCII).
        var audited = app.Use(d => d.AuditEntries.Max(a => a.Id));
        string first = codes[0], lastNew = codes[^1];

        var outcome = await importer.CommitImportAsync(check, district, null, CancellationToken.None);

        Assert.False(outcome.Committed);
        Assert.Equal(2502, Assert.Single(outcome.Problems).Row);
        Assert.Equal(0, app.Use(d => d.Enterprises.Count(e => codes.Contains(e.CreditCode))));
        Assert.Equal(0, app.Use(d => d.EnterpriseNameGrams.Count(g => g.Gram == "全有")));
        Assert.Equal(0, app.Use(d => d.AuditEntries.Count(
            a => a.Id > audited && a.After != null && (a.After.Contains(first) || a.After.Contains(lastNew)))));
    }
}
