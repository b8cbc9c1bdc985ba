using System.Diagnostics;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Demo;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Scenario matching (场景对接) over N capabilities made from generated enterprises (business scope as what they offer, their
/// product names as products): jieba segmentation of the same texts alone (the baseline, on every core, as the index cuts them),
/// the full re-index in memory, ranking latency for 200 needs; then end to end on the database: the capabilities stored, the
/// index rebuilt from the rows by <see cref="ScenarioIndexCache"/>, and <see cref="ScenarioService.MatchesAsync"/> timed.
/// </summary>
internal static class ScenariosBenchmark
{
    public static async Task RunAsync(int count, ServiceProvider services, ClaimsPrincipal admin)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var districts = await db.Districts.AsNoTracking().ToListAsync();
        var tracks = await db.Tracks.AsNoTracking().Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent)).OrderBy(t => t.SortOrder)
            .ToListAsync();
        DemoDataSet Generate(int n, int seed) => DemoDataGenerator.Generate(new DemoDataSpec(n, seed,
            [.. districts.Select(d => new DemoDistrict(d.ShortName, d.Code))],
            [.. tracks.Select(t => new DemoTrack(t.Code, t.Name,
                DemoDataLoader.Keywords.GetValueOrDefault(t.Code) ?? [t.Name + "技术研发", "技术服务"]))]));
        var clock = Stopwatch.StartNew();
        var trackId = tracks.ToDictionary(t => t.Code, t => t.Id, StringComparer.Ordinal);
        var districtId = districts.ToDictionary(d => d.ShortName, d => d.Id, StringComparer.Ordinal);
        IndexedPost[] Posts(DemoDataSet set, PostKind kind, int firstId)
        {
            var products = set.Products.ToLookup(p => p.EnterpriseCreditCode, p => p.Name);
            return [.. set.Enterprises.Select((e, i) => new IndexedPost(firstId + i, kind, trackId[e.TrackCodes[0]], null,
                districtId[e.District], e.Name, e.BusinessScope, string.Join("；", products[e.CreditCode]), null))];
        }
        var capabilities = Posts(Generate(count, 42), PostKind.Capability, 1);
        var needs = Posts(Generate(220, 7), PostKind.Need, count + 1);
        var chars = capabilities.Sum(c => (long)c.AllText.Length);
        Console.WriteLine($"Generated {capabilities.Length:N0} capabilities ({chars / 1e6:0.0} M characters) and {needs.Length} needs in " +
            $"{clock.Elapsed.TotalSeconds:0.0} s");

        var matcher = new ChainMatcher(await ChainMatcherCache.LeafLinksAsync(db, CancellationToken.None));
        foreach (var c in capabilities.Take(2000)) matcher.SegmentForSearch(c.AllText); // warm-up: JIT and jieba's lazy tables

        clock.Restart();
        long tokens = 0;
        Parallel.For(0, capabilities.Length, i => Interlocked.Add(ref tokens, matcher.SegmentForSearch(capabilities[i].AllText).Count));
        var segmentRate = capabilities.Length / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Baseline: jieba segmentation alone, {Environment.ProcessorCount} cores: {segmentRate:N0} texts/s " +
            $"({segmentRate * chars / capabilities.Length / 1e6:0.00} M chars/s), {tokens:N0} tokens");

        clock.Restart();
        var index = ScenarioIndex.Build(capabilities, matcher.SegmentForSearch);
        var indexRate = capabilities.Length / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Full re-index (segment + postings), in memory: {indexRate:N0} texts/s = {indexRate / segmentRate:P0} of " +
            $"segmentation alone ({clock.Elapsed.TotalSeconds:0.0} s)");

        Console.WriteLine("Ranking 1 need among " + $"{capabilities.Length:N0} capabilities, in memory: " + Latency(needs,
            n => index.Rank(n,
            PostKind.Capability)));

        // End to end on the database.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using (db.SuppressRowAudit())
        {
            clock.Restart();
            foreach (var chunk in capabilities.Concat(needs).Chunk(5000))
            {
                foreach (var p in chunk)
                    db.Add(new ScenarioPost
                    {
                        Kind = p.Kind,
                        State = PostState.Published,
                        Title = p.Title,
                        Organisation = p.Title,
                        Summary = p.Text,
                        Requirements = p.Products,
                        TrackId = p.TrackId,
                        DistrictId = p.DistrictId,
                        CreatedBy = "bench",
                        CreatedAt = DateTime.UtcNow,
                        UpdatedAt = DateTime.UtcNow,
                        PublishedAt = DateTime.UtcNow,
                    });
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        Console.WriteLine($"Stored {capabilities.Length + needs.Length:N0} posts in {clock.Elapsed.TotalSeconds:0.0} s");
        var cache = scope.ServiceProvider.GetRequiredService<ScenarioIndexCache>();
        clock.Restart();
        await cache.GetAsync(db);
        var dbRate = capabilities.Length / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Full re-index from the database (read rows + segment + postings): {clock.Elapsed.TotalSeconds:0.0} s = " +
            $"{dbRate:N0} posts/s = {dbRate / segmentRate:P0} of segmentation alone");
        var needIds = await db.Set<ScenarioPost>().Where(p => p.Kind == PostKind.Need).Select(p => p.Id).ToListAsync();
        var times = new List<double>();
        foreach (var (id, i) in needIds.Select((id, i) => (id, i)))
        {
            await using var s = services.CreateAsyncScope();
            var service = s.ServiceProvider.GetRequiredService<ScenarioService>();
            var c = Stopwatch.StartNew();
            var r = await service.MatchesAsync(id, admin, 10, CancellationToken.None);
            if (i >= 20) times.Add(c.Elapsed.TotalMilliseconds);
            if (!r.IsOk) throw new InvalidOperationException("matches failed");
        }
        Console.WriteLine($"Matches end to end (one request's service call: stamps, kept index, rank, read the 10 posts and answers): " +
            Summary(times));
    }

    private static string Latency(IndexedPost[] needs, Func<IndexedPost, IReadOnlyList<RankedPost>> rank)
    {
        var times = new List<double>();
        var found = 0;
        foreach (var (n, i) in needs.Select((n, i) => (n, i)))
        {
            var c = Stopwatch.StartNew();
            found += rank(n).Count;
            if (i >= 20) times.Add(c.Elapsed.TotalMilliseconds);
        }
        return Summary(times) + $", {found / (double)needs.Length:0.0} matches a need";
    }

    private static string Summary(List<double> times)
    {
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        return $"{times.Count} needs, p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, max {times[^1]:0.0} ms";
    }
}
