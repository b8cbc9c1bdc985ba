using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support;

/// <summary>One policy's verdict for one enterprise, with the benefit it may expect.</summary>
public sealed record PolicyMatch(SupportPolicy Policy, RuleOutcome Outcome, decimal? ExpectedBenefit);

/// <summary>Per policy, the enterprises that meet it and those that nearly do (one condition short).</summary>
public sealed record MatchTable(int FiguresYear, IReadOnlyDictionary<int, int[]> Eligible, IReadOnlyDictionary<int, int[]> Nearly,
    int Enterprises);

/// <summary>
/// 政策计算器: reads enterprises' facts set-based (one query per kind of fact, no per-enterprise round trip) and evaluates every
/// policy's rule in memory. A full pass is kept per the registries' change stamp, which moves on with any change to an
/// enterprise's data and to a policy (its rule), so a change re-evaluates matching at the next read.
/// </summary>
public sealed class PolicyMatcher(FipDbContext db, KeptViews kept, TimeProvider clock)
{
    /// <summary>Conditions on yearly figures read the last completed year's (上一年度).</summary>
    public int FiguresYear => Today.Year - 1;
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<List<SupportPolicy>> PoliciesAsync(bool publishedOnly, CancellationToken ct) =>
        await db.Set<SupportPolicy>().AsNoTracking().Where(p => !publishedOnly || p.IsPublished).OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<List<PolicyMatch>> ForEnterpriseAsync(int enterpriseId, CancellationToken ct)
    {
        var facts = (await LoadFactsAsync([enterpriseId], ct)).Values.SingleOrDefault();
        if (facts is null) return [];
        return [.. (await PoliciesAsync(true, ct)).Select(p => Match(p, facts))];
    }

    public PolicyMatch Match(SupportPolicy p, EnterpriseFacts facts)
    {
        var outcome = RuleNode.Parse(p.Rule) is { } rule
            ? RuleEvaluator.Evaluate(rule, facts, FiguresYear, Today)
            : new RuleOutcome(false, int.MaxValue, [], []);
        return new(p, outcome, Benefit(p, facts));
    }

    /// <summary>The benefit to expect: the fixed amount, or the share (rate) of the figure, at most the cap; unknown without the
    /// figure.</summary>
    public static decimal? Benefit(SupportPolicy p, EnterpriseFacts f)
    {
        if (p.BenefitKind == BenefitKind.Fixed) return p.BenefitAmount;
        decimal? figure = p.BenefitFigure switch { "rdExpense" => f.RdExpense, "revenue" => f.Revenue, _ => null };
        if (figure is not { } v || p.BenefitShare is not { } share) return null;
        var amount = Math.Round(v * share, 2);
        return p.BenefitCap is { } cap ? Math.Min(amount, cap) : amount;
    }

    /// <summary>Every published policy against every enterprise, kept until the registries' stamp moves on.</summary>
    public Task<MatchTable> AllAsync(CancellationToken ct) =>
        kept.GetOrCreateAsync("support-match", FiguresYear, StampSet.Registries, c => EvaluateAllAsync(null, c), ct);

    /// <summary>A full pass with the given rules in place of the stored ones (a dry run of a rule change).</summary>
    public async Task<MatchTable> EvaluateAllAsync(IReadOnlyDictionary<int, string>? ruleOverrides, CancellationToken ct)
    {
        var policies = await PoliciesAsync(false, ct);
        var rules = policies.Select(p => (p.Id, Rule: RuleNode.Parse(ruleOverrides?.GetValueOrDefault(p.Id) ?? p.Rule))).ToList();
        var facts = await LoadFactsAsync(null, ct);
        var eligible = rules.ToDictionary(r => r.Id, _ => new List<int>());
        var nearly = rules.ToDictionary(r => r.Id, _ => new List<int>());
        var (year, today) = (FiguresYear, Today);
        foreach (var f in facts.Values)
            foreach (var (id, rule) in rules)
            {
                if (rule is null) continue;
                var o = RuleEvaluator.Evaluate(rule, f, year, today);
                if (o.Met) eligible[id].Add(f.EnterpriseId);
                else if (o.NearlyMet) nearly[id].Add(f.EnterpriseId);
            }
        return new(year, eligible.ToDictionary(x => x.Key, x => x.Value.Order().ToArray()),
            nearly.ToDictionary(x => x.Key, x => x.Value.Order().ToArray()), facts.Count);
    }

