using System.Globalization;
using Fip.Web.Features.Registries;

namespace Fip.UnitTests.Features.Registries;

/// <summary>
/// What an import reads a million times is read by a quick path: choice labels from a table (<see cref="Labels.ParseEnum"/>),
/// dates written yyyy-MM-dd without the general parser (<see cref="FieldText.IsoDate"/>). Each must read exactly what the slow
/// way read: checked against it on every form of every choice of every enum, and on dates valid, invalid and look-alike.
/// </summary>
public class ImportFastPathsTests
{
    /// <summary>How labels were read before the table: the choices walked in order, each form compared in turn.</summary>
    private static object? WalkedChoices(Type enumType, string text)
    {
        var t = text.Trim();
        foreach (var c in Labels.Of(enumType))
        {
            if (string.Equals(t, c.Zh, StringComparison.Ordinal)
                || string.Equals(t, c.En, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t, c.Name, StringComparison.OrdinalIgnoreCase))
                return c.Value;
            if (c.Zh.EndsWith('级') && string.Equals(t, c.Zh[..^1], StringComparison.Ordinal)) return c.Value;
        }
        return null;
    }

    public static TheoryData<Type> Enums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(Enterprise).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic).OrderBy(t => t.FullName))
            data.Add(type);
        return data;
    }

    /// <summary>Every form of every choice (as written, upper- and lower-cased, padded, without 级), and texts that are none.</summary>
    [Theory]
    [MemberData(nameof(Enums))]
    public void EveryFormOfEveryChoice_IsReadAsTheWalkReadIt(Type enumType)
    {
        var texts = new List<string> { "", " ", "其他级", "x", "省级市", "0", "1" };
        foreach (var (value, zh, en, name) in Labels.Of(enumType))
        {
            var code = Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            foreach (var form in new[] { zh, en, name, zh.TrimEnd('级'), code })
            {
                texts.Add(form);
                texts.Add(form.ToUpperInvariant());
                texts.Add(form.ToLowerInvariant());
                texts.Add(" " + form + "\t");
                texts.Add(form + "级");
            }
        }
        foreach (var text in texts)
            Assert.True(Equals(WalkedChoices(enumType, text), Labels.ParseEnum(enumType, text)),
                $"{enumType.Name}: \"{text}\" read as {Labels.ParseEnum(enumType, text)}, the walk read {WalkedChoices(enumType, text)}");
    }

    /// <summary>Two choices whose codes differ only in case (no labels: each form is the code).</summary>
    public enum CaseTwins { b, B }

    /// <summary>
    /// A text that is one choice's form exactly and an earlier choice's in another case: the earlier choice, as the walk found it
    /// first ("B" is the first choice's code in any case, the second's exactly).
    /// </summary>
    [Theory]
    [InlineData("B", CaseTwins.b)]
    [InlineData("b", CaseTwins.b)]
    public void AFormOfTwoChoices_IsTheEarliersAsTheWalkFoundIt(string text, CaseTwins expected)
    {
        Assert.Equal(expected, WalkedChoices(typeof(CaseTwins), text));
        Assert.Equal(expected, Labels.ParseEnum(typeof(CaseTwins), text));
    }

    /// <summary>The labels officials write in the files: Chinese with or without 级, English in any case, the code.</summary>
    [Theory]
    [InlineData("省级", true)]
    [InlineData("省", true)]
    [InlineData("provincial", true)]
    [InlineData("PROVINCIAL", true)]
    [InlineData("省级级", false)]
    [InlineData("省 级", false)]
    public void TheLabelsOfTheFiles_AreRead(string text, bool read)
    {
        var type = typeof(Enterprise).Assembly.GetTypes().Where(t => t.IsEnum)
            .Single(t => Labels.Of(t).Any(c => c.Zh == "省级" && c.Name == "Provincial"));
        Assert.Equal(read, Labels.ParseEnum(type, text) is not null);
    }

    [Theory]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("2023-01-31", "2023-01-31")]
    [InlineData("0001-01-01", "0001-01-01")]
    [InlineData("9999-12-31", "9999-12-31")]
    [InlineData("2023-02-29", null)] // no such day: left to the general parser, which refuses it too
    [InlineData("2024-04-31", null)]
    [InlineData("2024-13-01", null)]
    [InlineData("2024-00-10", null)]
    [InlineData("2024-01-00", null)]
    [InlineData("0000-01-01", null)]
    [InlineData("2024-1-01", null)] // other shapes: the general parser's
    [InlineData("2024/01/01", null)]
    [InlineData(" 2024-01-01", null)]
    [InlineData("2024-01-01 ", null)]
    [InlineData("２０２４-01-01", null)] // full-width digits
    [InlineData("+024-01-01", null)]
    [InlineData("2024-0a-01", null)]
    [InlineData("20240101xx", null)]
    public void IsoDates_AreReadAsTheirFormatReadsThem(string text, string? expected)
    {
        Assert.Equal(expected is null ? null : DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            FieldText.IsoDate(text));
        // The quick path and the general parser's first format agree, whatever the text.
        var general = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : (DateOnly?)null;
        Assert.Equal(general, FieldText.IsoDate(text));
    }

    /// <summary>Every day of four years (a leap year among them), and each day's neighbours that do not exist.</summary>
    [Fact]
    public void EveryDayOfFourYears_IsReadAsTheFormatReadsIt()
    {
        for (var day = new DateOnly(2023, 1, 1); day < new DateOnly(2027, 1, 1); day = day.AddDays(1))
        {
            var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(day, FieldText.IsoDate(text));
        }
        foreach (var text in new[] { "2023-02-29", "2025-02-29", "2026-06-31", "2026-09-31", "2026-11-31", "2026-12-32" })
            Assert.Null(FieldText.IsoDate(text));
    }
}
