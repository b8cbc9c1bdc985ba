using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fip.Web.Infrastructure;

/// <summary>Tells the person who started the platform where to open it and how to sign in.</summary>
public static class ConsoleBanner
{
    public static void PrintSeedReport(SeedReport report)
    {
        if (report.AdminUserName is null && report.DemoUsers.Count == 0 && report.DemoEnterprises == 0) return;
        var lines = new List<string> { "", "================ 未来产业培育监测平台 · first start ================" };
        if (report.PlanSeeded) lines.Add("Loaded the default plan: 关于加快培育发展未来产业的指导意见 (扬州市).");
        if (report.AdminUserName is not null)
        {
            lines.Add($"Admin account:  {report.AdminUserName}");
            lines.Add(report.AdminPasswordFromEnvironment
                ? $"Password:       the value of {StartupSeeder.AdminPasswordVariable}"
                : $"Password:       {report.AdminPassword}    (shown once; you must change it at first sign-in)");
        }
        if (report.DemoUsers.Count > 0)
        {
            lines.Add("Demo accounts (演示数据): " + string.Join(", ", report.DemoUsers));
            lines.Add($"Demo password:  {report.DemoPassword}");
        }
        if (report.DemoEnterprises > 0)
            lines.Add($"Demo registries (演示数据): {report.DemoEnterprises} enterprises with their products, scenarios, parks, platforms " +
                $"and projects.");
        lines.Add("====================================================================");
        foreach (var line in lines) Console.WriteLine(line);
    }

    public static void PrintListening(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine($"未来产业培育监测平台 is running: open {addresses.First()}");
        Console.WriteLine("Sign in as admin (password printed at first start, or FIP_ADMIN_PASSWORD). Stop with Ctrl+C.");
        Console.WriteLine();
    }
}
