using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Demand;

/// <summary>
/// 人才需求 as a registry: posted by enterprises for their own enterprise (and by district users and admins within their scope),
/// read by staff in full and by an enterprise user for its own enterprise only.
/// </summary>
public sealed class TalentDemandRegistry : Registry<TalentDemand>
{
    public const string Key = "demands";
    public override string Name => Key;
    public override string WritePolicy => Policies.RecordWrite;
    public override bool EnterpriseUsersCreate => true;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } =
        [RegistryFilterKey.District, RegistryFilterKey.Track, RegistryFilterKey.Choice<DemandUrgency>("level")];
    public override Expression<Func<TalentDemand, int?>> DistrictOf { get; } = x => x.Enterprise.DistrictId;

    public override CriteriaCatalogue<TalentDemand> Criteria { get; } = new(Key,
        [
            CriteriaFields.Enum<TalentDemand, DemandUrgency>("urgency", "Field.demands.urgency", x => x.Urgency),
            CriteriaFields.Enum<TalentDemand, EducationLevel>("education", "Field.demands.education", x => x.Education),
        ], x => x.PostedOn, "Field.demands.postedOn");

    public override IReadOnlyList<RegistryField<TalentDemand>> Fields { get; } =
    [
        F("name", FieldKind.Text, x => x.Name, (x, v) => x.Name = (string)v!)
            with { Required = true, MaxLength = 100, InList = true, Example = "飞控算法工程师" },
        F("enterprise", FieldKind.Enterprise, x => x.EnterpriseId, (x, v) => x.EnterpriseId = (int)v!)
            with { Required = true, InList = true, Example = "91321003MA1MDEMA0J" },
        F("track", FieldKind.Track, x => x.TrackId, (x, v) => x.TrackId = (int?)v) with { InList = true, Example = "低空经济" },
        F("skills", FieldKind.Text, x => x.Skills, (x, v) => x.Skills = (string?)v) with { MaxLength = 500, Example = "飞控系统、嵌入式" },
        F("headcount", FieldKind.Int, x => x.Headcount, (x, v) => x.Headcount = (int?)v ?? 1)
            with { Required = true, InList = true, Example = "3" },
        F("education", FieldKind.Enum, x => x.Education, (x, v) => x.Education = (EducationLevel)v!)
            with { Required = true, EnumType = typeof(EducationLevel), Example = "硕士" },
        F("salaryMin", FieldKind.Decimal, x => x.SalaryMin, (x, v) => x.SalaryMin = (decimal?)v) with { Example = "15000" },
        F("salaryMax", FieldKind.Decimal, x => x.SalaryMax, (x, v) => x.SalaryMax = (decimal?)v) with { Example = "25000" },
        F("urgency", FieldKind.Enum, x => x.Urgency, (x, v) => x.Urgency = (DemandUrgency)v!)
            with { Required = true, EnumType = typeof(DemandUrgency), InList = true, Example = "紧急" },
        F("postedOn", FieldKind.Date, x => x.PostedOn, (x, v) => x.PostedOn = (DateOnly?)v) with { Example = "2025-03-01" },
    ];

    public override IQueryable<TalentDemand> Query(FipDbContext db) => db.Set<TalentDemand>().Include(x => x.Enterprise);

    public override IQueryable<TalentDemand> Search(IQueryable<TalentDemand> q, string pattern) =>
        q.Where(x => EF.Functions.Like(x.Name, pattern, "\\") || EF.Functions.Like(x.Enterprise.Name, pattern, "\\")
            || (x.Skills != null && EF.Functions.Like(x.Skills, pattern, "\\")));

    public override IQueryable<TalentDemand> Filter(IQueryable<TalentDemand> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(x => x.Enterprise.DistrictId == d);
        if (f.Track is { } t) q = q.Where(x => x.TrackId == t);
        if (ParseEnum<DemandUrgency>(f.Level) is { } u) q = q.Where(x => x.Urgency == u);
        return q;
    }

    public override IQueryable<TalentDemand> VisibleTo(IQueryable<TalentDemand> q, ClaimsPrincipal user) =>
        user.Role() == Roles.Enterprise ? q.Where(x => x.Enterprise.CreditCode == user.EnterpriseUscc()) : q;

    protected override IReadOnlyDictionary<string, Func<IQueryable<TalentDemand>, bool, IQueryable<TalentDemand>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<TalentDemand>, bool, IQueryable<TalentDemand>>>(StringComparer.Ordinal)
        {
            ["name"] = By(x => x.Name),
            ["headcount"] = By(x => x.Headcount),
            ["updatedAt"] = By(x => x.UpdatedAt),
        };

    public override string NaturalKey(TalentDemand r) => $"{r.Name}|{r.EnterpriseId.ToString(CultureInfo.InvariantCulture)}";

    public override Task<FieldText.Problem?> CompleteAsync(FipDbContext db, TalentDemand record, CancellationToken ct) =>
        Task.FromResult(Check(record.Headcount, record.SalaryMin, record.SalaryMax));

    /// <summary>A demand asks for at least one person, and its salary range is not upside down.</summary>
    public static FieldText.Problem? Check(int headcount, decimal? salaryMin, decimal? salaryMax) =>
        headcount < 1 ? new FieldText.Problem("Demand.Headcount")
        : salaryMin < 0 || salaryMax < 0 ? new FieldText.Problem("Demand.SalaryNegative")
        : salaryMin > salaryMax ? new FieldText.Problem("Demand.SalaryRange")
        : null;
}

