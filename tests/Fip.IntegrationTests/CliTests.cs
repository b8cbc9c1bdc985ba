using System.Net;
using Fip.Cli;
using Fip.Web.Data;

namespace Fip.IntegrationTests;

public class CliTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task UsersAddAndTokensCreate_GiveAWorkingApiToken(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var name = $"cli-{Guid.NewGuid():N}"[..14];
        var (code, output, _) = await app.RunCliAsync("users", "add", name, "--role", "district", "--district", "仪征市", "--password",
            "Cli-Pass-2024!");
        Assert.Equal(0, code);
        Assert.Contains($"Created {name}", output, StringComparison.Ordinal);
        Assert.Equal("仪征市", app.Use(d => d.Users.Where(u => u.UserName == name).Select(u => u.District!.ShortName).Single()));

        var (tokenCode, token, _) = await app.RunCliAsync("tokens", "create", name);
        Assert.Equal(0, tokenCode);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Trim());
        var me = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"role\":\"district\"", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.Use(d => d.AuditEntries.Where(a => a.EntityType == "PersonalAccessToken").Select(a => a.UserName).ToList()),
            u => u.StartsWith("cli:", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BadInput_ExitsNonZeroWithAClearMessage(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (code, _, error) = await app.RunCliAsync("users", "add", "x-bad", "--role", "department", "--department", "市不存在局");
        Assert.Equal(1, code);
        Assert.Contains("找不到部门：市不存在局", error, StringComparison.Ordinal);
        (code, _, error) = await app.RunCliAsync("users", "add", "x-bad2", "--role", "enterprise", "--enterprise", "12345");
        Assert.Equal(1, code);
        Assert.Contains("统一社会信用代码应为18位", error, StringComparison.Ordinal);
        (code, _, error) = await app.RunCliAsync("users", "add", "x-bad3", "--role", "emperor");
        Assert.Equal(1, code);
        Assert.Contains("未知角色", error, StringComparison.Ordinal);
        (code, _, error) = await app.RunCliAsync("tokens", "create", "nobody-here");
        Assert.Equal(1, code);
        (code, _, _) = await app.RunCliAsync("frobnicate");
        Assert.Equal(2, code);
        Assert.False(app.Use(d => d.Users.Any(u => u.UserName!.StartsWith("x-bad"))));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task MigrateAndSeed_AreIdempotent(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var plans = app.Use(d => d.Plans.Count());
        Assert.Equal(0, (await app.RunCliAsync("migrate")).Code);
        var (code, output, _) = await app.RunCliAsync("seed");
        Assert.Equal(0, code);
        Assert.Contains("already there", output, StringComparison.Ordinal);
        Assert.Equal(plans, app.Use(d => d.Plans.Count()));
    }

    /// <summary>Issue 16: `fip users add NAME --role admin` before `fip seed` failed, yet left a user without a role.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task UsersAdd_BeforeSeed_FailsClearly_AndWritesNothing(DatabaseProvider db)
    {
        var database = FipApp.EmptyDatabase(db);
        Assert.Equal(0, (await FipApp.RunCliAsync(db, database, null, "migrate")).Code);

        var (code, _, error) = await FipApp.RunCliAsync(db, database, null, "users", "add", "early-admin", "--role", "admin", "--password",
            "Cli-Pass-2024!");
        Assert.Equal(1, code);
        Assert.Contains("fip seed", error, StringComparison.Ordinal);
        var (listed, list, _) = await FipApp.RunCliAsync(db, database, null, "users", "list");
        Assert.Equal(0, listed);
        Assert.DoesNotContain("early-admin", list, StringComparison.Ordinal);

        // After the seed the same command works, with its role.
        Assert.Equal(0, (await FipApp.RunCliAsync(db, database, null, "seed")).Code);
        (code, _, error) = await FipApp.RunCliAsync(db, database, null, "users", "add", "early-admin", "--role", "admin", "--password",
            "Cli-Pass-2024!");
        Assert.True(code == 0, error);
        (_, list, _) = await FipApp.RunCliAsync(db, database, null, "users", "list");
        Assert.Matches(@"early-admin\s+admin", list);
    }
}
