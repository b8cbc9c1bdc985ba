using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Demo;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Registry import and list benchmark (docs/benchmarks.md). Not a test: run it by hand, in Release:
// dotnet run -c Release --project bench/Fip.Benchmarks -- --enterprises 1000000 [--provider postgres --pg
// "Host=127.0.0.1;Port=55432;Username=postgres"]
//     enterprises: bulk-insert baseline, CSV and XLSX import (--skip-xlsx, --skip-csv); their yearly figures, a CSV file a year, against
//     their own bulk-insert baseline (--skip-indicators); then the list latency (--list-only: the baseline and the list alone).
//     Every import is also put against the raw load of the same CSV in the same run (sqlite3 .import / COPY into a bare
//     table); --skip-baseline leaves out the EF Core baseline (with --skip-indicators), --libreoffice times LibreOffice
//     converting the XLSX to CSV.
//   --files-only DIR: only writes the generated enterprises.csv and .xlsx to DIR (for `fip import`, memory measurements), and on
//     SQLite the fresh migrated and seeded database empty.db to import them into.
//   dotnet run -c Release --project bench/Fip.Benchmarks -- --chains --enterprises 100000     (chain-link suggestions)
//   dotnet run -c Release --project bench/Fip.Benchmarks -- --supervision --tasks 10           (督办: 10 × 10 annual tasks per programme)
//   dotnet run -c Release --project bench/Fip.Benchmarks -- --scenarios --enterprises 100000  (场景对接: ranking and re-index)
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "", StringComparer.Ordinal);
var count = int.Parse(options.GetValueOrDefault("enterprises", "100000"), CultureInfo.InvariantCulture);
var provider = options.GetValueOrDefault("provider", "sqlite") == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var work = Directory.CreateTempSubdirectory("fip-bench-").FullName;
var admin =
    new ClaimsPrincipal(
        new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Admin), new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.NameIdentifier, "bench")],
            "bench"));
Console.WriteLine($"# {count:N0} enterprises on {provider}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

async Task<ServiceProvider> FreshDatabaseAsync(string name)
{
    string connection;
    if (provider == DatabaseProvider.Sqlite) connection = $"Data Source={Path.Combine(work, name + ".db")}";
    else
    {
        var server = options["pg"];
        await using (var c = new NpgsqlConnection(server + ";Database=postgres"))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS bench_{name}", c).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE bench_{name}", c).ExecuteNonQueryAsync();
        }
        connection = server + $";Database=bench_{name}";
    }
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = provider.ToString(),
        ["Database:ConnectionString"] = connection,
        ["FIP_ADMIN_PASSWORD"] = "Bench-Admin-2024!",
    }).Build();
    var services = new ServiceCollection();
    services.AddSingleton<IConfiguration>(configuration);
    // Only where each import's commit spends its time (Fip.Import).
    services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.None)
        .AddFilter("Fip.Import", LogLevel.Information));
    services.AddFipCore(configuration);
    services.AddScoped<IAuditActor>(_ => new SystemAuditActor("bench"));
    services.AddHttpContextAccessor();
    var sp = services.BuildServiceProvider();
    await using var scope = sp.CreateAsyncScope();
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<FipDbContext>());
    await scope.ServiceProvider.GetRequiredService<StartupSeeder>().SeedAsync(demo: false);
    return sp;
}

// --chains: chain-link suggestions (docs/benchmarks.md, 产业链图谱) instead of the import and list benchmark.
if (options.ContainsKey("chains"))
{
    await ChainsBenchmark.RunAsync(count, await FreshDatabaseAsync("chains"));
    Directory.Delete(work, recursive: true);
    return;
}

// --scenarios: scenario matching (docs/benchmarks.md, 场景对接) over --enterprises capabilities.
if (options.ContainsKey("scenarios"))
{
    await ScenariosBenchmark.RunAsync(count, await FreshDatabaseAsync("scenarios"), admin);
    Directory.Delete(work, recursive: true);
    return;
}

// --supervision: the supervision tree and its reports (docs/benchmarks.md, 督办) instead of the import and list benchmark.
if (options.ContainsKey("supervision"))
{
    await SupervisionBenchmark.RunAsync(int.Parse(options.GetValueOrDefault("tasks", "10"), CultureInfo.InvariantCulture),
        await FreshDatabaseAsync("supervision"));
    Directory.Delete(work, recursive: true);
    return;
}

