using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Supervision.Exports;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Supervision;

/// <summary>A reporting unit: a department (dep:12) or a district (dis:3).</summary>
public sealed record UnitRef(bool IsDistrict, int Id, string Name)
{
    public string Key => KeyOf(IsDistrict ? null : Id, IsDistrict ? Id : null);

    public static string KeyOf(int? departmentId, int? districtId) => districtId is { } d
        ? "dis:" + d.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "dep:" + departmentId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The unit a signed-in department or district user reports for, or null for other roles.</summary>
    public static string? KeyOf(System.Security.Claims.ClaimsPrincipal user) => user.Role() switch
    {
        Roles.Department when user.DepartmentId() is { } d => KeyOf(d, null),
        Roles.District when user.DistrictId() is { } d => KeyOf(null, d),
        _ => null,
    };
}

/// <summary>What one reporting unit owes and has filed on a leaf task.</summary>
/// <summary>A report the task force returned for revision and its unit has not resubmitted yet.</summary>
public sealed record ReturnedReport(string Period, DateOnly ReturnedOn);

public sealed record ReporterState(UnitRef Unit, AssignmentRole? Role, LatestReport? Latest, IReadOnlyList<Obligation> Obligations,
    IReadOnlyList<ReturnedReport> Returned)
{
    public bool HasOverdue(DateOnly asOf) => Obligations.Any(o => o.IsOverdue(asOf));
}

/// <summary>A task with what the rules make of it: progress, colour, reasons and (for leaves) its reporters.</summary>
public sealed class TaskNode(SupervisionTask task, int depth)
{
    public SupervisionTask Task { get; } = task;
    public int Depth { get; } = depth;
    public TaskNode? Parent { get; internal set; }
    public List<TaskNode> Children { get; } = [];
    public bool IsLeaf => Children.Count == 0;
    public decimal Progress { get; internal set; }
    /// <summary>The progress expected by the board's day (<see cref="SupervisionRules.ExpectedProgress"/>), or null when nothing is
    /// expected.</summary>
    public decimal? Expected { get; internal set; }
    public TaskLight Light { get; internal set; }
    public IReadOnlyList<SupervisionRules.Reason> Reasons { get; internal set; } = [];
    public IReadOnlyList<ReporterState> Reporters { get; internal set; } = [];
    public IEnumerable<UnitRef> Leads => Task.Units
        .Where(u => u.Role == AssignmentRole.Lead)
        .OrderBy(u => u.SortOrder)
        .Select(u => new UnitRef(false, u.DepartmentId, u.Department.Name));
    public IEnumerable<UnitRef> CoUnits => Task.Units
        .Where(u => u.Role == AssignmentRole.Co)
        .OrderBy(u => u.SortOrder)
        .Select(u => new UnitRef(false, u.DepartmentId, u.Department.Name));
    /// <summary>The districts carrying the task out: those named on it and those a group among its units stands for.</summary>
    public IEnumerable<UnitRef> DistrictUnits => Task.Districts.Select(d => d.District)
        .Concat(Task.Units.SelectMany(u => Directory?.MembersOf(u.DepartmentId)?.Districts ?? []))
        .DistinctBy(d => d.Id)
        .OrderBy(d => d.SortOrder)
        .Select(d => new UnitRef(true, d.Id, d.ShortName));

    /// <summary>The groups and units of the plan, to expand a group named on the task into its members.</summary>
    public Organisation.UnitDirectory? Directory { get; internal set; }

    /// <summary>True when the task's units are jointly responsible (等按职责分工负责: none leads).</summary>
    public bool Joint => Task.Units.All(u => u.Role != AssignmentRole.Lead);

    /// <summary>
    /// The real units that answer for the task: its lead units, or all its co-responsible units when none leads (等按职责分工负责); a
    /// group (专班成员单位 …) named among them stands for its member departments.
    /// </summary>
    public IEnumerable<UnitRef> Owners => Expand(Joint ? Task.Units : Task.Units.Where(u => u.Role == AssignmentRole.Lead));

