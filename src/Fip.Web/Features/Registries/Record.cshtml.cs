using Fip.Web.Data;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Registries;

public sealed class RecordModel(RegistryOpsFactory factory, FipDbContext db, IStringLocalizer<SharedResource> l) : RegistryPageModel(factory, db)
{
    public RecordView Record { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    /// <summary>An enterprise's yearly figures, newest first.</summary>
    public IReadOnlyList<EnterpriseIndicator> Indicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || await Ops.GetAsync(id, User, ct) is not { } record) return NotFound();
        Record = record;
        if (RegistryName == "enterprises")
            Indicators = await Db.EnterpriseIndicators.AsNoTracking().Where(i => i.EnterpriseId == id).OrderByDescending(i => i.Year).ToListAsync(ct);
        if (record.CanEdit)
        {
            // The record's own rows and its child rows (tracks, qualifications: keys "id,…").
            var type = Ops.Registry.EntityType.Name;
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var prefix = key + ",";
            History = await Db.AuditEntries.AsNoTracking()
                .Where(a => (a.EntityType == type && a.EntityKey == key) || ((a.EntityType == type + "Track" || a.EntityType == type + "Qualification") && a.EntityKey.StartsWith(prefix)))
                .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        }
        return Page();
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

    private IActionResult Outcome(SaveResult result, int id, string done)
    {
        switch (result.Status)
        {
            case SaveStatus.Ok: TempData["Flash"] = done; return Redirect($"/Registries/{RegistryName}/{id}");
            case SaveStatus.NotFound: return NotFound();
            case SaveStatus.Forbidden: return Forbid();
            case SaveStatus.Conflict: TempData["Flash"] = l["Error.Stale"].Value; return Redirect($"/Registries/{RegistryName}/{id}");
            default: TempData["Flash"] = string.Join(" ", result.Errors!.SelectMany(e => e.Value)); return Redirect($"/Registries/{RegistryName}/{id}");
        }
    }
}
