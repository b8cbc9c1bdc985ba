using System.Linq.Expressions;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>关键产品: name + enterprise is the natural key; scope follows the enterprise.</summary>
public sealed class ProductRegistry : Registry<KeyProduct>
{
    public const string Key = "products";
    public override string Name => Key;
    public override string WritePolicy => Policies.RecordWrite;
    public override bool EnterpriseUsersCreate => true;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } = [RegistryFilterKey.District, RegistryFilterKey.Track,
        RegistryFilterKey.Choice<ProductStage>("stage"), RegistryFilterKey.Choice<RecognitionLevel>("level")];
    public override Expression<Func<KeyProduct, int?>> DistrictOf { get; } = p => p.Enterprise.DistrictId;

    public override CriteriaCatalogue<KeyProduct> Criteria { get; } = new(Key,
    [
        CriteriaFields.NullableEnum<KeyProduct, RecognitionLevel>("recognitionLevel", "Field.products.recognitionLevel",
            p => p.RecognitionLevel),
        CriteriaFields.Enum<KeyProduct, ProductStage>("stage", "Field.products.stage", p => p.Stage),
        CriteriaFields.Flag<KeyProduct>("firstOfItsKind", "Field.products.firstOfItsKind", p => p.FirstOfItsKind),
    ], p => p.RecognizedOn, "Field.products.recognizedOn");

    public override IReadOnlyList<RegistryField<KeyProduct>> Fields { get; } =
    [
        F("name", FieldKind.Text, p => p.Name, (p, v) => p.Name = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "YZ-200型工业无人机" },
        F("enterprise", FieldKind.Enterprise, p => p.EnterpriseId, (p, v) => p.EnterpriseId = (int)v!) with { Required = true,
            InList = true, Example = "91321003MA1MDEMA0J" },
        F("track", FieldKind.Track, p => p.TrackId, (p, v) => p.TrackId = (int?)v) with { InList = true, Example = "低空经济" },
        F("stage", FieldKind.Enum, p => p.Stage, (p, v) => p.Stage = (ProductStage)v!) with { Required = true,
            EnumType = typeof(ProductStage), InList = true, Example = "样机" },
        F("firstOfItsKind", FieldKind.Bool, p => p.FirstOfItsKind, (p, v) => p.FirstOfItsKind = (bool?)v ?? false) with { Example = "否" },
        F("recognitionLevel", FieldKind.Enum, p => p.RecognitionLevel,
            (p, v) => p.RecognitionLevel = (RecognitionLevel?)v) with { EnumType = typeof(RecognitionLevel), InList = true,
            Example = "省级" },
        F("recognizedOn", FieldKind.Date, p => p.RecognizedOn, (p, v) => p.RecognizedOn = (DateOnly?)v) with { Example = "2024-06-30" },
        F("description", FieldKind.LongText, p => p.Description, (p, v) => p.Description = (string?)v) with { MaxLength = 2000 },
    ];

    public override IQueryable<KeyProduct> Query(FipDbContext db) => db.KeyProducts.Include(p => p.Enterprise);
    public override IQueryable<KeyProduct> Search(IQueryable<KeyProduct> q, string pattern) =>
        q.Where(p => EF.Functions.Like(p.Name, pattern, "\\") || EF.Functions.Like(p.Enterprise.Name, pattern, "\\"));

    public override IQueryable<KeyProduct> Filter(IQueryable<KeyProduct> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(p => p.Enterprise.DistrictId == d);
        if (f.Track is { } t) q = q.Where(p => p.TrackId == t);
        if (ParseEnum<ProductStage>(f.Stage) is { } s) q = q.Where(p => p.Stage == s);
        if (ParseEnum<RecognitionLevel>(f.Level) is { } l) q = q.Where(p => p.RecognitionLevel == l);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<KeyProduct>, bool, IQueryable<KeyProduct>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<KeyProduct>, bool, IQueryable<KeyProduct>>>(StringComparer.Ordinal)
        {
            ["name"] = By(p => p.Name),
            ["stage"] = By(p => p.Stage),
            ["updatedAt"] = By(p => p.UpdatedAt),
        };

    public override string NaturalKey(KeyProduct r) =>
        $"{r.Name}|{r.EnterpriseId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";


    public override IQueryable<KeyProduct> VisibleTo(IQueryable<KeyProduct> q, ClaimsPrincipal user) =>
        user.Role() == Roles.Enterprise ? q.Where(p => p.Enterprise.CreditCode == user.EnterpriseUscc()) : q;

}

