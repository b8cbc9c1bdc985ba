using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Fip.Web.Features.Accounts;

/// <summary>
/// Makes a refused sign-in (unknown name, disabled or locked account) take as long as a wrong password: the password is checked
/// against a hash of a random password made by the same hasher, with the same work factor.
/// </summary>
public static class SignInTiming
{
    private static string? _dummyHash;

    public static void VerifyDummy(IPasswordHasher<AppUser> hasher, string password)
    {
        var user = new AppUser();
        _dummyHash ??= hasher.HashPassword(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        _ = hasher.VerifyHashedPassword(user, _dummyHash, password);
    }
}
