using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Fip.Web.Features.Supervision;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support;

/// <summary>A dry run of a rule change: how many enterprises meet the policy now and with the new rule, who is added and dropped.</summary>
public sealed record DryRunResult(int Before, int After, int Added, int Dropped, IReadOnlyList<int> AddedSample,
    IReadOnlyList<int> DroppedSample);

public enum ReviewDecision { Approve, Return, Refuse }

/// <summary>An uploaded evidence file: its name (for the extension) and its bytes (seekable).</summary>
public sealed record EvidenceUpload(string FileName, Stream Content);

/// <summary>The support policies' use cases: rule changes (checked, dry run), applications, review and 兑现, 免申即享 pushes.</summary>
public sealed class SupportCommands(FipDbContext db, PolicyMatcher matcher, IAuthorizationService auth, Messenger messenger,
    AttachmentStore store, TimeProvider clock)
{
    /// <summary>Refused unless the rule can be evaluated and met (see <see cref="RuleValidator"/>); a stale version is 409.</summary>
    public async Task<Outcome<SupportPolicy>> UpdateRuleAsync(int id, string? rule, string? version, CancellationToken ct)
    {
        if (await db.Set<SupportPolicy>().FindAsync([id], ct) is not { } policy) return Outcome.NotFound;
        if (version is null || !string.Equals(version, policy.Version, StringComparison.Ordinal)) return Outcome.Stale;
        if (await CheckAsync(rule, ct) is { } invalid) return invalid;
        policy.Rule = RuleNode.Parse(rule)!.ToJson();
        policy.Version = RecordVersions.New();
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
        // Now: the kept table; with the change: that one policy evaluated against every enterprise.
        var now = (await matcher.AllAsync(ct)).Eligible.GetValueOrDefault(id) ?? [];
        var next = (await matcher.EvaluateAllAsync(new Dictionary<int, string> { [id] = rule! }, ct, only: [id])).Eligible
            .GetValueOrDefault(id) ?? [];
        var added = next.Except(now).ToList();
        var dropped = now.Except(next).ToList();
        // The samples are the newest records (highest ids), as the registry lists them: what was just registered is what an
        // editor checking a change usually has in mind.
        return Outcome.Ok(new DryRunResult(now.Length, next.Length, added.Count, dropped.Count, [.. added.OrderDescending().Take(20)],
            [.. dropped.OrderDescending().Take(20)]));
    }

    /// <summary>
    /// 申报: the enterprise applies for itself, or a reviewer of the policy applies on its behalf (免申即享). Refused outside the
    /// window, when the enterprise does not meet the rule, or when it already has an open or granted application.
    /// </summary>
    public async Task<Outcome<PolicyApplication>> ApplyAsync(int policyId, int enterpriseId, string? note, ClaimsPrincipal user,
        CancellationToken ct, EvidenceUpload? evidence = null)
    {
        var policy = await db.Set<SupportPolicy>().FirstOrDefaultAsync(p => p.Id == policyId && p.IsPublished, ct);
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Id == enterpriseId && !e.IsDeleted, ct);
        if (policy is null || enterprise is null) return Outcome.NotFound;
        var onBehalf = user.Role() != Roles.Enterprise;
        // The enterprise itself, its district and admins (write scope on the record), or the department that issues the policy.
        if (!SupportAccess.CanReview(user, policy) && !(await auth.AuthorizeAsync(user, enterprise, ScopeRequirement.Write)).Succeeded)
            return Outcome.Forbidden;
        if (!policy.OpenOn(matcher.Today))
            return await RefuseAsync(user, enterpriseId, policy, "Support.Apply.Closed", Day(policy.OpensOn), Day(policy.ClosesOn), ct);
        var match = matcher.Match(policy, (await matcher.LoadFactsAsync([enterpriseId], ct))[enterpriseId]);
        if (!match.Outcome.Met) return await RefuseAsync(user, enterpriseId, policy, "Support.Apply.NotEligible",
            match.Outcome.Missing, null, ct);
        if (await db.Set<PolicyApplication>().AnyAsync(a => a.PolicyId == policyId && a.EnterpriseId == enterpriseId
                && a.State != ApplicationState.Refused && a.State != ApplicationState.Withdrawn, ct))
            return await RefuseAsync(user, enterpriseId, policy, "Support.Apply.Duplicate", null, null, ct);
        if (evidence is not null && CheckEvidence(evidence) is { } bad)
        {
            await SupportAudit.RefusedAsync(db, clock, user, nameof(ApplicationEvidence), null,
                $"policy {policyId}: {evidence.FileName}", ct);
            return bad;
        }
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
        if (evidence is not null) application.Evidence.Add(await StoreAsync(evidence, user, ct));
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(application);
    }

    /// <summary>Adds an evidence file: the enterprise while its application is open or returned, the reviewer until it is paid.</summary>
    public async Task<Outcome<PolicyApplication>> AttachAsync(int id, EvidenceUpload evidence, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } a) return Outcome.NotFound;
        var reviewer = SupportAccess.CanReview(user, a.Policy);
        if (!reviewer && !(await auth.AuthorizeAsync(user, a, ScopeRequirement.Write)).Succeeded) return Outcome.Forbidden;
        if (reviewer ? a.State == ApplicationState.Paid : a.State is not (ApplicationState.Submitted or ApplicationState.Returned))
            return Outcome.Conflict("Support.Evidence.Closed");
        if (CheckEvidence(evidence) is { } bad)
        {
            await SupportAudit.RefusedAsync(db, clock, user, nameof(ApplicationEvidence), id, evidence.FileName, ct);
            return bad;
        }
        a.Evidence.Add(await StoreAsync(evidence, user, ct));
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(a);
    }

    /// <summary>An evidence file the user may read (the application's readers), with its bytes.</summary>
    public async Task<(ApplicationEvidence File, Stream Content)?> EvidenceAsync(long fileId, ClaimsPrincipal user, CancellationToken ct)
    {
        var file = await db.Set<ApplicationEvidence>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null || await FindAsync(file.ApplicationId, ct) is not { } a) return null;
        if (!SupportAccess.CanReview(user, a.Policy) && !(await auth.AuthorizeAsync(user, a, ScopeRequirement.Read)).Succeeded) return null;
        return store.Open(file.StorageKey) is { } stream ? (file, stream) : null;
    }

    /// <summary>Refused unless its bytes are one of the allowed kinds (by content, not by name) and within the size limit.</summary>
    private static Outcome? CheckEvidence(EvidenceUpload e)
    {
        if (e.Content.Length == 0 || e.Content.Length > EvidenceTypes.MaxBytes)
            return Outcome.Invalid("file", "Support.Evidence.Size", EvidenceTypes.MaxBytes / 1024 / 1024);
        return EvidenceTypes.Detect(e.FileName, e.Content) is null
            ? Outcome.Invalid("file", "Support.Evidence.Type", string.Join(" ", EvidenceTypes.Extensions.Order(StringComparer.Ordinal)))
            : null;
    }

    private async Task<ApplicationEvidence> StoreAsync(EvidenceUpload e, ClaimsPrincipal user, CancellationToken ct)
    {
        var (key, sha) = await store.SaveAsync(e.Content, ct);
        return new ApplicationEvidence
        {
            FileName = Path.GetFileName(e.FileName),
            ContentType = EvidenceTypes.Detect(e.FileName, e.Content)!,
            Size = e.Content.Length,
            Sha256 = sha,
            StorageKey = key,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = user.Identity?.Name ?? "",
        };
    }

    private async Task<Outcome> RefuseAsync(ClaimsPrincipal user, int enterpriseId, SupportPolicy policy, string key, object? a, object? b,
        CancellationToken ct)
    {
        await SupportAudit.RefusedAsync(db, clock, user, nameof(PolicyApplication), null,
            $"policy {policy.Id}, enterprise {enterpriseId}: {key}", ct);
        return Outcome.Conflict(key, a, b);
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
        if (decision == ReviewDecision.Approve && ApprovalCap(a) is { } cap && amount > cap)
            return Outcome.Invalid("amount", "Support.Review.OverCap", Money(cap));
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

    /// <summary>
    /// 撤回: the enterprise (or whoever may write its record) takes back an application the department has not yet decided on,
    /// with an optional reason. Refused once it was returned, decided, paid or already withdrawn; a stale version is 409.
    /// </summary>
    public async Task<Outcome<PolicyApplication>> WithdrawAsync(int id, string? reason, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } a) return Outcome.NotFound;
        if (!(await auth.AuthorizeAsync(user, a, ScopeRequirement.Write)).Succeeded) return Outcome.Forbidden;
        if (version is null || version != a.Version) return Outcome.Stale;
        if (!MayWithdraw(a.State))
        {
            await SupportAudit.RefusedAsync(db, clock, user, nameof(PolicyApplication), id, $"withdraw: {a.State}", ct);
            return Outcome.Conflict("Support.Withdraw.Not." + a.State);
        }
        a.State = ApplicationState.Withdrawn;
        a.Reason = Cut(reason);
        a.DecidedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(a, ct);
    }

    /// <summary>Only while it waits for review: once the department has returned, decided or paid it, it is theirs.</summary>
    public static bool MayWithdraw(ApplicationState state) => state == ApplicationState.Submitted;

    /// <summary>兑现: the amount paid (at most the approved amount), the day and the voucher; only for an approved application.</summary>
    public async Task<Outcome<PolicyApplication>> PayAsync(int id, decimal? amount, DateOnly? paidOn, string? voucher, string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } a) return Outcome.NotFound;
        if (!SupportAccess.CanReview(user, a.Policy)) return Outcome.Forbidden;
        if (version is null || version != a.Version) return Outcome.Stale;
        if (a.State != ApplicationState.Approved) return Outcome.Conflict("Support.Pay.NotApproved");
        if (amount is not > 0) return Outcome.Invalid("amount", "Support.Review.NeedAmount");
        if (amount > a.ApprovedAmount) return Outcome.Invalid("amount", "Support.Pay.OverApproved", Money(a.ApprovedAmount));
        var today = matcher.Today;
        var day = paidOn ?? today;
        if (day > today || day < DateOnly.FromDateTime(a.SubmittedAt)) return Outcome.Invalid("paidOn", "Support.Pay.BadDay");
        a.State = ApplicationState.Paid;
        a.PaidAmount = amount;
        a.PaidOn = day;
        a.PaymentVoucher = Cut(voucher)?[..Math.Min(Cut(voucher)!.Length, 100)];
        a.PaidAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(a, ct);
    }

    /// <summary>
    /// 免申即享: puts the policy in the 待办 of every eligible enterprise that has not applied (one invitation per policy ×
    /// enterprise) and tells its bound users in their messages; returns how many enterprises were newly told. A second push adds
    /// nothing.
    /// </summary>
    public async Task<Outcome<int>> PushAsync(int policyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await db.Set<SupportPolicy>().FirstOrDefaultAsync(p => p.Id == policyId, ct) is not { } policy) return Outcome.NotFound;
        if (!SupportAccess.CanReview(user, policy)) return Outcome.Forbidden;
        var ids = await EligibleNotAppliedAsync(policyId, ct);
        var invited = (await db.Set<PolicyInvitation>().Where(i => i.PolicyId == policyId).Select(i => i.EnterpriseId).ToListAsync(ct))
            .ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = ids.Where(id => !invited.Contains(id)).ToList();
        foreach (var id in fresh)
            db.Add(new PolicyInvitation { PolicyId = policyId, EnterpriseId = id, PushedAt = now, PushedBy = user.Identity?.Name ?? "" });
        var codes = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.CreditCode).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.EnterpriseUscc != null && codes.Contains(u.EnterpriseUscc))
            .Select(u => u.Id).ToArrayAsync(ct);
        var sent = await messenger.NotifyAsync(new MessageEvent($"support:{policy.Id}:eligible", MessageKind.PolicyEligible,
            $"可享受政策：{policy.Name}", $"Eligible for {policy.Name}", "根据您已报送的数据，贵企业符合该政策条件，可直接申请或等待主管部门免申兑现。",
            "Your enterprise meets this policy's conditions on the figures it filed; apply now or wait for the department to grant it.",
            "/Support"), Recipients.Users(users), ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { return Outcome.Conflict("Support.Push.Concurrent"); }
        return Outcome.Ok(fresh.Count);
    }

    /// <summary>Eligible enterprises with no application that is open or granted; none while the policy is unpublished or outside
    /// its window, when nothing can be granted (the catalogue still counts who meets its rule).</summary>
    public async Task<List<int>> EligibleNotAppliedAsync(int policyId, CancellationToken ct)
    {
        if (await db.Set<SupportPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, ct) is not { IsPublished: true } policy
            || !policy.OpenOn(matcher.Today)) return [];
        var eligible = (await matcher.AllAsync(ct)).Eligible.GetValueOrDefault(policyId) ?? [];
        var applied = (await db.Set<PolicyApplication>().AsNoTracking()
            .Where(a => a.PolicyId == policyId
                && a.State != ApplicationState.Refused && a.State != ApplicationState.Withdrawn)
            .Select(a => a.EnterpriseId).ToListAsync(ct)).ToHashSet();
        return [.. eligible.Where(id => !applied.Contains(id))];
    }

    private Task<PolicyApplication?> FindAsync(int id, CancellationToken ct) =>
        db.Set<PolicyApplication>().Include(a => a.Policy).Include(a => a.Enterprise).Include(a => a.Evidence)
            .FirstOrDefaultAsync(a => a.Id == id, ct);

    private async Task<Outcome<PolicyApplication>> SaveAsync(PolicyApplication a, CancellationToken ct)
    {
        a.Version = RecordVersions.New();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.Stale; }
        return Outcome.Ok(a);
    }

    /// <summary>The most an approval may grant: the benefit computed when applying, else the policy's cap or fixed amount.</summary>
    public static decimal? ApprovalCap(PolicyApplication a) => a.ExpectedAmount ?? a.Policy.BenefitCap ?? a.Policy.BenefitAmount;

    private static string Money(decimal? d) => d?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "…";

    private static string? Cut(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim()[..Math.Min(s.Trim().Length, 2000)];
}

/// <summary>Who reviews a policy's applications: admins, and users of the department that issues it.</summary>
public static class SupportAccess
{
    public static bool CanReview(ClaimsPrincipal user, SupportPolicy policy) =>
        user.IsInRole(Roles.Admin) || (user.Role() == Roles.Department && policy.DepartmentId is { } d && user.DepartmentId() == d);
}
