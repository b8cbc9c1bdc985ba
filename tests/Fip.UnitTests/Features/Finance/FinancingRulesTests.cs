using Fip.Web.Features.Finance;

namespace Fip.UnitTests.Features.Finance;

/// <summary>Issue 20, item 5: which funds and banks a financing need matches, and when an open need is overdue.</summary>
public class FinancingRulesTests
{
    private const int Track = 7;
    private const int OtherTrack = 8;

    [Theory]
    // Kind of money asked for.
    [InlineData(NeedKind.Loan, InvestmentRound.Angel, Track, FundKind.Angel, null, false)]   // a loan only: no fund
    [InlineData(NeedKind.Either, InvestmentRound.Angel, Track, FundKind.Angel, null, true)]
    [InlineData(NeedKind.Equity, InvestmentRound.Angel, Track, FundKind.Angel, Track, true)]
    // Stage against the fund's kind, at the edges of each range.
    [InlineData(NeedKind.Equity, InvestmentRound.Seed, Track, FundKind.Angel, null, true)]
    [InlineData(NeedKind.Equity, InvestmentRound.SeriesA, Track, FundKind.Angel, null, false)]   // past angel money
    [InlineData(NeedKind.Equity, InvestmentRound.Seed, Track, FundKind.SubFund, null, false)]    // sub-funds start at angel
    [InlineData(NeedKind.Equity, InvestmentRound.SeriesB, Track, FundKind.SubFund, null, true)]
    [InlineData(NeedKind.Equity, InvestmentRound.SeriesC, Track, FundKind.SubFund, null, false)]
    [InlineData(NeedKind.Equity, InvestmentRound.Angel, Track, FundKind.Industry, null, false)]  // industry funds start at A
    [InlineData(NeedKind.Equity, InvestmentRound.Strategic, Track, FundKind.Industry, null, true)]
    // Track: the fund's own, or any when it names none; a need without a track only meets funds for any track.
    [InlineData(NeedKind.Equity, InvestmentRound.Angel, Track, FundKind.Angel, OtherTrack, false)]
    [InlineData(NeedKind.Equity, InvestmentRound.Angel, null, FundKind.Angel, Track, false)]
    [InlineData(NeedKind.Equity, InvestmentRound.Angel, null, FundKind.Angel, null, true)]
    public void FundFits_ByKindStageAndTrack(NeedKind need, InvestmentRound stage, int? needTrack, FundKind fund, int? fundTrack,
        bool fits) =>
        Assert.Equal(fits, FinancingMatch.FundFits(need, stage, needTrack, fund, fundTrack));

    [Theory]
    [InlineData(0, 5, true, 0)]     // never lent on the track: no match, whatever else it did
    [InlineData(1, 0, true, 2)]
    [InlineData(3, 2, true, 8)]     // early enterprise: first and IP-pledge loans count too
    [InlineData(3, 2, false, 6)]    // a later one: only the loans on the track
    public void BankScore_LoansOnTheTrack_PlusFirstAndPledgeLoansForEarlyEnterprises(int onTrack, int firstOrPledge, bool early,
        int score) =>
        Assert.Equal(score, FinancingMatch.BankScore(onTrack, firstOrPledge, early));

    [Theory]
    [InlineData(InvestmentRound.SeriesC, false, true)]   // no bank loan yet: a first-loan candidate at any stage
    [InlineData(InvestmentRound.Seed, true, true)]
    [InlineData(InvestmentRound.Angel, true, true)]
    [InlineData(InvestmentRound.SeriesA, true, false)]
    public void Early_NoLoanYetOrSeedOrAngel(InvestmentRound stage, bool hasLoan, bool early) =>
        Assert.Equal(early, FinancingMatch.Early(stage, hasLoan));

    [Theory]
    [InlineData("2025-03-01", "2025-04-29", 60, false)]   // 59 days
    [InlineData("2025-03-01", "2025-04-30", 60, true)]    // the 60th day: overdue
    [InlineData("2024-12-31", "2025-01-01", 1, true)]     // across the year boundary
    [InlineData("2024-02-28", "2024-03-01", 2, true)]     // leap year: 29 February counts
    [InlineData("2025-02-28", "2025-03-01", 2, false)]
    [InlineData("2025-05-01", "2025-04-30", 1, false)]    // dated in the future
    public void Overdue_AfterNDaysOpen(string posted, string today, int days, bool overdue) =>
        Assert.Equal(overdue, FinancingNeedService.Overdue(DateOnly.Parse(posted, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), days));
}
