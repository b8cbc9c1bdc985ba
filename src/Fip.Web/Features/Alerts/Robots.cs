using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Alerts;

/// <summary>Builds and sends DingTalk and WeCom group-robot messages (standards.md, "Messaging robots").</summary>
public sealed class RobotClient(HttpClient http, TimeProvider clock)
{
    public const string DingTalkDefaultBase = "https://oapi.dingtalk.com";
    public const string WeComDefaultBase = "https://qyapi.weixin.qq.com";

    /// <summary>DingTalk's signature: urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))).</summary>
    public static string DingTalkSign(long timestampMs, string secret)
    {
        var message = timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
        return Uri.EscapeDataString(Convert.ToBase64String(mac));
    }

    public Uri Address(RobotChannel channel)
    {
        var baseUrl = string.IsNullOrWhiteSpace(channel.BaseUrl)
            ? (channel.Kind == RobotKind.DingTalk ? DingTalkDefaultBase : WeComDefaultBase)
            : channel.BaseUrl.TrimEnd('/');
        if (channel.Kind == RobotKind.WeCom) return new Uri($"{baseUrl}/cgi-bin/webhook/send?key={Uri.EscapeDataString(channel.Token)}");
        var url = $"{baseUrl}/robot/send?access_token={Uri.EscapeDataString(channel.Token)}";
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
            url += $"&timestamp={ms.ToString(CultureInfo.InvariantCulture)}&sign={DingTalkSign(ms, channel.Secret)}";
        }
        return new Uri(url);
    }

    /// <summary>The markdown message of an alert, in Chinese (the groups' language).</summary>
    public static object Body(RobotKind kind, Alert alert, string? siteUrl)
    {
        var level = alert.Severity switch { AlertSeverity.Red => "红色预警", AlertSeverity.Yellow => "黄色预警", _ => "蓝色提示" };
        var text = new StringBuilder()
            .Append("#### 【").Append(level).Append("】").Append(alert.Title).Append("\n\n")
            .Append(alert.Message).Append("\n\n")
            .Append("责任单位：").Append(alert.OwnerDepartment?.Name ?? alert.OwnerDistrict?.Name ?? "专班").Append("\n\n")
            .Append("时间：").Append(Display.Time(alert.RaisedAt));
        if (!string.IsNullOrEmpty(siteUrl) && alert.Link is { } link)
            text.Append("\n\n[查看详情](").Append(siteUrl.TrimEnd('/')).Append(link).Append(')');
        var content = text.ToString();
        if (kind == RobotKind.WeCom)
        {
            // WeCom limits markdown content to 4096 bytes.
            while (Encoding.UTF8.GetByteCount(content) > 4000) content = content[..^50];
            return new { msgtype = "markdown", markdown = new { content } };
        }
        return new { msgtype = "markdown", markdown = new { title = $"【{level}】{alert.Title}", text = content } };
    }

    /// <summary>Sends; returns null on success or the reason it failed (counted in fip_robot_sends_total).</summary>
    public async Task<string?> SendAsync(RobotChannel channel, Alert alert, string? siteUrl, CancellationToken ct)
    {
        var error = await TrySendAsync(channel, alert, siteUrl, ct);
        Infrastructure.FipMetrics.RobotSent(channel.Kind.ToString().ToLowerInvariant(), error is null);
        return error;
    }

    private async Task<string?> TrySendAsync(RobotChannel channel, Alert alert, string? siteUrl, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(Address(channel), Body(channel.Kind, alert, siteUrl), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) return $"HTTP {(int)response.StatusCode}: {Trim(body)}";
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            if (json.RootElement.TryGetProperty("errcode", out var code) && code.GetInt32() != 0)
                return $"errcode {code.GetInt32()}: {(json.RootElement.TryGetProperty("errmsg", out var m) ? m.GetString() : "")}";
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] : s;
}

