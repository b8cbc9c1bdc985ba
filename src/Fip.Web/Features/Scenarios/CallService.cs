using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Supervision;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>A proposal file as sent: its name and content.</summary>
public sealed record ProposalFile(string Name, Stream Content);

/// <summary>A call with its applications (those the user may see) and, for its owners, the ranking.</summary>
public sealed record CallView(ScenarioCall Call, IReadOnlyList<CriterionInput> Criteria, IReadOnlyList<CallApplication> Applications,
    IReadOnlyList<RankedApplication>? Ranking, bool MayManage);

/// <summary>
/// 揭榜挂帅 and scenario projects: a call made of a published need, applications, expert scores, the ranking, the award, and the
/// project an award or an agreed match becomes. Every refusal is audited and writes nothing else (<see cref="ScenarioAudit"/>).
/// </summary>
public sealed class CallService(FipDbContext db, ScenarioService posts, AttachmentStore store, TimeProvider clock)
{
    public const string CallAudit = "ScenarioCall", ProjectAudit = "ScenarioProject";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<Outcome> RefuseAsync(ClaimsPrincipal user, string type, int key, Outcome refusal, CancellationToken ct) =>
        ScenarioAudit.RefuseAsync(db, clock, user, type, key.ToString(CultureInfo.InvariantCulture), refusal, ct);

