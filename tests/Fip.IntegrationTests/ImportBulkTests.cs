using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
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

    /// <summary>A record's own audit lines, one row each (what a save writes).</summary>
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

    /// <summary>A record's lines in the import batches that hold its key (what an import writes), in the order written.</summary>
    private static List<AuditEntry> BatchLinesOf(FipApp app, int id) =>
        app.Use(d => d.Set<AuditBatch>().AsNoTracking()
            .Where(b => b.EntityType == nameof(Enterprise) && b.FirstKey <= id && b.LastKey >= id)
            .OrderBy(b => b.Id).ToList()).SelectMany(b => b.LinesOf(id)).ToList();

    /// <summary>Every import batch's lines as JSON text (packed or not), to look for a file's values.</summary>
    private static List<string> BatchTexts(FipApp app) =>
        [.. app.Use(d => d.Set<AuditBatch>().AsNoTracking().ToList()).Select(b => b.Text())];

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
        // No line a row: the import's lines are in its batch, under one line of the import in the log.
        Assert.Empty(LinesOf(app, stored.Id));
        var imported = app.Use(d => d.AuditEntries.AsNoTracking().Single(a => a.Action == AuditActions.Import && a.Detail == "bulk.csv"
            && a.UserName == adminUser.UserName));
        var batch = app.Use(d => d.Set<AuditBatch>().AsNoTracking().Single(b => b.ChangeSet == imported.EntityKey));
        Assert.Equal((nameof(Enterprise), 2, adminUser.UserName), (imported.EntityType, batch.Records, batch.UserName));
        // Its lines are stored compressed, a fraction of their JSON.
        Assert.Equal("", batch.Lines);
        Assert.True(batch.PackedLines!.Length * 2 < Encoding.UTF8.GetByteCount(batch.Text()), "the lines are packed");
        Assert.Equal(2, JsonDocument.Parse(imported.After!).RootElement.GetProperty("Records").GetInt32());
        var lines = BatchLinesOf(app, stored.Id);
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

        // The audit log shows the import as one line in words: the file and how many enterprises it added.
        var log = await browser.GetStringAsync($"/Admin/Audit?action=Import&user={Uri.EscapeDataString(adminUser.UserName!)}");
        Assert.Contains("导入文件 bulk.csv，新增 2 条记录", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A batch written before batches were packed (its lines as JSON text, nothing packed, as the migration leaves it) still
    /// gives the record's history its creation: the batch's reader takes either form. On PostgreSQL the packed column is stored
    /// as it is, not compressed again.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ABatchWrittenBeforePacking_StillShowsTheImportInTheHistory(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        var name = "扬州旧批次" + code[^6..] + "科技有限公司";
        var csv = RegistryTests.Csv(Header, $"{code},{name},,邗江区,低空经济,,,");
        var (status, _) = await RegistryTests.Import(admin, "enterprises", Encoding.UTF8.GetBytes(csv), "old-batch.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        var id = app.Use(d => d.Enterprises.Single(e => e.CreditCode == code).Id);
        var packed = BatchLinesOf(app, id);
        var batch = app.Use(
            d => d.Set<AuditBatch>().Single(b => b.EntityType == nameof(Enterprise) && b.FirstKey <= id && b.LastKey >= id));
        var text = batch.Text();
        app.Use(d => d.Set<AuditBatch>().Where(b => b.Id == batch.Id)
            .ExecuteUpdate(u => u.SetProperty(b => b.Lines, text).SetProperty(b => b.PackedLines, (byte[]?)null)));

        var unpacked = BatchLinesOf(app, id);
        Assert.Equal(packed.Select(l => (l.EntityType, l.EntityKey, l.After)), unpacked.Select(l => (l.EntityType, l.EntityKey, l.After)));
        Assert.Equal(["Enterprise", "EnterpriseTrack"], unpacked.Select(l => l.EntityType));
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, adminUser.UserName!, FipApp.UserPassword);
        var html = await browser.GetStringAsync($"/Registries/enterprises/{id}");
        Assert.Contains("→ " + name + "<", html[html.IndexOf("history-list", StringComparison.Ordinal)..], StringComparison.Ordinal);

        if (db == DatabaseProvider.Postgres)
            Assert.Equal("e", app.Use(d => d.Database.SqlQueryRaw<string>(
                "SELECT attstorage::text AS \"Value\" FROM pg_attribute WHERE attrelid = '\"AuditBatches\"'::regclass " +
                "AND attname = 'PackedLines'").Single()));
    }

    /// <summary>Every stored column of a row as the database hands it back: its storage type and its text.</summary>
    private static Dictionary<string, (Type, string)> RawRow(FipApp app, string table, string where)
    {
        using var scope = app.Services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<FipDbContext>().Database.GetDbConnection();
        connection.Open();
        return Data.RawRows.Read(connection, null, table, where);
    }

    /// <summary>
    /// Rows written in bulk (on SQLite a thousand rows a statement as JSON, on PostgreSQL COPY) are stored as a save
    /// stores them: each column with the same storage type and the same text (decimals, dates, flags, enums), the
    /// enterprise, its qualification and their audit lines alike.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BulkWrittenRows_AreStoredAsASaveStoresThem(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        string code = RegistryTests.NewCreditCode(), other = RegistryTests.NewCreditCode(), saved = RegistryTests.NewCreditCode();
        var csv = RegistryTests.Csv(Header,
            $"{code},扬州存储甲{code[^6..]}有限公司,存储{code[^4..]},邗江区,低空经济,高新技术企业(2022),5000.25,2016-05-20",
            $"{other},扬州存储乙{other[^6..]}有限公司,,江都区,,,,");
        var (status, result) = await RegistryTests.Import(admin, "enterprises", Encoding.UTF8.GetBytes(csv), "raw.csv", commit: true);
        Assert.Equal((HttpStatusCode.OK, 2), (status, result.Added));
        var response = await admin.PostAsJsonAsync("/api/v1/enterprises", new Dictionary<string, object?>
        {
            ["creditCode"] = saved,
            ["name"] = "扬州存储丙" + saved[^6..] + "有限公司",
            ["shortName"] = "存储" + saved[^4..],
            ["district"] = "邗江区",
            ["tracks"] = "低空经济",
            ["qualifications"] = "高新技术企业(2022)",
            ["registeredCapital"] = "5000.25",
            ["foundedOn"] = "2016-05-20",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        int importedId = app.Use(d => d.Enterprises.Single(e => e.CreditCode == code).Id),
            savedId = app.Use(d => d.Enterprises.Single(e => e.CreditCode == saved).Id);
        var timestamp = new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,7})?");

        void Same(string table, string imported, string reference, params string[] own)
        {
            var (a, b) = (RawRow(app, table, imported), RawRow(app, table, reference));
            Assert.Equal(b.Keys.Order(StringComparer.Ordinal), a.Keys.Order(StringComparer.Ordinal));
            foreach (var column in a.Keys)
            {
                Assert.True(a[column].Item1 == b[column].Item1, $"{table}.{column}: {a[column]} against a save's {b[column]}");
                if (a[column].Item1 == typeof(string) && timestamp.IsMatch(b[column].Item2))
                    Assert.Matches(timestamp, a[column].Item2);
                else if (!own.Contains(column)) Assert.Equal((column, b[column].Item2), (column, a[column].Item2));
            }
        }
        Same("Enterprises", $"\"Id\" = {importedId}", $"\"Id\" = {savedId}", "Id", "CreditCode", "Name", "ShortName", "Version",
            "CreatedAt", "UpdatedAt");
        Same("EnterpriseQualifications", $"\"EnterpriseId\" = {importedId}", $"\"EnterpriseId\" = {savedId}", "EnterpriseId");
        // The imported qualification's audit line (in its batch) holds the values a save's line holds, written alike.
        var importedLine = BatchLinesOf(app, importedId).Single(l => l.EntityKey == $"{importedId},HighTech").After!;
        var savedLine = app.Use(d => d.AuditEntries
            .Single(a => a.EntityType == "EnterpriseQualification" && a.EntityKey == $"{savedId},HighTech").After!);
        Assert.Equal(savedLine.Replace($":{savedId},", $":{importedId},", StringComparison.Ordinal), importedLine);
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
        var district = DistrictImporter(hanjiang);

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
        Assert.DoesNotContain(BatchTexts(app),
            t => t.Contains(first, StringComparison.Ordinal) || t.Contains(lastNew, StringComparison.Ordinal));
    }

    /// <summary>
    /// All or nothing at scale, with the file's rows streamed from a temporary file: 100,000 rows checked clean, then row
    /// 99,999 (an update) refused by the commit because its enterprise left the importer's district meanwhile. Nothing of the
    /// ninety-nine batches written before it is kept: no enterprise, bigram or audit line.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CommitOf100000Rows_RefusingRow99999_KeepsNothing(DatabaseProvider db)
    {
        // A database of its own: a SQLite commit this long holds the write lock, which other tests' writes would wait for.
        using var app = FipApp.Start(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (hanjiang, jiangdu) = app.Use(d => (d.Districts.Single(x => x.ShortName == "邗江区").Id,
            d.Districts.Single(x => x.ShortName == "江都区").Id));
        var moving = RegistryTests.NewCreditCode();
        var (status, _) = await RegistryTests.Import(admin, "enterprises",
            Encoding.UTF8.GetBytes(RegistryTests.Csv("统一社会信用代码,企业名称,所属板块", $"{moving},扬州十万迁出{moving[^6..]}有限公司,邗江区")),
            "moving.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        var codes = Enumerable.Range(0, 99_998).Select(_ => RegistryTests.NewCreditCode()).ToList();
        // Header on row 1; rows 2–99,998 new, row 99,999 the moving enterprise, row 100,000 new again.
        var csv = RegistryTests.Csv([
            "统一社会信用代码,企业名称,所属板块",
            .. codes.Take(99_997).Select(c => $"{c},扬州十万行{c[^6..]}有限公司,邗江区"),
            $"{moving},扬州十万迁出{moving[^6..]}改名有限公司,邗江区",
            $"{codes[^1]},扬州十万行{codes[^1][^6..]}有限公司,邗江区"]);
        var district = DistrictImporter(hanjiang);
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!;
        using var file = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "big.csv",
            new Fip.Web.Features.Registries.Files.ReadLimits(MaxBytes: 1L << 30));
        Assert.IsType<Fip.Web.Features.Registries.Files.SpilledRows>(file.Rows);
        var check = await importer.CheckImportAsync(file, district, false, null, CancellationToken.None);
        Assert.Equal((true, 99_998, 1), (check.CanCommit, check.Added, check.Updated));
        app.Use(d => d.Enterprises.Where(e => e.CreditCode == moving).ExecuteUpdate(u => u.SetProperty(e => e.DistrictId, jiangdu)));
        var audited = app.Use(d => d.AuditEntries.Max(a => a.Id));

        var outcome = await importer.CommitImportAsync(check, district, null, CancellationToken.None);

        Assert.False(outcome.Committed);
        Assert.Equal(99_999, Assert.Single(outcome.Problems).Row);
        Assert.Equal(0, app.Use(d => d.Enterprises.Count(e => e.Name.StartsWith("扬州十万行"))));
        Assert.Equal(0, app.Use(d => d.EnterpriseNameGrams.Count(g => g.Gram == "万行")));
        Assert.Equal(0, app.Use(d => d.AuditEntries.Count(a => a.Id > audited && a.After != null && a.After.Contains("扬州十万行"))));
        Assert.DoesNotContain(BatchTexts(app), t => t.Contains("扬州十万行", StringComparison.Ordinal));
    }

    /// <summary>
    /// A commit checks every row itself (a job's commit does not check the file again first): a file never checked, with a
    /// credit code twice, is refused at the second one and nothing of it is kept.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CommitWithoutACheck_RefusesADuplicateInTheFile_AndKeepsNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, "dup-importer"),
                new(System.Security.Claims.ClaimTypes.Name, "dup-importer"),
                new(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test"));
        string first = RegistryTests.NewCreditCode(), twice = RegistryTests.NewCreditCode();
        var csv = RegistryTests.Csv("统一社会信用代码,企业名称,所属板块", $"{first},扬州未查甲{first[^6..]}有限公司,邗江区",
            $"{twice},扬州未查乙{twice[^6..]}有限公司,邗江区", $"{twice},扬州未查丙{twice[^6..]}有限公司,江都区");
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().Importer("enterprises")!;
        using var file = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "dup.csv");

        var check = await importer.CheckForCommitAsync(file, admin, false, CancellationToken.None);
        var outcome = await importer.CommitImportAsync(check, admin, null, CancellationToken.None);

        Assert.Equal((0, 0, true), (check.Added, check.ProblemCount, check.CanCommit));
        Assert.False(outcome.Committed);
        Assert.Equal(4, Assert.Single(outcome.Problems).Row);
        Assert.Equal(0, app.Use(d => d.Enterprises.Count(e => e.CreditCode == first || e.CreditCode == twice)));
    }

    /// <summary>A district clerk of <paramref name="districtId"/> as the importer sees one, for commits called directly.</summary>
    /// <summary>
    /// A load of more rows than the table holds (from <c>Imports:RebuildIndexesFrom</c> rows, 100 here) drops the enterprises'
    /// secondary indexes (and on PostgreSQL the bigrams' primary key) in its transaction and builds them again after its rows.
    /// Refused at its last row, it leaves every index as it was, the same objects (SQLite's root pages, PostgreSQL's oids),
    /// and no row; committed, the indexes have the same definitions, are new objects, and hold the rows (SQLite's integrity
    /// check; the name search finds them through the bigrams).
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LargeLoad_BuildsIndexesAfterItsRows_AndARefusedOneLeavesThemAsTheyWere(DatabaseProvider db)
    {
        using var app = FipApp.Start(db, new Dictionary<string, string> { ["Imports:RebuildIndexesFrom"] = "100" });
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (hanjiang, jiangdu) = app.Use(d => (d.Districts.Single(x => x.ShortName == "邗江区").Id,
            d.Districts.Single(x => x.ShortName == "江都区").Id));
        var moving = RegistryTests.NewCreditCode();
        var (status, _) = await RegistryTests.Import(admin, "enterprises",
            Encoding.UTF8.GetBytes(RegistryTests.Csv("统一社会信用代码,企业名称,所属板块", $"{moving},扬州重建迁出{moving[^6..]}有限公司,邗江区")),
            "moving.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        var codes = Enumerable.Range(0, 1000).Select(_ => RegistryTests.NewCreditCode()).ToList();
        var district = DistrictImporter(hanjiang);
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!;
        async Task<Fip.Web.Features.Registries.Import.ImportOutcome> CommitAsync(IEnumerable<string> lines, Action? afterCheck = null)
        {
            var csv = RegistryTests.Csv(["统一社会信用代码,企业名称,所属板块", .. lines]);
            var file = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "load.csv");
            var check = await importer.CheckImportAsync(file, district, false, null, CancellationToken.None);
            Assert.True(check.CanCommit);
            afterCheck?.Invoke();
            return await importer.CommitImportAsync(check, district, null, CancellationToken.None);
        }
        var before = Indexes(app);
        Assert.Contains(before, i => i.Name == "IX_Enterprises_ListSearch");

        // 1,000 new rows, then the moving enterprise, which leaves the importer's district between check and commit.
        var outcome = await CommitAsync(
            [.. codes.Select(c => $"{c},扬州重建行{c[^6..]}有限公司,邗江区"), $"{moving},扬州重建迁出改名有限公司,邗江区"],
            () => app.Use(d =>
                d.Enterprises.Where(e => e.CreditCode == moving).ExecuteUpdate(u => u.SetProperty(e => e.DistrictId, jiangdu))));
        Assert.False(outcome.Committed);
        Assert.Equal(before, Indexes(app));
        Assert.Equal(0, app.Use(d => d.Enterprises.Count(e => e.Name.StartsWith("扬州重建行"))));
        Assert.Equal(0, app.Use(d => d.EnterpriseNameGrams.Count(g => g.Gram == "建行")));

        outcome = await CommitAsync(codes.Select(c => $"{c},扬州重建行{c[^6..]}有限公司,邗江区"));
        Assert.True(outcome.Committed);
        Assert.Equal(1000, outcome.Added);
        var after = Indexes(app);
        Assert.Equal(before.Select(i => (i.Name, i.Definition)), after.Select(i => (i.Name, i.Definition)));
        // Rebuilt: new objects for the secondary indexes (the unique credit-code index stays the one it was).
        Assert.NotEqual(before.Single(i => i.Name == "IX_Enterprises_Name").Object,
            after.Single(i => i.Name == "IX_Enterprises_Name").Object);
        Assert.Equal(before.Single(i => i.Name == "IX_Enterprises_CreditCode").Object,
            after.Single(i => i.Name == "IX_Enterprises_CreditCode").Object);
        if (db == DatabaseProvider.Sqlite)
            Assert.Equal("ok", app.Use(d => d.Database
                .SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").ToList().Single()));
        var code = codes[500];
        var found = app.Use(d =>
            EnterpriseNameSearch.Search(d, d.Enterprises, $"重建行{code[^6..]}", hanjiang)!.Select(e => e.CreditCode).ToList());
        Assert.Equal(code, Assert.Single(found));
        Assert.Equal(1000, app.Use(d => d.Enterprises.Count(e => e.DistrictId == hanjiang && e.Name.StartsWith("扬州重建行"))));
    }

    /// <summary>
    /// A large load into a table that holds no enterprise looks nothing up (under the commit's lock nothing is stored but what
    /// it writes): a duplicate in the file is still refused with nothing kept; the load adds every row, with its bigrams and
    /// its import line; a second load into the now filled table finds the stored rows again (updated, unchanged, added).
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LargeFirstLoad_IntoAnEmptyTable_RefusesItsDuplicates_AndTheNextLoadFindsItsRows(DatabaseProvider db)
    {
        using var app = FipApp.Start(db, new Dictionary<string, string> { ["Imports:RebuildIndexesFrom"] = "100" });
        Assert.Equal(0, app.Use(d => d.Enterprises.IgnoreQueryFilters().Count()));
        var hanjiang = app.Use(d => d.Districts.Single(x => x.ShortName == "邗江区").Id);
        var codes = Enumerable.Range(0, 200).Select(_ => RegistryTests.NewCreditCode()).ToList();
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!;
        var user = DistrictImporter(hanjiang);
        var before = Indexes(app);
        // As a job commits: the columns mapped, every row checked by the commit itself.
        async Task<Fip.Web.Features.Registries.Import.ImportOutcome> CommitAsync(IEnumerable<string> lines)
        {
            var csv = RegistryTests.Csv(["统一社会信用代码,企业名称,所属板块", .. lines]);
            var file = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "first.csv");
            var check = await importer.CheckForCommitAsync(file, user, false, CancellationToken.None);
            return await importer.CommitImportAsync(check, user, null, CancellationToken.None);
        }

        var outcome = await CommitAsync([.. codes.Select(c => $"{c},扬州首载{c[^6..]}有限公司,邗江区"), $"{codes[10]},扬州首载重复有限公司,邗江区"]);
        Assert.False(outcome.Committed);
        Assert.Equal(202, Assert.Single(outcome.Problems).Row);
        Assert.Equal(0, app.Use(d => d.Enterprises.IgnoreQueryFilters().Count()));
        Assert.Equal(0, app.Use(d => d.EnterpriseNameGrams.Count()));
        Assert.Equal(before, Indexes(app));

        outcome = await CommitAsync(codes.Select(c => $"{c},扬州首载{c[^6..]}有限公司,邗江区"));
        Assert.True(outcome.Committed);
        Assert.Equal((200, 0, 0), (outcome.Added, outcome.Updated, outcome.Unchanged));
        // The unique credit-code index, too, was built after the rows, as it was defined.
        var after = Indexes(app);
        Assert.Equal(before.Select(i => (i.Name, i.Definition)), after.Select(i => (i.Name, i.Definition)));
        Assert.NotEqual(before.Single(i => i.Name == "IX_Enterprises_CreditCode").Object,
            after.Single(i => i.Name == "IX_Enterprises_CreditCode").Object);
        var code = codes[123];
        var found = app.Use(d =>
            EnterpriseNameSearch.Search(d, d.Enterprises, $"首载{code[^6..]}", hanjiang)!.Select(e => e.CreditCode).ToList());
        Assert.Equal(code, Assert.Single(found));
        Assert.Equal(1, app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.Import && a.EntityType == "Enterprise")));

        // 300 rows against 200 stored: indexes deferred again, but the table is not empty, so each batch is looked up.
        var more = Enumerable.Range(0, 150).Select(_ => RegistryTests.NewCreditCode()).ToList();
        outcome = await CommitAsync([
            .. codes.Take(50).Select(c => $"{c},扬州改名{c[^6..]}有限公司,邗江区"),
            .. codes.Skip(50).Take(100).Select(c => $"{c},扬州首载{c[^6..]}有限公司,邗江区"),
            .. more.Select(c => $"{c},扬州再载{c[^6..]}有限公司,邗江区")]);
        Assert.True(outcome.Committed);
        Assert.Equal((150, 50, 100), (outcome.Added, outcome.Updated, outcome.Unchanged));
        Assert.Equal(350, app.Use(d => d.Enterprises.IgnoreQueryFilters().Count()));
    }

    /// <summary>
    /// On PostgreSQL a large first load also drops its foreign keys (the enterprises' district, their child rows' enterprise and
    /// track) and adds them again after its rows (one join each instead of a trigger a row). A track or a district deleted by
    /// another user after the commit read them (the delete is held open until the commit waits for its table's lock, then
    /// committed) leaves a row referring to nothing: the key's join finds it, the import is refused at that row, naming the
    /// column and the track or district, and nothing is kept: no enterprise, no child row, the keys as they were (same objects).
    /// The same file without that row then loads, with the keys added again as they were defined.
    /// </summary>
    [PostgresFact]
    public Task LargeFirstLoad_OnPostgres_ATrackDeletedDuringTheCommit_IsRefusedAndNothingKept() => ReferenceGoneAsync(district: false);

    [PostgresFact]
    public Task LargeFirstLoad_OnPostgres_ADistrictDeletedDuringTheCommit_IsRefusedAndNothingKept() => ReferenceGoneAsync(district: true);

    private static async Task ReferenceGoneAsync(bool district)
    {
        using var app = FipApp.Start(DatabaseProvider.Postgres, new Dictionary<string, string> { ["Imports:RebuildIndexesFrom"] = "100" });
        Assert.Equal(0, app.Use(d => d.Enterprises.IgnoreQueryFilters().Count()));
        var hanjiang = app.Use(d => d.Districts.Single(x => x.ShortName == "邗江区").Id);
        var (trackId, trackName, kept) = app.Use(d =>
        {
            var plan = d.Plans.Single(p => p.IsCurrent);
            var tier = d.Set<Fip.Web.Features.Plans.TrackTier>().First(t => t.PlanId == plan.Id);
            var track = new Fip.Web.Features.Plans.Track
            { PlanId = plan.Id, TierId = tier.Id, Code = "t-gone", Name = "导入期间删除赛道", SortOrder = 99 };
            d.Tracks.Add(track);
            d.Save();
            var other = d.Tracks.First(t => t.PlanId == plan.Id && t.Id != track.Id).Name;
            return (track.Id, track.Name, other);
        });
        var (goneDistrictId, goneDistrict) = app.Use(d =>
        {
            var gone = new Fip.Web.Features.Organisation.District { Name = "导入期间撤销区", ShortName = "撤销区", SortOrder = 99 };
            d.Districts.Add(gone);
            d.Save();
            return (gone.Id, gone.ShortName);
        });
        var codes = Enumerable.Range(0, 200).Select(_ => RegistryTests.NewCreditCode()).ToList();
        string Line(int i) => $"{codes[i]},扬州外键{codes[i][^6..]}有限公司,{(district && i == 150 ? goneDistrict : "邗江区")},"
            + $"{(!district && i == 150 ? trackName : kept)},高新技术企业(2022)";
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!;
        // A district's importer for the track (its rows are its district's); the city's for a row in another district.
        var user = district ? CityImporter() : DistrictImporter(hanjiang);
        Task<Fip.Web.Features.Registries.Import.ImportOutcome> CommitAsync(IEnumerable<string> lines)
        {
            var csv = RegistryTests.Csv(["统一社会信用代码,企业名称,所属板块,产业方向,企业资质", .. lines]);
            var file = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "keys.csv");
            return Task.Run(async () => await importer.CommitImportAsync(
                await importer.CheckForCommitAsync(file, user, false, CancellationToken.None), user, null, CancellationToken.None));
        }
        var keysBefore = ForeignKeys(app);
        Assert.Equal(4, keysBefore.Count);
        var (table, id) = district ? ("Districts", goneDistrictId) : ("Tracks", trackId);

        await using (var other = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await other.OpenAsync();
            await using var deleting = await other.BeginTransactionAsync();
            await using (var delete = new Npgsql.NpgsqlCommand($"DELETE FROM \"{table}\" WHERE \"Id\" = {id}", other, deleting))
                Assert.Equal(1, await delete.ExecuteNonQueryAsync());
            var commit = CommitAsync(codes.Select((_, i) => Line(i)));
            // The commit has read the tracks and districts (the deleted one is still there for it) and waits for the delete's
            // locks (on that table, and on the tables the delete checked) to drop the keys.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!commit.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(20)
                && app.Use(d => d.Database.SqlQueryRaw<int>(
                    "SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE NOT granted AND relation IN ('\"Tracks\"'::regclass, "
                    + "'\"EnterpriseTracks\"'::regclass, '\"Districts\"'::regclass, '\"Enterprises\"'::regclass)")
                    .ToList().Single()) == 0)
                await Task.Delay(20);
            Assert.False(commit.IsCompleted, "the commit ended before it waited for the deleted row's table");
            await deleting.CommitAsync();
            var outcome = await commit;
            Assert.False(outcome.Committed);
            var problem = Assert.Single(outcome.Problems);
            Assert.Equal(district ? (152, "所属板块", goneDistrict) : (152, "产业方向", trackName), (problem.Row, problem.Column, problem.Value));
            Assert.Contains("导入期间已被删除", problem.Reason, StringComparison.Ordinal);
        }
        Assert.Equal(0, app.Use(d => d.Enterprises.IgnoreQueryFilters().Count()));
        Assert.Equal(0, app.Use(d => d.Set<EnterpriseTrack>().Count() + d.Set<EnterpriseQualification>().Count()));
        Assert.Equal(0, app.Use(d => d.EnterpriseNameGrams.Count()));
        Assert.Equal(keysBefore, ForeignKeys(app));

        var loaded = await CommitAsync(codes.Select((_, i) => Line(i)).Where((_, i) => i != 150));
        Assert.True(loaded.Committed);
        Assert.Equal(199, loaded.Added);
        var keysAfter = ForeignKeys(app);
        Assert.Equal(keysBefore.Select(k => (k.Name, k.Definition)), keysAfter.Select(k => (k.Name, k.Definition)));
        Assert.NotEqual(keysBefore.Select(k => k.Object), keysAfter.Select(k => k.Object));
        Assert.Equal(199, app.Use(d => d.Set<EnterpriseTrack>().Count()));
        Assert.Equal(199, app.Use(d => d.Set<EnterpriseQualification>().Count()));
    }

    /// <summary>The foreign keys a first load drops (the enterprises' district, their tracks' and qualifications' keys): name,
    /// definition, and the constraint's oid.</summary>
    private static List<(string Name, string Definition, long Object)> ForeignKeys(FipApp app) => app.Use(d =>
    {
        var connection = d.Database.GetDbConnection();
        d.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT conname::text, pg_get_constraintdef(oid), oid::bigint FROM pg_constraint WHERE contype = 'f' "
            + "AND (conrelid IN ('\"EnterpriseTracks\"'::regclass, '\"EnterpriseQualifications\"'::regclass) "
            + "OR conrelid = '\"Enterprises\"'::regclass AND confrelid = '\"Districts\"'::regclass) ORDER BY 1";
        var list = new List<(string, string, long)>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) list.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        d.Database.CloseConnection();
        return list;
    });

    /// <summary>The indexes of the enterprises and their bigrams: name, definition, and the object holding them.</summary>
    private static List<(string Name, string Definition, long Object)> Indexes(FipApp app) => app.Use(d =>
    {
        var connection = d.Database.GetDbConnection();
        d.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = d.Database.IsSqlite()
            ? "SELECT name, ifnull(sql, ''), rootpage FROM sqlite_master WHERE type = 'index' "
              + "AND tbl_name IN ('Enterprises', 'EnterpriseNameGrams') ORDER BY name"
            : "SELECT c.relname::text, pg_get_indexdef(c.oid), c.oid::bigint FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
              + "WHERE i.indrelid IN ('\"Enterprises\"'::regclass, '\"EnterpriseNameGrams\"'::regclass) ORDER BY 1";
        var list = new List<(string, string, long)>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) list.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        d.Database.CloseConnection();
        return list;
    });

    private static System.Security.Claims.ClaimsPrincipal CityImporter() =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, "city-importer"),
                new(System.Security.Claims.ClaimTypes.Name, "city-importer"),
                new(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test"));

    private static System.Security.Claims.ClaimsPrincipal DistrictImporter(int districtId) =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, "district-importer"),
                new(System.Security.Claims.ClaimTypes.Name, "district-importer"),
                new(System.Security.Claims.ClaimTypes.Role, Roles.District),
                new(ScopeClaims.District, districtId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));

    /// <summary>An import's created lines are written by their own serialiser (<see cref="AuditedInsert.CreatedLine{T}"/>, no dictionary
    /// a line, and <see cref="AuditedInsert.CreatedLines"/> straight into a batch): the same JSON as a save's
    /// (<see cref="AuditInterceptor.SerializeValues"/>), secrets masked alike.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public void ImportsCreatedLine_IsTheSameJsonAsASaves(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        string Expected<T>(T row) where T : class => AuditInterceptor.SerializeValues(context.Model.FindEntityType(typeof(T))!
            .GetProperties().Select(p => (p.Name, p.GetGetter().GetClrValue(row))));
        var enterprise = new Enterprise
        {
            Id = 7,
            Name = "扬州\"引号\"科技有限公司",
            ShortName = null,
            CreditCode = "91321000MA1XXXXX0X",
            DistrictId = 3,
            CreatedAt = new DateTime(2026, 12, 6, 1, 2, 3, DateTimeKind.Utc),
        };
        Assert.Equal(Expected(enterprise), context.CreatedLine(enterprise, DateTime.UtcNow).After);
        var user = new AppUser { Id = "u1", UserName = "审计", PasswordHash = "AQAAAAsecret", SecurityStamp = "stamp" };
        var line = context.CreatedLine(user, DateTime.UtcNow).After!;
        Assert.Equal(Expected(user), line);
        Assert.DoesNotContain("AQAAAAsecret", line, StringComparison.Ordinal);
        // A batch's lines, written straight into its JSON array, hold the same values, under the type's name and the key.
        var batch = new AuditedInsert.CreatedLines(context, 0);
        batch.Add(enterprise);
        batch.Add(user);
        var lines = JsonDocument.Parse(batch.Finish()).RootElement.EnumerateArray()
            .Select(l => (l[0].GetString(), l[1].GetString(), l[2].GetRawText())).ToList();
        Assert.Equal([("Enterprise", "7", Expected(enterprise)), ("AppUser", "u1", Expected(user))], lines);
    }
}
