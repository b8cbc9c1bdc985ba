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
/// policy's rule in memory. The full table (every policy × every enterprise) is kept by this node (<see cref="MatchKeeper"/>) and
/// brought up to date at each read: the enterprises the registries' journal names since the table's stamp are re-evaluated and
/// patched in, a policy whose rule changed is re-evaluated alone, and everything is computed again only when nothing is kept, the
/// figures' year or the names rules use (districts, tracks) changed, the journal cannot say what changed, or more than
/// <see cref="FullPassAbove"/> enterprises did.
/// </summary>
public sealed class PolicyMatcher(FipDbContext db, MatchKeeper keeper, IConfiguration configuration, TimeProvider clock)
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

    /// <summary>
    /// Above this many changed enterprises a full pass replaces the patch. Per enterprise a patch costs what a full pass does
    /// (evaluating 20 rules dominates both, not reading the facts: docs/benchmarks.md), but it also carries the ids as a query
    /// parameter and rebuilds every list whose verdicts flipped (a merge over all its entries); past a quarter of the table the
    /// one stream of a full pass is as quick and simpler. Below 1,000 a patch always wins.
    /// </summary>
    public static int FullPassAbove(int enterprises) => Math.Max(1_000, enterprises / 4);

    /// <summary>Every policy (published or not) against every enterprise, exact for the registries' stamp this request read.</summary>
    public async Task<MatchTable> AllAsync(CancellationToken ct)
    {
        if (KeptViews.Bypassed(configuration, "support-match")) return await EvaluateAllAsync(null, ct);
        // Read before any fact: a write the facts below miss has moved the stamp past this value, so the next read patches it.
        var stamps = await db.AllStampsAsync(ct);
        var (stamp, goals) = (stamps.GetValueOrDefault(ChangeStamp.Registries), stamps.GetValueOrDefault(ChangeStamp.Goals));
        if (Fresh(keeper.Current, stamp, goals) is { } kept) return kept;
        await keeper.Gate.WaitAsync(ct);
        try
        {
            if (Fresh(keeper.Current, stamp, goals) is { } meanwhile) return meanwhile;
            var next = await RefreshAsync(keeper.Current, stamp, goals, ct);
            keeper.Current = next;
            return next.Table;
        }
        finally
        {
            keeper.Gate.Release();
        }
    }

    private MatchTable? Fresh(MatchKeeper.Kept? k, long stamp, long goals) =>
        k is not null && k.Stamp >= stamp && k.Goals >= goals && k.Year == FiguresYear
        && (k.Day == Today || !k.Rules.Keys.Any(k.ReadsAge)) ? k.Table : null;

    private async Task<MatchKeeper.Kept> RefreshAsync(MatchKeeper.Kept? kept, long stamp, long goals, CancellationToken ct)
    {
        var (year, today) = (FiguresYear, Today);
        var policies = await PoliciesAsync(false, ct);
        var (districts, tracks) = await NamesAsync(ct);
        HashSet<int>? touched = null;
        if (kept is null || kept.Year != year || !Same(kept.Districts, districts) || !Same(kept.Tracks, tracks)
            || (touched = await RegistryJournal.TouchedAsync(db, kept.Stamp, stamp, ct)) is null
            || touched.Count > FullPassAbove(kept.Live.Length))
        {
            keeper.CountFullPass();
            var all = await LoadFactsAsync(null, ct);
            var table = Build(policies, null, all.Values, year, today);
            return new(stamp, goals, year, today, districts, tracks, Rules(policies), [.. all.Keys.Order()], table);
        }
        keeper.CountPatch();
        // A policy whose rule changed (or is new, or reads age on a new day) is evaluated against everyone; the others against
        // the enterprises that changed.
        var renewed = policies.Where(p => kept.Rules.GetValueOrDefault(p.Id) != p.Rule || (kept.Day != today && kept.ReadsAge(p.Id)))
            .Select(p => p.Id).ToHashSet();
        var facts = renewed.Count == 0 && touched.Count == 0 ? [] : await LoadFactsAsync(renewed.Count > 0 ? null : touched, ct);
        if (keeper.AfterFactsRead is { } hook) await hook();
        var changed = facts.Values.Where(f => touched.Contains(f.EnterpriseId)).ToList();
        var eligible = new Dictionary<int, int[]>();
        var nearly = new Dictionary<int, int[]>();
        foreach (var p in policies)
        {
            var rule = RuleNode.Parse(p.Rule);
            if (renewed.Contains(p.Id))
            {
                var (met, near) = Verdicts(rule, facts.Values, year, today);
                (eligible[p.Id], nearly[p.Id]) = ([.. met.Order()], [.. near.Order()]);
                continue;
            }
            var (nowMet, nowNear) = Verdicts(rule, changed, year, today);
            eligible[p.Id] = MatchPatch.Apply(kept.Table.Eligible[p.Id], touched, nowMet.ToHashSet());
            nearly[p.Id] = MatchPatch.Apply(kept.Table.Nearly[p.Id], touched, nowNear.ToHashSet());
        }
        var live = renewed.Count > 0 ? [.. facts.Keys.Order()]
            : MatchPatch.Apply(kept.Live, touched, changed.Select(f => f.EnterpriseId).ToHashSet());
        return new(Math.Max(stamp, kept.Stamp), Math.Max(goals, kept.Goals), year, today, districts, tracks, Rules(policies), live,
            new MatchTable(year, eligible, nearly, live.Length));
    }

    private static Dictionary<int, string> Rules(List<SupportPolicy> policies) => policies.ToDictionary(p => p.Id, p => p.Rule);

    private static bool Same(IReadOnlyDictionary<int, string> a, IReadOnlyDictionary<int, string> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var v) && v == x.Value);

    private async Task<(Dictionary<int, string> Districts, Dictionary<int, string> Tracks)> NamesAsync(CancellationToken ct) =>
        (await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct),
            await db.Tracks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct));

    /// <summary>The enterprises among <paramref name="facts"/> that meet a rule, and those one condition short.</summary>
    private static (List<int> Met, List<int> Nearly) Verdicts(RuleNode? rule, IEnumerable<EnterpriseFacts> facts, int year, DateOnly today)
    {
        var (met, nearly) = (new List<int>(), new List<int>());
        if (rule is null) return (met, nearly);
        foreach (var f in facts)
        {
            var o = RuleEvaluator.Evaluate(rule, f, year, today);
            if (o.Met) met.Add(f.EnterpriseId);
            else if (o.NearlyMet) nearly.Add(f.EnterpriseId);
        }
        return (met, nearly);
    }

    private static MatchTable Build(List<SupportPolicy> policies, IReadOnlyDictionary<int, string>? ruleOverrides,
        ICollection<EnterpriseFacts> facts, int year, DateOnly today)
    {
        var verdicts = policies.ToDictionary(p => p.Id,
            p => Verdicts(RuleNode.Parse(ruleOverrides?.GetValueOrDefault(p.Id) ?? p.Rule), facts, year, today));
        return new(year, verdicts.ToDictionary(x => x.Key, x => x.Value.Met.Order().ToArray()),
            verdicts.ToDictionary(x => x.Key, x => x.Value.Nearly.Order().ToArray()), facts.Count);
    }

    /// <summary>A full pass, not kept, with the given rules in place of the stored ones (a dry run of a rule change), for the given
    /// policies only (all when null).</summary>
    public async Task<MatchTable> EvaluateAllAsync(IReadOnlyDictionary<int, string>? ruleOverrides, CancellationToken ct,
        IReadOnlyCollection<int>? only = null)
    {
        var policies = (await PoliciesAsync(false, ct)).Where(p => only is null || only.Contains(p.Id)).ToList();
        var facts = await LoadFactsAsync(null, ct);
        return Build(policies, ruleOverrides, facts.Values, FiguresYear, Today);
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
