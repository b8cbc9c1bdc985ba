using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure.Jobs;

namespace Fip.Web.Features.Goals;

public static class GoalServices
{
    /// <summary>Indicators, goals, snapshots, alerts and robots (shared by the web app and the command line).</summary>
    public static IServiceCollection AddGoals(this IServiceCollection services)
    {
        services.AddSingleton<IndicatorEngine>();
        services.AddScoped<GoalService>();
        services.AddScoped<GoalSeeder>();
        services.AddScoped<IndicatorAdmin>();
        services.AddScoped<LeaderHome>();
        services.AddScoped<SnapshotService>();
        services.AddScoped<GoalAlertRules>();
        services.AddScoped<AlertService>();
        services.AddScoped<AlertDispatcher>();
        services.AddScheduledJob<GoalsJob>();
        services.AddScheduledJob<RobotDispatchJob>();
        services.AddHttpClient<RobotClient>(c => c.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }
}
