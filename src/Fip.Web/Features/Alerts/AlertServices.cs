using Fip.Web.Infrastructure.Jobs;

namespace Fip.Web.Features.Alerts;

public static class AlertServices
{
    /// <summary>Alerts, their robots and the dispatcher that sends to them (shared by the web app and the command line).</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddScoped<AlertService>();
        services.AddScoped<AlertDispatcher>();
        services.AddScheduledJob<RobotDispatchJob>();
        services.AddHttpClient<RobotClient>(c => c.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }
}
