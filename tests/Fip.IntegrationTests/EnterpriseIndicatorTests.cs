using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Cli;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>Enterprises' yearly figures: the record page, the API, the import and <c>fip import indicators</c>.</summary>
public class EnterpriseIndicatorTests
{
    static EnterpriseIndicatorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "统一社会信用代码,年份,营业收入（万元）,研发投入（万元）,产值（万元）,税收（万元）,从业人数,发明专利数";

    private static async Task<(int Id, string Code, string Version)> NewEnterpriseAsync(HttpClient admin, string district = "邗江区")
    {
        var code = RegistryTests.NewCreditCode();
        var response = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = code, name = "扬州指标测试有限公司" + code[^6..], district });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        return (id, code, response.Headers.ETag!.Tag.Trim('"'));
    }

    private static List<EnterpriseIndicator> Stored(FipApp app, int id) =>
        app.Use(d => d.EnterpriseIndicators.AsNoTracking().Where(i => i.EnterpriseId == id).OrderBy(i => i.Year).ToList());

    private static string VersionOf(FipApp app, int id) => app.Use(d => d.Enterprises.Single(e => e.Id == id).Version);

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task RecordPage_AddChangeRemoveAYear_AuditedInTheHistory_AndAStaleFormChangesNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (id, _, _) = await NewEnterpriseAsync(admin);
        var user = await app.CreateUserAsync(Roles.District); // 邗江区: may edit
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        var url = $"/Registries/enterprises/{id}";

        var page = await browser.GetStringAsync(url);
        Assert.Contains("data-testid=\"indicator-form\"", page, StringComparison.Ordinal);
        var version = VersionOf(app, id);
        var add = await FipApp.PostFormAsync(browser, url + "?handler=Indicator", new Dictionary<string, string>
        {
            ["version"] = version,
            ["i.year"] = "2024",
            ["i.revenue"] = "12800.50",
            ["i.rdExpense"] = "960.25",
            ["i.outputValue"] = "15300",
            ["i.tax"] = "0",
            ["i.employees"] = "186",
            ["i.inventionPatents"] = "12",
        }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var row = Assert.Single(Stored(app, id));
        Assert.Equal((2024, 12800.50m, 960.25m, 15300m, 0m, 186, 12),
            (row.Year, row.Revenue, row.RdExpense, row.OutputValue, row.Tax, row.Employees, row.InventionPatents));
        Assert.NotEqual(version, VersionOf(app, id));

        // Bad values: every field's message, in Chinese, nothing stored.
        var current = VersionOf(app, id);
        var bad = await FipApp.PostFormAsync(browser, url + "?handler=Indicator", new Dictionary<string, string>
        {
            ["version"] = current,
            ["i.year"] = "1979",
            ["i.revenue"] = "-1",
            ["i.rdExpense"] = "1.234",
            ["i.tax"] = "abc",
            ["i.employees"] = "2.5",
        }, formPage: url);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("年份须为 1980 至", badPage, StringComparison.Ordinal);
        Assert.Contains("不能为负数", badPage, StringComparison.Ordinal);
        Assert.Contains("最多保留两位小数", badPage, StringComparison.Ordinal);
        Assert.Contains("须为数字", badPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"indicator-error-employees\"", badPage, StringComparison.Ordinal);
        Assert.Single(Stored(app, id));

        // Adding a year that is there already is refused; changing it goes through the row's form.
        var again = await FipApp.PostFormAsync(browser, url + "?handler=Indicator",
            new Dictionary<string, string> { ["version"] = current, ["i.year"] = "2024", ["i.revenue"] = "1" }, formPage: url);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("2024 年的数据已存在", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(12800.50m, Assert.Single(Stored(app, id)).Revenue);

        var editPage = await browser.GetStringAsync(url + "?editYear=2024");
        Assert.Contains("value=\"12800.5\"", editPage, StringComparison.Ordinal);
        var change = await FipApp.PostFormAsync(browser, url + "?handler=Indicator", new Dictionary<string, string>
        {
            ["version"] = current,
            ["formYear"] = "2024",
            ["i.year"] = "2024",
            ["i.revenue"] = "13000",
            ["i.employees"] = "190",
        }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        row = Assert.Single(Stored(app, id));
        Assert.Equal((13000m, 190, (decimal?)null), (row.Revenue!.Value, row.Employees!.Value, row.RdExpense));

        // A form opened before that change is stale: refused with a clear message, nothing changes.
        var stale = await FipApp.PostFormAsync(browser, url + "?handler=Indicator", new Dictionary<string, string>
        {
            ["version"] = current,
            ["formYear"] = "2024",
            ["i.year"] = "2024",
            ["i.revenue"] = "1",
        }, formPage: url);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("data-testid=\"indicator-error\"", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(13000m, Assert.Single(Stored(app, id)).Revenue);
        var staleDelete = await FipApp.PostFormAsync(browser, url + "?handler=DeleteIndicator",
            new Dictionary<string, string> { ["version"] = current, ["year"] = "2024" }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, staleDelete.StatusCode);
        Assert.Single(Stored(app, id));

        var remove = await FipApp.PostFormAsync(browser, url + "?handler=DeleteIndicator",
            new Dictionary<string, string> { ["version"] = VersionOf(app, id), ["year"] = "2024" }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Empty(Stored(app, id));

        // Create, update and delete of the year are in the enterprise's history.
        var history =
            app.Use(
                d => d.AuditEntries
                    .Where(a => a.EntityType == "EnterpriseIndicator" && a.EntityKey == $"{id},2024")
                    .Select(a => a.Action)
                    .ToList());
        Assert.Equal(3, history.Count);
        var shown = await browser.GetStringAsync(url);
        Assert.Contains("年度指标 2024", shown, StringComparison.Ordinal); // the history names the year, not the table
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Api_PutGetDelete_StaleGets409_AndAnotherDistrictIsRefused(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (id, code, version) = await NewEnterpriseAsync(admin);

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{id}/indicators/2023")
        { Content = JsonContent.Create(new { revenue = 500.25m, tax = 12m, inventionPatents = 3 }) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var created = await admin.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var next = created.Headers.ETag!.Tag.Trim('"');
        Assert.NotEqual(version, next);

        // Replace with the old version: 409, nothing changed.
        var stale = await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}/indicators/2023", new { revenue = 1m, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(500.25m, Assert.Single(Stored(app, id)).Revenue);

        var replaced = await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}/indicators/2023", new { revenue = "600", version = next });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var row = Assert.Single(Stored(app, id));
        Assert.Equal((600m, (decimal?)null, (int?)null), (row.Revenue!.Value, row.Tax, row.InventionPatents));

        var invalid = await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}/indicators/1900",
            new { revenue = -5, version = VersionOf(app, id) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var problem = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"year\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"revenue\"", problem, StringComparison.Ordinal);

        var list = await admin.GetFromJsonAsync<YearlyFiguresList>($"/api/v1/enterprises/{id}/indicators", Json.Options);
        Assert.Equal(2023, Assert.Single(list!.Items).Year);
        Assert.Equal(VersionOf(app, id), list.Version);

        // Another district's user and another enterprise's user may read nothing they should not, and change nothing.
        var (other, _) = await app.ApiClientAsync(Roles.District);
        var (_, otherCode, _) = await NewEnterpriseAsync(admin);
        var gaoyou = await app.CreateUserAsync(Roles.District, district: "高邮市");
        var gaoyouClient = app.CreateClient();
        gaoyouClient.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(gaoyou));
        var foreignPut = await gaoyouClient.PutAsJsonAsync($"/api/v1/enterprises/{id}/indicators/2022",
            new { revenue = 1m, version = VersionOf(app, id) });
        Assert.Equal(HttpStatusCode.Forbidden, foreignPut.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gaoyouClient.DeleteAsync($"/api/v1/enterprises/{id}/indicators/2023")).StatusCode);
        var enterpriseUser = await app.CreateUserAsync(Roles.Enterprise, uscc: otherCode);
        var enterpriseClient = app.CreateClient();
        enterpriseClient.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(enterpriseUser));
        Assert.Equal(HttpStatusCode.NotFound, (await enterpriseClient.GetAsync($"/api/v1/enterprises/{id}/indicators")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await enterpriseClient.PutAsJsonAsync($"/api/v1/enterprises/{id}/indicators/2022",
                new { revenue = 1m, version = VersionOf(app, id) })).StatusCode);
        Assert.Single(Stored(app, id));

        // The district's own user deletes; the enterprise's version moves on.
        var before = VersionOf(app, id);
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/enterprises/{id}/indicators/2023");
        delete.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{before}\""));
        Assert.Equal(HttpStatusCode.NoContent, (await other.SendAsync(delete)).StatusCode);
        Assert.Empty(Stored(app, id));
        Assert.NotEqual(before, VersionOf(app, id));
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/enterprises/{id}/indicators/2023")).StatusCode);
        _ = code;
    }

    private static MultipartFormDataContent FileContent(byte[] bytes, string name) =>
        new() { { new ByteArrayContent(bytes), "file", name } };

    private static async Task<(HttpStatusCode Status, ImportResultDto Result)> Import(HttpClient client, byte[] bytes, string name,
        bool commit)
    {
        var response = await client.PostAsync($"/api/v1/enterprises/indicators/import?commit={(commit ? "true" : "false")}",
            FileContent(bytes, name));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {text}");
        return (response.StatusCode, JsonSerializer.Deserialize<ImportResultDto>(text, Json.Options)!);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Import_GoodGb18030File_Upserts_AndTwiceChangesNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (a, codeA, _) = await NewEnterpriseAsync(admin);
        var (b, codeB, versionB) = await NewEnterpriseAsync(admin);
        var (district, districtUser) = await app.ApiClientAsync(Roles.District);
        await admin.PutAsJsonAsync($"/api/v1/enterprises/{a}/indicators/2023", new { revenue = 1m, tax = 9m, version = VersionOf(app, a) });
        versionB = VersionOf(app, b);

        var csv = string.Join("\r\n", Header,
            $"{codeA},2023,1000.5,80,1200,30.25,50,2",
            $"{codeA},2024,1100,90,,35,55,3",
            $"{codeB.ToLowerInvariant()},2024,2000,100,2500,60,120,7") + "\r\n";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);
        var (status, result) = await Import(district, bytes, "指标.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(result.Committed);
        Assert.Equal((2, 1, 0), (result.Added, result.Updated, result.Unchanged));
        var rows = Stored(app, a);
        Assert.Equal([2023, 2024], rows.Select(r => r.Year));
        Assert.Equal((1000.5m, 30.25m, 50, 2),
            (rows[0].Revenue!.Value, rows[0].Tax!.Value, rows[0].Employees!.Value, rows[0].InventionPatents!.Value));
        Assert.Null(rows[1].OutputValue);
        Assert.Equal(2500m, Assert.Single(Stored(app, b)).OutputValue);
        Assert.NotEqual(versionB, VersionOf(app, b));
        Assert.Contains(
            app.Use(
                d => d.AuditEntries
                    .Where(x => x.EntityType == "EnterpriseIndicator" && x.EntityKey == $"{b},2024")
                    .Select(x => x.UserName)
                    .ToList()), n => n == districtUser.UserName);

        // The same file again (UTF-8 with BOM this time, and filled in from a template of before 研发费用 became 研发投入): nothing
        // changes, not even the versions.
        versionB = VersionOf(app, b);
        var audits = app.Use(d => d.AuditEntries.Count(x => x.UserName == districtUser.UserName));
        var former = csv.Replace("研发投入（万元）", "研发费用（万元）", StringComparison.Ordinal);
        Assert.NotEqual(csv, former);
        var (_, again) = await Import(district, new UTF8Encoding(true).GetBytes(former), "指标.csv", commit: true);
        Assert.True(again.Committed);
        Assert.Equal((0, 0, 3), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal(versionB, VersionOf(app, b));
        Assert.Equal(audits, app.Use(d => d.AuditEntries.Count(x => x.UserName == districtUser.UserName)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Import_ChangesBetweenCheckAndCommit_AreCheckedAgain(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, adminUser.Id),
                new(System.Security.Claims.ClaimTypes.Name, adminUser.UserName!),
             new(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test"));
        var (a, codeA, _) = await NewEnterpriseAsync(admin);
        var (b, codeB, _) = await NewEnterpriseAsync(admin);
        var (c, codeC, _) = await NewEnterpriseAsync(admin);
        Fip.Web.Features.Registries.Files.TabularFile File(string body) =>
            Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes($"{Header}\r\n{body}\r\n")),
                "f.csv");
        async Task<Fip.Web.Features.Registries.Import.ImportOutcome> CheckThen(string body, Func<Task> meanwhile, int added)
        {
            using var scope = app.Services.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().Importer("indicators")!;
            var check = await importer.CheckImportAsync(File(body), principal, false, null, CancellationToken.None);
            Assert.True(check.CanCommit);
            Assert.Equal(added, check.Added);
            await meanwhile();
            return await importer.CommitImportAsync(check, principal, null, CancellationToken.None);
        }

        // Nothing changes in between: the rows go in as checked, each audited, and the enterprise's version moves on.
        var versionC = VersionOf(app, c);
        var plain = await CheckThen($"{codeC},2024,10,1,12,0.5,3,0", () => Task.CompletedTask, added: 1);
        Assert.True(plain.Committed);
        Assert.Equal(10m, Assert.Single(Stored(app, c)).Revenue);
        Assert.NotEqual(versionC, VersionOf(app, c));
        Assert.Equal(1,
            app.Use(
                d =>
                    d.AuditEntries.Count(
                        x => x.EntityType == "EnterpriseIndicator" && x.EntityKey == $"{c},2024" && x.Action == "Create")));
        // Stored and audited exactly as figures entered by hand are (the import writes new rows its own way on SQLite).
        var (byHand, _, _) = await NewEnterpriseAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/enterprises/{byHand}/indicators/2024",
            new
            {
                revenue = 10m,
                rdExpense = 1m,
                outputValue = 12m,
                tax = 0.5m,
                employees = 3,
                inventionPatents = 0,
                version = VersionOf(app, byHand)
            })).StatusCode);
        // The FormattableString the compiler builds from $"... {id}", written out so the SQL can be split over lines.
        string Raw(int id) => app.Use(d => d.Database.SqlQuery<string>(
            System.Runtime.CompilerServices.FormattableStringFactory.Create(
                "SELECT CAST(\"Revenue\" AS TEXT) || '|' || CAST(\"Tax\" AS TEXT) || '|' || CAST(\"Employees\" AS TEXT) AS \"Value\" " +
                "FROM \"EnterpriseIndicators\" WHERE \"EnterpriseId\" = {0}", id)).Single());
        Assert.Equal(Raw(byHand), Raw(c));
        string After(int id) =>
            app.Use(d => d.AuditEntries.Single(x => x.EntityType == "EnterpriseIndicator" && x.EntityKey == $"{id},2024").After!);
        Assert.Equal(After(byHand).Replace($"\"EnterpriseId\":{byHand}", "", StringComparison.Ordinal),
            After(c).Replace($"\"EnterpriseId\":{c}", "", StringComparison.Ordinal));

        // Figures for the same year arrive by hand after the check: the commit finds them and updates instead of adding.
        var updated = await CheckThen($"{codeB},2024,2000,100,2500,60,120,7", async () =>
            Assert.Equal(HttpStatusCode.OK,
                (await admin.PutAsJsonAsync($"/api/v1/enterprises/{b}/indicators/2024",
                    new { revenue = 1m, version = VersionOf(app, b) })).StatusCode), added: 1);
        Assert.True(updated.Committed);
        Assert.Equal((0, 1), (updated.Added, updated.Updated));
        Assert.Equal(2000m, Assert.Single(Stored(app, b)).Revenue);

        // The enterprise is deleted after the check: the commit refuses the file, names the row, and keeps nothing.
        var refused = await CheckThen($"{codeB},2025,1,1,1,1,1,1\r\n{codeA},2024,1000,80,1200,30,50,2", async () =>
        {
            var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/enterprises/{a}");
            delete.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{VersionOf(app, a)}\""));
            Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(delete)).StatusCode);
        }, added: 2);
        Assert.False(refused.Committed);
        Assert.Contains(refused.Problems, p => p.Row == 3 && p.Value == codeA);
        Assert.Empty(Stored(app, a));
        Assert.DoesNotContain(Stored(app, b), i => i.Year == 2025);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Import_BadFile_ListsEveryProblem_AndChangesNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (a, codeA, _) = await NewEnterpriseAsync(admin);
        var (_, codeGaoyou, _) = await NewEnterpriseAsync(admin, "高邮市");
        var (district, _) = await app.ApiClientAsync(Roles.District); // 邗江区
        var unknown = RegistryTests.NewCreditCode();
        var csv = string.Join("\r\n", Header,
            $"{codeA},2024,1000,80,1200,30,50,2",           // fine
            $"{codeA},1970,-1,1.005,x,-3,1.5,abc",           // every column wrong
            $"{unknown},2024,1,1,1,1,1,1",                   // no such enterprise
            $"{codeGaoyou},2024,1,1,1,1,1,1",                // another district's
            $"{codeA},2024,1,1,1,1,1,1") + "\r\n";           // same as row 2
        var (status, result) = await Import(district, Encoding.UTF8.GetBytes(csv), "bad.csv", commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(result.Committed);
        var problems = result.Problems;
        Assert.Equal(7, problems.Count(p => p.Row == 3));
        Assert.Contains(problems, p => p.Row == 3 && p.Column == "年份" && p.Value == "1970");
        Assert.Contains(problems, p => p.Row == 3 && p.Column == "营业收入（万元）" && p.Reason == "不能为负数");
        Assert.Contains(problems, p => p.Row == 3 && p.Column == "研发投入（万元）" && p.Reason == "最多保留两位小数");
        Assert.Contains(problems, p => p.Row == 3 && p.Column == "税收（万元）" && p.Reason == "不能为负数");
        Assert.Contains(problems, p => p.Row == 3 && p.Column == "发明专利数" && p.Value == "abc");
        Assert.Contains(problems, p => p.Row == 4 && p.Value == unknown && p.Reason.Contains("找不到", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 5 && p.Value == codeGaoyou);
        Assert.Contains(problems, p => p.Row == 6);
        Assert.DoesNotContain(problems, p => p.Row == 2);
        Assert.Empty(Stored(app, a));

        var missing = Encoding.UTF8.GetBytes("年份,营业收入（万元）,备注\r\n2024,1,x\r\n");
        var (_, refused) = await Import(district, missing, "missing.csv", commit: false);
        Assert.Contains(refused.FileProblems, p => p.Contains("统一社会信用代码", StringComparison.Ordinal));
        Assert.Contains(refused.FileProblems, p => p.Contains("备注", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ImportPage_IsReachableFromTheEnterpriseList_AndChecksAFile(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (a, codeA, _) = await NewEnterpriseAsync(admin);
        var user = await app.CreateUserAsync(Roles.District);
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        Assert.Contains("href=\"/Registries/indicators/Import\"", await browser.GetStringAsync("/Registries/enterprises"),
            StringComparison.Ordinal);
        var page = await browser.GetStringAsync("/Registries/indicators/Import");
        Assert.Contains("营业收入（万元）", page, StringComparison.Ordinal);
        Assert.Contains("/api/v1/enterprises/indicators/template", page, StringComparison.Ordinal);

        var template = await admin.GetAsync("/api/v1/enterprises/indicators/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var templateFile = Fip.Web.Features.Registries.Files.TabularReader.Read(await template.Content.ReadAsStreamAsync(), "t.xlsx");
        Assert.Equal(Header.Split(','), templateFile.Headers);

        var form = new MultipartFormDataContent
        {
            { new StringContent(FipApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes($"{Header}\r\n{codeA},2024,7,2,3,4,5,6\r\n")), "file", "ok.csv" },
        };
        var upload = await browser.PostAsync("/Registries/indicators/Import?handler=Upload", form);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var jobUrl = upload.Headers.Location!.OriginalString;
        string status = "";
        for (var i = 0; i < 100 && !status.Contains("data-testid=\"import-ready\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            status = await browser.GetStringAsync(jobUrl);
        }
        Assert.Contains("data-testid=\"import-ready\"", status, StringComparison.Ordinal);
        Assert.Empty(Stored(app, a));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CliImport_BadFileExits1WithEveryProblem_GoodFileImports_TemplateIsWritten(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (a, codeA, _) = await NewEnterpriseAsync(admin);
        var unknown = RegistryTests.NewCreditCode();
        var dir = Directory.CreateTempSubdirectory("fip-indicators-");
        try
        {
            var bad = Path.Combine(dir.FullName, "bad.csv");
            await File.WriteAllTextAsync(bad,
                $"{Header}\r\n{codeA},2024,1,1,1,1,1,1\r\n{codeA},2099,1.999,1,1,1,1,1\r\n{unknown},2024,1,1,1,1,1,1\r\n",
                new UTF8Encoding(false));
            var (code, _, error) = await app.RunCliAsync("import", "indicators", bad);
            Assert.Equal(1, code);
            Assert.Contains("年份", error, StringComparison.Ordinal);
            Assert.Contains("2099", error, StringComparison.Ordinal);
            Assert.Contains("最多保留两位小数", error, StringComparison.Ordinal);
            Assert.Contains(unknown, error, StringComparison.Ordinal);
            Assert.Contains("3", error, StringComparison.Ordinal);
            Assert.Empty(Stored(app, a));

            var good = Path.Combine(dir.FullName, "good.csv");
            await File.WriteAllTextAsync(good, $"{Header}\r\n{codeA},2024,7,2,3,4,5,6\r\n", new UTF8Encoding(true));
            (code, _, error) = await app.RunCliAsync("import", "indicators", good);
            Assert.True(code == 0, error);
            Assert.Equal(6, Assert.Single(Stored(app, a)).InventionPatents);

            var template = Path.Combine(dir.FullName, "t.xlsx");
            (code, _, _) = await app.RunCliAsync("import", "indicators", "--template", template);
            Assert.Equal(0, code);
            await using var stream = File.OpenRead(template);
            Assert.Equal(Header.Split(','), Fip.Web.Features.Registries.Files.TabularReader.Read(stream, "t.xlsx").Headers);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