    /// <summary>Facts of the given enterprises (all live ones when null): a handful of set-based queries.</summary>
    public async Task<Dictionary<int, EnterpriseFacts>> LoadFactsAsync(IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var year = FiguresYear;
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var trackNames = await db.Tracks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var enterprises = db.Enterprises.AsNoTracking().Where(e => !e.IsDeleted);
        if (ids is not null) enterprises = enterprises.Where(e => ids.Contains(e.Id));
        var rows = await enterprises.Select(e => new { e.Id, e.DistrictId, e.FoundedOn, e.Employees }).ToListAsync(ct);
        var live = ids is null ? null : rows.Select(r => r.Id).ToList();

        IQueryable<TRow> Of<TRow>(IQueryable<TRow> q, System.Linq.Expressions.Expression<Func<TRow, bool>> inIds) =>
            live is null ? q : q.Where(inIds);
        var tracks = (await Of(db.EnterpriseTracks.AsNoTracking(), t => live!.Contains(t.EnterpriseId))
                .Select(t => new { t.EnterpriseId, t.TrackId }).ToListAsync(ct))
            .ToLookup(t => t.EnterpriseId, t => trackNames.GetValueOrDefault(t.TrackId) ?? "");
        var quals = (await Of(db.EnterpriseQualifications.AsNoTracking(), q => live!.Contains(q.EnterpriseId))
                .Select(q => new { q.EnterpriseId, q.Kind, q.Year }).ToListAsync(ct))
            .ToLookup(q => q.EnterpriseId);
        var figures = (await Of(db.EnterpriseIndicators.AsNoTracking().Where(i => i.Year == year), i => live!.Contains(i.EnterpriseId))
                .Select(i => new { i.EnterpriseId, i.Revenue, i.RdExpense, i.Employees, i.InventionPatents }).ToListAsync(ct))
            .ToDictionary(i => i.EnterpriseId);
        var firsts = await Of(db.KeyProducts.AsNoTracking().Where(p => p.FirstOfItsKind && !p.IsDeleted),
            p => live!.Contains(p.EnterpriseId))
            .GroupBy(p => p.EnterpriseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var links = await Of(db.EnterpriseChainLinks.AsNoTracking(), l => live!.Contains(l.EnterpriseId))
            .GroupBy(l => l.EnterpriseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var result = new Dictionary<int, EnterpriseFacts>(rows.Count);
        foreach (var r in rows)
        {
            var fig = figures.GetValueOrDefault(r.Id);
            result[r.Id] = new EnterpriseFacts(r.Id, districts.GetValueOrDefault(r.DistrictId),
                tracks[r.Id].ToHashSet(StringComparer.Ordinal),
                quals[r.Id].GroupBy(q => q.Kind).ToDictionary(g => g.Key, g => g.First().Year), r.FoundedOn,
                fig?.Employees ?? r.Employees, fig?.Revenue, fig?.RdExpense, fig?.InventionPatents,
                firsts.GetValueOrDefault(r.Id), links.GetValueOrDefault(r.Id));
        }
        return result;
    }

    /// <summary>The names a rule may use: districts and tracks.</summary>
    public async Task<(IReadOnlySet<string> Districts, IReadOnlySet<string> Tracks)> VocabularyAsync(CancellationToken ct) =>
        ((await db.Districts.AsNoTracking().Select(d => d.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            (await db.Tracks.AsNoTracking().Select(t => t.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal));
}
