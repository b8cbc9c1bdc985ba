using System.Globalization;
using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Supervision;

/// <summary>What a leader writes: the instruction, its deadline and the units (dep:12, dis:3) it names.</summary>
public sealed record InstructionInput(string? Text, DateOnly? Deadline, IReadOnlyList<string>? UnitKeys);

/// <summary>The 催办 and 批示 of a task or a goal target, newest first.</summary>
public sealed record FollowupsView(IReadOnlyList<TaskUrge> Urges, IReadOnlyList<Instruction> Instructions);

/// <summary>
/// 催办 and 领导批示: the task force urges a unit on a task; a leader instructs units on a task or a goal target with a deadline;
/// the units reply; the leader closes the loop. Each write sends its messages in the same save (<see cref="Messenger"/>).
/// </summary>
public sealed class Followups(FipDbContext db, ReportService reports, Messenger messenger, TimeProvider clock)
{
    public const int MaxNote = 1000, MaxText = 2000;

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string TaskLink(int taskId) => $"/Supervision/Task/{taskId.ToString(CultureInfo.InvariantCulture)}#followups";

    public static string TargetLink(int targetId) => $"/Goals/Target/{targetId.ToString(CultureInfo.InvariantCulture)}#followups";

    /// <summary>The units named on a task (its own lead and co units and its districts).</summary>
    public static IReadOnlyList<UnitRef> UnitsOf(TaskNode node) =>
        [.. node.Leads.Concat(node.CoUnits).Concat(node.DistrictUnits).DistinctBy(u => u.Key)];

