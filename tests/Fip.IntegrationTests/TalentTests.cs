using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>
/// Issue 20: the core talent pool under PIPL. The talent scope is held by the keeping department (市委组织部（人才办）) and
/// admins: they see ID number, phone, e-mail and birth date unmasked, and every such read is audited; everyone else sees them
/// masked; enterprise users see no talent record at all.
/// </summary>
public class TalentTests
{
    private const string Keeper = "市委组织部（人才办）";

    private static readonly Dictionary<string, (string Stored, string Masked)> Personal = new(StringComparer.Ordinal)
    {
        ["idNumber"] = ("321002199003071234", "321***********1234"),
        ["phone"] = ("13912345678", "139****5678"),
        ["email"] = ("wang@example.com", "w***@example.com"),
        ["birthDate"] = ("1990-03-07", "****-**-**"),
    };

    public enum Sight { Unmasked, Masked, Refused }

    /// <summary>role, department (for department users), what they get.</summary>
    public static TheoryData<DatabaseProvider, string, string?, Sight> Readers()
    {
        var data = new TheoryData<DatabaseProvider, string, string?, Sight>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, Roles.Admin, null, Sight.Unmasked);
            data.Add(db, Roles.Department, Keeper, Sight.Unmasked);
            data.Add(db, Roles.Department, "市科技局", Sight.Masked);     // a department without the talent scope
            data.Add(db, Roles.Department, "市人社局", Sight.Masked);
            data.Add(db, Roles.Leader, null, Sight.Masked);
            data.Add(db, Roles.District, null, Sight.Masked);
            data.Add(db, Roles.Enterprise, null, Sight.Refused);
        }
        return data;
    }

    private static async Task<int> CreateTalentAsync(FipApp app, string? idNumber = null, string retainUntil = "2030-01-01")
    {
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/talents", new Dictionary<string, string?>
        {
            ["name"] = "测试人才" + Guid.NewGuid().ToString("N")[..6],
            ["category"] = "青年科技人才",
            ["employer"] = "扬州大学",
            ["employerKind"] = "高校",
            ["idNumber"] = idNumber ?? Personal["idNumber"].Stored,
            ["phone"] = Personal["phone"].Stored,
            ["email"] = Personal["email"].Stored,
            ["birthDate"] = Personal["birthDate"].Stored,
            ["purpose"] = "核心人才库建设与人才服务",
            ["consentOn"] = "2025-01-01",
            ["retainUntil"] = retainUntil,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<HttpClient> ClientAsync(FipApp app, string role, string? department) =>
        (await ReaderAsync(app, role, department)).Client;

    private static async Task<(HttpClient Client, string UserId)> ReaderAsync(FipApp app, string role, string? department)
    {
        var user = await app.CreateUserAsync(role, department: department ?? "市科技局");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user));
        return (client, user.Id);
    }

    [Theory, MemberData(nameof(Readers))]
    public async Task PersonalData_IsUnmaskedOnlyWithTheTalentScope_AndEachUnmaskedReadIsAudited(DatabaseProvider db, string role,
        string? department, Sight expected)
    {
        var app = FipApp.For(db);
        var id = await CreateTalentAsync(app, NewIdNumber());
        var (client, readerId) = await ReaderAsync(app, role, department);
        var response = await client.GetAsync($"/api/v1/talents/{id}");
        if (expected == Sight.Refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/talents/export?format=csv")).StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<RecordView>(Json.Options))!;
        var stored = app.Use(d => d.Set<Talent>().Single(t => t.Id == id).IdNumber)!;
        foreach (var (field, (value, masked)) in Personal)
        {
            var plain = field == "idNumber" ? stored : value;
            var hidden = field == "idNumber" ? stored[..3] + new string('*', 11) + stored[^4..] : masked;
            Assert.Equal(expected == Sight.Unmasked ? plain : hidden, view.Values[field]);
        }
        Assert.Equal("扬州大学", view.Values["employer"]); // nothing else is masked
        // Counted for this reader: an unmasked list or export in a test running meanwhile logs its own read of this new record.
        var reads = app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.PersonalDataRead && a.UserId == readerId
            && a.EntityType == nameof(Talent)
            && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected == Sight.Unmasked ? 1 : 0, reads);

        // The export follows the same rule: no personal data unless the role allows it.
        var csv = await client.GetStringAsync($"/api/v1/talents/export?format=csv&q={Uri.EscapeDataString(view.Values["name"])}");
        Assert.Equal(expected == Sight.Unmasked, csv.Contains(stored, StringComparison.Ordinal));
        Assert.Equal(expected == Sight.Masked, csv.Contains(stored[..3] + new string('*', 11) + stored[^4..], StringComparison.Ordinal));
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadValues()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "idNumber", "321002199003071235", "IdNumber.CheckMismatch");
            data.Add(db, "idNumber", "32100219900307123", "IdNumber.Malformed");
            data.Add(db, "idNumber", "321002199013071230", "IdNumber.BadBirthDate");
            data.Add(db, "phone", "1380000000", "Import.NotPhone");
            data.Add(db, "email", "wang@example", "Import.NotEmail");
        }
        return data;
    }

    [Theory, MemberData(nameof(BadValues))]
    public async Task BadIdNumberOrPhone_IsRefusedWithItsReason_OnSaveAndInTheImportRowNamed(DatabaseProvider db, string field, string bad,
        string reason)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var message = Fip.Web.Infrastructure.JsonStringLocalizerFactory.Table("zh-CN")[reason];
        var body = new Dictionary<string, string?>
        {
            ["name"] = "校验人才",
            ["category"] = "专业技术人才",
            ["employer"] = "扬州大学",
            ["employerKind"] = "高校",
            ["purpose"] = "人才服务",
            ["consentOn"] = "2025-01-01",
            [field] = bad,
        };
        var response = await admin.PostAsJsonAsync("/api/v1/talents", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var header = Labels.Header($"Field.talents.{field}");
        var name = "导入人才" + Guid.NewGuid().ToString("N")[..6];
        var csv = RegistryTests.Csv($"姓名,人才类别,工作单位,单位类型,处理目的,同意日期,{header}",
            $"{name}A,青年科技人才,扬州大学,高校,人才服务,2025-01-01,",
            $"{name}B,青年科技人才,扬州大学,高校,人才服务,2025-01-01,{bad}");
        var (status, result) = await RegistryTests.Import(admin, "talents", Encoding.UTF8.GetBytes(csv), "talents.csv", commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Row);                  // the header is row 1: the bad value is on row 3
        Assert.Equal(message, problem.Reason);
        Assert.False(app.Use(d => d.Set<Talent>().Any(t => t.Name.StartsWith(name))));  // all or nothing
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TalentOffice_CreatesAndImports_OtherDepartmentsMayNot(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var office = await ClientAsync(app, Roles.Department, Keeper);
        var other = await ClientAsync(app, Roles.Department, "市科技局");
        var body = new Dictionary<string, string?>
        {
            ["name"] = "人才办录入" + Guid.NewGuid().ToString("N")[..6],
            ["category"] = "科技领军人才",
            ["employer"] = "扬州大学",
            ["employerKind"] = "高校",
            ["purpose"] = "人才服务",
            ["consentOn"] = "2025-01-01",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/talents", body)).StatusCode);
        var created = await office.PostAsJsonAsync("/api/v1/talents", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var stored = app.Use(d => d.Set<Talent>().Single(t => t.Id == id));
        Assert.Equal(app.Use(d => d.Departments.Single(x => x.Name == Keeper).Id), stored.KeeperDepartmentId);
        Assert.Equal(new DateOnly(2030, 1, 1), stored.RetainUntil); // consent + 5 years when no date is given

        var csv = RegistryTests.Csv("姓名,人才类别,工作单位,单位类型,处理目的,同意日期",
            $"导入{Guid.NewGuid().ToString("N")[..6]},青年科技人才,扬州大学,高校,人才服务,2025-01-01");
        var (status, result) = await RegistryTests.Import(office, "talents", Encoding.UTF8.GetBytes(csv), "t.csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, result.Added);
        var refused = await other.PostAsync("/api/v1/talents/import?commit=false",
            RegistryTests.FileContent(Encoding.UTF8.GetBytes(csv), "t.csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode); // out of scope: named on the row
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task RetentionJob_AnonymisesRecordsPastTheirPeriod_AndTheAuditLogKeepsNoPersonalData(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var idNumber = NewIdNumber();
        var due = await CreateTalentAsync(app, idNumber, retainUntil: "2025-06-30");
        var kept = await CreateTalentAsync(app, NewIdNumber(), retainUntil: "2099-01-01");
        var count = await app.WithAsync<FipDbContext, int>(d => TalentRetentionJob.AnonymiseDueAsync(d, new DateOnly(2026, 1, 1), default));
        Assert.True(count >= 1);
        var t = app.Use(d => d.Set<Talent>().Single(x => x.Id == due));
        Assert.Null(t.IdNumber);
        Assert.Null(t.Phone);
        Assert.Null(t.Email);
        Assert.Null(t.BirthDate);
        Assert.StartsWith("已匿名化-", t.Name, StringComparison.Ordinal);
        Assert.NotNull(t.AnonymisedAt);
        Assert.Equal(TalentCategory.Young, t.Category); // what statistics need stays
        Assert.NotNull(app.Use(d => d.Set<Talent>().Single(x => x.Id == kept).IdNumber));
        // Neither the create nor the anonymisation wrote the ID number or phone into the append-only log.
        var key = due.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = app.Use(d => d.AuditEntries.Where(a => a.EntityType == nameof(Talent) && a.EntityKey == key).ToList());
        Assert.True(lines.Count >= 2);
        Assert.DoesNotContain(lines, a => (a.Before + a.After).Contains(idNumber, StringComparison.Ordinal)
            || (a.Before + a.After).Contains(Personal["phone"].Stored, StringComparison.Ordinal));
        // A second run finds nothing more to do for it.
        await app.WithAsync<FipDbContext, int>(d => TalentRetentionJob.AnonymiseDueAsync(d, new DateOnly(2026, 1, 1), default));
        Assert.Equal(t.Version, app.Use(d => d.Set<Talent>().Single(x => x.Id == due).Version));
    }

    private static int _serial = Environment.ProcessId % 1000 * 1000;

    /// <summary>A valid ID number of someone born on 1990-03-07 (the birth date the samples give), different on every call.</summary>
    internal static string NewIdNumber()
    {
        var n = Interlocked.Increment(ref _serial);
        var body = $"32{n / 1000 % 100:00}0219900307{n % 1000:000}";
        return body + Fip.Web.Infrastructure.IdNumber.CheckCharacter(body);
    }
}
