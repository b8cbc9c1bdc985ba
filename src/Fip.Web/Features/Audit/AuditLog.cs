using System.Globalization;
using System.Text;
using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Audit;

/// <summary>Filters of the audit page and API.</summary>
public sealed record AuditFilter(DateTime? From = null, DateTime? To = null, string? User = null, string? Action = null,
    string? EntityType = null, int Page = 1, int PageSize = 50);

public sealed record AuditEntryDto(long Id, DateTime At, string UserName, string Action, string EntityType, string EntityKey, bool Success,
    string? IpAddress, string? Before, string? After, string? Detail);

public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Items, int Page, int PageSize, int Total);

/// <summary>Writes sign-in events and reads the append-only audit log.</summary>
public sealed class AuditLog(FipDbContext db, IHttpContextAccessor http)
{
    public async Task RecordAsync(string action, string userName, string? userId, bool success, string? detail = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTime.UtcNow,
            Action = action,
            UserName = userName.Length > 256 ? userName[..256] : userName,
            UserId = userId,
            Success = success,
            EntityType = "Session",
            EntityKey = userId ?? "",
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Detail = detail,
        });
        await db.SaveChangesAsync();
    }

    public IQueryable<AuditEntry> Query(AuditFilter f)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (f.From is { } from) q = q.Where(a => a.At >= from.ToUniversalTime());
        if (f.To is { } to) q = q.Where(a => a.At < to.ToUniversalTime());
        if (!string.IsNullOrWhiteSpace(f.User)) q = q.Where(a => a.UserName == f.User.Trim());
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(a => a.Action == f.Action.Trim());
        if (!string.IsNullOrWhiteSpace(f.EntityType)) q = q.Where(a => a.EntityType == f.EntityType.Trim());
        return q.OrderByDescending(a => a.Id);
    }

    public async Task<AuditPage> PageAsync(AuditFilter f, CancellationToken ct = default)
    {
        var size = Paging.ClampPageSize(f.PageSize);
        var page = Paging.ClampPage(f.Page);
        var q = Query(f);
        var total = await q.CountAsync(ct);
        var items = await q.Skip((page - 1) * size).Take(size).Select(Dto).ToListAsync(ct);
        return new AuditPage(items, page, size, total);
    }

    public static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditEntryDto>> Dto =
        a =>
            new AuditEntryDto(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityKey, a.Success, a.IpAddress, a.Before, a.After,
                a.Detail);

    /// <summary>The filtered log as UTF-8 CSV (with BOM, so Excel opens Chinese correctly), streamed in pages.</summary>
    public async Task WriteCsvAsync(AuditFilter f, Stream output, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync("id,time_utc,user,action,entity_type,entity_key,success,ip,before,after,detail");
        long? lastId = null;
        const int batch = 1000;
        while (true)
        {
            var q = Query(f);
            if (lastId is { } last) q = q.Where(a => a.Id < last);
            var rows = await q.Take(batch).Select(Dto).ToListAsync(ct);
            foreach (var r in rows)
            {
                await writer.WriteLineAsync(string.Join(',',
                    r.Id.ToString(CultureInfo.InvariantCulture), r.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Csv(r.UserName), Csv(r.Action), Csv(r.EntityType), Csv(r.EntityKey), r.Success ? "true" : "false",
                    Csv(r.IpAddress), Csv(r.Before), Csv(r.After), Csv(r.Detail)));
            }
            if (rows.Count < batch) break;
            lastId = rows[^1].Id;
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>Quotes a CSV field and neutralises spreadsheet formulas (CSV injection).</summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
