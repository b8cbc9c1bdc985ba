using Fip.Web.Data;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

public sealed class RecordModel(RegistryOpsFactory factory, FipDbContext db, IStringLocalizer<SharedResource> l,
    EnterpriseIndicatorOps indicatorOps, IEnumerable<IEnterpriseProfileSections> profileSections) : RegistryPageModel(factory, db)
{
    /// <summary>An enterprise's profile (企业画像): its qualifications by year and every feature's records about it, in order.</summary>
    public IReadOnlyList<EnterpriseQualification> Qualifications { get; private set; } = [];
    public IReadOnlyList<ProfileSection> Sections { get; private set; } = [];
    /// <summary>A project's yearly planned and completed investment, oldest first.</summary>
    public IReadOnlyList<ProjectInvestment> Investments { get; private set; } = [];
    /// <summary>The enterprise a record names (a product's 所属企业, a project's 项目单位), linked to its profile.</summary>
    public int? EnterpriseLink { get; private set; }
    /// <summary>The field that names it: "enterprise", or a registry scenario's "owner" when the owner is an enterprise.</summary>
    public string EnterpriseField { get; private set; } = "enterprise";

    public RecordView Record { get; private set; } = null!;
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];
    /// <summary>An enterprise's yearly figures, newest first.</summary>
    public IReadOnlyList<EnterpriseIndicator> Indicators { get; private set; } = [];

    /// <summary>The yearly-figures form: the year it was opened on (null: a new year), what it shows, and its errors.</summary>
    public int? FormYear { get; private set; }
    public IndicatorInput Form { get; private set; } = IndicatorInput.From(_ => null);
    public IReadOnlyDictionary<string, string[]> FormErrors { get; private set; } = new Dictionary<string, string[]>();
    public bool CanEditIndicators => RegistryName == EnterpriseRegistry.Key && Record.CanEdit && !Record.IsDeleted;

    public async Task<IActionResult> OnGetAsync(int id, int? editYear, CancellationToken ct)
    {
        if (!await LoadRecordAsync(id, ct)) return NotFound();
        if (editYear is { } y && Indicators.FirstOrDefault(i => i.Year == y) is { } row)
        {
            FormYear = y;
            Form = IndicatorInput.Of(row);
        }
        return Page();
    }

    /// <summary>Adds a year or changes one (the form's year field, posted as "i.year" etc.), refusing a stale form.</summary>
    public async Task<IActionResult> OnPostIndicatorAsync(int id, int? formYear, string? version, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || RegistryName != EnterpriseRegistry.Key) return NotFound();
        var input = IndicatorInput.From(k => Request.Form["i." + k].LastOrDefault());
        var result = await indicatorOps.SaveAsync(id, formYear, input, version, User, ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] =
                l["Indicator.Saved"].Value; return Redirect($"/Registries/{RegistryName}/{id}#indicators-h");
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        if (!await LoadRecordAsync(id, ct)) return NotFound();
        FormYear = formYear;
        Form = input;
        if (result.Kind == OutcomeKind.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            FormErrors = new Dictionary<string, string[]> { [""] = [l["Error.Stale"].Value] };
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            FormErrors = result.Messages(l);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteIndicatorAsync(int id, int year, string? version, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || RegistryName != EnterpriseRegistry.Key) return NotFound();
        // The page always sends the version it showed: a removal based on a stale page is refused like an edit.
        var result = await indicatorOps.DeleteAsync(id, year, version ?? "", User, ct);
        return Outcome(result, id, l["Indicator.Deleted", year]);
    }

    private async Task<bool> LoadRecordAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || await Ops.GetAsync(id, User, ct) is not { } record) return false;
        Record = record;
        if (RegistryName == EnterpriseRegistry.Key)
        {
            Indicators = await Db.EnterpriseIndicators
                .AsNoTracking()
                .Where(i => i.EnterpriseId == id)
                .OrderByDescending(i => i.Year)
                .ToListAsync(ct);
            await LoadProfileAsync(id, ct);
        }
        else
        {
            if (RegistryName == ScenarioRegistry.Key) EnterpriseField = "owner";
            var named = record.Values.GetValueOrDefault(EnterpriseField) ?? "";
            // A record names its enterprise by name (unique in the registry); the field links to the enterprise's profile.
            var ids = named.Length == 0 ? []
                : await Db.Enterprises.Where(e => e.Name == named && !e.IsDeleted).Select(e => e.Id).Take(2).ToListAsync(ct);
            EnterpriseLink = ids.Count == 1 ? ids[0] : null;
        }
        if (RegistryName == ProjectRegistry.Key)
            Investments = await Db.Set<ProjectInvestment>().AsNoTracking().Where(i => i.ProjectId == id).OrderBy(i => i.Year)
                .ToListAsync(ct);
        if (record.CanEdit)
        {
            // The record's own rows and its child rows (tracks, qualifications: keys "id,…").
            var type = Ops.Registry.EntityType.Name;
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var prefix = key + ",";
            var entries = await Db.AuditEntries.AsNoTracking()
                .Where(a => (a.EntityType == type && a.EntityKey == key)
                    || ((a.EntityType == type + "Track" || a.EntityType == type + "Qualification" || a.EntityType == type + "Indicator"
                        || (type == nameof(Enterprise) && a.EntityType == "EnterpriseChainLink")) && a.EntityKey.StartsWith(prefix)))
                .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
            // An enterprise created by an import: its creation's lines are in the import's batch that holds its key.
            var batches = await Db.Set<AuditBatch>().AsNoTracking()
                .Where(b => b.EntityType == type && b.FirstKey <= id && b.LastKey >= id).ToListAsync(ct);
            if (batches.Count > 0)
                entries = [.. entries.Concat(batches.SelectMany(b => b.LinesOf(id))).OrderByDescending(a => a.At).Take(200)];
            History = await Ops.HistoryAsync(entries, ct);
        }
        return true;
    }

    private async Task LoadProfileAsync(int id, CancellationToken ct)
    {
        var enterprise = await Db.Enterprises.AsNoTracking().Include(e => e.Qualifications).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (enterprise is null) return;
        Qualifications = [.. enterprise.Qualifications.OrderBy(q => q.Year ?? int.MaxValue).ThenBy(q => q.Kind)];
        var sections = new List<ProfileSection>();
        foreach (var source in profileSections) sections.AddRange(await source.LoadAsync(enterprise, User, ct));
        Sections = [.. sections.OrderBy(s => s.Order)];
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, string? version, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var result = await Ops.DeleteAsync(id, version, User, ct);
        return Outcome(result, id, l["Registry.DeletedDone"]);
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var result = await Ops.RestoreAsync(id, User, ct);
        return Outcome(result, id, l["Registry.RestoredDone"]);
    }

    private IActionResult Outcome(Outcome<SavedRecord> result, int id, string done)
    {
        switch (result.Kind)
        {
            case OutcomeKind.Ok: TempData["Flash"] = done; return Redirect($"/Registries/{RegistryName}/{id}");
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.Conflict: TempData["Flash"] = l["Error.Stale"].Value; return Redirect($"/Registries/{RegistryName}/{id}");
            default: TempData["Flash"] = result.Summary(l); return Redirect($"/Registries/{RegistryName}/{id}");
        }
    }
}
