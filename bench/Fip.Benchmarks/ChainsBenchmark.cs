using System.Diagnostics;
using Fip.Web.Data;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Registries;
using Fip.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Chain-link suggestions for N generated enterprises: jieba segmentation alone (the baseline), segmentation + scoring
/// in memory, both on one thread and on all cores, then the suggester end to end on the database (read in batches,
/// match in parallel, write the suggestions).
/// </summary>
internal static class ChainsBenchmark
{
    public static async Task RunAsync(int count, ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var districts = await db.Districts.AsNoTracking().ToListAsync();
        var tracks = await db.Tracks
            .AsNoTracking()
            .Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent))
            .OrderBy(t => t.SortOrder)
            .ToListAsync();
        var spec = new DemoDataSpec(count, 42, [.. districts.Select(d => new DemoDistrict(d.ShortName, d.Code))],
            [.. tracks.Select(
                t => new DemoTrack(t.Code, t.Name, DemoDataLoader.Keywords.GetValueOrDefault(t.Code) ?? [t.Name + "技术研发", "技术服务"]))]);
        var clock = Stopwatch.StartNew();
        var set = DemoDataGenerator.Generate(spec);
        var products = set.Products.ToLookup(p => p.EnterpriseCreditCode, p => p.Name);
        var trackId = tracks.ToDictionary(t => t.Code, t => t.Id, StringComparer.Ordinal);
        var items = set.Enterprises
            .Select(
                e =>
                    (e.BusinessScope, Products: products[e.CreditCode].ToArray(),
                        Tracks: (IReadOnlySet<int>)e.TrackCodes.Select(c => trackId[c]).ToHashSet()))
            .ToArray();
        var chars = items.Sum(i => (long)i.BusinessScope.Length + i.Products.Sum(p => p.Length));
        Console.WriteLine($"Generated {items.Length:N0} enterprises, {set.Products.Count:N0} products ({chars / 1e6:0.0} M characters, " +
            $"{chars * 3 / 1048576.0:0} MB as UTF-8) in {clock.Elapsed.TotalSeconds:0.0} s");

        var links = await ChainMatcherCache.LeafLinksAsync(db, CancellationToken.None);
        clock.Restart();
        var matcher = new ChainMatcher(links);
        Console.WriteLine($"Matcher over {matcher.LinkCount} leaf links built in {clock.Elapsed.TotalSeconds:0.00} s (jieba dictionary " +
            $"load included)");
        // Warm-up: first calls pay for JIT and jieba's lazy tables.
        foreach (var i in items.Take(2000)) matcher.Match(i.BusinessScope, i.Products, i.Tracks);

        double Rate(Action<int> body, bool parallel)
        {
            var c = Stopwatch.StartNew();
            if (parallel) Parallel.For(0, items.Length, body);
            else for (var i = 0; i < items.Length; i++) body(i);
            return items.Length / c.Elapsed.TotalSeconds;
        }
        long tokens = 0, proposals = 0;
        void Segment(int i)
        {
            var n = matcher.Segment(items[i].BusinessScope).Count;
            foreach (var p in items[i].Products) n += matcher.Segment(p).Count;
            Interlocked.Add(ref tokens, n);
        }
        void Match(int i) =>
            Interlocked.Add(ref proposals, matcher.Match(items[i].BusinessScope, items[i].Products, items[i].Tracks).Count);

        var segment1 = Rate(Segment, parallel: false);
        var match1 = Rate(Match, parallel: false);
        Console.WriteLine($"One thread:  segmentation alone {segment1:N0} enterprises/s " +
            $"({segment1 * chars / items.Length * 3 / 1048576.0:0.0} MB/s); segmentation + scoring {match1:N0} enterprises/s = " +
            $"{match1 / segment1:P0} of the baseline; {tokens:N0} tokens, {proposals:N0} proposals");
        var segmentN = Rate(Segment, parallel: true);
        var matchN = Rate(Match, parallel: true);
        Console.WriteLine($"{Environment.ProcessorCount} cores:     segmentation alone {segmentN:N0} enterprises/s; segmentation + " +
            $"scoring {matchN:N0} enterprises/s = {matchN / segmentN:P0} of the baseline");

        // End to end: the enterprises and products in the database, then the suggester (batches of 2,000, parallel matching, bulk insert).
        var districtId = districts.ToDictionary(d => d.ShortName, d => d.Id, StringComparer.Ordinal);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var rowAuditSuppressed = db.SuppressRowAudit();
        clock.Restart();
        foreach (var chunk in set.Enterprises.Chunk(2000))
        {
            foreach (var e in chunk)
            {
                var entity = new Enterprise
                { CreditCode = e.CreditCode, Name = e.Name, DistrictId = districtId[e.District], BusinessScope = e.BusinessScope };
                entity.Tracks.AddRange(e.TrackCodes.Distinct().Select(c => new EnterpriseTrack { TrackId = trackId[c] }));
                db.Enterprises.Add(entity);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        var ids = await db.Enterprises
            .AsNoTracking()
            .Select(e => new { e.CreditCode, e.Id })
            .ToDictionaryAsync(e => e.CreditCode, e => e.Id, StringComparer.Ordinal);
        foreach (var chunk in set.Products.Chunk(5000))
        {
            foreach (var p in chunk)
                db.KeyProducts.Add(
                    new KeyProduct { Name = p.Name, EnterpriseId = ids[p.EnterpriseCreditCode], Stage = ProductStage.Research });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        Console.WriteLine($"Stored {count:N0} enterprises and {set.Products.Count:N0} products in {clock.Elapsed.TotalSeconds:0.0} s");

        var suggester = scope.ServiceProvider.GetRequiredService<ChainSuggester>();
        var report = await suggester.RunAsync();
        var rate = report.Enterprises / report.Duration.TotalSeconds;
        Console.WriteLine($"Suggester end to end: {report.Enterprises:N0} enterprises, {report.Suggestions:N0} suggestions in " +
            $"{report.Duration.TotalSeconds:0.0} s = {rate:N0} enterprises/s = {rate / segmentN:P0} of parallel segmentation alone");
        var again = await suggester.RunAsync();
        Console.WriteLine($"Second run (nothing new to propose): {again.Suggestions:N0} new in {again.Duration.TotalSeconds:0.0} s = " +
            $"{again.Enterprises / again.Duration.TotalSeconds:N0} enterprises/s");
    }
}
