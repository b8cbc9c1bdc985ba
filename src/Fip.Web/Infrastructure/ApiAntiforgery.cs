using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>
/// CSRF protection for the API, in one place: an unsafe request (POST, PUT, PATCH, DELETE) under /api/v1 that is
/// authenticated by the browser's cookie must carry a valid antiforgery token in the <see cref="HeaderName"/> header,
/// whatever its content type (JSON, multipart, urlencoded or no body at all). Requests with a personal access token
/// (<c>Authorization: Bearer fip_…</c>) carry no ambient credential and are exempt; so are anonymous requests.
/// A middleware rather than an endpoint filter, so the check runs before any body (an upload) is read or bound.
/// </summary>
public static class ApiAntiforgery
{
    /// <summary>The header the pages' scripts send the request token in (the layout's request-verification-token meta tag).</summary>
    public const string HeaderName = "RequestVerificationToken";

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Runs after authentication, so it knows whether the cookie signed the request in.</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.IsApi() && IsUnsafe(request.Method) && !IsBearer(request) && context.User.Identity?.IsAuthenticated == true)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            // Only the header counts: a form field would make the server read a cross-site form body first.
            var valid = request.Headers.ContainsKey(HeaderName) && await IsValidAsync(antiforgery, context);
            if (!valid)
            {
                var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await TypedResults.Problem(l["Problem.Antiforgery"], statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    private static async Task<bool> IsValidAsync(IAntiforgery antiforgery, HttpContext context)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
