using Fip.Web.Data;

namespace Fip.Web.Features.Registries;

/// <summary>
/// The PIPL access log: one <see cref="Audit.AuditActions.PersonalDataRead"/> line per record whose personal data a request showed
/// unmasked, saved at once. The registries' pages, API and exports use it (<see cref="Registry{T}.LogsPersonalReads"/>), and so do
/// the talent follow-up plans.
/// </summary>
public static class PersonalReads
{
    public static async Task LogAsync(FipDbContext db, string entityType, IReadOnlyCollection<int> ids, string how, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var at = DateTime.UtcNow;
        foreach (var id in ids)
        {
            var line = Data.Saving.AuditInterceptor.Line(db.AuditActor, at, Audit.AuditActions.PersonalDataRead, entityType,
                id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null);
            line.Detail = how;
            db.AuditEntries.Add(line);
        }
        await db.SaveChangesAsync(ct);
    }
}
