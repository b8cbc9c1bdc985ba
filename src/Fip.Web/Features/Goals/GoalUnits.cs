using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Goals;

public static class GoalUnits
{
    /// <summary>
    /// The unit a goal's value is counted in: the target's own unit when it has a number; otherwise what the counted registry
    /// holds (enterprises are 家; products, scenarios, parks, platforms and projects 个), so "储备 31 家" and never "31 个" of
    /// enterprises.
    /// </summary>
    public static string Of(GoalCard c, IStringLocalizer l)
    {
        if (c.TargetValue is not null && c.Unit.Length > 0) return c.Unit;
        return c.Reading?.Definition.Registry switch
        {
            Registries.EnterpriseRegistry.Key => l["Goals.UnitFirms"].Value,
            null => c.Unit,
            _ => l["Goals.UnitItems"].Value,
        };
    }
}
