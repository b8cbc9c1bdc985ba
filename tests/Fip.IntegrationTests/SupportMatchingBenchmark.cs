using System.Diagnostics;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fip.IntegrationTests;

/// <summary>
/// A full matching pass: 20 policies (the 4 seeded and 16 variants) against N generated enterprises with 3 years of figures
/// (<c>FIP_BENCH_ENTERPRISES</c>, 20,000 by default), on a database of its own. Checks the counts against the generator and reports
/// enterprises per second for the full pass, a same-run baseline (a plain query streaming the same enterprise and figure rows, no
/// evaluation), the milliseconds of one enterprise's re-evaluation (the 政策计算器's path after its data changed), and of the kept
/// table's patch after one enterprise's change (the 免申即享 lists' path), and a patch of 1 % of the enterprises. Figures in
/// docs/benchmarks.md. A benchmark, not a timed test: it asserts the counts (and that the patches are patches), never the times.
/// </summary>
public class SupportMatchingBenchmark(ITestOutputHelper output)
{
    private static readonly int Enterprises =
        int.TryParse(Environment.GetEnvironmentVariable("FIP_BENCH_ENTERPRISES"), out var n) && n > 0 ? n : 20_000;

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task FullPass_TwentyPolicies_CountsRight_AndReportsThroughput(DatabaseProvider provider)
    {
        using var app = FipApp.Start(provider);
        var year = DateTime.UtcNow.Year - 1;
        var districtId = app.Use(d => d.Districts.First(x => x.Name == "邗江区").Id);
        var generate = Stopwatch.StartNew();
        var expected = await GenerateAsync(app, districtId, year);
        generate.Stop();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            using (db.SuppressRowAudit())
            {
                var seeded = await db.Set<SupportPolicy>().AsNoTracking().Where(p => p.Code.Length < 30).OrderBy(p => p.Id).Take(4)
                    .ToListAsync();
                for (var k = 0; k < 16; k++)
                    db.Add(new SupportPolicy { Code = $"bench-{k}", Name = $"基准政策{k}", Rule = seeded[k % seeded.Count].Rule });
                await db.SaveChangesAsync();
            }
        }

        using var run = app.Services.CreateScope();
        var matcher = run.ServiceProvider.GetRequiredService<PolicyMatcher>();
        var voucher = app.Use(d => d.Set<SupportPolicy>().Single(p => p.Code == SupportSeeder.Voucher).Id);
        var clock = Stopwatch.StartNew();
        var table = await matcher.EvaluateAllAsync(null, CancellationToken.None);
        clock.Stop();
        var peakAfterFullPass = PeakRss();
        var total = table.Enterprises;
        Assert.True(total >= Enterprises);
        // The generated enterprises that meet it (others in the database may too).
        var eligibleGenerated = app.Use(d => d.Enterprises.Where(e => e.CreditCode.StartsWith("B")).Select(e => e.Id).ToList()).ToHashSet();
        Assert.Equal(expected, table.Eligible[voucher].Count(eligibleGenerated.Contains));
        var perSecond = total / clock.Elapsed.TotalSeconds;

