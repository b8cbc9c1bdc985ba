using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Supervision;
using Fip.Web.Features.Supervision.Exports;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Inbox;

/// <summary>What kind of work an item of the 待办 inbox is (its label and its order on the list).</summary>
public enum TodoKind
{
    ReportReturned,
    ReportOverdue,
    ReportDue,
    Urge,
    Instruction,
    NewTask,
    Alert,
    ReviewWaiting,
    UnitOverdue,
    InstructionOverdue,
    InstructionReplied,
    AwaitingInstruction,
    NoticeToAnswer,
    /// <summary>免申即享: a department pushed a policy the enterprise meets and has not applied for.</summary>
    PolicyInvitation,
    EnterpriseRequest,
    EnterpriseApproved,
    EnterpriseRefused,
    FiguresDue,
    /// <summary>人才跟踪培养: a young talent's yearly check-in the unit owes (due, or overdue and late).</summary>
    TalentCheckIn,
}

/// <summary>One thing to do: what, about what, where it is done, by when.</summary>
public sealed record TodoItem(TodoKind Kind, string Subject, string? SubjectEn, string? Detail, string Link, DateOnly? Due, bool Late);

/// <summary>The user's 待办: the items (at most <see cref="TodoInbox.Shown"/> listed) and how many there are in all.</summary>
public sealed record TodoList(IReadOnlyList<TodoItem> Items, int Count)
{
    public int CountOf(TodoKind kind) => Items.Count(i => i.Kind == kind);
}

