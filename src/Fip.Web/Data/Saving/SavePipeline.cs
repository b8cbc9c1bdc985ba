using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fip.Web.Data.Saving;

/// <summary>Marks an entity whose rows are operational bookkeeping rather than business records: not audited row by row.</summary>
public interface IUnaudited;

/// <summary>
/// Declares the change stamp an entity's rows belong to: every save that adds, changes or removes one moves that stamp on,
/// in the save's transaction (see <see cref="ChangeStampInterceptor"/>). Inherited by subclasses; owned types follow their owner.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class ChangeStampedAttribute(string stamp) : Attribute
{
    public string Stamp { get; } = stamp;
}

/// <summary>
/// The jobs every save does besides writing the changes, as EF Core interceptors in the order they run. The context
/// (<see cref="FipDbContext.SaveChangesAsync(bool, CancellationToken)"/>) detects the changes once, opens the transaction
/// they all share and accepts the changes only after it commits.
/// </summary>
public static class SavePipeline
{
    public static readonly IInterceptor[] Interceptors =
    [
        new RecordVersionInterceptor(),
        new AuditInterceptor(),
        new NameIndexInterceptor(),
        new ChangeStampInterceptor(),
        new StampsAtCommitInterceptor(),
        // Not a job of the save: counts the process's writes, so kept session results are read again (SessionSnapshots).
        new LocalWrites(),
    ];

    /// <summary>Added, modified or deleted: what a save writes.</summary>
    public static bool IsWritten(this EntityEntry entry) => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    /// <summary>A property whose value really differs from the one read (setting the same value is no change).</summary>
    public static bool HasChanged(this PropertyEntry p) => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);

    public static bool HasRealChange(this EntityEntry entry) => entry.Properties.Any(HasChanged);

    private static readonly ConcurrentDictionary<Type, string?> Stamps = new();

    /// <summary>The stamp an entry's rows belong to: its type's <see cref="ChangeStampedAttribute"/>, an owned type's owner's.</summary>
    public static string? StampOf(EntityEntry entry)
    {
        var type = entry.Metadata;
        while (type.FindOwnership() is { } ownership) type = ownership.PrincipalEntityType;
        return StampOf(type.ClrType);
    }

    /// <summary>The stamp rows of <paramref name="entity"/> belong to (its <see cref="ChangeStampedAttribute"/>), or null.</summary>
    public static string? StampOf(Type entity) =>
        Stamps.GetOrAdd(entity, t => t.GetCustomAttribute<ChangeStampedAttribute>(inherit: true)?.Stamp);
}

/// <summary>What an interceptor notes while the changes are being saved and acts on once they are (keys then known).</summary>
internal sealed class PerSave<T> where T : class
{
    private readonly ConditionalWeakTable<DbContext, T> _items = [];

    public void Set(DbContext? context, T value)
    {
        if (context is not null) _items.AddOrUpdate(context, value);
    }

    /// <summary>The note of this save, removed as it is taken: each save starts from nothing.</summary>
    public T? Take(DbContext? context)
    {
        if (context is null || !_items.TryGetValue(context, out var value)) return null;
        _items.Remove(context);
        return value;
    }
}

/// <summary>Registry records get a new version on every real change, and their created/updated times.</summary>
public sealed class RecordVersionInterceptor : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) Stamp(context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext context)
    {
        var now = DateTime.UtcNow;
        foreach (var entry in context.ChangeTracker.Entries<RegistryRecord>())
        {
            if (entry.State == EntityState.Added)
            {
                if (entry.Entity.CreatedAt == default) entry.Entity.CreatedAt = now;
                entry.Entity.UpdatedAt = now;
            }
            else if (entry.State == EntityState.Modified && entry.HasRealChange())
            {
                // Through the entry, so the properties are marked modified without another pass of change detection.
                entry.Property(e => e.UpdatedAt).CurrentValue = now;
                entry.Property(e => e.Version).CurrentValue = RecordVersions.New();
            }
        }
    }
}

/// <summary>Keeps the enterprise-name bigram index (see <see cref="EnterpriseNameSearch"/>) in step with the enterprises saved.</summary>
public sealed class NameIndexInterceptor : SaveChangesInterceptor
{
    private readonly PerSave<List<EnterpriseNameSearch.Pending>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        // Read before the save, while the original names are known.
        if (eventData.Context is { } context && EnterpriseNameSearch.Collect(context.ChangeTracker) is { Count: > 0 } pending)
            _pending.Set(context, pending);
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (_pending.Take(eventData.Context) is { } pending)
            await EnterpriseNameSearch.WriteAsync((FipDbContext)eventData.Context!, pending, cancellationToken);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Take(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>Moves on the change stamps of what a save changed, with its transaction, just before it commits (see
/// <see cref="ChangeStamp.MarkAsync"/>), and notes the enterprises whose facts it wrote for the registries' journal
/// (<see cref="RegistryJournal"/>). A new enterprise's key, and the key its new rows point to, are known once the save ran, and only
/// in their entries: the save keeps changes unaccepted until its transaction commits (<see cref="FipDbContext.SaveChangesAsync(bool,
/// CancellationToken)"/>), so the entities still say 0 when the journal is noted. The ids are read from the entries.</summary>
public sealed class ChangeStampInterceptor : SaveChangesInterceptor
{
    private sealed record Changed(SortedSet<string> Stamps, List<PropertyEntry> Facts, List<int> Before);

    private readonly PerSave<Changed> _changed = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context) return ValueTask.FromResult(result);
        var changed = new Changed(new SortedSet<string>(StringComparer.Ordinal), [], []);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (!entry.IsWritten()) continue;
            if (SavePipeline.StampOf(entry) is { } stamp) changed.Stamps.Add(stamp);
            if (entry.Entity is not IEnterpriseFact) continue;
            if (FiguresStamp.Moves(entry)) changed.Stamps.Add(ChangeStamp.Figures);
            // The enterprise's own key (an Enterprise), else the key its row points to.
            var id = entry.Property(entry.Metadata.FindProperty(nameof(IEnterpriseFact.EnterpriseId))?.Name
                ?? entry.Metadata.FindPrimaryKey()!.Properties.Single().Name);
            changed.Facts.Add(id);
            // A fact moved to another enterprise (a product re-assigned) changes the one it left too.
            if (entry.State == EntityState.Modified && id.HasChanged() && id.OriginalValue is int before) changed.Before.Add(before);
        }
        if (changed.Stamps.Count > 0) _changed.Set(context, changed);
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (_changed.Take(eventData.Context) is not { } changed) return result;
        var db = (FipDbContext)eventData.Context!;
        foreach (var stamp in changed.Stamps) await ChangeStamp.MarkAsync(db, stamp, cancellationToken);
        // An id the save could not tell (none is 0 or less once saved) makes the journal say "everything", never nothing.
        if (changed.Facts.Count > 0)
            RegistryJournal.Note(db, changed.Facts.Select(f => f.CurrentValue is int id and > 0 ? id : RegistryChange.Everything)
                .Concat(changed.Before));
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _changed.Take(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>Runs an action once, when disposed: the end of a scope.</summary>
internal sealed class DisposeAction(Action end) : IDisposable
{
    private Action? _end = end;

    public void Dispose()
    {
        _end?.Invoke();
        _end = null;
    }
}
