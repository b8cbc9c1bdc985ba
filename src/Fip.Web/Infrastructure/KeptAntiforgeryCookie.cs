using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The antiforgery tokens' data protection with decryption kept per protected value: every signed-in page puts a token in its
/// head and sign-out form, and ASP.NET Core decrypts the same antiforgery cookie for it on every request (AES and HMAC through
/// a derived key, about half of the antiforgery's CPU, itself a tenth of a page). Only decryption is kept, and only of bytes that
/// decrypted: the key is the whole protected value, so a forged or altered cookie finds no entry and pays the decryption (and
/// fails) each time. Every response still gets a freshly encrypted request token. An entry lives at most
/// <see cref="Lifetime"/> (two idle minutes), so a key revoked in the key ring stops being honoured within that time.
/// </summary>
public sealed class KeptAntiforgeryCookie(IDataProtectionProvider inner) : IDataProtectionProvider
{
    /// <summary>The purpose ASP.NET Core's antiforgery token serializer protects its tokens with.</summary>
    public const string Purpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>How many decrypted values are kept at most (a node's browsers active within two minutes).</summary>
    public const int Capacity = 20_000;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>How many decrypted values are kept now.</summary>
    public int Count => _kept.Count;

    public IDataProtector CreateProtector(string purpose) =>
        purpose == Purpose ? new Protector(inner.CreateProtector(purpose), _kept) : inner.CreateProtector(purpose);

    /// <summary>Wraps the registered provider (ASP.NET Core's key ring), whatever way it was registered.</summary>
    public static void Register(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(sp => new KeptAntiforgeryCookie(
            registered.ImplementationInstance as IDataProtectionProvider
            ?? registered.ImplementationFactory?.Invoke(sp) as IDataProtectionProvider
            ?? (IDataProtectionProvider)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
    }

    private sealed class Protector(IDataProtector inner, MemoryCache kept) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            var key = Convert.ToBase64String(protectedData);
            if (kept.TryGetValue(key, out byte[]? plain) && plain is not null) return [.. plain];
            var result = inner.Unprotect(protectedData); // throws for anything the key ring did not protect: nothing kept
            kept.Set(key, (byte[])[.. result], new MemoryCacheEntryOptions
            {
                Size = 1,
                SlidingExpiration = Idle,
                AbsoluteExpirationRelativeToNow = Lifetime,
            });
            return result;
        }
    }
}
