using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Cockpit;

/// <summary>The yearly figures the cockpit adds up (the enterprises' 年度指标).</summary>
public enum Measure
{
    Revenue,      // 营业收入, 万元
    OutputValue,  // 产值, 万元
    Tax,          // 税收, 万元
    RdExpense,    // 研发投入, 万元
    Employees,    // 从业人数, 人
}

/// <summary>A sum over one year and the number of enterprises that reported the figure (an empty figure is unknown, not 0).</summary>
public sealed record YearSum(int Year, decimal Sum, int Enterprises);

/// <summary>
/// A figure of the latest year beside the year before. The change is computed only when the year before has reporting
/// enterprises (otherwise there is nothing to compare with, and none is shown rather than a 100 % rise).
/// </summary>
public sealed record Figure(decimal? Value, int Enterprises, decimal? Previous, int PreviousEnterprises)
{
    public static readonly Figure None = new(null, 0, null, 0);

    /// <summary>Year on year, in percent, one decimal; null without a previous year or when the previous sum is 0.</summary>
    public decimal? ChangePercent => Value is { } v && Previous is { } p && p != 0 ? Math.Round((v - p) * 100m / p, 1) : null;
}

/// <summary>One row of a breakdown (a track or a district) with the latest year's figures.</summary>
public sealed record FigureRow(int Id, string Name, string? NameEn, IReadOnlyDictionary<Measure, Figure> Figures);

/// <summary>
/// The city's industry scale: the latest year whose filing is complete enough (<see cref="EconomyFigures.FiledYear"/>), the city
/// totals per year up to it, and by track and district; a later year still being filed is named with its number of enterprises
/// (<see cref="FilingYear"/>, <see cref="FilingEnterprises"/>) instead of being shown as a fall of 99 %.
/// </summary>
public sealed record Economy(
    int? Year,
    IReadOnlyDictionary<Measure, Figure> City,
    IReadOnlyDictionary<Measure, IReadOnlyList<YearSum>> CityByYear,
    IReadOnlyList<FigureRow> ByTrack,
    IReadOnlyList<FigureRow> ByDistrict,
    int? FilingYear = null,
    int FilingEnterprises = 0)
{
    public static readonly IReadOnlyList<Measure> Measures = Enum.GetValues<Measure>();
}

/// <summary>
/// Adds up the enterprises' yearly figures in the database (grouped sums and counts, nothing loaded row by row), kept until a
/// write that can change them moves the figures' stamp on (<see cref="Data.Saving.FiguresStamp"/>; not an enterprise registered
/// without figures): at 1,000,000 enterprises a page costs one stamps query between such writes.
/// Deleted enterprises are left out; an enterprise in several tracks counts in each track but once in the city's total.
/// </summary>
public sealed class EconomyFigures(FipDbContext db, KeptViews kept)
{
    /// <summary>The sums of one group and year: sum and count per measure.</summary>
    public sealed record Row(int Key, int Year, decimal? Revenue, int RevenueN, decimal? Output, int OutputN, decimal? Tax, int TaxN,
        decimal? Rd, int RdN, long? Employees, int EmployeesN)
    {
        public (decimal Sum, int N) Of(Measure m) => m switch
        {
            Measure.Revenue => (Revenue ?? 0, RevenueN),
            Measure.OutputValue => (Output ?? 0, OutputN),
            Measure.Tax => (Tax ?? 0, TaxN),
            Measure.RdExpense => (Rd ?? 0, RdN),
            _ => (Employees ?? 0, EmployeesN),
        };
    }

    public Task<Economy> GetAsync(CancellationToken ct) =>
        kept.GetOrCreateAsync(nameof(EconomyFigures), null, StampSet.Figures | StampSet.Goals, ComputeAsync, ct);

    /// <summary>One district's figures by track, for the district's page (the latest year is the city's).</summary>
    public Task<IReadOnlyList<FigureRow>> ByTrackInAsync(int districtId, CancellationToken ct) =>
        kept.GetOrCreateAsync(nameof(ByTrackInAsync), districtId, StampSet.Figures | StampSet.Goals, async c =>
        {
            var year = (await GetAsync(c)).Year;
            var inDistrict = Figures().Where(i => db.Enterprises.Any(e => e.Id == i.EnterpriseId && e.DistrictId == districtId));
            var rows = await Sums(ByTrack(inDistrict), c);
            return (IReadOnlyList<FigureRow>)[.. (await TracksAsync(c)).Select(t => t with { Figures = Latest(rows, t.Id, year) })];
        }, ct);

    private IQueryable<EnterpriseIndicator> Figures() =>
        db.EnterpriseIndicators.AsNoTracking().Where(i => db.Enterprises.Any(e => e.Id == i.EnterpriseId && !e.IsDeleted));

    private IQueryable<Keyed> ByTrack(IQueryable<EnterpriseIndicator> figures) =>
        figures.Join(db.EnterpriseTracks, i => i.EnterpriseId, t => t.EnterpriseId, (i, t) => new Keyed
        {
            Key = t.TrackId,
            Year = i.Year,
            Revenue = i.Revenue,
            OutputValue = i.OutputValue,
            Tax = i.Tax,
            RdExpense = i.RdExpense,
            Employees = i.Employees,
        });

