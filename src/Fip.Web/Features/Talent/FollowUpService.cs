using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Talent;

/// <summary>A plan as the talent office writes it: the following unit (a department or a district), the period, the goals, and, to
/// close it early, the closing day and why.</summary>
public sealed record PlanInput(int? UnitDepartmentId, int? UnitDistrictId, DateOnly? StartsOn, DateOnly? EndsOn, string? Goals,
    DateOnly? ClosedOn, string? ClosedReason, string? Version);

/// <summary>A yearly check-in as the following unit files it; outcome lists are separated by '、'.</summary>
public sealed record CheckInInput(int? PlanYear, DateOnly? CheckedOn, string? Progress, string? Projects, string? Papers, string? Titles,
    string? Recognitions, string? EmployerChange, string? Version);

/// <summary>A check-in as the reader may see it: its texts masked without the talent scope.</summary>
public sealed record CheckInView(DateOnly CheckedOn, string Progress, string Projects, string Papers, string Titles, string Recognitions,
    string EmployerChange, string? ByName);

public sealed record SlotView(int PlanYear, DateOnly From, DateOnly DueOn, CheckInState State, CheckInView? CheckIn);

/// <summary>The outcomes of every check-in filed, counted (counts are not personal: every reader sees them).</summary>
public sealed record OutcomeSummary(int CheckIns, int Projects, int Papers, int Titles, int Recognitions, int EmployerChanges);

/// <summary>A plan as the reader may see it: masked unless <see cref="Unmasked"/>, with what the reader may do.</summary>
public sealed record PlanView(int Id, string Unit, int? UnitDepartmentId, int? UnitDistrictId, DateOnly StartsOn, DateOnly EndsOn,
    string Goals, DateOnly? ClosedOn, string ClosedReason, string Version, bool IsDemo, bool Unmasked, bool MayCheckIn,
    IReadOnlyList<SlotView> Slots, OutcomeSummary Summary);

/// <summary>A check-in that a unit owes now (due or overdue), for its 待办 and the alert.</summary>
public sealed record OwedCheckIn(int PlanId, int TalentId, string TalentName, int PlanYear, DateOnly DueOn, bool Late,
    int? UnitDepartmentId, int? UnitDistrictId, bool IsDemo);

/// <summary>
/// 人才跟踪培养: the follow-up plans of young talents and their yearly check-ins (<see cref="FollowUpSchedule"/> says when one is owed).
/// The talent office (the record's keeping department) and admins write plans; they and the following unit file check-ins. A plan's
/// texts are personal data: unmasked only with the talent scope (<see cref="ScopeRequirement.PersonalData"/> on the plan, which is
/// kept by the record's keeping department, as the record is), and each unmasked read is logged through <see
/// cref="Registries.PersonalReads"/>, as the talent registry's reads are. Each command is one transaction; a stale version is refused.
/// </summary>
public sealed class FollowUpService(FipDbContext db, TimeProvider clock)
{
    public const string AlertRule = "talent-checkin-overdue";

    public DateOnly Today => Display.Today(clock);

