using Fip.Web.Features.Alerts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure.Jobs;

namespace Fip.Web.Features.Goals;

public static class GoalServices
{
    /// <summary>Indicators, goals, snapshots and the goals' alert rules (shared by the web app and the command line).</summary>
    public static IServiceCollection AddGoals(this IServiceCollection services)
    {
        services.AddSingleton<IndicatorEngine>();
        services.AddScoped<GoalService>();
        services.AddScoped<GoalSeeder>();
        services.AddScoped<IndicatorAdmin>();
        services.AddScoped<ICountingIndicators, CountingIndicators>();
        services.AddScoped<LeaderHome>();
        services.AddSingleton<HomeVisitMemory>();
        services.AddScoped<DistrictTargets>();
        services.AddScoped<SnapshotService>();
        services.AddAlertRules<GoalAlertRules>();
        services.AddScheduledJob<GoalsJob>();
        return services;
    }
}
