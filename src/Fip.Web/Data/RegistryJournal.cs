using Fip.Web.Data.Saving;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Data;

/// <summary>
/// A row that is a fact about one enterprise, read by what is computed per enterprise (the support policies' matching): its
/// record, tracks, qualifications, yearly figures, products and chain links. Every commit that writes one records the
/// enterprise in the <see cref="RegistryChange"/> journal.
/// </summary>
public interface IEnterpriseFact
{
    int EnterpriseId { get; }
}

/// <summary>
/// The registries' change journal: which enterprises each move of the registries' change stamp touched, so a node that keeps a
/// table computed per enterprise patches those enterprises instead of computing the table again. One row per enterprise per
/// commit, tagged with the stamp value the commit wrote; a commit that touched no enterprise's facts (a scenario's edit) writes
/// one row with <see cref="NoEnterprise"/>, one that touched more than <see cref="MaxIdsPerCommit"/> (an import, demo data) one
/// with <see cref="Everything"/>. So every stamp value has at least one row, and a reader that finds a value with none (pruned,
/// or moved by a path that does not journal) knows it cannot patch. The rows are written at commit, right after the stamp moved
/// on and under its row lock (see <see cref="StampsAtCommitInterceptor"/>): stamp values are handed out in commit order, so a
/// reader that has read stamp S sees every row tagged S or lower.
/// </summary>
public sealed class RegistryChange : IUnaudited
{
    /// <summary>The commit touched registry records, but no enterprise's facts.</summary>
    public const int NoEnterprise = 0;
    /// <summary>The commit touched too many enterprises to list (or did not say which): readers compute everything again.</summary>
    public const int Everything = -1;
    /// <summary>Above this many enterprises a commit writes <see cref="Everything"/>: the rows are written while the commit holds the
    /// stamp's row lock (every other registry write waits for it), so a large import writes one row and readers compute their
    /// tables again, as they would for a change of that size on all but the largest databases (<c>PolicyMatcher.FullPassAbove</c>).
    /// </summary>
    public const int MaxIdsPerCommit = 10_000;

    public long Stamp { get; set; }
    public int EnterpriseId { get; set; }
    public DateTime At { get; set; }
}

internal sealed class RegistryChangeConfiguration : IEntityTypeConfiguration<RegistryChange>
{
    public void Configure(EntityTypeBuilder<RegistryChange> e)
    {
        e.ToTable("RegistryChanges");
        e.HasKey(x => new { x.Stamp, x.EnterpriseId });
        e.HasIndex(x => x.At);
    }
}

/// <summary>Notes the enterprises a transaction touches and writes them to the journal when it commits.</summary>
public static class RegistryJournal
{
    /// <summary>Notes enterprises touched by the current transaction (needed: a registries write runs in one).</summary>
    public static void Note(FipDbContext db, IEnumerable<int> enterpriseIds)
    {
        if (db.Database.CurrentTransaction is not { } transaction)
            throw new InvalidOperationException("Touched enterprises are noted within the transaction that writes them.");
        StampsAtCommitInterceptor.NoteEnterprises(transaction, enterpriseIds);
    }

    /// <summary>Writes the journal rows of the stamp value the current transaction has just written (its row is locked).</summary>
    internal static async Task WriteAsync(FipDbContext db, IReadOnlyCollection<int> touched, CancellationToken ct)
    {
        var at = DateTime.UtcNow;
        int[] ids = touched.Count == 0 ? [RegistryChange.NoEnterprise]
            : touched.Count > RegistryChange.MaxIdsPerCommit || touched.Contains(RegistryChange.Everything) ? [RegistryChange.Everything]
            : [.. touched];
        // One statement whatever the count: the stamp's row is held for the commit only.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "RegistryChanges" ("Stamp", "EnterpriseId", "At")
                SELECT s."Value", u, {at} FROM "ChangeStamps" s, unnest({ids}) u WHERE s."Name" = 'registries'
                """, ct);
        else
        {
            var json = "[" + string.Join(",", ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "RegistryChanges" ("Stamp", "EnterpriseId", "At")
                SELECT s."Value", j.value, {at} FROM "ChangeStamps" s, json_each({json}) j WHERE s."Name" = 'registries'
                """, ct);
        }
    }

    /// <summary>The journal between two stamp values (after <paramref name="after"/>, up to <paramref name="upTo"/>): the
    /// enterprises touched, or null when it cannot tell (a value without rows, or <see cref="RegistryChange.Everything"/>).</summary>
    public static async Task<HashSet<int>?> TouchedAsync(FipDbContext db, long after, long upTo, CancellationToken ct)
    {
        if (upTo <= after) return [];
        var rows = await db.Set<RegistryChange>().AsNoTracking().Where(c => c.Stamp > after && c.Stamp <= upTo)
            .Select(c => new { c.Stamp, c.EnterpriseId }).ToListAsync(ct);
        if (rows.Select(r => r.Stamp).Distinct().Count() != upTo - after) return null;
        if (rows.Any(r => r.EnterpriseId == RegistryChange.Everything)) return null;
        return [.. rows.Where(r => r.EnterpriseId > 0).Select(r => r.EnterpriseId)];
    }
}

/// <summary>Deletes journal rows older than <c>Cache:JournalHours</c> (24): a node whose kept table is older computes it again.</summary>
public sealed class RegistryJournalRetentionJob(IConfiguration configuration) : IScheduledJob
{
    public string Name => "registry-journal-retention";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromHours(1);

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var cutoff = DateTime.UtcNow.AddHours(-configuration.GetValue("Cache:JournalHours", 24.0));
        var deleted = await services.GetRequiredService<FipDbContext>().Set<RegistryChange>().Where(c => c.At < cutoff)
            .ExecuteDeleteAsync(ct);
        return deleted == 0 ? null : $"deleted {deleted} registry journal rows";
    }
}
