using Microsoft.AspNetCore.DataProtection;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The antiforgery tokens' data protection with decryption kept per protected value: every signed-in page puts a token in its
/// head and sign-out form, and ASP.NET Core decrypts the same antiforgery cookie for it on every request (AES and HMAC through
/// a derived key, about half of the antiforgery's CPU, itself a tenth of a page). Only decryption is kept, and only of bytes that
/// decrypted: the key is the whole protected value, so a forged or altered cookie finds no entry and pays the decryption (and
/// fails) each time (<see cref="KeptDecryptions{T}"/>). Every response still gets a freshly encrypted request token.
/// </summary>
public sealed class KeptAntiforgeryCookie(IDataProtectionProvider inner) : IDataProtectionProvider
{
    /// <summary>The purpose ASP.NET Core's antiforgery token serializer protects its tokens with.</summary>
    public const string Purpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    /// <summary>The longest a decrypted value is kept, however often used (a key revoked in the key ring stops being honoured).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly KeptDecryptions<byte[]> _kept = new(Lifetime);

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

    private sealed class Protector(IDataProtector inner, KeptDecryptions<byte[]> kept) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        // Throws for anything the key ring did not protect: nothing kept. Each caller gets its own copy.
        public byte[] Unprotect(byte[] protectedData) =>
            [.. kept.Get(Convert.ToBase64String(protectedData), _ => inner.Unprotect(protectedData))!];
    }
}
