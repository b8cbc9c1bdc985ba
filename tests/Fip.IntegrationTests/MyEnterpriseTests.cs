using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.MyEnterprise;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>Issue #18 items 2 and 3: enterprise accounts (register, claim, new record, the district's decision) and 我的企业.</summary>
public sealed class MyEnterpriseTests
{
    private static string Id(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A record made by an admin: its id, code and name.</summary>
    internal static async Task<(int Id, string Code, string Name)> RecordAsync(FipApp app, string district = "邗江区")
    {
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        var name = $"扬州认领测试{code[^6..]}科技有限公司";
        var created = await admin.PostAsJsonAsync("/api/v1/enterprises", new { creditCode = code, name, district });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (app.Use(d => d.Enterprises.Single(e => e.CreditCode == code).Id), code, name);
    }

    /// <summary>A self-registered enterprise user (no code yet) and an API client acting as it.</summary>
    internal static async Task<(HttpClient Client, AppUser User)> RegisteredAsync(FipApp app)
    {
        var user = await app.WithAsync<AccountService, AppUser>(async s => (await s.RegisterEnterpriseAsync(
            "reg-" + Guid.NewGuid().ToString("N")[..12], "注册企业", FipApp.UserPassword, "13912345678", "a@example.com")).User!);
        return (Client(app, await app.CreateTokenAsync(user)), user);
    }

    private static HttpClient Client(FipApp app, string token)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>After an approval the account's old credentials are gone (new security stamp): a fresh token acts for the
    /// enterprise.</summary>
    private static async Task<HttpClient> AgainAsync(FipApp app, AppUser user) =>
        Client(app, await app.CreateTokenAsync(app.Use(d => d.Users.AsNoTracking().Single(u => u.Id == user.Id))));

    private static Task<HttpResponseMessage> ClaimAsync(HttpClient c, string code, string name, string phone = "13900001111") =>
        c.PostAsJsonAsync("/api/v1/enterprise-requests/claims",
            new { creditCode = code, companyName = name, contactPerson = "李联系", contactPhone = phone });

    private static async Task<EnterpriseRequestDto> ReadAsync(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<EnterpriseRequestDto>(Json.Options))!;

    private static Task<HttpResponseMessage> DecideAsync(HttpClient c, int id, string decision, string? version, string? reason = null) =>
        c.PostAsJsonAsync($"/api/v1/enterprise-requests/{Id(id)}/decide", new { decision, reason, version });

    /// <summary>The bug: an enterprise user could add its record (any district) or delete it with one call, and a PUT of the fields
    /// that feed official figures was refused instead of waiting for the district. Now adding and removing is the district's, and
    /// the PUT saves the other fields and turns those into a pending change the district approves.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EnterpriseUser_CannotAddOrRemoveItsRecord_AndFigureFieldsBecomeAPendingChange(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (enterprise, user) = await app.ApiClientAsync(Roles.Enterprise);
        var own = await enterprise.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = user.EnterpriseUscc, name = "扬州自建企业有限公司", district = "江都区" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.False(app.Use(d => d.Enterprises.Any(e => e.CreditCode == user.EnterpriseUscc)));

        var record = await RecordAsync(app);
        var (bound, _) = await ClaimedAsync(app, record);
        Assert.Equal(HttpStatusCode.Forbidden, (await bound.DeleteAsync($"/api/v1/enterprises/{Id(record.Id)}")).StatusCode);
        var version = app.Use(d => d.Enterprises.Single(e => e.Id == record.Id).Version);
        var put = await bound.PutAsJsonAsync($"/api/v1/enterprises/{Id(record.Id)}",
            new { version, qualifications = "专精特新“小巨人”企业(2025)", district = "江都区", address = "扬州市邗江区新址1号" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = app.Use(d => d.Enterprises.Include(e => e.Qualifications).Single(e => e.Id == record.Id));
        Assert.Equal("扬州市邗江区新址1号", stored.Address);                 // saved directly
        Assert.Empty(stored.Qualifications);                                  // not awarded
        Assert.Equal("邗江区", app.Use(d => d.Districts.Single(x => x.Id == stored.DistrictId).ShortName)); // not moved
        var change = app.Use(d => d.Set<EnterpriseRequest>().Single(r => r.EnterpriseId == record.Id && r.Kind == RequestKind.Change));
        Assert.Equal(RequestState.Pending, change.State);
        Assert.Equal(["district", "qualifications"], change.ValueMap().Keys.Order(StringComparer.Ordinal));

        // 江都区 (the district it would move to) neither sees nor decides it; 邗江区 (its district) does, 409 on a stale version.
        var (jiangdu, _) = await app.ApiClientAsync(Roles.District, "市科技局");
        var jiangduUser = await app.CreateUserAsync(Roles.District, district: "江都区");
        var other = Client(app, await app.CreateTokenAsync(jiangduUser));
        Assert.DoesNotContain((await other.GetFromJsonAsync<List<EnterpriseRequestDto>>("/api/v1/enterprise-requests", Json.Options))!,
            r => r.Id == change.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(other, change.Id, "approve", change.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(jiangdu, change.Id, "approve", "stale")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(jiangdu, change.Id, "approve", change.Version)).StatusCode);
        stored = app.Use(d => d.Enterprises.Include(e => e.Qualifications).Include(e => e.District).Single(e => e.Id == record.Id));
        Assert.Equal(QualificationKind.LittleGiant, Assert.Single(stored.Qualifications).Kind);
        Assert.Equal("江都区", stored.District.ShortName);
        Assert.True(app.Use(d => d.AuditEntries.Any(a => a.EntityType == nameof(EnterpriseRequest) && a.EntityKey == Id(change.Id))));
    }

    /// <summary>A registered user claims the record and 邗江区 approves: the account acts for the enterprise.</summary>
    private static async Task<(HttpClient Client, AppUser User)> ClaimedAsync(FipApp app, (int Id, string Code, string Name) record)
    {
        var (client, user) = await RegisteredAsync(app);
        var claim = await ReadAsync(await ClaimAsync(client, record.Code, record.Name));
        var (district, _) = await app.ApiClientAsync(Roles.District);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(district, claim.Id, "approve", claim.Version)).StatusCode);
        return (await AgainAsync(app, user), user);
    }

