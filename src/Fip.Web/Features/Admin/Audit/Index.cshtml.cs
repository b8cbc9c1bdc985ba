using Fip.Web.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Admin.Audit;

public sealed class IndexModel(AuditLog log) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditPage Result { get; private set; } = new([], 1, 50, 0);
    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public static readonly IReadOnlyList<string> Actions =
        [AuditActions.Create, AuditActions.Update, AuditActions.Delete, AuditActions.SignIn, AuditActions.SignInFailed,
            AuditActions.SignOut, AuditActions.PasswordChanged, AuditActions.PersonalDataRead];

    /// <summary>Dates on the form are Shanghai dates; the log is in UTC.</summary>
    private AuditFilter Filter(int page, int size) => new(
        From is { } f ? DateTime.SpecifyKind(f.Date.AddHours(-8), DateTimeKind.Utc) : null,
        To is { } t ? DateTime.SpecifyKind(t.Date.AddDays(1).AddHours(-8), DateTimeKind.Utc) : null,
        UserName, Action, EntityType, page, size);

    public async Task OnGetAsync(CancellationToken ct) => Result = await log.PageAsync(Filter(Math.Max(1, PageNumber), 50), ct);

    public IActionResult OnGetExport() =>
        new FileCallbackResult("text/csv; charset=utf-8", (stream, ct) => log.WriteCsvAsync(Filter(1, 1000), stream, ct))
        {
            FileDownloadName = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv"),
        };
}

/// <summary>Streams a file written by a callback, so a large export is never held in memory.</summary>
public sealed class FileCallbackResult(string contentType, Func<Stream, CancellationToken, Task> write) : FileResult(contentType)
{
    public override async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = ContentType;
        if (!string.IsNullOrEmpty(FileDownloadName))
            response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = FileDownloadName }.ToString();
        await write(response.Body, context.HttpContext.RequestAborted);
    }
}
