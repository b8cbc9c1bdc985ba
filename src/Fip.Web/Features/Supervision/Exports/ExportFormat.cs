using System.Globalization;

namespace Fip.Web.Features.Supervision.Exports;

/// <summary>How dates and numbers read in exported documents (standards: 2024年5月1日, no leading zeros; percentages with %).</summary>
internal static class ExportFormat
{
    /// <summary>2026年11月30日.</summary>
    public static string ChineseDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>A 0–100 progress as 45% or 45.5%.</summary>
    public static string Percent(decimal progress) =>
        Math.Round(progress, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A score with one decimal: 92.5, 90.0.</summary>
    public static string Score(decimal score) =>
        Math.Round(score, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}
