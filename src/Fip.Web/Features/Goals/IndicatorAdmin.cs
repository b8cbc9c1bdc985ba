using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Goals;

/// <summary>A change to an indicator's definition, as an admin sends it; <see cref="Registry"/> null keeps its source.</summary>
public sealed record IndicatorUpdate(string Name, string? NameEn, string? Note, int? OwnerDepartmentId, IndicatorCriteria Criteria,
    string? Registry = null);

/// <summary>Changes indicator definitions (admins only; the DbContext audits the change). A new criteria makes a new revision.</summary>
public sealed class IndicatorAdmin(FipDbContext db, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome<IndicatorDefinition>> UpdateAsync(int id, IndicatorUpdate input, string? version, CancellationToken ct)
    {
        var def = await db.Indicators.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (def is null) return Outcome.NotFound;
        if (version is not null && version != def.Version) return Outcome.Stale;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(l["Goals.Error.NameRequired"]);
        await IndicatorSources.RefreshAsync(db, input.Registry ?? def.Registry, ct);
        var registry = IndicatorSources.Catalogue(input.Registry ?? def.Registry);
        if (registry is null) errors.Add(l["Goals.Error.UnknownSource", input.Registry ?? ""]);
        else errors.AddRange(input.Criteria.Validate(registry).Select(e => l[e.Key, e.Args].Value));
        if (input.OwnerDepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept, ct))
            errors.Add(l["Goals.Error.Owner"]);
        if (errors.Count > 0) return Outcome.InvalidText(new() { ["criteria"] = [.. errors] });

        var criteria = input.Criteria.ToJson();
        if (criteria != def.Criteria || registry!.Registry != def.Registry) def.Revision++;
        def.Registry = registry!.Registry;
        def.Name = input.Name.Trim();
        def.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        def.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        def.OwnerDepartmentId = input.OwnerDepartmentId;
        def.Criteria = criteria;
        def.UpdatedAt = DateTime.UtcNow;
        def.Version = RecordVersions.New();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale;
        }
        return Outcome.Ok(def);
    }

    /// <summary>"How this is counted", generated from the criteria in the UI language.</summary>
    public static string Describe(IndicatorDefinition def, IStringLocalizer l)
    {
        var criteria = IndicatorCriteria.Parse(def.Criteria);
        var catalogue = IndicatorSources.Catalogue(def.Registry);
        string Group(IReadOnlyDictionary<string, string[]> g) => string.Join(l["Goals.And"], g.Select(kv =>
        {
            var f = catalogue?.Field(kv.Key);
            var values = kv.Value.Select(v => f?.Options.FirstOrDefault(o => o.Value == v)?.Label ?? v);
            return $"{f?.Label ?? kv.Key}{l["Goals.IsOneOf"]}{string.Join(l["Goals.ListSeparator"], values)}";
        }));
        var counted = string.Join(l["Goals.Or"], criteria.AnyOf.Select(Group));
        var measure = criteria.Measure is { } key ? catalogue?.Measure(key) : null;
        var text = measure is null
            ? l["Goals.Describe", l[IndicatorSources.LabelKeyOf(def.Registry)], counted].Value
            : l[measure.Aggregate == MeasureAggregate.Average ? "Goals.DescribeAverage" : "Goals.DescribeSum",
                l[IndicatorSources.LabelKeyOf(def.Registry)], counted, measure.Label, l[measure.UnitKey]].Value;
        if (criteria.From is not null || criteria.To is not null)
            text += " " + l["Goals.DescribePeriod", l[catalogue?.DatedByKey ?? ""], criteria.From?.ToString("yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture) ?? "…", criteria.To?.ToString("yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture) ?? "…"].Value;
        if (IndicatorSources.FindExtra(def.Registry) is { } source) text += " " + l[source.DefinitionKey].Value;
        if (criteria.Pipeline.Count > 0)
            text += " "
                + l["Goals.DescribePipeline", string.Join(l["Goals.Or"], criteria.Pipeline.Select(Group)),
                    Display.Number(criteria.PipelineRate * 100)].Value;
        return text;
    }
}
