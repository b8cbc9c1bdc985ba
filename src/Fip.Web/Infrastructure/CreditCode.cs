namespace Fip.Web.Infrastructure;

/// <summary>统一社会信用代码 (GB 32100-2015): shape and check-character validation.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public enum Result
    {
        Valid,
        /// <summary>Right length and alphabet, but the 18th character does not match: some early pilot codes are genuine (warn, let an
        /// admin override).</summary>
        CheckCharacterMismatch,
        Malformed,
    }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static Result Validate(string? code)
    {
        if (code is null
            || code.Length != 18
            || Alphabet.IndexOf(code[17], StringComparison.Ordinal) < 0
            || !TryCheckCharacter(code.AsSpan(0, 17), out var expected))
            return Result.Malformed;
        return expected == code[17] ? Result.Valid : Result.CheckCharacterMismatch;
    }

    /// <summary>The GB 32100 check character (the 18th) of a code's first 17 characters.</summary>
    /// <exception cref="ArgumentException"><paramref name="first17"/> is not 17 characters of the code alphabet.</exception>
    public static char CheckCharacter(ReadOnlySpan<char> first17) =>
        first17.Length == 17 && TryCheckCharacter(first17, out var check)
            ? check
            : throw new ArgumentException("A credit code's body is 17 characters of its alphabet.", nameof(first17));

    private static bool TryCheckCharacter(ReadOnlySpan<char> first17, out char check)
    {
        check = default;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0) return false;
            sum += v * Weights[i];
        }
        check = Alphabet[(31 - sum % 31) % 31];
        return true;
    }
}
