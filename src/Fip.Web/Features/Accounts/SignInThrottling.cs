using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Fip.Web.Features.Accounts;

/// <summary>
/// Per client address throttling of the password forms (sign-in and change-password) with ASP.NET Core's rate limiter: at most
/// `RateLimits:PasswordAttempts` posts (default 20) per `RateLimits:PasswordWindowSeconds` (default 60) from one address and form,
/// over a sliding window. Beyond it the answer is 429 with Retry-After and the error page in the user's language. The address is the
/// client's as the forwarded headers of a known proxy tell it (<see cref="Infrastructure.ProxySettings"/>).
/// </summary>
public static class SignInThrottling
{
    private static readonly string[] Forms = ["/Accounts/Login", "/Accounts/ChangePassword"];

    public static IServiceCollection AddSignInThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = Math.Max(1, configuration.GetValue("RateLimits:PasswordAttempts", 20));
        var window = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("RateLimits:PasswordWindowSeconds", 60)));
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                FormOf(context.Request) is { } form
                    ? RateLimitPartition.GetSlidingWindowLimiter($"{form}|{context.Connection.RemoteIpAddress}",
                        _ => new SlidingWindowRateLimiterOptions
                        {
                            PermitLimit = permits,
                            Window = window,
                            SegmentsPerWindow = 6,
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        })
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                // No body here: the status code pages show the error page (429) in the request's language.
                return ValueTask.CompletedTask;
            };
        });
    }

    /// <summary>The password form a request posts to, or null for anything else (not throttled).</summary>
    private static string? FormOf(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
            ? Forms.FirstOrDefault(f => request.Path.Equals(f, StringComparison.OrdinalIgnoreCase))
            : null;
}