/// <summary>应用场景: name + owner organisation is the natural key; scope is the district.</summary>
public sealed class ScenarioRegistry : Registry<Scenario>
{
    public const string Key = "scenarios";
    public override string Name => Key;
    public override string WritePolicy => Policies.DistrictWrite;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } = [RegistryFilterKey.District, RegistryFilterKey.Track,
        RegistryFilterKey.Choice<ScenarioKind>("kind"), RegistryFilterKey.Choice<ScenarioStage>("stage"),
        RegistryFilterKey.Choice<ScenarioStatus>("status")];
    public override Expression<Func<Scenario, int?>> DistrictOf { get; } = s => s.DistrictId;

    public override CriteriaCatalogue<Scenario> Criteria { get; } = new(Key,
    [
        CriteriaFields.Enum<Scenario, ScenarioStage>("stage", "Field.scenarios.stage", s => s.Stage),
        CriteriaFields.Enum<Scenario, ScenarioStatus>("status", "Field.scenarios.status", s => s.Status),
        CriteriaFields.Enum<Scenario, ScenarioKind>("kind", "Field.scenarios.kind", s => s.Kind),
    ], s => s.StartOn, "Field.scenarios.startOn");

    public override IReadOnlyList<RegistryField<Scenario>> Fields { get; } =
    [
        F("name", FieldKind.Text, s => s.Name, (s, v) => s.Name = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "城市低空物流配送示范场景" },
        F("owner", FieldKind.Text, s => s.Owner, (s, v) => s.Owner = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "扬州市邮政分公司" },
        F("district", FieldKind.District, s => s.DistrictId, (s, v) => s.DistrictId = (int)v!) with { Required = true, InList = true,
            Example = "广陵区" },
        F("track", FieldKind.Track, s => s.TrackId, (s, v) => s.TrackId = (int?)v) with { InList = true, Example = "低空经济" },
        F("kind", FieldKind.Enum, s => s.Kind, (s, v) => s.Kind = (ScenarioKind)v!) with { Required = true, EnumType = typeof(ScenarioKind),
            InList = true, Example = "示范" },
        F("stage", FieldKind.Enum, s => s.Stage, (s, v) => s.Stage = (ScenarioStage)v!) with { Required = true,
            EnumType = typeof(ScenarioStage), InList = true, Example = "融合试验" },
        F("status", FieldKind.Enum, s => s.Status, (s, v) => s.Status = (ScenarioStatus)v!) with { Required = true,
            EnumType = typeof(ScenarioStatus), InList = true, Example = "建设中" },
        F("startOn", FieldKind.Date, s => s.StartOn, (s, v) => s.StartOn = (DateOnly?)v) with { Example = "2024-03-01" },
        F("endOn", FieldKind.Date, s => s.EndOn, (s, v) => s.EndOn = (DateOnly?)v) with { Example = "2025-12-31" },
        F("description", FieldKind.LongText, s => s.Description, (s, v) => s.Description = (string?)v) with { MaxLength = 4000 },
    ];

    public override IQueryable<Scenario> Query(FipDbContext db) => db.Scenarios;
    public override IQueryable<Scenario> Search(IQueryable<Scenario> q, string pattern) =>
        q.Where(s => EF.Functions.Like(s.Name, pattern, "\\") || EF.Functions.Like(s.Owner, pattern, "\\"));

    public override IQueryable<Scenario> Filter(IQueryable<Scenario> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(s => s.DistrictId == d);
        if (f.Track is { } t) q = q.Where(s => s.TrackId == t);
        if (ParseEnum<ScenarioKind>(f.Kind) is { } k) q = q.Where(s => s.Kind == k);
        if (ParseEnum<ScenarioStage>(f.Stage) is { } st) q = q.Where(s => s.Stage == st);
        if (ParseEnum<ScenarioStatus>(f.Status) is { } ss) q = q.Where(s => s.Status == ss);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<Scenario>, bool, IQueryable<Scenario>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<Scenario>, bool, IQueryable<Scenario>>>(StringComparer.Ordinal)
        {
            ["name"] = By(s => s.Name),
            ["stage"] = By(s => s.Stage),
            ["status"] = By(s => s.Status),
            ["updatedAt"] = By(s => s.UpdatedAt),
        };

    public override string NaturalKey(Scenario r) => $"{r.Name}|{r.Owner}";


}

