using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Finance;

/// <summary>What kind of money a financing need asks for.</summary>
public enum NeedKind
{
    Equity,  // 股权融资
    Loan,    // 银行贷款
    Either,  // 均可
}

/// <summary>Where a financing need stands: open until the finance office records it met (by an investment or a loan) or closed
/// unmet with a reason.</summary>
public enum NeedStatus
{
    Open,         // 对接中
    Funded,       // 已满足
    ClosedUnmet,  // 未满足（已关闭）
}

/// <summary>
/// 融资需求: an enterprise asks for an amount (万元) for a use (the record's name) at its stage, on a track. Scope follows the
/// enterprise (it posts and sees only its own); the finance office (the keeping department) reads all, matches it to funds and
/// banks and records the outcome: met by one investment or loan of the same enterprise, or closed unmet with a reason.
/// </summary>
public sealed class FinancingNeed : RegistryRecord, IScopedResource, IEnterpriseScoped
{
    public int EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    public decimal Amount { get; set; }
    public NeedKind Kind { get; set; }
    public InvestmentRound Stage { get; set; }
    public DateOnly PostedOn { get; set; }
    public int? KeeperDepartmentId { get; set; }

    public NeedStatus Status { get; set; }
    public int? InvestmentId { get; set; }
    public Investment? Investment { get; set; }
    public int? LoanId { get; set; }
    public Loan? Loan { get; set; }
    /// <summary>What was raised (万元) and when: copied from the investment or loan that met the need.</summary>
    public decimal? OutcomeAmount { get; set; }
    public DateOnly? OutcomeOn { get; set; }
    public string? ClosedReason { get; set; }
    public string? OutcomeBy { get; set; }
    public DateTime? OutcomeAt { get; set; }

    int? IScopedResource.OwnerDepartmentId => KeeperDepartmentId;
    int? IScopedResource.OwnerDistrictId => Enterprise?.DistrictId;
    string? IScopedResource.OwnerEnterpriseUscc => Enterprise?.CreditCode;
}

