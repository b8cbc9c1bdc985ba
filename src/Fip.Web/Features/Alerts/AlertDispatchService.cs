namespace Fip.Web.Features.Alerts;

/// <summary>
/// Sends queued robot messages every <c>Jobs:DispatchSeconds</c> (15) through the <see cref="AlertDispatcher"/>;
/// <c>Jobs:Enabled=false</c> stops it.
/// </summary>
public sealed class AlertDispatchService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AlertDispatchService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Jobs:Enabled", true)) return;
        var every = TimeSpan.FromSeconds(configuration.GetValue("Jobs:DispatchSeconds", 15));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                if (sp.GetRequiredService<Data.IAuditActor>() is Accounts.HttpAuditActor actor)
                    actor.ActingFor = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                        [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "system:alerts-job")], "system"));
                await sp.GetRequiredService<AlertDispatcher>().DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                log.LogError(e, "Sending robot messages failed; it will run again");
            }
            try { await Task.Delay(every, stoppingToken); } catch (OperationCanceledException) { break; }
        }
    }
}
