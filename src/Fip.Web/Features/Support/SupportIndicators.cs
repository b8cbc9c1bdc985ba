using System.Collections;
using System.Linq.Expressions;
using Fip.Web.Data;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support;

/// <summary>
/// The support module's figures as goal indicators (Goals owns <see cref="IIndicatorSource"/>, this feature answers it). Each source
/// states which applications count and by which day they are dated:
/// <list type="bullet">
/// <item>申报 (<see cref="ApplicationsSource"/>): every application in the states the criteria name, dated by its submission day
/// (a resubmitted one by the last submission);</item>
/// <item>获得支持 (<see cref="ApprovalsSource"/>): applications approved (and those since paid), dated by the day of the decision;
/// returned, refused and pending ones never count;</item>
/// <item>兑现 (<see cref="PaymentsSource"/>): paid applications, dated by the day on the voucher; the amount is what was paid.</item>
/// </list>
/// The "enterprises" measure counts each enterprise once however many of its applications count (dated by its first).
/// Days are Asia/Shanghai. District and track narrow by the enterprise's record, as for every registry.
/// </summary>
public abstract class SupportIndicatorSource : IIndicatorSource, IIndicatorCounter
{
    public const string EnterprisesMeasure = "enterprises";

    public abstract string Name { get; }
    public string LabelKey => "Goals.Source." + Name;
    public string DefinitionKey => "Support.Indicator." + Name;
    public string RecordsPath => "/Support/Applications";
    public IIndicatorCounter Counter => this;
    public ICriteriaCatalogue Criteria => Catalogue;

    /// <summary>The applications the source holds at all (by state).</summary>
    protected abstract Expression<Func<PolicyApplication, bool>> Holds { get; }
    /// <summary>The day a held application is dated by.</summary>
    protected abstract Expression<Func<PolicyApplication, DateOnly?>> DatedBy { get; }
    protected abstract string DatedByKey { get; }
    protected virtual IReadOnlyList<RegistryMeasure<PolicyApplication>> Measures => [];
    protected virtual IReadOnlyList<CriteriaField<PolicyApplication>> ExtraFields => [];

    private CriteriaCatalogue<PolicyApplication>? _catalogue;
    internal CriteriaCatalogue<PolicyApplication> Catalogue => _catalogue ??= new(Name,
        [.. ExtraFields, PolicyField, CriteriaFields.Flag<PolicyApplication>("onBehalf", "Field.support.onBehalf", a => a.OnBehalf)],
        DatedBy, DatedByKey)
    {
        TypedMeasures = [.. Measures, new(EnterprisesMeasure, "Field.support.enterprises", "Goals.UnitFirms", MeasureAggregate.Sum,
            a => 1)],
        CountUnitKey = "Support.Indicator.UnitApplications",
    };

    /// <summary>The policies the criteria may name, by code; read again whenever an editor shows or checks criteria.</summary>
    private static readonly PolicyOptions Policies = new();

    private static CriteriaField<PolicyApplication> PolicyField => new("policy", "Field.support.policy", Policies, values =>
        values.Contains(CriteriaFields.AnyValue) ? a => true : a => values.Contains(a.Policy.Code));

    public async Task RefreshAsync(FipDbContext db, CancellationToken ct) => Policies.Set(
        await db.Set<SupportPolicy>().AsNoTracking().OrderBy(p => p.Id).Select(p => new CriteriaOption(p.Code, p.Name, p.Code))
            .ToListAsync(ct));

    /// <summary>A counted application: its enterprise's district, its day and its measured value.</summary>
    internal sealed record Row(int Id, int EnterpriseId, int? District, DateOnly? Date, decimal? Value);

