using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Finance;

/// <summary>
/// What the finance registries share: read by staff, kept (written and imported) by the finance office — the department whose
/// name or alias contains <see cref="KeeperMarker"/> — and admins; enterprise users list none of them.
/// </summary>
public abstract class FinanceRegistry<T> : Registry<T> where T : FinanceRecord, new()
{
    public const string KeeperMarker = "金融";
    public override string WritePolicy => Policies.DepartmentWrite;
    public override string ReadPolicy => Policies.Staff;
    public override string ImportPolicy => Policies.DepartmentWrite;

    public override IQueryable<T> VisibleTo(IQueryable<T> query, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Enterprise) ? query.Where(x => false) : query;

    public override IQueryable<T> Search(IQueryable<T> q, string pattern) => q.Where(x => EF.Functions.Like(x.Name, pattern, "\\"));

    public override async Task<FieldText.Problem?> CompleteAsync(FipDbContext db, T record, CancellationToken ct)
    {
        record.KeeperDepartmentId ??= await KeepingDepartments.FindAsync(db, KeeperMarker, ct);
        return await CompleteRecordAsync(db, record, ct);
    }

    /// <summary>The registry's own derivations and rules (see <see cref="Registry{T}.CompleteAsync"/>).</summary>
    protected virtual Task<FieldText.Problem?> CompleteRecordAsync(FipDbContext db, T record, CancellationToken ct) =>
        Task.FromResult<FieldText.Problem?>(null);

    /// <summary>
    /// The enterprise a financing event concerns, for its title and date rules: a refusal when the event is dated before the
    /// enterprise was founded.
    /// </summary>
    protected static async Task<(string Name, FieldText.Problem? Problem)> EnterpriseOnAsync(FipDbContext db, int enterpriseId, DateOnly on,
        CancellationToken ct)
    {
        var e = await db.Enterprises.AsNoTracking().Where(x => x.Id == enterpriseId).Select(x => new { x.Name, x.FoundedOn })
            .FirstOrDefaultAsync(ct);
        if (e is null) return ("", new FieldText.Problem("Import.UnknownEnterprise", enterpriseId));
        return e.FoundedOn is { } founded && on < founded
            ? (e.Name, new FieldText.Problem("Finance.BeforeFounding", e.Name, Day(founded)))
            : (e.Name, null);
    }

    protected static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class FundRegistry : FinanceRegistry<Fund>
{
    public const string Key = "funds";
    public override string Name => Key;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } =
        [RegistryFilterKey.Track, RegistryFilterKey.Choice<FundKind>("kind")];
    public override Expression<Func<Fund, int?>> DistrictOf { get; } = x => null;

    public override CriteriaCatalogue<Fund> Criteria { get; } = new(Key,
        [CriteriaFields.Enum<Fund, FundKind>("kind", "Field.funds.kind", x => x.Kind)], x => x.SetUpOn, "Field.funds.setUpOn");

    public override IReadOnlyList<RegistryField<Fund>> Fields { get; } =
    [
        F("name", FieldKind.Text, x => x.Name, (x, v) => x.Name = (string)v!)
            with { Required = true, MaxLength = 300, InList = true, Example = "扬州市未来产业天使基金" },
        F("kind", FieldKind.Enum, x => x.Kind, (x, v) => x.Kind = (FundKind)v!)
            with { Required = true, EnumType = typeof(FundKind), InList = true, Example = "天使基金" },
        F("manager", FieldKind.Text, x => x.Manager, (x, v) => x.Manager = (string?)v) with { MaxLength = 200, Example = "扬州市国金投资管理有限公司" },
        F("parentFund", FieldKind.Text, x => x.ParentFund, (x, v) => x.ParentFund = (string?)v) with { MaxLength = 300 },
        F("commitment", FieldKind.Decimal, x => x.Commitment, (x, v) => x.Commitment = (decimal?)v)
            with { InList = true, Example = "50000" },
        F("track", FieldKind.Track, x => x.TrackId, (x, v) => x.TrackId = (int?)v) with { InList = true, Example = "低空经济" },
        F("setUpOn", FieldKind.Date, x => x.SetUpOn, (x, v) => x.SetUpOn = (DateOnly?)v) with { Example = "2024-06-30" },
    ];

    public override IQueryable<Fund> Query(FipDbContext db) => db.Set<Fund>();

