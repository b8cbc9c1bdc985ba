using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support;

/// <summary>A dry run of a rule change: how many enterprises meet the policy now and with the new rule, who is added and dropped.</summary>
public sealed record DryRunResult(int Before, int After, int Added, int Dropped, IReadOnlyList<int> AddedSample,
    IReadOnlyList<int> DroppedSample);

public enum ReviewDecision { Approve, Return, Refuse }

/// <summary>The support policies' use cases: rule changes (checked, dry run), applications, review and 兑现, 免申即享 pushes.</summary>
public sealed class SupportCommands(FipDbContext db, PolicyMatcher matcher, IAuthorizationService auth, Messenger messenger,
    TimeProvider clock)
{
    /// <summary>Refused unless the rule can be evaluated and met (see <see cref="RuleValidator"/>); a stale version is 409.</summary>
    public async Task<Outcome<SupportPolicy>> UpdateRuleAsync(int id, string? rule, string? version, CancellationToken ct)
    {
        if (await db.Set<SupportPolicy>().FindAsync([id], ct) is not { } policy) return Outcome.NotFound;
        if (version is null || !string.Equals(version, policy.Version, StringComparison.Ordinal)) return Outcome.Stale;
        if (await CheckAsync(rule, ct) is { } invalid) return invalid;
        policy.Rule = RuleNode.Parse(rule)!.ToJson();
        policy.Version = Registries.RegistryRecord.NewVersion();
        policy.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.Stale; }
        return Outcome.Ok(policy);
    }

    private async Task<Outcome?> CheckAsync(string? rule, CancellationToken ct)
    {
        var (districts, tracks) = await matcher.VocabularyAsync(ct);
        var problems = RuleValidator.Validate(RuleNode.Parse(rule), districts, tracks);
        return problems.Count == 0 ? null : Outcome.Invalid("rule", problems[0].Key, problems[0].Args);
    }

    public async Task<Outcome<DryRunResult>> DryRunAsync(int id, string? rule, CancellationToken ct)
    {
        if (!await db.Set<SupportPolicy>().AnyAsync(p => p.Id == id, ct)) return Outcome.NotFound;
        if (await CheckAsync(rule, ct) is { } invalid) return invalid;
        var now = (await matcher.EvaluateAllAsync(null, ct)).Eligible.GetValueOrDefault(id) ?? [];
        var next = (await matcher.EvaluateAllAsync(new Dictionary<int, string> { [id] = rule! }, ct)).Eligible.GetValueOrDefault(id) ?? [];
        var added = next.Except(now).ToList();
        var dropped = now.Except(next).ToList();
        return Outcome.Ok(new DryRunResult(now.Length, next.Length, added.Count, dropped.Count, [.. added.Take(20)],
            [.. dropped.Take(20)]));
    }

    /// <summary>
    /// 申报: the enterprise applies for itself, or a reviewer of the policy applies on its behalf (免申即享). Refused outside the
    /// window, when the enterprise does not meet the rule, or when it already has an open or granted application.
    /// </summary>
    public async Task<Outcome<PolicyApplication>> ApplyAsync(int policyId, int enterpriseId, string? note, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var policy = await db.Set<SupportPolicy>().FirstOrDefaultAsync(p => p.Id == policyId && p.IsPublished, ct);
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Id == enterpriseId && !e.IsDeleted, ct);
        if (policy is null || enterprise is null) return Outcome.NotFound;
        var onBehalf = user.Role() != Roles.Enterprise;
        // The enterprise itself, its district and admins (write scope on the record), or the department that issues the policy.
        if (!SupportAccess.CanReview(user, policy) && !(await auth.AuthorizeAsync(user, enterprise, ScopeRequirement.Write)).Succeeded)
            return Outcome.Forbidden;
        if (!policy.OpenOn(matcher.Today)) return Outcome.Conflict("Support.Apply.Closed", Day(policy.OpensOn), Day(policy.ClosesOn));
        var match = matcher.Match(policy, (await matcher.LoadFactsAsync([enterpriseId], ct))[enterpriseId]);
        if (!match.Outcome.Met) return Outcome.Conflict("Support.Apply.NotEligible", match.Outcome.Missing);
        if (await db.Set<PolicyApplication>().AnyAsync(a => a.PolicyId == policyId && a.EnterpriseId == enterpriseId
                && a.State != ApplicationState.Refused, ct))
            return Outcome.Conflict("Support.Apply.Duplicate");
        var application = new PolicyApplication
        {
            PolicyId = policyId,
            EnterpriseId = enterpriseId,
            State = ApplicationState.Submitted,
            OnBehalf = onBehalf,
            ExpectedAmount = match.ExpectedBenefit,
            Note = Cut(note),
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(application);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(application);
    }

    /// <summary>The issuing department's review: approve with an amount, return or refuse with a reason.</summary>
    public async Task<Outcome<PolicyApplication>> DecideAsync(int id, ReviewDecision decision, decimal? amount, string? reason,
        string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } a) return Outcome.NotFound;
        if (!SupportAccess.CanReview(user, a.Policy)) return Outcome.Forbidden;
        if (version is null || version != a.Version) return Outcome.Stale;
        if (a.State != ApplicationState.Submitted) return Outcome.Conflict("Support.Review.NotSubmitted");
        if (decision == ReviewDecision.Approve && amount is not > 0) return Outcome.Invalid("amount", "Support.Review.NeedAmount");
        if (decision != ReviewDecision.Approve && string.IsNullOrWhiteSpace(reason)) return Outcome.Invalid("reason",
            "Support.Review.NeedReason");
        a.State = decision switch
        {
            ReviewDecision.Approve => ApplicationState.Approved,
            ReviewDecision.Return => ApplicationState.Returned,
            _ => ApplicationState.Refused
        };
        a.ApprovedAmount = decision == ReviewDecision.Approve ? amount : null;
        a.Reason = decision == ReviewDecision.Approve ? null : Cut(reason);
        a.DecidedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(a, ct);
    }

    /// <summary>The enterprise sends a returned application again (with a note saying what changed).</summary>
    public async Task<Outcome<PolicyApplication>> ResubmitAsync(int id, string? note, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } a) return Outcome.NotFound;
        if (!(await auth.AuthorizeAsync(user, a, ScopeRequirement.Write)).Succeeded) return Outcome.Forbidden;
        if (version is null || version != a.Version) return Outcome.Stale;
        if (a.State != ApplicationState.Returned) return Outcome.Conflict("Support.Review.NotReturned");
        a.State = ApplicationState.Submitted;
        a.Note = Cut(note) ?? a.Note;
        a.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(a, ct);
    }

    /// <summary>兑现: the amount paid and when; only for an approved application.</summary>
    public async Task<Outcome<PolicyApplication>> PayAsync(int id, decimal? amount, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } a) return Outcome.NotFound;
        if (!SupportAccess.CanReview(user, a.Policy)) return Outcome.Forbidden;
        if (version is null || version != a.Version) return Outcome.Stale;
        if (a.State != ApplicationState.Approved) return Outcome.Conflict("Support.Pay.NotApproved");
        if (amount is not > 0) return Outcome.Invalid("amount", "Support.Review.NeedAmount");
        a.State = ApplicationState.Paid;
        a.PaidAmount = amount;
        a.PaidAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(a, ct);
    }

    /// <summary>
    /// 免申即享: tells every eligible enterprise that has not applied (its bound users, in their messages) that it may have the
    /// policy; returns how many enterprises were told. A second push tells nobody twice.
    /// </summary>
    public async Task<Outcome<int>> PushAsync(int policyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await db.Set<SupportPolicy>().FirstOrDefaultAsync(p => p.Id == policyId, ct) is not { } policy) return Outcome.NotFound;
        if (!SupportAccess.CanReview(user, policy)) return Outcome.Forbidden;
        var ids = await EligibleNotAppliedAsync(policyId, ct);
        var codes = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.CreditCode).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.EnterpriseUscc != null && codes.Contains(u.EnterpriseUscc))
            .Select(u => u.Id).ToArrayAsync(ct);
        var sent = await messenger.NotifyAsync(new MessageEvent($"support:{policy.Id}:eligible", MessageKind.PolicyEligible,
            $"可享受政策：{policy.Name}", $"Eligible for {policy.Name}", "根据您已报送的数据，贵企业符合该政策条件，可直接申请或等待主管部门免申兑现。",
            "Your enterprise meets this policy's conditions on the figures it filed; apply now or wait for the department to grant it.",
            $"/Support/Policy/{policy.Id}"), Recipients.Users(users), ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(sent);
    }

    /// <summary>Eligible enterprises with no application that is open or granted.</summary>
    public async Task<List<int>> EligibleNotAppliedAsync(int policyId, CancellationToken ct)
    {
        var eligible = (await matcher.AllAsync(ct)).Eligible.GetValueOrDefault(policyId) ?? [];
        var applied = (await db.Set<PolicyApplication>().AsNoTracking()
            .Where(a => a.PolicyId == policyId
                && a.State != ApplicationState.Refused).Select(a => a.EnterpriseId).ToListAsync(ct)).ToHashSet();
        return [.. eligible.Where(id => !applied.Contains(id))];
    }

    private Task<PolicyApplication?> FindAsync(int id, CancellationToken ct) =>
        db.Set<PolicyApplication>().Include(a => a.Policy).Include(a => a.Enterprise).FirstOrDefaultAsync(a => a.Id == id, ct);

    private async Task<Outcome<PolicyApplication>> SaveAsync(PolicyApplication a, CancellationToken ct)
    {
        a.Version = Registries.RegistryRecord.NewVersion();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.Stale; }
        return Outcome.Ok(a);
    }

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "…";

    private static string? Cut(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim()[..Math.Min(s.Trim().Length, 2000)];
}

/// <summary>Who reviews a policy's applications: admins, and users of the department that issues it.</summary>
public static class SupportAccess
{
    public static bool CanReview(ClaimsPrincipal user, SupportPolicy policy) =>
        user.IsInRole(Roles.Admin) || (user.Role() == Roles.Department && policy.DepartmentId is { } d && user.DepartmentId() == d);
}
