using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Fip.Web.Infrastructure;

namespace Fip.Web.Features.Accounts;

/// <summary>Passwords: at least 10 characters from at least 3 of the 4 classes (等保2.0 baseline, standards.md).</summary>
public sealed class PasswordClassesValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 10;

    public static int ClassCount(string password)
    {
        var classes = 0;
        if (password.Any(char.IsAsciiLetterLower)) classes++;
        if (password.Any(char.IsAsciiLetterUpper)) classes++;
        if (password.Any(char.IsAsciiDigit)) classes++;
        if (password.Any(c => !char.IsAsciiLetterOrDigit(c))) classes++;
        return classes;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        if (password.Length >= MinimumLength && ClassCount(password) >= 3) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooWeak", Description = l["Password.Rule"] }));
    }

    /// <summary>A random password that meets the rule, for first admins, demo accounts and resets.</summary>
    public static string Generate()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "#%+-=@";
        var all = lower + upper + digits + symbols;
        var chars = new List<char>
        {
            lower[System.Security.Cryptography.RandomNumberGenerator.GetInt32(lower.Length)],
            upper[System.Security.Cryptography.RandomNumberGenerator.GetInt32(upper.Length)],
            digits[System.Security.Cryptography.RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[System.Security.Cryptography.RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 14) chars.Add(all[System.Security.Cryptography.RandomNumberGenerator.GetInt32(all.Length)]);
        return new string([.. chars.OrderBy(_ => System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000))]);
    }
}

/// <summary>Identity's messages in the UI language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new()
    { Code = nameof(DuplicateUserName), Description = l["Identity.DuplicateUserName", userName] };
    public override IdentityError InvalidUserName(string? userName) => new()
    { Code = nameof(InvalidUserName), Description = l["Identity.InvalidUserName", userName ?? ""] };
    public override IdentityError PasswordMismatch() => new()
    { Code = nameof(PasswordMismatch), Description = l["Identity.PasswordMismatch"] };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = l["Error.Stale"] };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = l["Error.Generic"] };
    public override IdentityError DuplicateEmail(string email) => new()
    { Code = nameof(DuplicateEmail), Description = l["Identity.DuplicateEmail", email] };
    public override IdentityError InvalidEmail(string? email) => new()
    { Code = nameof(InvalidEmail), Description = l["Identity.InvalidEmail", email ?? ""] };
    public override IdentityError PasswordTooShort(int length) => new()
    { Code = nameof(PasswordTooShort), Description = l["Password.Rule"] };
}