/// <summary>
/// 待办: computed from the data on every request (never a stored list that could drift), for the user's own unit or role only. An
/// item disappears as soon as the work is done: a report filed or resubmitted, an alert resolved, a 催办 or 批示 answered, a review
/// made, an instruction closed.
/// <list type="bullet">
/// <item>department / district: returned reports, overdue and due reports, 催办 and 批示 to answer, tasks assigned in the last
/// <see cref="NewTaskDays"/> days without a report from the unit, unresolved alerts;</item>
/// <item>task force (admin): reports awaiting review, units with overdue reports, 批示 past their deadline unanswered, unresolved red
/// alerts;</item>
/// <item>leader: their 批示 answered and not yet closed, and 逾期 programmes without an open 批示.</item>
/// </list>
/// </summary>
public sealed class TodoInbox(FipDbContext db, SupervisionBoard boards, AlertService alerts, Regulation.RegulationService regulation,
    MyEnterprise.EnterpriseRequestService enterprises, Talent.FollowUpService followUps, KeptViews kept)
{
    public const int NewTaskDays = 14, Shown = 100;

    private TodoList? _list;

    /// <summary>The user's inbox (computed once per request: the nav and the home page both show it).</summary>
    public async Task<TodoList> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_list is not null) return _list;
        var items = user.Role() switch
        {
            Roles.Department or Roles.District => await UnitAsync(user, ct),
            Roles.Admin => await TaskForceAsync(user, ct),
            // Read only from supervision and goal records (instructions, their units' replies, the task tree): kept per leader and
            // day until one of those stamps moves on, so a leader's page costs no query for it.
            Roles.Leader => [.. await kept.GetOrCreateAsync("leader-todo", (user.UserId(), boards.Today),
                StampSet.Supervision | StampSet.Goals, c => LeaderAsync(user, c), ct)],
            Roles.Enterprise => [.. (await regulation.NoticesAsync(user, null, ct))
                .Where(n => Regulation.RegulationService.CanReply(user, n))
                .Select(n => new TodoItem(TodoKind.NoticeToAnswer, n.Findings, null, n.Department.Name, $"/Regulation/Notice/{Id(n.Id)}",
                    n.ReplyBy, n.ReplyBy < boards.Today)), .. await InvitationsAsync(user, ct)],
            _ => [],
        };
        // Claims and changes to decide (district, admin); decisions and yearly figures due (enterprise).
        items.AddRange((await enterprises.TodosAsync(user, ct)).Select(
            t => new TodoItem(Enum.Parse<TodoKind>(t.Kind), t.Subject, null, t.Detail, t.Link, t.Due, t.Late)));
        return _list = new TodoList(Listed(items, Shown), items.Count);
    }

    /// <summary>
    /// The items listed when there are more than <paramref name="shown"/>: every kind keeps an equal share (the most pressing of
    /// it, by due date) before any kind fills the rest, so a unit with many overdue reports still sees the claim it must decide.
    /// Listed by kind, then due date.
    /// </summary>
    public static IReadOnlyList<TodoItem> Listed(IReadOnlyCollection<TodoItem> items, int shown)
    {
        var byKind = items.OrderBy(i => i.Kind).ThenBy(i => i.Due ?? DateOnly.MaxValue).GroupBy(i => i.Kind).ToList();
        if (items.Count <= shown) return [.. byKind.SelectMany(g => g)];
        var share = Math.Max(1, shown / byKind.Count);
        var taken = byKind.Select(g => g.Take(share).ToList()).ToList();
        var left = shown - taken.Sum(t => t.Count);
        foreach (var (group, list) in byKind.Zip(taken))
        {
            var more = group.Skip(list.Count).Take(Math.Max(0, left)).ToList();
            list.AddRange(more);
            left -= more.Count;
        }
        return [.. taken.SelectMany(t => t).Take(shown)];
    }

    /// <summary>Policies pushed to the user's enterprise (免申即享) that it has not applied for: an item until it applies.</summary>
    private async Task<List<TodoItem>> InvitationsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.EnterpriseUscc() is not { } code) return [];
        var rows = await db.Set<Support.PolicyInvitation>().AsNoTracking()
            .Where(i => db.Enterprises.Any(e => e.Id == i.EnterpriseId && e.CreditCode == code && !e.IsDeleted)
                && !db.Set<Support.PolicyApplication>().Any(a => a.PolicyId == i.PolicyId && a.EnterpriseId == i.EnterpriseId
                    && a.State != Support.ApplicationState.Refused && a.State != Support.ApplicationState.Withdrawn))
            .Select(i => new { i.PolicyId, i.Policy.Name, i.Policy.IssuingUnit, i.Policy.ClosesOn }).ToListAsync(ct);
        return [.. rows.Select(r => new TodoItem(TodoKind.PolicyInvitation, r.Name, null, r.IssuingUnit,
            $"/Support#policy-{Id(r.PolicyId)}", r.ClosesOn, false))];
    }

    private static string Id(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string PeriodLabel(string key, bool english) => ReportingPeriod.TryParse(key, out var p) ? p.Label(english) : key;

    private async Task<List<TodoItem>> UnitAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var unitKey = UnitRef.KeyOf(user);
        if (unitKey is null) return [];
        var items = new List<TodoItem>();
        var board = await boards.LoadAsync(ct: ct);
        var today = boards.Today;
        var returned = await db.ProgressReports.AsNoTracking().Include(r => r.Task)
            .Where(r => r.UnitKey == unitKey && r.State == ReportState.Returned && !r.Task.IsDeleted).ToListAsync(ct);
        foreach (var r in returned.Where(r => ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, r)))
            items.Add(new(TodoKind.ReportReturned, r.Task.Title, r.Task.TitleEn, PeriodLabel(r.Period, Display.IsEnglish) + " · "
                + r.ReviewComment, $"/Supervision/Report/{Id(r.Id)}", null, false));
        var filedAny = (await db.ProgressReports.AsNoTracking().Where(r => r.UnitKey == unitKey).Select(r => r.TaskId).Distinct()
            .ToListAsync(ct)).ToHashSet();
        foreach (var node in board?.All.Where(n => n.IsLeaf) ?? [])
        {
            var mine = node.Reporters.FirstOrDefault(r => r.Unit.Key == unitKey);
            if (mine is null) continue;
            var t = node.Task;
            foreach (var o in mine.Obligations.Where(o => o.FirstSubmittedOn is null))
            {
                var late = o.IsOverdue(today);
                items.Add(new(late ? TodoKind.ReportOverdue : TodoKind.ReportDue, t.Title, t.TitleEn, o.Period.Label(Display.IsEnglish),
                    $"/Supervision/Report?task={Id(t.Id)}&unit={unitKey}&period={o.Period.Key}", o.Due, late));
            }
            if (!filedAny.Contains(t.Id) && DateOnly.FromDateTime(Display.ToShanghai(t.CreatedAt)) >= today.AddDays(-NewTaskDays))
                items.Add(new(TodoKind.NewTask, t.Title, t.TitleEn, null, $"/Supervision/Task/{Id(t.Id)}", t.Deadline, false));
        }
        var urges = await db.Set<TaskUrge>().AsNoTracking().Include(u => u.Task)
            .Where(u => u.UnitKey == unitKey && u.RepliedAt == null && !u.Task.IsDeleted).ToListAsync(ct);
        foreach (var u in urges.Where(u => ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, u)))
            items.Add(new(TodoKind.Urge, u.Task.Title, u.Task.TitleEn, u.Note, Followups.TaskLink(u.TaskId), null, false));
        var instructions = await db.Set<InstructionUnit>().AsNoTracking().Include(u => u.Instruction).ThenInclude(i => i.Task)
            .Include(u => u.Instruction).ThenInclude(i => i.Target)
            .Where(u => u.UnitKey == unitKey && u.RepliedAt == null && u.Instruction.ClosedAt == null).ToListAsync(ct);
        foreach (var u in instructions.Where(u => ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, u)))
        {
            var i = u.Instruction;
            items.Add(new(TodoKind.Instruction, i.Task?.Title ?? i.Target?.Indicator ?? "", i.Task?.TitleEn ?? i.Target?.IndicatorEn,
                i.ByName + "：" + i.Text, Followups.LinkOf(i), i.Deadline, i.Deadline < today));
        }
        items.AddRange((await followUps.OwedByAsync(user, ct)).Select(o => new TodoItem(TodoKind.TalentCheckIn, o.TalentName, null,
            null, $"/Talent/Plan/{Id(o.TalentId)}#checkin-{Id(o.PlanYear)}", o.DueOn, o.Late)));
        items.AddRange(await AlertItemsAsync(user, null, ct));
        return items;
    }

    private async Task<IEnumerable<TodoItem>> AlertItemsAsync(ClaimsPrincipal user, AlertSeverity? only, CancellationToken ct)
    {
        var q = alerts.VisibleTo(user).Where(a => a.Status != AlertStatus.Resolved);
        if (only is { } s) q = q.Where(a => a.Severity == s);
        var open = await AlertService.BySeverityThenAge(q).Take(Shown).ToListAsync(ct);
        return open.Where(a => AlertService.CanAct(user, a)).Select(a => new TodoItem(TodoKind.Alert, a.Title, a.TitleEn,
            a.OwnerDepartment?.Name ?? a.OwnerDistrict?.Name, $"/Alerts?status=active#alert-{Id(a.Id)}", null,
            a.Severity == AlertSeverity.Red));
    }

    private async Task<List<TodoItem>> TaskForceAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var items = new List<TodoItem>();
        var waiting = await db.ProgressReports.AsNoTracking().Include(r => r.Task).Include(r => r.Department).Include(r => r.District)
            .Where(r => r.State == ReportState.Submitted && !r.Task.IsDeleted).OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        foreach (var r in waiting)
            items.Add(new(TodoKind.ReviewWaiting, r.Task.Title, r.Task.TitleEn,
                (r.Department?.Name ?? r.District?.ShortName) + " · " + PeriodLabel(r.Period, Display.IsEnglish),
                $"/Supervision/Report/{Id(r.Id)}", r.DueDate, false));
        var board = await boards.LoadAsync(ct: ct);
        foreach (var node in board?.All.Where(n => n.IsLeaf) ?? [])
            foreach (var r in node.Reporters.Where(r => r.HasOverdue(boards.Today)))
                items.Add(new(TodoKind.UnitOverdue, node.Task.Title, node.Task.TitleEn, r.Unit.Name,
                    $"/Supervision/Task/{Id(node.Task.Id)}#followups", r.Obligations.First(o => o.IsOverdue(boards.Today)).Due, true));
        var today = boards.Today;
        var lateInstructions = await db.Set<InstructionUnit>().AsNoTracking().Include(u => u.Instruction).ThenInclude(i => i.Task)
            .Include(u => u.Instruction).ThenInclude(i => i.Target).Include(u => u.Department).Include(u => u.District)
            .Where(u => u.RepliedAt == null && u.Instruction.ClosedAt == null && u.Instruction.Deadline < today).ToListAsync(ct);
        foreach (var u in lateInstructions)
            items.Add(new(TodoKind.InstructionOverdue, u.Instruction.Task?.Title ?? u.Instruction.Target?.Indicator ?? "",
                u.Instruction.Task?.TitleEn ?? u.Instruction.Target?.IndicatorEn, u.Department?.Name ?? u.District?.Name,
                Followups.LinkOf(u.Instruction), u.Instruction.Deadline, true));
        items.AddRange(await AlertItemsAsync(user, AlertSeverity.Red, ct));
        return items;
    }

    private async Task<List<TodoItem>> LeaderAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var me = user.UserId() ?? "";
        var items = new List<TodoItem>();
        var mine = await db.Set<Instruction>().AsNoTracking().Include(i => i.Task).Include(i => i.Target).Include(i => i.Units)
            .Where(i => i.ByUserId == me && i.ClosedAt == null).ToListAsync(ct);
        foreach (var i in mine.Where(i => i.Units.Any(u => u.RepliedAt != null)))
            items.Add(new(TodoKind.InstructionReplied, i.Task?.Title ?? i.Target?.Indicator ?? "", i.Task?.TitleEn ?? i.Target?.IndicatorEn,
                i.Text, Followups.LinkOf(i), i.Deadline, false));
        var instructed = (await db.Set<Instruction>().AsNoTracking().Where(i => i.ClosedAt == null && i.TaskId != null)
            .Select(i => i.TaskId!.Value).ToListAsync(ct)).ToHashSet();
        var board = await boards.LoadAsync(ct: ct);
        foreach (var node in board?.Roots ?? [])
            if (node.Light == TaskLight.Red && !instructed.Contains(node.Task.Id))
                items.Add(new(TodoKind.AwaitingInstruction, node.Task.Title, node.Task.TitleEn,
                    node.Progress.ToString("0.#", CultureInfo.InvariantCulture) + "%",
                    Followups.TaskLink(node.Task.Id), node.Task.Deadline, true));
        return items;
    }
}
