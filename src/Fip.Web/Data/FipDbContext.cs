using System.Text.Json;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fip.Web.Data;

/// <summary>
/// The one DbContext of the platform. Provider-specific subclasses (<see cref="SqliteFipDbContext"/>,
/// <see cref="PostgresFipDbContext"/>) exist only so each provider keeps its own migrations.
/// Every SaveChanges writes audit rows for the changes in the same transaction.
/// </summary>
public abstract class FipDbContext : IdentityDbContext<AppUser>
{
    private readonly IAuditActor? _actor;
    private static readonly JsonSerializerOptions AuditJson = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly HashSet<string> SecretProperties = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp), nameof(PersonalAccessToken.TokenHash),
        nameof(Features.Alerts.RobotChannel.Token), nameof(Features.Alerts.RobotChannel.Secret),
    };

    protected FipDbContext(DbContextOptions options, IAuditActor? actor) : base(options)
    {
        _actor = actor;
    }

    /// <summary>For generated bulk loads (demo data) only: rows are not audited one by one; the loader writes one summary line.</summary>
    public bool BulkMode { get; set; }

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
    public DbSet<Features.Goals.IndicatorDefinition> Indicators => Set<Features.Goals.IndicatorDefinition>();
    public DbSet<Features.Goals.IndicatorSnapshot> IndicatorSnapshots => Set<Features.Goals.IndicatorSnapshot>();
    public DbSet<Features.Goals.HomeVisit> HomeVisits => Set<Features.Goals.HomeVisit>();
    public DbSet<Features.Alerts.Alert> Alerts => Set<Features.Alerts.Alert>();
    public DbSet<Features.Alerts.RobotChannel> RobotChannels => Set<Features.Alerts.RobotChannel>();
    public DbSet<Features.Alerts.AlertDelivery> AlertDeliveries => Set<Features.Alerts.AlertDelivery>();
    public DbSet<Features.Chains.ChainLink> ChainLinks => Set<Features.Chains.ChainLink>();
    public DbSet<Features.Chains.EnterpriseChainLink> EnterpriseChainLinks => Set<Features.Chains.EnterpriseChainLink>();
    public DbSet<Features.Chains.ChainSuggestion> ChainSuggestions => Set<Features.Chains.ChainSuggestion>();
    public DbSet<Features.Supervision.SupervisionTask> SupervisionTasks => Set<Features.Supervision.SupervisionTask>();
    public DbSet<Features.Supervision.TaskUnit> TaskUnits => Set<Features.Supervision.TaskUnit>();
    public DbSet<Features.Supervision.TaskDistrict> TaskDistricts => Set<Features.Supervision.TaskDistrict>();
    public DbSet<Features.Supervision.TaskMilestone> TaskMilestones => Set<Features.Supervision.TaskMilestone>();
    public DbSet<Features.Supervision.TaskTarget> TaskTargets => Set<Features.Supervision.TaskTarget>();
    public DbSet<Features.Supervision.ProgressReport> ProgressReports => Set<Features.Supervision.ProgressReport>();
    public DbSet<Features.Supervision.ReportEvent> ReportEvents => Set<Features.Supervision.ReportEvent>();
    public DbSet<Features.Supervision.ReportAttachment> ReportAttachments => Set<Features.Supervision.ReportAttachment>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Dates are stored in UTC; SQLite returns Kind=Unspecified and Npgsql refuses it for timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.Property(u => u.EnterpriseUscc).HasMaxLength(18);
            e.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(u => u.District).WithMany().HasForeignKey(u => u.DistrictId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PolicyDocument>(e =>
        {
            e.Property(d => d.Title).HasMaxLength(300);
            e.Property(d => d.Issuer).HasMaxLength(200);
            e.Property(d => d.DocumentNumber).HasMaxLength(100);
            e.Property(d => d.FileName).HasMaxLength(260);
        });

        builder.Entity<Plan>(e =>
        {
            e.Property(p => p.Key).HasMaxLength(100);
            e.HasIndex(p => p.Key).IsUnique();
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.CityName).HasMaxLength(100);
            e.Property(p => p.CityDivisionCode).HasMaxLength(6);
            e.HasOne(p => p.PolicyDocument).WithMany().HasForeignKey(p => p.PolicyDocumentId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Tiers).WithOne().HasForeignKey(t => t.PlanId);
            e.HasMany(p => p.Tracks).WithOne().HasForeignKey(t => t.PlanId);
            e.HasMany(p => p.Targets).WithOne().HasForeignKey(t => t.PlanId);
            e.HasMany(p => p.Programmes).WithOne().HasForeignKey(t => t.PlanId);
        });

        builder.Entity<TrackTier>(e =>
        {
            e.Property(t => t.Code).HasMaxLength(50);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.NameEn).HasMaxLength(100);
            e.HasIndex(t => new { t.PlanId, t.Code }).IsUnique();
            e.OwnsOne(t => t.Source, Quote);
            e.HasMany(t => t.Tracks).WithOne(t => t.Tier).HasForeignKey(t => t.TierId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Track>(e =>
        {
            e.Property(t => t.Code).HasMaxLength(50);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.NameEn).HasMaxLength(100);
            e.HasIndex(t => new { t.PlanId, t.Code }).IsUnique();
            e.OwnsOne(t => t.Source, Quote);
            e.OwnsOne(t => t.Summary, Quote);
            e.OwnsOne(t => t.FocusSource, Quote);
            e.HasMany(t => t.FocusDistricts).WithOne().HasForeignKey(f => f.TrackId);
        });

        builder.Entity<TrackFocusDistrict>(e =>
        {
            e.HasKey(f => new { f.TrackId, f.DistrictId });
            e.HasOne(f => f.District).WithMany().HasForeignKey(f => f.DistrictId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Target>(e =>
        {
            e.Property(t => t.Indicator).HasMaxLength(200);
            e.Property(t => t.IndicatorEn).HasMaxLength(200);
            e.Property(t => t.Unit).HasMaxLength(20);
            e.Property(t => t.Comparator).HasConversion<string>().HasMaxLength(10);
            e.Property(t => t.Value).HasPrecision(18, 4);
            e.OwnsOne(t => t.Source, Quote);
        });

        builder.Entity<Programme>(e =>
        {
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Number).HasMaxLength(20);
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.TitleEn).HasMaxLength(200);
            e.OwnsOne(p => p.Source, Quote);
            e.OwnsOne(p => p.UnitsSource, Quote);
            e.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.ProgrammeId);
        });

        builder.Entity<ProgrammeUnit>(e =>
        {
            e.HasKey(u => new { u.ProgrammeId, u.DepartmentId });
            e.Property(u => u.Role).HasConversion<string>().HasMaxLength(10);
            e.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<District>(e =>
        {
            e.Property(d => d.Code).HasMaxLength(6);
            e.Property(d => d.StatsCode).HasMaxLength(12);
            e.Property(d => d.Name).HasMaxLength(100);
            e.Property(d => d.ShortName).HasMaxLength(100);
            e.Property(d => d.Aliases).HasMaxLength(500);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(d => d.Name).IsUnique();
            e.HasIndex(d => d.Code);
        });

        builder.Entity<Department>(e =>
        {
            e.Property(d => d.Name).HasMaxLength(100);
            e.Property(d => d.FullName).HasMaxLength(200);
            e.Property(d => d.Aliases).HasMaxLength(500);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(d => d.Name).IsUnique();
        });

        builder.Entity<PersonalAccessToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityKey).HasMaxLength(200);
            e.Property(a => a.IpAddress).HasMaxLength(64);
            e.Property(a => a.Detail).HasMaxLength(1000);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.EntityType, a.EntityKey });
            e.HasIndex(a => a.UserName);
        });

        ConfigureRegistries(builder);
        ConfigureChains(builder);
        ConfigureSupervision(builder);
    }

    private static void ConfigureSupervision(ModelBuilder builder)
    {
        builder.Entity<Features.Supervision.SupervisionTask>(e =>
        {
            e.ToTable("SupervisionTasks");
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Cycle).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Number).HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.TitleEn).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(8000);
            e.Property(x => x.Weight).HasPrecision(9, 2);
            e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
            e.HasIndex(x => new { x.PlanId, x.ParentId, x.SortOrder });
            e.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Programme).WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Districts).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Features.Supervision.TaskUnit>(e =>
        {
            e.HasKey(x => new { x.TaskId, x.DepartmentId });
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(x => x.DepartmentId);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Features.Supervision.TaskDistrict>(e =>
        {
            e.HasKey(x => new { x.TaskId, x.DistrictId });
            e.HasIndex(x => x.DistrictId);
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Features.Supervision.TaskMilestone>(e => e.Property(x => x.Title).HasMaxLength(300));
        builder.Entity<Features.Supervision.TaskTarget>(e =>
        {
            e.HasKey(x => new { x.TaskId, x.TargetId });
            e.HasOne(x => x.Target).WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Features.Supervision.ProgressReport>(e =>
        {
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.UnitKey).HasMaxLength(20);
            e.Property(x => x.Percent).HasPrecision(5, 1);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Done).HasMaxLength(4000);
            e.Property(x => x.Problems).HasMaxLength(4000);
            e.Property(x => x.NextSteps).HasMaxLength(4000);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.ReviewedBy).HasMaxLength(256);
            e.Property(x => x.ReviewComment).HasMaxLength(2000);
            e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
            e.HasIndex(x => new { x.TaskId, x.Period, x.UnitKey }).IsUnique();
            e.HasIndex(x => new { x.State, x.SubmittedAt });
            e.HasIndex(x => x.DepartmentId);
            e.HasIndex(x => x.DistrictId);
            e.HasOne(x => x.Task).WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Features.Supervision.ReportEvent>(e =>
        {
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Percent).HasPrecision(5, 1);
            e.Property(x => x.Comment).HasMaxLength(2000);
        });
        builder.Entity<Features.Supervision.ReportAttachment>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StorageKey).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
        });
    }

    private static void ConfigureChains(ModelBuilder builder)
    {
        builder.Entity<Features.Chains.ChainLink>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.Terms).HasMaxLength(1000);
            e.Property(x => x.Position).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.TrackId, x.ParentId, x.SortOrder });
            e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Features.Chains.ChainLink>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Features.Chains.EnterpriseChainLink>(e =>
        {
            e.HasKey(x => new { x.EnterpriseId, x.ChainLinkId });
            // Counts per link (the map) read this index only.
            e.HasIndex(x => new { x.ChainLinkId, x.EnterpriseId });
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.ChainLink).WithMany().HasForeignKey(x => x.ChainLinkId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Features.Chains.ChainSuggestion>(e =>
        {
            e.HasIndex(x => new { x.EnterpriseId, x.ChainLinkId }).IsUnique();
            e.HasIndex(x => new { x.ChainLinkId, x.State, x.Confidence });
            e.Property(x => x.MatchedWords).HasMaxLength(500);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.ChainLink).WithMany().HasForeignKey(x => x.ChainLinkId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void ConfigureRegistries(ModelBuilder builder)
    {
        void Record<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : RegistryRecord
        {
            e.Property(r => r.Version).HasMaxLength(32).IsConcurrencyToken();
            e.HasIndex(r => r.IsDeleted);
        }

        builder.Entity<Enterprise>(e =>
        {
            Record(e);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Name);
            e.Property(x => x.ShortName).HasMaxLength(50);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.RegisteredCapital).HasPrecision(18, 2);
            e.Property(x => x.BusinessScope).HasMaxLength(4000);
            e.Property(x => x.ContactPerson).HasMaxLength(50);
            e.Property(x => x.ContactPhone).HasMaxLength(30);
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
            // Two indexes for the list: (district, deleted) keeps rows in id order, so "newest first, 25 rows" stops early;
            // the wider one covers the name search (name, short name, code), so the count never reads the table rows.
            e.HasIndex(x => new { x.DistrictId, x.IsDeleted });
            e.HasIndex(x => new { x.DistrictId, x.IsDeleted, x.Name, x.ShortName, x.CreditCode }).HasDatabaseName("IX_Enterprises_ListSearch");
            e.HasMany(x => x.Tracks).WithOne().HasForeignKey(t => t.EnterpriseId);
            e.HasMany(x => x.Qualifications).WithOne().HasForeignKey(t => t.EnterpriseId);
            e.HasMany(x => x.Indicators).WithOne().HasForeignKey(t => t.EnterpriseId);
        });
        builder.Entity<EnterpriseNameGram>(e =>
        {
            // Postings of one bigram, one district, in enterprise id order; no foreign key or second index: enterprises are
            // soft-deleted, and a left-over bigram costs a LIKE check, never a wrong result (see EnterpriseNameSearch).
            e.HasKey(x => new { x.Gram, x.DistrictId, x.EnterpriseId });
            e.Property(x => x.Gram).HasMaxLength(4);
        });
        builder.Entity<EnterpriseTrack>(e =>
        {
            e.HasKey(x => new { x.EnterpriseId, x.TrackId });
            e.HasIndex(x => new { x.TrackId, x.EnterpriseId });
            e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<EnterpriseQualification>(e =>
        {
            e.HasKey(x => new { x.EnterpriseId, x.Kind });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(x => new { x.Kind, x.EnterpriseId });
        });
        builder.Entity<EnterpriseIndicator>(e =>
        {
            e.HasKey(x => new { x.EnterpriseId, x.Year });
            foreach (var p in new[] { nameof(EnterpriseIndicator.Revenue), nameof(EnterpriseIndicator.RdExpense), nameof(EnterpriseIndicator.OutputValue), nameof(EnterpriseIndicator.Tax) })
                e.Property(p).HasPrecision(18, 2);
        });
        builder.Entity<KeyProduct>(e =>
        {
            Record(e);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => new { x.Name, x.EnterpriseId });
            e.HasIndex(x => x.EnterpriseId);
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RecognitionLevel).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Scenario>(e =>
        {
            Record(e);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Owner).HasMaxLength(200);
            e.HasIndex(x => new { x.Name, x.Owner });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PilotPark>(e =>
        {
            Record(e);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => new { x.Name, x.DistrictId });
            e.Property(x => x.TrackCodes).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ApprovalLevel).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Area).HasPrecision(18, 4);
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<InnovationPlatform>(e =>
        {
            Record(e);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Host).HasMaxLength(200);
            e.HasIndex(x => new { x.Name, x.Host });
            e.Property(x => x.TrackCodes).HasMaxLength(200);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<KeyProject>(e =>
        {
            Record(e);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => new { x.Name, x.EnterpriseId });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.TotalInvestment).HasPrecision(18, 2);
            e.Property(x => x.CompletedInvestment).HasPrecision(18, 2);
            e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        });

        Features.Goals.GoalsModel.Configure(builder);
        Features.Alerts.AlertsModel.Configure(builder);
        builder.Entity<ChangeStamp>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(40);
            e.HasData(new ChangeStamp { Name = ChangeStamp.Registries, Value = 1 }, new ChangeStamp { Name = ChangeStamp.Supervision, Value = 1 },
                new ChangeStamp { Name = ChangeStamp.Goals, Value = 1 });
        });
    }

    private static void Quote<T>(OwnedNavigationBuilder<T, SourceQuote> q) where T : class
    {
        q.Property(x => x.Text).HasMaxLength(4000);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once, here; the several passes over the entries that follow would otherwise each detect
        // them again, which a 1,000-row import batch pays for.
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            StampRegistryRecords();
            return await SaveDetectedChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async Task<int> SaveDetectedChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var nameGrams = EnterpriseNameSearch.Collect(ChangeTracker);
        var registriesChanged = ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is RegistryRecord or EnterpriseQualification or EnterpriseTrack or EnterpriseIndicator or Features.Chains.ChainLink or Features.Chains.EnterpriseChainLink);
        var supervisionChanged = ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Features.Supervision.SupervisionTask or Features.Supervision.TaskUnit or Features.Supervision.TaskDistrict
                or Features.Supervision.TaskMilestone or Features.Supervision.TaskTarget or Features.Supervision.ProgressReport);
        var goalsChanged = ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && (e.Entity.GetType().Namespace == typeof(Plan).Namespace
                || e.Entity is Features.Goals.IndicatorDefinition or Features.Goals.IndicatorSnapshot or Features.Alerts.Alert or Department or District));
        var audited = new List<(EntityEntry Entry, string Action, string? Before)>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Metadata.IsOwned() || entry.Entity is Features.Audit.IUnaudited) continue;
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("The audit log is append-only.");
                continue;
            }
            switch (entry.State)
            {
                case EntityState.Added: audited.Add((entry, AuditActions.Create, null)); break;
                case EntityState.Modified when HasRealChange(entry): audited.Add((entry, AuditActions.Update, Serialize(entry, original: true))); break;
                case EntityState.Deleted: audited.Add((entry, AuditActions.Delete, Serialize(entry, original: true))); break;
            }
        }
        // In the transaction of the change, after it: the name index follows the enterprises, and the stamps of what changed move on.
        async Task AfterSaveAsync(CancellationToken ct)
        {
            _stamps = null;
            await EnterpriseNameSearch.WriteAsync(this, nameGrams, ct);
            if (registriesChanged) await BumpRegistryStampAsync(ct);
            if (supervisionChanged) await BumpStampAsync(ChangeStamp.Supervision, ct);
            if (goalsChanged) await BumpStampAsync(ChangeStamp.Goals, ct);
        }

        if (audited.Count == 0 || BulkMode)
        {
            if (!registriesChanged && !supervisionChanged && !goalsChanged) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var bulkTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                await AfterSaveAsync(cancellationToken);
                if (bulkTransaction is not null) await bulkTransaction.CommitAsync(cancellationToken);
                return saved;
            }
            finally
            {
                if (bulkTransaction is not null) await bulkTransaction.DisposeAsync();
            }
        }

        // The changes and their audit rows commit together or not at all.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            // Keys generated by the database are known now; values are read before the changes are accepted.
            var now = DateTime.UtcNow;
            var rows = audited.Select(a => NewAuditEntry(now, a.Action, a.Entry.Metadata.ClrType.Name, KeyOf(a.Entry), a.Before,
                a.Action == AuditActions.Delete ? null : Serialize(a.Entry, original: false))).ToList();
            ChangeTracker.AcceptAllChanges();
            await AuditWriter.WriteAsync(this, rows, async ct =>
            {
                AuditEntries.AddRange(rows);
                await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, ct);
            }, cancellationToken);
            await AfterSaveAsync(cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Adds new registry rows of a simple entity type (keys given, nothing generated by the database, no navigations set)
    /// with one audit line each, as a save would, in the current transaction or one of its own, and moves the registries'
    /// stamp on. Rows and audit lines go through <see cref="RowWriter"/> (a prepared statement on SQLite, COPY on
    /// PostgreSQL): an import's thousand-row batch then costs a fraction of EF Core's thousand single-row statements.
    /// Nothing is tracked afterwards.
    /// </summary>
    public async Task InsertAuditedAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        if (!RowWriter.Serves(this))
        {
            Set<T>().AddRange(rows);
            await SaveChangesAsync(ct);
            ChangeTracker.Clear();
            return;
        }
        var entityType = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var properties = entityType.GetProperties().ToList();
        if (properties.Any(p => p.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never))
            throw new InvalidOperationException($"{typeof(T).Name} has values made by the database: save it normally.");
        var keys = entityType.FindPrimaryKey()!.Properties;
        var now = DateTime.UtcNow;
        var audits = rows.Select(row => NewAuditEntry(now, AuditActions.Create, typeof(T).Name,
            string.Join(",", keys.Select(k => Convert.ToString(k.GetGetter().GetClrValue(row), System.Globalization.CultureInfo.InvariantCulture))),
            before: null, SerializeValues(properties.Select(p => (p.Name, p.GetGetter().GetClrValue(row)))))).ToList();

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            await RowWriter.InsertAsync(this, rows, ct);
            await RowWriter.InsertAsync(this, audits, ct);
            _stamps = null;
            await BumpRegistryStampAsync(ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Moves the registries' change stamp on, in the transaction of the change: whatever was computed from the registries
    /// under an older stamp (goal values) is recomputed, so cached figures stay exactly in step with the records.
    /// </summary>
    private Task BumpRegistryStampAsync(CancellationToken ct) =>
        Database.ExecuteSqlRawAsync("UPDATE \"ChangeStamps\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = 'registries'", ct);

    /// <summary>Moves a change stamp on, in the transaction of the change (the supervision's: tasks and reports; the goals': see <see cref="ChangeStamp.Goals"/>).</summary>
    private Task BumpStampAsync(string name, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"UPDATE \"ChangeStamps\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = {name}", ct);

    /// <summary>
    /// The registries' and the goals' change stamps, in one query, read once per context (a request): the layout, the page
    /// and the services it calls share them. A save through this context forgets them, as it may have moved them on.
    /// </summary>
    public async Task<(long Registries, long Goals)> StampsAsync(CancellationToken ct)
    {
        var stamps = await AllStampsAsync(ct);
        return (stamps.GetValueOrDefault(ChangeStamp.Registries), stamps.GetValueOrDefault(ChangeStamp.Goals));
    }

    /// <summary>The supervision's change stamp and the goals' (plans, departments, districts), read with the others once per context.</summary>
    public async Task<(long Supervision, long Goals)> SupervisionStampsAsync(CancellationToken ct)
    {
        var stamps = await AllStampsAsync(ct);
        return (stamps.GetValueOrDefault(ChangeStamp.Supervision), stamps.GetValueOrDefault(ChangeStamp.Goals));
    }

    private async Task<Dictionary<string, long>> AllStampsAsync(CancellationToken ct) =>
        _stamps ??= await ChangeStamps.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Value, StringComparer.Ordinal, ct);

    private Dictionary<string, long>? _stamps;

    /// <summary>Registry records get a new version on every change, and their created/updated times.</summary>
    private void StampRegistryRecords()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries<RegistryRecord>())
        {
            if (entry.State == EntityState.Added)
            {
                if (entry.Entity.CreatedAt == default) entry.Entity.CreatedAt = now;
                entry.Entity.UpdatedAt = now;
            }
            else if (entry.State == EntityState.Modified && HasRealChange(entry))
            {
                // Through the entry, so the properties are marked modified without another pass of change detection.
                entry.Property(e => e.UpdatedAt).CurrentValue = now;
                entry.Property(e => e.Version).CurrentValue = RegistryRecord.NewVersion();
            }
        }
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The entity's values as JSON: all of them for a create or delete, the key and the changed ones for an update.</summary>
    /// <summary>An audit line of the current actor.</summary>
    private AuditEntry NewAuditEntry(DateTime at, string action, string entityType, string entityKey, string? before, string? after) => new()
    {
        At = at,
        UserId = _actor?.UserId,
        UserName = _actor?.UserName ?? "system",
        IpAddress = _actor?.IpAddress,
        Action = action,
        EntityType = entityType,
        EntityKey = entityKey,
        Before = before,
        After = after,
    };

    private static string Serialize(EntityEntry entry, bool original) =>
        SerializeValues(entry.Properties
            .Where(p => entry.State != EntityState.Modified || p.Metadata.IsPrimaryKey() || HasChanged(p))
            .Select(p => (p.Metadata.Name, original ? p.OriginalValue : p.CurrentValue)));

    private static string SerializeValues(IEnumerable<(string Name, object? Value)> properties)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in properties) values[name] = SecretProperties.Contains(name) ? "***" : value;
        return JsonSerializer.Serialize(values, AuditJson);
    }

    private static bool HasChanged(PropertyEntry p) => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);

    private static bool HasRealChange(EntityEntry entry) => entry.Properties.Any(HasChanged);

}

/// <summary>Who is making the current change, for the audit log.</summary>
public interface IAuditActor
{
    string? UserId { get; }
    string UserName { get; }
    string? IpAddress { get; }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

internal sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));

/// <summary>A counter moved on by every change to a set of tables, in the same transaction (see FipDbContext).</summary>
public sealed class ChangeStamp
{
    public const string Registries = "registries";
    /// <summary>Moves on with every change to supervision tasks and reports: the evaluated task tree is cached per value.</summary>
    public const string Supervision = "supervision";
    /// <summary>What goal cards, alerts and the plan summary are read from besides the registries: plans (every entity of Features.Plans), indicators, snapshots, alerts, departments, districts.</summary>
    public const string Goals = "goals";
    public string Name { get; set; } = "";
    public long Value { get; set; }
}
