using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Infrastructure;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Finance;

/// <summary>The outcome the finance office records: met by an investment or a loan of the same enterprise, or closed unmet.</summary>
public sealed record NeedOutcomeInput(string? Status, int? InvestmentId, int? LoanId, string? Reason, string? Version);

/// <summary>An open need past its deadline, for the lists and the alert.</summary>
public sealed record UnmetNeed(int Id, string Name, int EnterpriseId, string Enterprise, decimal Amount, DateOnly PostedOn, int Days,
    int? KeeperDepartmentId, bool IsDemo, bool Overdue);

/// <summary>
/// Financing needs' outcomes and deadlines. A need still open <see cref="UnmetDays"/> days after it was posted
/// (<c>Finance:UnmetNeedDays</c>, 60 by default) is overdue: the finance office gets an alert, and the dashboard lists it.
/// </summary>
public sealed partial class FinancingNeedService(FipDbContext db, AlertService alerts, TimeProvider clock, IConfiguration configuration)
{
    public const int DefaultUnmetDays = 60;
    public const string AlertRule = "financing-need-unmet";

    public int UnmetDays => Math.Max(1, configuration.GetValue("Finance:UnmetNeedDays", DefaultUnmetDays));

    public DateOnly Today => Display.Today(clock);

    /// <summary>Whether a need posted on <paramref name="postedOn"/> and still open is overdue on <paramref name="today"/>: it has
    /// waited <paramref name="days"/> days or more (posted on 1 March with 60 days: overdue from 30 April).</summary>
    public static bool Overdue(DateOnly postedOn, DateOnly today, int days) => today.DayNumber - postedOn.DayNumber >= days;

    public static string AlertKey(int needId) => string.Create(CultureInfo.InvariantCulture, $"{AlertRule}:{needId}");

    /// <summary>A need with its enterprise, track and outcome records, when the user may read it.</summary>
    public async Task<FinancingNeed?> FindAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var need = await db.Set<FinancingNeed>().AsNoTracking().Include(n => n.Enterprise).Include(n => n.Track)
            .Include(n => n.Investment).Include(n => n.Loan).FirstOrDefaultAsync(n => n.Id == id && !n.IsDeleted, ct);
        return need is not null && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Read, need) ? need : null;
    }

    /// <summary>Whether the user records outcomes of this need: admins, and users of the department that keeps it.</summary>
    public static bool MayDecide(ClaimsPrincipal user, FinancingNeed need) =>
        Policies.Allows(user, Policies.DepartmentWrite) && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, need);

    /// <summary>The enterprise's investments and loans a need may be met by, newest first.</summary>
    public async Task<(IReadOnlyList<Investment> Investments, IReadOnlyList<Loan> Loans)> CandidatesAsync(int enterpriseId,
        CancellationToken ct) =>
        (await db.Set<Investment>().AsNoTracking().Where(i => i.EnterpriseId == enterpriseId && !i.IsDeleted)
                .OrderByDescending(i => i.InvestedOn).ToListAsync(ct),
            await db.Set<Loan>().AsNoTracking().Where(l => l.EnterpriseId == enterpriseId && !l.IsDeleted)
                .OrderByDescending(l => l.LentOn).ToListAsync(ct));

    /// <summary>
    /// Records the outcome of an open need, in one transaction: "funded" with one investment or loan of the same enterprise (its
    /// amount and date are the outcome's), or "unmet" with a reason. A stale version is refused (409), and so is a need already
    /// decided; the need's overdue alert is then resolved.
    /// </summary>
    public async Task<Outcome> RecordOutcomeAsync(int id, NeedOutcomeInput input, string? ifMatch, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var need = await db.Set<FinancingNeed>().Include(n => n.Enterprise).FirstOrDefaultAsync(n => n.Id == id && !n.IsDeleted, ct);
        if (need is null || !ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Read, need)) return Outcome.NotFound;
        if (!MayDecide(user, need)) return Outcome.Forbidden;
        if (IfMatch.Version(ifMatch, input.Version) is not { } version || version != need.Version) return Outcome.Stale;
        if (need.Status != NeedStatus.Open) return Outcome.Conflict("Finance.NeedDecided");
        switch (input.Status?.Trim().ToLowerInvariant())
        {
            case "funded":
                if (input.InvestmentId is null == input.LoanId is null) return Outcome.Invalid("investmentId", "Finance.OutcomeOneSource");
                if (input.InvestmentId is { } iid)
                {
                    var inv = await db.Set<Investment>().AsNoTracking()
                        .FirstOrDefaultAsync(i => i.Id == iid && !i.IsDeleted && i.EnterpriseId == need.EnterpriseId, ct);
                    if (inv is null) return Outcome.Invalid("investmentId", "Finance.OutcomeNotThisEnterprise");
                    (need.InvestmentId, need.OutcomeAmount, need.OutcomeOn) = (inv.Id, inv.Amount, inv.InvestedOn);
                }
                else
                {
                    var loan = await db.Set<Loan>().AsNoTracking()
                        .FirstOrDefaultAsync(l => l.Id == input.LoanId && !l.IsDeleted && l.EnterpriseId == need.EnterpriseId, ct);
                    if (loan is null) return Outcome.Invalid("loanId", "Finance.OutcomeNotThisEnterprise");
                    (need.LoanId, need.OutcomeAmount, need.OutcomeOn) = (loan.Id, loan.Amount, loan.LentOn);
                }
                need.Status = NeedStatus.Funded;
                break;
            case "unmet":
                var reason = input.Reason?.Trim() ?? "";
                if (reason.Length == 0) return Outcome.Invalid("reason", "Finance.ReasonRequired");
                if (reason.Length > 500) return Outcome.Invalid("reason", "Finance.ReasonTooLong");
                need.Status = NeedStatus.ClosedUnmet;
                need.ClosedReason = reason;
                need.OutcomeOn = Today;
                break;
            default:
                return Outcome.Invalid("status", "Finance.OutcomeStatus");
        }
        need.OutcomeBy = user.Identity?.Name;
        need.OutcomeAt = clock.GetUtcNow().UtcDateTime;
        need.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        await alerts.ClearAsync(AlertKey(need.Id), "融资需求已登记结果 · outcome recorded", ct);
        return Outcome.Success;
    }
}