/// <summary>先导园区: name + district is the natural key.</summary>
public sealed class ParkRegistry : Registry<PilotPark>
{
    public const string Key = "parks";
    public override string Name => Key;
    public override string WritePolicy => Policies.DistrictWrite;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } = [RegistryFilterKey.District, RegistryFilterKey.Track,
        RegistryFilterKey.Choice<ParkStatus>("status"), RegistryFilterKey.Choice<RecognitionLevel>("level")];
    public override Expression<Func<PilotPark, int?>> DistrictOf { get; } = p => p.DistrictId;

    public override CriteriaCatalogue<PilotPark> Criteria { get; } = new(Key,
    [
        CriteriaFields.Enum<PilotPark, ParkStatus>("status", "Field.parks.status", p => p.Status),
        CriteriaFields.NullableEnum<PilotPark, RecognitionLevel>("approvalLevel", "Field.parks.approvalLevel", p => p.ApprovalLevel),
    ], p => p.ApprovedOn, "Field.parks.approvedOn");

    public override IReadOnlyList<RegistryField<PilotPark>> Fields { get; } =
    [
        F("name", FieldKind.Text, p => p.Name, (p, v) => p.Name = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "扬州低空经济未来产业先导园" },
        F("district", FieldKind.District, p => p.DistrictId, (p, v) => p.DistrictId = (int)v!) with { Required = true, InList = true,
            Example = "江都区" },
        F("tracks", FieldKind.TrackList, p => TrackIds(p.TrackCodes), (p, v) => p.TrackCodes = TrackCodes((int[]?)v)) with { InList = true,
            Example = "低空经济" },
        F("status", FieldKind.Enum, p => p.Status, (p, v) => p.Status = (ParkStatus)v!) with { Required = true,
            EnumType = typeof(ParkStatus), InList = true, Example = "在建" },
        F("area", FieldKind.Decimal, p => p.Area, (p, v) => p.Area = (decimal?)v) with { Example = "3.5" },
        F("approvedOn", FieldKind.Date, p => p.ApprovedOn, (p, v) => p.ApprovedOn = (DateOnly?)v) with { Example = "2024-09-01" },
        F("approvalLevel", FieldKind.Enum, p => p.ApprovalLevel,
            (p, v) => p.ApprovalLevel = (RecognitionLevel?)v) with { EnumType = typeof(RecognitionLevel), InList = true, Example = "市级" },
    ];

    /// <summary>Parks keep track ids as text ("3|5"): a park has few tracks and no query joins on them but a LIKE.</summary>
    internal static int[] TrackIds(string codes) =>
        [.. codes.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))
            .Order()];

    internal static string TrackCodes(int[]? ids) => ids is null || ids.Length == 0 ? "" : "|" + string.Join('|', ids.Order()) + "|";

    public override IQueryable<PilotPark> Query(FipDbContext db) => db.PilotParks;
    public override IQueryable<PilotPark> Search(IQueryable<PilotPark> q, string pattern) =>
        q.Where(p => EF.Functions.Like(p.Name, pattern, "\\"));

    public override IQueryable<PilotPark> Filter(IQueryable<PilotPark> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(p => p.DistrictId == d);
        if (f.Track is { } t)
        {
            var token = "%|" + t.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|%";
            q = q.Where(p => EF.Functions.Like(p.TrackCodes, token));
        }
        if (ParseEnum<ParkStatus>(f.Status) is { } s) q = q.Where(p => p.Status == s);
        if (ParseEnum<RecognitionLevel>(f.Level) is { } l) q = q.Where(p => p.ApprovalLevel == l);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<PilotPark>, bool, IQueryable<PilotPark>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<PilotPark>, bool, IQueryable<PilotPark>>>(StringComparer.Ordinal)
        {
            ["name"] = By(p => p.Name),
            ["status"] = By(p => p.Status),
            ["updatedAt"] = By(p => p.UpdatedAt),
        };

    public override string NaturalKey(PilotPark r) =>
        $"{r.Name}|{r.DistrictId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";


}

