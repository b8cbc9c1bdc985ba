using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Support;

/// <summary>One row of the statistics: a policy, a district or a track. Applications leaves out those withdrawn (counted apart in
/// Withdrawn): an application the enterprise took back was never pending, approved or paid.</summary>
public sealed record SupportFigures(string Name, int Applications, int Approved, int Paid, decimal ApprovedAmount, decimal PaidAmount,
    double? AverageDaysToPay, int Withdrawn = 0);
public sealed record SupportStatistics(IReadOnlyList<SupportFigures> ByPolicy, IReadOnlyList<SupportFigures> ByDistrict,
    IReadOnlyList<SupportFigures> ByTrack);

/// <summary>What the support pages and API read: an enterprise's matches in words, the 免申即享 lists, applications, statistics.</summary>
public sealed class SupportQueries(FipDbContext db, PolicyMatcher matcher, IAuthorizationService auth, SupportCommands commands)
{
    /// <summary>The enterprise bound to an enterprise user (null for other roles or an unbound code).</summary>
    public async Task<int?> OwnEnterpriseIdAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.Role() == Roles.Enterprise && user.EnterpriseUscc() is { } code
            ? await db.Enterprises.Where(e => e.CreditCode == code && !e.IsDeleted).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>An enterprise's verdicts (an enterprise user: always its own; others: the one asked for, if they may read it).</summary>
    public async Task<EnterpriseMatchDto?> MatchAsync(int? enterpriseId, ClaimsPrincipal user, IStringLocalizer l, CancellationToken ct)
    {
        var id = user.Role() == Roles.Enterprise ? await OwnEnterpriseIdAsync(user, ct) : enterpriseId;
        if (id is null || await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id && !e.IsDeleted, ct) is not { } enterprise) return null;
        if (!(await auth.AuthorizeAsync(user, enterprise, ScopeRequirement.Read)).Succeeded) return null;
        var year = matcher.FiguresYear;
        ConditionDto Words(ConditionResult r) => new(r.Field, r.Met != r.Negated, r.Negated, RuleText.Explain(r, l, year));
        var matches = await matcher.ForEnterpriseAsync(enterprise.Id, ct);
        return new(enterprise.Id, year, [.. matches
            .OrderByDescending(m => m.Outcome.Met).ThenBy(m => m.Outcome.Missing).ThenBy(m => m.Policy.Id)
            .Select(m => new MatchDto(m.Policy.Id, m.Policy.Name, m.Outcome.Met, m.Outcome.NearlyMet, m.Outcome.Missing, m.ExpectedBenefit,
                [.. m.Outcome.Conditions.Select(Words)], [.. m.Outcome.Blocking.Select(Words)]))]);
    }

    public async Task<EligibleListDto?> EligibleAsync(int policyId, CancellationToken ct)
    {
        if (!await db.Set<SupportPolicy>().AnyAsync(p => p.Id == policyId, ct)) return null;
        var ids = await commands.EligibleNotAppliedAsync(policyId, ct);
        var rows = new List<EligibleDto>(ids.Count);
        foreach (var chunk in ids.Chunk(5000))
            rows.AddRange(await db.Enterprises.AsNoTracking().Where(e => chunk.Contains(e.Id)).OrderBy(e => e.Id)
                .Select(e => new EligibleDto(e.Id, e.CreditCode, e.Name, e.District.Name)).ToListAsync(ct));
        return new(policyId, rows.Count, rows);
    }

    /// <summary>The newest 1,000 applications the user may see; <paramref name="only"/> narrows them to these ids (a drill-down).</summary>
    public async Task<List<ApplicationDto>> ApplicationsAsync(ClaimsPrincipal user, CancellationToken ct,
        IReadOnlyCollection<int>? only = null)
    {
        var q = db.Set<PolicyApplication>().AsNoTracking().Include(a => a.Policy).Include(a => a.Enterprise).AsQueryable();
        if (only is not null) q = q.Where(a => only.Contains(a.Id));
        if (user.Role() == Roles.Enterprise)
        {
            var code = user.EnterpriseUscc() ?? "\0";
            q = q.Where(a => a.Enterprise.CreditCode == code);
        }
        return [.. (await q.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).Take(1000).ToListAsync(ct)).Select(ToDto)];
    }

    public static ApplicationDto ToDto(PolicyApplication a) => new(a.Id, a.PolicyId, a.Policy?.Name ?? "", a.EnterpriseId,
        a.Enterprise?.Name ?? "", a.State.ToString(), a.OnBehalf, a.ExpectedAmount, a.ApprovedAmount, a.PaidAmount, a.Note, a.Reason,
        a.SubmittedAt, a.DecidedAt, a.PaidAt, a.PaidOn, a.PaymentVoucher, a.Version);

    /// <summary>Per policy, district and track: applications (not withdrawn), approvals (approved or paid), payments, amounts,
    /// days from submission to payment, and withdrawals.</summary>
    public async Task<SupportStatistics> StatisticsAsync(CancellationToken ct)
    {
        var rows = await db.Set<PolicyApplication>().AsNoTracking().Select(a => new
        {
            Policy = a.Policy.Name,
            District = a.Enterprise.District.Name,
            a.EnterpriseId,
            a.State,
            a.ApprovedAmount,
            a.PaidAmount,
            a.SubmittedAt,
            a.PaidAt,
            a.PaidOn,
        }).ToListAsync(ct);
        var enterpriseIds = rows.Select(r => r.EnterpriseId).Distinct().ToList();
        var tracks = (await db.EnterpriseTracks.AsNoTracking().Where(t => enterpriseIds.Contains(t.EnterpriseId))
            .Select(t => new { t.EnterpriseId, t.Track.Name }).ToListAsync(ct)).ToLookup(t => t.EnterpriseId, t => t.Name);
        List<SupportFigures> By(IEnumerable<(string Key, int Row)> keyed) => [.. keyed.GroupBy(k => k.Key).OrderBy(g => g.Key,
            StringComparer.Ordinal)
            .Select(g =>
            {
                var rs = g.Select(k => rows[k.Row]).ToList();
                var paid = rs.Where(r => r.State == ApplicationState.Paid && r.PaidAt is not null).ToList();
                var withdrawn = rs.Count(r => r.State == ApplicationState.Withdrawn);
                return new SupportFigures(g.Key, rs.Count - withdrawn,
                    rs.Count(r => r.State is ApplicationState.Approved or ApplicationState.Paid), paid.Count,
                    rs.Sum(r => r.ApprovedAmount ?? 0), rs.Sum(r => r.PaidAmount ?? 0),
                    paid.Count == 0 ? null : Math.Round(paid.Average(r =>
                        ((r.PaidOn is { } on ? on.ToDateTime(TimeOnly.MinValue) : r.PaidAt!.Value) - r.SubmittedAt.Date).TotalDays), 1),
                    withdrawn);
            })];
        var indexed = rows.Select((r, i) => (r, i)).ToList();
        return new(By(indexed.Select(x => (x.r.Policy, x.i))), By(indexed.Select(x => (x.r.District, x.i))),
            By(indexed.SelectMany(x => tracks[x.r.EnterpriseId].Select(t => (t, x.i)))));
    }
}