    public override IQueryable<Fund> Filter(IQueryable<Fund> q, RegistryFilter f)
    {
        if (f.Track is { } t) q = q.Where(x => x.TrackId == t);
        if (ParseEnum<FundKind>(f.Kind) is { } k) q = q.Where(x => x.Kind == k);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<Fund>, bool, IQueryable<Fund>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<Fund>, bool, IQueryable<Fund>>>(StringComparer.Ordinal)
        {
            ["name"] = By(x => x.Name),
            ["commitment"] = By(x => x.Commitment),
            ["updatedAt"] = By(x => x.UpdatedAt),
        };

    public override string NaturalKey(Fund r) => r.Name;

    protected override async Task<FieldText.Problem?> CompleteRecordAsync(FipDbContext db, Fund record, CancellationToken ct) =>
        record.ParentFund is { Length: > 0 } parent
        && !await db.Set<Fund>().AnyAsync(f => f.Name == parent && !f.IsDeleted && f.Kind != FundKind.SubFund, ct)
            ? new FieldText.Problem("Finance.UnknownParentFund", parent)
            : null;
}

public sealed class InvestmentRegistry : FinanceRegistry<Investment>
{
    public const string Key = "investments";
    public override string Name => Key;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } =
        [RegistryFilterKey.District, RegistryFilterKey.Choice<InvestmentRound>("stage")];
    public override Expression<Func<Investment, int?>> DistrictOf { get; } = x => x.Enterprise!.DistrictId;

    public override CriteriaCatalogue<Investment> Criteria { get; } = new(Key,
        [
            CriteriaFields.Enum<Investment, InvestmentRound>("stage", "Field.investments.round", x => x.Round),
            CriteriaFields.Enum<Investment, FundKind>("kind", "Field.funds.kind", x => x.Fund!.Kind),
        ], x => x.InvestedOn, "Field.investments.investedOn")
    {
        CountUnitKey = "Goals.UnitDeals",
        TypedMeasures = [new("amount", "Goals.Measure.investments.amount", "Goals.UnitWan", MeasureAggregate.Sum, x => x.Amount)],
    };

    public override IReadOnlyList<RegistryField<Investment>> Fields { get; } =
    [
        F("fund", FieldKind.Text, x => x.FundName, (x, v) => x.FundName = (string)v!)
            with { Required = true, MaxLength = 300, InList = true, Example = "扬州市未来产业天使基金" },
        F("enterprise", FieldKind.Enterprise, x => x.EnterpriseId, (x, v) => x.EnterpriseId = (int?)v ?? 0)
            with { Required = true, InList = true, Example = "扬州示例科技有限公司" },
        F("round", FieldKind.Enum, x => x.Round, (x, v) => x.Round = (InvestmentRound)v!)
            with { Required = true, EnumType = typeof(InvestmentRound), InList = true, Example = "天使轮" },
        F("amount", FieldKind.Decimal, x => x.Amount, (x, v) => x.Amount = (decimal?)v ?? 0)
            with { Required = true, InList = true, Example = "500" },
        F("investedOn", FieldKind.Date, x => x.InvestedOn, (x, v) => x.InvestedOn = (DateOnly?)v ?? default)
            with { Required = true, InList = true, Example = "2025-04-01" },
    ];

    public override IQueryable<Investment> Query(FipDbContext db) => db.Set<Investment>().Include(x => x.Enterprise).Include(x => x.Fund);

    public override IQueryable<Investment> Filter(IQueryable<Investment> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(x => x.Enterprise!.DistrictId == d);
        if (ParseEnum<InvestmentRound>(f.Stage) is { } r) q = q.Where(x => x.Round == r);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<Investment>, bool, IQueryable<Investment>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<Investment>, bool, IQueryable<Investment>>>(StringComparer.Ordinal)
        {
            ["investedOn"] = By(x => x.InvestedOn),
            ["amount"] = By(x => x.Amount),
            ["updatedAt"] = By(x => x.UpdatedAt),
        };

    public override string NaturalKey(Investment r) => $"{r.Name}|{r.Round}|{Day(r.InvestedOn)}";

    /// <summary>The fund must be a stored one; the enterprise must have been founded by the investment's date.</summary>
    protected override async Task<FieldText.Problem?> CompleteRecordAsync(FipDbContext db, Investment record, CancellationToken ct)
    {
        var fund = await db.Set<Fund>().Where(f => f.Name == record.FundName && !f.IsDeleted).Select(f => (int?)f.Id)
            .FirstOrDefaultAsync(ct);
        if (fund is null) return new FieldText.Problem("Finance.UnknownFund", record.FundName);
        record.FundId = fund.Value;
        var (enterprise, problem) = await EnterpriseOnAsync(db, record.EnterpriseId, record.InvestedOn, ct);
        record.Name = $"{record.FundName} → {enterprise}";
        return problem;
    }
}

public sealed class LoanRegistry : FinanceRegistry<Loan>
{
    public const string Key = "loans";
    public override string Name => Key;
    public override IReadOnlyList<RegistryFilterKey> Filters { get; } =
        [RegistryFilterKey.District, RegistryFilterKey.Choice<LoanKind>("kind")];
    public override Expression<Func<Loan, int?>> DistrictOf { get; } = x => x.Enterprise!.DistrictId;