/// <summary>创新平台: name + host is the natural key.</summary>
public sealed class PlatformRegistry : Registry<InnovationPlatform>
{
    public const string Key = "platforms";
    public override string Name => Key;
    public override string WritePolicy => Policies.DistrictWrite;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } = [RegistryFilterKey.District, RegistryFilterKey.Track,
        RegistryFilterKey.Choice<PlatformKind>("kind"), RegistryFilterKey.Choice<RecognitionLevel>("level")];
    public override Expression<Func<InnovationPlatform, int?>> DistrictOf { get; } = p => p.DistrictId;

    public override CriteriaCatalogue<InnovationPlatform> Criteria { get; } = new(Key,
    [
        CriteriaFields.Enum<InnovationPlatform, PlatformKind>("kind", "Field.platforms.kind", p => p.Kind),
        CriteriaFields.Enum<InnovationPlatform, RecognitionLevel>("level", "Field.platforms.level", p => p.Level),
    ], p => p.ApprovedOn, "Field.platforms.approvedOn");

    public override IReadOnlyList<RegistryField<InnovationPlatform>> Fields { get; } =
    [
        F("name", FieldKind.Text, p => p.Name, (p, v) => p.Name = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "扬州市无人机飞控工程研究中心" },
        F("kind", FieldKind.Enum, p => p.Kind, (p, v) => p.Kind = (PlatformKind)v!) with { Required = true, EnumType = typeof(PlatformKind),
            InList = true, Example = "工程研究中心" },
        F("level", FieldKind.Enum, p => p.Level, (p, v) => p.Level = (RecognitionLevel)v!) with { Required = true,
            EnumType = typeof(RecognitionLevel), InList = true, Example = "市级" },
        F("host", FieldKind.Text, p => p.Host, (p, v) => p.Host = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "扬州星辰航空科技有限公司" },
        F("district", FieldKind.District, p => p.DistrictId, (p, v) => p.DistrictId = (int?)v) with { InList = true, Example = "邗江区" },
        F("tracks", FieldKind.TrackList, p => ParkRegistry.TrackIds(p.TrackCodes),
            (p, v) => p.TrackCodes = ParkRegistry.TrackCodes((int[]?)v)) with { Example = "低空经济" },
        F("approvedOn", FieldKind.Date, p => p.ApprovedOn, (p, v) => p.ApprovedOn = (DateOnly?)v) with { Example = "2023-12-01" },
    ];

    public override IQueryable<InnovationPlatform> Query(FipDbContext db) => db.InnovationPlatforms;
    public override IQueryable<InnovationPlatform> Search(IQueryable<InnovationPlatform> q, string pattern) =>
        q.Where(p => EF.Functions.Like(p.Name, pattern, "\\") || EF.Functions.Like(p.Host, pattern, "\\"));

    public override IQueryable<InnovationPlatform> Filter(IQueryable<InnovationPlatform> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(p => p.DistrictId == d);
        if (f.Track is { } t)
        {
            var token = "%|" + t.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|%";
            q = q.Where(p => EF.Functions.Like(p.TrackCodes, token));
        }
        if (ParseEnum<PlatformKind>(f.Kind) is { } k) q = q.Where(p => p.Kind == k);
        if (ParseEnum<RecognitionLevel>(f.Level) is { } l) q = q.Where(p => p.Level == l);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<InnovationPlatform>, bool, IQueryable<InnovationPlatform>>> Sorts
    {
        get;
    } =
        new Dictionary<string, Func<IQueryable<InnovationPlatform>, bool, IQueryable<InnovationPlatform>>>(StringComparer.Ordinal)
        {
            ["name"] = By(p => p.Name),
            ["level"] = By(p => p.Level),
            ["updatedAt"] = By(p => p.UpdatedAt),
        };

    public override string NaturalKey(InnovationPlatform r) => $"{r.Name}|{r.Host}";


}

