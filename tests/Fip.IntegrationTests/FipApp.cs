using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Fip.IntegrationTests;

/// <summary>
/// The platform running in-process against a real database of its own: a temporary SQLite file, or a fresh
/// database on the throwaway PostgreSQL server that the test command starts (FIP_TEST_POSTGRES).
/// </summary>
public sealed partial class FipApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-Pass-2024!";
    public const string UserPassword = "User-Pass-2024!";
    public DatabaseProvider Provider { get; }
    /// <summary>The app's warnings and errors (Serilog events), for tests that check what is logged.</summary>
    public LogCapture Logs { get; } = new();
    public string ConnectionString { get; }
    /// <summary>This app's attachments folder (Storage:Attachments), a temporary folder of its own.</summary>
    public string AttachmentsPath { get; } = TemporaryPath($"fip-it-files-{Guid.NewGuid():N}");
    private readonly string? _sqliteFile;
    private IReadOnlyDictionary<string, string>? _settings;

    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<FipApp>> Shared = new();

    /// <summary>
    /// Every temporary file and folder the run made. The shared apps (<see cref="For"/>) and the CLI tests' empty databases are
    /// never disposed, so what is left is removed when the test process exits: a day of test runs left hundreds behind.
    /// </summary>
    private static readonly ConcurrentBag<string> Temporaries = [];

    static FipApp() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var path in Temporaries) DeleteQuietly(path);
    };

    /// <summary>A new path in the temporary folder, removed at the latest when the test process exits.</summary>
    private static string TemporaryPath(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), name);
        Temporaries.Add(path);
        if (name.EndsWith(".db", StringComparison.Ordinal))
        {
            Temporaries.Add(path + "-wal");
            Temporaries.Add(path + "-shm");
        }
        return path;
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>One running app per database for the whole test run; tests create the users and records they need.</summary>
    public static FipApp For(DatabaseProvider provider) => Shared.GetOrAdd(provider, p => new Lazy<FipApp>(() => Start(p))).Value;

    /// <summary>An app of its own on a new database; <paramref name="settings"/> override the test defaults.</summary>
    public static FipApp Start(DatabaseProvider provider, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new FipApp(provider) { _settings = settings };
        _ = app.Server; // start now: migrations and seeding run here
        return app;
    }

    /// <summary>A second node of <paramref name="first"/>: another app on the same database (dispose it when done).</summary>
    public static FipApp Beside(FipApp first)
    {
        var app = new FipApp(first.Provider, first.ConnectionString);
        _ = app.Server;
        return app;
    }

    private FipApp(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private FipApp(DatabaseProvider provider)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            _sqliteFile = TemporaryPath($"fip-it-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_sqliteFile}";
        }
        else
        {
            ConnectionString = NewPostgresDatabase();
        }
    }

    /// <summary>An empty database of its own on the test's PostgreSQL server; its connection string.</summary>
    private static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("FIP_TEST_POSTGRES")
            ?? throw new InvalidOperationException("FIP_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a " +
                "throwaway PostgreSQL.");
        var name = $"fip_it_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server + ";Database=postgres"))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }
        return server + $";Database={name}";
    }

    /// <summary>A new empty database (no tables) of the provider, for commands run before anything else (CLI tests).</summary>
    public static string EmptyDatabase(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite
            ? $"Data Source={TemporaryPath($"fip-it-{Guid.NewGuid():N}.db")}"
            : NewPostgresDatabase();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting(Fip.Web.Infrastructure.StartupSeeder.AdminPasswordVariable, AdminPassword);
        builder.UseSetting("Logging:File:Enabled", "false");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Storage:Attachments", AttachmentsPath);
        // Background jobs would raise alerts and take snapshots while tests run; tests call the services instead.
        builder.UseSetting("Jobs:Enabled", "false");
        // The previous year open to enterprises all year round, so filing tests do not depend on the day they run.
        builder.UseSetting("Filing:Deadline", "12-31");
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
            s.AddTransient<IStartupFilter, ClientAddress>();
        });
    }

    /// <summary>
    /// Gives each request the client address a test names in the <see cref="Header"/> header, else a new one: TestServer has no
    /// connection to take it from, and the per-address limits on sign-in (<c>SignInThrottling</c>) must not throttle the tests
    /// that do not test them. It runs before the app's own pipeline, as a real connection's address would.
    /// </summary>
    private sealed class ClientAddress : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";
        private static int _next;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use((context, rest) =>
                {
                    var n = Interlocked.Increment(ref _next);
                    context.Connection.RemoteIpAddress =
                        context.Request.Headers.TryGetValue(Header, out var named) && System.Net.IPAddress.TryParse(named, out var address)
                            ? address
                            : new System.Net.IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
                    return rest(context);
                });
                next(app);
            };
    }

    /// <summary>The header that names the client address of a test request (<see cref="ClientAddress"/>).</summary>
    public const string ClientAddressHeader = ClientAddress.Header;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_sqliteFile is not null)
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" }) DeleteQuietly(f);
        DeleteQuietly(AttachmentsPath);
    }

    /// <summary>Creates an account of the given role (scope picked from the seeded plan), without a forced password change.</summary>
    public async Task<AppUser> CreateUserAsync(string role, string? department = "市科技局", string? district = "邗江区", string? uscc = null)
    {
        using var scope = Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        uscc ??= RegistryTests.NewCreditCode();
        var input = new AccountInput(name, $"测试{role}", role,
            role == Roles.Department ? department : null, role == Roles.District ? district : null, role == Roles.Enterprise ? uscc : null,
            null)
        { BindWithoutRecord = true };
        var result = await accounts.CreateAsync(input, UserPassword, mustChangePassword: false);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.User!;
    }

    public async Task<string> CreateTokenAsync(AppUser user)
    {
        using var scope = Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AccessTokenService>().CreateAsync(user, "test", null)).PlainText;
    }

    /// <summary>An HTTP client that calls the API as a new user of the role, with a personal access token.</summary>
    public async Task<(HttpClient Client, AppUser User)> ApiClientAsync(string role, string? department = "市科技局")
    {
        var user = await CreateUserAsync(role, department);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(user));
        return (client, user);
    }

    public HttpClient BrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs a service of the app in a scope of its own.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Raises an alert owned by the user's department or district (none for other roles), as a rule would.</summary>
    public async Task<Fip.Web.Features.Alerts.Alert> RaiseAlertAsync(AppUser owner,
        Fip.Web.Features.Alerts.AlertSeverity severity = Fip.Web.Features.Alerts.AlertSeverity.Yellow)
    {
        var key = "test:" + Guid.NewGuid().ToString("N");
        return (await WithAsync<Fip.Web.Features.Alerts.AlertService, Fip.Web.Features.Alerts.Alert?>(s => s.RaiseAsync(new(
            "test", key, severity, "测试预警", "Test alert", "用于测试。", "For tests.", null, owner.DepartmentId, owner.DistrictId),
            CancellationToken.None)))!;
    }

    /// <summary>Runs the `fip` command line against this app's database; returns its exit code and what it printed.</summary>
    public Task<(int Code, string Out, string Err)> RunCliAsync(params string[] args) =>
        RunCliAsync(Provider, ConnectionString, AttachmentsPath, args);

    /// <summary>Runs the `fip` command line against the given database (and attachments folder, if any).</summary>
    public static async Task<(int Code, string Out, string Err)> RunCliAsync(DatabaseProvider provider, string connectionString,
        string? attachmentsPath, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Storage:Attachments"] = attachmentsPath,
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Fip.Cli.CommandLine.RunAsync(args, output, error, configuration);
        return (code, output.ToString(), error.ToString());
    }

    public T Use<T>(Func<FipDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<FipDbContext>());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryMeta();

    /// <summary>
    /// The request token a signed-in page hands its scripts (meta tag in the layout), which cookie-authenticated
    /// unsafe API calls send in the RequestVerificationToken header.
    /// </summary>
    public static async Task<string> ApiAntiforgeryTokenAsync(HttpClient client, string page = "/Accounts/Tokens") =>
        AntiforgeryMeta().Match(await client.GetStringAsync(page)) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("No request token meta tag on the page.");

    /// <summary>Sends an unsafe API request with the browser's cookie and the page's antiforgery token, as the pages' scripts do.</summary>
    public static async Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, HttpRequestMessage request)
    {
        request.Headers.Add("RequestVerificationToken", await ApiAntiforgeryTokenAsync(client));
        return await client.SendAsync(request);
    }

    public static string AntiforgeryToken(string html) => AntiforgeryField().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>Posts a form the way a browser does: fetches the page for its antiforgery token first.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IDictionary<string, string> fields,
        string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var content = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await client.PostAsync(url, new FormUrlEncodedContent(content));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        PostFormAsync(client, "/Accounts/Login",
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
}