    public static TheoryData<DatabaseProvider, string, HttpStatusCode, string> ClaimCases()
    {
        var data = new TheoryData<DatabaseProvider, string, HttpStatusCode, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "no record", HttpStatusCode.UnprocessableEntity, "平台尚无统一社会信用代码");
            data.Add(db, "other name", HttpStatusCode.UnprocessableEntity, "企业名称与登记的名称不一致");
            data.Add(db, "short name", HttpStatusCode.UnprocessableEntity, "企业名称与登记的名称不一致");
            data.Add(db, "claimed", HttpStatusCode.Conflict, "已被其他账号认领");
            data.Add(db, "claim pending", HttpStatusCode.Conflict, "已有待审核的认领或新建申请");
            data.Add(db, "bad phone", HttpStatusCode.UnprocessableEntity, "联系电话应为11位手机号");
            data.Add(db, "bad code", HttpStatusCode.UnprocessableEntity, "统一社会信用代码应为18位");
            data.Add(db, "landline", HttpStatusCode.Created, "");
            data.Add(db, "name with spaces around", HttpStatusCode.Created, "");
        }
        return data;
    }

    [Theory, MemberData(nameof(ClaimCases))]
    public async Task Claim_IsRefusedWithAClearMessage_OrSent(DatabaseProvider db, string @case, HttpStatusCode status, string message)
    {
        var app = FipApp.For(db);
        var record = await RecordAsync(app);
        var (client, _) = await RegisteredAsync(app);
        if (@case == "claimed") await ClaimedAsync(app, record);
        if (@case == "claim pending") await ClaimAsync((await RegisteredAsync(app)).Client, record.Code, record.Name);
        var response = @case switch
        {
            "no record" => await ClaimAsync(client, RegistryTests.NewCreditCode(), record.Name),
            "other name" => await ClaimAsync(client, record.Code, "扬州另一家有限公司"),
            "short name" => await ClaimAsync(client, record.Code, record.Name[..4]),
            "bad phone" => await ClaimAsync(client, record.Code, record.Name, "12345"),
            "bad code" => await ClaimAsync(client, "123", record.Name),
            "landline" => await ClaimAsync(client, record.Code, record.Name, "0514-87654321"),
            _ => await ClaimAsync(client, record.Code, "  " + record.Name + " "),
        };
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{@case}: {(int)response.StatusCode} {body}");
        Assert.Contains(message, body, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Claim_DecidedByItsDistrict_InBothInboxes_RefusalNeedsAReason(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        // 仪征市: a 待办 lists 100 items, and the shared test database fills 邗江区's with other tests' overdue reports.
        var record = await RecordAsync(app, "仪征市");
        var (client, user) = await RegisteredAsync(app);
        var claim = await ReadAsync(await ClaimAsync(client, record.Code, record.Name));
        Assert.Equal(HttpStatusCode.Conflict, (await ClaimAsync(client, record.Code, record.Name)).StatusCode); // one at a time

        var district = Client(app, await app.CreateTokenAsync(await app.CreateUserAsync(Roles.District, district: "仪征市")));
        var inbox = await district.GetFromJsonAsync<Fip.Web.Features.Inbox.TodoListDto>("/api/v1/inbox", Json.Options);
        Assert.Contains(inbox!.Items,
            i => i.Kind == "EnterpriseRequest" && i.Link.EndsWith($"#request-{Id(claim.Id)}", StringComparison.Ordinal));
        var refused = await DecideAsync(district, claim.Id, "refuse", claim.Version);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("请填写理由", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await ReadAsync(await DecideAsync(district, claim.Id, "refuse", claim.Version, "联系人不是本企业员工"));
        Assert.Equal("Refused", done.State);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(district, claim.Id, "approve", done.Version)).StatusCode);
        var mine = await client.GetFromJsonAsync<Fip.Web.Features.Inbox.TodoListDto>("/api/v1/inbox", Json.Options);
        Assert.Contains(mine!.Items, i => i.Kind == "EnterpriseRefused" && i.Detail == "联系人不是本企业员工");
        Assert.Null(app.Use(d => d.Users.Single(u => u.Id == user.Id).EnterpriseUscc));

        // Claimed again and approved: the account is bound, its old token ends, the enterprise is told.
        var again = await ReadAsync(await ClaimAsync(client, record.Code, record.Name));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(district, again.Id, "approve", again.Version)).StatusCode);
        Assert.Equal(record.Code, app.Use(d => d.Users.Single(u => u.Id == user.Id).EnterpriseUscc));
        Assert.Equal("李联系", app.Use(d => d.Enterprises.Single(e => e.Id == record.Id).ContactPerson));
        var bound = await AgainAsync(app, user);
        mine = await bound.GetFromJsonAsync<Fip.Web.Features.Inbox.TodoListDto>("/api/v1/inbox", Json.Options);
        Assert.Contains(mine!.Items, i => i.Kind == "EnterpriseApproved");
        Assert.Equal(HttpStatusCode.OK, (await bound.GetAsync($"/api/v1/enterprises/{Id(record.Id)}")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NewRecord_CheckedLikeAnImportRow_EntersTheRegistryWhenApproved(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user) = await RegisteredAsync(app);
        var code = RegistryTests.NewCreditCode();
        var bad = await client.PostAsJsonAsync("/api/v1/enterprise-requests/new-records",
            new Dictionary<string, string?>
            {
                ["creditCode"] = code,
                ["name"] = "扬州新建测试有限公司",
                ["district"] = "火星区",
                ["contactPhone"] = "13900001111",
                ["foundedOn"] = "去年"
            });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.Contains("找不到板块：火星区", text, StringComparison.Ordinal);
        Assert.Contains("日期格式应为", text, StringComparison.Ordinal);
        var existing = await RecordAsync(app);
        var exists = await client.PostAsJsonAsync("/api/v1/enterprise-requests/new-records",
            new Dictionary<string, string?>
            { ["creditCode"] = existing.Code, ["name"] = "x", ["district"] = "邗江区", ["contactPhone"] = "13900001111" });
        Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);
        Assert.Contains("请改为认领", await exists.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var sent = await client.PostAsJsonAsync("/api/v1/enterprise-requests/new-records",
            new Dictionary<string, string?>
            {
                ["creditCode"] = code,
                ["name"] = "扬州新建测试有限公司",
                ["district"] = "邗江区",
                ["tracks"] = "低空经济",
                ["contactPerson"] = "赵新",
                ["contactPhone"] = "13900001111"
            });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var request = await ReadAsync(sent);
        Assert.False(app.Use(d => d.Enterprises.Any(e => e.CreditCode == code)));
        var (district, _) = await app.ApiClientAsync(Roles.District);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(district, request.Id, "approve", request.Version)).StatusCode);
        var stored = app.Use(d => d.Enterprises.Include(e => e.Tracks).Single(e => e.CreditCode == code));
        Assert.Equal("扬州新建测试有限公司", stored.Name);
        Assert.Single(stored.Tracks);
        Assert.Equal(code, app.Use(d => d.Users.Single(u => u.Id == user.Id).EnterpriseUscc));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BindingAUserToACodeWithoutARecord_IsRefused_InTheApiTheAdminPageAndTheCli(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        var api = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName = "bind-" + code[^8..], role = "enterprise", enterpriseUscc = code });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains($"平台尚无统一社会信用代码 {code} 的企业档案", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, adminUser.UserName!, FipApp.UserPassword);
        var page = await FipApp.PostFormAsync(browser, "/Admin/Users/Create", new Dictionary<string, string>
        { ["Form.UserName"] = "bindp-" + code[^8..], ["Form.Role"] = "enterprise", ["Form.EnterpriseUscc"] = code });
        Assert.Contains($"平台尚无统一社会信用代码 {code} 的企业档案", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (exit, _, error) = await app.RunCliAsync("users", "add", "bindc-" + code[^8..], "--role", "enterprise", "--enterprise", code,
            "--password", "Cli-Pass-2024!");
        Assert.Equal(1, exit);
        Assert.Contains(code, error, StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Users.Any(u => u.EnterpriseUscc == code)));

        // With the record the same binding works.
        var record = await RecordAsync(app);
        (exit, _, error) = await app.RunCliAsync("users", "add", "bindok-" + record.Code[^8..], "--role", "enterprise",
            "--enterprise",
            record.Code, "--password", "Cli-Pass-2024!");
        Assert.True(exit == 0, error);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AnEnterprise_NeverSeesOrChangesAnothersRecordRequestsOrFigures(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var mine = await RecordAsync(app);
        var theirs = await RecordAsync(app);
        var (me, meUser) = await ClaimedAsync(app, mine);
        await ClaimedAsync(app, theirs);
        var version = app.Use(d => d.Enterprises.Single(e => e.Id == theirs.Id).Version);
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync($"/api/v1/enterprises/{Id(theirs.Id)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await me.PutAsJsonAsync($"/api/v1/enterprises/{Id(theirs.Id)}", new { version, address = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync($"/api/v1/enterprises/{Id(theirs.Id)}/indicators")).StatusCode);
        var requests = await me.GetFromJsonAsync<List<EnterpriseRequestDto>>("/api/v1/enterprise-requests", Json.Options);
        Assert.All(requests!, r => Assert.Equal(mine.Code, r.CreditCode));
        var theirRequest = app.Use(d => d.Set<EnterpriseRequest>().First(r => r.CreditCode == theirs.Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(me, theirRequest.Id, "approve", theirRequest.Version)).StatusCode);

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, meUser.UserName!, FipApp.UserPassword);
        var page = await browser.GetStringAsync("/MyEnterprise");
        Assert.Contains(mine.Name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Name, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Registries/enterprises/{Id(theirs.Id)}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/MyEnterprise/Requests")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Register_ChecksThePhone_SignsIn_AndMyEnterpriseOffersTheClaim(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var browser = app.BrowserClient();
        Assert.Contains("/Accounts/Register", await browser.GetStringAsync("/Accounts/Login"), StringComparison.Ordinal);
        var name = "regp-" + Guid.NewGuid().ToString("N")[..10];
        var form = new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.Phone"] = "12345",
            ["Input.Email"] = "reg@example.com",
            ["Input.Password"] = FipApp.UserPassword,
            ["Input.ConfirmPassword"] = FipApp.UserPassword,
        };
        var bad = await FipApp.PostFormAsync(browser, "/Accounts/Register", form);
        Assert.Contains("联系电话应为11位手机号", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        form["Input.Phone"] = "13812345678";
        var ok = await FipApp.PostFormAsync(browser, "/Accounts/Register", form);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/MyEnterprise", ok.Headers.Location!.OriginalString);
        var page = await browser.GetStringAsync("/MyEnterprise");
        Assert.Contains("data-testid=\"claim-form\"", page, StringComparison.Ordinal);
        Assert.Contains("/MyEnterprise/NewRecord", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/MyEnterprise/NewRecord")).StatusCode);
        Assert.Equal(Roles.Enterprise, app.Use(d => d.Roles.Single(r => d.UserRoles.Any(ur => ur.RoleId == r.Id
            && d.Users.Any(u => u.Id == ur.UserId && u.UserName == name))).Name));
    }

    public static TheoryData<DatabaseProvider, int, string?, string?, HttpStatusCode, string> FilingCases()
    {
        var data = new TheoryData<DatabaseProvider, int, string?, string?, HttpStatusCode, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, -1, "8000", "400", HttpStatusCode.OK, "");                                   // the open year
            data.Add(db, -1, "400", "400.00", HttpStatusCode.OK, "");                                 // R&D equal to revenue
            data.Add(db, -1, "400", "400.01", HttpStatusCode.UnprocessableEntity, "研发投入不能大于营业收入");
            data.Add(db, -1, "-1", null, HttpStatusCode.UnprocessableEntity, "不能为负");
            data.Add(db, -2, "8000", "400", HttpStatusCode.UnprocessableEntity, "的填报已于");            // its window closed
            data.Add(db, 0, "8000", "400", HttpStatusCode.UnprocessableEntity, "的填报已于");             // not yet open
        }
        return data;
    }

    /// <summary>An enterprise files its yearly figures through the same rules as imports, within the year's window.</summary>
    [Theory, MemberData(nameof(FilingCases))]
    public async Task YearlyFigures_FiledWithinTheWindow_WithTheImportChecks(DatabaseProvider db, int yearOffset, string? revenue,
        string? rd, HttpStatusCode status, string message)
    {
        var app = FipApp.For(db);
        var record = await RecordAsync(app);
        var (client, _) = await ClaimedAsync(app, record);
        var year = DateTime.UtcNow.AddHours(8).Year + yearOffset;
        var version = app.Use(d => d.Enterprises.Single(e => e.Id == record.Id).Version);
        var response = await client.PutAsJsonAsync($"/api/v1/enterprises/{Id(record.Id)}/indicators/{Id(year)}",
            new { version, revenue, rdExpense = rd, employees = "12" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {body}");
        Assert.Contains(message, body, StringComparison.Ordinal);
        // Its district corrects a closed year.
        if (yearOffset == -2)
        {
            var (district, _) = await app.ApiClientAsync(Roles.District);
            Assert.Equal(HttpStatusCode.OK, (await district.PutAsJsonAsync($"/api/v1/enterprises/{Id(record.Id)}/indicators/{Id(year)}",
                new { version, revenue, rdExpense = rd })).StatusCode);
        }
    }
}
