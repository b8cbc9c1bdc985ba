using Fip.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fip.IntegrationTests.Data;

/// <summary>
/// Each host logs through its own logger, whatever another host in the process does with Serilog's static logger: several apps
/// run at once in this process, and with the static one a category's first log went to the host that had set it last (an
/// app's statements were sometimes logged to another app), and a host stopping closed it for all.
/// </summary>
public class HostLoggerTests
{
    [Fact]
    public void AHost_LogsToItsOwnSinks_WhenTheStaticLoggerIsReplaced()
    {
        using var app = FipApp.Start(DatabaseProvider.Sqlite);
        var previous = Serilog.Log.Logger;
        try
        {
            // What another host starting, or stopping (Log.CloseAndFlush), does to the static logger.
            Serilog.Log.Logger = Serilog.Core.Logger.None;
            var category = "HostLoggerTests." + Guid.NewGuid().ToString("N");
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).LogWarning("Logged by this host: {Mark}", 42);
            Assert.Contains(app.Logs.Events, e => e.MessageTemplate.Text == "Logged by this host: {Mark}"
                && e.Properties["SourceContext"].ToString() == $"\"{category}\"");
        }
        finally
        {
            Serilog.Log.Logger = previous;
        }
    }
}
