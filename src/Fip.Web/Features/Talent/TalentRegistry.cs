using System.Linq.Expressions;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Talent;

/// <summary>人才类别 of the core talent pool (工程五).</summary>
public enum TalentCategory
{
    Strategic,     // 战略科技人才
    Leading,       // 科技领军人才
    Young,         // 青年科技人才
    Professional,  // 专业技术人才
}

/// <summary>What kind of body employs a person.</summary>
public enum EmployerKind
{
    Enterprise,   // 企业
    University,   // 高校
    Institute,    // 科研院所
}

/// <summary>
/// 核心人才: a person of the core talent pool. Personal information under PIPL: the purpose it is processed for and the date of
/// consent are recorded; ID number, phone, e-mail and birth date are masked for everyone outside the keeping department
/// (人才办) and admins, every unmasked read is audited, and after <see cref="RetainUntil"/> the record is anonymised.
/// </summary>
public sealed class Talent : RegistryRecord, IScopedResource
{
    public TalentCategory Category { get; set; }
    /// <summary>研究领域.</summary>
    public string? Field { get; set; }
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    /// <summary>产业链环节, by name (the chain maps' link the person works on).</summary>
    public string? ChainLink { get; set; }
    /// <summary>职称/职务.</summary>
    public string? Title { get; set; }
    public string Employer { get; set; } = "";
    public EmployerKind EmployerKind { get; set; }
    /// <summary>The employing enterprise's record, when the employer is a registered enterprise.</summary>
    public int? EnterpriseId { get; set; }
    /// <summary>人才称号/荣誉 (国家级、省级人才计划…).</summary>
    public string? Recognitions { get; set; }
    /// <summary>承担项目.</summary>
    public string? Projects { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public DateOnly? BirthDate { get; set; }
    /// <summary>处理目的 (PIPL art. 17): what the personal information is collected for.</summary>
    public string Purpose { get; set; } = "";
    /// <summary>The date the person consented (PIPL art. 14).</summary>
    public DateOnly? ConsentOn { get; set; }
    /// <summary>保存期限: after this date the retention job anonymises the record.</summary>
    public DateOnly? RetainUntil { get; set; }
    public DateTime? AnonymisedAt { get; set; }
    /// <summary>The department keeping the pool (人才办): its users hold the talent scope.</summary>
    public int? KeeperDepartmentId { get; set; }

    int? IScopedResource.OwnerDepartmentId => KeeperDepartmentId;
}

internal sealed class TalentConfiguration : IEntityTypeConfiguration<Talent>
{
    public void Configure(EntityTypeBuilder<Talent> e)
    {
        e.ToTable("Talents");
        RegistryRecordMapping.Record(e);
        e.Property(x => x.Name).HasMaxLength(100);
        e.HasIndex(x => x.Name);
        e.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.EmployerKind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Field).HasMaxLength(100);
        e.Property(x => x.ChainLink).HasMaxLength(100);
        e.Property(x => x.Title).HasMaxLength(100);
        e.Property(x => x.Employer).HasMaxLength(200);
        e.Property(x => x.Recognitions).HasMaxLength(2000);
        e.Property(x => x.Projects).HasMaxLength(2000);
        e.Property(x => x.IdNumber).HasMaxLength(18);
        e.HasIndex(x => x.IdNumber);
        e.Property(x => x.Phone).HasMaxLength(30);
        e.Property(x => x.Email).HasMaxLength(254);
        e.Property(x => x.Purpose).HasMaxLength(500);
        e.HasIndex(x => x.RetainUntil);
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation.Department>().WithMany().HasForeignKey(x => x.KeeperDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The core talent pool as a registry: read by staff (enterprise users see none), kept and imported by the talent office
/// (<see cref="KeeperMarker"/>) and admins. See <see cref="Talent"/> for the personal-information rules.
/// </summary>
public sealed class TalentRegistry : Registry<Talent>
{
    public const string Key = "talents";
    /// <summary>The department whose name or alias contains this keeps the pool (市委组织部（人才办）, alias 市委人才办).</summary>
    public const string KeeperMarker = "人才办";
    /// <summary>How long a record is kept after consent when no date is given (years).</summary>
    public const int DefaultRetentionYears = 5;

    public override string Name => Key;
    public override string WritePolicy => Policies.DepartmentWrite;
    public override string ReadPolicy => Policies.Staff;
    public override string ImportPolicy => Policies.DepartmentWrite;
    public override bool LogsPersonalReads => true;

    public override IReadOnlyList<RegistryFilterKey> Filters { get; } =
        [RegistryFilterKey.Track, RegistryFilterKey.Choice<TalentCategory>("kind")];

    public override Expression<Func<Talent, int?>> DistrictOf { get; } = x => null;

    public override CriteriaCatalogue<Talent> Criteria { get; } = new(Key,
        [
            CriteriaFields.Enum<Talent, TalentCategory>("kind", "Field.talents.category", x => x.Category),
            CriteriaFields.Enum<Talent, EmployerKind>("employerKind", "Field.talents.employerKind", x => x.EmployerKind),
        ], x => x.ConsentOn, "Field.talents.consentOn");

    public override IReadOnlyList<RegistryField<Talent>> Fields { get; } =
    [
        F("name", FieldKind.Text, x => x.Name, (x, v) => x.Name = (string)v!)
            with { Required = true, MaxLength = 100, InList = true, Example = "王明" },
        F("category", FieldKind.Enum, x => x.Category, (x, v) => x.Category = (TalentCategory)v!)
            with { Required = true, EnumType = typeof(TalentCategory), InList = true, Example = "青年科技人才" },
        F("field", FieldKind.Text, x => x.Field, (x, v) => x.Field = (string?)v) with { MaxLength = 100, Example = "飞行控制" },
        F("track", FieldKind.Track, x => x.TrackId, (x, v) => x.TrackId = (int?)v) with { InList = true, Example = "低空经济" },
        F("chainLink", FieldKind.Text, x => x.ChainLink, (x, v) => x.ChainLink = (string?)v) with { MaxLength = 100, Example = "飞控系统" },
        F("title", FieldKind.Text, x => x.Title, (x, v) => x.Title = (string?)v) with { MaxLength = 100, Example = "高级工程师" },
        F("employer", FieldKind.Text, x => x.Employer, (x, v) => x.Employer = (string)v!)
            with { Required = true, MaxLength = 200, InList = true, Example = "扬州大学" },
        F("employerKind", FieldKind.Enum, x => x.EmployerKind, (x, v) => x.EmployerKind = (EmployerKind)v!)
            with { Required = true, EnumType = typeof(EmployerKind), Example = "高校" },
        F("enterprise", FieldKind.Enterprise, x => x.EnterpriseId, (x, v) => x.EnterpriseId = (int?)v),
        F("recognitions", FieldKind.LongText, x => x.Recognitions, (x, v) => x.Recognitions = (string?)v)
            with { MaxLength = 2000, Example = "省“双创人才”" },
        F("projects", FieldKind.LongText, x => x.Projects, (x, v) => x.Projects = (string?)v) with { MaxLength = 2000 },
        F("idNumber", FieldKind.IdNumber, x => x.IdNumber, (x, v) => x.IdNumber = (string?)v)
            with { Personal = true, Example = "11010519491231002X" },
        F("phone", FieldKind.Phone, x => x.Phone, (x, v) => x.Phone = (string?)v) with { Personal = true, Example = "13800000000" },
        F("email", FieldKind.Email, x => x.Email, (x, v) => x.Email = (string?)v)
            with { Personal = true, MaxLength = 254, Example = "wang@example.com" },
        F("birthDate", FieldKind.Date, x => x.BirthDate, (x, v) => x.BirthDate = (DateOnly?)v)
            with { Personal = true, Example = "1949-12-31" },
        F("purpose", FieldKind.Text, x => x.Purpose, (x, v) => x.Purpose = (string)v!)
            with { Required = true, MaxLength = 500, Example = "核心人才库建设与人才服务" },
        F("consentOn", FieldKind.Date, x => x.ConsentOn, (x, v) => x.ConsentOn = (DateOnly?)v)
            with { Required = true, Example = "2025-03-01" },
        F("retainUntil", FieldKind.Date, x => x.RetainUntil, (x, v) => x.RetainUntil = (DateOnly?)v) with { Example = "2030-03-01" },
    ];

    public override IQueryable<Talent> Query(FipDbContext db) => db.Set<Talent>();

    public override IQueryable<Talent> Search(IQueryable<Talent> q, string pattern) =>
        q.Where(x => EF.Functions.Like(x.Name, pattern, "\\") || EF.Functions.Like(x.Employer, pattern, "\\"));

    public override IQueryable<Talent> Filter(IQueryable<Talent> q, RegistryFilter f)
    {
        if (f.Track is { } t) q = q.Where(x => x.TrackId == t);
        if (ParseEnum<TalentCategory>(f.Kind) is { } k) q = q.Where(x => x.Category == k);
        return q;
    }

    /// <summary>The pool is the government's, not an enterprise's: enterprise users list none of it.</summary>
    public override IQueryable<Talent> VisibleTo(IQueryable<Talent> query, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Enterprise) ? query.Where(x => false) : query;

    protected override IReadOnlyDictionary<string, Func<IQueryable<Talent>, bool, IQueryable<Talent>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<Talent>, bool, IQueryable<Talent>>>(StringComparer.Ordinal)
        {
            ["name"] = By(x => x.Name),
            ["updatedAt"] = By(x => x.UpdatedAt),
        };

    /// <summary>The ID number when there is one; otherwise name and employer.</summary>
    public override string NaturalKey(Talent r) => r.IdNumber is { Length: > 0 } id ? "id|" + id : $"{r.Name}|{r.Employer}";

    public override async Task<Dictionary<string, Talent>> FindByNaturalKeysAsync(FipDbContext db, IReadOnlyCollection<Talent> candidates,
        CancellationToken ct)
    {
        var names = candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var ids = candidates.Select(c => c.IdNumber).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return (await Query(db).Where(r => names.Contains(r.Name) || (r.IdNumber != null && ids.Contains(r.IdNumber))).ToListAsync(ct))
            .GroupBy(NaturalKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public override async Task<FieldText.Problem?> CompleteAsync(FipDbContext db, Talent record, CancellationToken ct)
    {
        record.KeeperDepartmentId ??= await KeepingDepartments.FindAsync(db, KeeperMarker, ct);
        if (record.ConsentOn is { } consent)
        {
            record.RetainUntil ??= consent.AddYears(DefaultRetentionYears);
            if (record.RetainUntil < consent) return new FieldText.Problem("Talent.RetainBeforeConsent");
        }
        if (record.IdNumber is { } id && record.BirthDate is { } born && Infrastructure.IdNumber.BirthDate(id) != born)
            return new FieldText.Problem("Talent.BirthDateMismatch");
        return null;
    }
}
