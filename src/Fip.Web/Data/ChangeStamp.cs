using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Data;

/// <summary>
/// A counter moved on by every change to a set of tables, in the same transaction (entities name theirs with
/// <see cref="Saving.ChangeStampedAttribute"/>): whatever was computed under an older value is computed again, so kept
/// figures stay exactly in step with the records.
/// </summary>
public sealed class ChangeStamp
{
    /// <summary>Registry records, their tracks, qualifications and yearly figures, chain links and their enterprises.</summary>
    public const string Registries = "registries";
    /// <summary>Moves on with every change to supervision tasks and reports: the evaluated task tree is kept per value.</summary>
    public const string Supervision = "supervision";
    /// <summary>What goal cards, alerts and the plan summary are read from besides the registries: plans, indicators, snapshots, alerts,
    /// departments, districts.</summary>
    public const string Goals = "goals";
    /// <summary>Moves on with the registry writes that can change a sum of the enterprises' yearly figures (the cockpit's economy):
    /// see <see cref="Saving.FiguresStamp"/>. Every such write moves <see cref="Registries"/> too.</summary>
    public const string Figures = "figures";

    public string Name { get; set; } = "";
    public long Value { get; set; }

    /// <summary>
    /// Notes that a stamp moves on with the current transaction: it is written once, just before the transaction commits
    /// (<see cref="Saving.StampsAtCommitInterceptor"/>); outside a transaction, at once. The context forgets the stamps it had read.
    /// </summary>
    public static Task MarkAsync(FipDbContext db, string name, CancellationToken ct)
    {
        db.ForgetStamps();
        if (db.Database.CurrentTransaction is not { } transaction) return BumpAloneAsync(db, name, ct);
        Saving.StampsAtCommitInterceptor.Note(transaction, name);
        return Task.CompletedTask;
    }

    /// <summary>Outside a transaction nothing says which enterprises changed: the journal says everything.</summary>
    private static async Task BumpAloneAsync(FipDbContext db, string name, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (name == Registries)
        {
            RegistryJournal.Note(db, [RegistryChange.Everything]);
            Saving.StampsAtCommitInterceptor.Note(transaction, Figures); // nothing says what changed: the figures may have
        }
        Saving.StampsAtCommitInterceptor.Note(transaction, name);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Moves a stamp on now, in the current transaction (its row stays locked until the transaction ends).</summary>
    internal static Task BumpNowAsync(FipDbContext db, string name, CancellationToken ct)
    {
        db.ForgetStamps();
        return db.Database.ExecuteSqlAsync($"UPDATE \"ChangeStamps\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = {name}", ct);
    }
}

internal sealed class ChangeStampConfiguration : IEntityTypeConfiguration<ChangeStamp>
{
    public void Configure(EntityTypeBuilder<ChangeStamp> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(40);
        e.HasData(new ChangeStamp { Name = ChangeStamp.Registries, Value = 1 },
            new ChangeStamp { Name = ChangeStamp.Supervision, Value = 1 },
            new ChangeStamp { Name = ChangeStamp.Goals, Value = 1 },
            new ChangeStamp { Name = ChangeStamp.Figures, Value = 1 });
    }
}

/// <summary>The stamps pages and services key their kept views on, read once per context.</summary>
public static class ChangeStampReads
{
    /// <summary>The registries' and the goals' change stamps.</summary>
    public static async Task<(long Registries, long Goals)> StampsAsync(this FipDbContext db, CancellationToken ct)
    {
        var stamps = await db.AllStampsAsync(ct);
        return (stamps.GetValueOrDefault(ChangeStamp.Registries), stamps.GetValueOrDefault(ChangeStamp.Goals));
    }

    /// <summary>The supervision's change stamp and the goals' (plans, departments, districts).</summary>
    public static async Task<(long Supervision, long Goals)> SupervisionStampsAsync(this FipDbContext db, CancellationToken ct)
    {
        var stamps = await db.AllStampsAsync(ct);
        return (stamps.GetValueOrDefault(ChangeStamp.Supervision), stamps.GetValueOrDefault(ChangeStamp.Goals));
    }
}
