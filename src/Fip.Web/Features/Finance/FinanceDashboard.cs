using Fip.Web.Data;
using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure.Jobs;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Finance;

/// <summary>One bar of a breakdown: a name, how many events and their amount (万元).</summary>
public sealed record FinanceRow(string Key, string Name, int Count, decimal Amount);

/// <summary>The finance dashboard's figures: investment and loans by track, district and stage; first loans.</summary>
public sealed record FinanceFigures(
    int Investments, decimal InvestmentAmount, decimal AngelAmount, int Loans, decimal LoanAmount, int FirstLoans, int FirstLoanEnterprises,
    decimal IpPledgeAmount,
    IReadOnlyList<FinanceRow> InvestmentByTrack, IReadOnlyList<FinanceRow> LoanByTrack,
    IReadOnlyList<FinanceRow> InvestmentByDistrict, IReadOnlyList<FinanceRow> LoanByDistrict,
    IReadOnlyList<FinanceRow> InvestmentByRound, IReadOnlyList<FinanceRow> LoanByKind);

/// <summary>
/// Computes the dashboard from the investment and loan registries (live records, deleted ones left out). An enterprise on
/// several tracks counts in each of them, so the track rows may add up to more than the total. Amounts are summed in memory:
/// SQLite has no decimal aggregate, and one row per financing event is small.
/// </summary>
public sealed class FinanceDashboard(FipDbContext db)
{
    public async Task<FinanceFigures> FiguresAsync(CancellationToken ct)
    {
        var investments = (await db.Set<Investment>().AsNoTracking().Where(i => !i.IsDeleted)
                .Select(i => new { i.EnterpriseId, i.Enterprise!.DistrictId, i.Round, i.Amount, Angel = i.Fund!.Kind == FundKind.Angel })
                .ToListAsync(ct))
            .Select(i => new Event(i.EnterpriseId, i.DistrictId, i.Round.ToString(), i.Amount, i.Angel)).ToList();
        var loans = (await db.Set<Loan>().AsNoTracking().Where(l => !l.IsDeleted)
                .Select(l => new { l.EnterpriseId, l.Enterprise!.DistrictId, l.Kind, l.Amount })
                .ToListAsync(ct))
            .Select(l => new Event(l.EnterpriseId, l.DistrictId, l.Kind.ToString(), l.Amount, l.Kind == LoanKind.FirstLoan)).ToList();
        var enterpriseIds = investments.Concat(loans).Select(e => e.EnterpriseId).Distinct().ToList();
        var tracksOf = (await db.EnterpriseTracks.AsNoTracking().Where(t => enterpriseIds.Contains(t.EnterpriseId))
                .Select(t => new { t.EnterpriseId, t.TrackId }).ToListAsync(ct))
            .ToLookup(t => t.EnterpriseId, t => t.TrackId);
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder)
            .Select(t => new { t.Id, t.Name, t.NameEn }).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name, d.ShortName })
            .ToListAsync(ct);

        IReadOnlyList<FinanceRow> ByTrack(List<Event> events) =>
        [
            .. tracks.Select(t =>
            {
                var on = events.Where(e => tracksOf[e.EnterpriseId].Contains(t.Id)).ToList();
                return new FinanceRow(t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Infrastructure.Display.Name(t.Name, t.NameEn), on.Count, on.Sum(e => e.Amount));
            }).Where(r => r.Count > 0),
        ];
        IReadOnlyList<FinanceRow> ByDistrict(List<Event> events) =>
        [
            .. districts.Select(d =>
            {
                var on = events.Where(e => e.DistrictId == d.Id).ToList();
                return new FinanceRow(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    d.ShortName.Length > 0 ? d.ShortName : d.Name, on.Count, on.Sum(e => e.Amount));
            }).Where(r => r.Count > 0),
        ];
        IReadOnlyList<FinanceRow> ByStage<TEnum>(List<Event> events) where TEnum : struct, Enum =>
        [
            .. Enum.GetValues<TEnum>().Select(v =>
            {
                var on = events.Where(e => e.Stage == v.ToString()).ToList();
                return new FinanceRow(v.ToString(), Labels.Enum(typeof(TEnum), v), on.Count, on.Sum(e => e.Amount));
            }).Where(r => r.Count > 0),
        ];

        var firstLoans = loans.Where(l => l.Flag).ToList();
        return new FinanceFigures(
            investments.Count, investments.Sum(i => i.Amount), investments.Where(i => i.Flag).Sum(i => i.Amount),
            loans.Count, loans.Sum(l => l.Amount), firstLoans.Count, firstLoans.Select(l => l.EnterpriseId).Distinct().Count(),
            loans.Where(l => l.Stage == nameof(LoanKind.IpPledge)).Sum(l => l.Amount),
            ByTrack(investments), ByTrack(loans), ByDistrict(investments), ByDistrict(loans),
            ByStage<InvestmentRound>(investments), ByStage<LoanKind>(loans));
    }

    /// <summary>A financing event: its enterprise, district, stage (round or loan kind), amount, and flag (angel fund; first
    /// loan).</summary>
    private sealed record Event(int EnterpriseId, int DistrictId, string Stage, decimal Amount, bool Flag);
}

public static class FinanceServices
{
    public static IServiceCollection AddFinance(this IServiceCollection services)
    {
        services.AddScoped<FinanceDashboard>();
        services.AddScoped<FinancingNeedService>();
        services.AddAlertRules<FinanceAlertRules>();
        services.AddScheduledJob<FinanceAlertJob>();
        return services;
    }
}
