using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fip.Web.Features.Accounts;

/// <summary>
/// The sign-in cookie's ticket, kept decrypted for a short while per cookie value: a signed-in browser sends the same cookie with
/// every request, and decrypting and deserialising it (AES and HMAC over a kilobyte or two, then the claims) was a tenth of a
/// page's CPU. The cookie value itself is the key, so only the exact bytes the server issued find an entry; each request gets
/// its own copy of the principal and properties (the cookie handler and the claims factory may change them). Nothing about the
/// session is decided here: expiry is still checked by the cookie handler and the security stamp by
/// <see cref="SessionValidation"/> on every request, against the database.
/// </summary>
public sealed class KeptTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, KeptDecryptions<AuthenticationTicket> kept)
    : ISecureDataFormat<AuthenticationTicket>
{
    public static KeptDecryptions<AuthenticationTicket> NewCache() => new();

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // A purpose (TLS token binding) is not used by the cookies here; such a call goes to the inner format every time.
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        // A forged or stale cookie decrypts to null: not kept, each try pays the decryption.
        if (kept.Get(protectedText, inner.Unprotect) is not { } ticket) return null;
        // ClaimsPrincipal.Clone shares the identities; each is copied here so that a claim added by one request stays there.
        var principal = new ClaimsPrincipal(ticket.Principal.Identities.Select(i => i.Clone()));
        return new AuthenticationTicket(principal, ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }

    /// <summary>Wraps the application cookie's ticket format (after Identity and the cookie handler have set it up).</summary>
    public sealed class Setup : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        private readonly KeptDecryptions<AuthenticationTicket> _kept = NewCache();

        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name != IdentityConstants.ApplicationScheme || options.TicketDataFormat is KeptTicketFormat) return;
            options.TicketDataFormat = new KeptTicketFormat(options.TicketDataFormat, _kept);
        }
    }
}
