using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Fip.Web.Infrastructure;

/// <summary>
/// Behind a TLS-terminating reverse proxy: `X-Forwarded-For` and `X-Forwarded-Proto` are believed only from the proxies named in
/// `Proxy:KnownProxies` (addresses, comma-separated) and `Proxy:KnownNetworks` (CIDR, comma-separated); by default loopback only.
/// A request the proxy received over HTTPS is then HTTPS to the app: cookies go out `Secure`, and HSTS is sent (outside
/// Development).
/// </summary>
public static class ProxySettings
{
    public static IServiceCollection AddProxySettings(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front: the last address it adds is the client's.
            o.ForwardLimit = 1;
            foreach (var text in List(configuration["Proxy:KnownProxies"]))
                o.KnownProxies.Add(IPAddress.TryParse(text, out var address)
                    ? address
                    : throw new InvalidOperationException($"Proxy:KnownProxies: “{text}” is not an IP address."));
            foreach (var text in List(configuration["Proxy:KnownNetworks"]))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                    ? network
                    : throw new InvalidOperationException($"Proxy:KnownNetworks: “{text}” is not a network (CIDR, e.g. 10.0.0.0/24)."));
        }).AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
