using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>
/// Errors never show a stack trace: the API answers with ProblemDetails whose title is in the request's language,
/// pages re-execute the friendly error page (/Error?code=N).
/// </summary>
public static class ErrorResponses
{
    public static IServiceCollection AddLocalizedProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
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