    public override CriteriaCatalogue<Loan> Criteria { get; } = new(Key,
        [CriteriaFields.Enum<Loan, LoanKind>("kind", "Field.loans.kind", x => x.Kind)], x => x.LentOn, "Field.loans.lentOn")
    {
        CountUnitKey = "Goals.UnitDeals",
        TypedMeasures =
        [
            new("amount", "Goals.Measure.loans.amount", "Goals.UnitWan", MeasureAggregate.Sum, x => x.Amount),
            new("rate", "Goals.Measure.loans.rate", "Goals.UnitPercent", MeasureAggregate.Average, x => x.Rate),
        ],
    };

    public override IReadOnlyList<RegistryField<Loan>> Fields { get; } =
    [
        F("enterprise", FieldKind.Enterprise, x => x.EnterpriseId, (x, v) => x.EnterpriseId = (int?)v ?? 0)
            with { Required = true, InList = true, Example = "扬州示例科技有限公司" },
        F("kind", FieldKind.Enum, x => x.Kind, (x, v) => x.Kind = (LoanKind)v!)
            with { Required = true, EnumType = typeof(LoanKind), InList = true, Example = "首贷" },
        F("bank", FieldKind.Text, x => x.Bank, (x, v) => x.Bank = (string)v!)
            with { Required = true, MaxLength = 200, InList = true, Example = "江苏银行扬州分行" },
        F("amount", FieldKind.Decimal, x => x.Amount, (x, v) => x.Amount = (decimal?)v ?? 0)
            with { Required = true, InList = true, Example = "300" },
        F("rate", FieldKind.Decimal, x => x.Rate, (x, v) => x.Rate = (decimal?)v) with { Example = "3.45" },
        F("lentOn", FieldKind.Date, x => x.LentOn, (x, v) => x.LentOn = (DateOnly?)v ?? default)
            with { Required = true, InList = true, Example = "2025-05-20" },
    ];

    public override IQueryable<Loan> Query(FipDbContext db) => db.Set<Loan>().Include(x => x.Enterprise);

    public override IQueryable<Loan> Filter(IQueryable<Loan> q, RegistryFilter f)
    {
        if (f.District is { } d) q = q.Where(x => x.Enterprise!.DistrictId == d);
        if (ParseEnum<LoanKind>(f.Kind) is { } k) q = q.Where(x => x.Kind == k);
        return q;
    }

    protected override IReadOnlyDictionary<string, Func<IQueryable<Loan>, bool, IQueryable<Loan>>> Sorts { get; } =
        new Dictionary<string, Func<IQueryable<Loan>, bool, IQueryable<Loan>>>(StringComparer.Ordinal)
        {
            ["lentOn"] = By(x => x.LentOn),
            ["amount"] = By(x => x.Amount),
            ["updatedAt"] = By(x => x.UpdatedAt),
        };

    public override string NaturalKey(Loan r) =>
        $"{r.Name}|{r.Kind}|{Day(r.LentOn)}|{r.Amount.ToString("0.##", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A loan dated before its enterprise was founded is refused; so is a second 首贷 of one enterprise (a first loan is the
    /// enterprise's first bank loan: one per enterprise).
    /// </summary>
    protected override async Task<FieldText.Problem?> CompleteRecordAsync(FipDbContext db, Loan record, CancellationToken ct)
    {
        if (record.Rate is > 100) return new FieldText.Problem("Finance.RateTooHigh");
        var (enterprise, problem) = await EnterpriseOnAsync(db, record.EnterpriseId, record.LentOn, ct);
        record.Name = $"{record.Bank} → {enterprise}";
        if (problem is not null) return problem;
        if (record.Kind == LoanKind.FirstLoan
            && await db.Set<Loan>().AnyAsync(l => l.EnterpriseId == record.EnterpriseId && l.Kind == LoanKind.FirstLoan && !l.IsDeleted
                && l.Id != record.Id && (l.LentOn != record.LentOn || l.Bank != record.Bank), ct))
            return new FieldText.Problem("Finance.SecondFirstLoan", enterprise);
        return null;
    }
}
