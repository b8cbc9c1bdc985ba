using System.Net;
using Fip.Web.Data;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fip.IntegrationTests;

/// <summary>/metrics: the Prometheus scrape of request durations and the platform's own meter, for allowed addresses only.</summary>
public class MetricsTests
{
    private static WebApplicationFactory<Program> Node(DatabaseProvider db, string enabled = "true") =>
        FipApp.For(db).WithWebHostBuilder(b =>
        {
            b.UseSetting("Metrics:Enabled", enabled);
            b.UseSetting("Metrics:AllowedNetworks", "10.20.0.0/16, 192.0.2.7");
        });

    private static async Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string? remote, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (remote is not null) request.Headers.Add(FipApp.ClientAddressHeader, remote);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Metrics_FromLoopback_HoldTheRouteHistogramAndJobRuns(DatabaseProvider db)
    {
        await using var node = Node(db);
        var client = node.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var host = node.Services.GetServices<IHostedService>().OfType<JobHost>().Single();
        var job = node.Services.GetServices<IScheduledJob>().Single(j => j.Name == "robot-dispatch");
        Assert.True(await host.RunOnceAsync(job, CancellationToken.None));

        var response = await ScrapeAsync(client, "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/health/live\"", text, StringComparison.Ordinal);
        Assert.Matches("fip_job_runs_total\\{[^}]*job=\"robot-dispatch\"[^}]*\\} [1-9]", text);
        Assert.Contains("fip_job_duration_seconds_bucket{", text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Metrics_FromOtherAddresses_Are404(DatabaseProvider db)
    {
        await using var node = Node(db);
        var client = node.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(client, "10.20.3.4")).StatusCode); // a configured network
        foreach (var (remote, forwardedFor) in new (string?, string?)[]
                 { ("203.0.113.7", null), ("10.21.0.1", null), ("127.0.0.1", "203.0.113.7"), (null, null) })
        {
            var response = await ScrapeAsync(client, remote, forwardedFor);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_Disabled_Are404EvenFromLoopback()
    {
        await using var node = Node(DatabaseProvider.Sqlite, enabled: "false");
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(node.CreateClient(), "127.0.0.1")).StatusCode);
    }
}
