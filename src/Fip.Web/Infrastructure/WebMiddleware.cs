using Fip.Web.Features.Accounts;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

public static class WebMiddleware
{
    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);

    /// <summary>Security headers on every response (standards.md security baseline): CSP without inline script, no framing, no sniffing;
    /// API responses not cached.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // The API reference page (Scalar) needs its own inline bootstrap script; everything else gets none.
            var script = context.Request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase)
                ? "'self' 'unsafe-inline'"
                : "'self'";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' " +
                $"data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // API answers carry personal data (users, contacts, audit): no shared or browser cache keeps them, unless an endpoint says
            // otherwise.
            if (context.Request.IsApi() && string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>A user whose password must change (first admin, reset) reaches nothing else until it is changed.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && user.HasClaim(c => c.Type == ScopeClaims.MustChangePassword))
        {
            var path = context.Request.Path;
            var allowed = path.StartsWithSegments("/Accounts/ChangePassword", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/Accounts/Logout", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/Error", StringComparison.OrdinalIgnoreCase);
            if (!allowed)
            {
                if (context.Request.IsApi())
                {
                    var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                    await TypedResults.Problem(l["Account.MustChangePassword"], statusCode: StatusCodes.Status403Forbidden)
                        .ExecuteAsync(context);
                }
                else
                {
                    context.Response.Redirect(
                        "/Accounts/ChangePassword?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                }
                return;
            }
        }
        await next(context);
    });
}
