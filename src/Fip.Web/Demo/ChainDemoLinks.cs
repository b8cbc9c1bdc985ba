using Fip.Web.Data;
using Fip.Web.Features.Chains;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo data for the maps (演示数据): every other demo enterprise is put on its best-matching link (source Demo), and
/// suggestions are computed for all, so the maps show strong links, weak links and gaps, and there is something to review.
/// </summary>
public sealed class ChainDemoLinks(FipDbContext db, ChainMatcherCache matchers, ChainSuggester suggester)
{
    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        if (await db.EnterpriseChainLinks.AnyAsync(x => x.Source == ChainLinkSource.Demo, ct)) return 0;
        var matcher = await matchers.GetAsync(db, ct);
        var added = 0;
        var lastId = 0;
        var now = DateTime.UtcNow;
        while (true)
        {
            var batch = await db.Enterprises
                .AsNoTracking()
                .Where(e => e.IsDemo && !e.IsDeleted && e.Id > lastId)
                .OrderBy(e => e.Id)
                .Take(ChainSuggester.BatchSize)
                .Select(e => new { e.Id, e.BusinessScope, Tracks = e.Tracks.Select(t => t.TrackId).ToList() }).ToListAsync(ct);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            foreach (var e in batch.Where(e => e.Id % 2 == 0))
                if (matcher.Match(e.BusinessScope, null, e.Tracks.ToHashSet(), max: 1, minimum: 0.5) is [var best])
                {
                    db.EnterpriseChainLinks.Add(
                        new EnterpriseChainLink
                        { EnterpriseId = e.Id, ChainLinkId = best.LinkId, Source = ChainLinkSource.Demo, LinkedAt = now });
                    added++;
                }
            using (db.SuppressRowAudit()) await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.AddAuditSummary(nameof(EnterpriseChainLink), "demo", $"演示数据: {added} enterprises put on chain links");
        await db.SaveChangesAsync(ct);
        await suggester.RunAsync(ct: ct);
        return added;
    }
}
