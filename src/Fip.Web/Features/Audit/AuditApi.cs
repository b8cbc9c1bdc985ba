using System.Globalization;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Audit;

/// <summary>Filters of the audit log: from, to (UTC), user, action, entityType; page (from 1) and pageSize (default 50) for the
/// list.</summary>
public sealed record AuditQuery(DateTime? From, DateTime? To, string? User, string? Action, string? EntityType, string? Page,
    string? PageSize)
{
    public AuditFilter ToFilter(int page, int pageSize) => new(From, To, User, Action, EntityType, page, pageSize);
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

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync([AsParameters] AuditQuery query, AuditLog log,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        Paging.TryRead(query.Page, query.PageSize, 50, l, out var page, out var size, out var problem)
            ? TypedResults.Ok(await log.PageAsync(query.ToFilter(page, size), ct))
            : problem;

    public static PushStreamHttpResult Export([AsParameters] AuditQuery query, AuditLog log, HttpContext context) =>
        TypedResults.Stream(stream =>
            log.WriteCsvAsync(new AuditFilter(query.From, query.To, query.User, query.Action, query.EntityType), stream,
                context.RequestAborted),
            "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv");
}
