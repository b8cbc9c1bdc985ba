using System.Security.Cryptography;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace Fip.UnitTests.Infrastructure;

/// <summary>
/// The antiforgery purpose's decryption is kept per protected value; encryption, forged values and other purposes always go
/// to the key ring.
/// </summary>
public class KeptAntiforgeryCookieTests
{
    /// <summary>The key ring of a test, counting its decryptions per purpose.</summary>
    private sealed class Counting(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        public Dictionary<string, int> Unprotects { get; } = [];

        public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), purpose, this);

        private sealed class Protector(IDataProtector inner, string purpose, Counting counts) : IDataProtector
        {
            public IDataProtector CreateProtector(string p) => inner.CreateProtector(p);
            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                counts.Unprotects[purpose] = counts.Unprotects.GetValueOrDefault(purpose) + 1;
                return inner.Unprotect(protectedData);
            }
        }
    }

    private static (Counting Ring, IDataProtector Kept) New(string purpose = KeptAntiforgeryCookie.Purpose)
    {
        var ring = new Counting(new EphemeralDataProtectionProvider());
        return (ring, new KeptAntiforgeryCookie(ring).CreateProtector(purpose));
    }

    [Fact]
    public void TheSameCookie_IsDecryptedOnce_AndEachCallerGetsItsOwnCopy()
    {
        var (ring, kept) = New();
        var cookie = kept.Protect([1, 2, 3]);
        var first = kept.Unprotect(cookie);
        first[0] = 99; // a caller changing its bytes changes nobody else's
        Assert.Equal([1, 2, 3], kept.Unprotect(cookie));
        Assert.Equal([1, 2, 3], kept.Unprotect(cookie));
        Assert.Equal(1, ring.Unprotects[KeptAntiforgeryCookie.Purpose]);
    }

    [Fact]
    public void EachResponse_StillGetsAFreshlyEncryptedToken()
    {
        var (_, kept) = New();
        Assert.NotEqual(kept.Protect([1, 2, 3]), kept.Protect([1, 2, 3]));
    }

    [Fact]
    public void AnAlteredCookie_IsRefusedEveryTime_AndNeverKept()
    {
        var (ring, kept) = New();
        var cookie = kept.Protect([1, 2, 3]);
        cookie[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => kept.Unprotect(cookie));
        Assert.ThrowsAny<CryptographicException>(() => kept.Unprotect(cookie));
        Assert.Equal(2, ring.Unprotects[KeptAntiforgeryCookie.Purpose]);
    }

    [Fact]
    public void OtherPurposes_AreNotKept()
    {
        var (ring, other) = New("fip.other");
        var value = other.Protect([4]);
        other.Unprotect(value);
        other.Unprotect(value);
        Assert.Equal(2, ring.Unprotects["fip.other"]);
    }
}