// The yearly figures (3 years for most enterprises): their own baseline and import, unless --skip-indicators.
var withIndicators = !options.ContainsKey("skip-indicators") && !options.ContainsKey("list-only");
var indicatorFiles = new List<string>();
var indicatorRows = 0;

// The same generated enterprises for every run.
var baseProvider = await FreshDatabaseAsync("files");
DemoDataSpec spec;
IReadOnlyList<string> headers;
await using (var scope = baseProvider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
    var districts = await db.Districts.AsNoTracking().ToListAsync();
    var tracks = await db.Tracks.AsNoTracking().ToListAsync();
    spec = new DemoDataSpec(count, 42, [.. districts.Select(d => new DemoDistrict(d.ShortName, d.Code))],
        [.. tracks.Select(t => new DemoTrack(t.Code, t.Name, [t.Name + "技术研发", "技术服务"]))]);
    headers = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!.Headers;
    var trackName = tracks.ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal);
    IEnumerable<IReadOnlyList<string?>> Rows() => DemoDataGenerator.Enterprises(spec).Select(e => (IReadOnlyList<string?>)
    [
        e.CreditCode, e.Name, e.ShortName, e.District, string.Join("、", e.TrackCodes.Select(c => trackName[c])),
        string.Join("、", e.Qualifications.Select(q => $"{Labels.Header($"Enum.QualificationKind.{q.Kind}")}({q.Year})")),
        e.Address, e.FoundedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.RegisteredCapital.ToString(CultureInfo.InvariantCulture),
        e.Employees.ToString(CultureInfo.InvariantCulture), e.BusinessScope, e.ContactPerson, e.ContactPhone,
    ]);
    var clock = Stopwatch.StartNew();
    await using (var csv = File.Create(Path.Combine(work, "enterprises.csv")))
        await TabularWriter.WriteCsvAsync(csv, headers, Rows().ToAsyncEnumerable());
    await using (var xlsx = File.Create(Path.Combine(work, "enterprises.xlsx")))
        await TabularWriter.WriteXlsxAsync(xlsx, new Fip.Web.Infrastructure.SheetLayout("企业库", "企业名单"), headers, Rows());
    Console.WriteLine($"Files written in {clock.Elapsed.TotalSeconds:0.0} s: csv " +
        $"{new FileInfo(Path.Combine(work, "enterprises.csv")).Length / 1048576.0:0.0} MB, xlsx " +
        $"{new FileInfo(Path.Combine(work, "enterprises.xlsx")).Length / 1048576.0:0.0} MB");

    // --files-only DIR: the generated files are copied to DIR (for `fip import` and memory measurements) and the run ends.
    if (options.TryGetValue("files-only", out var keep))
    {
        Directory.CreateDirectory(keep);
        foreach (var name in new[] { "enterprises.csv", "enterprises.xlsx" })
            File.Copy(Path.Combine(work, name), Path.Combine(keep, name), overwrite: true);
        // On SQLite also the fresh migrated and seeded database the files were made against (empty.db), to import them into.
        if (provider == DatabaseProvider.Sqlite)
        {
            var empty = Path.Combine(Path.GetFullPath(keep), "empty.db");
            File.Delete(empty);
            await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", [empty]);
        }
        Directory.Delete(work, recursive: true);
        return;
    }

    // The yearly figures as officials send them: one file a year (each under the 1,000,000-row limit of one file).
    if (withIndicators)
    {
        clock.Restart();
        var indicatorHeaders = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().Importer(IndicatorImport.Name)!.Headers;
        static string Money(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        for (var year = spec.FirstYear; year <= spec.LastYear; year++)
        {
            var y = year;
            var rows = DemoDataGenerator.Enterprises(spec)
                .SelectMany(e => e.Indicators.Where(i => i.Year == y).Select(i => (IReadOnlyList<string?>)
            [
                e.CreditCode, i.Year.ToString(CultureInfo.InvariantCulture), Money(i.Revenue), Money(i.RdExpense), Money(i.OutputValue),
                Money(i.Tax),
                i.Employees.ToString(CultureInfo.InvariantCulture), i.InventionPatents.ToString(CultureInfo.InvariantCulture),
            ]));
            var name = Path.Combine(work, $"indicators-{y}.csv");
            await using (var csv = File.Create(name)) await TabularWriter.WriteCsvAsync(csv, indicatorHeaders, rows.ToAsyncEnumerable());
            indicatorFiles.Add(Path.GetFileName(name));
        }
        indicatorRows = DemoDataGenerator.Enterprises(spec).Sum(e => e.Indicators.Count);
        Console.WriteLine($"Yearly figures: {indicatorRows:N0} rows in {indicatorFiles.Count} files " +
            $"({string.Join(", ", indicatorFiles)}), written in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}

// The physical limit, measured in this run: the same CSV file loaded raw into a bare table by the database's own loader
// (SQLite: the sqlite3 shell's .import; PostgreSQL: COPY … FROM STDIN (FORMAT csv)), no parsing, no checks, no index.
// It is run --raw-runs times (3) and the fastest is the yardstick: one run's own spread (2.3–5.7 s for COPY on a quiet machine)
// is larger than the differences being measured.
double rawRate;
{
    var csvPath = Path.Combine(work, "enterprises.csv");
    var clock = Stopwatch.StartNew();
    var rawTimes = new List<double>();
    for (var run = 0; run < int.Parse(options.GetValueOrDefault("raw-runs", "3"), CultureInfo.InvariantCulture); run++)
    {
        clock.Restart();
        if (provider == DatabaseProvider.Sqlite)
        {
            File.Delete(Path.Combine(work, "raw.db"));
            var start = new ProcessStartInfo("sqlite3", [Path.Combine(work, "raw.db")])
            { RedirectStandardInput = true, RedirectStandardError = true };
            using var sqlite = Process.Start(start)!;
            await sqlite.StandardInput.WriteLineAsync($".mode csv\n.import '{csvPath}' bare\n.quit");
            sqlite.StandardInput.Close();
            await sqlite.WaitForExitAsync();
            if (sqlite.ExitCode != 0)
                throw new InvalidOperationException("sqlite3 .import failed: " + await sqlite.StandardError.ReadToEndAsync());
        }
        else
        {
            await using var c = new NpgsqlConnection(options["pg"] + ";Database=postgres");
            await c.OpenAsync();
            await new NpgsqlCommand("DROP TABLE IF EXISTS bench_raw", c).ExecuteNonQueryAsync();
            await new NpgsqlCommand("CREATE TABLE bench_raw (" + string.Join(", ", headers.Select((_, i) => $"c{i} text")) + ")", c)
                .ExecuteNonQueryAsync();
            clock.Restart();
            await using (var writer = await c.BeginTextImportAsync("COPY bench_raw FROM STDIN (FORMAT csv, HEADER true)"))
            using (var reader = new StreamReader(csvPath))
            {
                var buffer = new char[1 << 16];
                int n;
                while ((n = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, n);
            }
        }
        rawTimes.Add(clock.Elapsed.TotalSeconds);
    }
    if (provider == DatabaseProvider.Postgres)
    {
        await using var c = new NpgsqlConnection(options["pg"] + ";Database=postgres");
        await c.OpenAsync();
        await new NpgsqlCommand("DROP TABLE bench_raw", c).ExecuteNonQueryAsync();
    }
    rawRate = count / rawTimes.Min();
    Console.WriteLine($"Raw load of the CSV into a bare table ({(provider == DatabaseProvider.Sqlite ? "sqlite3 .import" : "COPY")}): " +
        $"{string.Join(", ", rawTimes.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s; the fastest, " +
        $"{rawTimes.Min():0.00} s, {rawRate:N0} rows/s, is the yardstick");
    if (options.ContainsKey("libreoffice"))
    {
        // The XLSX reading yardstick: LibreOffice converting the same file to CSV.
        clock.Restart();
        var start = new ProcessStartInfo("libreoffice",
            ["--headless", "--convert-to", "csv", "--outdir", Path.Combine(work, "lo"), Path.Combine(work, "enterprises.xlsx")])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var office = Process.Start(start)!;
        await office.WaitForExitAsync();
        Console.WriteLine($"LibreOffice converting the XLSX to CSV: {clock.Elapsed.TotalSeconds:0.0} s (exit {office.ExitCode})");
    }
}

// --list-only: the list latency on the baseline's million rows, without the imports.
ServiceProvider? baselineDb = null;

// Baseline: a plain bulk insert of the same rows (EF Core, batches of 1,000, no parsing, no checks, no audit).
double baselineRate = double.NaN;
var skipBaseline = options.ContainsKey("skip-baseline");
if (skipBaseline && withIndicators) throw new ArgumentException("--skip-baseline needs --skip-indicators.");
baselineDb = await FreshDatabaseAsync("baseline");
if (!skipBaseline)
    await using (var scope = baselineDb.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var districtId =
            (await db.Districts.AsNoTracking().ToListAsync()).ToDictionary(d => d.ShortName, d => d.Id, StringComparer.Ordinal);
        var trackId = (await db.Tracks.AsNoTracking().ToListAsync()).ToDictionary(t => t.Code, t => t.Id, StringComparer.Ordinal);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var rowAuditSuppressed = db.SuppressRowAudit();
        var clock = Stopwatch.StartNew();
        var saving = new Stopwatch();
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var chunk in DemoDataGenerator.Enterprises(spec).Chunk(1000))
        {
            foreach (var e in chunk)
            {
                db.Enterprises.Add(DemoDataLoader.NewEnterprise(e, districtId, trackId));
            }
            saving.Start();
            await db.SaveChangesAsync();
            saving.Stop();
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync();
        Console.WriteLine($"  (of which SaveChanges {saving.Elapsed.TotalSeconds:0.0} s)");
        baselineRate = count / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Baseline bulk insert: {clock.Elapsed.TotalSeconds:0.0} s, {baselineRate:N0} rows/s");
    }

// Baseline of the yearly figures: a plain bulk insert of the same rows into the database holding the same enterprises.
double indicatorBaselineRate = 0;
if (withIndicators)
{
    await using var scope = baselineDb.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
    var ids = await db.Enterprises.AsNoTracking().ToDictionaryAsync(e => e.CreditCode, e => e.Id, StringComparer.Ordinal);
    // In the files' order, a year at a time; generated before the clock starts.
    var byEnterprise = DemoDataGenerator.Enterprises(spec).Select(e => (e.CreditCode, e.Indicators)).ToList();
    var rows = Enumerable.Range(spec.FirstYear, spec.LastYear - spec.FirstYear + 1)
        .SelectMany(year => byEnterprise.SelectMany(e => e.Indicators.Where(i => i.Year == year).Select(i => (e.CreditCode, i)))).ToList();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    using var rowAuditSuppressed = db.SuppressRowAudit();
    var clock = Stopwatch.StartNew();
    await using var tx = await db.Database.BeginTransactionAsync();
    foreach (var chunk in rows.Chunk(1000))
    {
        db.EnterpriseIndicators.AddRange(chunk.Select(x => new EnterpriseIndicator
        {
            EnterpriseId = ids[x.CreditCode],
            Year = x.i.Year,
            Revenue = x.i.Revenue,
            RdExpense = x.i.RdExpense,
            OutputValue = x.i.OutputValue,
            Tax = x.i.Tax,
            Employees = x.i.Employees,
            InventionPatents = x.i.InventionPatents,
        }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
    await tx.CommitAsync();
    indicatorBaselineRate = indicatorRows / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"Baseline bulk insert of the yearly figures: {clock.Elapsed.TotalSeconds:0.0} s, {indicatorBaselineRate:N0} rows/s");
}

// One file read, checked and committed as `fip import` does it; the times of each step.
async Task<(int Rows, int Added, TimeSpan Read, TimeSpan Check, TimeSpan Commit)> TimedImportAsync(IImporter importer, string file)
{
    var clock = Stopwatch.StartNew();
    TabularFile table;
    await using (var stream = File.OpenRead(Path.Combine(work, file))) table = TabularReader.Read(stream, file,
        new ReadLimits(MaxBytes: 2L * 1024 * 1024 * 1024, MaxUncompressedBytes: 8L << 30)); // as `fip import` reads
    var read = clock.Elapsed;
    var check = await importer.CheckImportAsync(table, admin, false, null, CancellationToken.None);
    if (!check.CanCommit)
        throw new InvalidOperationException(
            "Refused: " + string.Join("; ", check.FileProblems.Concat(check.Problems.Take(5).Select(p => p.Reason))));
    var checkedAt = clock.Elapsed;
    var outcome = await importer.CommitImportAsync(check, admin, null, CancellationToken.None);
    table.Dispose(); // a large file's rows are in a temporary file
    return (table.Rows.Count, outcome.Added, read, checkedAt - read, clock.Elapsed - checkedAt);
}

async Task<(double Rate, ServiceProvider Provider)> ImportAsync(string file)
{
    var sp = await FreshDatabaseAsync("import_" + Path.GetExtension(file).TrimStart('.'));
    await using var scope = sp.CreateAsyncScope();
    var (_, added, read, check,
        commit) = await TimedImportAsync(scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!, file);
    var rate = count / (read + check + commit).TotalSeconds;
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"Import {file}: read {read.TotalSeconds:0.0} s, check {check.TotalSeconds:0.0} s, commit " +
        $"{commit.TotalSeconds:0.0} s; {added:N0} added; {rate:N0} rows/s = {rate / rawRate:P1} of the raw load, " +
        $"{rate / baselineRate:P0} of the EF baseline; peak RSS of the process so far {self.PeakWorkingSet64 / 1048576.0:N0} MB");
    return (rate, sp);
}

var listOnly = options.ContainsKey("list-only");
// --skip-csv: the XLSX import alone, which then takes the CSV import's place for the yearly figures and the list.
var skipCsv = options.ContainsKey("skip-csv");
var (csvRate, csvDb) = listOnly ? (0.0, baselineDb) : await ImportAsync(skipCsv ? "enterprises.xlsx" : "enterprises.csv");

// The yearly figures, a file a year, into the database the enterprises were imported into: each file checked and committed as a user would.
if (withIndicators)
{
    var total = TimeSpan.Zero;
    var added = 0;
    foreach (var file in indicatorFiles)
    {
        await using var scope = csvDb.CreateAsyncScope();
        var (rows, fileAdded, read, check,
            commit) = await TimedImportAsync(scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().Importer(IndicatorImport.Name)!,
            file);
        var elapsed = read + check + commit;
        total += elapsed;
        added += fileAdded;
        Console.WriteLine($"Import {file}: {rows:N0} rows, read {read.TotalSeconds:0.0} s, check {check.TotalSeconds:0.0} s, commit " +
            $"{commit.TotalSeconds:0.0} s; {fileAdded:N0} added; {rows / elapsed.TotalSeconds:N0} rows/s");
    }
    var rate = indicatorRows / total.TotalSeconds;
    Console.WriteLine($"Import of the yearly figures: {added:N0} rows in {total.TotalSeconds:0.0} s, {rate:N0} rows/s = " +
        $"{rate / indicatorBaselineRate:P0} of their baseline");
}
if (!listOnly) await baselineDb.DisposeAsync();
if (!listOnly && !skipCsv && !options.ContainsKey("skip-xlsx")) (await ImportAsync("enterprises.xlsx")).Provider.Dispose();

// List latency: district + track + name substring, as the list page asks it (count up to 1,000 + one page of 25,
// formatted) and as the API does (exact count), the same 200 filters each.
await using (var scope = csvDb.CreateAsyncScope())
{
    var ops = scope.ServiceProvider.GetRequiredService<RegistryOpsFactory>().For("enterprises")!;
    var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
    var districts = await db.Districts.Select(d => d.Id).ToListAsync();
    var tracks = await db.Tracks.Select(t => t.Id).ToListAsync();
    var words = new[] { "航空", "科技", "星辰", "华创", "新材料", "能源", "智能", "生物", "数字", "恒远" };
    foreach (var (label, countLimit) in new[] { ("list page, count up to 1,000", (int?)Fip.Web.Features.Registries.IndexModel.CountLimit),
        ("API, exact count", null) })
    {
        var random = new Random(7);
        var times = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var filter = new RegistryFilter
            {
                District = districts[random.Next(districts.Count)],
                Track = tracks[random.Next(Math.Min(7, tracks.Count))],
                Q = words[random.Next(words.Length)],
                Page = 1,
                PageSize = 25,
                CountLimit = countLimit
            };
            var clock = Stopwatch.StartNew();
            await ops.ListAsync(filter, admin, CancellationToken.None);
            if (i >= 20) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"List (district + track + name substring, {label} + page of 25): p50 {times[times.Count / 2]:0.0} ms, p95 " +
            $"{times[(int)(times.Count * 0.95)]:0.0} ms over {times.Count} queries");
    }
}
csvDb.Dispose();
Console.WriteLine($"{(skipCsv ? "XLSX" : "CSV")} import/raw load ratio {csvRate / rawRate:P1}" +
    (skipBaseline ? "" : $", import/EF baseline ratio {csvRate / baselineRate:0.00}"));
Directory.Delete(work, recursive: true);
