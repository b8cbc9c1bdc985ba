using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Supervision;

/// <summary>What a unit types into a report (only what changed since the previous one, which prefills the form).</summary>
public sealed record ReportInput(string? Period, string? UnitKey, decimal? Percent, ReportStatus? Status, string? Done, string? Problems,
    string? NextSteps, string? Version);


/// <summary>
/// Files, submits and reviews progress reports (进展报送), with their evidence. Who may act is decided by the central scope rules:
/// a report belongs to its unit (<see cref="IScopedResource"/>), a task to the units named on it (<see cref="IJointlyOwned"/>).
/// </summary>
public sealed class ReportService(FipDbContext db, SupervisionBoard boards, AttachmentStore store, SupervisionAlertRules rules,
    Messenger messenger, TimeProvider clock)
{
    /// <summary>The task a user may see, with its evaluated state; null when it does not exist or is not theirs to see.</summary>
    public async Task<(Board? Board, TaskNode? Node)> VisibleTaskAsync(int taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        var board = await boards.LoadAsync(ct: ct);
        var node = board?.Find(taskId);
        return node is not null && CanSee(user, node) ? (board, node) : (board, null);
    }

    /// <summary>How many days after its due date a report was first submitted (or, unsubmitted, is by <paramref name="today"/>);
    /// null when on time.</summary>
    public static int? DaysLate(ProgressReport report, DateOnly today)
    {
        var filed = report.FirstSubmittedAt is { } at ? DateOnly.FromDateTime(Display.ToShanghai(at)) : today;
        var days = filed.DayNumber - report.DueDate.DayNumber;
        return days > 0 ? days : null;
    }

    /// <summary>A submitted or approved report (or one not awaiting review) cannot take this change.</summary>
    private static Outcome StateForbids => Outcome.Conflict("Supervision.Error.State");

    public static bool CanSee(ClaimsPrincipal user, TaskNode node) =>
        ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Read, node.Audience);

    /// <summary>The units the user may file reports for on this task: their own unit when it reports on it; every reporter for an
    /// admin.</summary>
    public static IReadOnlyList<UnitRef> UnitsFor(ClaimsPrincipal user, TaskNode node)
    {
        if (!node.IsLeaf) return [];
        // A group named on the task (专班成员单位) files through its member departments.
        var all = node.Departments.Concat(node.DistrictUnits).ToList();
        return [.. all.Where(u => ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write,
            new ProgressReport { DepartmentId = u.IsDistrict ? null : u.Id, DistrictId = u.IsDistrict ? u.Id : null }))];
    }

    /// <summary>The report of a unit for a period, or a new one started from the unit's previous report (report once).</summary>
    public async Task<ProgressReport> DraftAsync(TaskNode node, UnitRef unit, ReportingPeriod period, CancellationToken ct)
    {
        var existing = await db.ProgressReports.AsNoTracking().Include(r => r.Attachments).Include(r => r.Events)
            .FirstOrDefaultAsync(r => r.TaskId == node.Task.Id && r.Period == period.Key && r.UnitKey == unit.Key, ct);
        if (existing is not null) return existing;
        var previous = await PreviousAsync(node.Task.Id, unit.Key, period, ct);
        return new ProgressReport
        {
            TaskId = node.Task.Id,
            Period = period.Key,
            UnitKey = unit.Key,
            DepartmentId = unit.IsDistrict ? null : unit.Id,
            DistrictId = unit.IsDistrict ? unit.Id : null,
            DueDate = period.Due(boards.DueDays),
            State = ReportState.Draft,
            Version = "",
            Percent = previous?.Percent ?? 0,
            Status = previous?.Status ?? ReportStatus.OnPlan,
            Done = previous?.Done ?? "",
            Problems = previous?.Problems,
            NextSteps = previous?.NextSteps,
        };
    }

    /// <summary>The unit's latest report on the task for an earlier period.</summary>
    public async Task<ProgressReport?> PreviousAsync(int taskId, string unitKey, ReportingPeriod period, CancellationToken ct)
    {
        var reports = await db.ProgressReports
            .AsNoTracking()
            .Where(r => r.TaskId == taskId && r.UnitKey == unitKey && r.State != ReportState.Draft)
            .ToListAsync(ct);
        return reports.Select(r => (Report: r, Ok: ReportingPeriod.TryParse(r.Period, out var p), Period: p))
            .Where(x => x.Ok && x.Period.Start < period.Start)
            .OrderByDescending(x => x.Period.Start)
            .Select(x => x.Report)
            .FirstOrDefault();
    }

    /// <summary>The periods a unit may report for: from the task's start to the current one (not after the deadline).</summary>
    public IReadOnlyList<ReportingPeriod> Periods(TaskNode node) =>
        [.. SupervisionRules.Periods(node.Task.Cycle, node.Task.StartDate, node.Task.Deadline, boards.Today).Reverse()];

    /// <summary>Saves (as a draft) or submits a unit's report for a period. A submitted or approved report cannot change; a stale form is
    /// refused.</summary>
    public async Task<Outcome<ProgressReport>> SaveAsync(int taskId, ReportInput input, bool submit, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var (_, node) = await VisibleTaskAsync(taskId, user, ct);
        if (node is null) return Outcome.NotFound;
        var unit = UnitsFor(user, node).FirstOrDefault(u => u.Key == input.UnitKey);
        if (unit is null) return Outcome.Forbidden;
        if (!ReportingPeriod.TryParse(input.Period, out var period) || !Periods(node).Contains(period))
            return Outcome.Invalid("period", "Supervision.Error.Period");
        var errors = Validate(input, submit);
        if (errors.Count > 0) return Outcome.Invalid(errors);

        var report =
            await db.ProgressReports.FirstOrDefaultAsync(r => r.TaskId == taskId && r.Period == period.Key && r.UnitKey == unit.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var isNew = report is null;
        if (report is null)
        {
            if (!string.IsNullOrEmpty(input.Version)) return Outcome.Stale;
            report = new ProgressReport
            {
                TaskId = taskId,
                Period = period.Key,
                UnitKey = unit.Key,
                DepartmentId = unit.IsDistrict ? null : unit.Id,
                DistrictId = unit.IsDistrict ? unit.Id : null,
                DueDate = period.Due(boards.DueDays),
                State = ReportState.Draft,
                CreatedAt = now,
            };
            db.ProgressReports.Add(report);
        }
        else
        {
            if (input.Version != report.Version) return Outcome.Stale;
            if (report.State is ReportState.Submitted or ReportState.Approved) return StateForbids;
        }
        report.Percent = input.Percent!.Value;
        report.Status = input.Status!.Value;
        report.Done = input.Done?.Trim() ?? "";
        report.Problems = Clean(input.Problems);
        report.NextSteps = Clean(input.NextSteps);
        report.UpdatedAt = now;
        report.Version = RecordVersions.New();
        var who = user.Identity?.Name ?? "?";
        if (submit)
        {
            report.State = ReportState.Submitted;
            report.SubmittedAt = now;
            report.SubmittedBy = who;
            report.FirstSubmittedAt ??= now;
        }
        report.Events.Add(
            new ReportEvent
            { At = now, By = who, Action = submit ? ReportAction.Submitted : ReportAction.Saved, Percent = report.Percent });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale;
        }
        catch (DbUpdateException) when (isNew)
        {
            // Two people started the same unit's report for the period at once: the unique index keeps the first.
            return Outcome.Stale;
        }
        // The unit's reminders and overdue warnings on the task follow at once (the hourly job would too).
        if (submit) await rules.EvaluateAsync(taskId, ct);
        return Outcome.Ok(report);
    }

    /// <summary>The task force approves a submitted report, or returns it with a comment (the unit edits and submits again).</summary>
    public async Task<Outcome<ProgressReport>> ReviewAsync(long reportId, bool approve, string? comment, string? version,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Role() != Roles.Admin) return Outcome.Forbidden;
        var report = await db.ProgressReports.FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null) return Outcome.NotFound;
        if (version is not null && version != report.Version) return Outcome.Stale;
        if (report.State != ReportState.Submitted) return StateForbids;
        if (!approve && string.IsNullOrWhiteSpace(comment)) return Outcome.Invalid("comment", "Supervision.Error.ReturnComment");
        var now = clock.GetUtcNow().UtcDateTime;
        report.State = approve ? ReportState.Approved : ReportState.Returned;
        report.ReviewedAt = now;
        report.ReviewedBy = user.Identity?.Name;
        report.ReviewComment = Clean(comment);
        report.Version = RecordVersions.New();
        db.ReportEvents.Add(
            new ReportEvent
            {
                ReportId = report.Id,
                At = now,
                By = report.ReviewedBy ?? "?",
                Action = approve ? ReportAction.Approved : ReportAction.Returned,
                Percent = report.Percent,
                Comment = report.ReviewComment
            });
        await NotifyReviewedAsync(report, approve, ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.Stale; }
        return Outcome.Ok(report);
    }

    /// <summary>The unit's users hear at once that their report was returned (with the comment) or approved, in the review's
    /// save.</summary>
    private async Task NotifyReviewedAsync(ProgressReport report, bool approve, CancellationToken ct)
    {
        var task = await db.SupervisionTasks.AsNoTracking().Where(t => t.Id == report.TaskId).Select(t => new { t.Title, t.TitleEn })
            .FirstAsync(ct);
        ReportingPeriod.TryParse(report.Period, out var period);
        var (zh, en) = ($"《{task.Title}》{period.Label(false)}", $"{task.TitleEn ?? task.Title}, {period.Label(true)}");
        var key = $"report:{report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{(approve ? "approved" : "returned")}:"
            + report.Version;
        var link = $"/Supervision/Report/{report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var e = approve
            ? new MessageEvent(key, MessageKind.ReportApproved, $"进展报告已审核通过：{zh}", $"Report approved: {en}",
                report.ReviewComment is { } c ? $"审核意见：{c}" : "专班已审核通过本期进展报告。",
                report.ReviewComment is { } ce ? $"Comment: {ce}" : "The task force approved the report.", link)
            : new MessageEvent(key, MessageKind.ReportReturned, $"进展报告被退回：{zh}", $"Report returned: {en}",
                $"退回意见：{report.ReviewComment}。请修改后重新报送。", $"Comment: {report.ReviewComment}. Please revise and resubmit.", link);
        await messenger.NotifyAsync(e, Recipients.Unit(report.DepartmentId, report.DistrictId), ct);
    }

    /// <summary>A report with its task, if the user may see the task.</summary>
    public async Task<(ProgressReport? Report, TaskNode? Node)> VisibleReportAsync(long reportId, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var report = await db.ProgressReports.AsNoTracking().Include(r => r.Attachments).Include(r => r.Events)
            .Include(r => r.Department).Include(r => r.District).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null) return (null, null);
        var (_, node) = await VisibleTaskAsync(report.TaskId, user, ct);
        return node is null ? (null, null) : (report, node);
    }

    /// <summary>Adds evidence to a report its unit may still change (draft or returned); the type is checked by content.</summary>
    public async Task<Outcome<ReportAttachment>> AttachAsync(long reportId, string fileName, Stream content, ClaimsPrincipal user,
        CancellationToken ct)
    {
        fileName = FileNames.Safe(fileName);
        var report = await db.ProgressReports.FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null) return Outcome.NotFound;
        var (_, node) = await VisibleTaskAsync(report.TaskId, user, ct);
        if (node is null) return Outcome.NotFound;
        if (!ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, report)) return Outcome.Forbidden;
        if (report.State is ReportState.Submitted or ReportState.Approved) return StateForbids;
        if (content.Length == 0) return Outcome.Invalid("file", "Supervision.Error.FileEmpty");
        if (content.Length > EvidenceTypes.MaxBytes) return Outcome.Invalid("file", "Supervision.Error.FileTooLarge");
        var type = EvidenceTypes.Detect(fileName, content);
        if (type is null) return Outcome.Invalid("file", "Supervision.Error.FileType");
        var (key, sha) = await store.SaveAsync(content, ct);
        var attachment = new ReportAttachment
        {
            ReportId = report.Id,
            FileName = fileName,
            ContentType = type,
            Size = content.Length,
            Sha256 = sha,
            StorageKey = key,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = user.Identity?.Name ?? "?",
        };
        db.ReportAttachments.Add(attachment);
        report.Version = RecordVersions.New();
        try { await db.SaveChangesAsync(ct); }
        catch { store.Delete(key); throw; }
        return Outcome.Ok(attachment);
    }

    /// <summary>Removes evidence from a report its unit may still change.</summary>
    public async Task<Outcome> DetachAsync(long attachmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        var attachment = await db.ReportAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null) return Outcome.NotFound;
        var report = await db.ProgressReports.FirstAsync(r => r.Id == attachment.ReportId, ct);
        var (_, node) = await VisibleTaskAsync(report.TaskId, user, ct);
        if (node is null) return Outcome.NotFound;
        if (!ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, report)) return Outcome.Forbidden;
        if (report.State is ReportState.Submitted or ReportState.Approved) return StateForbids;
        db.ReportAttachments.Remove(attachment);
        report.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        store.Delete(attachment.StorageKey);
        return Outcome.Success;
    }

    /// <summary>An attachment's bytes for a user who may see its task; null otherwise.</summary>
    public async Task<(ReportAttachment Attachment, Stream Content)?> DownloadAsync(long attachmentId, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var attachment = await db.ReportAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null) return null;
        var taskId = await db.ProgressReports.Where(r => r.Id == attachment.ReportId).Select(r => r.TaskId).FirstAsync(ct);
        var (_, node) = await VisibleTaskAsync(taskId, user, ct);
        if (node is null || store.Open(attachment.StorageKey) is not { } stream) return null;
        return (attachment, stream);
    }

    private static Dictionary<string, string> Validate(ReportInput input, bool submit)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Percent is not { } p || p < 0 || p > 100) errors["percent"] = "Supervision.Error.Percent";
        if (input.Status is null) errors["status"] = "Supervision.Error.Status";
        else if (input.Status == ReportStatus.Done && input.Percent is { } q && q < 100) errors["status"] =
            "Supervision.Error.DoneNeeds100";
        if (submit && string.IsNullOrWhiteSpace(input.Done)) errors["done"] = "Supervision.Error.DoneText";
        if ((input.Done?.Length ?? 0) > 4000 || (input.Problems?.Length ?? 0) > 4000 || (input.NextSteps?.Length ?? 0) > 4000)
            errors["done"] = "Supervision.Error.TooLong";
        if (submit && input.Status == ReportStatus.Lagging && string.IsNullOrWhiteSpace(input.Problems))
            errors["problems"] = "Supervision.Error.LaggingNeedsProblems";
        return errors;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

}
