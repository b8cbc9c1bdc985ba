using System.Diagnostics;
using Fip.Web.Data;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fip.IntegrationTests;

/// <summary>
/// Issue 19 "Speed": ranking capabilities for one need. N generated capabilities (<c>FIP_BENCH_CAPABILITIES</c>, 2,000 by default)
/// carry M enterprises' product texts between them (<c>FIP_BENCH_PRODUCTS</c>, 10 × N by default; the scale is 100,000 and
/// 1,000,000). Reports the full re-index (posts and characters per second) beside a baseline measured in the same run on the same
/// texts: jieba's search-mode segmentation alone, on as many threads as the index uses; then the latency of ranking 200 needs (after
/// 20 warm-up ones), p50 and p95. A benchmark, not a timed test: it asserts what is ranked (every planted capability in
/// the top 10 for its own need, first for at least 80 % of them, with the planted words among the reasons), never the times.
/// Figures and the command in docs/benchmarks.md.
/// </summary>
public class ScenarioRankingBenchmark(ITestOutputHelper output)
{
    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : fallback;

    private static readonly string[] Words =
    [
        "无人机", "自动机场", "图像识别", "巡检", "物流配送", "低空航线", "电池管理", "氢燃料电池", "储能系统", "激光雷达", "毫米波雷达",
        "工业机器人", "协作机器人", "视觉检测", "边缘计算", "算力调度", "大模型", "数字孪生", "智能网联", "车路协同", "高精度定位",
        "北斗导航", "传感器", "芯片封装", "碳纤维", "复合材料", "生物制造", "合成生物", "基因检测", "医疗影像", "远程诊断", "冷链监测",
    ];

    private static string Sentence(Random r, int words) =>
        string.Concat(Enumerable.Range(0, words).Select(_ => Words[r.Next(Words.Length)] + (r.Next(4) == 0 ? "，" : "")));

    [Fact]
    public async Task RankingANeed_AmongManyCapabilities_FindsThePlantedOnes_AndReportsThroughputAgainstJieba()
    {
        var capabilities = Math.Max(100, Env("FIP_BENCH_CAPABILITIES", 2_000));
        var products = Env("FIP_BENCH_PRODUCTS", capabilities * 10);
        var app = FipApp.For(DatabaseProvider.Sqlite);
        ChainMatcher matcher;
        using (var scope = app.Services.CreateScope())
            matcher = await scope.ServiceProvider.GetRequiredService<ChainMatcherCache>()
                .GetAsync(scope.ServiceProvider.GetRequiredService<FipDbContext>());

        // Capabilities with their share of the product texts; every 100th carries a planted code word its own need asks for.
        var random = new Random(19);
        var perCapability = Math.Max(1, products / capabilities);
        var posts = new List<IndexedPost>(capabilities);
        for (var i = 0; i < capabilities; i++)
        {
            var planted = i % 100 == 0 ? Planted(i) : "";
            var items = string.Join("、", Enumerable.Range(0, perCapability).Select(k => $"YZ-{i}-{k}型{Words[random.Next(Words.Length)]}"));
            posts.Add(new IndexedPost(i + 1, PostKind.Capability, 1 + random.Next(6), null, 1 + random.Next(7),
                "基准能力" + Sentence(random, 2), Sentence(random, 12) + planted, items, Sentence(random, 3)));
        }
        Assert.Contains(Code(700), matcher.SegmentForSearch(Planted(700))); // the code is one word, or nothing below means anything
        var texts = posts.Select(p => p.AllText).ToArray();
        var characters = texts.Sum(t => (long)t.Length);

        // Baseline: jieba alone on the same texts, as the index cuts them (all cores).
        var baseline = Stopwatch.StartNew();
        var segmented = new int[texts.Length];
        Parallel.For(0, texts.Length, i => segmented[i] = matcher.SegmentForSearch(texts[i]).Count);
        baseline.Stop();
        Assert.All(segmented, n => Assert.True(n > 0));

        var build = Stopwatch.StartNew();
        var index = ScenarioIndex.Build(posts, matcher.SegmentForSearch, matcher.Segment);
        build.Stop();
        Assert.Equal(capabilities, index.Count(PostKind.Capability));

        // Needs, each asking for one planted capability's code word among common words: it must come first.
        var needs = Enumerable.Range(0, 220).Select(k =>
        {
            var target = k * 100 % (capabilities / 100 * 100);
            return (Target: target + 1, Query: new IndexedPost(-k - 1, PostKind.Need, 1, null, 1, "基准需求",
                Sentence(random, 3) + Planted(target), null, null));
        }).ToList();
        var times = new List<double>();
        var first = 0;
        foreach (var (need, n) in needs.Select((x, n) => (x, n)))
        {
            var t = Stopwatch.StartNew();
            var ranked = index.Rank(need.Query, PostKind.Capability);
            t.Stop();
            if (n >= 20) times.Add(t.Elapsed.TotalMilliseconds);
            Assert.InRange(ranked.Count, 1, 10);
            var found = ranked.FirstOrDefault(r => r.Id == need.Target);
            Assert.True(found is not null, $"need {n}: capability {need.Target} not among the top {ranked.Count}");
            if (ranked[0].Id == need.Target) first++;
            Assert.Contains(found.Reasons.SharedTerms, w => w.Contains(Code(need.Target - 1), StringComparison.OrdinalIgnoreCase));
        }
        // The planted code is one rare word beside three common ones: a capability that happens to repeat all three common words
        // may outrank it, as BM25 should let it; most needs must still find their own capability first.
        Assert.True(first >= needs.Count * 8 / 10, $"{first} of {needs.Count} planted capabilities ranked first");
        times.Sort();
        double P(double q) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(q * times.Count) - 1)];
        var jieba = characters / baseline.Elapsed.TotalSeconds;
        var indexing = characters / build.Elapsed.TotalSeconds;
        output.WriteLine($"capabilities {capabilities:N0}, product texts {perCapability * capabilities:N0}, characters {characters:N0}, "
            + $"threads {Environment.ProcessorCount}");
        output.WriteLine($"baseline jieba CutForSearch: {baseline.Elapsed.TotalSeconds:F2} s, {jieba / 1e6:F2} M chars/s");
        output.WriteLine($"full re-index: {build.Elapsed.TotalSeconds:F2} s, {capabilities / build.Elapsed.TotalSeconds:N0} posts/s, "
            + $"{indexing / 1e6:F2} M chars/s = {100 * indexing / jieba:F0} % of jieba");
        output.WriteLine($"planted capability first for {first} of {needs.Count} needs, in the top 10 for all");
        output.WriteLine($"rank one need (200 after 20 warm-up): p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, max {times[^1]:F2} ms");
    }

    /// <summary>A model code per planted capability that no other text holds, like the product codes officials type (zq000700).</summary>
    private static string Code(int i) => "zq" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The planted words as a block of their own (jieba cuts between the commas), so need and capability cut them alike.</summary>
    private static string Planted(int i) => $"，{Code(i)}型专用平台，";
}
