using System.Globalization;
using System.Text.Json;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fip.Web.Data.Saving;

/// <summary>
/// Writes one audit line per record created, changed or removed, in the save's transaction: the change and its audit
/// lines commit together or not at all. Lines are written after the rows (database-made keys are known then) by
/// <see cref="RowWriter"/>, untracked. The audit log itself is append-only. Within
/// <see cref="FipDbContext.SuppressRowAudit"/> (generated bulk loads) rows are not audited one by one.
/// </summary>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    private sealed record Change(EntityEntry Entry, string Action, string? Before, IReadOnlyList<string>? Changed);

    private readonly PerSave<List<Change>> _changes = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not FipDbContext context) return ValueTask.FromResult(result);
        var changes = new List<Change>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("The audit log is append-only.");
                continue;
            }
            if (context.RowAuditSuppressed || !IsAudited(entry.Metadata)) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add(new Change(entry, AuditActions.Create, null, null));
                    break;
                case EntityState.Modified when entry.HasRealChange():
                    var changed = entry.Properties
                        .Where(p => p.Metadata.IsPrimaryKey() || p.HasChanged())
                        .Select(p => p.Metadata.Name)
                        .ToList();
                    changes.Add(new Change(entry, AuditActions.Update, Serialize(entry, changed, original: true), changed));
                    break;
                case EntityState.Deleted:
                    changes.Add(new Change(entry, AuditActions.Delete, Serialize(entry, null, original: true), null));
                    break;
            }
        }
        if (changes.Count > 0) _changes.Set(context, changes);
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (_changes.Take(eventData.Context) is not { } changes) return result;
        var context = (FipDbContext)eventData.Context!;
        var now = DateTime.UtcNow;
        // The changes are not accepted yet: keys made by the database are set, states and modified flags are as saved.
        var lines = changes.Select(c => Line(context.AuditActor, now, c.Action, c.Entry.Metadata.ClrType.Name, KeyOf(c.Entry), c.Before,
            c.Action == AuditActions.Delete ? null : Serialize(c.Entry, c.Changed, original: false))).ToList();
        await RowWriter.InsertAsync(context, lines, cancellationToken);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _changes.Take(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Whether rows of <paramref name="type"/> get audit lines of their own (owned types are part of their owner's).</summary>
    public static bool IsAudited(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType type) =>
        !type.IsOwned() && !type.HasSharedClrType && type.ClrType != typeof(AuditEntry)
        && !typeof(IUnaudited).IsAssignableFrom(type.ClrType);

    /// <summary>The entity types the log names, as written in its lines: the audited types of the model and the sign-in
    /// sessions.</summary>
    public static IReadOnlyList<string> LoggedTypes(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        [.. model.GetEntityTypes().Where(IsAudited).Select(t => t.ClrType.Name).Append("Session").Distinct().Order(StringComparer.Ordinal)];

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Values never written to the log, whatever entity carries them.</summary>
    private static readonly HashSet<string> Secrets = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
            nameof(PersonalAccessToken.TokenHash),
        nameof(RobotChannel.Token), nameof(RobotChannel.Secret),
        // Personal information of the talent pool (PIPL): the log records that it changed, never the values, so anonymising a
        // record leaves no copy behind.
        nameof(Features.Talent.Talent.IdNumber), nameof(Features.Talent.Talent.Phone), nameof(Features.Talent.Talent.Email),
        nameof(Features.Talent.Talent.BirthDate),
        // The follow-up plans' texts (人才跟踪培养) are the person's too.
        nameof(Features.Talent.TalentPlan.PlanGoals), nameof(Features.Talent.TalentPlan.PlanClosedReason),
        nameof(Features.Talent.TalentCheckIn.CheckInProgress), nameof(Features.Talent.TalentCheckIn.OutcomeProjects),
        nameof(Features.Talent.TalentCheckIn.OutcomePapers), nameof(Features.Talent.TalentCheckIn.OutcomeTitles),
        nameof(Features.Talent.TalentCheckIn.OutcomeRecognitions), nameof(Features.Talent.TalentCheckIn.EmployerChange),
    };

    /// <summary>An audit line of <paramref name="actor"/> (the system when there is none).</summary>
    internal static AuditEntry Line(IAuditActor? actor, DateTime at, string action, string entityType, string entityKey, string? before,
        string? after) =>
        new()
        {
            At = at,
            UserId = actor?.UserId,
            UserName = actor?.UserName ?? "system",
            IpAddress = actor?.IpAddress,
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            Before = before,
            After = after,
        };

    /// <summary>Whether a property's values are never written to the log (written as "***").</summary>
    internal static bool IsSecret(string name) => Secrets.Contains(name);

    /// <summary>Values as the log's JSON: names sorted, secrets masked.</summary>
    internal static string SerializeValues(IEnumerable<(string Name, object? Value)> properties)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in properties) values[name] = Secrets.Contains(name) ? "***" : value;
        return JsonSerializer.Serialize(values, Json);
    }

    /// <summary>The entity's values: all of them for a create or delete, the key and the changed ones for an update.</summary>
    private static string Serialize(EntityEntry entry, IReadOnlyList<string>? only, bool original) =>
        SerializeValues(entry.Properties
            .Where(p => only is null || only.Contains(p.Metadata.Name))
            .Select(p => (p.Metadata.Name, original ? p.OriginalValue : p.CurrentValue)));

    private static string KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key
            ? string.Join(",",
                key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)))
            : "";
}
