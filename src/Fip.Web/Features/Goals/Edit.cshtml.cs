using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Goals;

/// <summary>Admins change how an indicator is counted: condition groups (any of), the pipeline and its rate, note and owner.</summary>
[Authorize(Policy = Accounts.Policies.Admin)]
public sealed class EditModel(FipDbContext db, IndicatorAdmin admin, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int CountedGroups = 3;

    public IndicatorDefinition Indicator { get; private set; } = null!;
    public ICriteriaCatalogue Catalogue { get; private set; } = null!;
    public IndicatorCriteria Criteria { get; private set; } = new();
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public int? TargetId { get; private set; }

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? OwnerDepartmentId { get; set; }
    [BindProperty] public decimal PipelinePercent { get; set; }
    [BindProperty] public string? Version { get; set; }
    /// <summary>The registry the indicator counts or measures (its source); a GET with <c>?source=</c> shows another's fields.</summary>
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    /// <summary>The field summed or averaged; empty: records are counted.</summary>
    [BindProperty] public string? Measure { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }

    public bool Checked(string prefix, int group, string field, string value)
    {
        var groups = prefix == "c" ? Criteria.AnyOf : Criteria.Pipeline;
        return group < groups.Count && groups[group].TryGetValue(field, out var values) && values.Contains(value);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var def = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (def is null) return false;
        Indicator = def;
        // An unknown source is refused on save; the page shows the indicator's own fields meanwhile.
        await IndicatorSources.RefreshAsync(db, IndicatorSources.Catalogue(Source) is null ? def.Registry : Source, ct);
        Catalogue = IndicatorSources.Catalogue(Source) ?? IndicatorSources.Catalogue(def.Registry)!;
        Departments = await db.Departments.AsNoTracking().Where(Organisation.Department.Units).OrderBy(d => d.SortOrder).ToListAsync(ct);
        TargetId = await db.Targets.Where(t => t.IndicatorId == id).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var own = string.IsNullOrEmpty(Source) || string.Equals(Source, Indicator.Registry, StringComparison.OrdinalIgnoreCase);
        // Another source has other fields: its conditions start empty.
        Criteria = own ? IndicatorCriteria.Parse(Indicator.Criteria) : new IndicatorCriteria { PipelineRate = 0.5m };
        Source = Catalogue.Registry;
        Measure = Criteria.Measure; From = Criteria.From; To = Criteria.To;
        Name = Indicator.Name; NameEn = Indicator.NameEn; Note = Indicator.Note; OwnerDepartmentId = Indicator.OwnerDepartmentId;
        PipelinePercent = Criteria.PipelineRate * 100; Version = Indicator.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Criteria = new IndicatorCriteria
        {
            AnyOf = [.. Enumerable.Range(0, CountedGroups).Select(g => GroupFromForm("c", g)).Where(g => g.Count > 0)],
            Pipeline = [.. new[] { GroupFromForm("p", 0) }.Where(g => g.Count > 0)],
            PipelineRate = Math.Round(PipelinePercent / 100m, 4),
            Measure = string.IsNullOrEmpty(Measure) ? null : Measure,
            From = From,
            To = To,
        };
        var result = await admin.UpdateAsync(id, new IndicatorUpdate(Name, NameEn, Note, OwnerDepartmentId, Criteria, Source), Version,
            ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = l["Goals.DefinitionSaved"].Value;
                return TargetId is { } t ? Redirect($"/Goals/Target/{t.ToString(CultureInfo.InvariantCulture)}") : Redirect("/Goals");
            case OutcomeKind.Conflict:
                Errors = [l["Error.Stale"]];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case OutcomeKind.NotFound:
                return NotFound();
            default:
                Errors = [.. result.Messages(l).Values.SelectMany(m => m)];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private Dictionary<string, string[]> GroupFromForm(string prefix, int group)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var f in Catalogue.Fields)
        {
            var values =
                Request.Form[$"{prefix}{group.ToString(CultureInfo.InvariantCulture)}.{f.Key}"].Where(v => !string.IsNullOrEmpty(v))
                    .Select(v => v!)
                    .ToArray();
            if (values.Length > 0) result[f.Key] = values;
        }
        return result;
    }
}