public static class TestSaves
{
    /// <summary>
    /// Saves from the tests' synchronous <see cref="FipApp.Use{T}"/> lambdas. The platform saves asynchronously only
    /// (a synchronous SaveChanges throws); xunit runs without a synchronisation context, so waiting here cannot deadlock.
    /// </summary>
    public static int Save(this FipDbContext db) => db.SaveChangesAsync().GetAwaiter().GetResult();
}

/// <summary>Keeps the warnings and errors an app logs.</summary>
public sealed class LogCapture : Serilog.Core.ILogEventSink
{
    private readonly ConcurrentQueue<Serilog.Events.LogEvent> _events = new();
    public IReadOnlyList<Serilog.Events.LogEvent> Events => [.. _events];

    private readonly ConcurrentQueue<string> _statements = new();

    /// <summary>The SQL of every statement EF Core ran, in an app started with <c>Logging:SqlCommands=true</c>.</summary>
    public IReadOnlyList<string> Statements => [.. _statements];

    public void ClearStatements() => _statements.Clear();

    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        if (logEvent.Level >= Serilog.Events.LogEventLevel.Warning) _events.Enqueue(logEvent);
        else if (logEvent.Properties.TryGetValue("SourceContext", out var source)
            && source.ToString() == "\"Microsoft.EntityFrameworkCore.Database.Command\""
            && logEvent.Properties.TryGetValue("commandText", out var text))
            _statements.Enqueue(((Serilog.Events.ScalarValue)text).Value as string ?? "");
    }
}
