using System.Globalization;

namespace Fip.Web.Demo;

/// <summary>
/// Generates plausible, deterministic demo data for the registries: the same spec always yields the same records
/// (a seeded <see cref="Random"/>; no hashing, GUIDs or clocks). Pure: no database and no dependency on the entity classes.
/// </summary>
public static partial class DemoDataGenerator
{
    private const string CodeLetters = "ABCDEFGHJKLMNPQRTUWXY"; // letters of the USCC alphabet (no I, O, S, V, Z)
    private const string CityDivisionCode = "321000";
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ---------------------------------------------------------------- public API

    /// <summary>Generates enterprises and, in proportion, products, scenarios, parks, platforms and projects.</summary>
    /// <param name="spec">What to generate.</param>
    /// <returns>The data set; its enterprises are those <see cref="Enterprises"/> streams for the same spec.</returns>
    /// <exception cref="ArgumentException">The spec is inconsistent (no districts or tracks, negative count, bad years or division
    /// code).</exception>
    public static DemoDataSet Generate(DemoDataSpec spec)
    {
        var context = Context.Create(spec);
        var enterprises = new List<DemoEnterprise>(spec.Enterprises);
        enterprises.AddRange(Stream(context, spec.Seed, spec.Enterprises));

        var random = new Random(unchecked((int)((uint)spec.Seed * 2654435761u) ^ 0x5DEECE6));
        var n = (long)spec.Enterprises;
        var products = Products(context, random, enterprises, Per(n, 25, 100));
        var scenarios = Scenarios(context, random, enterprises, Per(n, 3, 100));
        var parks = Parks(context, random, Math.Max(6, Per(n, 3, 1000)));
        var platforms = Platforms(context, random, enterprises, Per(n, 2, 100));
        var projects = Projects(context, random, enterprises, Per(n, 4, 100));
        return new DemoDataSet(enterprises, products, scenarios, parks, platforms, projects);
    }

    /// <summary>
    /// Streams the spec's enterprises one at a time, so that a million can be written without holding them all
    /// (only compact sets of used codes and name hashes are kept to guarantee uniqueness).
    /// </summary>
    /// <param name="spec">What to generate.</param>
    /// <returns>The enterprises, in a deterministic order.</returns>
    /// <exception cref="ArgumentException">The spec is inconsistent (checked when called, not when enumerated).</exception>
    public static IEnumerable<DemoEnterprise> Enterprises(DemoDataSpec spec)
    {
        var context = Context.Create(spec);
        return Stream(context, spec.Seed, spec.Enterprises);
    }

    /// <summary>
    /// A random valid 统一社会信用代码 of an enterprise registered by 工商: '9', '1', the division code, a GB 11714
    /// organisation code (8 characters, mostly digits, sometimes an "MA…" code with letters, plus its check character)
    /// and the GB 32100 check character. Only characters of the USCC alphabet are used.
    /// </summary>
    /// <param name="divisionCode">Six-digit GB/T 2260 division code, e.g. 321003.</param>
    /// <param name="random">Source of randomness.</param>
    /// <returns>An 18-character code.</returns>
    /// <exception cref="ArgumentException"><paramref name="divisionCode"/> is not six digits.</exception>
    public static string CreditCode(string divisionCode, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ParseDivision(divisionCode);
        Span<char> code = stackalloc char[18];
        FillCreditCode(code, divisionCode, random);
        return new string(code);
    }

    /// <summary>
    /// A valid 统一社会信用代码 numbered by <paramref name="serial"/>: its organisation code is '0' and the serial's last seven
    /// digits. The random codes above never begin their organisation code with '0', so numbered codes (for tests that need a
    /// code no other record has) are distinct from them and from each other for serials below 10,000,000.
    /// </summary>
    public static string CreditCode(string divisionCode, long serial)
    {
        ParseDivision(divisionCode);
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        Span<char> code = stackalloc char[18];
        code[0] = '9';
        code[1] = '1';
        divisionCode.AsSpan().CopyTo(code[2..8]);
        code[8] = '0';
        var rest = serial % 10_000_000;
        for (var i = 15; i >= 9; i--, rest /= 10) code[i] = (char)('0' + rest % 10);
        FinishCreditCode(code);
        return new string(code);
    }

    // ---------------------------------------------------------------- credit codes

    private static int ParseDivision(string? divisionCode)
    {
        if (divisionCode is null || divisionCode.Length != 6)
            throw new ArgumentException("A division code has six digits.", nameof(divisionCode));
        var value = 0;
        foreach (var c in divisionCode)
        {
            if (c is < '0' or > '9') throw new ArgumentException("A division code has six digits.", nameof(divisionCode));
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /// <summary>
    /// Fills an 18-char code and returns its organisation body (8 chars, base 36) as a key: keeping those unique keeps both
    /// the organisation codes and the credit codes unique, as they are nationally.
    /// </summary>
    private static long FillCreditCode(Span<char> code, string divisionCode, Random random)
    {
        code[0] = '9';
        code[1] = '1';
        divisionCode.AsSpan().CopyTo(code[2..8]);
        if (random.Next(100) < 30)
        {
            // Codes issued since 2015 begin with MA and mix letters in (e.g. MA1K3BTP).
            code[8] = 'M';
            code[9] = 'A';
            for (var i = 10; i < 16; i++)
                code[i] = random.Next(100) < 40 ? CodeLetters[random.Next(CodeLetters.Length)] : (char)('0' + random.Next(10));
        }
        else
        {
            code[8] = (char)('1' + random.Next(9));
            for (var i = 9; i < 16; i++) code[i] = (char)('0' + random.Next(10));
        }

        return FinishCreditCode(code);
    }

    /// <summary>Writes the two check characters of a code whose first 16 are set; returns the organisation code as a number.</summary>
    private static long FinishCreditCode(Span<char> code)
    {
        long key = 0;
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var v = OrganisationValue(code[8 + i]);
            sum += v * OrganisationWeights[i];
            key = key * 36 + v;
        }
        var check = 11 - sum % 11;
        code[16] = check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };

        code[17] = Infrastructure.CreditCode.CheckCharacter(code[..17]); // GB 32100: the check that imports validate against
        return key;
    }

    private static int OrganisationValue(char c) => c <= '9' ? c - '0' : c - 'A' + 10;

    // ---------------------------------------------------------------- helpers

    /// <summary>Two decimals, always written with two (adding 0.00m sets the scale to 2).</summary>
    private static decimal Round2(double value) => decimal.Round((decimal)value, 2, MidpointRounding.AwayFromZero) + 0.00m;

    private static double Normal(Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static DateOnly RandomDate(Random random, DateOnly from, DateOnly to) =>
        DateOnly.FromDayNumber(from.DayNumber + random.Next(to.DayNumber - from.DayNumber + 1));

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static T PickWeighted<T>(Random random, T[] items, Func<T, int> weight)
    {
        var total = 0;
        foreach (var item in items) total += weight(item);
        var roll = random.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0) return item;
        }
        return items[^1];
    }
}