    /// <summary>Every department and district, for an instruction on a goal target.</summary>
    public async Task<IReadOnlyList<UnitRef>> AllUnitsAsync(CancellationToken ct)
    {
        var deps = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new UnitRef(false, d.Id, d.Name)).ToListAsync(ct);
        var dists = await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new UnitRef(true, d.Id, d.Name)).ToListAsync(ct);
        return [.. deps, .. dists];
    }

    public async Task<FollowupsView> ForAsync(int? taskId, int? targetId, CancellationToken ct)
    {
        var urges = taskId is { } t
            ? await db.Set<TaskUrge>().AsNoTracking().Include(u => u.Department).Include(u => u.District).Where(u => u.TaskId == t)
                .OrderByDescending(u => u.At).ToListAsync(ct)
            : [];
        var instructions = await db.Set<Instruction>().AsNoTracking().Include(i => i.Units).ThenInclude(u => u.Department)
            .Include(i => i.Units).ThenInclude(u => u.District)
            .Where(i => taskId != null ? i.TaskId == taskId : i.TargetId == targetId)
            .OrderByDescending(i => i.At).ToListAsync(ct);
        return new FollowupsView(urges, instructions);
    }

    /// <summary>The task force urges one of the task's units, with a note; the unit gets a message in the same save.</summary>
    public async Task<Outcome<TaskUrge>> UrgeAsync(int taskId, string? unitKey, string? note, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Role() != Roles.Admin) return Outcome.Forbidden;
        var (_, node) = await reports.VisibleTaskAsync(taskId, user, ct);
        if (node is null) return Outcome.NotFound;
        var unit = UnitsOf(node).FirstOrDefault(u => u.Key == unitKey);
        if (unit is null) return Outcome.Invalid("unit", "Followups.Error.Unit");
        if (string.IsNullOrWhiteSpace(note)) return Outcome.Invalid("note", "Followups.Error.Note");
        if (note.Trim().Length > MaxNote) return Outcome.Invalid("note", "Followups.Error.TooLong");
        var urge = new TaskUrge
        {
            TaskId = taskId,
            UnitKey = unit.Key,
            DepartmentId = unit.IsDistrict ? null : unit.Id,
            DistrictId = unit.IsDistrict ? unit.Id : null,
            Note = note.Trim(),
            At = clock.GetUtcNow().UtcDateTime,
            By = Who(user),
        };
        db.Add(urge);
        var t = node.Task;
        await messenger.NotifyAsync(new MessageEvent("urge:" + urge.Version, MessageKind.Urged,
            $"催办：{t.Title}", $"Urged: {t.TitleEn ?? t.Title}", urge.Note, null, TaskLink(taskId)),
            Recipients.Unit(urge.DepartmentId, urge.DistrictId), ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(urge);
    }

    /// <summary>The urged unit answers (反馈); only its own users.</summary>
    public async Task<Outcome<TaskUrge>> ReplyUrgeAsync(long id, string? reply, ClaimsPrincipal user, CancellationToken ct)
    {
        var urge = await db.Set<TaskUrge>().Include(u => u.Task).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (urge is null || (await reports.VisibleTaskAsync(urge.TaskId, user, ct)).Node is null) return Outcome.NotFound;
        if (UnitRef.KeyOf(user) != urge.UnitKey) return Outcome.Forbidden;
        if (urge.RepliedAt is not null) return Outcome.Conflict("Followups.Error.Answered");
        if (Validate(reply, "reply") is { } invalid) return invalid;
        urge.Reply = reply!.Trim();
        urge.RepliedAt = clock.GetUtcNow().UtcDateTime;
        urge.RepliedBy = Who(user);
        urge.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(urge);
    }

    /// <summary>A leader instructs units on a task (its own units) or a goal target (any unit), with a deadline; each unit gets a
    /// message in the same save.</summary>
    public async Task<Outcome<Instruction>> InstructAsync(int? taskId, int? targetId, InstructionInput input, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (user.Role() != Roles.Leader) return Outcome.Forbidden;
        if ((taskId is null) == (targetId is null)) return Outcome.NotFound;
        IReadOnlyList<UnitRef> allowed;
        string title, titleEn, link;
        if (taskId is { } tid)
        {
            var (_, node) = await reports.VisibleTaskAsync(tid, user, ct);
            if (node is null) return Outcome.NotFound;
            allowed = UnitsOf(node);
            (title, titleEn, link) = (node.Task.Title, node.Task.TitleEn ?? node.Task.Title, TaskLink(tid));
        }
        else
        {
            var target = await db.Targets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == targetId, ct);
            if (target is null) return Outcome.NotFound;
            allowed = await AllUnitsAsync(ct);
            (title, titleEn, link) = (target.Indicator, target.IndicatorEn ?? target.Indicator, TargetLink(target.Id));
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Text)) errors["text"] = "Followups.Error.Text";
        else if (input.Text.Trim().Length > MaxText) errors["text"] = "Followups.Error.TooLong";
        var today = DateOnly.FromDateTime(Display.ToShanghai(clock.GetUtcNow().UtcDateTime));
        if (input.Deadline is not { } deadline || deadline < today) errors["deadline"] = "Followups.Error.Deadline";
        var units = allowed.Where(u => input.UnitKeys?.Contains(u.Key) == true).ToList();
        if (units.Count == 0 || units.Count != input.UnitKeys!.Distinct().Count()) errors["units"] = "Followups.Error.Units";
        if (errors.Count > 0) return Outcome.Invalid(errors);
        var instruction = new Instruction
        {
            TaskId = taskId,
            TargetId = targetId,
            Text = input.Text!.Trim(),
            Deadline = input.Deadline!.Value,
            At = clock.GetUtcNow().UtcDateTime,
            ByUserId = user.UserId() ?? "",
            ByName = user.FindFirstValue(ScopeClaims.DisplayName) ?? Who(user),
        };
        foreach (var u in units)
            instruction.Units.Add(new InstructionUnit
            { UnitKey = u.Key, DepartmentId = u.IsDistrict ? null : u.Id, DistrictId = u.IsDistrict ? u.Id : null });
        db.Add(instruction);
        var to = units.Aggregate(Recipients.Users(),
            (r, u) => r.And(Recipients.Unit(u.IsDistrict ? null : u.Id, u.IsDistrict ? u.Id : null)));
        await messenger.NotifyAsync(new MessageEvent("instruction:" + instruction.Version, MessageKind.Instructed,
            $"领导批示：{title}", $"Leader's instruction: {titleEn}",
            $"{instruction.ByName}：{instruction.Text}（请于{instruction.Deadline:yyyy-MM-dd}前反馈）",
            $"{instruction.ByName}: {instruction.Text} (reply by {instruction.Deadline:yyyy-MM-dd})", link), to, ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(instruction);
    }

    /// <summary>A unit named on an instruction replies (反馈); the leader gets a message in the same save.</summary>
    public async Task<Outcome<InstructionUnit>> ReplyInstructionAsync(long instructionUnitId, string? reply, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var unit = await db.Set<InstructionUnit>().Include(u => u.Instruction).ThenInclude(i => i.Task)
            .Include(u => u.Instruction).ThenInclude(i => i.Target).Include(u => u.Department).Include(u => u.District)
            .FirstOrDefaultAsync(u => u.Id == instructionUnitId, ct);
        if (unit is null) return Outcome.NotFound;
        if (UnitRef.KeyOf(user) != unit.UnitKey) return Outcome.Forbidden;
        if (unit.RepliedAt is not null || unit.Instruction.ClosedAt is not null) return Outcome.Conflict("Followups.Error.Answered");
        if (Validate(reply, "reply") is { } invalid) return invalid;
        unit.Reply = reply!.Trim();
        unit.RepliedAt = clock.GetUtcNow().UtcDateTime;
        unit.RepliedBy = Who(user);
        unit.Version = RecordVersions.New();
        var i = unit.Instruction;
        var name = unit.Department?.Name ?? unit.District?.Name ?? unit.UnitKey;
        var subject = i.Task?.Title ?? i.Target?.Indicator ?? "";
        await messenger.NotifyAsync(new MessageEvent("instruction-reply:" + Key(unit.Id) + ":" + unit.Version,
            MessageKind.InstructionReplied, $"批示反馈：{subject}",
            $"Reply to your instruction: {i.Task?.TitleEn ?? i.Target?.IndicatorEn ?? subject}",
            $"{name}：{unit.Reply}", $"{name}: {unit.Reply}", LinkOf(i)), Recipients.Users(i.ByUserId), ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(unit);
    }

    /// <summary>The leader who wrote the instruction closes it once replied (办结).</summary>
    public async Task<Outcome<Instruction>> CloseAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var instruction = await db.Set<Instruction>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instruction is null) return Outcome.NotFound;
        if (user.Role() != Roles.Leader || instruction.ByUserId != user.UserId()) return Outcome.Forbidden;
        if (instruction.ClosedAt is not null) return Outcome.Conflict("Followups.Error.Closed");
        instruction.ClosedAt = clock.GetUtcNow().UtcDateTime;
        instruction.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(instruction);
    }

    public static string LinkOf(Instruction i) => i.TaskId is { } t ? TaskLink(t) : TargetLink(i.TargetId ?? 0);

    private static Outcome? Validate(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? Outcome.Invalid(field, "Followups.Error.Reply")
        : text.Trim().Length > MaxText ? Outcome.Invalid(field, "Followups.Error.TooLong") : null;

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
