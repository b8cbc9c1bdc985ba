using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Fip.UnitTests.Features.Accounts;

/// <summary>The sign-in cookie's ticket kept decrypted per cookie value: each read gets its own copy, only what the inner format
/// accepts is kept, and the cache stays bounded.</summary>
public class KeptTicketFormatTests
{
    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads { get; private set; }
        public string Protect(AuthenticationTicket data) => inner.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            return inner.Unprotect(protectedText, purpose);
        }
    }

    private static (KeptTicketFormat Kept, CountingFormat Inner) NewFormat()
    {
        var inner = new CountingFormat(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("tests")));
        return (new KeptTicketFormat(inner, KeptTicketFormat.NewCache()), inner);
    }

    private static AuthenticationTicket Ticket(string user)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Role, "district")], "test");
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(30) };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, "Identity.Application");
    }

    [Fact]
    public void TheSameCookie_IsDecryptedOnce_AndEachReadGetsItsOwnCopy()
    {
        var (kept, inner) = NewFormat();
        var cookie = kept.Protect(Ticket("u1"));
        var first = kept.Unprotect(cookie)!;
        // A request changes its principal and properties (claims rebuilt, expiry slid): the next request must not see it.
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("added", "by a request"));
        first.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddYears(1);
        var second = kept.Unprotect(cookie)!;

        Assert.Equal(1, inner.Reads);
        Assert.NotSame(first.Principal, second.Principal);
        Assert.Null(second.Principal.FindFirst("added"));
        Assert.Equal("u1", second.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.True(second.Properties.ExpiresUtc < DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal("Identity.Application", second.AuthenticationScheme);
    }

    [Fact]
    public void ADifferentCookie_IsReadOnItsOwn()
    {
        var (kept, inner) = NewFormat();
        var one = kept.Protect(Ticket("u1"));
        var two = kept.Protect(Ticket("u2"));
        Assert.Equal("u1", kept.Unprotect(one)!.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal("u2", kept.Unprotect(two)!.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal(2, inner.Reads);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-cookie")]
    [InlineData("CfDJ8forged")]
    public void AForgedOrEmptyCookie_IsRefused_AndNotKept(string? cookie)
    {
        var (kept, inner) = NewFormat();
        Assert.Null(kept.Unprotect(cookie));
        Assert.Null(kept.Unprotect(cookie));
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public void ATamperedCopyOfAKeptCookie_IsNotFoundByIt()
    {
        var (kept, _) = NewFormat();
        var cookie = kept.Protect(Ticket("u1"));
        Assert.NotNull(kept.Unprotect(cookie));
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? "B" : "A") + cookie[^1];
        Assert.Null(kept.Unprotect(tampered));
    }
}