    public static string AlertKey(int planId, int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{AlertRule}:{planId}:{year}");

    /// <summary>The talent record, when the user may read it (staff; never an enterprise user, never a deleted record).</summary>
    public async Task<Talent?> FindTalentAsync(int talentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Policies.Allows(user, Policies.Staff)) return null;
        var talent = await db.Set<Talent>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == talentId && !t.IsDeleted, ct);
        return talent is not null && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Read, talent) ? talent : null;
    }

    /// <summary>Whether the user writes the person's plan: the talent office that keeps the record, and admins.</summary>
    public static bool MayPlan(ClaimsPrincipal user, Talent talent) =>
        Policies.Allows(user, Policies.DepartmentWrite) && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, talent);

    /// <summary>Whether the user files check-ins: those who write the plan, and the users of the following unit.</summary>
    public static bool MayCheckIn(ClaimsPrincipal user, TalentPlan plan) =>
        (Policies.Allows(user, Policies.DepartmentWrite) && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, plan))
        || (user.IsInRole(Roles.Department) && plan.UnitDepartmentId is { } d && d == user.DepartmentId())
        || (user.IsInRole(Roles.District) && plan.UnitDistrictId is { } x && x == user.DistrictId());

    /// <summary>
    /// The person's plan as the user may see it (null: none yet), logging the read when its texts were shown unmasked.
    /// <paramref name="how"/> says where (page, api) in the access log; null when the caller shows none of the texts (the summary on
    /// the talent's record page: counts and dates only), which is then not logged.
    /// </summary>
    public async Task<PlanView?> ViewAsync(Talent talent, ClaimsPrincipal user, string? how, CancellationToken ct)
    {
        var plan = await db.Set<TalentPlan>().AsNoTracking().Include(p => p.CheckIns).Include(p => p.UnitDepartment)
            .Include(p => p.UnitDistrict).FirstOrDefaultAsync(p => p.TalentId == talent.Id, ct);
        if (plan is null) return null;
        var unmasked = ScopeAuthorizationHandler.Allows(user, ScopeRequirement.PersonalData, plan);
        string Shown(string? text) => unmasked ? text ?? "" : Registries.FieldText.Mask(text);
        var filed = plan.CheckIns.ToDictionary(c => c.PlanYear);
        var slots = FollowUpSchedule.Slots(plan.StartsOn, plan.EndsOn, plan.ClosedOn, talent.AnonymisedAt is not null,
                filed.Keys.ToHashSet(), Today)
            .Select(s => new SlotView(s.PlanYear, s.From, s.DueOn, s.State, filed.TryGetValue(s.PlanYear, out var c)
                ? new CheckInView(c.CheckedOn, Shown(c.CheckInProgress), Shown(c.OutcomeProjects), Shown(c.OutcomePapers),
                    Shown(c.OutcomeTitles), Shown(c.OutcomeRecognitions), Shown(c.EmployerChange), c.ByName)
                : null))
            .ToList();
        var all = plan.CheckIns;
        int Count(Func<TalentCheckIn, string?> list) => all.Sum(c => FollowUpSchedule.Items(list(c)).Count);
        var summary = new OutcomeSummary(all.Count, Count(c => c.OutcomeProjects), Count(c => c.OutcomePapers), Count(c => c.OutcomeTitles),
            Count(c => c.OutcomeRecognitions), all.Count(c => !string.IsNullOrWhiteSpace(c.EmployerChange)));
        if (unmasked && how is not null && plan.PlanGoals.Length > 0)
            await Registries.PersonalReads.LogAsync(db, nameof(TalentPlan), [plan.Id], how, ct);
        return new PlanView(plan.Id, plan.UnitDepartment?.Name ?? plan.UnitDistrict?.Name ?? "", plan.UnitDepartmentId,
            plan.UnitDistrictId, plan.StartsOn, plan.EndsOn, Shown(plan.PlanGoals), plan.ClosedOn, Shown(plan.PlanClosedReason),
            plan.Version, plan.IsDemo, unmasked, MayCheckIn(user, plan), slots, summary);
    }

    /// <summary>
    /// Creates the person's plan or changes it (closing it early is a change: a closing day and a reason), in one transaction. Only a
    /// 青年科技人才 not anonymised gets a plan; a change needs the version read (else 409).
    /// </summary>
    public async Task<Outcome<TalentPlan>> SaveAsync(int talentId, PlanInput input, string? ifMatch, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var talent = await FindTalentAsync(talentId, user, ct);
        if (talent is null) return Outcome.NotFound;
        if (!MayPlan(user, talent)) return Outcome.Forbidden;
        if (talent.AnonymisedAt is not null) return Outcome.Conflict("Talent.PlanAnonymised");
        if (talent.Category != TalentCategory.Young) return Outcome.Invalid("talentId", "Talent.PlanYoungOnly");
        var plan = await db.Set<TalentPlan>().FirstOrDefaultAsync(p => p.TalentId == talentId, ct);
        if (plan is not null && IfMatch.Version(ifMatch, input.Version) != plan.Version) return Outcome.Stale;
        if (await CheckAsync(input, ct) is { } invalid) return invalid;
        var now = clock.GetUtcNow().UtcDateTime;
        if (plan is null)
        {
            plan = new TalentPlan { TalentId = talentId, KeeperDepartmentId = talent.KeeperDepartmentId, CreatedAt = now };
            db.Add(plan);
        }
        else if (input.StartsOn != plan.StartsOn
            && await db.Set<TalentCheckIn>().AnyAsync(c => c.PlanId == plan.Id, ct))
        {
            return Outcome.Conflict("Talent.PlanStartFixed");
        }
        plan.UnitDepartmentId = input.UnitDepartmentId;
        plan.UnitDistrictId = input.UnitDistrictId;
        plan.StartsOn = input.StartsOn!.Value;
        plan.EndsOn = input.EndsOn!.Value;
        plan.PlanGoals = input.Goals!.Trim();
        plan.ClosedOn = input.ClosedOn;
        plan.PlanClosedReason = input.ClosedOn is null ? null : input.ClosedReason!.Trim();
        plan.UpdatedAt = now;
        plan.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(plan);
    }

    private async Task<Outcome?> CheckAsync(PlanInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.UnitDepartmentId is null == input.UnitDistrictId is null) errors["unit"] = "Talent.PlanUnitOne";
        else if (input.UnitDepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d,
            ct)) errors["unit"] = "Talent.PlanUnitUnknown";
        else if (input.UnitDistrictId is { } x && !await db.Districts.AnyAsync(y => y.Id == x,
            ct)) errors["unit"] = "Talent.PlanUnitUnknown";
        if (input.StartsOn is not { } start) errors["startsOn"] = "Talent.PlanStartRequired";
        if (input.EndsOn is not { } end) errors["endsOn"] = "Talent.PlanEndRequired";
        else if (input.StartsOn is { } s && (end <= s
            || end > s.AddYears(FollowUpSchedule.MaxYears))) errors["endsOn"] = "Talent.PlanPeriod";
        if (string.IsNullOrWhiteSpace(input.Goals)) errors["goals"] = "Talent.PlanGoalsRequired";
        else if (input.Goals.Trim().Length > 2000) errors["goals"] = "Talent.TextTooLong";
        if (input.ClosedOn is { } closed)
        {
            if (closed < input.StartsOn || closed > input.EndsOn) errors["closedOn"] = "Talent.PlanClosedOutside";
            if (string.IsNullOrWhiteSpace(input.ClosedReason)) errors["closedReason"] = "Talent.PlanClosedReason";
            else if (input.ClosedReason.Trim().Length > 500) errors["closedReason"] = "Talent.TextTooLong";
        }
        return errors.Count == 0 ? null : Outcome.Invalid(errors);
    }

    /// <summary>
    /// Files a plan year's check-in, in one transaction: the year must be owed now (due or overdue, <see cref="FollowUpSchedule"/>),
    /// not filed already, dated within the year's window and not in the future; the plan's version moves on (a stale one: 409).
    /// Returns the person's talent id.
    /// </summary>
    public async Task<Outcome<int>> CheckInAsync(int planId, CheckInInput input, string? ifMatch, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var plan = await db.Set<TalentPlan>().Include(p => p.Talent).Include(p => p.CheckIns)
            .FirstOrDefaultAsync(p => p.Id == planId && !p.Talent.IsDeleted, ct);
        if (plan is null || !Policies.Allows(user, Policies.Staff)) return Outcome.NotFound;
        if (!MayCheckIn(user, plan)) return Outcome.Forbidden;
        if (IfMatch.Version(ifMatch, input.Version) != plan.Version) return Outcome.Stale;
        var slots = FollowUpSchedule.Slots(plan.StartsOn, plan.EndsOn, plan.ClosedOn, plan.Talent.AnonymisedAt is not null,
            plan.CheckIns.Select(c => c.PlanYear).ToHashSet(), Today);
        var slot = slots.FirstOrDefault(s => s.PlanYear == input.PlanYear);
        if (slot is null) return Outcome.Invalid("planYear", "Talent.CheckInYearUnknown");
        if (slot.State == CheckInState.Filed) return Outcome.Conflict("Talent.CheckInFiled");
        if (!FollowUpSchedule.Open(slot.State)) return Outcome.Conflict("Talent.CheckInNotOwed");
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.CheckedOn is not { } on) errors["checkedOn"] = "Talent.CheckInDateRequired";
        else if (on > Today || on < slot.DueOn.AddDays(-FollowUpSchedule.DueWindowDays)) errors["checkedOn"] = "Talent.CheckInDateOutside";
        if (string.IsNullOrWhiteSpace(input.Progress)) errors["progress"] = "Talent.CheckInProgressRequired";
        foreach (var (key, text, max) in new[]
        {
            ("progress", input.Progress, 2000), ("projects", input.Projects, 1000), ("papers", input.Papers, 1000),
            ("titles", input.Titles, 500), ("recognitions", input.Recognitions, 500), ("employerChange", input.EmployerChange, 200),
        })
        {
            if (text?.Trim().Length > max) errors.TryAdd(key, "Talent.TextTooLong");
        }
        if (errors.Count > 0) return Outcome.Invalid(errors);
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        plan.CheckIns.Add(new TalentCheckIn
        {
            PlanYear = slot.PlanYear,
            CheckedOn = input.CheckedOn!.Value,
            CheckInProgress = input.Progress!.Trim(),
            OutcomeProjects = Clean(input.Projects),
            OutcomePapers = Clean(input.Papers),
            OutcomeTitles = Clean(input.Titles),
            OutcomeRecognitions = Clean(input.Recognitions),
            EmployerChange = Clean(input.EmployerChange),
            ByName = user.Identity?.Name,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        plan.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        plan.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(plan.TalentId);
    }

    /// <summary>Every check-in owed now (due or overdue), of plans whose person is not anonymised; optionally only one unit's.</summary>
    public async Task<IReadOnlyList<OwedCheckIn>> OwedAsync(int? departmentId, int? districtId, CancellationToken ct)
    {
        var q = db.Set<TalentPlan>().AsNoTracking().Where(p => !p.Talent.IsDeleted && p.Talent.AnonymisedAt == null);
        if (departmentId is not null || districtId is not null)
            q = q.Where(p => (departmentId != null && p.UnitDepartmentId == departmentId)
                || (districtId != null && p.UnitDistrictId == districtId));
        var today = Today;
        var rows = await q.Select(p => new
        {
            p.Id,
            p.TalentId,
            p.Talent.Name,
            p.StartsOn,
            p.EndsOn,
            p.ClosedOn,
            p.UnitDepartmentId,
            p.UnitDistrictId,
            p.IsDemo,
            Filed = p.CheckIns.Select(c => c.PlanYear).ToList(),
        }).ToListAsync(ct);
        return [.. rows.SelectMany(p => FollowUpSchedule.Slots(p.StartsOn, p.EndsOn, p.ClosedOn, false, p.Filed.ToHashSet(), today)
            .Where(s => FollowUpSchedule.Open(s.State))
            .Select(s => new OwedCheckIn(p.Id, p.TalentId, p.Name, s.PlanYear, s.DueOn, s.State == CheckInState.Overdue,
                p.UnitDepartmentId, p.UnitDistrictId, p.IsDemo)))
            .OrderBy(o => o.DueOn)];
    }

    /// <summary>The check-ins the user's unit owes (department and district users), for its 待办.</summary>
    public async Task<IReadOnlyList<OwedCheckIn>> OwedByAsync(ClaimsPrincipal user, CancellationToken ct) => user.Role() switch
    {
        Roles.Department when user.DepartmentId() is { } d => await OwedAsync(d, null, ct),
        Roles.District when user.DistrictId() is { } x => await OwedAsync(null, x, ct),
        _ => [],
    };
}
