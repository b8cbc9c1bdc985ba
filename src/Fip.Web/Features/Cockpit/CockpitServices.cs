namespace Fip.Web.Features.Cockpit;

public static class CockpitServices
{
    /// <summary>The leaders' cockpit: industry scale from the enterprises' yearly figures and the view that gathers the rest.</summary>
    public static IServiceCollection AddCockpit(this IServiceCollection services)
    {
        services.AddScoped<EconomyFigures>();
        services.AddScoped<CockpitService>();
        services.AddScoped<CityMap>();
        services.AddOptions<CityMapOptions>().BindConfiguration("Map");
        return services;
    }
}
