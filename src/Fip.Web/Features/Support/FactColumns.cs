using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support;

/// <summary>The numeric fields a condition may name, as column indexes of <see cref="FactColumns.Numbers"/>.</summary>
public enum NumberField { Age, Employees, Revenue, RdExpense, RdRatio, InventionPatents, FirstOfItsKind, ChainLinks }

/// <summary>
/// The facts of many enterprises, one array per fact (index i is the i-th enterprise of <see cref="Ids"/>, ascending): what a full
/// matching pass reads, without an object, a set or a dictionary per enterprise. Built for one figures' year and one day (the age
/// column is the age on that day). <see cref="At"/> gives one enterprise's facts as the 政策计算器 explains them.
/// </summary>
public sealed class FactColumns
{
    /// <summary>In <see cref="QualificationYears"/>: the qualification is not held; held with no year recorded.</summary>
    public const int NotHeld = int.MinValue, NoYear = int.MaxValue;

    public static readonly int Kinds = Enum.GetValues<QualificationKind>().Max(k => (int)k) + 1;

    private static readonly Dictionary<string, NumberField> NumberNames = new(StringComparer.Ordinal)
    {
        ["age"] = NumberField.Age,
        ["employees"] = NumberField.Employees,
        ["revenue"] = NumberField.Revenue,
        ["rdExpense"] = NumberField.RdExpense,
        ["rdRatio"] = NumberField.RdRatio,
        ["inventionPatents"] = NumberField.InventionPatents,
        ["firstOfItsKind"] = NumberField.FirstOfItsKind,
        ["chainLinks"] = NumberField.ChainLinks,
    };

    private FactColumns(int[] ids, int year, DateOnly today, IReadOnlyDictionary<int, string> districtNames,
        IReadOnlyDictionary<int, string> trackNames)
    {
        Ids = ids;
        Year = year;
        Today = today;
        DistrictNames = districtNames;
        TrackNames = trackNames;
        District = new int[ids.Length];
        FoundedOn = new DateOnly?[ids.Length];
        TrackStart = new int[ids.Length + 1];
        QualificationYears = new int[ids.Length * Kinds];
        Array.Fill(QualificationYears, NotHeld);
        Numbers = [.. Enum.GetValues<NumberField>().Select(_ => new decimal?[ids.Length])];
    }

    public int[] Ids { get; }
    public int Count => Ids.Length;
    public int Year { get; }
    public DateOnly Today { get; }
    public IReadOnlyDictionary<int, string> DistrictNames { get; }
    public IReadOnlyDictionary<int, string> TrackNames { get; }
    public int[] District { get; }
    public DateOnly?[] FoundedOn { get; }
    /// <summary>Enterprise i's tracks are <c>Tracks[TrackStart[i] .. TrackStart[i + 1])</c>.</summary>
    public int[] TrackStart { get; }
    public int[] Tracks { get; private set; } = [];
    /// <summary>Enterprise i's year of qualification k at <c>[i * Kinds + k]</c> (<see cref="NotHeld"/>, <see cref="NoYear"/>).</summary>
    public int[] QualificationYears { get; }
    /// <summary>Per <see cref="NumberField"/>, the value of enterprise i (null: not filed).</summary>
    public decimal?[][] Numbers { get; }

    public static NumberField? NumberOf(string field) => NumberNames.TryGetValue(field, out var f) ? f : null;

    /// <summary>Enterprise i's facts as one record (what <see cref="RuleEvaluator"/> explains).</summary>
    public EnterpriseFacts At(int i)
    {
        var tracks = new HashSet<string>(StringComparer.Ordinal);
        for (var t = TrackStart[i]; t < TrackStart[i + 1]; t++) tracks.Add(TrackNames.GetValueOrDefault(Tracks[t]) ?? "");
        var qualifications = new Dictionary<QualificationKind, int?>();
        for (var k = 0; k < Kinds; k++)
            if (QualificationYears[(i * Kinds) + k] is var y and not NotHeld) qualifications[(QualificationKind)k] = y == NoYear ? null : y;
        decimal? Number(NumberField f) => Numbers[(int)f][i];
        return new EnterpriseFacts(Ids[i], DistrictNames.GetValueOrDefault(District[i]), tracks, qualifications, FoundedOn[i],
            (int?)Number(NumberField.Employees), Number(NumberField.Revenue), Number(NumberField.RdExpense),
            (int?)Number(NumberField.InventionPatents), (int)Number(NumberField.FirstOfItsKind)!.Value,
            (int)Number(NumberField.ChainLinks)!.Value);
    }

