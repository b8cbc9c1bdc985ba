using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Supervision;

public sealed record MilestoneInput(string? Title, DateOnly? DueDate, DateOnly? DoneOn);

/// <summary>
/// A task as an admin writes it. Units, districts and targets left out (null) are inherited from the parent on create and kept on update;
/// an empty list clears them. A group (专班成员单位, 有关县（市、区）人民政府 …) given as a unit is replaced by its members.
/// <c>CompletedOn</c> confirms the task complete (kept when left out; <c>ClearCompleted</c> withdraws the confirmation).
/// </summary>
public sealed record TaskInput(
    string? Title, string? TitleEn, string? Description, int? ParentId, string? Number, decimal? Weight, ReportingCycle? Cycle,
    DateOnly? StartDate, DateOnly? Deadline, IReadOnlyList<int>? LeadDepartmentIds, IReadOnlyList<int>? CoDepartmentIds,
    IReadOnlyList<int>? DistrictIds, IReadOnlyList<int>? TargetIds, IReadOnlyList<MilestoneInput>? Milestones, string? Version,
    DateOnly? CompletedOn = null, bool ClearCompleted = false);

/// <summary>Creates, edits and removes tasks (admins; the page and API check the role). Every change is audited by the DbContext.</summary>
public sealed class TaskAdmin(FipDbContext db, SupervisionBoard boards, SupervisionAlertRules rules, Messaging.Messenger messenger)
{
    public async Task<Outcome<SupervisionTask>> CreateAsync(TaskInput input, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.IsCurrent, ct);
        if (plan is null) return Outcome.NotFound;
        SupervisionTask? parent = null;
        if (input.ParentId is { } pid)
        {
            parent = await db.SupervisionTasks.Include(t => t.Units).Include(t => t.Districts).Include(t => t.Targets)
                .FirstOrDefaultAsync(t => t.Id == pid && t.PlanId == plan.Id && !t.IsDeleted, ct);
            if (parent is null) return Invalid("parentId", "Supervision.Error.Parent");
        }
        var task = new SupervisionTask
        {
            PlanId = plan.Id,
            ParentId = parent?.Id,
            CreatedAt = DateTime.UtcNow,
            Level = parent is null ? TaskLevel.Programme : parent.Level == TaskLevel.Programme ? TaskLevel.WorkTask : TaskLevel.AnnualTask,
            Cycle = input.Cycle ?? parent?.Cycle ?? ReportingCycle.Quarterly,
            StartDate = input.StartDate ?? ReportingPeriod.Of(ReportingCycle.Quarterly, boards.Today).Start,
            Deadline = input.Deadline ?? parent?.Deadline,
            SortOrder =
                (await db.SupervisionTasks
                    .Where(t => t.PlanId == plan.Id && t.ParentId == input.ParentId)
                    .MaxAsync(t => (int?)t.SortOrder, ct) ?? -1) + 1,
        };
        var siblings = await db.SupervisionTasks.CountAsync(t => t.PlanId == plan.Id && t.ParentId == input.ParentId && !t.IsDeleted, ct);
        task.Number = string.IsNullOrWhiteSpace(input.Number)
            ? (parent is null ? "" : parent.Number + ".") + (siblings + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : input.Number.Trim();
        var inherited = input with
        {
            LeadDepartmentIds = input.LeadDepartmentIds ?? parent?.Units
                .Where(u => u.Role == AssignmentRole.Lead)
                .Select(u => u.DepartmentId)
                .ToList(),
            CoDepartmentIds = input.CoDepartmentIds ?? parent?.Units
                .Where(u => u.Role == AssignmentRole.Co)
                .Select(u => u.DepartmentId)
                .ToList(),
            DistrictIds = input.DistrictIds ?? parent?.Districts.Select(d => d.DistrictId).ToList(),
        };
        var errors = await ApplyAsync(task, inherited, ct);
        if (errors.Count > 0) return Outcome.Invalid(errors);
        db.SupervisionTasks.Add(task);
        // The task and its units' messages in one transaction (the messages need the task's id for their link).
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await NotifyAsync(task, [], ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await rules.EvaluateAsync(task.Id, ct);
        return Outcome.Ok(task);
    }

    public async Task<Outcome<SupervisionTask>> UpdateAsync(int id, TaskInput input, CancellationToken ct)
    {
        var task = await Load(id, ct);
        if (task is null) return Outcome.NotFound;
        if (input.Version != task.Version) return Outcome.Stale;
        if (input.ParentId != task.ParentId)
        {
            if (input.ParentId is { } pid
                && (
                    pid == id
                        || await IsDescendantAsync(pid, id, ct)
                        || !await db.SupervisionTasks.AnyAsync(t => t.Id == pid && t.PlanId == task.PlanId && !t.IsDeleted, ct)))
                return Invalid("parentId", "Supervision.Error.Parent");
            task.ParentId = input.ParentId;
        }
        if (!string.IsNullOrWhiteSpace(input.Number)) task.Number = input.Number.Trim();
        if (input.Cycle is { } cycle) task.Cycle = cycle;
        if (input.StartDate is { } start) task.StartDate = start;
        task.Deadline = input.Deadline ?? task.Deadline;
        var before = UnitKeys(task);
        var errors = await ApplyAsync(task, input, ct);
        if (errors.Count > 0) return Outcome.Invalid(errors);
        task.Version = RecordVersions.New();
        await NotifyAsync(task, before, ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.Stale; }
        await rules.EvaluateAsync(task.Id, ct);
        return Outcome.Ok(task);
    }

    private static HashSet<(int? Department, int? District)> UnitKeys(SupervisionTask task) =>
    [
        .. task.Units.Select(u => ((int?)u.DepartmentId, (int?)null)), .. task.Districts.Select(d => ((int?)null, (int?)d.DistrictId))
    ];

    /// <summary>Units newly named on the task hear they were assigned it; those named before, that it changed (in the caller's
    /// save).</summary>
    private async Task NotifyAsync(SupervisionTask task, HashSet<(int? Department, int? District)> before, CancellationToken ct)
    {
        var id = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var link = "/Supervision/Task/" + id;
        var deadline = task.Deadline is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "—";
        foreach (var (dep, dis) in UnitKeys(task))
        {
            var assigned = !before.Contains((dep, dis));
            var e = assigned
                ? new Messaging.MessageEvent($"task:{id}:assigned:{task.Version}", Messaging.MessageKind.TaskAssigned,
                    $"新任务：{task.Title}", $"New task: {task.TitleEn ?? task.Title}", $"专班交办新任务，完成时限 {deadline}。",
                    $"The task force assigned you a task, due {deadline}.", link)
                : new Messaging.MessageEvent($"task:{id}:changed:{task.Version}", Messaging.MessageKind.TaskChanged,
                    $"任务变更：{task.Title}", $"Task changed: {task.TitleEn ?? task.Title}", $"专班修改了任务，完成时限 {deadline}。",
                    $"The task force changed the task, due {deadline}.", link);
            await messenger.NotifyAsync(e, Messaging.Recipients.Unit(dep, dis), ct);
        }
    }

    /// <summary>Removes a task without live sub-tasks (soft: its reports and history stay).</summary>
    public async Task<Outcome<SupervisionTask>> DeleteAsync(int id, string? version, CancellationToken ct)
    {
        var task = await db.SupervisionTasks.FirstOrDefaultAsync(t => t.Id == id && !t.IsDeleted, ct);
        if (task is null) return Outcome.NotFound;
        if (version is not null && version != task.Version) return Outcome.Stale;
        if (await db.SupervisionTasks.AnyAsync(t => t.ParentId == id && !t.IsDeleted, ct))
            return Invalid("id", "Supervision.Error.HasChildren");
        task.IsDeleted = true;
        task.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        await rules.EvaluateAsync(id, ct);
        return Outcome.Ok(task);
    }

    public Task<SupervisionTask?> Load(int id, CancellationToken ct) =>
        db.SupervisionTasks.Include(t => t.Units).Include(t => t.Districts).Include(t => t.Targets).Include(t => t.Milestones)
            .FirstOrDefaultAsync(t => t.Id == id && !t.IsDeleted, ct);

    private async Task<bool> IsDescendantAsync(int candidate, int of, CancellationToken ct)
    {
        var parents =
            await db.SupervisionTasks.Where(t => t.PlanId == db.SupervisionTasks.Where(x => x.Id == of).Select(x => x.PlanId).First())
            .Select(t => new { t.Id, t.ParentId }).ToDictionaryAsync(t => t.Id, t => t.ParentId, ct);
        for (int? p = candidate, guard = 0; p is { } x && guard < 50; p = parents.GetValueOrDefault(x), guard++)
            if (x == of) return true;
        return false;
    }

    private async Task<Dictionary<string, string>> ApplyAsync(SupervisionTask task, TaskInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Title is not null || task.Id == 0)
        {
            if (string.IsNullOrWhiteSpace(input.Title)) errors["title"] = "Supervision.Error.Title";
            else if (input.Title.Trim().Length > 300) errors["title"] = "Supervision.Error.TooLong";
            else task.Title = input.Title.Trim();
        }
        if (input.TitleEn is not null) task.TitleEn = string.IsNullOrWhiteSpace(input.TitleEn) ? null : input.TitleEn.Trim();
        if (input.Description is not null) task.Description = input.Description.Trim();
        if (input.Weight is { } w)
        {
            if (w <= 0 || w > 1000) errors["weight"] = "Supervision.Error.Weight";
            else task.Weight = w;
        }
        if (task.Deadline is { } d && d < task.StartDate) errors["deadline"] = "Supervision.Error.Deadline";
        if (input.CompletedOn is { } completed)
        {
            if (completed < task.StartDate) errors["completedOn"] = "Supervision.Error.CompletedOn";
            else task.CompletedOn = completed;
        }
        else if (input.ClearCompleted) task.CompletedOn = null;

        // Groups are never units: each stands for its member departments (and districts, added to the task's).
        var directory = await Organisation.UnitDirectory.LoadAsync(db, ct);
        var named = (input.LeadDepartmentIds ?? []).Concat(input.CoDepartmentIds ?? []).ToList();
        if ((input.LeadDepartmentIds ?? []).Intersect(input.CoDepartmentIds ?? []).Any())
            errors["coDepartmentIds"] = "Supervision.Error.LeadAndCo";
        var groupDistricts = directory.DistrictsOf(named);
        if (groupDistricts.Count > 0)
            input = input with { DistrictIds = [.. input.DistrictIds ?? task.Districts.Select(x => x.DistrictId), .. groupDistricts] };
        var leads = input.LeadDepartmentIds is null ? null : directory.ExpandDepartments(input.LeadDepartmentIds).ToList();
        var cos = input.CoDepartmentIds is null ? null : directory.ExpandDepartments(input.CoDepartmentIds).Except(leads ?? []).ToList();
        if (leads is not null || cos is not null)
        {
            leads ??= task.Units.Where(u => u.Role == AssignmentRole.Lead).Select(u => u.DepartmentId).ToList();
            cos ??= task.Units.Where(u => u.Role == AssignmentRole.Co).Select(u => u.DepartmentId).ToList();
            var ids = leads.Concat(cos).ToList();
            if (await db.Departments.CountAsync(x => ids.Contains(x.Id), ct) != ids.Count)
                errors["leadDepartmentIds"] = "Supervision.Error.UnknownUnit";
            if (!errors.ContainsKey("coDepartmentIds") && !errors.ContainsKey("leadDepartmentIds"))
            {
                task.Units.Clear();
                var order = 0;
                foreach (var l in leads) task.Units.Add(new TaskUnit { DepartmentId = l, Role = AssignmentRole.Lead, SortOrder = order++ });
                foreach (var c in cos) task.Units.Add(new TaskUnit { DepartmentId = c, Role = AssignmentRole.Co, SortOrder = order++ });
            }
        }
        if (input.DistrictIds is { } districts)
        {
            var ids = districts.Distinct().ToList();
            if (await db.Districts.CountAsync(x => ids.Contains(x.Id), ct) != ids.Count)
                errors["districtIds"] = "Supervision.Error.UnknownDistrict";
            else
            {
                task.Districts.RemoveAll(x => !ids.Contains(x.DistrictId));
                foreach (var i in ids.Where(i => task.Districts.All(x => x.DistrictId != i)))
                    task.Districts.Add(new TaskDistrict { DistrictId = i });
            }
        }
        if (input.TargetIds is { } targets)
        {
            var ids = targets.Distinct().ToList();
            if (await db.Targets.CountAsync(x => ids.Contains(x.Id) && x.PlanId == task.PlanId, ct) != ids.Count)
                errors["targetIds"] = "Supervision.Error.UnknownTarget";
            else
            {
                task.Targets.RemoveAll(x => !ids.Contains(x.TargetId));
                foreach (var i in ids.Where(i => task.Targets.All(x => x.TargetId != i))) task.Targets.Add(new TaskTarget { TargetId = i });
            }
        }
        if (input.Milestones is { } milestones)
        {
            if (milestones.Any(m => string.IsNullOrWhiteSpace(m.Title) || m.DueDate is null))
                errors["milestones"] = "Supervision.Error.Milestone";
            else
            {
                var kept = new List<TaskMilestone>();
                foreach (var m in milestones)
                {
                    var existing = task.Milestones.FirstOrDefault(x => x.Title == m.Title!.Trim() && !kept.Contains(x));
                    existing ??= new TaskMilestone { Title = m.Title!.Trim() };
                    existing.DueDate = m.DueDate!.Value;
                    existing.DoneOn = m.DoneOn;
                    kept.Add(existing);
                }
                task.Milestones.RemoveAll(x => !kept.Contains(x));
                foreach (var k in kept.Where(k => !task.Milestones.Contains(k))) task.Milestones.Add(k);
            }
        }
        return errors;
    }

    private static Outcome Invalid(string field, string key) => Outcome.Invalid(field, key);
}