internal sealed class FinancingNeedConfiguration : IEntityTypeConfiguration<FinancingNeed>
{
    public void Configure(EntityTypeBuilder<FinancingNeed> e)
    {
        e.ToTable("FinancingNeeds");
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => new { x.Name, x.EnterpriseId });
        e.HasIndex(x => new { x.Status, x.PostedOn });
        e.Property(x => x.Amount).HasPrecision(18, 2);
        e.Property(x => x.OutcomeAmount).HasPrecision(18, 2);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ClosedReason).HasMaxLength(500);
        e.Property(x => x.OutcomeBy).HasMaxLength(100);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Investment).WithMany().HasForeignKey(x => x.InvestmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Loan).WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation.Department>().WithMany().HasForeignKey(x => x.KeeperDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// 融资需求 as a registry: posted by an enterprise for itself (and by district users and admins within their scope), read by
/// staff in full and by an enterprise user for its own enterprise only. The outcome is not a field: the finance office records
/// it (<see cref="FinancingNeedService"/>).
/// </summary>
public sealed class FinancingNeedRegistry : Registry<FinancingNeed>
{
    public const string Key = "needs";
    public override string Name => Key;
    public override string WritePolicy => Policies.RecordWrite;
    public override bool EnterpriseUsersCreate => true;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } =
        [RegistryFilterKey.District, RegistryFilterKey.Track, RegistryFilterKey.Choice<NeedStatus>("status")];
    public override Expression<Func<FinancingNeed, int?>> DistrictOf { get; } = x => x.Enterprise.DistrictId;

    public override CriteriaCatalogue<FinancingNeed> Criteria { get; } = new(Key,
        [
            CriteriaFields.Enum<FinancingNeed, NeedStatus>("status", "Field.needs.status", x => x.Status),
            CriteriaFields.Enum<FinancingNeed, NeedKind>("kind", "Field.needs.kind", x => x.Kind),
            CriteriaFields.Enum<FinancingNeed, InvestmentRound>("stage", "Field.needs.stage", x => x.Stage),
        ], x => x.PostedOn, "Field.needs.postedOn");

    public override IReadOnlyList<RegistryField<FinancingNeed>> Fields { get; } =
    [
        F("name", FieldKind.Text, x => x.Name, (x, v) => x.Name = (string)v!)
            with { Required = true, MaxLength = 200, InList = true, Example = "扩产设备采购" },
        F("enterprise", FieldKind.Enterprise, x => x.EnterpriseId, (x, v) => x.EnterpriseId = (int)v!)
            with { Required = true, InList = true, Example = "91321003MA1MDEMA0J" },
        F("track", FieldKind.Track, x => x.TrackId, (x, v) => x.TrackId = (int?)v) with { InList = true, Example = "低空经济" },
        F("amount", FieldKind.Decimal, x => x.Amount, (x, v) => x.Amount = (decimal?)v ?? 0)
            with { Required = true, InList = true, Example = "500" },
        F("kind", FieldKind.Enum, x => x.Kind, (x, v) => x.Kind = (NeedKind)v!)
            with { Required = true, EnumType = typeof(NeedKind), InList = true, Example = "均可" },
        F("stage", FieldKind.Enum, x => x.Stage, (x, v) => x.Stage = (InvestmentRound)v!)
            with { Required = true, EnumType = typeof(InvestmentRound), InList = true, Example = "天使轮" },
        F("postedOn", FieldKind.Date, x => x.PostedOn, (x, v) => x.PostedOn = (DateOnly?)v ?? default)
            with { Required = true, InList = true, Example = "2025-03-01" },
    ];

    public override IQueryable<FinancingNeed> Query(FipDbContext db) => db.Set<FinancingNeed>().Include(x => x.Enterprise);

    public override IQueryable<FinancingNeed> Search(IQueryable<FinancingNeed> q, string pattern) =>
        q.Where(x => EF.Functions.Like(x.Name, pattern, "\\") || EF.Functions.Like(x.Enterprise.Name, pattern, "\\"));

    public override IQueryable<FinancingNeed> Filter(IQueryable<FinancingNeed> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(x => x.Enterprise.DistrictId == d);
        if (f.Track is { } t) q = q.Where(x => x.TrackId == t);
        if (ParseEnum<NeedStatus>(f.Status) is { } s) q = q.Where(x => x.Status == s);
        return q;
    }

    public override IQueryable<FinancingNeed> VisibleTo(IQueryable<FinancingNeed> q, ClaimsPrincipal user) =>
        user.Role() == Roles.Enterprise ? q.Where(x => x.Enterprise.CreditCode == user.EnterpriseUscc()) : q;

    protected override IReadOnlyDictionary<string, Func<IQueryable<FinancingNeed>, bool, IQueryable<FinancingNeed>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<FinancingNeed>, bool, IQueryable<FinancingNeed>>>(StringComparer.Ordinal)
        {
            ["postedOn"] = By(x => x.PostedOn),
            ["amount"] = By(x => x.Amount),
            ["updatedAt"] = By(x => x.UpdatedAt),
        };

    public override string NaturalKey(FinancingNeed r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Name}|{r.EnterpriseId}|{r.PostedOn:yyyy-MM-dd}");

    /// <summary>An amount above zero; the need is kept by the finance office; posted no earlier than the enterprise was founded.</summary>
    public override async Task<FieldText.Problem?> CompleteAsync(FipDbContext db, FinancingNeed record, CancellationToken ct)
    {
        if (record.Amount <= 0) return new FieldText.Problem("Finance.NeedAmount");
        record.KeeperDepartmentId ??= await KeepingDepartments.FindAsync(db, FundRegistry.KeeperMarker, ct);
        var founded = await db.Enterprises.AsNoTracking().Where(x => x.Id == record.EnterpriseId)
            .Select(x => new { x.Name, x.FoundedOn }).FirstOrDefaultAsync(ct);
        return founded?.FoundedOn is { } on && record.PostedOn < on
            ? new FieldText.Problem("Finance.BeforeFounding", founded.Name, on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
    }
}