/// <summary>重点项目: name + enterprise (or district) is the natural key.</summary>
public sealed class ProjectRegistry : Registry<KeyProject>
{
    public const string Key = "projects";
    public override string Name => Key;
    public override string WritePolicy => Policies.RecordWrite;
    public override bool EnterpriseUsersCreate => true;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } = [RegistryFilterKey.District, RegistryFilterKey.Track,
        RegistryFilterKey.Choice<ProjectStatus>("status")];
    public override Expression<Func<KeyProject, int?>> DistrictOf { get; } = p => p.DistrictId;

    public override CriteriaCatalogue<KeyProject> Criteria { get; } = new(Key,
    [
        CriteriaFields.Enum<KeyProject, ProjectStatus>("status", "Field.projects.status", p => p.Status),
    ], p => p.StartOn, "Field.projects.startOn");

    public override IReadOnlyList<RegistryField<KeyProject>> Fields { get; } =
    [
        F("name", FieldKind.Text, p => p.Name, (p, v) => p.Name = (string)v!) with { Required = true, MaxLength = 200, InList = true,
            Example = "年产500台工业无人机项目" },
        F("enterprise", FieldKind.Enterprise, p => p.EnterpriseId, (p, v) => p.EnterpriseId = (int?)v) with { InList = true,
            Example = "91321003MA1MDEMA0J" },
        F("district", FieldKind.District, p => p.DistrictId, (p, v) => p.DistrictId = (int)v!) with { Required = true, InList = true,
            Example = "邗江区" },
        F("track", FieldKind.Track, p => p.TrackId, (p, v) => p.TrackId = (int?)v) with { InList = true, Example = "低空经济" },
        F("totalInvestment", FieldKind.Decimal, p => p.TotalInvestment, (p, v) => p.TotalInvestment = (decimal?)v) with { InList = true,
            Example = "50000" },
        F("completedInvestment", FieldKind.Decimal, p => p.CompletedInvestment,
            (p, v) => p.CompletedInvestment = (decimal?)v) with { Example = "12000" },
        F("investments", FieldKind.Investments, p => p.Investments.OrderBy(i => i.Year)
            .Select(i => new YearInvestment(i.Year, i.Planned, i.Completed)).ToArray(), SetInvestments)
            with { Example = "2024:20000/18000、2025:30000/" },
        F("startOn", FieldKind.Date, p => p.StartOn, (p, v) => p.StartOn = (DateOnly?)v) with { Example = "2024-01-15" },
        F("endOn", FieldKind.Date, p => p.EndOn, (p, v) => p.EndOn = (DateOnly?)v) with { Example = "2026-06-30" },
        F("status", FieldKind.Enum, p => p.Status, (p, v) => p.Status = (ProjectStatus)v!) with { Required = true,
            EnumType = typeof(ProjectStatus), InList = true, Example = "在建" },
    ];

    /// <summary>Replaces the years the value names and removes the others, keeping unchanged rows as they are.</summary>
    private static void SetInvestments(KeyProject p, object? value)
    {
        var list = (YearInvestment[]?)value ?? [];
        p.Investments.RemoveAll(i => list.All(x => x.Year != i.Year));
        foreach (var y in list)
        {
            if (p.Investments.FirstOrDefault(i => i.Year == y.Year) is not { } row)
                p.Investments.Add(row = new ProjectInvestment { Year = y.Year });
            if (row.Planned != y.Planned) row.Planned = y.Planned;
            if (row.Completed != y.Completed) row.Completed = y.Completed;
        }
    }

    public override IQueryable<KeyProject> Query(FipDbContext db) =>
        db.KeyProjects.Include(p => p.Enterprise).Include(p => p.Investments).AsSplitQuery();
    public override IQueryable<KeyProject> Search(IQueryable<KeyProject> q, string pattern) =>
        q.Where(p => EF.Functions.Like(p.Name, pattern, "\\"));

    public override IQueryable<KeyProject> Filter(IQueryable<KeyProject> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(p => p.DistrictId == d);
        if (f.Track is { } t) q = q.Where(p => p.TrackId == t);
        if (ParseEnum<ProjectStatus>(f.Status) is { } s) q = q.Where(p => p.Status == s);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<KeyProject>, bool, IQueryable<KeyProject>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<KeyProject>, bool, IQueryable<KeyProject>>>(StringComparer.Ordinal)
        {
            ["name"] = By(p => p.Name),
            ["totalInvestment"] = By(p => p.TotalInvestment),
            ["status"] = By(p => p.Status),
            ["updatedAt"] = By(p => p.UpdatedAt),
        };

    public override string NaturalKey(KeyProject r) =>
        $"{r.Name}|{(r.EnterpriseId is { } e
            ? "e" + e.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "d" + r.DistrictId.ToString(System.Globalization.CultureInfo.InvariantCulture))}";


    public override IQueryable<KeyProject> VisibleTo(IQueryable<KeyProject> q, ClaimsPrincipal user) =>
        user.Role() == Roles.Enterprise ? q.Where(p => p.Enterprise != null && p.Enterprise.CreditCode == user.EnterpriseUscc()) : q;

}
