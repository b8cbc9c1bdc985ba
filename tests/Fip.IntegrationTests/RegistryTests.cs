using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

public class RegistryTests
{
    static RegistryTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static long _serial = Environment.ProcessId % 100 * 100_000L;

    /// <summary>A valid, unused 统一社会信用代码 in 邗江区 (321003), different on every call and from every random demo code
    /// (random codes drawn against a large shared database collided now and then).</summary>
    internal static string NewCreditCode() =>
        Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", Interlocked.Increment(ref _serial));

    internal static string Csv(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    internal static MultipartFormDataContent FileContent(byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType =
            new MediaTypeHeaderValue(name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : RegistriesApi.Xlsx);
        content.Add(file, "file", name);
        return content;
    }

    internal static async Task<(HttpStatusCode Status, ImportResultDto Result)> Import(HttpClient client, string registry, byte[] bytes,
        string name, bool commit)
    {
        var response = await client.PostAsync($"/api/v1/{registry}/import?commit={(commit ? "true" : "false")}", FileContent(bytes, name));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {text}");
        return (response.StatusCode, JsonSerializer.Deserialize<ImportResultDto>(text, Json.Options)!);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ImportEnterprises_GoodFile_CommitsValues_AndTwiceChangesNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        string a = NewCreditCode(), b = NewCreditCode();
        var csv = Csv(
            "统一社会信用代码,企业名称,所属板块,产业方向,企业资质,注册资本（万元）,成立日期,联系人,联系电话",
            $"{a},扬州测试甲航空科技有限公司,邗江区,低空经济、元宇宙,高新技术企业(2022)、专精特新中小企业(2023),5000,2016-05-20,王明,13800001111",
            $"{b},\"扬州测试乙新材料有限公司, 二号\",江都区,前沿新材料,,1200.5,2019/3/8,,");
        var bytes = new UTF8Encoding(true).GetBytes(csv);
        var (status, check) = await Import(admin, "enterprises", bytes, "good.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(check.Committed);
        Assert.Equal(2, check.Added);

        var stored =
            app.Use(
                d => d.Enterprises
                    .Include(e => e.Tracks)
                    .ThenInclude(t => t.Track)
                    .Include(e => e.Qualifications)
                    .Include(e => e.District)
                    .AsNoTracking()
                    .Single(e => e.CreditCode == a));
        Assert.Equal("扬州测试甲航空科技有限公司", stored.Name);
        Assert.Equal("邗江区", stored.District.ShortName);
        Assert.Equal(["低空经济", "元宇宙"], stored.Tracks.Select(t => t.Track.Name).Order());
        Assert.Contains(stored.Qualifications, q => q.Kind == QualificationKind.SpecialisedSme && q.Year == 2023);
        Assert.Equal(5000m, stored.RegisteredCapital);
        Assert.Equal(new DateOnly(2016, 5, 20), stored.FoundedOn);
        Assert.Equal("扬州测试乙新材料有限公司, 二号", app.Use(d => d.Enterprises.Single(e => e.CreditCode == b).Name));

        // Other tests write to the same database at the same time: count this admin's audit lines only.
        var audits = app.Use(d => d.AuditEntries.Count(x => x.UserName == adminUser.UserName));
        var version = app.Use(d => d.Enterprises.Single(e => e.CreditCode == a).Version);
        var (_, again) = await Import(admin, "enterprises", bytes, "good.csv", commit: true);
        Assert.Equal((0, 0, 2), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal(version, app.Use(d => d.Enterprises.Single(e => e.CreditCode == a).Version));
        // The first import is audited: its line in the log, and its two new enterprises in its batch.
        Assert.Equal(1, app.Use(d => d.AuditEntries.Count(x => x.UserName == adminUser.UserName
            && x.Action == Fip.Web.Features.Audit.AuditActions.Import)));
        Assert.Equal(2, app.Use(d => d.Set<Fip.Web.Features.Audit.AuditBatch>().Where(x => x.UserName == adminUser.UserName)
            .Sum(x => x.Records)));
        Assert.Equal(audits, app.Use(d => d.AuditEntries.Count(x => x.UserName == adminUser.UserName)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ImportEnterprises_OneBadRow_ChangesNothing_AndListsEveryProblem(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        string good = NewCreditCode();
        var csv = Csv(
            "统一社会信用代码,企业名称,所属板块,注册资本（万元）",
            $"{good},扬州好行企业有限公司,邗江区,100",
            "91320214745555318X,扬州坏行企业有限公司,火星区,很多",
            $"{good},重复企业,邗江区,1");
        var (status, result) = await Import(admin, "enterprises", Encoding.UTF8.GetBytes(csv), "bad.csv", commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(result.Committed);
        Assert.False(app.Use(d => d.Enterprises.Any(e => e.CreditCode == good)), "the good row of a refused file is not stored either");
        Assert.Contains(result.Problems, p => p.Row == 3 && p.Column == "统一社会信用代码" && p.Reason.Contains("校验位", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Row == 3 && p.Column == "所属板块" && p.Value == "火星区");
        Assert.Contains(result.Problems, p => p.Row == 3 && p.Column == "注册资本（万元）");
        Assert.Contains(result.Problems, p => p.Row == 4 && p.Reason.Contains("第2行", StringComparison.Ordinal));

        var unknownColumn = Csv("统一社会信用代码,企业名称,所属板块,神秘列", $"{NewCreditCode()},某公司,邗江区,x");
        var (_, columns) = await Import(admin, "enterprises", Encoding.UTF8.GetBytes(unknownColumn), "cols.csv", commit: true);
        Assert.Contains(columns.FileProblems, p => p.Contains("神秘列", StringComparison.Ordinal));
        var missing = Csv("企业名称,所属板块", "某公司,邗江区");
        var (_, missingResult) = await Import(admin, "enterprises", Encoding.UTF8.GetBytes(missing), "missing.csv", commit: true);
        Assert.Contains(missingResult.FileProblems, p => p.Contains("统一社会信用代码", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ImportGb18030Csv_AsChineseExcelWritesIt(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = NewCreditCode();
        var csv = Csv("统一社会信用代码,企业名称,所属板块,产业方向", $"{code},扬州氢能动力科技有限公司,仪征市,氢能");
        var (status, result) = await Import(admin, "enterprises", Encoding.GetEncoding("GB18030").GetBytes(csv), "gbk.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, result.Added);
        Assert.Equal("扬州氢能动力科技有限公司", app.Use(d => d.Enterprises.Single(e => e.CreditCode == code).Name));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ImportProducts_ByEnterpriseCode_AndExportRoundTripsThroughXlsx(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = NewCreditCode();
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/enterprises",
                new { creditCode = code, name = "扬州飞控测试有限公司" + code[^4..], district = "邗江区" })).StatusCode);
        var csv = Csv("产品名称,所属企业,产业方向,研发阶段,认定级别,首台（套）", $"YZ-{code[^4..]}型飞控系统,{code},低空经济,样机,省级,是");
        var (status, result) = await Import(admin, "products", Encoding.UTF8.GetBytes(csv), "products.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, result.Added);
        var productName = $"YZ-{code[^4..]}型飞控系统";
        var product = app.Use(d => d.KeyProducts.AsNoTracking().Single(p => p.Name == productName));
        Assert.Equal(ProductStage.Prototype, product.Stage);
        Assert.Equal(RecognitionLevel.Provincial, product.RecognitionLevel);
        Assert.True(product.FirstOfItsKind);

        var xlsx = await admin.GetByteArrayAsync($"/api/v1/products/export?format=xlsx&q=YZ-{code[^4..]}");
        var file = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(xlsx), "export.xlsx");
        Assert.Equal("产品名称", file.Headers[0]);
        var row = Assert.Single(file.Rows);
        Assert.Equal($"YZ-{code[^4..]}型飞控系统", row.Cells[0]);
        Assert.Equal("样机", row.Cells[file.Headers.ToList().IndexOf("研发阶段")]);
        // The export imports back unchanged.
        var (_, again) = await Import(admin, "products", xlsx, "export.xlsx", commit: true);
        Assert.Equal((0, 0, 1), (again.Added, again.Updated, again.Unchanged));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Export_NeutralisesFormulas(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/v1/scenarios",
            new
            {
                name = $"=HYPERLINK(\"http://x\",\"{marker}\")",
                owner = "@测试单位",
                district = "广陵区",
                kind = "示范",
                stage = "早期验证",
                status = "征集"
            });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var csv = await admin.GetStringAsync($"/api/v1/scenarios/export?format=csv&q={marker}");
        Assert.Contains("\"'=HYPERLINK(", csv, StringComparison.Ordinal);
        Assert.Contains("'@测试单位", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task StaleUpdate_Gets409_AndChangesNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = NewCreditCode();
        var create = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = code, name = "扬州并发测试有限公司" + code[^4..], district = "邗江区", employees = 10 });
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var v1 = create.Headers.ETag!.Tag;
        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{id}")
        { Content = JsonContent.Create(new { employees = 20 }) };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue(v1));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(first)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{id}")
        { Content = JsonContent.Create(new { employees = 99 }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(v1));
        var response = await admin.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(20, app.Use(d => d.Enterprises.Single(e => e.Id == id).Employees));
        var missingVersion = await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}", new { employees = 98 });
        Assert.Equal(HttpStatusCode.Conflict, missingVersion.StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DistrictUser_CannotChangeAnotherDistrictsEnterprise_ThroughApiOrPage(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = NewCreditCode();
        var create = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new
            {
                creditCode = code,
                name = "扬州高邮测试有限公司" + code[^4..],
                district = "高邮市",
                contactPerson = "李华",
                contactPhone = "13912345678"
            });
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var version = create.Headers.ETag!.Tag.Trim('"');

        var (district, districtUser) = await app.ApiClientAsync(Roles.District); // 邗江区
        var put = await district.PutAsJsonAsync($"/api/v1/enterprises/{id}", new { name = "改名", version });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await district.DeleteAsync($"/api/v1/enterprises/{id}")).StatusCode);
        var moveIn = await district.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = NewCreditCode(), name = "别区企业", district = "高邮市" });
        Assert.Equal(HttpStatusCode.Forbidden, moveIn.StatusCode);

        // Reading is allowed, but personal data is masked.
        var view = await district.GetFromJsonAsync<RecordView>($"/api/v1/enterprises/{id}", Json.Options);
        Assert.Equal("李*", view!.Values["contactPerson"]);
        Assert.Equal("139****5678", view.Values["contactPhone"]);
        Assert.False(view.CanEdit);

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, districtUser.UserName!, FipApp.UserPassword);
        var page = await browser.GetAsync($"/Registries/enterprises/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var post = await FipApp.PostFormAsync(browser, $"/Registries/enterprises/Edit/{id}",
            new Dictionary<string, string> { ["v.name"] = "改名", ["version"] = version }, formPage: $"/Registries/enterprises/{id}");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("扬州高邮测试有限公司", app.Use(d => d.Enterprises.Single(e => e.Id == id).Name), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SoftDelete_HidesTheRecord_AndAnAdminRestoresIt(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var name = "扬州软删除园" + Guid.NewGuid().ToString("N")[..6];
        var create = await admin.PostAsJsonAsync("/api/v1/parks", new { name, district = "江都区", status = "在建", tracks = new[] { "低空经济" } });
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/parks/{id}")).StatusCode);
        var list = await admin.GetFromJsonAsync<RecordPage>($"/api/v1/parks?q={name}", Json.Options);
        Assert.Equal(0, list!.Total);
        var (district, _) = await app.ApiClientAsync(Roles.District);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/v1/parks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/parks/{id}/restore", null)).StatusCode);
        Assert.Equal(1, (await admin.GetFromJsonAsync<RecordPage>($"/api/v1/parks?q={name}", Json.Options))!.Total);
        Assert.True(
            app.Use(
                d =>
                    d.AuditEntries.Count(
                        a => a.EntityType == "PilotPark"
                            && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture))) >= 3);
    }

    /// <summary>Chinese characters no other test's names use (CJK Extension A), different on every call.</summary>
    private static string RareChineseWord(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)Random.Shared.Next(0x3400, 0x4DB0)));

    private static async Task<int> TotalOf(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<RecordPage>($"/api/v1/enterprises?{query}", Json.Options))!.Total;

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NameSearch_FollowsEveryEdit_RenameMoveDeleteRestore(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        string before = RareChineseWord(4), after = RareChineseWord(4), shortName = RareChineseWord(3);
        var created = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = NewCreditCode(), name = $"扬州{before}科技有限公司", shortName, district = "邗江区", tracks = "低空经济" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var record = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = record.GetProperty("id").GetInt32();
        int hanjiang = app.Use(d => d.Districts.Single(x => x.ShortName == "邗江区").Id),
            jiangdu = app.Use(d => d.Districts.Single(x => x.ShortName == "江都区").Id);
        var lowAltitude = app.Use(d => d.Tracks.Single(x => x.Name == "低空经济").Id);

        Assert.Equal(1, await TotalOf(admin, $"q={before}"));
        Assert.Equal(1, await TotalOf(admin, $"q={before[1..3]}&district={hanjiang}&track={lowAltitude}"));
        Assert.Equal(1, await TotalOf(admin, $"q={before[2..]}科技"));          // across the word's edge
        Assert.Equal(1, await TotalOf(admin, $"q={shortName}"));                 // the short name too
        Assert.Equal(0, await TotalOf(admin, $"q={before[0]}{before[2]}"));     // both characters, not next to each other
        Assert.Equal(0, await TotalOf(admin, $"q={before}&district={jiangdu}"));

        // Rename and move: the new name is found in the new district, the old name and district no longer.
        var put = await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}",
            new { name = $"扬州{after}科技有限公司", district = "江都区", version = record.GetProperty("version").GetString() });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0, await TotalOf(admin, $"q={before}"));
        Assert.Equal(1, await TotalOf(admin, $"q={after}&district={jiangdu}"));
        Assert.Equal(0, await TotalOf(admin, $"q={after}&district={hanjiang}"));
        Assert.Equal(1, await TotalOf(admin, $"q={shortName}&district={jiangdu}"));

        // The list page finds it by the new words too.
        var leader = app.BrowserClient();
        var leaderUser = await app.CreateUserAsync(Roles.Leader);
        await FipApp.SignInAsync(leader, leaderUser.UserName!, FipApp.UserPassword);
        var html = await leader.GetStringAsync($"/Registries/enterprises?q={Uri.EscapeDataString(after[1..])}&district={jiangdu}");
        Assert.Contains($"扬州{after}科技有限公司", html, StringComparison.Ordinal);
        Assert.Contains("共1条", html, StringComparison.Ordinal);

        // Soft delete hides it, restore brings it back.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/enterprises/{id}")).StatusCode);
        Assert.Equal(0, await TotalOf(admin, $"q={after}"));
        Assert.True((await admin.PostAsync($"/api/v1/enterprises/{id}/restore", null)).IsSuccessStatusCode);
        Assert.Equal(1, await TotalOf(admin, $"q={after}"));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NameSearch_GivesTheRowsOfALikeSubstring_ForImportedNames(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var word = RareChineseWord(3);
        var names = new[] { $"扬州{word}航空科技有限公司", $"{word}abc新材料有限公司", $"扬州{word[..2]}数字科技有限公司", $"扬州{word}%_有限公司" };
        var csv = Csv(["统一社会信用代码,企业名称,所属板块", .. names.Select(n => $"{NewCreditCode()},{n},邗江区")]);
        var (status, _) = await Import(admin, "enterprises", new UTF8Encoding(true).GetBytes(csv), "names.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);

        foreach (var q in new[] { word, word[..2], $"{word}航空", $"{word}ABC", $"{word}abc新", $"{word}%_", "科技有限", $"{word[1..]}数字" })
        {
            var expected =
                app.Use(d =>
                    d.Enterprises.Where(e => !e.IsDeleted && (EF.Functions.Like(e.Name, Fip.Web.Infrastructure.Like.Contains(q), "\\")
                || EF.Functions.Like(e.ShortName!, Fip.Web.Infrastructure.Like.Contains(q), "\\"))).Select(e => e.Id)
                    .OrderBy(x => x)
                    .ToList());
            var page = await admin.GetFromJsonAsync<RecordPage>($"/api/v1/enterprises?q={Uri.EscapeDataString(q)}&pageSize=200",
                Json.Options);
            if (expected.Count <= 200) Assert.Equal(expected, page!.Items.Select(i => i.Id).Order().ToList());
            Assert.Equal(expected.Count, page!.Total);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NameSearch_InADistrictOrTheCity_GivesTheLikeRowsNewestFirst_AndThePageCapsItsCount(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var word = RareChineseWord(3);
        // 1,030 names with the word in 邗江区 (every third in 低空经济), 40 holding both of its bigrams apart (found by the
        // index, refused by LIKE), and a few in 江都区: more than one chunk of candidates and more than the page's count limit.
        var rows = new List<string> { "统一社会信用代码,企业名称,所属板块,产业方向" };
        // Every fifth, one in 江都区 too, interleaved by key: a search of the whole city merges the districts' postings.
        for (var i = 0; i < 1030; i++)
        {
            rows.Add($"{NewCreditCode()},扬州{word}{i:0000}科技有限公司,邗江区,{(i % 3 == 0 ? "低空经济" : "元宇宙")}");
            if (i % 5 == 0) rows.Add($"{NewCreditCode()},江都{word}{i:0000}科技有限公司,江都区,{(i % 2 == 0 ? "低空经济" : "元宇宙")}");
        }
        for (var i = 0; i < 40; i++) rows.Add($"{NewCreditCode()},扬州{word[..2]}中{word[1..]}{i:00}有限公司,邗江区,低空经济");
        for (var i = 0; i < 5; i++) rows.Add($"{NewCreditCode()},扬州{word}{i:00}江都有限公司,江都区,低空经济");
        var (status, _) = await Import(admin, "enterprises", new UTF8Encoding(true).GetBytes(Csv([.. rows])), "many.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        int hanjiang = app.Use(d => d.Districts.Single(x => x.ShortName == "邗江区").Id),
            lowAltitude = app.Use(d => d.Tracks.Single(x => x.Name == "低空经济").Id);
        var deleted = app.Use(d => d.Enterprises.Where(e => e.Name.StartsWith("扬州" + word + "000")).Select(e => e.Id).ToList());
        foreach (var id in deleted)
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/enterprises/{id}")).StatusCode);

        (int?, int?)[] searches = [(hanjiang, null), (hanjiang, lowAltitude), (null, null), (null, lowAltitude)];
        foreach (var (district, track) in searches)
        {
            var pattern = Fip.Web.Infrastructure.Like.Contains(word);
            var expected =
                app.Use(d =>
                    d.Enterprises.Where(e => !e.IsDeleted
                        && (district == null || e.DistrictId == district)
                        && (track == null || e.Tracks.Any(t => t.TrackId == track))
                && (EF.Functions.Like(e.Name, pattern, "\\") || EF.Functions.Like(e.ShortName!, pattern, "\\"))).OrderByDescending(
                    e => e.Id).Select(e => e.Id).ToList());
            Assert.True(expected.Count > (track is null ? 1000 : 300));
            var seen = new List<int>();
            for (var page = 1; seen.Count < expected.Count; page++)
            {
                var result =
                    await admin.GetFromJsonAsync<RecordPage>(
                        $"/api/v1/enterprises?q={Uri.EscapeDataString(word)}{(district is { } h ? $"&district={h}" : "")}" +
                        $"{(track is { } t ? $"&track={t}" : "")}&pageSize=200&page={page}", Json.Options);
                Assert.Equal(expected.Count, result!.Total);
                Assert.NotEmpty(result.Items);
                seen.AddRange(result.Items.Select(i => i.Id));
            }
            Assert.Equal(expected, seen);
        }

        // The list page counts to 1,000 and says so; its second page holds the 26th to the 50th newest.
        var all =
            app.Use(
                d => d.Enterprises
                    .Where(e => !e.IsDeleted && e.DistrictId == hanjiang && e.Name.Contains(word))
                    .OrderByDescending(e => e.Id)
                    .Select(e => e.Name)
                    .Take(50)
                    .ToList());
        var leader = app.BrowserClient();
        var leaderUser = await app.CreateUserAsync(Roles.Leader);
        await FipApp.SignInAsync(leader, leaderUser.UserName!, FipApp.UserPassword);
        var html = await leader.GetStringAsync($"/Registries/enterprises?q={Uri.EscapeDataString(word)}&district={hanjiang}&p=2");
        Assert.Contains("超过1000条", html, StringComparison.Ordinal);
        Assert.Contains(all[25], html, StringComparison.Ordinal);
        Assert.Contains(all[49], html, StringComparison.Ordinal);
        Assert.DoesNotContain(all[24], html, StringComparison.Ordinal);

        // The whole city's list (a leader's search without a district): the same, over both districts' names merged by key.
        var city = app.Use(d => d.Enterprises.Where(e => !e.IsDeleted && e.Name.Contains(word)).OrderByDescending(e => e.Id)
            .Select(e => e.Name).Take(50).ToList());
        Assert.Contains(city.Take(50), n => n.StartsWith("江都", StringComparison.Ordinal));
        html = await leader.GetStringAsync($"/Registries/enterprises?q={Uri.EscapeDataString(word)}&p=2");
        Assert.Contains("超过1000条", html, StringComparison.Ordinal);
        Assert.Contains(city[25], html, StringComparison.Ordinal);
        Assert.Contains(city[49], html, StringComparison.Ordinal);
        Assert.DoesNotContain(city[24], html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The list page keeps a name search's ids between requests (until a registry write): every kind of write that changes
    /// what the list holds shows on the next read, and a reader of another scope never gets the ids kept for the first.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ListPage_KeptIds_FollowEveryWrite_AndEachReadersScope(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var tag = RareChineseWord(3);
        async Task<int> Register(string name, string track, string? code = null)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/enterprises",
                new { creditCode = code ?? NewCreditCode(), name = $"扬州{tag}{name}有限公司", district = "邗江区", tracks = track });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        async Task Update(int id, object values)
        {
            var fields = JsonSerializer.SerializeToElement(values).EnumerateObject()
                .ToDictionary(p => p.Name, p => (object?)p.Value.GetString());
            fields["version"] = app.Use(d => d.Enterprises.Single(e => e.Id == id).Version);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}", fields)).StatusCode);
        }
        var first = await Register("甲", "低空经济");
        var other = await Register("乙", "元宇宙");
        int hanjiang = app.Use(d => d.Districts.Single(x => x.ShortName == "邗江区").Id),
            lowAltitude = app.Use(d => d.Tracks.Single(x => x.Name == "低空经济").Id);
        var clerk = app.BrowserClient();
        await FipApp.SignInAsync(clerk, (await app.CreateUserAsync(Roles.District)).UserName!, FipApp.UserPassword);
        var url = $"/Registries/enterprises?q={Uri.EscapeDataString(tag)}&district={hanjiang}&track={lowAltitude}";
        async Task<List<string>> Listed(HttpClient client)
        {
            var html = await client.GetStringAsync(url);
            var names = System.Text.RegularExpressions.Regex.Matches(html, $"扬州{tag}(.)有限公司").Select(m => m.Groups[1].Value).Distinct()
                .ToList();
            Assert.Contains($"共{names.Count}条", html, StringComparison.Ordinal);
            return names;
        }
        Assert.Equal(["甲"], await Listed(clerk));
        Assert.Equal(["甲"], await Listed(clerk)); // read again: the kept ids

        var third = await Register("丙", "低空经济");
        Assert.Equal(["丙", "甲"], await Listed(clerk)); // registered: listed first
        await Update(other, new { tracks = "元宇宙、低空经济" });
        Assert.Equal(["丙", "乙", "甲"], await Listed(clerk)); // a track added
        await Update(third, new { tracks = "元宇宙" });
        Assert.Equal(["乙", "甲"], await Listed(clerk)); // a track removed
        await Update(other, new { name = $"扬州{tag[..2]}乙有限公司" });
        Assert.Equal(["甲"], await Listed(clerk)); // renamed without the word
        await Update(third, new { tracks = "低空经济", district = "江都区" });
        Assert.Equal(["甲"], await Listed(clerk)); // in the track again, but moved to another district
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/enterprises/{first}")).StatusCode);
        Assert.Empty(await Listed(clerk)); // deleted
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/enterprises/{first}/restore", null)).StatusCode);
        Assert.Equal(["甲"], await Listed(clerk)); // restored

        // An enterprise's account reads the same list: only its own enterprise, never the ids kept for the district's clerk.
        var owner = await app.CreateUserAsync(Roles.Enterprise);
        await Register("丁", "低空经济", owner.EnterpriseUscc);
        Assert.Equal(["丁", "甲"], await Listed(clerk));
        var enterprise = app.BrowserClient();
        await FipApp.SignInAsync(enterprise, owner.UserName!, FipApp.UserPassword);
        Assert.Equal(["丁"], await Listed(enterprise));
        Assert.Equal(["丁", "甲"], await Listed(clerk));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task List_FiltersByDistrictTrackAndNameSubstring_AndEnterpriseUsersSeeOnlyTheirOwn(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var tag = RareChineseWord(3); // not hex digits: those could also match another test's credit codes
        foreach (var (district, track) in new[] { ("邗江区", "低空经济"), ("邗江区", "元宇宙"), ("江都区", "低空经济") })
            Assert.Equal(HttpStatusCode.Created,
                (await admin.PostAsJsonAsync("/api/v1/enterprises",
                    new { creditCode = NewCreditCode(), name = $"扬州{tag}{district}{track}有限公司", district, tracks = track })).StatusCode);
        var hanjiang = app.Use(d => d.Districts.Single(x => x.ShortName == "邗江区").Id);
        var lowAltitude = app.Use(d => d.Tracks.Single(x => x.Name == "低空经济").Id);
        var page = await admin.GetFromJsonAsync<RecordPage>($"/api/v1/enterprises?q={tag}&district={hanjiang}&track={lowAltitude}",
            Json.Options);
        var only = Assert.Single(page!.Items);
        Assert.Contains("邗江区低空经济", only.Title, StringComparison.Ordinal);
        Assert.Equal(3, (await admin.GetFromJsonAsync<RecordPage>($"/api/v1/enterprises?q={tag}", Json.Options))!.Total);

        var (enterprise, user) = await app.ApiClientAsync(Roles.Enterprise);
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/enterprises",
                new { creditCode = user.EnterpriseUscc, name = $"扬州{tag}自有企业有限公司", district = "邗江区" })).StatusCode);
        var own = await enterprise.GetFromJsonAsync<RecordPage>("/api/v1/enterprises?pageSize=200", Json.Options);
        var mine = Assert.Single(own!.Items);
        Assert.Equal(user.EnterpriseUscc, mine.Values["creditCode"]);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CreateWithBadValues_Gets422_WithFieldMessages(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var response = await admin.PostAsJsonAsync("/api/v1/enterprises", new { creditCode = "123", district = "火星区", foundedOn = "去年" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("统一社会信用代码应为18位", body, StringComparison.Ordinal);
        Assert.Contains("找不到板块：火星区", body, StringComparison.Ordinal);
        Assert.Contains("日期格式应为", body, StringComparison.Ordinal);
        Assert.Contains("\"name\"", body, StringComparison.Ordinal);

        // A genuine pilot code with a wrong check character: an admin may accept it, explicitly.
        var pilot = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = "91350211M00013FA1N", name = "试点企业", district = "邗江区" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pilot.StatusCode);
        if (!app.Use(d => d.Enterprises.Any(e => e.CreditCode == "91350211M00013FA1N")))
        {
            var accepted = await admin.PostAsJsonAsync("/api/v1/enterprises?acceptCheckMismatch=true",
                new { creditCode = "91350211M00013FA1N", name = "试点企业", district = "邗江区" });
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
            Assert.True(app.Use(d => d.Enterprises.Single(e => e.CreditCode == "91350211M00013FA1N").CreditCodeCheckOverridden));
        }
    }
}
