using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fip.Web.Infrastructure;

/// <summary>What the first start created, so the host can tell the person at the console how to sign in.</summary>
public sealed record SeedReport(bool PlanSeeded, string? AdminUserName, string? AdminPassword, bool AdminPasswordFromEnvironment, IReadOnlyList<string> DemoUsers, string? DemoPassword, int DemoEnterprises = 0);

/// <summary>
/// Brings an empty database to a usable state: roles, the default plan, the first admin and, when asked, demo accounts.
/// Safe to run at every start and on several nodes' databases: it only adds what is missing.
/// </summary>
public sealed class StartupSeeder(
    FipDbContext db,
    PlanSeeder plans,
    AccountService accounts,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<SeedOptions> options,
    IConfiguration configuration,
    Features.Registries.Demo.DemoDataLoader demoData,
    Features.Goals.GoalSeeder goals,
    Features.Chains.ChainSeeder chains,
    Features.Chains.ChainDemoLinks chainDemo,
    Features.Supervision.SupervisionSeeder supervision,
    Features.Supervision.SupervisionDemo supervisionDemo,
    ILogger<StartupSeeder> log)
{
    public const string AdminPasswordVariable = "FIP_ADMIN_PASSWORD";
    public const string DemoPasswordVariable = "FIP_DEMO_PASSWORD";

    public async Task<SeedReport> SeedAsync(bool? demo = null, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var planSeeded = !await db.Plans.AnyAsync(ct) && await plans.SeedDefaultAsync(ct);
        await goals.SeedAsync(ct);
        await chains.SeedAsync(ct);
        await supervision.SeedAsync(ct);

        string? adminName = null, adminPassword = null;
        var fromEnvironment = false;
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0)
        {
            adminName = options.Value.AdminUserName;
            var configured = configuration[AdminPasswordVariable];
            fromEnvironment = !string.IsNullOrEmpty(configured);
            adminPassword = fromEnvironment ? configured! : PasswordClassesValidator.Generate();
            var created = await accounts.CreateAsync(new AccountInput(adminName, "专班管理员", Roles.Admin, null, null, null, null), adminPassword, mustChangePassword: true, ct: ct);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Could not create the first admin ({AdminPasswordVariable} must have ≥ 10 characters of 3 kinds): " + string.Join("; ", created.Errors.Select(e => e.Message)));
            log.LogInformation("Created the first admin account {UserName}", adminName);
        }

        var demoUsers = new List<string>();
        string? demoPassword = null;
        if ((demo ?? options.Value.Demo) && !await db.Users.AnyAsync(u => u.IsDemo, ct))
        {
            demoPassword = configuration[DemoPasswordVariable];
            if (string.IsNullOrEmpty(demoPassword)) demoPassword = PasswordClassesValidator.Generate();
            var demoAccounts = new[]
            {
                new AccountInput("demo-kjj", "演示·市科技局用户", Roles.Department, "市科技局", null, null, null),
                new AccountInput("demo-hanjiang", "演示·邗江区用户", Roles.District, null, "邗江区", null, null),
                new AccountInput("demo-leader", "演示·市领导", Roles.Leader, null, null, null, null),
                new AccountInput("demo-enterprise", "演示·企业用户", Roles.Enterprise, null, null, null, null),
            };
            foreach (var input in demoAccounts)
            {
                var account = input.Role == Roles.Enterprise ? input with { EnterpriseUscc = DemoCreditCode() } : input;
                var created = await accounts.CreateAsync(account, demoPassword, mustChangePassword: false, isDemo: true, ct: ct);
                if (created.Succeeded) demoUsers.Add($"{account.UserName} ({account.Role})");
                else log.LogWarning("Demo account {UserName} not created: {Errors}", account.UserName, string.Join("; ", created.Errors.Select(e => e.Message)));
            }
        }
        var demoEnterprises = 0;
        if ((demo ?? options.Value.Demo) && !await db.Enterprises.AnyAsync(e => e.IsDemo, ct))
            demoEnterprises = (await demoData.LoadAsync(options.Value.DemoEnterprises, seed: 20241128, ct)).Enterprises;
        if ((demo ?? options.Value.Demo) && demoEnterprises > 0)
            await chainDemo.LoadAsync(ct);
        if (demo ?? options.Value.Demo)
            await supervisionDemo.LoadAsync(ct);
        return new SeedReport(planSeeded, adminName, adminPassword, fromEnvironment, demoUsers, demoPassword, demoEnterprises);
    }

    /// <summary>A made-up but well-formed 统一社会信用代码 for the demo enterprise account (check character computed).</summary>
    internal static string DemoCreditCode()
    {
        const string body = "91321003MA1MDEMA0";
        for (var c = 0; c < 31; c++)
        {
            var candidate = body + "0123456789ABCDEFGHJKLMNPQRTUWXY"[c];
            if (CreditCode.Validate(candidate) == CreditCode.Result.Valid) return candidate;
        }
        throw new InvalidOperationException("No check character found.");
    }
}