/// <summary>
/// Sends queued alert deliveries. A failure is logged and retried with back-off (30 s, 2 min, 10 min, 30 min, 2 h); after the
/// last try the delivery is marked failed, logged as an error and shown on the robots page — never dropped silently.
/// Respects the robots' limit of 20 messages a minute. Several nodes dispatch at once: a delivery is claimed in the database
/// before it is sent (<see cref="ClaimAsync"/>), so no message goes out twice, and the limit is counted there too.
/// </summary>
public sealed class AlertDispatcher(FipDbContext db, RobotClient robots, TimeProvider clock, IConfiguration configuration,
    ILogger<AlertDispatcher> log)
{
    public static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];
    public const int PerMinute = 20;
    /// <summary>How long a claim holds: well past the robot client's timeout, so only a dead node's claim runs out.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    private enum Claim
    {
        Mine,
        Taken,
        RobotAtLimit,
    }

    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.AlertDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now)
                && d.Channel.Enabled)
            .OrderBy(d => d.Id).Take(50).Select(d => new { d.Id, d.ChannelId }).ToListAsync(ct);
        var sent = 0;
        var run = Guid.NewGuid().ToString("N");
        var atLimit = new HashSet<int>();
        foreach (var candidate in due)
        {
            if (atLimit.Contains(candidate.ChannelId)) continue;
            var claim = await ClaimAsync(candidate.Id, candidate.ChannelId, run, ct);
            if (claim == Claim.RobotAtLimit) atLimit.Add(candidate.ChannelId);
            if (claim != Claim.Mine) continue;
            var d = await db.AlertDeliveries.Include(x => x.Channel).Include(x => x.Alert).ThenInclude(a => a.OwnerDepartment)
                .Include(x => x.Alert).ThenInclude(a => a.OwnerDistrict).FirstAsync(x => x.Id == candidate.Id, ct);
            var error = await robots.SendAsync(d.Channel, d.Alert, configuration["Site:PublicUrl"], ct);
            d.Attempts++;
            d.ClaimedBy = null;
            d.ClaimedUntil = null;
            if (error is null)
            {
                d.Status = DeliveryStatus.Sent; d.SentAt = clock.GetUtcNow().UtcDateTime; d.LastError = null;
                sent++;
            }
            else
            {
                d.LastError = error.Length > 1000 ? error[..1000] : error;
                if (d.Attempts > Backoff.Length)
                {
                    d.Status = DeliveryStatus.Failed;
                    log.LogError("Alert {AlertId} could not be sent to robot {Channel} after {Attempts} tries: {Error}", d.AlertId,
                        d.Channel.Name, d.Attempts, error);
                }
                else
                {
                    d.NextAttemptAt = clock.GetUtcNow().UtcDateTime + Backoff[d.Attempts - 1];
                    log.LogWarning("Alert {AlertId} to robot {Channel} failed (try {Attempts}), retrying at {Next}: {Error}", d.AlertId,
                        d.Channel.Name, d.Attempts, d.NextAttemptAt, error);
                }
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    /// <summary>
    /// Claims a due delivery for this run, in one transaction that first locks its robot's row: claims on one robot take
    /// turns across nodes, so the count of the robot's messages in the last minute (sent, or claimed and being sent) that
    /// decides the limit sees every other node's claims. The claim itself is a conditional update: it takes the delivery
    /// only while it is due and nobody else's claim holds.
    /// </summary>
    private async Task<Claim> ClaimAsync(long id, int channelId, string run, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var minuteAgo = now.AddMinutes(-1);
        var until = now + ClaimFor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"UPDATE \"RobotChannels\" SET \"Enabled\" = \"Enabled\" WHERE \"Id\" = {channelId}", ct);
        var recent = await db.AlertDeliveries.CountAsync(d => d.ChannelId == channelId
            && (d.SentAt > minuteAgo || (d.Status == DeliveryStatus.Pending && d.ClaimedUntil > now)), ct);
        if (recent >= PerMinute) return Claim.RobotAtLimit;
        var claimed = await db.AlertDeliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now
                && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedBy, run).SetProperty(d => d.ClaimedUntil, until), ct);
        await transaction.CommitAsync(ct);
        return claimed == 1 ? Claim.Mine : Claim.Taken;
    }
}

/// <summary>Every <c>Jobs:DispatchSeconds</c> (15): sends the robot messages that are due.</summary>
public sealed class RobotDispatchJob : Infrastructure.Jobs.IScheduledJob
{
    public string Name => "robot-dispatch";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromSeconds(configuration.GetValue("Jobs:DispatchSeconds", 15));

    public TimeSpan FirstRunAfter => TimeSpan.FromSeconds(5);

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<AlertDispatcher>().DispatchOnceAsync(ct) is > 0 and var sent
            ? $"{sent} robot messages handled"
            : null;
}
