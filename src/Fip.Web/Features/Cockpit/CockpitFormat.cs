using System.Globalization;

namespace Fip.Web.Features.Cockpit;

/// <summary>How the cockpit writes its figures: amounts (stored in 万元) in 亿元, people in 人, changes with their sign.</summary>
public static class CockpitFormat
{
    public static string Amount(Measure m, decimal? value) => value is not { } v ? "—"
        : m == Measure.Employees ? v.ToString("#,0", CultureInfo.InvariantCulture)
        : (v / 10000m).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>The resource key of the unit a measure is shown in.</summary>
    public static string UnitKey(Measure m) => m == Measure.Employees ? "Cockpit.UnitPeople" : "Cockpit.UnitYi";

    /// <summary>+5.2 % / −3.0 % / nothing without a previous year.</summary>
    public static string Change(decimal? percent) => percent is not { } p ? "—"
        : (p > 0 ? "+" : p < 0 ? "−" : "") + Math.Abs(p).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string ChangeClass(decimal? percent) => percent switch { > 0 => "yoy-up", < 0 => "yoy-down", _ => "yoy-flat" };
}
