using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Portal;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Tolerance;

/// <summary>What an application holds: the unit, the people, the project, the expected and actual results, the loss, and the
/// evidence for each condition.</summary>
public sealed record CaseInput(string? Unit, string? People, string? Project, string? Expected, string? Actual, decimal? Loss,
    DateOnly? AppliedOn, string? InvolvedReviewers, IReadOnlyDictionary<ToleranceCondition, string?> Evidence);

/// <summary>The decision: what, why, and whether (and how) it is published.</summary>
public sealed record DecisionInput(ToleranceDecision Decision, string? Reasons, bool Publish, bool PublishUnit, string? PublicSummary,
    string? Version);

/// <summary>A decided case as the public reads it: no people, the unit only when the decision says so.</summary>
public sealed record PublicCase(long Id, string? Unit, string Project, ToleranceDecision Decision, string Summary, DateOnly DecidedOn);

/// <summary>
/// The 容错 rules (stated on the case page): a decision needs a finding on each of the four conditions and reasons; 免责 needs all four
/// found; neither 免责 nor 减责 when illegal personal gain was found; a reviewer involved in a case may not find or decide on it.
/// </summary>
public static class ToleranceRules
{
    public static readonly IReadOnlyList<ToleranceCondition> Conditions = Enum.GetValues<ToleranceCondition>();

    /// <summary>The resource key of why a decision is refused, or null when it may be made.</summary>
    public static string? DecisionRefusal(IReadOnlyDictionary<ToleranceCondition, bool?> found, ToleranceDecision decision, string? reasons)
    {
        if (decision == ToleranceDecision.Pending) return "Tolerance.Error.Decision";
        if (Conditions.Any(c => !found.TryGetValue(c, out var f) || f is null)) return "Tolerance.Error.FindingMissing";
        if (decision == ToleranceDecision.Exempt && Conditions.Any(c => found[c] != true)) return "Tolerance.Error.ExemptNeedsAll";
        if (decision == ToleranceDecision.Reduced && found[ToleranceCondition.NoPersonalGain] != true)
            return "Tolerance.Error.PersonalGain";
        return string.IsNullOrWhiteSpace(reasons) ? "Tolerance.Error.Reasons" : null;
    }

    public static bool IsInvolved(ToleranceCase c, ClaimsPrincipal user) =>
        user.Identity?.Name is { } name && c.Involved.Contains(name, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// 容错 cases for the reviewers and the task force: apply, find on each condition, decide, publish anonymised. Callers are already
/// through <see cref="Policies.Tolerance"/>; every read of a case is written to the audit log.
/// </summary>
public sealed class ToleranceService(FipDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const string ReadAction = "Read";

    public Task<List<ToleranceCase>> ListAsync(CancellationToken ct) =>
        db.Set<ToleranceCase>().AsNoTracking().OrderByDescending(c => c.AppliedOn).ThenByDescending(c => c.Id).Take(500).ToListAsync(ct);

    /// <summary>A case with its findings and timeline; the read is audited (who, which case, when).</summary>
    public async Task<ToleranceCase?> ReadAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Set<ToleranceCase>().AsNoTracking().Include(x => x.Findings).Include(x => x.Events)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Action = ReadAction,
            UserId = user.UserId(),
            UserName = user.Identity?.Name ?? "",
            EntityType = nameof(ToleranceCase),
            EntityKey = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(ct);
        c.Findings = [.. c.Findings.OrderBy(f => f.Condition)];
        c.Events = [.. c.Events.OrderBy(e => e.At).ThenBy(e => e.Id)];
        return c;
    }

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    private static ToleranceEvent Event(ToleranceCase c, DateTime at, ClaimsPrincipal user, ToleranceEventKind kind, string note) =>
        new() { CaseId = c.Id, At = at, By = Who(user), Kind = kind, Note = note };

    public async Task<Outcome<ToleranceCase>> ApplyAsync(CaseInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Unit)) errors["unit"] = "Tolerance.Error.Unit";
        if (string.IsNullOrWhiteSpace(input.People)) errors["people"] = "Tolerance.Error.People";
        if (string.IsNullOrWhiteSpace(input.Project)) errors["project"] = "Tolerance.Error.Project";
        if (string.IsNullOrWhiteSpace(input.Expected)) errors["expected"] = "Tolerance.Error.Expected";
        if (string.IsNullOrWhiteSpace(input.Actual)) errors["actual"] = "Tolerance.Error.Actual";
        if (input.Loss is < 0) errors["loss"] = "Tolerance.Error.Loss";
        if (input.AppliedOn is not { } on || on > Display.Today(clock)) errors["appliedOn"] = "Tolerance.Error.AppliedOn";
        if (errors.Count > 0) return Outcome.Invalid(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var c = new ToleranceCase
        {
            Unit = input.Unit!.Trim(),
            People = input.People!.Trim(),
            Project = input.Project!.Trim(),
            Expected = input.Expected!.Trim(),
            Actual = input.Actual!.Trim(),
            Loss = input.Loss,
            AppliedOn = input.AppliedOn!.Value,
            InvolvedReviewers = input.InvolvedReviewers?.Trim() ?? "",
            CreatedAt = now,
            CreatedBy = Who(user),
            Findings = [.. ToleranceRules.Conditions.Select(k => new ToleranceFinding
            {
                Condition = k, Evidence = input.Evidence.TryGetValue(k, out var ev) ? ev?.Trim() ?? "" : "",
            })],
            Events = [new ToleranceEvent { At = now, By = Who(user), Kind = ToleranceEventKind.Applied }],
        };
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(c);
    }