    /// <summary>The current plan's tracks, as rows without figures.</summary>
    private async Task<List<FigureRow>> TracksAsync(CancellationToken ct)
    {
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder)
            .Select(t => new { t.Id, t.Name, t.NameEn }).ToListAsync(ct);
        return [.. tracks.Select(t => new FigureRow(t.Id, t.Name, t.NameEn, Empty))];
    }

    private static readonly IReadOnlyDictionary<Measure, Figure> Empty = Economy.Measures.ToDictionary(m => m, _ => Figure.None);

    private async Task<Economy> ComputeAsync(CancellationToken ct)
    {
        var figures = Figures();
        var byDistrict = await Sums(figures.Join(db.Enterprises, i => i.EnterpriseId, e => e.Id, (i, e) => new Keyed
        {
            Key = e.DistrictId,
            Year = i.Year,
            Revenue = i.Revenue,
            OutputValue = i.OutputValue,
            Tax = i.Tax,
            RdExpense = i.RdExpense,
            Employees = i.Employees,
        }), ct);
        // The city: every enterprise once (a district's rows added up; each enterprise has one district).
        var city = byDistrict.GroupBy(r => r.Year).Select(g => new Row(0, g.Key,
            g.Sum(r => r.Revenue), g.Sum(r => r.RevenueN), g.Sum(r => r.Output), g.Sum(r => r.OutputN), g.Sum(r => r.Tax),
            g.Sum(r => r.TaxN), g.Sum(r => r.Rd), g.Sum(r => r.RdN), g.Sum(r => r.Employees), g.Sum(r => r.EmployeesN))).ToList();
        var byTrack = await Sums(ByTrack(figures), ct);
        var reporters = city.ToDictionary(r => r.Year, r => Economy.Measures.Max(m => r.Of(m).N));
        var latest = reporters.Where(r => r.Value > 0).Select(r => (int?)r.Key).Max();
        var year = FiledYear(reporters);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        return new Economy(
            year,
            Latest(city, 0, year),
            Economy.Measures.ToDictionary(m => m, m => (IReadOnlyList<YearSum>)
                [.. city.Where(r => r.Year <= year).OrderBy(r => r.Year).Select(r => new YearSum(r.Year, r.Of(m).Sum, r.Of(m).N))
                    .Where(s => s.Enterprises > 0)]),
            [.. (await TracksAsync(ct)).Select(t => t with { Figures = Latest(byTrack, t.Id, year) })],
            [.. districts.Select(d => new FigureRow(d.Id, d.Name, null, Latest(byDistrict, d.Id, year)))],
            latest > year ? latest : null,
            latest > year ? reporters[latest.Value] : 0);
    }

    /// <summary>A year counts as filed once at least this share of the year before's reporting enterprises have reported it.</summary>
    public const decimal FiledShare = 0.5m;

    /// <summary>
    /// The year the cockpit shows: the latest year with figures, unless fewer enterprises have reported it than
    /// <see cref="FiledShare"/> of those that reported the year before (its filing has only begun: 6 of 2,000 would read as a
    /// fall of 99 % in every district); then the year before, by the same rule. Reporters of a year are the most enterprises
    /// behind any one measure.
    /// </summary>
    public static int? FiledYear(IReadOnlyDictionary<int, int> reporters)
    {
        var year = reporters.Where(r => r.Value > 0).Select(r => (int?)r.Key).Max();
        while (year is { } y && reporters.GetValueOrDefault(y - 1) is var before and > 0 && reporters[y] < before * FiledShare)
            year = y - 1;
        return year;
    }

    /// <summary>The latest year's figure of one group beside the year before.</summary>
    public static IReadOnlyDictionary<Measure, Figure> Latest(IReadOnlyList<Row> rows, int key, int? year)
    {
        var now = rows.FirstOrDefault(r => r.Key == key && r.Year == year);
        var before = rows.FirstOrDefault(r => r.Key == key && r.Year == year - 1);
        return Economy.Measures.ToDictionary(m => m, m =>
        {
            if (now is null || now.Of(m).N == 0) return before is null || before.Of(m).N == 0 ? Figure.None
                : new Figure(null, 0, before.Of(m).Sum, before.Of(m).N);
            var (sum, n) = now.Of(m);
            return before is null || before.Of(m).N == 0 ? new Figure(sum, n, null, 0)
                : new Figure(sum, n, before.Of(m).Sum, before.Of(m).N);
        });
    }

    /// <summary>A figures row with the key it is grouped by (an initialiser, so the query can be composed further).</summary>
    private sealed class Keyed
    {
        public int Key { get; init; }
        public int Year { get; init; }
        public decimal? Revenue { get; init; }
        public decimal? OutputValue { get; init; }
        public decimal? Tax { get; init; }
        public decimal? RdExpense { get; init; }
        public int? Employees { get; init; }
    }

    /// <summary>One grouped aggregate query: SUM and COUNT of every measure per group and year.</summary>
    private static Task<List<Row>> Sums(IQueryable<Keyed> rows, CancellationToken ct) =>
        rows.GroupBy(x => new { x.Key, x.Year })
            .Select(g => new Row(g.Key.Key, g.Key.Year,
                g.Sum(x => x.Revenue), g.Count(x => x.Revenue != null),
                g.Sum(x => x.OutputValue), g.Count(x => x.OutputValue != null),
                g.Sum(x => x.Tax), g.Count(x => x.Tax != null),
                g.Sum(x => x.RdExpense), g.Count(x => x.RdExpense != null),
                g.Sum(x => (long?)x.Employees), g.Count(x => x.Employees != null)))
            .ToListAsync(ct);
}
