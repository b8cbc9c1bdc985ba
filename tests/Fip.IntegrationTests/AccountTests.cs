using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

public class AccountTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task FirstAdmin_MustChangePasswordBeforeAnythingElse(DatabaseProvider db)
    {
        // Its own app: this test changes the first admin's password.
        using var app = FipApp.Start(db);
        var client = app.BrowserClient();
        var signIn = await FipApp.SignInAsync(client, "admin", FipApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/Accounts/ChangePassword", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var plans = await client.GetAsync("/Plans");
        Assert.Equal(HttpStatusCode.Redirect, plans.StatusCode);
        Assert.StartsWith("/Accounts/ChangePassword", plans.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/plans/current")).StatusCode);

        var weak = await FipApp.PostFormAsync(client, "/Accounts/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = FipApp.AdminPassword,
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("密码至少10位", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await FipApp.PostFormAsync(client, "/Accounts/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = FipApp.AdminPassword,
            ["Input.NewPassword"] = "New-Admin-Pass-1",
            ["Input.ConfirmPassword"] = "New-Admin-Pass-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Plans")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
        Assert.False(app.Use(d => d.Users.Single(u => u.UserName == "admin").MustChangePassword));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task WrongPassword_GetsOneGenericMessage_AndFiveFailuresLockTheAccount(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Leader);
        var client = app.BrowserClient();

        var unknown = await FipApp.SignInAsync(client, "no-such-user", "Whatever-123");
        var wrong = await FipApp.SignInAsync(client, user.UserName!, "Wrong-Pass-123");
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("用户名或密码不正确", unknownHtml, StringComparison.Ordinal);
        Assert.Contains("用户名或密码不正确", wrongHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{user.UserName}\"", wrongHtml, StringComparison.Ordinal); // the input is kept

        for (var i = 0; i < 4; i++) await FipApp.SignInAsync(client, user.UserName!, "Wrong-Pass-123");
        var locked = await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("锁定15分钟", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var failures =
            app.Use(d => d.AuditEntries.Count(a => a.UserName == user.UserName && a.Action == AuditActions.SignInFailed && !a.Success));
        Assert.Equal(6, failures);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SignInAndOut_AreAudited_AndSignOutEndsTheSession(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        var client = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var home = await client.GetStringAsync("/");
        var signOut = await client.PostAsync("/Accounts/Logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FipApp.AntiforgeryToken(home) }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Plans")).StatusCode);
        var actions = app.Use(d => d.AuditEntries.Where(a => a.UserName == user.UserName).Select(a => a.Action).ToList());
        Assert.Contains(AuditActions.SignIn, actions);
        Assert.Contains(AuditActions.SignOut, actions);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused(DatabaseProvider db)
    {
        var client = FipApp.For(db).BrowserClient();
        var response = await client.PostAsync("/Accounts/Login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AccessToken_WorksUntilRevoked_AndOthersTokensAreNotFound(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, user) = await app.ApiClientAsync(Roles.Department);
        var me = await client.GetFromJsonAsync<MeDto>("/api/v1/me", Json.Options);
        Assert.Equal(user.UserName, me!.UserName);
        Assert.Equal(Roles.Department, me.Role);
        Assert.NotNull(me.DepartmentId);

        var created = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "脚本", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<CreatedTokenDto>(Json.Options))!;
        Assert.StartsWith("fip_", token.Secret, StringComparison.Ordinal);
        Assert.False(app.Use(d => d.PersonalAccessTokens.Any(t => t.TokenHash == token.Secret)), "the secret is stored hashed");

        var (other, _) = await app.ApiClientAsync(Roles.District);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/tokens/{token.Token.Id}")).StatusCode);

        var second = app.CreateClient();
        second.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/tokens/{token.Token.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me")).StatusCode);

        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "fip_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Users_CreateEditStaleEditDisable_ThroughTheApi(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var name = $"dist-{Guid.NewGuid():N}"[..16];
        var create = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName = name, displayName = "江都区联络员", role = "district", district = "江都区" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = (await create.Content.ReadFromJsonAsync<CreatedUserDto>(Json.Options))!;
        Assert.Equal("江都区", created.User.DistrictName);
        Assert.True(created.User.MustChangePassword);
        Assert.NotNull(created.TemporaryPassword);

        var update = await admin.PutAsJsonAsync($"/api/v1/users/{created.User.Id}",
            new { displayName = "高邮市联络员", role = "district", district = "321084", concurrencyStamp = created.User.ConcurrencyStamp });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("高邮市", (await update.Content.ReadFromJsonAsync<UserDto>(Json.Options))!.DistrictName);

        var stale = await admin.PutAsJsonAsync($"/api/v1/users/{created.User.Id}",
            new { displayName = "覆盖", role = "leader", concurrencyStamp = created.User.ConcurrencyStamp });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("高邮市联络员", app.Use(d => d.Users.Single(u => u.Id == created.User.Id).DisplayName));

        var invalid = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName = name + "x", role = "department", department = "市不存在局" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("找不到部门：市不存在局", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A disabled account's tokens stop working at once.
        var victim = await app.CreateUserAsync(Roles.Leader);
        var victimClient = app.CreateClient();
        victimClient.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(victim));
        Assert.Equal(HttpStatusCode.OK, (await victimClient.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{victim.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await victimClient.GetAsync("/api/v1/me")).StatusCode);
        var reset = await admin.PostAsync($"/api/v1/users/{victim.Id}/reset-password", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AdminPages_CreateAndEditUsers_WithFieldMessagesAndConflicts(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var admin = await app.CreateUserAsync(Roles.Admin);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, admin.UserName!, FipApp.UserPassword);

        var missing = await FipApp.PostFormAsync(client, "/Admin/Users/Create",
            new Dictionary<string, string> { ["Form.UserName"] = "x1-keepme", ["Form.Role"] = "department" });
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("部门用户须选择所属部门", html, StringComparison.Ordinal);
        Assert.Contains("value=\"x1-keepme\"", html, StringComparison.Ordinal);

        var name = $"pg-{Guid.NewGuid():N}"[..14];
        var deptId = app.Use(d => d.Departments.Where(x => x.Name == "市工信局").Select(x => x.Id).First());
        var ok = await FipApp.PostFormAsync(client, "/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Form.UserName"] = name,
            ["Form.DisplayName"] = "工信局联络员",
            ["Form.Role"] = "department",
            ["Form.DepartmentId"] = deptId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("data-testid=\"temp-password\"", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var user = app.Use(d => d.Users.AsNoTracking().Single(u => u.UserName == name));
        Assert.Equal(deptId, user.DepartmentId);

        var editUrl = $"/Admin/Users/Edit/{user.Id}";
        var form = await client.GetStringAsync(editUrl);
        var stamp = System.Text.RegularExpressions.Regex.Match(form, "name=\"ConcurrencyStamp\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["Form.UserName"] = name,
            ["Form.DisplayName"] = "改名一",
            ["Form.Role"] = "department",
            ["Form.DepartmentId"] = deptId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConcurrencyStamp"] = stamp,
        };
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.PostFormAsync(client, editUrl, fields)).StatusCode);
        fields["Form.DisplayName"] = "改名二";
        var conflict = await FipApp.PostFormAsync(client, editUrl, fields);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("该记录已被他人修改", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("改名一", app.Use(d => d.Users.AsNoTracking().Single(u => u.Id == user.Id).DisplayName));
    }
}
