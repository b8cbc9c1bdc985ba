using System.Net;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;

namespace Fip.IntegrationTests;

/// <summary>The public portal (公众服务门户): open without sign-in, linked from every page of the workspace.</summary>
public class PortalTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Portal_OpensWithoutSignIn_AndLinksBackToSignIn(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var anonymous = app.BrowserClient();

        var response = await anonymous.GetAsync("/Portal");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"portal-home\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Accounts/Login\"", html, StringComparison.Ordinal);
        // The portal's own layout: none of the workspace's navigation, no request token for the cookie API.
        Assert.DoesNotContain("request-verification-token", html, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-registries", html, StringComparison.Ordinal);

        // Its sign-in link leads to a page that opens.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Accounts/Login")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Workspace_FooterLinksToThePortal_AndTheSignedInVisitorIsOfferedTheWayBack(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);

        var home = await browser.GetStringAsync("/");
        Assert.Contains("href=\"/Portal\" data-testid=\"footer-portal\"", home, StringComparison.Ordinal);
        var portal = await browser.GetStringAsync("/Portal");
        Assert.Contains("href=\"/\" data-testid=\"portal-sign-in\"", portal, StringComparison.Ordinal);
    }
}
