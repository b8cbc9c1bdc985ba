using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Fip.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Supervision;

/// <summary>Admins create and edit tasks: units (lead/co), districts, deadline, cycle, weight, milestones and the targets served.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(TaskAdmin admin, FipDbContext db, SupervisionBoard boards, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FormInput
    {
        public string? Title { get; set; }
        public string? TitleEn { get; set; }
        public string? Number { get; set; }
        public int? ParentId { get; set; }
        public string? Description { get; set; }
        public decimal? Weight { get; set; } = 1;
        public ReportingCycle Cycle { get; set; } = ReportingCycle.Quarterly;
        public DateOnly? StartDate { get; set; }
        public DateOnly? Deadline { get; set; }
        public DateOnly? CompletedOn { get; set; }
        public List<int> Leads { get; set; } = [];
        public List<int> Cos { get; set; } = [];
        public List<int> Districts { get; set; } = [];
        public List<int> Targets { get; set; } = [];
        public List<MilestoneRow> Milestones { get; set; } = [];
        public string? Version { get; set; }
    }

    public sealed class MilestoneRow
    {
        public string? Title { get; set; }
        public DateOnly? DueDate { get; set; }
        public DateOnly? DoneOn { get; set; }
    }

    [BindProperty] public FormInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<District> AllDistricts { get; private set; } = [];
    public IReadOnlyList<Target> PlanTargets { get; private set; } = [];
    public IReadOnlyList<TaskNode> Parents { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    private UnitDirectory? _directory;

    public async Task<IActionResult> OnGetAsync(int? id, int? parent, CancellationToken ct)
    {
        await ListsAsync(id, ct);
        if (id is { } tid)
        {
            var t = await admin.Load(tid, ct);
            if (t is null) return NotFound();
            Id = tid;
            Input = new FormInput
            {
                Title = t.Title,
                TitleEn = t.TitleEn,
                Number = t.Number,
                ParentId = t.ParentId,
                Description = t.Description,
                Weight = t.Weight,
                Cycle = t.Cycle,
                StartDate = t.StartDate,
                Deadline = t.Deadline,
                CompletedOn = t.CompletedOn,
                Version = t.Version,
                // A group named on the task (专班成员单位) shows as its members: the pickers offer units only.
                Leads = [.. _directory!.ExpandDepartments(t.Units.Where(u => u.Role == AssignmentRole.Lead).Select(u => u.DepartmentId))],
                Cos = [.. _directory!.ExpandDepartments(t.Units.Where(u => u.Role == AssignmentRole.Co).Select(u => u.DepartmentId))],
                Districts = [.. t.Districts.Select(d => d.DistrictId).Concat(_directory!.DistrictsOf(t.Units.Select(u => u.DepartmentId)))
                    .Distinct()],
                Targets = [.. t.Targets.Select(x => x.TargetId)],
                Milestones =
                    [.. t.Milestones
                        .OrderBy(m => m.DueDate)
                        .Select(m => new MilestoneRow { Title = m.Title, DueDate = m.DueDate, DoneOn = m.DoneOn })],
            };
        }
        else if (parent is { } pid && await admin.Load(pid, ct) is { } p)
        {
            // A sub-task starts with its parent's units, districts, cycle and deadline (the policy's inheritance), to be narrowed.
            Input = new FormInput
            {
                ParentId = pid,
                Cycle = p.Cycle,
                Deadline = p.Deadline,
                StartDate = boards.Today,
                Leads = [.. _directory!.ExpandDepartments(p.Units.Where(u => u.Role == AssignmentRole.Lead).Select(u => u.DepartmentId))],
                Cos = [.. _directory!.ExpandDepartments(p.Units.Where(u => u.Role == AssignmentRole.Co).Select(u => u.DepartmentId))],
                Districts = [.. p.Districts.Select(d => d.DistrictId).Concat(_directory!.DistrictsOf(p.Units.Select(u => u.DepartmentId)))
                    .Distinct()],
            };
        }
        else Input.StartDate = boards.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var input = new TaskInput(Input.Title, Input.TitleEn ?? "", Input.Description ?? "", Input.ParentId, Input.Number, Input.Weight,
            Input.Cycle,
            Input.StartDate, Input.Deadline, Input.Leads, Input.Cos, Input.Districts, Input.Targets,
            [.. Input.Milestones
                .Where(m => !string.IsNullOrWhiteSpace(m.Title) || m.DueDate is not null)
                .Select(m => new MilestoneInput(m.Title, m.DueDate, m.DoneOn))],
            Input.Version, Input.CompletedOn, ClearCompleted: Input.CompletedOn is null);
        var result = id is { } tid ? await admin.UpdateAsync(tid, input, ct) : await admin.CreateAsync(input, ct);
        switch (result.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Flash"] = l["Common.Saved"].Value;
                return Redirect($"/Supervision/Task/{result.Value!.Id}");
            case OutcomeKind.NotFound: return NotFound();
        }
        foreach (var (field, messages) in result.Messages(l)) Errors[field] = messages[0];
        if (result.Kind == OutcomeKind.Conflict) Errors[""] = l["Error.Stale"];
        Response.StatusCode = result.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Id = id;
        await ListsAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var result = await admin.DeleteAsync(id, Input.Version, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = l["Supervision.Deleted"].Value;
            return Redirect("/Supervision");
        }
        if (result.Kind == OutcomeKind.NotFound) return NotFound();
        Errors[""] = result.Kind == OutcomeKind.Conflict ? l["Error.Stale"] : result.Messages(l).Values.FirstOrDefault()?[0]
            ?? l["Problem.400"];
        Response.StatusCode = result.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Id = id;
        await OnGetAsync(id, null, ct);
        return Page();
    }

    private async Task ListsAsync(int? id, CancellationToken ct)
    {
        _directory = await UnitDirectory.LoadAsync(db, ct);
        // Groups (专班成员单位, 有关县（市、区）人民政府 …) are not units: never offered.
        Departments = (await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync(ct))
            .Where(d => !d.IsGroup).ToList();
        AllDistricts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        PlanTargets = await db.Targets
            .AsNoTracking()
            .Where(t => db.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId))
            .OrderBy(t => t.SortOrder)
            .ToListAsync(ct);
        var board = await boards.LoadAsync(ct: ct);
        var self = id is { } tid ? board?.Find(tid) : null;
        var excluded = self?.SelfAndDescendants().Select(n => n.Task.Id).ToHashSet() ?? [];
        Parents = board?.All.Where(n => !excluded.Contains(n.Task.Id) && n.Depth < 2).ToList() ?? [];
    }
}
