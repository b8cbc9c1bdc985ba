using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fip.Web.Infrastructure;

/// <summary>What the first start created, so the host can tell the person at the console how to sign in.</summary>
public sealed record SeedReport(bool PlanSeeded, string? AdminUserName, string? AdminPassword, bool AdminPasswordFromEnvironment,
    IReadOnlyList<string> DemoUsers, string? DemoPassword, int DemoEnterprises = 0);

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
    Features.Goals.GoalSeeder goals,
    Features.Chains.ChainSeeder chains,
    Features.Demand.TalentSkillSeeder skills,
    Features.Supervision.SupervisionSeeder supervision,
    Features.Support.SupportSeeder support,
    Demo.DemoSeeder demoSeeder,
    ILogger<StartupSeeder> log)
{
    public const string AdminPasswordVariable = "FIP_ADMIN_PASSWORD";

    /// <summary>Roles, the default plan with its goals, chains and supervision tasks, the first admin and the demo data: all of it
    /// or nothing (one transaction), so a failed seed leaves no half-seeded database.</summary>
    public async Task<SeedReport> SeedAsync(bool? demo = null, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await SeedInTransactionAsync(demo, ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    private async Task<SeedReport> SeedInTransactionAsync(bool? demo, CancellationToken ct)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var planSeeded = !await db.Plans.AnyAsync(ct) && await plans.SeedDefaultAsync(ct);
        await goals.SeedAsync(ct);
        await chains.SeedAsync(ct);
        await skills.SeedAsync(ct);
        await supervision.SeedAsync(ct);
        await support.SeedAsync(ct);

        string? adminName = null, adminPassword = null;
        var fromEnvironment = false;
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0)
        {
            adminName = options.Value.AdminUserName;
            var configured = configuration[AdminPasswordVariable];
            fromEnvironment = !string.IsNullOrEmpty(configured);
            adminPassword = fromEnvironment ? configured! : PasswordClassesValidator.Generate();
            var created = await accounts.CreateAsync(new AccountInput(adminName, "专班管理员", Roles.Admin, null, null, null, null),
                adminPassword, mustChangePassword: true, ct: ct);
            if (!created.Succeeded)
                throw new InvalidOperationException(
                    $"Could not create the first admin ({AdminPasswordVariable} must have ≥ 10 characters of 3 kinds): "
                        + string.Join("; ", created.Errors.Select(e => e.Message)));
            log.LogInformation("Created the first admin account {UserName}", adminName);
        }

        var demoSeed = demo ?? options.Value.Demo ? await demoSeeder.SeedAsync(ct) : null;
        return new SeedReport(planSeeded, adminName, adminPassword, fromEnvironment, demoSeed?.Users ?? [], demoSeed?.Password,
            demoSeed?.Enterprises ?? 0);
    }
}
