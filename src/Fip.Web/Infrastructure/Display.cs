using System.Globalization;
using Fip.Web.Features.Plans;
using Microsoft.Extensions.Localization;

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

    /// <summary>
    /// A plan target's unit in the reader's language: the resources' "Unit." key of the plan's word (个 → items, 亿元 → 100 million
    /// yuan), or the word as written when the resources do not know it.
    /// </summary>
    public static string Unit(string? unit, IStringLocalizer l)
    {
        if (unit is null) return "";
        return l[UnitKeyPrefix + unit.Trim()] is { ResourceNotFound: false } word ? word.Value : unit;
    }

    /// <summary>The resources' keys of plan units: "Unit." and the unit as plans write it ("Unit.亿元").</summary>
    public const string UnitKeyPrefix = "Unit.";
}
