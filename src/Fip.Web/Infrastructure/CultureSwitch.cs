using Microsoft.AspNetCore.Localization;

namespace Fip.Web.Infrastructure;

public static class CultureSwitch
{
    /// <summary>GET /culture/{culture}?returnUrl=… sets the language cookie (zh-CN or en) and goes back.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen =
                JsonStringLocalizerFactory.SupportedCultures.FirstOrDefault(
                    c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is null) return Results.NotFound();
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                });
            var target = !string.IsNullOrEmpty(returnUrl)
                && returnUrl.StartsWith('/')
                && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
}