/// <summary>
/// 技能目录 as a registry: the positions and skills of each track, read by staff, kept (edited and imported) by the talent office
/// (the department whose name or alias contains 人才办) and admins.
/// </summary>
public sealed class TalentSkillRegistry : Registry<TalentSkill>
{
    public const string Key = "skills";
    public const string KeeperMarker = "人才办";
    public override string Name => Key;
    public override string WritePolicy => Policies.DepartmentWrite;
    public override string ReadPolicy => Policies.Staff;
    public override string ImportPolicy => Policies.DepartmentWrite;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } = [RegistryFilterKey.Track];
    public override Expression<Func<TalentSkill, int?>> DistrictOf { get; } = x => null;

    public override CriteriaCatalogue<TalentSkill> Criteria { get; } = new(Key, [], null, "Field.skills.name");

    public override IReadOnlyList<RegistryField<TalentSkill>> Fields { get; } =
    [
        F("name", FieldKind.Text, x => x.Name, (x, v) => x.Name = (string)v!)
            with { Required = true, MaxLength = 100, InList = true, Example = "飞控系统" },
        F("track", FieldKind.Track, x => x.TrackId, (x, v) => x.TrackId = (int)v!)
            with { Required = true, InList = true, Example = "低空经济" },
        F("terms", FieldKind.Text, x => x.Terms, (x, v) => x.Terms = (string?)v) with
            { MaxLength = 500, InList = true, Example = "飞控|自驾仪" },
    ];

    public override IQueryable<TalentSkill> Query(FipDbContext db) => db.Set<TalentSkill>();

    public override IQueryable<TalentSkill> Search(IQueryable<TalentSkill> q, string pattern) =>
        q.Where(x => EF.Functions.Like(x.Name, pattern, "\\") || (x.Terms != null && EF.Functions.Like(x.Terms, pattern, "\\")));

    public override IQueryable<TalentSkill> Filter(IQueryable<TalentSkill> q, RegistryFilter f) =>
        f.Track is { } t ? q.Where(x => x.TrackId == t) : q;

    public override IQueryable<TalentSkill> VisibleTo(IQueryable<TalentSkill> q, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Enterprise) ? q.Where(x => false) : q;

    protected override IReadOnlyDictionary<string, Func<IQueryable<TalentSkill>, bool, IQueryable<TalentSkill>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<TalentSkill>, bool, IQueryable<TalentSkill>>>(StringComparer.Ordinal)
        {
            ["name"] = By(x => x.Name),
            ["updatedAt"] = By(x => x.UpdatedAt),
        };

    public override string NaturalKey(TalentSkill r) => $"{r.TrackId.ToString(CultureInfo.InvariantCulture)}|{r.Name}";

    public override async Task<FieldText.Problem?> CompleteAsync(FipDbContext db, TalentSkill record, CancellationToken ct)
    {
        record.KeeperDepartmentId ??= await KeepingDepartments.FindAsync(db, KeeperMarker, ct);
        return null;
    }
}
