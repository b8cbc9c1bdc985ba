using System.Globalization;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fip.Web.Features.Audit;

/// <summary>Filters of the audit log: from, to (UTC), user, action, entityType; page (from 1) and pageSize (default 50) for the
/// list.</summary>
public sealed record AuditQuery(DateTime? From, DateTime? To, string? User, string? Action, string? EntityType, int? Page, int? PageSize)
{
    public AuditFilter ToFilter() => new(From, To, User, Action, EntityType, Page ?? 1, PageSize ?? 50);
}

/// <summary>审计日志 under /api/v1/audit (admins): the append-only log, paged or as CSV.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        audit.MapGet("/", ListAsync)
            .WithName("ListAuditEntries").WithSummary("The append-only audit log, newest first, filtered and paged.");
        audit.MapGet("/export", Export).Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .WithName("ExportAuditEntries").WithSummary("The filtered audit log as CSV.");
        return api;
    }

    public static async Task<Ok<AuditPage>> ListAsync([AsParameters] AuditQuery query, AuditLog log, CancellationToken ct) =>
        TypedResults.Ok(await log.PageAsync(query.ToFilter(), ct));

    public static PushStreamHttpResult Export([AsParameters] AuditQuery query, AuditLog log, HttpContext context) =>
        TypedResults.Stream(stream =>
            log.WriteCsvAsync(new AuditFilter(query.From, query.To, query.User, query.Action, query.EntityType), stream,
                context.RequestAborted),
            "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv");
}
