using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Audit;

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);

        audit.MapGet("/", async (AuditLog log, DateTime? from, DateTime? to, string? user, string? action, string? entityType, string? page, string? pageSize, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Paging.TryRead(page, pageSize, 50, l, out var p, out var size, out var problem)
                    ? Results.Ok(await log.PageAsync(new AuditFilter(from, to, user, action, entityType, p, size), ct))
                    : problem)
            .Produces<AuditPage>()
            .WithName("ListAuditEntries").WithSummary("The append-only audit log, newest first, filtered and paged.");

        audit.MapGet("/export", (AuditLog log, HttpContext context, DateTime? from, DateTime? to, string? user, string? action, string? entityType) =>
                Results.Stream(stream => log.WriteCsvAsync(new AuditFilter(from, to, user, action, entityType), stream, context.RequestAborted),
                    "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv"))
            .WithName("ExportAuditEntries").WithSummary("The filtered audit log as CSV.");
        return api;
    }
}
