using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Support;

/// <summary>What the catalogue workspace edits of a policy (a share or rate as a fraction: 0.5 = 50 %).</summary>
public sealed record PolicyInput(string? Name, string? IssuingUnit, int? DepartmentId, string? SourceDocument, string? SourceClause,
    string? SourceUrl, int? PlanProgrammeId, string? Summary, string? Interpretation, string? HowToApply, BenefitKind BenefitKind,
    decimal? BenefitAmount, decimal? BenefitShare, string? BenefitFigure, decimal? BenefitCap, DateOnly? OpensOn, DateOnly? ClosesOn,
    string? Rule, bool Proactive, bool IsPublished);

/// <summary>
/// The policy catalogue's writes: create and edit a policy with its benefit, window and rule, all checked before anything is
/// written (one save, audited by the save pipeline); a stale version is 409; a refused edit leaves an audit line saying why.
/// Admins edit every policy, a department user the policies its department issues.
/// </summary>
public sealed class PolicyEditor(FipDbContext db, PolicyMatcher matcher, TimeProvider clock)
{
    /// <summary>The figures a share or rate may apply to.</summary>
    public static readonly IReadOnlyList<string> BenefitFigures = ["rdExpense", "revenue"];

    public static bool CanEdit(ClaimsPrincipal user, SupportPolicy? policy) => user.IsInRole(Roles.Admin)
        || (user.Role() == Roles.Department && (policy is null || SupportAccess.CanReview(user, policy)));

