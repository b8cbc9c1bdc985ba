namespace Fip.Web.Features.Inbox;

public static class InboxServices
{
    public static IServiceCollection AddInbox(this IServiceCollection services) =>
        services.AddScoped<TodoInbox>().AddScoped<NavigationCounts>();
}
