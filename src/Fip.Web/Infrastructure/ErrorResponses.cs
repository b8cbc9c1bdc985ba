using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>
/// Errors never show a stack trace: the API answers with ProblemDetails whose title is in the request's language,
/// pages re-execute the friendly error page (/Error?code=N).
/// </summary>
public static class ErrorResponses
{
    public static IServiceCollection AddLocalizedProblemDetails(this IServiceCollection services) =>
        services
            // Binding failures (unreadable JSON, a query value of the wrong type) are thrown, so that they reach
            // ApiBadRequestHandler and get a detail saying what was wrong, instead of an empty 400.
            .Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true)
            .AddExceptionHandler<ApiBadRequestHandler>()
            .AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            // Validation problems keep their own localized field messages; the title states the kind of problem.
            context.ProblemDetails.Title = TitleFor(l, status, context.ProblemDetails.Title);
            if (status >= 500) context.ProblemDetails.Detail = null;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });

    public static string TitleFor(IStringLocalizer l, int status, string? fallback) => status switch
    {
        400 => l["Problem.400"],
        401 => l["Problem.401"],
        403 => l["Problem.403"],
        404 => l["Problem.404"],
        405 => l["Problem.405"],
        409 => l["Error.Stale"],
        415 => l["Problem.415"],
        >= 500 => l["Problem.500"],
        _ => fallback ?? l["Problem.400"],
    };

    public static IApplicationBuilder UseFipErrorHandling(this IApplicationBuilder app)
    {
        app.UseWhen(c => c.Request.IsApi(), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.IsApi(), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        return app;
    }
}

/// <summary>
/// An API request the server could not bind (a body that is not valid JSON or not of the expected shape, a parameter of the
/// wrong type): a ProblemDetails with the request's status (400, 413, 415) and a localized detail, not logged as an error.
/// </summary>
public sealed class ApiBadRequestHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> l,
    ILogger<ApiBadRequestHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || !httpContext.Request.IsApi() || httpContext.Response.HasStarted) return false;
        log.LogInformation("Bad request {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, bad.Message);
        var body = bad.InnerException is System.Text.Json.JsonException || bad.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase);
        httpContext.Response.StatusCode = bad.StatusCode;
        string? detail = bad.StatusCode == StatusCodes.Status400BadRequest
            ? (body ? l["Problem.BodyUnreadable"] : l["Problem.BadParameter"]).Value
            : null;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Detail = detail },
        });
    }
}