    private static bool Manages(ClaimsPrincipal user, IScopedResource r) =>
        ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, r);

    /// <summary>Puts a published need out as a call (the need's owner or the task force).</summary>
    public async Task<Outcome<ScenarioCall>> CreateCallAsync(int needId, CallInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var need = await posts.Visible(user).FirstOrDefaultAsync(p => p.Id == needId, ct);
        if (need is null) return Outcome.NotFound;
        if (!Manages(user, need)) return await RefuseAsync(user, CallAudit, needId, Outcome.Forbidden, ct);
        if (need.Kind != PostKind.Need || need.State != PostState.Published)
            return await RefuseAsync(user, CallAudit, needId, Outcome.Conflict("Calls.Error.NeedNotPublished"), ct);
        var errors = CallRules.Validate(input, Now);
        if (input.InstitutionId is { } i && !await db.Set<PromotionInstitution>().AnyAsync(x => x.Id == i, ct))
            errors["institutionId"] = "Scenarios.Error.Unknown";
        if (errors.Count > 0) return await RefuseAsync(user, CallAudit, needId, Outcome.Invalid(errors), ct);
        if (await db.Set<ScenarioCall>().AnyAsync(c => c.NeedId == needId, ct))
            return await RefuseAsync(user, CallAudit, needId, Outcome.Conflict("Calls.Error.CallExists"), ct);
        var call = new ScenarioCall
        {
            NeedId = needId,
            Title = input.Title!.Trim(),
            Deadline = input.Deadline!.Value,
            Criteria = CallRules.CriteriaJson(input.Criteria!),
            InstitutionId = input.InstitutionId,
            State = CallState.Open,
            OwnerDepartmentId = need.OwnerDepartmentId,
            OwnerDistrictId = need.OwnerDistrictId,
            OwnerEnterpriseUscc = need.OwnerEnterpriseUscc,
            CreatedBy = user.Identity?.Name ?? "",
            CreatedAt = Now,
        };
        db.Add(call);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(call);
    }

    /// <summary>Calls are public once made (their need is published); newest deadline first.</summary>
    public Task<List<ScenarioCall>> ListCallsAsync(CancellationToken ct) =>
        db.Set<ScenarioCall>().AsNoTracking().OrderByDescending(c => c.Deadline).ThenByDescending(c => c.Id).Take(500).ToListAsync(ct);

    /// <summary>A call; its owners and the task force see every application and the ranking, an enterprise its own application.</summary>
    public async Task<CallView?> ViewAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var call = await db.Set<ScenarioCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null) return null;
        var manage = Manages(user, call);
        var sees = manage || user.IsInRole(Roles.Leader);
        var uscc = user.EnterpriseUscc();
        var apps = await db.Set<CallApplication>().AsNoTracking().Where(a => a.CallId == id)
            .Where(a => sees || (uscc != null && a.EnterpriseUscc == uscc)).OrderBy(a => a.Id).ToListAsync(ct);
        var criteria = CallRules.Criteria(call.Criteria);
        IReadOnlyList<RankedApplication>? ranking = null;
        if (sees)
        {
            var ids = apps.Select(a => a.Id).ToList();
            var scores = await db.Set<ExpertScore>().AsNoTracking().Where(s => ids.Contains(s.ApplicationId)).ToListAsync(ct);
            ranking = CallRules.Rank(criteria, ids, scores);
        }
        return new CallView(call, criteria, apps, ranking, manage);
    }

    /// <summary>An enterprise applies (揭榜) with its proposal and, optionally, a file, up to the deadline; once per call.</summary>
    public async Task<Outcome<CallApplication>> ApplyAsync(int callId, string? proposal, ProposalFile? file, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var call = await db.Set<ScenarioCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null) return Outcome.NotFound;
        if (user.Role() != Roles.Enterprise || user.EnterpriseUscc() is not { } uscc)
            return await RefuseAsync(user, CallAudit, callId, Outcome.Forbidden, ct);
        if (call.State != CallState.Open || !CallRules.MayApply(call.Deadline, Now))
            return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Calls.Error.AfterDeadline",
                Display.Time(call.Deadline)), ct);
        if (string.IsNullOrWhiteSpace(proposal))
            return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("proposal", "Scenarios.Error.Required"), ct);
        if (proposal.Trim().Length > CallRules.TextMax)
            return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("proposal", "Scenarios.Error.TooLong"), ct);
        string? type = null;
        if (file is not null)
        {
            if (file.Content.Length == 0 || file.Content.Length > EvidenceTypes.MaxBytes)
                return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("file", "Supervision.Error.FileTooLarge"), ct);
            type = EvidenceTypes.Detect(file.Name, file.Content);
            if (type is null) return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("file", "Calls.Error.FileType"), ct);
        }
        if (await db.Set<CallApplication>().AnyAsync(a => a.CallId == callId && a.EnterpriseUscc == uscc, ct))
            return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Calls.Error.AppliedTwice"), ct);
        var name = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == uscc).Select(e => e.Name).FirstOrDefaultAsync(ct);
        var application = new CallApplication
        {
            CallId = callId,
            EnterpriseUscc = uscc,
            EnterpriseName = name ?? uscc,
            Proposal = proposal.Trim(),
            SubmittedBy = user.Identity?.Name ?? "",
            SubmittedAt = Now,
        };
        string? key = null;
        if (file is not null)
        {
            (key, application.FileSha256) = await store.SaveAsync(file.Content, ct);
            application.FileKey = key;
            application.FileName = Path.GetFileName(file.Name);
            application.FileType = type;
        }
        db.Add(application);
        try { await db.SaveChangesAsync(ct); }
        catch { if (key is not null) store.Delete(key); throw; }
        return Outcome.Ok(application);
    }

    /// <summary>The proposal file, for the call's owners, the task force, leaders and the applicant.</summary>
    public async Task<(CallApplication Application, Stream Content)?> FileAsync(int callId, int applicationId, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var view = await ViewAsync(callId, user, ct);
        var app = view?.Applications.FirstOrDefault(a => a.Id == applicationId);
        return app?.FileKey is { } key && store.Open(key) is { } stream ? (app!, stream) : null;
    }

    /// <summary>Records one expert's scores of an application (replacing theirs); an expert with a declared conflict with the applicant
    /// is refused.</summary>
    public async Task<Outcome<IReadOnlyList<ExpertScore>>> ScoreAsync(int callId, int applicationId, ScoreInput input,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var call = await db.Set<ScenarioCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        var app = await db.Set<CallApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId && a.CallId == callId, ct);
        if (call is null || app is null) return Outcome.NotFound;
        if (!Manages(user, call)) return await RefuseAsync(user, CallAudit, callId, Outcome.Forbidden, ct);
        if (call.State != CallState.Open) return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Calls.Error.Awarded"), ct);
        var expert = input.ExpertId is { } eid ? await db.Set<ScenarioExpert>().AsNoTracking().FirstOrDefaultAsync(e =>
            e.Id == eid, ct) : null;
        if (expert is null) return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("expertId", "Calls.Error.Expert"), ct);
        if (!expert.Active)
            return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Experts.Error.Inactive", expert.Name), ct);
        var applicant = app.EnterpriseUscc.Trim().ToUpperInvariant();
        if (await db.Set<ExpertConflict>().AnyAsync(c => c.ExpertId == expert.Id && c.EnterpriseUscc == applicant, ct))
            return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Calls.Error.ExpertConflict", expert.Name,
                app.EnterpriseName), ct);
        var criteria = CallRules.Criteria(call.Criteria);
        if (CallRules.ScoresError(input.Scores, criteria.Count) is { } error)
            return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("scores", error, criteria.Count), ct);
        var old = (await db.Set<ExpertScore>().Where(s => s.ApplicationId == applicationId && s.ExpertId == expert.Id).ToListAsync(ct))
            .ToDictionary(s => s.Criterion);
        var rows = input.Scores!.Select((score, i) =>
        {
            if (!old.TryGetValue(i, out var row)) db.Add(row = new ExpertScore
            {
                ApplicationId = applicationId,
                ExpertId = expert.Id,
                Criterion = i
            });
            row.Score = score;
            row.RecordedBy = user.Identity?.Name ?? "";
            row.RecordedAt = Now;
            return row;
        }).ToList();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok<IReadOnlyList<ExpertScore>>(rows);
    }

    /// <summary>Publishes the award after the deadline to an application ranked by at least two experts.</summary>
    public async Task<Outcome<ScenarioCall>> AwardAsync(int callId, int applicationId, string? note, string? version, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var call = await db.Set<ScenarioCall>().FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null) return Outcome.NotFound;
        if (!Manages(user, call)) return await RefuseAsync(user, CallAudit, callId, Outcome.Forbidden, ct);
        if (version is not null && version != call.Version) return Outcome.Stale;
        if (call.State != CallState.Open) return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Calls.Error.Awarded"), ct);
        if (CallRules.MayApply(call.Deadline, Now))
            return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Calls.Error.BeforeDeadline"), ct);
        var view = await ViewAsync(callId, user, ct);
        var ranked = view!.Ranking!.FirstOrDefault(r => r.ApplicationId == applicationId);
        if (ranked is null) return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("applicationId", "Calls.Error.Unknown"), ct);
        if (ranked.Rank is null)
            return await RefuseAsync(user, CallAudit, callId, Outcome.Conflict("Calls.Error.NotScored", CallRules.MinExperts), ct);
        if (note?.Trim().Length > 1000) return await RefuseAsync(user, CallAudit, callId, Outcome.Invalid("note",
            "Scenarios.Error.TooLong"), ct);
        call.State = CallState.Awarded;
        call.AwardedApplicationId = applicationId;
        call.AwardedAt = Now;
        call.AwardNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        call.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(call);
    }
}
