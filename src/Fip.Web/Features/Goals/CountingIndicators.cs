using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

/// <summary>Answers the registries' drill-down from the indicator definitions: the indicator a list is narrowed to.</summary>
public sealed class CountingIndicators(FipDbContext db) : ICountingIndicators
{
    public async Task<CountingIndicator?> FindAsync(string registry, string code, CancellationToken ct)
    {
        var def = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code && i.Registry == registry, ct);
        if (def is null) return null;
        var criteria = IndicatorCriteria.Parse(def.Criteria);
        return new CountingIndicator(def.Code, def.Name, def.NameEn, criteria.AnyOf, criteria.From, criteria.To);
    }
}
