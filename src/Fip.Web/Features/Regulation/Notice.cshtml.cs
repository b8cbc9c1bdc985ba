using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Regulation;

/// <summary>/Regulation/Notice: a department writes a 提示 or 行政指导 (no id); one notice with its evidence, the enterprise's reply and
/// the follow-up.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NoticeModel(RegulationService service, IStringLocalizer<SharedResource> l) : RegulationPage(l)
{
    public RegulatoryNotice? Notice { get; private set; }
    public RegulatoryMeasure? ForMeasure { get; private set; }
    public bool CanRegulate => Notice is not null && RegulationService.CanRegulate(User, Notice);
    public bool CanReply => Notice is not null && RegulationService.CanReply(User, Notice);
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    [BindProperty] public NoticeForm Form { get; set; } = new();

    public sealed class NoticeForm
    {
        public NoticeKind Kind { get; set; }
        public string? EnterpriseUscc { get; set; }
        public long? MeasureId { get; set; }
        public string? Findings { get; set; }
        public string? Advice { get; set; }
        public DateOnly? ReplyBy { get; set; }
    }

    private static string Back(long id) => $"/Regulation/Notice/{id}";

    public async Task<IActionResult> OnGetAsync(long? id, long? measure, CancellationToken ct)
    {
        if (id is null) return await FormAsync(measure ?? Form.MeasureId, ct);
        Notice = await service.NoticeAsync(id.Value, User, ct);
        return Notice is null ? NotFound() : Page();
    }

    private async Task<IActionResult> FormAsync(long? measure, CancellationToken ct)
    {
        if (User.Role() is not (Roles.Admin or Roles.Department)) return Forbid();
        if (measure is { } mid && await service.MeasureAsync(mid, User, ct) is { } m)
        {
            ForMeasure = m;
            Form.MeasureId = m.Id;
            Form.EnterpriseUscc ??= m.EnterpriseUscc;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(bool send, CancellationToken ct)
    {
        if (User.Role() is not (Roles.Admin or Roles.Department)) return Forbid();
        var f = Form;
        var result = await service.CreateNoticeAsync(new NoticeInput(f.Kind, f.EnterpriseUscc, f.MeasureId, f.Findings, f.Advice, f.ReplyBy,
            send), User, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = L[send ? "Regulation.Sent" : "Regulation.Drafted"].Value;
            return LocalRedirect(Back(result.Value!.Id));
        }
        if (result.Kind == OutcomeKind.Forbidden) return Forbid();
        Errors = result.Messages(L);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await FormAsync(f.MeasureId, ct);
    }

    public async Task<IActionResult> OnPostSendAsync(long id, string? findings, string? advice, DateOnly? replyBy, string? version,
        CancellationToken ct) =>
        Done(await service.SendAsync(id, findings, advice, replyBy, version, User, ct), "Regulation.Sent", Back(id));

    public async Task<IActionResult> OnPostReplyAsync(long id, string? reply, string? version, CancellationToken ct) =>
        Done(await service.ReplyAsync(id, reply, version, User, ct), "Regulation.Replied", Back(id));

    public async Task<IActionResult> OnPostCloseAsync(long id, string? followUp, string? version, CancellationToken ct) =>
        Done(await service.CloseAsync(id, followUp, version, User, ct), "Regulation.Closed", Back(id));

    public async Task<IActionResult> OnPostEvidenceAsync(long id, IFormFile? file, CancellationToken ct)
    {
        if (file is null) return Done(Outcome.Invalid("file", "Regulation.Error.FileSize"), "", Back(id));
        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return Done(await service.AttachAsync(id, file.FileName, buffer, User, ct), "Regulation.Attached", Back(id));
    }

    public async Task<IActionResult> OnGetEvidenceAsync(long file, CancellationToken ct) =>
        await service.DownloadAsync(file, User, ct) is { } found
            ? File(found.Content, found.File.ContentType, found.File.FileName)
            : NotFound();
}