    /// <summary>Columns of facts given one record each (ids ascending); districts and tracks are given ids by their names.</summary>
    internal static FactColumns From(IReadOnlyList<EnterpriseFacts> facts, int year, DateOnly today)
    {
        static Dictionary<int, string> Numbered(IEnumerable<string> names) =>
            names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select((n, i) => (n, i))
                .ToDictionary(x => x.i + 1, x => x.n);
        var districts = Numbered(facts.Select(f => f.District).OfType<string>());
        var tracks = Numbered(facts.SelectMany(f => f.Tracks));
        var sorted = facts.OrderBy(f => f.EnterpriseId).ToList();
        var c = new FactColumns([.. sorted.Select(f => f.EnterpriseId)], year, today, districts, tracks);
        var pairs = new List<(int Index, int Track)>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var f = sorted[i];
            c.District[i] = districts.FirstOrDefault(d => d.Value == f.District).Key;
            c.FoundedOn[i] = f.FoundedOn;
            pairs.AddRange(tracks.Where(t => f.Tracks.Contains(t.Value)).Select(t => (i, t.Key)));
            foreach (var (kind, awarded) in f.Qualifications) c.QualificationYears[(i * Kinds) + (int)kind] = awarded ?? NoYear;
            decimal?[] values = [AgeOn(f.FoundedOn, today), f.Employees, f.Revenue, f.RdExpense, f.RdRatio, f.InventionPatents,
                f.FirstOfItsKind, f.ChainLinks];
            for (var n = 0; n < values.Length; n++) c.Numbers[n][i] = values[n];
        }
        c.FillTracks(pairs);
        return c;
    }

    /// <summary>
    /// The facts of the given enterprises (all live ones when null), read set-based: one streamed query per kind of fact, each row
    /// written into its column (no per-enterprise object).
    /// </summary>
    public static async Task<FactColumns> LoadAsync(FipDbContext db, IReadOnlyCollection<int>? ids, int year, DateOnly today,
        CancellationToken ct)
    {
        if (ids is { Count: 0 }) return new FactColumns([], year, today, new Dictionary<int, string>(), new Dictionary<int, string>());
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var trackNames = await db.Tracks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var enterprises = db.Enterprises.AsNoTracking().Where(e => !e.IsDeleted);
        // The ids go as one parameter (a JSON array on SQLite; PostgreSQL gets one array parameter either way), not as EF Core
        // 10's default on SQLite of one parameter per id: a patch of 50,000 enterprises failed there ("too many SQL variables",
        // at most 32,766), and each length of list made a statement of its own.
        int[]? wanted = ids is null ? null : [.. ids];
        if (wanted is not null) enterprises = enterprises.Where(e => EF.Parameter(wanted).Contains(e.Id));
        var rows = await enterprises.OrderBy(e => e.Id).Select(e => new { e.Id, e.DistrictId, e.FoundedOn, e.Employees }).ToListAsync(ct);
        var c = new FactColumns([.. rows.Select(r => r.Id)], year, today, districts, trackNames);
        var index = new Dictionary<int, int>(rows.Count);
        var (age, employees) = (c.Numbers[(int)NumberField.Age], c.Numbers[(int)NumberField.Employees]);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            index[r.Id] = i;
            c.District[i] = r.DistrictId;
            c.FoundedOn[i] = r.FoundedOn;
            age[i] = AgeOn(r.FoundedOn, today);
            employees[i] = r.Employees;
        }
        var live = ids is null ? null : c.Ids;

        IQueryable<TRow> Of<TRow>(IQueryable<TRow> q, System.Linq.Expressions.Expression<Func<TRow, bool>> inIds) =>
            live is null ? q : q.Where(inIds);

        var pairs = new List<(int Index, int Track)>();
        await foreach (var t in Of(db.EnterpriseTracks.AsNoTracking(),
                               t => EF.Parameter(live!).Contains(t.EnterpriseId))
                           .Select(t => new { t.EnterpriseId, t.TrackId }).AsAsyncEnumerable().WithCancellation(ct))
            if (index.TryGetValue(t.EnterpriseId, out var i)) pairs.Add((i, t.TrackId));
        c.FillTracks(pairs);
        await foreach (var q in Of(db.EnterpriseQualifications.AsNoTracking(),
                               q => EF.Parameter(live!).Contains(q.EnterpriseId))
                           .Select(q => new { q.EnterpriseId, q.Kind, q.Year }).AsAsyncEnumerable().WithCancellation(ct))
            if (index.TryGetValue(q.EnterpriseId, out var i) && (int)q.Kind is var k and >= 0 && k < Kinds)
                c.QualificationYears[(i * Kinds) + k] = q.Year ?? NoYear;
        var (revenue, rd, ratio, patents) = (c.Numbers[(int)NumberField.Revenue], c.Numbers[(int)NumberField.RdExpense],
            c.Numbers[(int)NumberField.RdRatio], c.Numbers[(int)NumberField.InventionPatents]);
        await foreach (var f in Of(db.EnterpriseIndicators.AsNoTracking().Where(i => i.Year == year),
                               i => EF.Parameter(live!).Contains(i.EnterpriseId))
                           .Select(i => new { i.EnterpriseId, i.Revenue, i.RdExpense, i.Employees, i.InventionPatents })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!index.TryGetValue(f.EnterpriseId, out var i)) continue;
            // The year's figure of employees, else the record's.
            employees[i] = f.Employees ?? employees[i];
            (revenue[i], rd[i], patents[i]) = (f.Revenue, f.RdExpense, f.InventionPatents);
            ratio[i] = RdRatio(f.Revenue, f.RdExpense);
        }
        await CountAsync(Of(db.KeyProducts.AsNoTracking().Where(p => p.FirstOfItsKind && !p.IsDeleted),
                p => EF.Parameter(live!).Contains(p.EnterpriseId))
            .GroupBy(p => p.EnterpriseId).Select(g => new KeyValuePair<int, int>(g.Key, g.Count())), NumberField.FirstOfItsKind);
        await CountAsync(Of(db.EnterpriseChainLinks.AsNoTracking(), l => EF.Parameter(live!).Contains(l.EnterpriseId))
            .GroupBy(l => l.EnterpriseId).Select(g => new KeyValuePair<int, int>(g.Key, g.Count())), NumberField.ChainLinks);
        return c;

        async Task CountAsync(IQueryable<KeyValuePair<int, int>> counts, NumberField field)
        {
            var column = c.Numbers[(int)field];
            Array.Fill(column, 0m);
            await foreach (var (id, n) in counts.AsAsyncEnumerable().WithCancellation(ct))
                if (index.TryGetValue(id, out var i)) column[i] = n;
        }
    }

    /// <summary>Tracks as one array in enterprise order (a counting sort of the pairs).</summary>
    private void FillTracks(List<(int Index, int Track)> pairs)
    {
        foreach (var (i, _) in pairs) TrackStart[i + 1]++;
        for (var i = 0; i < Count; i++) TrackStart[i + 1] += TrackStart[i];
        var next = TrackStart[..^1];
        Tracks = new int[pairs.Count];
        foreach (var (i, track) in pairs) Tracks[next[i]++] = track;
    }

    /// <summary>研发投入占营业收入比例, %: unknown when either figure is missing or revenue is 0.</summary>
    public static decimal? RdRatio(decimal? revenue, decimal? rdExpense) =>
        revenue is > 0 && rdExpense is { } rd ? Math.Round(rd / revenue.Value * 100m, 2) : null;

    /// <summary>Whole years since founding at <paramref name="asOf"/>.</summary>
    public static int? AgeOn(DateOnly? foundedOn, DateOnly asOf)
    {
        if (foundedOn is not { } f) return null;
        var years = asOf.Year - f.Year;
        if (asOf < f.AddYears(years)) years--;
        return years;
    }
}