    /// <summary>The applications the groups count (or none without a group), dated within the criteria's period, narrowed to a
    /// district or track.</summary>
    internal async Task<List<Row>> RowsAsync(FipDbContext db, IReadOnlyList<IReadOnlyDictionary<string, string[]>> groups,
        IndicatorCriteria criteria, int? district, int? track, CancellationToken ct)
    {
        var q = db.Set<PolicyApplication>().AsNoTracking().Where(Holds);
        q = Catalogue.Predicate(groups) is { } predicate ? q.Where(predicate) : q.Where(a => false);
        if (district is { } d) q = q.Where(a => a.Enterprise.DistrictId == d);
        if (track is { } t) q = q.Where(a => a.Enterprise.Tracks.Any(x => x.TrackId == t));
        var measure = criteria.Measure is { } key && key != EnterprisesMeasure
            ? Catalogue.TypedMeasures.FirstOrDefault(m => m.Key == key) ?? throw new InvalidOperationException($"No measure {key}.")
            : null;
        var raw = await q.Select(a => new
        {
            a.Id,
            a.EnterpriseId,
            District = (int?)a.Enterprise.DistrictId,
            a.SubmittedAt,
            a.DecidedAt,
            a.PaidOn,
            a.ApprovedAmount,
            a.PaidAmount
        }).ToListAsync(ct);
        var date = DatedBy.Compile();
        var value = measure?.Value.Compile();
        var rows = raw.Select(r =>
        {
            // The same application rebuilt in memory: the day and the value are read by the source's own expressions.
            var a = new PolicyApplication
            {
                SubmittedAt = r.SubmittedAt,
                DecidedAt = r.DecidedAt,
                PaidOn = r.PaidOn,
                ApprovedAmount = r.ApprovedAmount,
                PaidAmount = r.PaidAmount,
            };
            return new Row(r.Id, r.EnterpriseId, r.District, date(a), value?.Invoke(a));
        });
        if (criteria.From is { } from) rows = rows.Where(r => r.Date >= from);
        if (criteria.To is { } to) rows = rows.Where(r => r.Date <= to);
        return [.. rows.OrderBy(r => r.Id)];
    }