    private async Task<(ToleranceCase? Case, Outcome? Refusal)> ForChangeAsync(long id, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var c = await db.Set<ToleranceCase>().Include(x => x.Findings).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return (null, Outcome.NotFound);
        if (ToleranceRules.IsInvolved(c, user)) return (null, Outcome.Conflict("Tolerance.Error.Involved"));
        if (c.Decision != ToleranceDecision.Pending) return (null, Outcome.Conflict("Tolerance.Error.Decided"));
        if (version is not null && version != c.Version) return (null, Outcome.Stale);
        return (c, null);
    }

    /// <summary>Records the evidence and the reviewers' finding on one condition (met or not, with a note).</summary>
    public async Task<Outcome> FindAsync(long id, ToleranceCondition condition, string? evidence, bool? met, string? note, string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, refusal) = await ForChangeAsync(id, version, user, ct);
        if (c is null) return refusal!;
        if (met is null) return Outcome.Invalid("met", "Tolerance.Error.Met");
        if (string.IsNullOrWhiteSpace(note)) return Outcome.Invalid("note", "Tolerance.Error.Note");
        var f = c.Findings.Single(x => x.Condition == condition);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrWhiteSpace(evidence) && evidence.Trim() != f.Evidence)
        {
            f.Evidence = evidence.Trim();
            db.Add(Event(c, now, user, ToleranceEventKind.Evidence, condition.ToString()));
        }
        f.Met = met;
        f.Note = note.Trim();
        f.FoundAt = now;
        f.FoundBy = Who(user);
        db.Add(Event(c, now, user, ToleranceEventKind.Finding, condition.ToString()));
        c.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<Outcome> DecideAsync(long id, DecisionInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, refusal) = await ForChangeAsync(id, input.Version, user, ct);
        if (c is null) return refusal!;
        var found = c.Findings.ToDictionary(f => f.Condition, f => f.Met);
        if (ToleranceRules.DecisionRefusal(found, input.Decision, input.Reasons) is { } key) return Outcome.Invalid("decision", key);
        if (input.Publish && string.IsNullOrWhiteSpace(input.PublicSummary))
            return Outcome.Invalid("publicSummary", "Tolerance.Error.Summary");
        var now = clock.GetUtcNow().UtcDateTime;
        c.Decision = input.Decision;
        c.DecisionReasons = input.Reasons!.Trim();
        c.DecidedAt = now;
        c.DecidedBy = Who(user);
        c.Publish = input.Publish;
        c.PublishUnit = input.Publish && input.PublishUnit;
        c.PublicSummary = input.Publish ? input.PublicSummary!.Trim() : null;
        c.Version = RecordVersions.New();
        db.Add(Event(c, now, user, ToleranceEventKind.Decided, input.Decision.ToString()));
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The published decided cases, anonymised: no people, the unit only when the decision publishes it.</summary>
    public async Task<List<PublicCase>> PublishedAsync(CancellationToken ct)
    {
        var rows = await db.Set<ToleranceCase>().AsNoTracking()
            .Where(c => c.Publish && c.Decision != ToleranceDecision.Pending && c.DecidedAt != null)
            .OrderByDescending(c => c.DecidedAt).Take(200).ToListAsync(ct);
        return [.. rows.Select(c => new PublicCase(c.Id, c.PublishUnit ? c.Unit : null, c.Project, c.Decision, c.PublicSummary ?? "",
            DateOnly.FromDateTime(Display.ToShanghai(c.DecidedAt!.Value))))];
    }
}

public static class ToleranceServices
{
    public static IServiceCollection AddTolerance(this IServiceCollection services)
    {
        services.AddScoped<ToleranceService>();
        return services.AddPortalSection(new("tolerance", "Tolerance.Portal.Title", "Tolerance.Portal.Description", "/Portal/Tolerance",
            50));
    }
}
