using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Running;
using Fip.Policy;

// Policy parser throughput (docs/benchmarks.md). Run in Release:
//   FIP_POLICY_CORPUS=../shared/policies dotnet run -c Release --project bench/Fip.Policy.Benchmarks
// The corpus is every *.txt under FIP_POLICY_CORPUS (default: samples/policies of the repository).
// In-process: no generated project to build, which matters on a shared 2-core machine.
var summary = BenchmarkRunner.Run<PolicyParserBenchmarks>(DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance)));
var corpus = Corpus.Load();
Console.WriteLine();
Console.WriteLine($"Corpus: {corpus.Files.Count} files, {corpus.Bytes:N0} bytes (UTF-8), {corpus.Texts.Sum(t => t.Length):N0} " +
    $"characters, from {corpus.Directory}");
foreach (var report in summary.Reports)
{
    if (report.ResultStatistics is null) continue;
    var seconds = report.ResultStatistics.Mean / 1e9;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{report.BenchmarkCase.Descriptor.WorkloadMethod.Name,-14} {seconds * 1000,9:0.000} ms per corpus pass  " +
        $"{corpus.Bytes / seconds / 1_000_000,8:0.00} MB/s"));
}

/// <summary>The documents the benchmark reads, loaded once.</summary>
public sealed record Corpus(string Directory, IReadOnlyList<string> Files, IReadOnlyList<byte[]> Raw, IReadOnlyList<string> Texts,
    long Bytes)
{
    public static Corpus Load()
    {
        var dir = Environment.GetEnvironmentVariable("FIP_POLICY_CORPUS") ?? FindSamples();
        var files = System.IO.Directory.GetFiles(dir, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"No .txt files under {dir}.");
        var raw = files.Select(File.ReadAllBytes).ToList();
        var texts = raw.Select(b => PolicyFileReader.DecodeText(b)).ToList();
        return new Corpus(Path.GetFullPath(dir), files, raw, texts, raw.Sum(b => (long)b.Length));
    }

    private static string FindSamples()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !System.IO.Directory.Exists(Path.Combine(d.FullName, "samples", "policies"))) d = d.Parent;
        return d is null
            ? throw new InvalidOperationException("Set FIP_POLICY_CORPUS to a folder of policy .txt files.")
            : Path.Combine(d.FullName, "samples", "policies");
    }
}

/// <summary>
/// One pass over the whole corpus per operation. Baselines in the same run: decoding the bytes (what any reader
/// must do) and one plain regex pass over the text (figures with units and bracketed notes), so the parser's figure
/// is also a ratio that carries between machines.
/// </summary>
[MemoryDiagnoser]
public partial class PolicyParserBenchmarks
{
    private Corpus _corpus = null!;
    private readonly PolicyParser _parser = new();
    private readonly PolicyParser _rules = new(null, TrackModel.RulesOnly);

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Corpus.Load();
        _parser.Parse(_corpus.Texts[0]); // warm: vocabulary and model loaded, regexes compiled
        _rules.Parse(_corpus.Texts[0]);
    }

    [Benchmark(Baseline = true)]
    public int Decode()
    {
        var n = 0;
        foreach (var b in _corpus.Raw) n += PolicyFileReader.DecodeText(b).Length;
        return n;
    }

    [Benchmark]
    public int RegexPass()
    {
        var n = 0;
        foreach (var t in _corpus.Texts) n += Plain().Count(t);
        return n;
    }

    [Benchmark]
    public int Parse() => ParseAll(_parser);

    /// <summary>The parser without the learned track reader (the rules' tracks): what the learned phase costs, in one run.</summary>
    [Benchmark]
    public int ParseRulesOnly() => ParseAll(_rules);

    private int ParseAll(PolicyParser parser)
    {
        var n = 0;
        foreach (var t in _corpus.Texts)
        {
            var d = parser.Parse(t);
            n += d.Outline.Count + d.Targets.Count + d.Responsibilities.Count + d.Tracks.Count;
        }
        return n;
    }

    [GeneratedRegex(@"\d+(?:\.\d+)?(?:个|家|项|%|亿元|万元)|〔[^〕]*〕|（[^（）]*负责）", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
