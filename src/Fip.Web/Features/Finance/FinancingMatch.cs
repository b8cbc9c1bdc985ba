using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Finance;

/// <summary>Where a match comes from: a registered fund, or a bank known from the loan registry.</summary>
public enum MatchSource
{
    Fund,
    Bank,
}

/// <summary>A fund or bank proposed for a financing need, with why (each reason a resource key and its arguments).</summary>
public sealed record NeedMatch(MatchSource Source, string Name, int? FundId, int Score, IReadOnlyList<UserMessage> Reasons);

/// <summary>
/// The matching rules, stated on the need's page: a fund matches when the need asks for equity, the enterprise's stage is one the
/// fund's kind invests in (<see cref="RoundsOf"/>) and the fund's track is the need's (or the fund names none: any track); a
/// bank matches when the need asks for a loan and the bank has lent to enterprises on the need's track (any track when the
/// need names none). Funds on the need's own track rank before funds for any track; banks rank by their loans on the track,
/// and for an enterprise with no bank loan yet (a 首贷 candidate) or at seed or angel stage, by their 首贷 and 知识产权质押 loans too.
/// </summary>
public static class FinancingMatch
{
    public const int MaxBanks = 5;

    /// <summary>The rounds a kind of fund invests in: 天使基金 seed and angel; 子基金 angel to B; 产业基金 A onwards.</summary>
    public static IReadOnlyList<InvestmentRound> RoundsOf(FundKind kind) => kind switch
    {
        FundKind.Angel => [InvestmentRound.Seed, InvestmentRound.Angel],
        FundKind.SubFund => [InvestmentRound.Angel, InvestmentRound.SeriesA, InvestmentRound.SeriesB],
        _ => [InvestmentRound.SeriesA, InvestmentRound.SeriesB, InvestmentRound.SeriesC, InvestmentRound.Strategic],
    };

    public static bool WantsEquity(NeedKind kind) => kind != NeedKind.Loan;
    public static bool WantsLoan(NeedKind kind) => kind != NeedKind.Equity;

    /// <summary>Whether a fund fits a need: the need wants equity, the stage is one the fund invests in, the track agrees.</summary>
    public static bool FundFits(NeedKind need, InvestmentRound stage, int? needTrack, FundKind fund, int? fundTrack) =>
        WantsEquity(need) && RoundsOf(fund).Contains(stage) && (fundTrack is null || fundTrack == needTrack);

    /// <summary>Whether the enterprise is early enough that first loans and IP pledges are what banks offer it.</summary>
    public static bool Early(InvestmentRound stage, bool hasLoan) => !hasLoan || stage is InvestmentRound.Seed or InvestmentRound.Angel;

    /// <summary>A bank's score for a need: 2 per loan on the track, and (for an early enterprise) 1 per 首贷 or 知识产权质押 loan.</summary>
    public static int BankScore(int loansOnTrack, int firstOrPledgeLoans, bool early) =>
        loansOnTrack == 0 ? 0 : 2 * loansOnTrack + (early ? firstOrPledgeLoans : 0);

    /// <summary>The funds and banks for a need, best first.</summary>
    public static async Task<IReadOnlyList<NeedMatch>> ForAsync(FipDbContext db, FinancingNeed need, CancellationToken ct)
    {
        var matches = new List<NeedMatch>();
        var trackName = need.TrackId is { } tid
            ? await db.Tracks.AsNoTracking().Where(t => t.Id == tid).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
        if (WantsEquity(need.Kind))
        {
            var funds = await db.Set<Fund>().AsNoTracking().Where(f => !f.IsDeleted && (f.TrackId == null || f.TrackId == need.TrackId))
                .Select(f => new { f.Id, f.Name, f.Kind, f.TrackId, f.Commitment }).ToListAsync(ct);
            foreach (var f in funds.Where(f => FundFits(need.Kind, need.Stage, need.TrackId, f.Kind, f.TrackId)))
            {
                var rounds = string.Join("、", RoundsOf(f.Kind).Select(r => Registries.Labels.Enum(typeof(InvestmentRound), r)));
                List<UserMessage> reasons =
                [
                    UserMessage.Of("Finance.Match.FundStage", Registries.Labels.Enum(typeof(FundKind), f.Kind), rounds),
                    f.TrackId is null ? UserMessage.Of("Finance.Match.AnyTrack") : UserMessage.Of("Finance.Match.SameTrack", trackName),
                ];
                matches.Add(new NeedMatch(MatchSource.Fund, f.Name, f.Id, f.TrackId is null ? 1 : 2, reasons));
            }
        }
        if (WantsLoan(need.Kind))
        {
            var onTrack = need.TrackId is { } t
                ? db.EnterpriseTracks.Where(et => et.TrackId == t).Select(et => et.EnterpriseId)
                : db.Enterprises.Select(e => e.Id);
            var loans = await db.Set<Loan>().AsNoTracking().Where(l => !l.IsDeleted && onTrack.Contains(l.EnterpriseId))
                .Select(l => new { l.Bank, l.Kind }).ToListAsync(ct);
            var hasLoan = await db.Set<Loan>().AnyAsync(l => !l.IsDeleted && l.EnterpriseId == need.EnterpriseId, ct);
            var early = Early(need.Stage, hasLoan);
            foreach (var bank in loans.GroupBy(l => l.Bank, StringComparer.Ordinal))
            {
                var count = bank.Count();
                var fitting = bank.Count(l => l.Kind is LoanKind.FirstLoan or LoanKind.IpPledge);
                List<UserMessage> reasons =
                [
                    trackName is null
                        ? UserMessage.Of("Finance.Match.BankLoans", count)
                        : UserMessage.Of("Finance.Match.BankTrackLoans", trackName, count),
                ];
                if (early && fitting > 0)
                    reasons.Add(UserMessage.Of(hasLoan ? "Finance.Match.EarlyStage" : "Finance.Match.FirstLoan", fitting));
                matches.Add(new NeedMatch(MatchSource.Bank, bank.Key, null, BankScore(count, fitting, early), reasons));
            }
        }
        return
        [
            .. matches.Where(m => m.Source == MatchSource.Fund).OrderByDescending(m => m.Score).ThenBy(m => m.Name, StringComparer.Ordinal),
            .. matches.Where(m => m.Source == MatchSource.Bank).OrderByDescending(m => m.Score).ThenBy(m => m.Name, StringComparer.Ordinal)
                .Take(MaxBanks),
        ];
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
