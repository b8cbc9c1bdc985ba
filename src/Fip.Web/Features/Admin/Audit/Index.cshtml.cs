using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Admin.Audit;

/// <summary>A person as the audit log shows them: display name and unit (department or district).</summary>
public sealed record AuditPerson(string Name, string? Unit)
{
    public override string ToString() => Unit is null ? Name : $"{Name}（{Unit}）";
}

public sealed class IndexModel(AuditLog log, AuditSubjects subjects, FipDbContext db, IStringLocalizer<SharedResource> l,
    TimeProvider clock) : PageModel
{
    /// <summary>The most rows one export holds.</summary>
    public const int MaxExport = 50_000;

    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditPage Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyDictionary<string, AuditPerson> People { get; private set; } = new Dictionary<string, AuditPerson>();

    /// <summary>What each line's record is, in words (see <see cref="AuditSubjects"/>).</summary>
    public IReadOnlyDictionary<(string Type, string Key), string> Subjects { get; private set; } =
        new Dictionary<(string Type, string Key), string>();

    /// <summary>A line's record in words ("扬州某某有限公司（9132…）"), or null when it cannot be named (its key is shown alone).</summary>
    public string? Subject(AuditEntryDto e) => Subjects.GetValueOrDefault((e.EntityType, e.EntityKey));
    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public static readonly IReadOnlyList<string> Actions =
        [AuditActions.Create, AuditActions.Update, AuditActions.Delete, AuditActions.SignIn, AuditActions.SignInFailed,
            AuditActions.SignOut, AuditActions.PasswordChanged, AuditActions.PersonalDataRead, AuditActions.Import];

    /// <summary>An import's line in words: its file and how many records it created (its values hold the count).</summary>
    public string Imported(AuditEntryDto e)
    {
        var records = 0;
        if (e.After is { } after)
        {
            using var values = System.Text.Json.JsonDocument.Parse(after);
            if (values.RootElement.TryGetProperty("Records", out var n) && n.TryGetInt32(out var count)) records = count;
        }
        return l["Audit.Imported", e.Detail ?? "", records.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)];
    }

    /// <summary>The entity types an official filters by: every type the log names, in the reader's language and order.</summary>
    public IReadOnlyList<(string Type, string Label)> EntityTypes() =>
        [.. AuditInterceptor.LoggedTypes(db.Model).Select(t => (t, Entity(t))).OrderBy(t => t.Item2, StringComparer.CurrentCulture)];

    /// <summary>An entity type in the reader's language; the type's own name when it has no label.</summary>
    public string Entity(string type) => l["AuditEntity." + type] is { ResourceNotFound: false } label ? label : type;

    /// <summary>
    /// A line's note in the reader's language: for a personal-data read, where it was shown (list, record, export, page, API;
    /// the log keeps the code word, which read "list" on a Chinese page); any other note as written.
    /// </summary>
    public string? Detail(AuditEntryDto e) =>
        e.Action == AuditActions.PersonalDataRead && e.Detail is { } how
            && l["Audit.ReadVia." + how] is { ResourceNotFound: false } label ? label : e.Detail;

    /// <summary>Who did it, in words: the display name and unit, or the login when the account is unknown.</summary>
    public string Who(string login) => People.TryGetValue(login, out var p) ? p.ToString() : login;

    /// <summary>Dates on the form are Shanghai dates; the log is in UTC.</summary>
    private AuditFilter Filter(int page, int size) => new(
        From is { } f ? DateTime.SpecifyKind(f.Date.AddHours(-8), DateTimeKind.Utc) : null,
        To is { } t ? DateTime.SpecifyKind(t.Date.AddDays(1).AddHours(-8), DateTimeKind.Utc) : null,
        UserName, Action, EntityType, page, size);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await log.PageAsync(Filter(Math.Max(1, PageNumber), 50), ct);
        People = await PeopleAsync(Result.Items.Select(e => e.UserName), ct);
        Subjects = await subjects.DescribeAsync(Result.Items, ct);
    }

    /// <summary>The filtered log (at most <see cref="MaxExport"/> lines) as .xlsx: Beijing time, people in words, labels in the
    /// reader's language.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var items = await log.Query(Filter(1, 1)).Take(MaxExport).Select(AuditLog.Dto).ToListAsync(ct);
        People = await PeopleAsync(items.Select(e => e.UserName), ct);
        Subjects = await subjects.DescribeAsync(items, ct);
        string[] headers = [l["Audit.Time"], l["Audit.User"], l["Audit.Action"], l["Audit.Entity"], l["Audit.Subject"], l["Audit.Key"],
            l["Audit.Success"], l["Audit.Ip"], l["Audit.Before"], l["Audit.After"], l["Audit.Detail"]];
        var rows = items.Select(e => (IReadOnlyList<object?>)
        [
            Display.Time(e.At), Who(e.UserName), l["AuditAction." + e.Action], Entity(e.EntityType), Subject(e), e.EntityKey,
            e.Success ? l["Audit.Succeeded"] : l["Audit.Failed"], e.IpAddress, e.Before, e.After, Detail(e),
        ]);
        string name = l["Audit.Export.FileName"];
        var buffer = new MemoryStream();
        XlsxSheet.Write(buffer, new SheetLayout(name, l["Files.Title", name, Display.Time(clock.GetUtcNow().UtcDateTime)]), headers,
            rows, ct);
        buffer.Position = 0;
        return File(buffer, XlsxSheet.ContentType, FileNames.Dated(name, clock, "xlsx"));
    }

    private async Task<Dictionary<string, AuditPerson>> PeopleAsync(IEnumerable<string> logins, CancellationToken ct)
    {
        var wanted = logins.Distinct(StringComparer.Ordinal).ToList();
        var people = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.DisplayName, Department = u.Department!.Name, District = u.District!.Name })
            .ToListAsync(ct);
        return people.ToDictionary(p => p.UserName!,
            p => new AuditPerson(string.IsNullOrWhiteSpace(p.DisplayName) ? p.UserName! : p.DisplayName, p.Department ?? p.District),
            StringComparer.Ordinal);
    }
}
