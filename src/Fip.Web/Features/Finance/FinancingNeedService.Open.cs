using System.Globalization;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Finance;

/// <summary>Which open needs a list shows: one track (or those without one), one district, only the overdue, a search text.</summary>
public sealed record NeedFilter(int? TrackId = null, bool NoTrack = false, int? DistrictId = null, bool OverdueOnly = false,
    string? Search = null);

/// <summary>One page of open needs, oldest first, and how many match in all.</summary>
public sealed record NeedPage(IReadOnlyList<UnmetNeed> Items, int Total, int Page, int PageSize)
{
    public int Pages => Infrastructure.Paging.PageCount(Total, PageSize);
}

/// <summary>How many needs and their amount (万元).</summary>
public sealed record NeedSum(int Count, decimal Amount)
{
    public static readonly NeedSum Zero = new(0, 0m);

    public NeedSum Plus(NeedSum other) => new(Count + other.Count, Amount + other.Amount);
}

/// <summary>A track's or a district's open needs and, among them, the overdue ones. <see cref="Id"/> null: needs without a track.</summary>
public sealed record NeedSumRow(int? Id, string Name, NeedSum Open, NeedSum Overdue)
{
    /// <summary>The open needs not yet overdue (the chart stacks them under the overdue ones).</summary>
    public NeedSum Waiting => new(Open.Count - Overdue.Count, Open.Amount - Overdue.Amount);
}

/// <summary>The open needs summed: all, the overdue, the enterprises behind them, by track and by district.</summary>
public sealed record NeedSums(NeedSum Open, NeedSum Overdue, int Enterprises, IReadOnlyList<NeedSumRow> ByTrack,
    IReadOnlyList<NeedSumRow> ByDistrict);

public sealed partial class FinancingNeedService
{
    public const int MaxPageSize = 200;

    /// <summary>The last day a need may have been posted on and be overdue today (see <see cref="Overdue"/>).</summary>
    public DateOnly Cutoff => Today.AddDays(-UnmetDays);

    /// <summary>Open needs: not deleted, neither met nor closed.</summary>
    private IQueryable<FinancingNeed> Open() =>
        db.Set<FinancingNeed>().AsNoTracking().Where(n => !n.IsDeleted && n.Status == NeedStatus.Open);

    private IQueryable<FinancingNeed> Open(NeedFilter filter)
    {
        var q = Open();
        if (filter.OverdueOnly)
        {
            var cutoff = Cutoff;
            q = q.Where(n => n.PostedOn <= cutoff);
        }
        if (filter.NoTrack) q = q.Where(n => n.TrackId == null);
        else if (filter.TrackId is { } t) q = q.Where(n => n.TrackId == t);
        if (filter.DistrictId is { } d) q = q.Where(n => n.Enterprise.DistrictId == d);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = Like.Contains(filter.Search);
            q = q.Where(n => EF.Functions.Like(n.Name, pattern, Like.Escape) || EF.Functions.Like(n.Enterprise.Name, pattern, Like.Escape));
        }
        return q;
    }

    /// <summary>
    /// One page of the open needs the filter selects, oldest first (then by id); the page is clamped to those there are.
    /// <paramref name="total"/>: their number when the caller knows it already (the dashboard, from <see cref="SumsAsync"/>), which
    /// spares a count.
    /// </summary>
    public async Task<NeedPage> PageAsync(NeedFilter filter, int page, int pageSize, CancellationToken ct, int? total = null)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var q = Open(filter);
        total ??= await q.CountAsync(ct);
        page = Infrastructure.Paging.Within(page, total.Value, pageSize);
        var rows = await q.OrderBy(n => n.PostedOn).ThenBy(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(n => new
            {
                n.Id,
                n.Name,
                n.EnterpriseId,
                Enterprise = n.Enterprise.Name,
                n.Amount,
                n.PostedOn,
                n.KeeperDepartmentId,
                n.IsDemo,
            })
            .ToListAsync(ct);
        var today = Today;
        return new NeedPage([.. rows.Select(n => new UnmetNeed(n.Id, n.Name, n.EnterpriseId, n.Enterprise, n.Amount, n.PostedOn,
            today.DayNumber - n.PostedOn.DayNumber, n.KeeperDepartmentId, n.IsDemo, Overdue(n.PostedOn, today, UnmetDays)))], total.Value,
            page, pageSize);
    }

    /// <summary>
    /// The open needs summed by the database: one GROUP BY track × district × overdue (SUM of the decimal amounts: PostgreSQL's
    /// numeric sum; on SQLite EF Core's ef_sum, which adds them as .NET decimals, so no cent is lost to floating point), whose few
    /// rows are then added up per track, per district and in all. Zero amounts count as needs adding nothing.
    /// </summary>
    public async Task<NeedSums> SumsAsync(CancellationToken ct)
    {
        var cutoff = Cutoff;
        var groups = await Open()
            .GroupBy(n => new { n.TrackId, n.Enterprise.DistrictId, Overdue = n.PostedOn <= cutoff })
            .Select(g => new { g.Key.TrackId, g.Key.DistrictId, g.Key.Overdue, Count = g.Count(), Amount = g.Sum(n => n.Amount) })
            .ToListAsync(ct);
        var enterprises = await Open().Select(n => n.EnterpriseId).Distinct().CountAsync(ct);
        var trackIds = groups.Where(g => g.TrackId is not null).Select(g => g.TrackId!.Value).Distinct().ToList();
        var tracks = await db.Tracks.AsNoTracking().Where(t => trackIds.Contains(t.Id)).OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.NameEn }).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Name, d.ShortName }).ToListAsync(ct);

        NeedSum Sum(Func<int?, int, bool> where, bool overdueOnly) => groups.Where(g => where(g.TrackId, g.DistrictId)
            && (g.Overdue || !overdueOnly)).Aggregate(NeedSum.Zero, (s, g) => s.Plus(new NeedSum(g.Count, g.Amount)));
        NeedSumRow Row(int? id, string name, Func<int?, int, bool> where) => new(id, name, Sum(where, false), Sum(where, true));

        IEnumerable<NeedSumRow> byTrack = tracks.Select(t => Row(t.Id, Display.Name(t.Name, t.NameEn), (track, _) => track == t.Id));
        if (groups.Any(g => g.TrackId is null)) byTrack = byTrack.Append(Row(null, "", (track, _) => track is null));
        var byDistrict = districts.Select(d => Row(d.Id, d.ShortName.Length > 0 ? d.ShortName : d.Name, (_, district) => district == d.Id))
            .Where(r => r.Open.Count > 0);
        return new NeedSums(Sum((_, _) => true, false), Sum((_, _) => true, true), enterprises, [.. byTrack], [.. byDistrict]);
    }

    /// <summary>A track id as the lists' query string has it ("none": needs without a track).</summary>
    public static string TrackKey(int? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
