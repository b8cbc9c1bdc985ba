using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries.Import;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fip.Cli;

/// <summary>
/// `fip`: the command-line host. Reads the same configuration as the web app (appsettings.json, then
/// environment variables such as Database__Provider and Database__ConnectionString) and uses the same services.
/// </summary>
public static class CommandLine
{
    private const string Usage = """
        fip — 未来产业培育监测平台 command line

        Usage:
          fip migrate                         apply database migrations
          fip seed [--demo]                   create roles, the default plan and the first admin (and demo accounts)
          fip users add NAME --role ROLE [--department D | --district D | --enterprise USCC] [--password P] [--display-name N]
                                              roles: admin, department, district, enterprise, leader
          fip users list                      list accounts
          fip tokens create NAME [--label L] [--days N]
                                              print a new personal access token for user NAME
          fip import REGISTRY FILE [--accept-check-mismatch]
                                              check and import an .xlsx/.csv file, all rows or none
          fip import REGISTRY --template FILE write the import template (.xlsx)
          fip imports                         list the command line's import jobs (id, registry, state, rows done/rows,
                                              error, last change, file); one whose process died shows Failed
                                              registries: enterprises, products, scenarios, parks, platforms, projects,
                                              indicators (enterprises' yearly figures)
          fip demo-data [--enterprises N] [--seed S] [--demands N] [--people N]
                                              generate labelled demo records (演示数据) for the plan's districts and tracks;
                                              --demands/--people add talent demands and talent-pool people at scale (alone,
                                              they are added to the demo enterprises already loaded)
          fip policy parse FILE [--format json|eval]
                                              read a policy document (.txt, .docx) into a draft plan with source spans
          fip policy evaluate DIR [--out PRED_DIR]
                                              score the parser on NAME.txt / NAME.gold.json pairs (precision, recall, F1)
          fip backup FILE                     back up the database and the attachments (Storage:Attachments) into one
                                              archive (.tar.gz) with a manifest and checksums
          fip restore FILE [--force]          restore a backup made by `fip backup`: checked first, then swapped in;
                                              --force to overwrite a database that holds data
          fip chains suggest [--enterprise ID]
                                              propose chain links (产业链环节) for every enterprise (or one), from business scopes and products

        Configuration: Database:Provider (Sqlite|Postgres), Database:ConnectionString;
        environment: Database__Provider, Database__ConnectionString. Default: data/fip.db under the current directory.
        """;