    /// <summary>The real units that support the task (配合): its co-units when a unit leads; none when all are jointly responsible.</summary>
    public IEnumerable<UnitRef> Supporters => Joint ? [] : Expand(Task.Units.Where(u => u.Role == AssignmentRole.Co));

    /// <summary>Every real department named on the task (lead or co), groups expanded.</summary>
    public IEnumerable<UnitRef> Departments => Expand(Task.Units);

    private IEnumerable<UnitRef> Expand(IEnumerable<TaskUnit> units) => units.OrderBy(u => u.SortOrder)
        .SelectMany(u => Directory?.MembersOf(u.DepartmentId) is { } m
            ? m.Departments.Select(d => new UnitRef(false, d.Id, d.Name))
            : [new UnitRef(false, u.DepartmentId, u.Department.Name)])
        .DistinctBy(u => u.Id);

    /// <summary>Everyone who may see the task: every department named on it or an ancestor, every district carrying it out.</summary>
    public TaskAudience Audience { get; internal set; } = new(new HashSet<int>(), new HashSet<int>());

    public IEnumerable<TaskNode> SelfAndDescendants()
    {
        yield return this;
        foreach (var c in Children)
            foreach (var d in c.SelfAndDescendants()) yield return d;
    }
}

/// <summary>The departments and districts a task is shared with; checked by <see cref="ScopeAuthorizationHandler"/>.</summary>
public sealed record TaskAudience(IReadOnlySet<int> DepartmentIds, IReadOnlySet<int> DistrictIds) : IJointlyOwned;

/// <summary>The whole supervision tree of the current plan, evaluated as of one day.</summary>
public sealed class Board(Plan plan, IReadOnlyList<TaskNode> roots, DateOnly asOf, int dueDays)
{
    public Plan Plan { get; } = plan;
    public IReadOnlyList<TaskNode> Roots { get; } = roots;
    public DateOnly AsOf { get; } = asOf;
    public int DueDays { get; } = dueDays;
    public IEnumerable<TaskNode> All => Roots.SelectMany(r => r.SelfAndDescendants());
    private Dictionary<int, TaskNode>? _byId;
    public TaskNode? Find(int id) => (_byId ??= All.ToDictionary(n => n.Task.Id)).GetValueOrDefault(id);
}

