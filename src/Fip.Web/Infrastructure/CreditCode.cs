namespace Fip.Web.Infrastructure;

/// <summary>统一社会信用代码 (GB 32100-2015): shape and check-character validation.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public enum Result
    {
        Valid,
        /// <summary>Right length and alphabet, but the 18th character does not match: some early pilot codes are genuine (warn, let an admin override).</summary>
        CheckCharacterMismatch,
        Malformed,
    }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static Result Validate(string? code)
    {
        if (code is null || code.Length != 18) return Result.Malformed;
        var sum = 0;
        for (var i = 0; i < 18; i++)
        {
            var v = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (v < 0) return Result.Malformed;
            if (i < 17) sum += v * Weights[i];
        }
        var expected = Alphabet[(31 - sum % 31) % 31];
        return expected == code[17] ? Result.Valid : Result.CheckCharacterMismatch;
    }
}
