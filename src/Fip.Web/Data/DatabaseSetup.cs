using Fip.Web.Data.Saving;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;

namespace Fip.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>`Database:Provider` and `Database:ConnectionString` (env Database__Provider, Database__ConnectionString).</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }

    /// <summary>On PostgreSQL, listen for changes to what a session check reads and keep its results meanwhile
    /// (<see cref="PostgresChangeFeed"/>); <c>Database:ChangeFeed=false</c> reads the session at every request.</summary>
    public bool ChangeFeed { get; set; } = true;

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        return options;
    }

    /// <summary>
    /// The connection string in force: the configured one, or data/fip.db under the current directory. On PostgreSQL the
    /// statements a node runs often are kept prepared on each pooled connection (<see cref="WithPreparedStatements"/>).
    /// </summary>
    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? Provider == DatabaseProvider.Postgres ? WithPreparedStatements(ConnectionString!) : ConnectionString!
        : Provider == DatabaseProvider.Sqlite ? $"Data Source={Path.Combine(Directory.GetCurrentDirectory(), "data", "fip.db")}"
        : throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");

    /// <summary>The number of statements Npgsql keeps prepared per connection unless the connection string says otherwise.</summary>
    public const int AutoPrepared = 100;

    /// <summary>
    /// Npgsql's pool settings for the platform's contexts unless the connection string sets them itself:
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c> (0 turns it off): every page runs the same few small statements (the session's stamp, the
    /// change stamps, the navigation's counts), and PostgreSQL parsed and planned each of them again on every request;
    /// prepared, the server's CPU per page halves (docs/benchmarks.md).</item>
    /// <item><c>No Reset On Close</c>: a context opens and closes its connection around each command, and each open sent
    /// PostgreSQL seven reset commands (<c>RESET ALL</c>, <c>DISCARD TEMP</c>, <c>pg_advisory_unlock_all()</c>, …) before the
    /// command: as many statements as the page's own. The contexts leave no session state to reset: settings are
    /// <c>SET LOCAL</c> (their transaction's), no temporary tables or cursors, no session advisory locks (the job leases take
    /// theirs on a pool of their own that still resets, <see cref="WithReset"/>); a transaction left open is rolled back when
    /// its connection goes back to the pool, reset or not.</item>
    /// </list>
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        // Npgsql's own builder knows every keyword whether set or not; the generic one holds only the keys written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Written(string key) => written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal)
            .Equals(key, StringComparison.OrdinalIgnoreCase));
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Written("MaxAutoPrepare")) builder.MaxAutoPrepare = AutoPrepared;
        if (!Written("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>The connection string with Npgsql's reset on close (a pool of its own): for connections that hold session
    /// state, such as the job leases' advisory locks.</summary>
    public static string WithReset(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString;
}

public static class DatabaseSetup
{
    public static IServiceCollection AddFipDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DatabaseOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<SessionSnapshots>();
        if (options.Provider == DatabaseProvider.Postgres && options.ChangeFeed) services.AddHostedService<PostgresChangeFeed>();
        var connectionString = options.EffectiveConnectionString;
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(connectionString);
#pragma warning disable EF1001 // EF Core's SQLite connection service, replaced by its subclass that stays open
            services.AddPooledDbContextFactory<SqliteFipDbContext>(o => o.UseSqlite(connectionString)
                .ReplaceService<ISqliteRelationalConnection, KeptSqliteConnection>()
                .ConfigureWarnings(QuietCommandErrors).AddInterceptors(SavePipeline.Interceptors), SqliteContextPoolSize);
#pragma warning restore EF1001
            services.AddScoped<FipDbContext>(services => Lease<SqliteFipDbContext>(services).CloseSqliteConnectionIfRestored());
        }
        else
        {
            services.AddPooledDbContextFactory<PostgresFipDbContext>(o => o.UseNpgsql(connectionString)
                .ConfigureWarnings(QuietCommandErrors).AddInterceptors(SavePipeline.Interceptors));
            services.AddScoped<FipDbContext>(Lease<PostgresFipDbContext>);
        }
        return services;
    }

    /// <summary>
    /// The most SQLite contexts kept in the pool (EF Core's default is 1,024): each keeps its connection open
    /// (<see cref="KeptSqliteConnection"/>), so the pool is bounded near a node's peak of concurrent requests;
    /// a context returned to a full pool is disposed and its connection closed.
    /// </summary>
    public const int SqliteContextPoolSize = 128;

    /// <summary>
    /// The scope's context, taken from a pool of contexts (a new context costs a tenth of a signed-in page's CPU: its services,
    /// its options) and returned when the scope ends; it is given the scope's audit actor and nothing of the scope before.
    /// </summary>
    private static FipDbContext Lease<TContext>(IServiceProvider services) where TContext : FipDbContext =>
        services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext().Lease(services.GetService<IAuditActor>());

    /// <summary>
    /// A failed command is not logged as an error by itself: its exception is (the failed save or query, or whoever
    /// catches it), except a unique violation that a writer expects, which several nodes meet as a race kept once.
    /// </summary>
    private static void QuietCommandErrors(WarningsConfigurationBuilder w) => w.Log((RelationalEventId.CommandError, LogLevel.Debug));

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    /// <summary>Applies the provider's migrations; on SQLite also turns on write-ahead logging (kept in the file).</summary>
    public static async Task MigrateAsync(FipDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