    /// <param name="ownProcess">The command is the process (<c>fip</c> itself, not a test calling it): an import may then limit
    /// the process's managed heap (<see cref="LimitHeapForImport"/>).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null,
        bool ownProcess = false)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var parsed = Arguments.Parse(args);
        configuration ??= new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // Warnings; more where the configuration asks (Logging:LogLevel, e.g. Logging__LogLevel__Fip.Import=Information shows
        // where an import's commit spends its time).
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddConfiguration(configuration.GetSection("Logging")));
        services.AddFipCore(configuration);
        services.AddScoped<IAuditActor>(_ => new SystemAuditActor($"cli:{Environment.UserName}"));
        services.AddHttpContextAccessor();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        try
        {
            switch (parsed.Command)
            {
                case "migrate":
                    await DatabaseSetup.MigrateAsync(sp.GetRequiredService<FipDbContext>());
                    Fip.Web.Infrastructure.DataProtectionKeys.EnsureKey(sp);
                    await output.WriteLineAsync("Database is up to date.");
                    return 0;
                case "seed":
                    await DatabaseSetup.MigrateAsync(sp.GetRequiredService<FipDbContext>());
                    var report = await sp.GetRequiredService<StartupSeeder>().SeedAsync(demo: parsed.Flags.Contains("demo"));
                    await output.WriteLineAsync(report.PlanSeeded ? "Seeded the default plan." : "The plan was already there.");
                    if (report.AdminUserName is not null)
                        await output.WriteLineAsync(report.AdminPasswordFromEnvironment
                            ? $"Created admin {report.AdminUserName} with the password from {StartupSeeder.AdminPasswordVariable}."
                            : $"Created admin {report.AdminUserName}, password: {report.AdminPassword} (change it at first sign-in)");
                    if (report.DemoUsers.Count > 0)
                        await output.WriteLineAsync($"Demo accounts (演示数据): {string.Join(", ", report.DemoUsers)}; password: " +
                            $"{report.DemoPassword}");
                    if (report.DemoEnterprises > 0)
                        await output.WriteLineAsync($"Demo registries (演示数据): {report.DemoEnterprises} enterprises with their products, " +
                            $"scenarios, parks, platforms and projects.");
                    return 0;
                case "users add":
                    return await AddUserAsync(sp, parsed, output, error);
                case "users list":
                    return await ListUsersAsync(sp, output);
                case "tokens create":
                    return await CreateTokenAsync(sp, parsed, output, error);
                case "import":
                    if (ownProcess) LimitHeapForImport(configuration);
                    return await ImportAsync(sp, parsed, output, error);
                case "imports":
                    return await ListImportsAsync(sp, output);
                case "demo-data":
                    return await DemoDataAsync(sp, parsed, output);
                case "chains suggest":
                    return await SuggestChainLinksAsync(sp, parsed, output);
                case "backup":
                    return await BackupAsync(sp, parsed, output);
                case "restore":
                    return await RestoreAsync(sp, parsed, output);
                default:
                    await error.WriteLineAsync($"Unknown command: {string.Join(' ', args)}");
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Fip.Web.Infrastructure.Backup.BackupException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("FIP_DEBUG") is null)
        {
            // A clear message, not a stack trace; FIP_DEBUG=1 shows the details.
            await error.WriteLineAsync($"fip: {e.GetBaseException().Message}");
            return 1;
        }
    }

    private static async Task<int> AddUserAsync(IServiceProvider sp, Arguments a, TextWriter output, TextWriter error)
    {
        if (a.Positional.Count != 1)
            throw new ArgumentException("Usage: fip users add NAME --role ROLE [--department D | --district D | --enterprise USCC] " +
                "[--password P]");
        var scopes = new[] { "department", "district", "enterprise" }.Count(a.Options.ContainsKey);
        if (scopes > 1) throw new ArgumentException("Give at most one of --department, --district, --enterprise.");
        var role = a.Option("role") ?? throw new ArgumentException("--role is required (admin, department, district, enterprise, leader).");
        var password = a.Option("password");
        var generated = password is null;
        password ??= PasswordClassesValidator.Generate();
        var accounts = sp.GetRequiredService<AccountService>();
        var result =
            await accounts.CreateAsync(new AccountInput(a.Positional[0], a.Option("display-name"), role, a.Option("department"),
                a.Option("district"), a.Option("enterprise"), a.Option("email")),
            password, mustChangePassword: generated);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                await error.WriteLineAsync(string.IsNullOrEmpty(e.Field) ? e.Message : $"{e.Field}: {e.Message}");
            return 1;
        }
        await output.WriteLineAsync($"Created {result.User!.UserName} ({role}).");
        if (generated) await output.WriteLineAsync($"Temporary password: {password} (must be changed at first sign-in)");
        return 0;
    }

    private static async Task<int> ListUsersAsync(IServiceProvider sp, TextWriter output)
    {
        var db = sp.GetRequiredService<FipDbContext>();
        var users = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(AccountsApi.UserQuery(db));
        foreach (var u in await users)
            await output.WriteLineAsync($"{u.UserName,-20} {u.Role,-11} " +
                $"{u.DepartmentName ?? u.DistrictName ?? u.EnterpriseUscc ?? "",-24} " +
                $"{(u.IsDisabled ? "disabled" : "active")}{(u.IsDemo ? " demo" : "")}");
        return 0;
    }

    /// <summary>The command line acts as a task-force admin, named after the operating-system user in the audit log.</summary>
    private static System.Security.Claims.ClaimsPrincipal CliUser() => new(new System.Security.Claims.ClaimsIdentity(
    [
        new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, $"cli:{Environment.UserName}"),
        new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "cli"),
        new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Admin),
    ], "cli"));

    /// <summary>
    /// An import streams its file and holds only its keys, yet the GC, free to grow the heap with the machine's memory,
    /// lets garbage pile up: 1,000,000 rows peaked at 551 MB. The managed heap of an import is held to
    /// <c>Imports:HeapLimitMegabytes</c> (256; 0: no limit), which such an import runs well within (it ran under 192), so the
    /// process stays under 500 MB whatever the file's size (the row limit bounds the keys held). Only where the command is
    /// the process: the limit is the whole process's.
    /// </summary>
    private static void LimitHeapForImport(IConfiguration configuration)
    {
        var megabytes = configuration.GetValue("Imports:HeapLimitMegabytes", 256);
        if (megabytes <= 0) return;
        AppContext.SetData("GCHeapHardLimit", (ulong)megabytes << 20);
        GC.RefreshMemoryLimit();
    }

    private static async Task<int> ImportAsync(IServiceProvider sp, Arguments a, TextWriter output, TextWriter error)
    {
        if (a.Positional.Count < 1) throw new ArgumentException("Usage: fip import REGISTRY FILE | fip import REGISTRY --template FILE");
        var ops = sp.GetRequiredService<Fip.Web.Features.Registries.RegistryOpsFactory>().Importer(a.Positional[0])
            ?? throw new ArgumentException($"Unknown registry {a.Positional[0]}: use " +
                $"{string.Join(", ", Fip.Web.Features.Registries.RegistryOpsFactory.ImportNames)}.");
        if (a.Option("template") is { } templatePath)
        {
            await File.WriteAllBytesAsync(templatePath,
                Fip.Web.Features.Registries.Files.TabularWriter.Template(ops.ImportName, ops.Headers, ops.ExampleRow));
            await output.WriteLineAsync($"Wrote the {ops.ImportName} template to {templatePath}.");
            return 0;
        }
        if (a.Positional.Count != 2) throw new ArgumentException("Usage: fip import REGISTRY FILE");
        var path = a.Positional[1];
        if (!File.Exists(path)) { await error.WriteLineAsync($"No such file: {path}"); return 1; }
        var l = sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        Fip.Web.Features.Registries.Files.TabularFile file;
        try
        {
            await using var stream = File.OpenRead(path);
            // A file on the operator's own disk: the upload size limit (50 MB) does not apply; the row limit does. Its rows are
            // streamed from a temporary file, so a large file is not held in memory. An .xlsx of the row limit's million rows
            // unpacks to about 1.5 GB of sheet XML (15 columns): the unpacked limit is raised with the file size limit, the
            // compression ratio check (a zip bomb's sign) stays.
            file = Fip.Web.Features.Registries.Files.TabularReader.Read(stream, Path.GetFileName(path),
                new Fip.Web.Features.Registries.Files.ReadLimits(MaxBytes: 4L << 30, MaxUncompressedBytes: 8L << 30));
        }
        catch (Fip.Web.Features.Registries.Files.TabularFileException e)
        {
            await error.WriteLineAsync(l[e.Code, [.. e.Args]].Value);
            return 1;
        }
        using var rows = file; // a large file's rows are in a temporary file until here
        // The import runs as a job (the file stays on this disk): its progress, and its failure if this process dies, are
        // in the database for `fip imports` and every node to see.
        var user = CliUser();
        var jobs = sp.GetRequiredService<ImportJobs>();
        var db = sp.GetRequiredService<FipDbContext>();
        var job = await ImportJobs.CreateAsync(db, ops.ImportName, null, Path.GetFileName(path), CliOwner,
            a.Flags.Contains("accept-check-mismatch"), CancellationToken.None);
        await output.WriteLineAsync($"Import job {job.Id}");
        await jobs.RunCheckAsync(sp, job.Id, user, CancellationToken.None, file);
        var view = (await jobs.FindAsync(db, job.Id, CliOwner, CancellationToken.None))!;
        if (!view.CanCommit)
        {
            await WriteProblemsAsync(view, l, error);
            await error.WriteLineAsync(l["Import.Refused", view.Job.ProblemCount].Value);
            return 1;
        }
        var (claim, token) = await jobs.ClaimCommitAsync(db, job.Id, CliOwner, CancellationToken.None);
        var outcome = claim == CommitClaim.Started
            ? await jobs.RunCommitAsync(sp, job.Id, token, user, CancellationToken.None, file)
            : null;
        if (outcome is not { Committed: true })
        {
            view = (await jobs.FindAsync(db, job.Id, CliOwner, CancellationToken.None))!;
            await WriteProblemsAsync(view, l, error);
            await error.WriteLineAsync(l[view.Job.ErrorCode ?? "Import.ChangedSinceCheck", [.. view.ErrorArgs]].Value);
            return 1;
        }
        await output.WriteLineAsync(
            l["Import.Committed", outcome.Added, outcome.Updated, outcome.Unchanged].Value
                + $" ({file.Rows.Count} rows, {outcome.Duration.TotalSeconds:0.0} s)");
        return 0;
    }

    /// <summary>The owner of the command line's import jobs.</summary>
    private const string CliOwner = "cli";

    private static async Task WriteProblemsAsync(ImportJobView view, Microsoft.Extensions.Localization.IStringLocalizer l, TextWriter error)
    {
        if (view.Findings is not { } findings) return;
        foreach (var p in findings.FileProblems) await error.WriteLineAsync(p);
        foreach (var p in findings.Problems)
            await error.WriteLineAsync($"{l["Import.RowN", p.Row]} {p.Column}{(p.Value is null ? "" : $" “{p.Value}”")}: {p.Reason}");
        var more = view.Job.ProblemCount - findings.FileProblems.Count - findings.Problems.Count;
        if (more > 0) await error.WriteLineAsync($"… {more} more");
    }

    /// <summary>The command line's recent import jobs, with those whose process died shown failed.</summary>
    private static async Task<int> ListImportsAsync(IServiceProvider sp, TextWriter output)
    {
        var db = sp.GetRequiredService<FipDbContext>();
        var jobs = sp.GetRequiredService<ImportJobs>();
        var ids = await db.ImportJobs.Where(j => j.OwnerId == CliOwner).OrderByDescending(j => j.CreatedAt).Take(50).Select(j => j.Id)
            .ToListAsync();
        foreach (var id in ids)
        {
            var job = (await jobs.FindAsync(db, id, CliOwner, CancellationToken.None))!.Job;
            await output.WriteLineAsync(FormattableString.Invariant($"{job.Id} {job.Registry} {job.State} {job.Done}/{job.Rows} ")
                + FormattableString.Invariant($"{job.ErrorCode ?? "-"} {job.UpdatedAt:yyyy-MM-ddTHH:mm:ssZ} {job.FileName}"));
        }
        return 0;
    }

    private static async Task<int> DemoDataAsync(IServiceProvider sp, Arguments a, TextWriter output)
    {
        static int Number(string? text, int fallback, string name) =>
            text is null
                ? fallback
                : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture,
                    out var n) && n >= 0
                ? n
                : throw new ArgumentException($"--{name} must be a whole number.");
        var db = sp.GetRequiredService<FipDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        var seed = Number(a.Option("seed"), 20241128, "seed");
        var (demands, people) = (Number(a.Option("demands"), 0, "demands"), Number(a.Option("people"), 0, "people"));
        if (a.Option("enterprises") is not null || demands + people == 0)
        {
            var report = await sp.GetRequiredService<Fip.Web.Demo.DemoDataLoader>()
                .LoadAsync(Number(a.Option("enterprises"), 2000, "enterprises"), seed);
            await output.WriteLineAsync($"Demo data (演示数据): {report.Enterprises} enterprises, {report.Products} products, " +
                $"{report.Scenarios} scenarios, {report.Parks} parks, {report.Platforms} platforms, {report.Projects} projects in " +
                $"{report.Duration.TotalSeconds:0.0} s.");
        }
        if (demands + people > 0)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Fip.Web.Demo.TalentScaleDemo.LoadAsync(db, demands, people, seed);
            await output.WriteLineAsync($"Demo data (演示数据): {demands} talent demands, {people} people in the talent pool in " +
                $"{clock.Elapsed.TotalSeconds:0.0} s.");
        }
        return 0;
    }

    private static async Task<int> SuggestChainLinksAsync(IServiceProvider sp, Arguments a, TextWriter output)
    {
        int? enterprise = a.Option("enterprise") is { } text
            ? int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id)
                && id > 0 ? id : throw new ArgumentException("--enterprise must be an enterprise id.")
            : null;
        await DatabaseSetup.MigrateAsync(sp.GetRequiredService<FipDbContext>());
        var report = await sp.GetRequiredService<Fip.Web.Features.Chains.ChainSuggester>().RunAsync(enterprise);
        await output.WriteLineAsync($"Chain suggestions: {report.Suggestions} new for {report.Enterprises} enterprises in " +
            $"{report.Duration.TotalSeconds:0.0} s.");
        return 0;
    }

    private static async Task<int> BackupAsync(IServiceProvider sp, Arguments a, TextWriter output)
    {
        if (a.Positional.Count != 1) throw new ArgumentException("Usage: fip backup FILE");
        var backups = sp.GetRequiredService<Fip.Web.Infrastructure.Backup.BackupService>();
        var report = await backups.BackupAsync(a.Positional[0], CancellationToken.None);
        var m = report.Manifest;
        await output.WriteLineAsync($"Backed up {m.Provider} (schema {m.Migration}): {m.Tables.Count} tables, " +
            $"{m.Tables.Sum(t => t.Rows)} rows, {m.Files.Count - 1} attachments from {backups.AttachmentsRoot}.");
        await output.WriteLineAsync($"Wrote {report.Path} ({report.Bytes / 1024.0:0.0} KiB) in {report.Duration.TotalSeconds:0.0} s.");
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider sp, Arguments a, TextWriter output)
    {
        if (a.Positional.Count != 1) throw new ArgumentException("Usage: fip restore FILE [--force]");
        var backups = sp.GetRequiredService<Fip.Web.Infrastructure.Backup.BackupService>();
        var report = await backups.RestoreAsync(a.Positional[0], a.Flags.Contains("force"), CancellationToken.None);
        var m = report.Manifest;
        await output.WriteLineAsync($"Restored the backup of {m.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC (version {m.AppVersion}): " +
            $"{m.Tables.Count} tables, {m.Tables.Sum(t => t.Rows)} rows (counts and checksums verified), " +
            $"{report.Attachments} attachments " +
            $"in {backups.AttachmentsRoot}, in {report.Duration.TotalSeconds:0.0} s.");
        if (report.MigratedTo is { } migration) await output.WriteLineAsync($"Migrated from {m.Migration} to {migration}.");
        return 0;
    }

    private static async Task<int> CreateTokenAsync(IServiceProvider sp, Arguments a, TextWriter output, TextWriter error)
    {
        if (a.Positional.Count != 1) throw new ArgumentException("Usage: fip tokens create NAME [--label L] [--days N]");
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(a.Positional[0]);
        if (user is null || user.IsDisabled)
        {
            await error.WriteLineAsync($"No active user named {a.Positional[0]}.");
            return 1;
        }
        DateTime? expires = null;
        if (a.Option("days") is { } days)
        {
            if (!int.TryParse(days, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var d)
                || d is < 1 or > 3650)
                throw new ArgumentException("--days must be a whole number from 1 to 3650.");
            expires = DateTime.UtcNow.AddDays(d);
        }
        var created = await sp.GetRequiredService<AccessTokenService>().CreateAsync(user, a.Option("label") ?? "cli", expires);
        await output.WriteLineAsync(created.PlainText);
        return 0;
    }
}

/// <summary>Command words (up to two), positional values, --name value options and bare --flags.</summary>
internal sealed record Arguments(string Command, IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Options,
    IReadOnlySet<string> Flags)
{
    private static readonly HashSet<string> Groups = new(StringComparer.Ordinal) { "users", "tokens", "policy", "chains" };
    private static readonly HashSet<string> FlagNames = new(StringComparer.Ordinal) {
        "demo", "accept-check-mismatch", "force", "by-kind", "rules-only", "loso-only",
    };

    public string? Option(string name) => Options.TryGetValue(name, out var v) ? v : null;

    public static Arguments Parse(string[] args)
    {
        var command = args[0];
        var i = 1;
        if (Groups.Contains(command) && args.Length > 1) { command += " " + args[1]; i = 2; }
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) { options[name[..eq]] = name[(eq + 1)..]; continue; }
                if (FlagNames.Contains(name)) { flags.Add(name); continue; }
                if (i + 1 >= args.Length) throw new ArgumentException($"--{name} needs a value.");
                options[name] = args[++i];
            }
            else positional.Add(arg);
        }
        return new Arguments(command, positional, options, flags);
    }
}
