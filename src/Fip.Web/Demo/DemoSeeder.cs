using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fip.Web.Demo;

/// <summary>What the demo seed added: the demo accounts, their password (to show once) and the demo enterprises.</summary>
public sealed record DemoSeedReport(IReadOnlyList<string> Users, string? Password, int Enterprises);

/// <summary>
/// The labelled demo data (演示数据) of every feature, added when <c>Seed:Demo</c> or <c>fip seed --demo</c> asks for it:
/// demo accounts, registry records, enterprises put on chain links and supervision work. Adds only what is missing.
/// </summary>
public sealed class DemoSeeder(
    FipDbContext db,
    AccountService accounts,
    IConfiguration configuration,
    IOptions<SeedOptions> options,
    DemoDataLoader registries,
    ChainDemoLinks chains,
    SupervisionDemo supervision,
    RegulationDemo regulation,
    SupportDemo support,
    TimeProvider clock,
    ILogger<DemoSeeder> log)
{
    public const string PasswordVariable = "FIP_DEMO_PASSWORD";

    /// <summary>The seed of the demo registries: the same records on every machine.</summary>
    public const int RegistrySeed = 20241128;

    public async Task<DemoSeedReport> SeedAsync(CancellationToken ct = default)
    {
        var enterprises = 0;
        if (!await db.Enterprises.AnyAsync(e => e.IsDemo, ct))
            enterprises = (await registries.LoadAsync(options.Value.DemoEnterprises, RegistrySeed, ct)).Enterprises;
        if (enterprises > 0)
            await chains.LoadAsync(ct);
        await supervision.LoadAsync(ct);
        await TalentDemo.LoadAsync(db, ct);
        await FinanceDemo.LoadAsync(db, ct);
        await GoalsDemo.LoadAsync(db, ct);
        await regulation.LoadAsync(ct);
        await new ScenarioDemo(db).LoadAsync(ct);
        await ScenarioCallsDemo.LoadAsync(db, ct);
        await support.LoadAsync(ct);
        await DemandDemo.LoadAsync(db, ct);
        await InvestmentDemo.LoadAsync(db, clock, ct);
        // Last: an enterprise account is bound only to a code with a record (the support demo gives the demo code one).
        var (users, password) = await AccountsAsync(ct);
        return new DemoSeedReport(users, password, enterprises);
    }

    /// <summary>One demo account per role that has a scope to show (department, district, leader, enterprise), once.</summary>
    private async Task<(List<string> Users, string? Password)> AccountsAsync(CancellationToken ct)
    {
        var demoUsers = new List<string>();
        if (await db.Users.AnyAsync(u => u.IsDemo, ct)) return (demoUsers, null);
        var demoPassword = configuration[PasswordVariable];
        if (string.IsNullOrEmpty(demoPassword)) demoPassword = PasswordClassesValidator.Generate();
        var demoAccounts = new[]
        {
            new AccountInput("demo-kjj", "演示·市科技局用户", Roles.Department, "市科技局", null, null, null),
            new AccountInput("demo-talent", "演示·市委人才办用户", Roles.Department, "市委组织部（人才办）", null, null, null),
            new AccountInput("demo-finance", "演示·金融监管用户", Roles.Department, "国家金融监管总局扬州监管分局", null, null, null),
            new AccountInput("demo-hanjiang", "演示·邗江区用户", Roles.District, null, "邗江区", null, null),
            new AccountInput("demo-leader", "演示·市领导", Roles.Leader, null, null, null, null),
            new AccountInput("demo-enterprise", "演示·企业用户", Roles.Enterprise, null, null, null, null),
            new AccountInput("demo-reviewer", "演示·容错评审人员", Roles.ToleranceReviewer, null, null, null, null),
        };
        foreach (var input in demoAccounts)
        {
            var account = input.Role == Roles.Enterprise ? input with { EnterpriseUscc = DemoCreditCode() } : input;
            var created = await accounts.CreateAsync(account, demoPassword, mustChangePassword: false, isDemo: true, ct: ct);
            if (created.Succeeded) demoUsers.Add($"{account.UserName} ({account.Role})");
            else log.LogWarning("Demo account {UserName} not created: {Errors}", account.UserName,
                string.Join("; ", created.Errors.Select(e => e.Message)));
        }
        return (demoUsers, demoPassword);
    }

    /// <summary>A made-up but well-formed 统一社会信用代码 for the demo enterprise account.</summary>
    internal static string DemoCreditCode()
    {
        const string body = "91321003MA1MDEMA0";
        return body + CreditCode.CheckCharacter(body);
    }
}
