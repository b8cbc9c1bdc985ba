using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Alerts;

/// <summary>
/// The alerts a user answers for: most severe then oldest first, filtered by unit, level and state, exported with the filters
/// (.xlsx), acknowledged or resolved one by one or in a batch with one note. Every post redirects back to the list (the URL stays
/// the list's), an error shown beside the field it is about.
/// </summary>
public sealed class IndexModel(AlertService alerts, FipDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 25, MaxExport = 10_000;
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "active";
    [BindProperty(SupportsGet = true)] public string? Severity { get; set; }
    /// <summary>dep:12 or dis:3: the owning unit.</summary>
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Alert> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    /// <summary>The units owning alerts the user sees, for the unit filter.</summary>
    public IReadOnlyList<(string Key, string Name)> Units { get; private set; } = [];
    /// <summary>Login name → the person's name, for "acknowledged by" and "resolved by".</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();
    public long? ErrorAlertId { get; private set; }
    public string? Error { get; private set; }
    public string? BatchError { get; private set; }

    public string PersonName(string? login) => login is null ? "" : People.TryGetValue(login, out var name) ? name : login;

    private IQueryable<Alert> Filtered()
    {
        var q = alerts.VisibleTo(User);
        q = Status switch
        {
            "active" or null or "" => q.Where(a => a.Status != AlertStatus.Resolved),
            _ when Enum.TryParse<AlertStatus>(Status, out var st) => q.Where(a => a.Status == st),
            _ => q,
        };
        if (Enum.TryParse<AlertSeverity>(Severity, out var sv)) q = q.Where(a => a.Severity == sv);
        if (ParseUnit(Unit) is var (dep, dis) && (dep ?? dis) is not null)
            q = dep is { } d ? q.Where(a => a.OwnerDepartmentId == d) : q.Where(a => a.OwnerDistrictId == dis);
        return q;
    }

    private static (int? Department, int? District) ParseUnit(string? unit)
    {
        var parts = (unit ?? "").Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            return (null, null);
        return parts[0] switch { "dep" => (id, null), "dis" => (null, id), _ => (null, null) };
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Filtered();
        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await AlertService.BySeverityThenAge(q).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var visible = alerts.VisibleTo(User);
        var deps = await visible.Where(a => a.OwnerDepartmentId != null).Select(a => new { a.OwnerDepartmentId, a.OwnerDepartment!.Name })
            .Distinct().ToListAsync(ct);
        var dists = await visible.Where(a => a.OwnerDistrictId != null).Select(a => new { a.OwnerDistrictId, a.OwnerDistrict!.Name })
            .Distinct().ToListAsync(ct);
        Units =
        [
            .. deps.Select(d => ("dep:" + d.OwnerDepartmentId!.Value.ToString(CultureInfo.InvariantCulture), d.Name)).OrderBy(d => d.Name),
            .. dists.Select(d => ("dis:" + d.OwnerDistrictId!.Value.ToString(CultureInfo.InvariantCulture), d.Name)).OrderBy(d => d.Name),
        ];
        People = await PeopleAsync(Items, ct);
        ErrorAlertId = long.TryParse(TempData["AlertErrorId"] as string, CultureInfo.InvariantCulture, out var errorId) ? errorId : null;
        Error = TempData["AlertError"] as string;
        BatchError = TempData["AlertBatchError"] as string;
    }

    private async Task<IReadOnlyDictionary<string, string>> PeopleAsync(IEnumerable<Alert> items, CancellationToken ct)
    {
        var logins = items.SelectMany(a => new[] { a.AcknowledgedBy, a.ResolvedBy }).OfType<string>().Distinct().ToList();
        if (logins.Count == 0) return new Dictionary<string, string>();
        var people = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        var names = people.Where(p => !string.IsNullOrWhiteSpace(p.DisplayName))
            .ToDictionary(p => p.UserName!, p => p.DisplayName, StringComparer.Ordinal);
        names.TryAdd(AlertService.SystemUser, l["Alerts.System"]);
        return names;
    }

    /// <summary>The filtered alerts as an .xlsx (at most <see cref="MaxExport"/> rows), in the list's order.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await AlertService.BySeverityThenAge(Filtered()).Take(MaxExport).ToListAsync(ct);
        var people = await PeopleAsync(rows, ct);
        string Person(string? login) => login is null ? "" : people.TryGetValue(login, out var n) ? n : login;
        string[] headers = [l["Alerts.SeverityLabel"], l["Common.Status"], l["Alerts.Export.Title"], l["Alerts.Export.Message"],
            l["Goals.Owner"], l["Alerts.Export.RaisedAt"], l["Alerts.Export.AcknowledgedBy"], l["Alerts.Export.ResolvedBy"],
            l["Alerts.Export.ResolvedAt"], l["Alerts.Note"]];
        var data = rows.Select(a => (IReadOnlyList<string?>)
        [
            l["Alerts.Severity." + a.Severity], l["Alerts.Status." + a.Status], Display.Name(a.Title, a.TitleEn),
            Display.Name(a.Message, a.MessageEn), a.OwnerDepartment?.Name ?? a.OwnerDistrict?.Name, Display.Time(a.RaisedAt),
            Person(a.AcknowledgedBy), Person(a.ResolvedBy), Display.Time(a.ResolvedAt), a.ResolutionNote,
        ]);
        using var buffer = new MemoryStream();
        string name = l["Alerts.Export.FileName"];
        var layout = new SheetLayout(name, l["Files.Title", name, Display.Time(clock.GetUtcNow().UtcDateTime)]);
        await TabularWriter.WriteXlsxAsync(buffer, layout, headers, data, ct);
        return File(buffer.ToArray(), Xlsx, FileNames.Dated(name, clock, "xlsx"));
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(long id, string? version, CancellationToken ct) =>
        ChangeAsync(id, version, false, null, ct);

    public Task<IActionResult> OnPostResolveAsync(long id, string? version, string? note, CancellationToken ct) =>
        ChangeAsync(id, version, true, note, ct);

    private IActionResult BackToList(long? anchor = null) =>
        Redirect(Url.Page("/Alerts/Index", new { status = Status, severity = Severity, unit = Unit, p = PageNumber })
            + (anchor is { } a ? "#alert-" + a.ToString(CultureInfo.InvariantCulture) : ""));

    private async Task<IActionResult> ChangeAsync(long id, string? version, bool resolve, string? note, CancellationToken ct)
    {
        var result = await alerts.ChangeAsync(id, User, version, resolve, note, ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = (resolve ? l["Alerts.Resolved"] : l["Alerts.Acknowledged"]).Value;
                return BackToList();
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        TempData["AlertErrorId"] = id.ToString(CultureInfo.InvariantCulture);
        TempData["AlertError"] = result.Messages(l).Values.SelectMany(v => v).FirstOrDefault() ?? result.Summary(l);
        return BackToList(id);
    }

    /// <summary>Acknowledges or resolves the chosen alerts with one note; says how many were done and which could not be.</summary>
    public async Task<IActionResult> OnPostBatchAsync(List<long>? ids, bool resolve, string? note, CancellationToken ct)
    {
        ids ??= [];
        if (ids.Count == 0) TempData["AlertBatchError"] = l["Alerts.Batch.NoneChosen"].Value;
        else if (resolve && string.IsNullOrWhiteSpace(note)) TempData["AlertBatchError"] = l["Alerts.NoteRequired"].Value;
        if (TempData.ContainsKey("AlertBatchError")) return BackToList();
        var done = 0;
        var refused = new List<string>();
        foreach (var id in ids.Distinct().Take(200))
        {
            var result = await alerts.ChangeAsync(id, User, null, resolve, note, ct);
            if (result.IsOk) done++;
            else if (result.Kind is OutcomeKind.Invalid or OutcomeKind.Conflict)
                refused.Add($"#{id.ToString(CultureInfo.InvariantCulture)} {result.Messages(l).Values.SelectMany(v => v).FirstOrDefault()
                    ?? result.Summary(l)}");
            else refused.Add($"#{id.ToString(CultureInfo.InvariantCulture)} {l["Problem.404"]}");
        }
        TempData["Flash"] = l[resolve ? "Alerts.Batch.Resolved" : "Alerts.Batch.Acknowledged", done].Value;
        if (refused.Count > 0) TempData["AlertBatchError"] = l["Alerts.Batch.Refused", string.Join("；", refused)].Value;
        return BackToList();
    }
}
