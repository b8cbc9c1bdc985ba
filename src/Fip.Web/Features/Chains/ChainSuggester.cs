using System.Diagnostics;
using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Chains;

/// <summary>
/// Holds the matcher for the current chains, kept per value of the registries' change stamp (which every change to a chain
/// link moves on, on whichever node): when the stamp has moved, the links are read again and the matcher rebuilt if they
/// changed (a link added, renamed, re-termed, moved or merged), so every node follows an edit made on another without an
/// in-process signal. Between changes a lookup costs the stamps the request reads anyway.
/// </summary>
public sealed class ChainMatcherCache
{
    private sealed record Kept(long Stamp, string Links, ChainMatcher Matcher);

    private volatile Kept? _kept;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The matcher for the links as they are under the stamp the context reads (the stamp first, then the links).</summary>
    public async Task<ChainMatcher> GetAsync(FipDbContext db, CancellationToken ct = default)
    {
        var stamp = (await db.AllStampsAsync(ct)).GetValueOrDefault(ChangeStamp.Registries);
        if (_kept is { } k && k.Stamp == stamp) return k.Matcher;
        await _gate.WaitAsync(ct);
        try
        {
            if (_kept is { } again && again.Stamp == stamp) return again.Matcher;
            var links = await LeafLinksAsync(db, ct);
            var fingerprint = string.Join('\n', links.Select(l => $"{l.Id}\t{l.TrackId}\t{l.Name}\t{string.Join('|', l.Terms)}"));
            var matcher = _kept is { } before && before.Links == fingerprint ? before.Matcher : new ChainMatcher(links);
            _kept = new Kept(stamp, fingerprint, matcher);
            return matcher;
        }
        finally { _gate.Release(); }
    }

    /// <summary>The links suggestions may point at: leaves of the current tree (segments are headings).</summary>
    public static async Task<List<MatcherLink>> LeafLinksAsync(FipDbContext db, CancellationToken ct)
    {
        var links = await db.ChainLinks.AsNoTracking().Where(l => l.MergedIntoId == null)
            .Select(l => new { l.Id, l.TrackId, l.ParentId, l.Name, l.Terms }).ToListAsync(ct);
        var parents = links.Where(l => l.ParentId is not null).Select(l => l.ParentId!.Value).ToHashSet();
        return [.. links.Where(l => !parents.Contains(l.Id))
            .Select(l => new MatcherLink(l.Id, l.TrackId, l.Name, l.Terms.Split('|', StringSplitOptions.RemoveEmptyEntries)))];
    }
}

public sealed record SuggestReport(int Enterprises, int Suggestions, TimeSpan Duration);

/// <summary>
/// Computes suggestions for every enterprise, streaming in id order in batches (never the whole table in memory):
/// per batch it reads business scopes, tracks and product names, matches in parallel, and stores new pending
/// suggestions. A pair already linked, already suggested or rejected is never proposed again.
/// </summary>
public sealed class ChainSuggester(FipDbContext db, ChainMatcherCache matchers, ILogger<ChainSuggester> log)
{
    public const int BatchSize = 2000;
    // One run at a time in this process: two runs would propose the same pairs at once (the unique index refuses the second).
    private static readonly SemaphoreSlim OneRun = new(1, 1);

    public async Task<SuggestReport> RunAsync(int? onlyEnterpriseId = null, CancellationToken ct = default)
    {
        await OneRun.WaitAsync(ct);
        try { return await RunOnceAsync(onlyEnterpriseId, ct); }
        finally { OneRun.Release(); }
    }

    private async Task<SuggestReport> RunOnceAsync(int? onlyEnterpriseId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var matcher = await matchers.GetAsync(db, ct);
        var total = 0;
        var created = 0;
        var lastId = 0;
        // One transaction for the whole run (each batch saved inside it), or the caller's: a run stopped half-way leaves nothing.
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            while (true)
            {
                var batch = await db.Enterprises.AsNoTracking()
                    .Where(e => e.Id > lastId && !e.IsDeleted && (onlyEnterpriseId == null || e.Id == onlyEnterpriseId))
                    .OrderBy(e => e.Id).Take(BatchSize)
                    .Select(e => new { e.Id, e.BusinessScope }).ToListAsync(ct);
                if (batch.Count == 0) break;
                lastId = batch[^1].Id;
                var ids = batch.Select(e => e.Id).ToList();
                var first = ids[0];
                var tracks = (await db.EnterpriseTracks.AsNoTracking().Where(t => t.EnterpriseId >= first && t.EnterpriseId <= lastId)
                    .Select(t => new { t.EnterpriseId, t.TrackId }).ToListAsync(ct)).ToLookup(t => t.EnterpriseId, t => t.TrackId);
                var products =
                    (await db.KeyProducts.AsNoTracking().Where(p => p.EnterpriseId >= first && p.EnterpriseId <= lastId && !p.IsDeleted)
                    .Select(p => new { p.EnterpriseId, p.Name }).ToListAsync(ct)).ToLookup(p => p.EnterpriseId, p => p.Name);
                var known = (await db.ChainSuggestions.AsNoTracking().Where(s => s.EnterpriseId >= first && s.EnterpriseId <= lastId)
                        .Select(s => new { s.EnterpriseId, s.ChainLinkId }).ToListAsync(ct))
                    .Select(s => (s.EnterpriseId, s.ChainLinkId))
                    .Concat((await db.EnterpriseChainLinks.AsNoTracking().Where(s => s.EnterpriseId >= first && s.EnterpriseId <= lastId)
                        .Select(s => new { s.EnterpriseId, s.ChainLinkId }).ToListAsync(ct)).Select(s => (s.EnterpriseId, s.ChainLinkId)))
                    .ToHashSet();

                var results = new IReadOnlyList<LinkMatch>[batch.Count];
                Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    var e = batch[i];
                    results[i] = matcher.Match(e.BusinessScope, products[e.Id], tracks[e.Id].ToHashSet());
                });
                var now = DateTime.UtcNow;
                for (var i = 0; i < batch.Count; i++)
                    foreach (var m in results[i])
                        if (!known.Contains((batch[i].Id, m.LinkId)))
                        {
                            db.ChainSuggestions.Add(new ChainSuggestion
                            {
                                EnterpriseId = batch[i].Id,
                                ChainLinkId = m.LinkId,
                                Confidence = m.Confidence,
                                MatchedWords = Truncate(string.Join('、', m.Words), 500),
                                State = SuggestionState.Pending,
                                CreatedAt = now,
                            });
                            created++;
                        }
                // Computed proposals are not audited one by one (one summary line below); deciding on them is.
                using (db.SuppressRowAudit()) await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                total += batch.Count;
            }
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = autoDetect; }
        db.AddAuditSummary(nameof(ChainSuggestion), onlyEnterpriseId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all",
            $"产业链环节建议: {created} new suggestions for {total} enterprises");
        await db.SaveChangesAsync(ct);
        if (owned is not null) await owned.CommitAsync(ct);
        log.LogInformation("Chain suggestions: {Created} new for {Total} enterprises in {Seconds:0.0} s", created, total,
            clock.Elapsed.TotalSeconds);
        return new SuggestReport(total, created, clock.Elapsed);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
