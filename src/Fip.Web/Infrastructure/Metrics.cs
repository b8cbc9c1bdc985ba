using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using OpenTelemetry.Metrics;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The platform's own meter ("Fip"): what the operators watch besides request durations. Prometheus names (README, Running in
/// production): fip_job_runs_total and fip_job_duration_seconds {job, outcome}, fip_import_rows_total and
/// fip_import_duration_seconds {registry, outcome}, fip_alerts_raised_total {level}, fip_robot_sends_total {kind, outcome}.
/// </summary>
public static class FipMetrics
{
    public const string MeterName = "Fip";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>("fip.job.runs", "{run}",
        "Scheduled job runs by job and outcome (done: did something, idle: nothing to do, skipped: another node holds the lease, failed)");
    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("fip.job.duration", "s",
        "Duration of scheduled job runs by job and outcome");
    private static readonly Counter<long> ImportRows = Meter.CreateCounter<long>("fip.import.rows", "{row}",
        "Rows of committed (or refused at commit) registry imports by registry and outcome");
    private static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>("fip.import.duration", "s",
        "Duration of registry import commits by registry and outcome");
    private static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>("fip.alerts.raised", "{alert}",
        "Alerts raised by level (red, yellow, blue)");
    private static readonly Counter<long> RobotSends = Meter.CreateCounter<long>("fip.robot.sends", "{message}",
        "Robot (DingTalk, WeCom) message attempts by kind and outcome (sent, failed)");

    public static void JobRan(string job, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome } };
        JobRuns.Add(1, tags);
        JobDuration.Record(duration.TotalSeconds, tags);
    }

    public static void Imported(string registry, bool committed, int rows, TimeSpan duration)
    {
        var tags = new TagList { { "registry", registry }, { "outcome", committed ? "committed" : "refused" } };
        ImportRows.Add(rows, tags);
        ImportDuration.Record(duration.TotalSeconds, tags);
    }

    public static void AlertRaised(string level) => AlertsRaised.Add(1, new KeyValuePair<string, object?>("level", level));

    public static void RobotSent(string kind, bool sent) =>
        RobotSends.Add(1, new TagList { { "kind", kind }, { "outcome", sent ? "sent" : "failed" } });

    /// <summary>
    /// OpenTelemetry metrics with a Prometheus scrape endpoint, unless <c>Metrics:Enabled=false</c>: ASP.NET Core's
    /// http.server.request.duration (per route), the .NET runtime's and the "Fip" meter.
    /// </summary>
    public static IServiceCollection AddFipMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Metrics:Enabled", true)) return services;
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary><c>/metrics</c> for loopback and <c>Metrics:AllowedNetworks</c> only; anyone else gets the ordinary 404.</summary>
    public static WebApplication UseFipMetrics(this WebApplication app)
    {
        var enabled = app.Configuration.GetValue("Metrics:Enabled", true);
        var networks = MetricsAccess.Parse(app.Configuration["Metrics:AllowedNetworks"]);
        // Answered here, before sign-in would send an anonymous caller to the login page.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == ScrapePath && !(enabled && MetricsAccess.IsAllowed(context.Connection.RemoteIpAddress,
                    context.Request.Headers["X-Forwarded-For"].ToString(), networks)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
        if (enabled) app.UseOpenTelemetryPrometheusScrapingEndpoint(ScrapePath);
        return app;
    }

    public const string ScrapePath = "/metrics";
}

/// <summary>Who may scrape <c>/metrics</c>: a caller on loopback or in a configured network, and not relayed for anyone else.</summary>
public static class MetricsAccess
{
    /// <summary>
    /// Networks in CIDR form (<c>10.0.0.0/8</c>, read by <see cref="IPNetwork.TryParse(string, out IPNetwork)"/>; host bits are
    /// refused: 10.0.0.1/8 is not read as 10.0.0.0/8) or single addresses, separated by commas, semicolons or spaces.
    /// </summary>
    public static IReadOnlyList<IPNetwork> Parse(string? setting) =>
        (setting ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.Contains('/', StringComparison.Ordinal)
                ? IPNetwork.TryParse(item, out var network) && network.BaseAddress.Equals(IPAddress.Parse(item.Split('/')[0]))
                    ? network
                    : throw NotANetwork(item)
                : IPAddress.TryParse(item, out var address)
                    ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
                    : throw NotANetwork(item))
            .ToList();

    private static InvalidOperationException NotANetwork(string item) =>
        new($"Metrics:AllowedNetworks: “{item}” is not an address or a network (10.0.0.0/8, host bits zero).");

    /// <summary>
    /// The connection's address must be allowed, and so must every address a proxy says it relays for
    /// (<c>X-Forwarded-For</c>): a scrape through the public proxy is refused even though the proxy itself is on loopback.
    /// </summary>
    public static bool IsAllowed(IPAddress? remote, string? forwardedFor, IReadOnlyList<IPNetwork> networks)
    {
        if (remote is null || !Allowed(remote, networks)) return false;
        foreach (var hop in (forwardedFor ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!IPAddress.TryParse(hop, out var address) || !Allowed(address, networks)) return false;
        return true;
    }

    private static bool Allowed(IPAddress address, IReadOnlyList<IPNetwork> networks)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address));
    }
}
