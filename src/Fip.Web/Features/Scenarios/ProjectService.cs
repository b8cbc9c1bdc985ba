using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>Where a project comes from: an awarded call, or an agreed match (a need and a capability both sides accepted).</summary>
public sealed record ProjectStart(int? CallId, int? NeedId, int? CapabilityId);

/// <summary>
/// Scenario projects along 早期验证 → 融合试验 → 综合推广. Each keeps one row of the 应用场景 registry in step (stage; status 建设中, or
/// 运营中 once rolled out): the goal 应用场景 counts that registry by the stages its indicator names, which admins choose in the
/// indicator editor (docs/scenarios.md).
/// </summary>
public sealed class ProjectService(FipDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<Outcome> RefuseAsync(ClaimsPrincipal user, int key, Outcome refusal, CancellationToken ct) =>
        ScenarioAudit.RefuseAsync(db, clock, user, CallService.ProjectAudit,
            key.ToString(CultureInfo.InvariantCulture), refusal, ct);

    public Task<List<ScenarioProject>> ListAsync(CancellationToken ct) =>
        db.Set<ScenarioProject>().AsNoTracking().OrderByDescending(p => p.LastUpdateAt).ThenByDescending(p =>
            p.Id).Take(500).ToListAsync(ct);

    public async Task<(ScenarioProject Project, List<ProjectUpdate> Updates)?> GetAsync(int id, CancellationToken ct)
    {
        var p = await db.Set<ScenarioProject>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        return (p, await db.Set<ProjectUpdate>().AsNoTracking().Where(u => u.ProjectId == id).OrderByDescending(u => u.At)
            .ThenByDescending(u => u.Id).ToListAsync(ct));
    }

    /// <summary>Starts a project from an awarded call (its owner) or an agreed match (the owner of either side).</summary>
    public async Task<Outcome<ScenarioProject>> StartAsync(ProjectStart start, ClaimsPrincipal user, CancellationToken ct)
    {
        ScenarioPost? need;
        ScenarioCall? call = null;
        CallApplication? application = null;
        if (start.CallId is { } callId)
        {
            call = await db.Set<ScenarioCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
            if (call is null) return Outcome.NotFound;
            if (!ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, call)) return await RefuseAsync(user, 0,
                Outcome.Forbidden, ct);
            if (call.State != CallState.Awarded) return await RefuseAsync(user, 0, Outcome.Conflict("Calls.Error.NotAwarded"), ct);
            if (await db.Set<ScenarioProject>().AnyAsync(p => p.CallId == callId, ct))
                return await RefuseAsync(user, 0, Outcome.Conflict("Calls.Error.ProjectExists"), ct);
            need = await db.Set<ScenarioPost>().AsNoTracking().FirstAsync(p => p.Id == call.NeedId, ct);
            application = await db.Set<CallApplication>().AsNoTracking().FirstAsync(a => a.Id == call.AwardedApplicationId, ct);
        }
        else if (start is { NeedId: { } needId, CapabilityId: { } capId })
        {
            need = await db.Set<ScenarioPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == needId && p.Kind == PostKind.Need, ct);
            var cap = await db.Set<ScenarioPost>().AsNoTracking()
                .FirstOrDefaultAsync(p => p.Id == capId && p.Kind == PostKind.Capability, ct);
            if (need is null || cap is null) return Outcome.NotFound;
            if (!ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, need)
                && !ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, cap)) return await RefuseAsync(user, 0,
                    Outcome.Forbidden, ct);
            var accepted = await db.Set<ScenarioMatchAnswer>().CountAsync(a => a.NeedId == needId && a.CapabilityId == capId && a.Accepted
                && (a.PostId == needId || a.PostId == capId), ct);
            if (accepted < 2) return await RefuseAsync(user, 0, Outcome.Conflict("Calls.Error.NotAgreed"), ct);
            if (await db.Set<ScenarioProject>().AnyAsync(p => p.NeedId == needId && p.CapabilityId == capId, ct))
                return await RefuseAsync(user, 0, Outcome.Conflict("Calls.Error.ProjectExists"), ct);
        }
        else return await RefuseAsync(user, 0, Outcome.Invalid("callId", "Calls.Error.ProjectSource"), ct);

        var today = Display.Today(clock);
        var name = call?.Title ?? need.Title;
        var scenario = new Scenario
        {
            Name = name,
            Owner = need.Organisation,
            DistrictId = need.DistrictId ?? 0,
            TrackId = need.TrackId,
            Kind = ScenarioKind.Demonstration,
            Stage = ScenarioStage.EarlyValidation,
            Status = CallRules.StatusOf(ScenarioStage.EarlyValidation),
            StartOn = today,
            Description = application is null ? need.Summary : $"{need.Summary}\n揭榜单位：{application.EnterpriseName}",
            CreatedAt = Now,
            UpdatedAt = Now,
            IsDemo = need.IsDemo,
        };
        var project = new ScenarioProject
        {
            Name = name,
            NeedId = need.Id,
            CapabilityId = start.CallId is null ? start.CapabilityId : null,
            CallId = call?.Id,
            ApplicationId = application?.Id,
            Stage = ScenarioStage.EarlyValidation,
            TrackId = need.TrackId,
            DistrictId = need.DistrictId ?? 0,
            StartedOn = today,
            StageSince = today,
            LastUpdateAt = Now,
            OwnerDepartmentId = need.OwnerDepartmentId,
            OwnerDistrictId = need.OwnerDistrictId ?? (need.OwnerDepartmentId is null ? need.DistrictId : null),
            OwnerEnterpriseUscc = need.OwnerEnterpriseUscc,
            CreatedBy = user.Identity?.Name ?? "",
            CreatedAt = Now,
            IsDemo = need.IsDemo,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(scenario);
        await db.SaveChangesAsync(ct);
        project.RegistryScenarioId = scenario.Id;
        db.Add(project);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(project);
    }

    /// <summary>Records progress: evidence, outcomes, and the stage now (a move backwards needs its reason); the registry row
    /// follows.</summary>
    public async Task<Outcome<ScenarioProject>> UpdateAsync(int id, ProjectUpdateInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var project = await db.Set<ScenarioProject>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null) return Outcome.NotFound;
        if (!ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, project)) return await RefuseAsync(user, id,
            Outcome.Forbidden, ct);
        if (input.Version is not null && input.Version != project.Version) return Outcome.Stale;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var to = input.Stage is null ? project.Stage : CallRules.ParseStage(input.Stage);
        if (to is null) errors["stage"] = "Calls.Error.Stage";
        else if (CallRules.MoveError(project.Stage, to.Value, input.Reason) is { } move) errors["reason"] = move;
        if (string.IsNullOrWhiteSpace(input.Evidence)) errors["evidence"] = "Scenarios.Error.Required";
        else if (input.Evidence.Trim().Length > CallRules.TextMax) errors["evidence"] = "Scenarios.Error.TooLong";
        if (input.Reason?.Trim().Length > 1000) errors["reason"] = "Scenarios.Error.TooLong";
        var today = Display.Today(clock);
        if (input.On is { } on && (on > today || on < project.StartedOn)) errors["on"] = "Calls.Error.Date";
        if (input.Contracts < 0) errors["contracts"] = "Calls.Error.Negative";
        if (input.ContractAmount is < 0 or > 10_000_000) errors["contractAmount"] = "Calls.Error.Negative";
        if (input.Users < 0) errors["users"] = "Calls.Error.Negative";
        if (input.Sites < 0) errors["sites"] = "Calls.Error.Negative";
        if (errors.Count > 0) return await RefuseAsync(user, id, Outcome.Invalid(errors), ct);
        var day = input.On ?? today;
        db.Add(new ProjectUpdate
        {
            ProjectId = id,
            On = day,
            From = project.Stage,
            To = to!.Value,
            Reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(),
            Evidence = input.Evidence!.Trim(),
            By = user.Identity?.Name ?? "",
            At = Now,
        });
        if (to != project.Stage) project.StageSince = day;
        project.Stage = to.Value;
        project.Contracts = input.Contracts ?? project.Contracts;
        project.ContractAmount = input.ContractAmount ?? project.ContractAmount;
        project.Users = input.Users ?? project.Users;
        project.Sites = input.Sites ?? project.Sites;
        project.LastUpdateAt = Now;
        project.Version = RecordVersions.New();
        var row = await db.Scenarios.FirstAsync(s => s.Id == project.RegistryScenarioId, ct);
        row.Stage = project.Stage;
        row.Status = CallRules.StatusOf(project.Stage);
        row.UpdatedAt = Now;
        row.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(project);
    }
}

