using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Admin.Robots;

/// <summary>DingTalk and WeCom group robots that receive alerts, with a test message and the delivery log.</summary>
public sealed class IndexModel(FipDbContext db, RobotClient robots, TimeProvider clock, IConfiguration configuration,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<RobotChannel> Channels { get; private set; } = [];
    public IReadOnlyList<AlertDelivery> Deliveries { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty] public int? Id { get; set; }
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public RobotKind Kind { get; set; }
    [BindProperty] public string? BaseUrl { get; set; }
    [BindProperty] public string? Token { get; set; }
    [BindProperty] public string? Secret { get; set; }
    [BindProperty] public bool Enabled { get; set; } = true;
    [BindProperty] public AlertSeverity MinimumSeverity { get; set; } = AlertSeverity.Yellow;

    private async Task LoadAsync(CancellationToken ct)
    {
        Channels = await db.RobotChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        Deliveries = await db.AlertDeliveries
            .AsNoTracking()
            .Include(d => d.Alert)
            .Include(d => d.Channel)
            .OrderByDescending(d => d.Id)
            .Take(50)
            .ToListAsync(ct);
    }

    public async Task OnGetAsync(int? edit, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (edit is { } id && Channels.FirstOrDefault(c => c.Id == id) is { } c)
        {
            Id = c.Id; Name = c.Name; Kind = c.Kind; BaseUrl = c.BaseUrl; Enabled = c.Enabled; MinimumSeverity = c.MinimumSeverity;
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add(l["Robots.Error.Name"]);
        if (!string.IsNullOrWhiteSpace(BaseUrl)
            && (
                !Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var u)
                    || (u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp)))
            errors.Add(l["Robots.Error.Url"]);
        var channel = Id is { } id ? await db.RobotChannels.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        if (Id is not null && channel is null) return NotFound();
        if (channel is null && string.IsNullOrWhiteSpace(Token)) errors.Add(l["Robots.Error.Token"]);
        if (Kind == RobotKind.DingTalk && !string.IsNullOrWhiteSpace(Secret) && !Secret.Trim().StartsWith("SEC", StringComparison.Ordinal))
            errors.Add(l["Robots.Error.Secret"]);
        if (errors.Count > 0)
        {
            Errors = errors;
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        channel ??= db.RobotChannels.Add(new RobotChannel()).Entity;
        channel.Name = Name.Trim(); channel.Kind = Kind; channel.BaseUrl = BaseUrl?.Trim()
            ?? ""; channel.Enabled = Enabled; channel.MinimumSeverity = MinimumSeverity;
        // Secrets are write-only: left blank, the stored ones stay.
        if (!string.IsNullOrWhiteSpace(Token)) channel.Token = Token.Trim();
        if (!string.IsNullOrWhiteSpace(Secret)) channel.Secret = Secret.Trim();
        channel.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (await db.RobotChannels.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } channel) return NotFound();
        db.RobotChannels.Remove(channel);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Robots.Deleted"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken ct)
    {
        if (await db.RobotChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } channel) return NotFound();
        var probe = new Alert
        { Title = "测试消息", Message = "这是未来产业培育监测平台发送的测试消息。", Severity = AlertSeverity.Blue, RaisedAt = clock.GetUtcNow().UtcDateTime };
        var error = await robots.SendAsync(channel, probe, configuration["Site:PublicUrl"], ct);
        TempData["Flash"] = error is null ? l["Robots.TestSent"].Value : l["Robots.TestFailed", error].Value;
        return RedirectToPage();
    }
}
