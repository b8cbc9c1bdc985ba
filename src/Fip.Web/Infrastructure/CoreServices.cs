using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>Services shared by the web app and the `fip` command line: database, accounts, plan seeding, strings.</summary>
public static class CoreServices
{
    public static IdentityBuilder AddFipCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFipDatabase(configuration);
        // Kept views count one each; the limit bounds the memory they take whatever the number of filters and scopes asked for.
        services.AddMemoryCache(o => o.SizeLimit = configuration.GetValue("Cache:SizeLimit", 20_000));
        services.AddScoped<KeptViews>();
        services.AddSingleton<KeptViewFlights>();
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizer<SharedResource>, JsonStringLocalizer>();
        services.AddSingleton<IStringLocalizer, JsonStringLocalizer>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccessTokenService>();
        services.AddScoped<PlanSeeder>();
        services.AddScoped<PlanWriter>();
        services.AddScoped<StartupSeeder>();
        services.AddSingleton(TimeProvider.System);
        // Keys protect sign-in cookies and password-reset tokens: in the database (or `DataProtection:KeysPath`), shared by the nodes.
        services.AddFipDataProtection(configuration);
        services.Configure<SeedOptions>(configuration.GetSection("Seed"));
        services.AddAuthorizationCore();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddRegistries();
        Features.Messaging.MessagingServices.AddMessaging(services);
        Features.Alerts.AlertServices.AddAlerts(services);
        Features.Goals.GoalServices.AddGoals(services);
        services.AddSingleton<Features.Chains.ChainMatcherCache>();
        services.AddScoped<Features.Chains.ChainSeeder>();
        services.AddScoped<Features.Chains.ChainQueries>();
        services.AddScoped<Features.Chains.ChainCoverage>();
        services.AddScoped<Features.Chains.ChainCommands>();
        services.AddScoped<Features.Chains.ChainSuggester>();
        services.AddScoped<Features.Plans.ITrackDependents, Features.Chains.ChainTrackDependents>();
        services.AddScoped<Features.Plans.ITrackDependents, Features.Demand.TalentTrackDependents>();
        services.AddScoped<Features.Plans.ITrackDependents, Features.Scenarios.ScenarioTrackDependents>();
        Features.Supervision.SupervisionServices.AddSupervision(services);
        Features.Talent.TalentServices.AddTalent(services);
        Features.Finance.FinanceServices.AddFinance(services);
        Features.Demand.DemandServices.AddDemand(services);
        Features.Inbox.InboxServices.AddInbox(services);
        Features.Regulation.RegulationServices.AddRegulation(services);
        Features.Investment.LeadServices.AddInvestmentLeads(services);
        Features.Tolerance.ToleranceServices.AddTolerance(services);
        Features.Scenarios.ScenarioServices.AddScenarios(services);
        Features.Scenarios.CallsApi.AddScenarioCalls(services);
        Features.Support.SupportServices.AddSupport(services);
        Features.MyEnterprise.MyEnterpriseServices.AddMyEnterprise(services);
        Features.Cockpit.CockpitServices.AddCockpit(services);
        Demo.DemoServices.AddDemo(services);
        Backup.BackupServices.AddBackups(services);

        return services
            .AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = PasswordClassesValidator.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FipDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<PasswordClassesValidator>()
            .AddClaimsPrincipalFactory<FipClaimsFactory>();
    }
}

/// <summary>`Seed:Demo` adds labelled demo accounts; `Seed:AdminUserName` names the first admin.</summary>
public sealed class SeedOptions
{
    public bool Demo { get; set; }
    public string AdminUserName { get; set; } = "admin";
    /// <summary>How many demo enterprises the demo seed generates (with proportionate products, scenarios, parks, platforms,
    /// projects).</summary>
    public int DemoEnterprises { get; set; } = 2000;
}
