using System.Net;
using Fip.Web.Features.Accounts;
using Microsoft.Extensions.Localization;
using Scalar.AspNetCore;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The API reference at /api/docs (Scalar, served from this app): for the roles that use the API (admin, department,
/// district), under the platform's own header with a way back. Nothing on it calls a third party or offers a hosted
/// service: the AI agent (it uploads the API description), the MCP and telemetry are off, and the developer toolbar
/// (Deploy, Generate SDK, Share) and the client button are hidden.
/// </summary>
public static class ApiDocs
{
    public const string Path = "/api/docs";

    public static IEndpointConventionBuilder MapApiDocs(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, (options, context) =>
        {
            var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            options.WithTitle(l["ApiDocs.Title"])
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .HideDeveloperTools()
                .HideClientButton();
            options.HeadContent = HeaderStyle;
            options.HeaderContent = Header(l);
        }).RequireAuthorization(Policies.Responsible);

    private const string HeaderStyle =
        "<style>.fip-api-header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:#1f3b63;" +
        "color:#fff;font:15px/1.4 system-ui,sans-serif}.fip-api-header a{color:#fff;text-decoration:underline}" +
        ".fip-api-header strong{font-size:16px}</style>";

    /// <summary>The platform's name and the way back, in the reader's language.</summary>
    public static string Header(IStringLocalizer l) =>
        $"<header class=\"fip-api-header\" data-testid=\"api-docs-header\"><strong>{WebUtility.HtmlEncode(l["App.Name"])}</strong>" +
        $"<span>{WebUtility.HtmlEncode(l["ApiDocs.Title"])}</span>" +
        $"<a href=\"/\" data-testid=\"api-docs-back\">{WebUtility.HtmlEncode(l["ApiDocs.Back"])}</a></header>";
}
