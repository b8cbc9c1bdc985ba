using Microsoft.Extensions.Caching.Memory;

namespace Fip.Web.Infrastructure;

/// <summary>
/// What a protected value the server issued decrypts to, kept per protected value: a browser sends the same sign-in cookie
/// (<see cref="Features.Accounts.KeptTicketFormat"/>) and antiforgery cookie (<see cref="KeptAntiforgeryCookie"/>) with every
/// request, and decrypting them again (AES and HMAC through a derived key) was a good share of a page's CPU. The key is the
/// whole protected value, and a value is kept only once it decrypted, so a forged or altered one finds no entry and pays the
/// decryption (and fails) every time. At most <see cref="Capacity"/> values (a node's browsers active within
/// <see cref="Idle"/>); callers hand out copies, never the kept value itself.
/// </summary>
public sealed class KeptDecryptions<T>(TimeSpan? lifetime = null) where T : class
{
    /// <summary>How long a decrypted value is kept after its last use.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);

    /// <summary>How many decrypted values are kept at most.</summary>
    public const int Capacity = 20_000;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>How many decrypted values are kept now.</summary>
    public int Count => _kept.Count;

    /// <summary>
    /// The kept value of <paramref name="protectedValue"/>, or what <paramref name="decrypt"/> gives (kept unless null; an
    /// exception it throws goes to the caller, and nothing is kept).
    /// </summary>
    public T? Get(string protectedValue, Func<string, T?> decrypt)
    {
        if (_kept.TryGetValue(protectedValue, out T? value) && value is not null) return value;
        value = decrypt(protectedValue);
        if (value is not null)
            _kept.Set(protectedValue, value, new MemoryCacheEntryOptions
            {
                Size = 1,
                SlidingExpiration = Idle,
                AbsoluteExpirationRelativeToNow = lifetime,
            });
        return value;
    }
}