        // Before: the same facts as one record each, every rule walked by the evaluator that explains it (how the full pass ran until
        // the rules were compiled), after the same read. Its lists must be the compiled pass's. In a function of its own, so its
        // records (gigabytes at 1,000,000 enterprises) are garbage before the timed paths below, collected outside their clocks: an
        // async method keeps its locals reachable to its end, and every collection meanwhile walked them.
        async Task<Stopwatch> BeforeAsync()
        {
            var reference = Stopwatch.StartNew();
            var columns = await FactColumns.LoadAsync(run.ServiceProvider.GetRequiredService<FipDbContext>(), null, matcher.FiguresYear,
                matcher.Today, CancellationToken.None);
            var records = Enumerable.Range(0, columns.Count).Select(columns.At).ToList();
            foreach (var policy in await matcher.PoliciesAsync(false, CancellationToken.None))
            {
                var rule = RuleNode.Parse(policy.Rule)!;
                var verdicts = records
                    .Select(f => (f.EnterpriseId, Outcome: RuleEvaluator.Evaluate(rule, f, matcher.FiguresYear, matcher.Today))).ToList();
                Assert.Equal(verdicts.Where(v => v.Outcome.Met).Select(v => v.EnterpriseId), table.Eligible[policy.Id]);
                Assert.Equal(verdicts.Where(v => v.Outcome.NearlyMet).Select(v => v.EnterpriseId), table.Nearly[policy.Id]);
            }
            reference.Stop();
            return reference;
        }
        var reference = await BeforeAsync();
        var peakAfterBefore = PeakRss();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // Baseline: the same rows (enterprises and last year's figures) streamed by plain queries, nothing evaluated.
        var baseline = Stopwatch.StartNew();
        long rows = 0;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await foreach (var _ in db.Enterprises.AsNoTracking().Where(e => !e.IsDeleted)
                               .Select(e => new { e.Id, e.DistrictId, e.FoundedOn, e.Employees }).AsAsyncEnumerable()) rows++;
            await foreach (var _ in db.EnterpriseIndicators.AsNoTracking().Where(i => i.Year == year)
                               .Select(i => new
                               {
                                   i.EnterpriseId,
                                   i.Revenue,
                                   i.RdExpense,
                                   i.Employees,
                                   i.InventionPatents
                               }).AsAsyncEnumerable()) rows++;
        }
        baseline.Stop();

        // One enterprise's re-evaluation after its figures changed: load its facts and evaluate every published policy.
        var one = app.Use(d => d.Enterprises.Where(e => e.CreditCode.StartsWith("B")).OrderBy(e => e.Id).Select(e => e.Id).First());
        // Its R&D figure alternates between 2 % and 5 % of revenue: 科技创新券 flips with it.
        void Flip(int k) => app.Use(d =>
        {
            var f = d.EnterpriseIndicators.Single(i => i.EnterpriseId == one && i.Year == year);
            f.RdExpense = k % 2 == 0 ? 160m : 400m;
            return d.Save();
        });
        var times = new List<double>();
        for (var k = 0; k < 21; k++)
        {
            Flip(k);
            using var scope = app.Services.CreateScope();
            var m = scope.ServiceProvider.GetRequiredService<PolicyMatcher>();
            var t = Stopwatch.StartNew();
            var verdicts = await m.ForEnterpriseAsync(one, CancellationToken.None);
            t.Stop();
            Assert.Equal(k % 2 == 1, verdicts.Single(v => v.Policy.Id == voucher).Outcome.Met);
            if (k > 0) times.Add(t.Elapsed.TotalMilliseconds);
        }
        times.Sort();

        // The kept table (免申即享 lists, statistics): its first read is a full pass; after one enterprise's change the next read
        // patches that enterprise in (the journal read, its facts by id, every policy evaluated, the lists it flips rebuilt).
        var keeper = app.Services.GetRequiredService<MatchKeeper>();
        keeper.Forget();
        var keptFull = Stopwatch.StartNew();
        await app.WithAsync<PolicyMatcher, MatchTable>(m => m.AllAsync(CancellationToken.None));
        keptFull.Stop();
        var patches = new List<double>();
        for (var k = 0; k < 21; k++)
        {
            Flip(k);
            var t = Stopwatch.StartNew();
            var kept = await app.WithAsync<PolicyMatcher, MatchTable>(m => m.AllAsync(CancellationToken.None));
            t.Stop();
            Assert.Equal(k % 2 == 1, kept.Eligible[voucher].Contains(one));
            if (k > 0) patches.Add(t.Elapsed.TotalMilliseconds);
        }
        patches.Sort();
        var fullPasses = keeper.FullPasses;

        // A patch of 1 % of the enterprises at once (one save), for the threshold above which a full pass replaces it.
        var many = app.Use(d => d.Enterprises.Where(e => e.CreditCode.StartsWith("B")).OrderBy(e => e.Id).Select(e => e.Id)
            .Take(Math.Max(1, Enterprises / 100)).ToList());
        app.Use(d =>
        {
            foreach (var f in d.EnterpriseIndicators.Where(i => many.Contains(i.EnterpriseId) && i.Year == year)) f.Employees = 101;
            return d.Save();
        });
        var bulk = Stopwatch.StartNew();
        await app.WithAsync<PolicyMatcher, MatchTable>(m => m.AllAsync(CancellationToken.None));
        bulk.Stop();
        Assert.Equal(fullPasses, keeper.FullPasses); // patched, not computed again

        output.WriteLine(
            $"{provider}: {Enterprises} enterprises generated in {generate.ElapsedMilliseconds} ms; "
            + $"{table.Eligible.Count} policies × {total} enterprises in {clock.ElapsedMilliseconds} ms"
            + $" = {perSecond:0} enterprises/s; before (records, the explaining evaluator) {reference.ElapsedMilliseconds} ms"
            + $" = {total / reference.Elapsed.TotalSeconds:0} enterprises/s;"
            + $" baseline {rows} rows streamed in {baseline.ElapsedMilliseconds} ms"
            + $" = {total / baseline.Elapsed.TotalSeconds:0} enterprises/s; one enterprise re-evaluated in"
            + $" median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms; kept table: first read (full pass)"
            + $" {keptFull.ElapsedMilliseconds} ms, patch after one enterprise's change median {patches[patches.Count / 2]:0.0} ms,"
            + $" max {patches[^1]:0.0} ms; patch of {many.Count} enterprises {bulk.ElapsedMilliseconds} ms"
            + $" = {many.Count / bulk.Elapsed.TotalSeconds:0} enterprises/s");

        // Patches of more enterprises (N / 20, N / 10, N / 4, N / 2), what the full-pass threshold is weighed against: each group's R&D
        // figure raised to 5 % (科技创新券 flips for two in three of them) by commits of at most RegistryChange.MaxIdsPerCommit
        // enterprises (a larger commit journals "everything"), then one read of the kept table timed: a patch up to
        // PolicyMatcher.FullPassAbove changed enterprises, a full pass above.
        var generated = app.Use(d => d.Enterprises.Where(e => e.CreditCode.StartsWith("B")).OrderBy(e => e.Id).Select(e => e.Id).ToList());
        var offset = many.Count;
        foreach (var size in new[] { Enterprises / 20, Enterprises / 10, Enterprises / 4, Enterprises / 2 }.Where(s => s > many.Count))
        {
            var group = generated.Skip(offset).Take(size).ToList();
            offset += group.Count;
            await RaiseRdAsync(app, group, year);
            var passesBefore = keeper.FullPasses;
            var t = Stopwatch.StartNew();
            var kept = await app.WithAsync<PolicyMatcher, MatchTable>(m => m.AllAsync(CancellationToken.None));
            t.Stop();
            var full = keeper.FullPasses > passesBefore;
            Assert.Equal(group.Count > PolicyMatcher.FullPassAbove(total, provider == DatabaseProvider.Sqlite), full);
            Assert.True(group.All(id => Array.BinarySearch(kept.Eligible[voucher], id) >= 0));
            output.WriteLine($"{provider}: {(full ? "full pass after" : "patch of")} {group.Count} enterprises {t.ElapsedMilliseconds} ms"
                + $" = {group.Count / t.Elapsed.TotalSeconds:0} enterprises/s");
        }
        output.WriteLine($"{provider}: peak RSS of the test process after the generator and the full pass {peakAfterFullPass},"
            + $" after \"before\" (its records) {peakAfterBefore}, at the end {PeakRss()}");
    }

    /// <summary>
    /// Writes the <see cref="Enterprises"/> enterprises, each with 3 years of figures (the last one <paramref name="year"/>), and
    /// returns how many meet 科技创新券: every third spends 5 % of revenue on R&amp;D, the others 2 %. Written as an import writes
    /// new enterprises (<see cref="RowWriter"/>: keys reserved in bulk, a thousand rows a statement on SQLite, binary COPY on
    /// PostgreSQL), 50,000 enterprises a transaction, each commit moving the registries' stamp with its enterprises in the journal;
    /// no audit lines (as the save under <c>SuppressRowAudit</c> this replaced) and no name bigrams (matching never reads them).
    /// The save per 5,000 enterprises this replaced wrote under 2,000 enterprises/s (the whole PostgreSQL test took 15 s at 20,000,
    /// 3 s of it the timed paths, load 8): ten minutes or more per database at 1,000,000.
    /// </summary>
    private static async Task<int> GenerateAsync(FipApp app, int districtId, int year)
    {
        const int Chunk = 50_000;
        var expected = 0;
        for (var from = 0; from < Enterprises; from += Chunk)
        {
            var count = Math.Min(Chunk, Enterprises - from);
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var keys = await RowWriter.ReserveKeysAsync<Enterprise>(db, count, CancellationToken.None);
            var now = DateTime.UtcNow;
            var enterprises = new List<Enterprise>(count);
            var figures = new List<EnterpriseIndicator>(count * 3);
            for (var k = 0; k < count; k++)
            {
                var i = from + k;
                var meets = i % 3 == 0;
                if (meets) expected++;
                enterprises.Add(new Enterprise
                {
                    Id = keys[k],
                    CreditCode = "B" + i.ToString("D17", System.Globalization.CultureInfo.InvariantCulture),
                    Name = "基准企业" + i,
                    DistrictId = districtId,
                    Employees = 100,
                    IsDemo = true,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                for (var y = year - 2; y <= year; y++)
                    figures.Add(new EnterpriseIndicator
                    {
                        EnterpriseId = keys[k],
                        Year = y,
                        Revenue = 8000m,
                        RdExpense = meets ? 400m : 160m,
                        Employees = 100
                    });
            }
            await RowWriter.InsertAsync(db, enterprises, CancellationToken.None, withKeys: true);
            await RowWriter.InsertAsync(db, figures, CancellationToken.None);
            await ChangeStamp.MarkAsync(db, ChangeStamp.Registries, CancellationToken.None);
            RegistryJournal.Note(db, keys);
            await transaction.CommitAsync();
        }
        return expected;
    }

    /// <summary>Raises the enterprises' last-year R&amp;D figure to 5 % of revenue, by commits of at most
    /// <see cref="RegistryChange.MaxIdsPerCommit"/> enterprises, each one set-based statement that journals its enterprises.</summary>
    private static async Task RaiseRdAsync(FipApp app, List<int> ids, int year)
    {
        foreach (var chunk in ids.Chunk(RegistryChange.MaxIdsPerCommit))
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.EnterpriseIndicators.Where(i => EF.Parameter(chunk).Contains(i.EnterpriseId) && i.Year == year)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.RdExpense, 400m));
            await ChangeStamp.MarkAsync(db, ChangeStamp.Registries, CancellationToken.None);
            RegistryJournal.Note(db, chunk);
            await transaction.CommitAsync();
        }
    }

    /// <summary>The test process's peak resident set so far (Linux: VmHWM), for the memory of a full pass at this N.</summary>
    private static string PeakRss() => File.Exists("/proc/self/status")
        ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?[6..].Trim() ?? "?"
        : "unknown";
}