    public async Task<Outcome<SupportPolicy>> SaveAsync(int? id, PolicyInput input, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        SupportPolicy policy;
        if (id is { } existing)
        {
            if (await db.Set<SupportPolicy>().FirstOrDefaultAsync(p => p.Id == existing, ct) is not { } found) return Outcome.NotFound;
            policy = found;
            if (!CanEdit(user, policy)) return Outcome.Forbidden;
            if (version is null || !string.Equals(version, policy.Version, StringComparison.Ordinal)) return Outcome.Stale;
        }
        else
        {
            if (!CanEdit(user, null)) return Outcome.Forbidden;
            policy = new SupportPolicy { Code = "policy-" + Guid.NewGuid().ToString("N")[..12] };
        }
        // A department user issues policies for its own department only.
        var department = user.Role() == Roles.Department ? user.DepartmentId() : input.DepartmentId;
        var errors = await CheckAsync(input, department, ct);
        if (errors.Count > 0)
        {
            await SupportAudit.RefusedAsync(db, clock, user, nameof(SupportPolicy), id,
                string.Join("; ", errors.Select(e => e.Key + ": " + e.Value.Key)), ct);
            return Outcome.Invalid(errors);
        }
        policy.Name = input.Name!.Trim();
        policy.IssuingUnit = input.IssuingUnit!.Trim();
        policy.DepartmentId = department;
        policy.SourceDocument = Text(input.SourceDocument, 300);
        policy.SourceClause = Text(input.SourceClause, 2000);
        policy.SourceUrl = string.IsNullOrWhiteSpace(input.SourceUrl) ? null : input.SourceUrl.Trim();
        policy.PlanProgrammeId = input.PlanProgrammeId;
        policy.Summary = Text(input.Summary, 4000);
        policy.Interpretation = Text(input.Interpretation, 8000);
        policy.HowToApply = Text(input.HowToApply, 4000);
        policy.BenefitKind = input.BenefitKind;
        policy.BenefitAmount = input.BenefitKind == BenefitKind.Fixed ? input.BenefitAmount : null;
        policy.BenefitShare = input.BenefitKind == BenefitKind.Fixed ? null : input.BenefitShare;
        policy.BenefitFigure = input.BenefitKind == BenefitKind.Fixed ? null : input.BenefitFigure;
        policy.BenefitCap = input.BenefitKind == BenefitKind.Fixed ? null : input.BenefitCap;
        policy.OpensOn = input.OpensOn;
        policy.ClosesOn = input.ClosesOn;
        policy.Rule = RuleNode.Parse(input.Rule)!.ToJson();
        policy.Proactive = input.Proactive;
        policy.IsPublished = input.IsPublished;
        policy.Version = RecordVersions.New();
        policy.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (id is null) db.Add(policy);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.Stale; }
        return Outcome.Ok(policy);
    }

    /// <summary>Every problem of the input, by field (resource keys with their arguments; rule field labels as keys).</summary>
    public async Task<Dictionary<string, UserMessage>> CheckAsync(PolicyInput input, int? department, CancellationToken ct)
    {
        var errors = new Dictionary<string, UserMessage>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
            errors["name"] = UserMessage.Of("Support.Edit.NeedName");
        if (string.IsNullOrWhiteSpace(input.IssuingUnit) || input.IssuingUnit.Trim().Length > 200)
            errors["issuingUnit"] = UserMessage.Of("Support.Edit.NeedIssuingUnit");
        if (department is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
            errors["departmentId"] = UserMessage.Of("Support.Edit.UnknownDepartment");
        if (!string.IsNullOrWhiteSpace(input.SourceUrl) && !(Uri.TryCreate(input.SourceUrl.Trim(), UriKind.Absolute, out var url)
                && url.Scheme is "http" or "https"))
            errors["sourceUrl"] = UserMessage.Of("Support.Edit.BadUrl");
        if (input.PlanProgrammeId is { } pp && !await db.Programmes.AnyAsync(x => x.Id == pp, ct))
            errors["planProgrammeId"] = UserMessage.Of("Support.Edit.UnknownProgramme");
        switch (input.BenefitKind)
        {
            case BenefitKind.Fixed when input.BenefitAmount is not > 0:
                errors["benefitAmount"] = UserMessage.Of("Support.Edit.NeedAmount");
                break;
            case BenefitKind.Share or BenefitKind.Rate:
                if (input.BenefitShare is not > 0 || input.BenefitShare > (input.BenefitKind == BenefitKind.Share ? 1m : 10m))
                    errors["benefitShare"] = UserMessage.Of("Support.Edit.BadShare");
                if (input.BenefitFigure is null || !BenefitFigures.Contains(input.BenefitFigure))
                    errors["benefitFigure"] = UserMessage.Of("Support.Edit.NeedFigure");
                if (input.BenefitKind == BenefitKind.Share && input.BenefitCap is not > 0)
                    errors["benefitCap"] = UserMessage.Of("Support.Edit.NeedCap");
                else if (input.BenefitCap is < 0) errors["benefitCap"] = UserMessage.Of("Support.Edit.NeedCap");
                break;
        }
        if (input.OpensOn is { } o && input.ClosesOn is { } c && c < o)
            errors["closesOn"] = UserMessage.Of("Support.Edit.WindowOrder", Day(o), Day(c));
        var (districts, tracks) = await matcher.VocabularyAsync(ct);
        var rule = RuleValidator.Validate(RuleNode.Parse(input.Rule), districts, tracks);
        if (rule.Count > 0) errors["rule"] = rule[0];
        return errors;
    }

    private static string Text(string? s, int max) => string.IsNullOrWhiteSpace(s) ? "" : s.Trim()[..Math.Min(s.Trim().Length, max)];

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A write refused for bad input leaves an audit line (who, what, why) though nothing else is written.</summary>
public static class SupportAudit
{
    public static async Task RefusedAsync(FipDbContext db, TimeProvider clock, ClaimsPrincipal user, string entityType, long? key,
        string detail, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user.UserId(),
            UserName = user.Identity?.Name ?? "",
            Action = AuditActions.Refused,
            EntityType = entityType,
            EntityKey = key?.ToString(CultureInfo.InvariantCulture) ?? "",
            Success = false,
            Detail = detail.Length > 2000 ? detail[..2000] : detail,
        });
        await db.SaveChangesAsync(ct);
    }
}