/// <summary>
/// Loads the current plan's tasks and the slim facts of their reports, and applies <see cref="SupervisionRules"/>. The tree is the
/// plan's work (hundreds of tasks, not registry-scale), so it is evaluated in memory; reports are read as narrow rows.
/// </summary>
public sealed class SupervisionBoard(FipDbContext db, TimeProvider clock, IConfiguration configuration, KeptViews kept)
{
    /// <summary>
    /// The tree as of <paramref name="asOf"/> (today by default), shared by every request until a task or report changes: it is
    /// kept per supervision change stamp (moved on in the transaction of every task or report change), goals change stamp (plans,
    /// departments and districts: a unit's new name shows at once) and day. Read-only for callers.
    /// </summary>
    public async Task<Board?> LoadAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var day = asOf ?? Today;
        // No plan yet: nothing to keep (Optional keeps the "none" so the next request need not ask again either).
        var board = await kept.GetOrCreateAsync(nameof(SupervisionBoard), (day, DueDays), StampSet.Supervision | StampSet.Goals,
            async c => new Optional<Board>(await EvaluateAsync(day, c)), ct);
        return board.Value;
    }

    public DateOnly Today => Display.Today(clock);
    public int DueDays => configuration.GetValue("Supervision:ReportDueDays", SupervisionRules.DefaultDueDays);

    private sealed record ReportFact(int TaskId, string UnitKey, string Period, decimal Percent, ReportStatus Status, ReportState State,
        DateTime? FirstSubmittedAt, DateTime? SubmittedAt, DateTime? ReviewedAt, bool WasReturned);

    /// <summary>Reads and evaluates the tree as of <paramref name="day"/>: reports first submitted later are ignored.</summary>
    private async Task<Board?> EvaluateAsync(DateOnly day, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.IsCurrent, ct);
        if (plan is null) return null;
        var tasks = await db.SupervisionTasks.AsNoTracking().AsSplitQuery()
            .Where(t => t.PlanId == plan.Id && !t.IsDeleted)
            .Include(t => t.Units).ThenInclude(u => u.Department)
            .Include(t => t.Districts).ThenInclude(d => d.District)
            .Include(t => t.Milestones)
            .Include(t => t.Targets)
            .Include(t => t.Programme)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .ToListAsync(ct);
        var ids = tasks.Select(t => t.Id).ToList();
        var directory = await Organisation.UnitDirectory.LoadAsync(db, ct);
        // A programme's work began with the plan: January 1st of the policy's year (the plan's creation when the year is unknown).
        var planYear = await db.PolicyDocuments.Where(d => d.Id == plan.PolicyDocumentId).Select(d => d.Year).FirstOrDefaultAsync(ct);
        var planStart = planYear is { } y ? new DateOnly(y, 1, 1) : DateOnly.FromDateTime(plan.CreatedAt);
        var cutoff = Display.FromShanghai(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var facts = await db.ProgressReports.AsNoTracking()
            .Where(r => ids.Contains(r.TaskId) && r.FirstSubmittedAt != null && r.FirstSubmittedAt < cutoff)
            .Select(
                r =>
                    new ReportFact(r.TaskId, r.UnitKey, r.Period, r.Percent, r.Status, r.State, r.FirstSubmittedAt, r.SubmittedAt,
                        r.ReviewedAt, r.Events.Any(e => e.Action == ReportAction.Returned)))
            .ToListAsync(ct);
        var byTaskUnit = facts.ToLookup(f => (f.TaskId, f.UnitKey));

        var nodes = new Dictionary<int, TaskNode>();
        var roots = new List<TaskNode>();
        // Parents before children: depth follows the parent chain.
        var byId = tasks.ToDictionary(x => x.Id);
        foreach (var t in tasks) nodes[t.Id] = new TaskNode(t, Depth(t, byId)) { Directory = directory };
        foreach (var n in nodes.Values.OrderBy(n => n.Task.SortOrder).ThenBy(n => n.Task.Id))
        {
            if (n.Task.ParentId is { } p && nodes.TryGetValue(p, out var parent)) { parent.Children.Add(n); n.Parent = parent; }
            else roots.Add(n);
        }
        foreach (var root in roots) Evaluate(root, day, planStart, byTaskUnit);
        return new Board(plan, roots, day, DueDays);
    }

    private static int Depth(SupervisionTask t, Dictionary<int, SupervisionTask> all)
    {
        var depth = 0;
        for (var p = t.ParentId; p is { } id && all.TryGetValue(id, out var parent) && depth < 10; p = parent.ParentId) depth++;
        return depth;
    }

    private void Evaluate(TaskNode node, DateOnly asOf, DateOnly planStart, ILookup<(int, string), ReportFact> facts)
    {
        var parentAudience = node.Parent?.Audience;
        node.Audience = new TaskAudience(
            node.Task.Units.Select(u => u.DepartmentId).Concat(node.Departments.Select(u => u.Id))
                .Concat(parentAudience?.DepartmentIds ?? Enumerable.Empty<int>()).ToHashSet(),
            node.DistrictUnits.Select(d => d.Id).Concat(parentAudience?.DistrictIds ?? Enumerable.Empty<int>()).ToHashSet());
        var milestones = node.Task.Milestones.Select(m => (m.DueDate, m.DoneOn)).ToList();
        // The plan's own programmes and measures began with the plan, whenever supervision of them began.
        var workStart = node.Task.ProgrammeId is not null && planStart < node.Task.StartDate ? planStart : node.Task.StartDate;
        if (!node.IsLeaf)
        {
            foreach (var c in node.Children) Evaluate(c, asOf, planStart, facts);
            node.Progress = SupervisionRules.RollUp([.. node.Children.Select(c => (c.Task.Weight, c.Progress))]);
            Apply(node, SupervisionRules.Status(new StatusFacts(asOf, workStart, node.Task.Deadline, milestones, node.Progress,
                Confirmed: node.Task.CompletedOn is { } confirmed && confirmed <= asOf,
                Children: [.. node.Children.Select(c => c.Light)])));
            return;
        }
        var reporters = new List<ReporterState>();
        var roles = node.Task.Units.ToDictionary(u => u.DepartmentId, u => u.Role);
        foreach (var unit in ExpectedReporters(node))
        {
            var mine = facts[(node.Task.Id, unit.Key)].ToList();
            var counting = mine.Where(f => f.State is ReportState.Submitted or ReportState.Approved)
                .OrderByDescending(f => PeriodStart(f.Period)).ThenByDescending(f => f.SubmittedAt).FirstOrDefault();
            var latest = counting is null
                ? null
                : new LatestReport(counting.Percent, counting.Status, counting.State == ReportState.Approved);
            // Once a unit reports the work done, no further periods are expected from it.
            var until = latest is { SaysDone: true } && ReportingPeriod.TryParse(counting!.Period, out var donePeriod)
                ? (donePeriod.End < asOf ? donePeriod.End : asOf) : asOf;
            var byPeriod = mine.ToDictionary(f => f.Period, StringComparer.Ordinal);
            var obligations = SupervisionRules.Periods(node.Task.Cycle, node.Task.StartDate, node.Task.Deadline, until)
                .Select(p => byPeriod.TryGetValue(p.Key, out var f) && f.FirstSubmittedAt is { } at
                    ? new Obligation(p, p.Due(DueDays), DateOnly.FromDateTime(Display.ToShanghai(at)), f.WasReturned,
                        f.State == ReportState.Returned)
                    : new Obligation(p, p.Due(DueDays), null))
                .ToList();
            var returned = mine.Where(f => f.State == ReportState.Returned && f.ReviewedAt is not null)
                .Select(f => new ReturnedReport(f.Period, DateOnly.FromDateTime(Display.ToShanghai(f.ReviewedAt!.Value))))
                .OrderBy(r => r.ReturnedOn)
                .ToList();
            reporters.Add(
                new ReporterState(unit, unit.IsDistrict ? null : roles.GetValueOrDefault(unit.Id), latest, obligations, returned));
        }
        node.Reporters = reporters;
        node.Progress = SupervisionRules.LeafProgress([.. reporters.Select(r => r.Latest)]);
        Apply(node, SupervisionRules.Status(new StatusFacts(asOf, workStart, node.Task.Deadline, milestones, node.Progress,
            Confirmed: node.Task.CompletedOn is { } completed && completed <= asOf
                || (reporters.Count > 0 && reporters.All(r => r.Latest is { SaysDone: true, Approved: true })),
            ReportOverdue: reporters.Any(r => r.HasOverdue(asOf)),
            ReportedLagging: reporters.Any(r => r.Latest?.Status == ReportStatus.Lagging),
            NothingReported: reporters.All(r => r.Latest is null))));
    }

    private static void Apply(TaskNode node, StatusVerdict status) =>
        (node.Light, node.Reasons, node.Expected) = (status.Light, status.Reasons, status.Expected);

    /// <summary>Who reports on a leaf: its owners (lead units, or all co-responsible units when none leads) and every district carrying it
    /// out.</summary>
    public static IEnumerable<UnitRef> ExpectedReporters(TaskNode node) => node.Owners.Concat(node.DistrictUnits);

    private static DateOnly PeriodStart(string key) => ReportingPeriod.TryParse(key, out var p) ? p.Start : DateOnly.MinValue;
}