/// <summary>
/// The unmet-need alert: a yellow alert to the finance office for every open need past <see cref="FinancingNeedService.UnmetDays"/>,
/// once per need (its key names the need); resolved by the system when the need is decided or deleted.
/// </summary>
public sealed class FinanceAlertRules(FipDbContext db, FinancingNeedService needs, AlertService alerts) : IAlertRules
{
    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var raised = 0;
        var due = new HashSet<string>(StringComparer.Ordinal);
        // Page by page (oldest first), so that a city with many overdue needs is never read into memory at once.
        var filter = new NeedFilter(OverdueOnly: true);
        for (var page = 1; ; page++)
        {
            var batch = await needs.PageAsync(filter, page, FinancingNeedService.MaxPageSize, ct);
            foreach (var n in batch.Items)
            {
                due.Add(FinancingNeedService.AlertKey(n.Id));
                if (await alerts.RaiseAsync(Request(n), ct) is not null) raised++;
            }
            if (page >= batch.Pages) break;
        }
        var stale = await db.Alerts.AsNoTracking().Where(a => a.Rule == FinancingNeedService.AlertRule && a.Status != AlertStatus.Resolved)
            .Select(a => a.DedupKey).Distinct().ToListAsync(ct);
        foreach (var key in stale.Where(k => !due.Contains(k)))
            await alerts.ClearAsync(key, "融资需求已不再逾期 · no longer overdue", ct);
        return raised;
    }

    private AlertRequest Request(UnmetNeed n)
    {
        var amount = n.Amount.ToString("#,0.##", CultureInfo.InvariantCulture);
        return new AlertRequest(FinancingNeedService.AlertRule, FinancingNeedService.AlertKey(n.Id), AlertSeverity.Yellow,
            $"{n.Enterprise}的融资需求已{n.Days}天未满足", $"Financing need of {n.Enterprise} unmet for {n.Days} days",
            $"「{n.Name}」{amount} 万元，{FinancingMatch.Day(n.PostedOn)} 发布，超过 {needs.UnmetDays} 天仍未满足：请对接基金或银行，或登记结果。",
            $"\"{n.Name}\", {amount} (10k yuan), posted {FinancingMatch.Day(n.PostedOn)}, still unmet after {needs.UnmetDays} days: " +
            "match it with a fund or a bank, or record the outcome.",
            $"/Finance/Need/{n.Id.ToString(CultureInfo.InvariantCulture)}", n.KeeperDepartmentId, null);
    }
}

/// <summary>Every <c>Jobs:FinanceMinutes</c> (60): the unmet financing-need alerts.</summary>
public sealed class FinanceAlertJob : IScheduledJob
{
    public string Name => "finance-alerts";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromMinutes(configuration.GetValue("Jobs:FinanceMinutes", 60));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var raised = await services.GetRequiredService<FinanceAlertRules>().EvaluateAsync(ct);
        return raised > 0 ? $"{raised} unmet financing-need alerts raised" : null;
    }
}
