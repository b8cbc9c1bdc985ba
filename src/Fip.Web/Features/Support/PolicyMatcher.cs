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
    /// Above this many changed enterprises a full pass replaces the patch: about where the two cost the same, as measured by
    /// SupportMatchingBenchmark at 1,000,000 enterprises (docs/benchmarks.md, three runs on a shared machine). A patch reads the
    /// changed enterprises' facts by id (an index lookup per enterprise and table) and merges each list whose verdicts flipped; a
    /// full pass streams every row once. On PostgreSQL the stream is quick: a patch of N / 4 took 76 %, 90 % and 99 % of a full
    /// pass, so break-even sits a little above a quarter and the quarter stays. On SQLite the full pass is the slower one: a patch
    /// of N / 4 took 22 %, 49 % and 60 % of a full pass, one of N / 2 69 % and 97 %, so break-even sits near a half. Below 1,000 a
    /// patch always wins. A single commit of more than <see cref="RegistryChange.MaxIdsPerCommit"/> enterprises journals
    /// "everything" and makes a full pass anyway: this threshold weighs what several commits changed between two reads.
    /// </summary>
    public static int FullPassAbove(int enterprises, bool sqlite) => Math.Max(1_000, enterprises / (sqlite ? 2 : 4));

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
            || touched.Count > FullPassAbove(kept.Live.Length, db.Database.IsSqlite()))
        {
            keeper.CountFullPass();
            var all = await FactColumns.LoadAsync(db, null, year, today, ct);
            return new(stamp, goals, year, today, districts, tracks, Rules(policies), all.Ids, Build(policies, null, all));
        }
        keeper.CountPatch();
        // A policy whose rule changed (or is new, or reads age on a new day) is evaluated against everyone; the others against
        // the enterprises that changed.
        var renewed = policies.Where(p => kept.Rules.GetValueOrDefault(p.Id) != p.Rule || (kept.Day != today && kept.ReadsAge(p.Id)))
            .Select(p => p.Id).ToHashSet();
        var facts = await FactColumns.LoadAsync(db, renewed.Count > 0 ? null : touched, year, today, ct);
        if (keeper.AfterFactsRead is { } hook) await hook();
        int[] changed = [.. Enumerable.Range(0, facts.Count).Where(i => touched.Contains(facts.Ids[i]))];
        var whole = Verdicts([.. policies.Where(p => renewed.Contains(p.Id))], null, facts, null);
        var patched = Verdicts([.. policies.Where(p => !renewed.Contains(p.Id))], null, facts, changed);
        var eligible = new Dictionary<int, int[]>();
        var nearly = new Dictionary<int, int[]>();
        foreach (var p in policies)
        {
            if (whole.TryGetValue(p.Id, out var all))
            {
                (eligible[p.Id], nearly[p.Id]) = all;
                continue;
            }
            var (nowMet, nowNear) = patched[p.Id];
            eligible[p.Id] = MatchPatch.Apply(kept.Table.Eligible[p.Id], touched, nowMet.ToHashSet());
            nearly[p.Id] = MatchPatch.Apply(kept.Table.Nearly[p.Id], touched, nowNear.ToHashSet());
        }
        var live = renewed.Count > 0 ? facts.Ids : MatchPatch.Apply(kept.Live, touched, changed.Select(i => facts.Ids[i]).ToHashSet());
        return new(Math.Max(stamp, kept.Stamp), Math.Max(goals, kept.Goals), year, today, districts, tracks, Rules(policies), live,
            new MatchTable(year, eligible, nearly, live.Length));
    }

    private static Dictionary<int, string> Rules(List<SupportPolicy> policies) => policies.ToDictionary(p => p.Id, p => p.Rule);

    private static bool Same(IReadOnlyDictionary<int, string> a, IReadOnlyDictionary<int, string> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var v) && v == x.Value);

    private async Task<(Dictionary<int, string> Districts, Dictionary<int, string> Tracks)> NamesAsync(CancellationToken ct) =>
        (await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct),
            await db.Tracks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct));

    /// <summary>
    /// Per policy, the enterprises at the given indexes of <paramref name="facts"/> (all when null) that meet its rule (or the rule
    /// of <paramref name="ruleOverrides"/>), and those one condition short, both in id order. Each rule is compiled once; the
    /// enterprises are split into one partition per core, each evaluated against every policy, and the partitions' lists joined in
    /// order.
    /// </summary>
    private static Dictionary<int, (int[] Met, int[] Nearly)> Verdicts(List<SupportPolicy> policies,
        IReadOnlyDictionary<int, string>? ruleOverrides, FactColumns facts, int[]? indexes)
    {
        var rules = policies.Select(p => RuleNode.Parse(ruleOverrides?.GetValueOrDefault(p.Id) ?? p.Rule) is { } rule
            ? CompiledRule.Compile(rule, facts) : null).ToArray();
        var n = indexes?.Length ?? facts.Count;
        var parts = n < 10_000 || rules.Length == 0 ? 1 : Math.Max(1, Environment.ProcessorCount);
        var met = new List<int>[parts, rules.Length];
        var nearly = new List<int>[parts, rules.Length];
        Parallel.For(0, parts, part =>
        {
            for (var r = 0; r < rules.Length; r++) (met[part, r], nearly[part, r]) = ([], []);
            var (from, to) = ((int)((long)n * part / parts), (int)((long)n * (part + 1) / parts));
            for (var k = from; k < to; k++)
            {
                var i = indexes?[k] ?? k;
                for (var r = 0; r < rules.Length; r++)
                {
                    if (rules[r] is not { } rule) continue;
                    var tally = rule.Evaluate(facts, i);
                    if (tally.Met) met[part, r].Add(facts.Ids[i]);
                    else if (tally.NearlyMet) nearly[part, r].Add(facts.Ids[i]);
                }
            }
        });
        int[] Join(List<int>[,] lists, int r) => [.. Enumerable.Range(0, parts).SelectMany(part => lists[part, r])];
        return policies.Select((p, r) => (p.Id, r)).ToDictionary(x => x.Id, x => (Join(met, x.r), Join(nearly, x.r)));
    }

    private static MatchTable Build(List<SupportPolicy> policies, IReadOnlyDictionary<int, string>? ruleOverrides, FactColumns facts)
    {
        var verdicts = Verdicts(policies, ruleOverrides, facts, null);
        return new(facts.Year, verdicts.ToDictionary(x => x.Key, x => x.Value.Met), verdicts.ToDictionary(x => x.Key, x => x.Value.Nearly),
            facts.Count);
    }

    /// <summary>A full pass, not kept, with the given rules in place of the stored ones (a dry run of a rule change), for the given
    /// policies only (all when null).</summary>
    public async Task<MatchTable> EvaluateAllAsync(IReadOnlyDictionary<int, string>? ruleOverrides, CancellationToken ct,
        IReadOnlyCollection<int>? only = null)
    {
        var policies = (await PoliciesAsync(false, ct)).Where(p => only is null || only.Contains(p.Id)).ToList();
        return Build(policies, ruleOverrides, await FactColumns.LoadAsync(db, null, FiguresYear, Today, ct));
    }

    /// <summary>Facts of the given enterprises, one record each (the 政策计算器 explains them).</summary>
    public async Task<Dictionary<int, EnterpriseFacts>> LoadFactsAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var columns = await FactColumns.LoadAsync(db, ids, FiguresYear, Today, ct);
        return Enumerable.Range(0, columns.Count).ToDictionary(i => columns.Ids[i], columns.At);
    }

    /// <summary>The names a rule may use: districts and tracks.</summary>
    public async Task<(IReadOnlySet<string> Districts, IReadOnlySet<string> Tracks)> VocabularyAsync(CancellationToken ct) =>
        ((await db.Districts.AsNoTracking().Select(d => d.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            (await db.Tracks.AsNoTracking().Select(t => t.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal));
}
