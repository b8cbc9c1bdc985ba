using Fip.Web.Data;
using Fip.Web.Features.Chains;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Demo data for the maps (演示数据): every other demo enterprise is put on the best-matching link of its main business
/// (source Demo), and suggestions are computed for all, so the maps show strong links, weak links and gaps, and there is
/// something to review. A confirmed link must be what the enterprise is: it is matched on the leading items of its
/// business scope only (主营业务 is listed first; a side line such as a carbon firm's 无人机 item never confirms it as a
/// drone maker) and only among the links of the tracks the enterprise is registered for.
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
                if (BestMainLink(matcher, e.BusinessScope, e.Tracks) is { } best)
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

    /// <summary>How many leading items of a business scope count as its main business.</summary>
    public const int MainItems = 2;

    /// <summary>The leading items of a business scope (its 主营业务), without the "一般项目：" / "许可项目：" heading.</summary>
    public static string MainBusiness(string? scope)
    {
        if (string.IsNullOrWhiteSpace(scope)) return "";
        var items = scope.Split(['；', ';', '。'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('；', items.Take(MainItems)
            .Select(i => i.IndexOf('：', StringComparison.Ordinal) is var c and >= 0 ? i[(c + 1)..] : i));
    }

    /// <summary>The link a demo enterprise is confirmed on: matched on its main business, within its own tracks; or none.</summary>
    public static LinkMatch? BestMainLink(ChainMatcher matcher, string? scope, IReadOnlyCollection<int> tracks)
    {
        if (tracks.Count == 0) return null;
        var own = tracks.ToHashSet();
        return matcher.Match(MainBusiness(scope), null, own, max: 5, minimum: 0.5)
            .FirstOrDefault(m => own.Contains(matcher.TrackOf(m.LinkId)));
    }
}
