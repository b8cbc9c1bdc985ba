using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

public class AuditTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EveryWrite_IsAuditedWithWhoAndBeforeAfter_AndSecretsAreMasked(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var target = await app.CreateUserAsync(Roles.Leader);
        var before = (await admin.GetFromJsonAsync<UserDto>($"/api/v1/users/{target.Id}", Json.Options))!;
        var put = await admin.PutAsJsonAsync($"/api/v1/users/{target.Id}",
            new { displayName = "审计测试", role = "leader", concurrencyStamp = before.ConcurrencyStamp });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var page =
            (await admin.GetFromJsonAsync<AuditPage>($"/api/v1/audit?user={adminUser.UserName}&action=Update&entityType=AppUser",
                Json.Options))!;
        var entry = Assert.Single(page.Items, e => e.EntityKey == target.Id && e.After!.Contains("审计测试", StringComparison.Ordinal));
        Assert.Contains("测试leader", entry.Before!, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", entry.After!, StringComparison.Ordinal); // no password hash
        Assert.Contains("***", entry.After!, StringComparison.Ordinal);

        var csv = await admin.GetAsync($"/api/v1/audit/export?user={adminUser.UserName}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("id,time_utc,user,action", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("审计测试", text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditLog_IsAppendOnly_EvenForTheDatabaseUser(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        await app.CreateUserAsync(Roles.Leader);
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        await Assert.ThrowsAnyAsync<Exception>(
            () => context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'tampered'"));
        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        var entry = await context.AuditEntries.FirstAsync();
        entry.UserName = "tampered";
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        Assert.False(app.Use(d => d.AuditEntries.Any(a => a.UserName == "tampered")));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditPage_FiltersAndExports_ForAdminsOnly(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var admin = await app.CreateUserAsync(Roles.Admin);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, admin.UserName!, FipApp.UserPassword);
        var html = await client.GetStringAsync($"/Admin/Audit?user={admin.UserName}&action=SignIn");
        Assert.Contains(admin.UserName!, html, StringComparison.Ordinal);
        Assert.Contains("登录", html, StringComparison.Ordinal);
        var export = await client.GetAsync($"/Admin/Audit?handler=Export&user={admin.UserName}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(AuditActions.SignIn, await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var district = await app.CreateUserAsync(Roles.District);
        var other = app.BrowserClient();
        await FipApp.SignInAsync(other, district.UserName!, FipApp.UserPassword);
        var denied = await other.GetAsync("/Admin/Audit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