/// <summary>Stalled projects: no progress for <see cref="CallRules.StallDays"/> days raises a yellow alert to the project's owner
/// (the key names the last update, so new progress clears the way for a later alert).</summary>
public sealed class ProjectAlertRules(FipDbContext db, AlertService alerts, TimeProvider clock) : IAlertRules
{
    public static string Key(int id, DateTime last) =>
        string.Create(CultureInfo.InvariantCulture, $"scenario-stalled:{id}:{last:yyyyMMddHHmmss}");

    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-CallRules.StallDays);
        var stalled = await db.Set<ScenarioProject>().AsNoTracking().Where(p => p.LastUpdateAt < since).ToListAsync(ct);
        var raised = 0;
        foreach (var p in stalled.Where(p => CallRules.IsStalled(p.LastUpdateAt, now)))
        {
            var id = p.Id.ToString(CultureInfo.InvariantCulture);
            var last = Display.Time(p.LastUpdateAt);
            var request = new AlertRequest("scenario-stalled", Key(p.Id, p.LastUpdateAt), AlertSeverity.Yellow,
                $"场景项目“{p.Name}”已超过{CallRules.StallDays}天未更新", $"Scenario project {p.Name}: no update for {CallRules.StallDays} days",
                $"最近一次进展登记于{last}，请登记阶段进展、证明材料和成效。",
                $"The last progress was recorded on {last}: record the stage, evidence and outcomes.",
                $"/Scenarios/Project/{id}", p.OwnerDepartmentId, p.OwnerDepartmentId is null ? p.OwnerDistrictId ?? p.DistrictId
                    : null);
            if (await alerts.RaiseAsync(request, ct) is not null) raised++;
        }
        return raised;
    }
}
