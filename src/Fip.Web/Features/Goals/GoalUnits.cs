using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Goals;

public static class GoalUnits
{
    /// <summary>
    /// The unit a goal's value is counted in: the target's own unit when it has a number; otherwise what the indicator measures
    /// (see <see cref="OfIndicator"/>), so "储备 31 家" and never "31 个" of enterprises.
    /// </summary>
    public static string Of(GoalCard c, IStringLocalizer l)
    {
        if (c.TargetValue is not null && c.Unit.Length > 0) return Display.Unit(c.Unit, l);
        return c.Reading is { } r ? OfIndicator(r.Definition, l) : Display.Unit(c.Unit, l);
    }

    /// <summary>
    /// The unit of an indicator's own figure: its measure's (万元 for amounts, % for rates, 天 for days) or, for a count, what the
    /// registry holds (enterprises are 家; investments and loans 笔; products, scenarios, parks, platforms and projects 个).
    /// </summary>
    public static string OfIndicator(IndicatorDefinition def, IStringLocalizer l)
    {
        if (IndicatorSources.Catalogue(def.Registry) is not { } catalogue) return l["Goals.UnitItems"].Value;
        var measure = IndicatorCriteria.Parse(def.Criteria).Measure is { } key ? catalogue.Measure(key) : null;
        return l[measure?.UnitKey ?? catalogue.CountUnitKey].Value;
    }

    /// <summary>A goal's live value as shown: 无数据 for an average of no values, "—" without an indicator, else the number (two
    /// decimals at most, halves away from zero).</summary>
    public static string ValueText(GoalCard c, IStringLocalizer l) =>
        c.Reading is { NoData: true } ? l["Goals.NoData"].Value : Display.Number(c.Value);

    /// <summary>The drill-down button: "the N records counted", or for a sum or an average, "the N records behind it".</summary>
    public static string RecordsText(IndicatorReading r, IStringLocalizer l) =>
        r.IsMeasure ? l["Goals.ShowMeasuredRecords", r.Records].Value : l["Goals.ShowRecords", Display.Number(r.Value)].Value;
}