    /// <summary>The ids of the applications behind an indicator's value (its drill-down).</summary>
    public async Task<List<int>> IdsAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track, CancellationToken ct) =>
        [.. (await RowsAsync(db, criteria.AnyOf, criteria, district, track, ct)).Select(r => r.Id)];

    /// <summary>The figure of counted rows: their number, each enterprise once, or their measure's total or average.</summary>
    internal IndicatorFigure Figure(IndicatorCriteria criteria, IReadOnlyCollection<Row> rows) => criteria.Measure switch
    {
        null => new(rows.Count, rows.Count),
        EnterprisesMeasure => new(rows.Select(r => r.EnterpriseId).Distinct().Count(), rows.Count),
        var key => IndicatorFigure.Of(Catalogue.TypedMeasures.First(m => m.Key == key).Aggregate, [.. rows.Select(r => r.Value)]),
    };

    public MeasureAggregate? AggregateOf(IndicatorCriteria criteria) => criteria.Measure is { } key
        ? Catalogue.TypedMeasures.FirstOrDefault(m => m.Key == key)?.Aggregate
        : null;

    public async Task<IndicatorFigure> MeasureAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track,
        CancellationToken ct) => Figure(criteria, await RowsAsync(db, criteria.AnyOf, criteria, district, track, ct));

    public async Task<decimal> PipelineAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track, CancellationToken ct)
    {
        if (AggregateOf(criteria) == MeasureAggregate.Average) return 0;
        var counted = (await RowsAsync(db, criteria.AnyOf, criteria, district, track, ct)).Select(r => r.Id).ToHashSet();
        var rows = (await RowsAsync(db, criteria.Pipeline, criteria, district, track, ct)).Where(r => !counted.Contains(r.Id)).ToList();
        return Figure(criteria, rows).Value;
    }

    public async Task<IReadOnlyList<DistrictCount>> ByDistrictAsync(FipDbContext db, IndicatorCriteria criteria, int? track,
        CancellationToken ct) =>
        [.. (await RowsAsync(db, criteria.AnyOf, criteria, null, track, ct)).GroupBy(r => r.District)
            .Select(g => (g.Key, Figure: Figure(criteria, [.. g])))
            .Where(g => !g.Figure.NoData)
            .Select(g => new DistrictCount(g.Key, g.Figure.Value))];

    public async Task<IReadOnlyList<DatedCount>> DatedAsync(FipDbContext db, IndicatorCriteria criteria, int? district, int? track,
        CancellationToken ct)
    {
        var rows = await RowsAsync(db, criteria.AnyOf, criteria, district, track, ct);
        // Each enterprise once: by the first of its counted applications, so the history adds up to today's figure.
        if (criteria.Measure == EnterprisesMeasure)
            rows = [.. rows.GroupBy(r => r.EnterpriseId).Select(g => g.OrderBy(r => r.Date ?? DateOnly.MinValue).First())];
        else if (criteria.Measure is not null) rows = [.. rows.Where(r => r.Value is not null)];
        return [.. rows.GroupBy(r => r.Date is { } d ? (d.Year, d.Month) : (0, 0))
            .OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2)
            .Select(g => new DatedCount(g.Key.Item1, g.Key.Item2, g.Count(),
                criteria.Measure is null or EnterprisesMeasure ? g.Count() : g.Sum(r => r.Value!.Value)))];
    }

    /// <summary>A UTC time's day in Asia/Shanghai.</summary>
    protected static DateOnly? Day(DateTime? utc) => utc is { } t ? DateOnly.FromDateTime(Display.ToShanghai(t)) : null;

    /// <summary>The policy codes as criteria options, replaced as a whole when read again.</summary>
    private sealed class PolicyOptions : IReadOnlyList<CriteriaOption>
    {
        private static readonly CriteriaOption Any = new(CriteriaFields.AnyValue, "任意政策", "Any policy");
        private volatile IReadOnlyList<CriteriaOption> _options = [Any];
        public void Set(IEnumerable<CriteriaOption> options) => _options = [Any, .. options];
        public CriteriaOption this[int index] => _options[index];
        public int Count => _options.Count;
        public IEnumerator<CriteriaOption> GetEnumerator() => _options.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>政策申报: applications in the states the criteria name (submitted, returned, approved, refused, paid), dated by the day
/// of their (last) submission.</summary>
public sealed class ApplicationsSource : SupportIndicatorSource
{
    public override string Name => "support-applications";
    protected override Expression<Func<PolicyApplication, bool>> Holds => a => true;
    protected override Expression<Func<PolicyApplication, DateOnly?>> DatedBy => a => Day(a.SubmittedAt);
    protected override string DatedByKey => "Support.SubmittedAt";
    protected override IReadOnlyList<CriteriaField<PolicyApplication>> ExtraFields =>
        [CriteriaFields.Enum<PolicyApplication, ApplicationState>("state", "Support.State", a => a.State)];
}

/// <summary>获得支持: applications approved (including those since paid), dated by the day of the decision.</summary>
public sealed class ApprovalsSource : SupportIndicatorSource
{
    public override string Name => "support-approvals";
    protected override Expression<Func<PolicyApplication, bool>> Holds =>
        a => a.State == ApplicationState.Approved || a.State == ApplicationState.Paid;
    protected override Expression<Func<PolicyApplication, DateOnly?>> DatedBy => a => Day(a.DecidedAt);
    protected override string DatedByKey => "Support.Indicator.DecidedOn";
    protected override IReadOnlyList<RegistryMeasure<PolicyApplication>> Measures =>
        [new("approvedAmount", "Support.Approved", "Goals.UnitWan", MeasureAggregate.Sum, a => a.ApprovedAmount)];
}

/// <summary>政策兑现: paid applications, dated by the day on the payment voucher; the amount is what was paid.</summary>
public sealed class PaymentsSource : SupportIndicatorSource
{
    public override string Name => "support-payments";
    protected override Expression<Func<PolicyApplication, bool>> Holds => a => a.State == ApplicationState.Paid;
    protected override Expression<Func<PolicyApplication, DateOnly?>> DatedBy => a => a.PaidOn;
    protected override string DatedByKey => "Support.PaidOn";
    protected override IReadOnlyList<RegistryMeasure<PolicyApplication>> Measures =>
        [new("paidAmount", "Support.PaidAmount", "Goals.UnitWan", MeasureAggregate.Sum, a => a.PaidAmount)];
}
