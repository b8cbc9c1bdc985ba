using System.Globalization;
using Fip.Web.Features.Registries;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Support;

/// <summary>Puts a condition's verdict into words: the enterprise's value and the requirement ("研发投入占比 3.1 %，需 ≥ 4 %").</summary>
public static class RuleText
{
    public static string Explain(ConditionResult r, IStringLocalizer l, int figuresYear)
    {
        var text = r.Field switch
        {
            "qualification" => Qualification(r, l, figuresYear),
            "district" or "track" => r.Actual is null
                ? l["Support.Explain.NamesMissing", Label(r, l, figuresYear), r.Required].Value
                : l["Support.Explain.Names", Label(r, l, figuresYear), r.Actual, r.Required].Value,
            _ => r.Actual is null
                ? l["Support.Explain.Missing", Label(r, l, figuresYear), Symbol(r.Op), r.Required, Unit(r, l)].Value
                : l["Support.Explain.Number", Label(r, l, figuresYear), r.Actual, Symbol(r.Op), r.Required, Unit(r, l)].Value,
        };
        return r.Negated ? l["Support.Explain.MustNot", text].Value : text;
    }

    public static string Symbol(string op) => op switch { ">=" => "≥", "<=" => "≤", _ => op };

    private static string Label(ConditionResult r, IStringLocalizer l, int year) => RuleFields.IsYearly(r.Field)
        ? l["Support.Explain.OfYear", year.ToString(CultureInfo.InvariantCulture), l["Support.Field." + r.Field].Value].Value
        : l["Support.Field." + r.Field].Value;

    private static string Unit(ConditionResult r, IStringLocalizer l) =>
        RuleFields.All.TryGetValue(r.Field, out var spec) && spec.Unit.Length > 0 ? l["Support.Unit." + spec.Unit].Value : "";

    private static string Qualification(ConditionResult r, IStringLocalizer l, int year)
    {
        var name = Enum.TryParse<QualificationKind>(r.Required, out var k) ? l["Enum.QualificationKind." + k].Value : r.Required;
        if (r.Actual is null) return l["Support.Explain.NotHeld", name].Value;
        var awarded = r.Actual[(r.Actual.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (r.WithinYears is not { } n) return l["Support.Explain.Held", name].Value;
        var since = (year - n).ToString(CultureInfo.InvariantCulture);
        return awarded.Length == 0
            ? l["Support.Explain.HeldNoYear", name, since].Value
            : l["Support.Explain.HeldSince", name, awarded, since].Value;
    }
}
