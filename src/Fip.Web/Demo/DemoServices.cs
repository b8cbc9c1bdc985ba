namespace Fip.Web.Demo;

public static class DemoServices
{
    /// <summary>The demo seed and what it loads for each feature (shared by the web app and the command line).</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoDataLoader>();
        services.AddScoped<ChainDemoLinks>();
        services.AddScoped<SupervisionDemo>();
        services.AddScoped<RegulationDemo>();
        services.AddScoped<SupportDemo>();
        return services;
    }
}
