using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure.Jobs;

namespace Fip.Web.Features.Supervision;

public static class SupervisionServices
{
    /// <summary>Tasks, reports, reviews, warnings and scorecards (shared by the web app and the command line).</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddScoped<SupervisionBoard>();
        services.AddScoped<SupervisionSeeder>();
        services.AddAlertRules<SupervisionAlertRules>();
        services.AddScoped<ReportService>();
        services.AddScoped<TaskAdmin>();
        services.AddScoped<Followups>();
        services.AddScoped<IAlertResolutionCheck, UnfiledReportCheck>();
        services.AddScoped<Scorecards>();
        services.AddScoped<SupervisionExports>();
        services.AddSingleton<AttachmentStore>();
        services.AddScheduledJob<SupervisionAlertsJob>();
        return services;
    }
}
