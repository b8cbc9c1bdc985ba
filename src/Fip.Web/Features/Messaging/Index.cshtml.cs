using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Fip.Web.Infrastructure;

namespace Fip.Web.Features.Messaging;

/// <summary>站内消息: the user's messages, newest first, unread ones marked; open (marks read), mark one or all read.</summary>
public sealed class IndexModel(Messenger messenger, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Message> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int UnreadCount { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = messenger.Of(User);
        if (Unread) q = q.Where(m => m.ReadAt == null);
        Total = await q.CountAsync(ct);
        UnreadCount = await messenger.UnreadCountAsync(User, ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await q.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
    }

    /// <summary>Marks the message read and goes where it is acted on (a local link only), else back to the list.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        var result = await messenger.MarkReadAsync(id, User, ct);
        if (!result.IsOk) return NotFound();
        return result.Value!.Link is { } link && Url.IsLocalUrl(link)
            ? LocalRedirect(link)
            : RedirectToPage(new { Unread, p = PageNumber });
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        if (!(await messenger.MarkReadAsync(id, User, ct)).IsOk) return NotFound();
        return RedirectToPage(new { Unread, p = PageNumber });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var marked = await messenger.MarkAllReadAsync(User, ct);
        TempData["Flash"] = l["Messages.AllRead", marked].Value;
        return RedirectToPage(new { Unread });
    }
}
