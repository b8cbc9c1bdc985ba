using System.Globalization;

namespace Fip.Web.Infrastructure;

/// <summary>
/// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, and an ISO 7064 MOD 11-2 check
/// character (0-9 or X).
/// </summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

    public enum Result
    {
        Valid,
        /// <summary>18 characters of the right shape, but the check character does not match (a typing error).</summary>
        CheckCharacterMismatch,
        /// <summary>The 8 digits of the birth date are not a real date, or lie in the future or before 1900.</summary>
        BadBirthDate,
        Malformed,
    }

    public static string Normalize(string text) => text.Trim().ToUpperInvariant();

    public static Result Validate(string? id, DateOnly? today = null)
    {
        if (id is null || id.Length != 18) return Result.Malformed;
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(id[i])) return Result.Malformed;
        if (!char.IsAsciiDigit(id[17]) && id[17] != 'X') return Result.Malformed;
        if (BirthDate(id) is not { } born || born.Year < 1900 || born > (today ?? DateOnly.FromDateTime(DateTime.UtcNow)))
            return Result.BadBirthDate;
        return CheckCharacter(id.AsSpan(0, 17)) == id[17] ? Result.Valid : Result.CheckCharacterMismatch;
    }

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("An ID number's body is 17 digits.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return Checks[sum % 11];
    }

    /// <summary>The birth date the number carries (characters 7 to 14), or null when they are no date.</summary>
    public static DateOnly? BirthDate(string id) =>
        id.Length >= 14 && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
}

/// <summary>
/// Mainland phone numbers: a mobile (1[3-9] + 9 digits, optionally +86) or a landline (0 + area code, 7-8 digits, an extension
/// after "-" or 转, as officials write 0514-87654321转8001). The one rule for every form, import and API that takes a phone.
/// </summary>
public static partial class PhoneNumber
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:[-转]\d{1,6})?)$")]
    private static partial System.Text.RegularExpressions.Regex Shape();

    /// <summary>The number without spaces (and without the blanks people type between groups).</summary>
    public static string Normalize(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public static bool IsValid(string? text) => text is not null && Shape().IsMatch(text);
}

/// <summary>E-mail addresses: one @, a local part and a dotted domain, no blanks.</summary>
public static partial class EmailAddress
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")]
    private static partial System.Text.RegularExpressions.Regex Shape();

    public static bool IsValid(string? text) => text is not null && text.Length <= 254 && Shape().IsMatch(text);
}
