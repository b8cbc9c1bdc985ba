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
    /// previous scope left (kept stamps, an audit suppression) stays. EF Core resets its own state (tracked entities, the
    /// connection, transactions) when a context goes back to the pool.
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

    private Dictionary<string, long>? _stamps;

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
    internal void KeepStamps(Dictionary<string, long> stamps) => _stamps = stamps;

    private (string UserId, int Count)? _unreadMessages;

    /// <summary>The account's unread messages as <see cref="ReadSessionAsync"/> counted them (null: not counted, or another
    /// account's, or a save through this context since).</summary>
    public int? KeptUnreadMessages(string userId) =>
        _unreadMessages is { } kept && string.Equals(kept.UserId, userId, StringComparison.Ordinal) ? kept.Count : null;

    /// <summary>
    /// A signed-in request's first query: the account's state for the session check, with the change stamps (kept for the
    /// request's kept views, <see cref="AllStampsAsync"/>) and the count of the account's unread messages (the navigation's badge,
    /// <see cref="KeptUnreadMessages"/>) in the same round trip. Null when the account does not exist.
    /// </summary>
    public async Task<SessionAccount?> ReadSessionAsync(string userId, CancellationToken ct)
    {
        var rows = new List<SessionRow>();
        var query = SessionQueries.GetValue(Model, _ => CompileSessionQuery());
        await foreach (var row in query(this, userId).WithCancellation(ct)) rows.Add(row);
        KeepStamps(rows.Where(r => r.Name != AccountRow).ToDictionary(r => r.Name, r => r.Value, StringComparer.Ordinal));
        if (rows.FirstOrDefault(r => r.Name == AccountRow) is not { } account) return null;
        _unreadMessages = (userId, account.Unread);
        return new SessionAccount(account.Value != 0, account.SecurityStamp);
    }

    /// <summary>
    /// The session query, compiled once per model (EF Core's compiled queries, which serve one model: a process may hold the
    /// SQLite and the PostgreSQL model): it runs on every signed-in request, and a compiled query skips the per-execution walk of
    /// the expression tree and the query cache lookup.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<
        Microsoft.EntityFrameworkCore.Metadata.IModel, Func<FipDbContext, string, IAsyncEnumerable<SessionRow>>> SessionQueries = new();

    private static Func<FipDbContext, string, IAsyncEnumerable<SessionRow>> CompileSessionQuery() =>
        EF.CompileAsyncQuery((FipDbContext db, string userId) => db.ChangeStamps.AsNoTracking()
            .Select(s => new SessionRow { Name = s.Name, Value = s.Value, SecurityStamp = null, Unread = 0 })
            .Concat(db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new SessionRow
            {
                Name = AccountRow,
                Value = u.IsDisabled ? 1 : 0,
                SecurityStamp = u.SecurityStamp,
                Unread = db.Set<Features.Messaging.Message>().Count(m => m.UserId == userId && m.ReadAt == null),
            })));

    /// <summary>The account's row among the stamps (no stamp is named so): Value 1 when the account is disabled.</summary>
    private const string AccountRow = "#account";

    /// <summary>A row of the union (set by member, as EF Core translates a set operation only over such a projection).</summary>
    private sealed class SessionRow
    {
        public string Name { get; init; } = "";
        public long Value { get; init; }
        public string? SecurityStamp { get; init; }
        /// <summary>The account's unread messages, 0 on the stamps' rows.</summary>
        public int Unread { get; init; }
    }
}

/// <summary>What the session check needs of an account.</summary>
public sealed record SessionAccount(bool Disabled, string? SecurityStamp);
