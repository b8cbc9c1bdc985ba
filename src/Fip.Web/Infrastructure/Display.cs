using System.Globalization;
using Fip.Web.Features.Plans;

namespace Fip.Web.Infrastructure;

/// <summary>How values are shown: times in Asia/Shanghai (stored in UTC), numbers and comparators as officials write them.</summary>
public static class Display
{
    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    private static TimeZoneInfo FindShanghai()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    }

    public static DateTime ToShanghai(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Shanghai);

    /// <summary>Today's date in Asia/Shanghai (the date officials mean by "today").</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToShanghai(clock.GetUtcNow().UtcDateTime));

    /// <summary>A wall-clock time in Asia/Shanghai as UTC.</summary>
    public static DateTime FromShanghai(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Shanghai);

    public static string Time(DateTime? utc) => utc is { } v
        ? ToShanghai(v).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : "—";

    /// <summary>A file size as people read it: 512 B, 12.3 KB, 4.5 MB.</summary>
    public static string Bytes(long size) => size switch
    {
        < 1024 => $"{size} B",
        < 1024 * 1024 => (size / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (size / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    public static string Symbol(Comparator? c) => c switch
    {
        Comparator.AtLeast => "≥",
        Comparator.AtMost => "≤",
        Comparator.About => "≈",
        Comparator.Equal => "=",
        _ => "",
    };

    public static bool IsEnglish => JsonStringLocalizerFactory.LanguageOf(CultureInfo.CurrentUICulture) == "en";

    /// <summary>The English name where the UI is English and one exists, else the Chinese.</summary>
    public static string Name(string zh, string? en) => IsEnglish && !string.IsNullOrEmpty(en) ? en : zh;

    /// <summary>English for the units a plan's targets are counted in (个, 家, 亿元…); in Chinese, and for a unit not known
    /// here, the plan's own word.</summary>
    private static readonly Dictionary<string, string> UnitsEn = new(StringComparer.Ordinal)
    {
        ["个"] = "items",
        ["家"] = "enterprises",
        ["项"] = "items",
        ["人"] = "people",
        ["名"] = "people",
        ["笔"] = "deals",
        ["天"] = "days",
        ["亿元"] = "100 million yuan",
        ["万元"] = "×10k yuan",
        ["元"] = "yuan",
        ["%"] = "%",
        ["个百分点"] = "percentage points",
        ["条"] = "lines",
        ["座"] = "sites",
        ["所"] = "institutions",
    };

    /// <summary>A plan target's unit in the reader's language.</summary>
    public static string Unit(string? unit) =>
        unit is null ? "" : IsEnglish && UnitsEn.TryGetValue(unit.Trim(), out var en) ? en : unit;
}
