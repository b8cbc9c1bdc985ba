using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Supervision;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fip.Web.Data;

/// <summary>
/// The one DbContext of the platform: the sets and the wiring. Each feature maps its entities next to them
/// (<c>IEntityTypeConfiguration</c> classes, applied from the assembly); what a save does besides writing the changes
/// (audit lines, record versions, the name index, change stamps) are the interceptors of <see cref="SavePipeline"/>.
/// Provider-specific subclasses (<see cref="SqliteFipDbContext"/>, <see cref="PostgresFipDbContext"/>) exist only so each
/// provider keeps its own migrations.
/// </summary>
public abstract class FipDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    /// <summary>Who makes the changes saved through this context, for the audit log (the system when null).</summary>
    public IAuditActor? AuditActor { get; private set; }

    /// <summary>
    /// Makes a context taken from the pool (<see cref="DatabaseSetup"/>) the scope's: its actor is the scope's, and nothing a
    /// previous scope left (kept stamps, an audit suppression) stays. EF Core resets its own state (tracked entities,
    /// transactions) when a context goes back to the pool; on PostgreSQL it closes the connection too (back to Npgsql's pool),
    /// on SQLite the connection stays open with the context (<see cref="KeptSqliteConnection"/>).
    /// </summary>
    internal FipDbContext Lease(IAuditActor? actor)
    {
        AuditActor = actor;
        _auditSuppressions = 0;
        _stamps = null;
        _unreadMessages = null;
        Database.SetCommandTimeout(null);
        return this;
    }

    /// <summary>
    /// On SQLite, where the context keeps its connection open from lease to lease (<see cref="KeptSqliteConnection"/>): closes
    /// it when the database file was restored since this context last looked (<see cref="SqliteKeptConnections.Release"/>), so
    /// the next command opens it again on the restored file.
    /// </summary>
    internal FipDbContext CloseSqliteConnectionIfRestored()
    {
        var connection = Database.GetDbConnection();
        _sqliteFile ??= new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        var generation = SqliteKeptConnections.Generation(_sqliteFile);
        if (generation == _sqliteGeneration) return this;
        if (connection.State != System.Data.ConnectionState.Closed) connection.Close(); // EF Core opens it at the next command
        _sqliteGeneration = generation;
        return this;
    }

    private string? _sqliteFile;
    private int _sqliteGeneration;

    private int _auditSuppressions;

    /// <summary>True within <see cref="SuppressRowAudit"/>.</summary>
    public bool RowAuditSuppressed => _auditSuppressions > 0;

    /// <summary>
    /// For generated bulk loads (demo data, seeds, machine suggestions): within the scope, rows are not audited one by
    /// one (the loader writes one summary line). Ends when disposed, whatever happened inside.
    /// </summary>
    public IDisposable SuppressRowAudit()
    {
        _auditSuppressions++;
        return new DisposeAction(() => _auditSuppressions--);
    }

    public DbSet<PolicyDocument> PolicyDocuments => Set<PolicyDocument>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<TrackTier> TrackTiers => Set<TrackTier>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<TrackFocusDistrict> TrackFocusDistricts => Set<TrackFocusDistrict>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeUnit> ProgrammeUnits => Set<ProgrammeUnit>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<EnterpriseTrack> EnterpriseTracks => Set<EnterpriseTrack>();
    public DbSet<EnterpriseNameGram> EnterpriseNameGrams => Set<EnterpriseNameGram>();
    public DbSet<EnterpriseQualification> EnterpriseQualifications => Set<EnterpriseQualification>();
    public DbSet<EnterpriseIndicator> EnterpriseIndicators => Set<EnterpriseIndicator>();
    public DbSet<KeyProduct> KeyProducts => Set<KeyProduct>();
    public DbSet<Scenario> Scenarios => Set<Scenario>();
    public DbSet<PilotPark> PilotParks => Set<PilotPark>();
    public DbSet<InnovationPlatform> InnovationPlatforms => Set<InnovationPlatform>();
    public DbSet<KeyProject> KeyProjects => Set<KeyProject>();
    public DbSet<ChangeStamp> ChangeStamps => Set<ChangeStamp>();
    public DbSet<IndicatorDefinition> Indicators => Set<IndicatorDefinition>();
    public DbSet<IndicatorSnapshot> IndicatorSnapshots => Set<IndicatorSnapshot>();
    public DbSet<HomeVisit> HomeVisits => Set<HomeVisit>();
    public DbSet<DistrictTarget> DistrictTargets => Set<DistrictTarget>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<RobotChannel> RobotChannels => Set<RobotChannel>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<ChainLink> ChainLinks => Set<ChainLink>();
    public DbSet<EnterpriseChainLink> EnterpriseChainLinks => Set<EnterpriseChainLink>();
    public DbSet<ChainSuggestion> ChainSuggestions => Set<ChainSuggestion>();
    public DbSet<SupervisionTask> SupervisionTasks => Set<SupervisionTask>();
    public DbSet<TaskUnit> TaskUnits => Set<TaskUnit>();
    public DbSet<TaskDistrict> TaskDistricts => Set<TaskDistrict>();
    public DbSet<TaskMilestone> TaskMilestones => Set<TaskMilestone>();
    public DbSet<TaskTarget> TaskTargets => Set<TaskTarget>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<ReportEvent> ReportEvents => Set<ReportEvent>();
    public DbSet<ReportAttachment> ReportAttachments => Set<ReportAttachment>();
    public DbSet<Features.Registries.Import.ImportJobRecord> ImportJobs => Set<Features.Registries.Import.ImportJobRecord>();
    public DbSet<Features.Registries.Import.ImportFile> ImportFiles => Set<Features.Registries.Import.ImportFile>();

    /// <summary>
    /// The save pipeline's interceptors. The application's options carry them already (<see cref="DatabaseSetup"/>: a pooled
    /// context refuses options changed here); contexts built on bare options (backups, design time) get them here.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        var present = optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        if (!SavePipeline.Interceptors.All(present.Contains)) optionsBuilder.AddInterceptors(SavePipeline.Interceptors);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Dates are stored in UTC; SQLite returns Kind=Unspecified and Npgsql refuses it for timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FipDbContext).Assembly);
    }

    /// <summary>Saves are asynchronous only: the pipeline writes audit lines and stamps with the database's async API.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: the platform's saves are asynchronous only.");

    /// <summary>
    /// One save is one transaction (its own, or the caller's): the changes are detected once, the interceptors of
    /// <see cref="SavePipeline"/> add their writes to it, and the changes are accepted only after it commits, so a
    /// failed save can be retried as it was.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        _unreadMessages = null; // a save may write messages
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (!ChangeTracker.HasChanges()) return 0;
            await using var transaction = Database.CurrentTransaction is null
                ? await Database.BeginTransactionAsync(cancellationToken)
                : null;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private IReadOnlyDictionary<string, long>? _stamps;

    /// <summary>
    /// The change stamps, read in one query once per context (a request): the layout, the page and the services it calls
    /// share them. A save through this context forgets them, as it may have moved them on.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> AllStampsAsync(CancellationToken ct) =>
        _stamps ??= await ChangeStamps.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Value, StringComparer.Ordinal, ct);

    internal void ForgetStamps()
    {
        _stamps = null;
        _unreadMessages = null;
    }

    /// <summary>Stamps read together with something else in the request's first query (the session check).</summary>
    internal void KeepStamps(IReadOnlyDictionary<string, long> stamps) => _stamps = stamps;

    private (string UserId, int Count)? _unreadMessages;

    /// <summary>The account's unread messages as <see cref="ReadSessionAsync"/> counted them (null: not counted, or another
    /// account's, or a save through this context since).</summary>
    public int? KeptUnreadMessages(string userId) =>
        _unreadMessages is { } kept && string.Equals(kept.UserId, userId, StringComparison.Ordinal) ? kept.Count : null;

    /// <summary>
    /// A signed-in request's first query: the account's state for the session check, with the change stamps (kept for the
    /// request's kept views, <see cref="AllStampsAsync"/>) and the count of the account's unread messages (the navigation's badge,
    /// <see cref="KeptUnreadMessages"/>) in the same round trip. Null when the account does not exist. With
    /// <paramref name="snapshots"/> (a node listening to PostgreSQL's change feed), a result kept since nothing it reads changed
    /// is used instead of the round trip.
    /// </summary>
    public async Task<SessionAccount?> ReadSessionAsync(string userId, CancellationToken ct, SessionSnapshots? snapshots = null)
    {
        if (snapshots?.Find(userId) is { } kept) return Use(userId, kept);
        var version = snapshots?.Version ?? 0;
        var stamps = new Dictionary<string, long>(StringComparer.Ordinal);
        SessionAccount? account = null;
        var unread = 0;
        await Database.OpenConnectionAsync(ct);
        try
        {
            var command = SessionCommand();
            command.Parameters[0].Value = userId;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                if (name != AccountRow) stamps[name] = reader.GetInt64(1);
                else
                {
                    account = new SessionAccount(reader.GetInt64(1) != 0, reader.IsDBNull(2) ? null : reader.GetString(2));
                    unread = (int)reader.GetInt64(3);
                }
            }
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
        var read = new SessionRead(account, unread, stamps);
        snapshots?.Keep(userId, read, version);
        return Use(userId, read);
    }

    private SessionAccount? Use(string userId, SessionRead read)
    {
        KeepStamps(read.Stamps);
        _unreadMessages = read.Account is null ? null : (userId, read.Unread);
        return read.Account;
    }

    /// <summary>
    /// The session query as one command kept with the context's connection: it runs on every signed-in request, so it is plain
    /// SQL read without EF Core's query pipeline (which built a delegate on each run of the compiled query), and on SQLite, where
    /// the pooled context keeps its connection open (<see cref="KeptSqliteConnection"/>), the kept command keeps its prepared
    /// statement. The quoted names are the tables' and columns' on both databases (<c>SessionQueryTests</c> compare it with the
    /// model).
    /// </summary>
    private System.Data.Common.DbCommand SessionCommand()
    {
        var connection = Database.GetDbConnection();
        if (_sessionCommand is { } kept && ReferenceEquals(kept.Connection, connection))
        {
            kept.Transaction = Database.CurrentTransaction?.GetDbTransaction();
            return kept;
        }
        _sessionCommand?.Dispose();
        var command = connection.CreateCommand();
        command.CommandText = SessionSql;
        var user = command.CreateParameter();
        user.ParameterName = "@user";
        command.Parameters.Add(user);
        command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
        return _sessionCommand = command;
    }

    private System.Data.Common.DbCommand? _sessionCommand;

    /// <summary>The change stamps, then the account's row (named <see cref="AccountRow"/>) with its unread messages.</summary>
    internal const string SessionSql = $$"""
        SELECT s."Name", s."Value", NULL, 0 FROM "ChangeStamps" AS s
        UNION ALL
        SELECT '{{AccountRow}}', CASE WHEN u."IsDisabled" THEN 1 ELSE 0 END, u."SecurityStamp",
            (SELECT COUNT(*) FROM "Messages" AS m WHERE m."UserId" = @user AND m."ReadAt" IS NULL)
        FROM "AspNetUsers" AS u WHERE u."Id" = @user
        """;

    /// <summary>The account's row among the stamps (no stamp is named so): Value 1 when the account is disabled.</summary>
    private const string AccountRow = "#account";
}

/// <summary>What the session check needs of an account.</summary>
public sealed record SessionAccount(bool Disabled, string? SecurityStamp);
