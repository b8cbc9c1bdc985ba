using Fip.Web.Features.Accounts;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Supervision;

public sealed record UnitDto(string Key, string Name, string? Role);
public sealed record MilestoneDto(int Id, string Title, DateOnly DueDate, DateOnly? DoneOn);
public sealed record ReporterDto(string Unit, string Name, string? Role, decimal? LatestPercent, string? LatestStatus, IReadOnlyList<string> OverduePeriods);
public sealed record OutcomeDto(int TargetId, string Indicator, int? Year, decimal? Value, decimal? Target, string Unit, string Status);
public sealed record TaskDto(
    int Id, int? ParentId, string Level, string Number, string Title, string Description, int Depth, bool IsLeaf, decimal Progress, string Light,
    IReadOnlyList<string> Reasons, IReadOnlyList<UnitDto> Leads, IReadOnlyList<UnitDto> CoUnits, IReadOnlyList<UnitDto> Districts,
    string Cycle, DateOnly StartDate, DateOnly? Deadline, decimal Weight, IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<int> TargetIds, string Version);
public sealed record TaskDetailDto(TaskDto Task, IReadOnlyList<ReporterDto> Reporters, IReadOnlyList<OutcomeDto> Outcomes, IReadOnlyList<ReportDto> Reports);
public sealed record AttachmentDto(long Id, string FileName, string ContentType, long Size, DateTime UploadedAt, string UploadedBy);
public sealed record ReportEventDto(DateTime At, string By, string Action, decimal Percent, string? Comment);
public sealed record ReportDto(
    long Id, int TaskId, string Period, string UnitKey, string? Unit, DateOnly DueDate, decimal Percent, string Status, string Done, string? Problems,
    string? NextSteps, string State, DateTime? FirstSubmittedAt, DateTime? SubmittedAt, string? SubmittedBy, DateTime? ReviewedAt, string? ReviewedBy,
    string? ReviewComment, string Version, IReadOnlyList<AttachmentDto> Attachments, IReadOnlyList<ReportEventDto> Events);
public sealed record ReportBody(string? Period, string? UnitKey, decimal? Percent, ReportStatus? Status, string? Done, string? Problems, string? NextSteps, string? Version, bool Submit);
public sealed record ReviewBody(bool Approve, string? Comment, string? Version);

public static class SupervisionApi
{
    public static TaskDto ToDto(TaskNode n) => new(
        n.Task.Id, n.Task.ParentId, n.Task.Level.ToString(), n.Task.Number, Display.Name(n.Task.Title, n.Task.TitleEn), n.Task.Description, n.Depth, n.IsLeaf,
        n.Progress, n.Light.ToString(), [.. n.Reasons.Select(r => r.ToString())],
        [.. n.Leads.Select(u => new UnitDto(u.Key, u.Name, "Lead"))], [.. n.CoUnits.Select(u => new UnitDto(u.Key, u.Name, "Co"))],
        [.. n.DistrictUnits.Select(u => new UnitDto(u.Key, u.Name, null))], n.Task.Cycle.ToString(), n.Task.StartDate, n.Task.Deadline, n.Task.Weight,
        [.. n.Task.Milestones.OrderBy(m => m.DueDate).Select(m => new MilestoneDto(m.Id, m.Title, m.DueDate, m.DoneOn))],
        [.. n.Task.Targets.Select(t => t.TargetId)], n.Task.Version);

    public static ReportDto ToDto(ProgressReport r) => new(
        r.Id, r.TaskId, r.Period, r.UnitKey, r.Department?.Name ?? r.District?.ShortName, r.DueDate, r.Percent, r.Status.ToString(), r.Done, r.Problems, r.NextSteps,
        r.State.ToString(), r.FirstSubmittedAt, r.SubmittedAt, r.SubmittedBy, r.ReviewedAt, r.ReviewedBy, r.ReviewComment, r.Version,
        [.. r.Attachments.OrderBy(a => a.Id).Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedBy))],
        [.. r.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ReportEventDto(e.At, e.By, e.Action.ToString(), e.Percent, e.Comment))]);

    /// <summary>The targets a task serves, with their live value and status (the outcome beside the task's own progress).</summary>
    public static async Task<IReadOnlyList<OutcomeDto>> OutcomesAsync(TaskNode node, GoalService goals, CancellationToken ct)
    {
        if (node.Task.Targets.Count == 0) return [];
        var ids = node.Task.Targets.Select(t => t.TargetId).ToHashSet();
        return [.. (await goals.CardsAsync(ct)).Where(c => ids.Contains(c.TargetId))
            .Select(c => new OutcomeDto(c.TargetId, c.Title, c.Year, c.Value, c.TargetValue, c.Unit, c.Status.ToString()))];
    }

    public static IResult Problem(ReportOutcome outcome, IReadOnlyDictionary<string, string>? errors, IStringLocalizer l) => outcome switch
    {
        ReportOutcome.NotFound => Results.NotFound(),
        ReportOutcome.Forbidden => Results.Problem(l["Problem.403"], statusCode: StatusCodes.Status403Forbidden),
        ReportOutcome.Stale => Results.Problem(l["Error.Stale"], statusCode: StatusCodes.Status409Conflict),
        ReportOutcome.InvalidState => Results.Problem(l["Supervision.Error.State"], statusCode: StatusCodes.Status409Conflict),
        _ => Results.ValidationProblem((errors ?? new Dictionary<string, string>()).ToDictionary(e => e.Key, e => new[] { l[e.Value].Value }), title: l["Problem.400"]),
    };

    private static string? IfMatch(HttpRequest request, string? body) =>
        request.Headers.IfMatch.ToString().Trim('"') is { Length: > 0 } tag ? tag : body;

    public static RouteGroupBuilder MapSupervisionApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/supervision").WithTags("Supervision");

        g.MapGet("/tasks", async (SupervisionBoard boards, HttpContext http, string? light, bool? mine, CancellationToken ct) =>
            {
                var board = await boards.LoadAsync(ct: ct);
                if (board is null) return Results.Ok(Array.Empty<TaskDto>());
                var unit = UnitRef.KeyOf(http.User);
                var nodes = board.All.Where(n => ReportService.CanSee(http.User, n));
                if (Enum.TryParse<Exports.TaskLight>(light, out var l)) nodes = nodes.Where(n => n.Light == l);
                if (mine == true && unit is not null) nodes = nodes.Where(n => n.Reporters.Any(r => r.Unit.Key == unit));
                return Results.Ok(nodes.Select(ToDto).ToList());
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("ListTasks").WithSummary("The supervision tasks the caller may see (admins and leaders: all; departments and districts: the tasks naming them), in tree order, with rolled-up progress and colour (Green 按计划, Yellow 滞后, Red 逾期, Done 已完成). `mine=true`: only those the caller reports on.");

        g.MapGet("/tasks/{id:int}", async (int id, ReportService reports, GoalService goals, HttpContext http, Data.FipDbContext db, CancellationToken ct) =>
            {
                var (board, node) = await reports.VisibleTaskAsync(id, http.User, ct);
                if (node is null) return Results.NotFound();
                var rows = await ReportsOfAsync(db, id, ct);
                return Results.Ok(new TaskDetailDto(ToDto(node),
                    [.. node.Reporters.Select(r => new ReporterDto(r.Unit.Key, r.Unit.Name, r.Role?.ToString(), r.Latest?.Percent, r.Latest?.Status.ToString(),
                        [.. r.Obligations.Where(o => o.IsOverdue(board!.AsOf)).Select(o => o.Period.Key)]))],
                    await OutcomesAsync(node, goals, ct), [.. rows.Select(ToDto)]));
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("GetTask").WithSummary("A task with its reporters (latest report, overdue periods), the targets it serves with their live values, and its reports.");

        g.MapPost("/tasks", async (TaskInput body, TaskAdmin admin, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var result = await admin.CreateAsync(body, ct);
                if (result.Outcome != ReportOutcome.Ok) return Problem(result.Outcome, result.Errors, l);
                var (_, node) = await reports.VisibleTaskAsync(result.Task!.Id, http.User, ct);
                return Results.Created($"/api/v1/supervision/tasks/{result.Task.Id}", ToDto(node!));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateTask").WithSummary("Creates a task (admins). Under a parent, units, districts and cycle are inherited when left out.");

        g.MapPut("/tasks/{id:int}", async (int id, TaskInput body, TaskAdmin admin, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var result = await admin.UpdateAsync(id, body with { Version = IfMatch(http.Request, body.Version) }, ct);
                if (result.Outcome != ReportOutcome.Ok) return Problem(result.Outcome, result.Errors, l);
                var (_, node) = await reports.VisibleTaskAsync(id, http.User, ct);
                return Results.Ok(ToDto(node!));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("UpdateTask").WithSummary("Changes a task (admins); fields left out stay. Send the version read (If-Match or \"version\"): a stale one gets 409.");

        g.MapDelete("/tasks/{id:int}", async (int id, TaskAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var result = await admin.DeleteAsync(id, IfMatch(http.Request, null), ct);
                return result.Outcome == ReportOutcome.Ok ? Results.NoContent() : Problem(result.Outcome, result.Errors, l);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("DeleteTask").WithSummary("Removes a task without live sub-tasks (admins); its reports and history stay.");

        g.MapPost("/tasks/{id:int}/reports", async (int id, ReportBody body, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var input = new ReportInput(body.Period, body.UnitKey ?? UnitRef.KeyOf(http.User), body.Percent, body.Status, body.Done, body.Problems, body.NextSteps, body.Version);
                var result = await reports.SaveAsync(id, input, body.Submit, http.User, ct);
                if (result.Outcome != ReportOutcome.Ok) return Problem(result.Outcome, result.Errors, l);
                var (report, _) = await reports.VisibleReportAsync(result.Report!.Id, http.User, ct);
                return Results.Ok(ToDto(report!));
            })
            .RequireAuthorization(Policies.Responsible)
            .WithName("SaveReport").WithSummary("Saves (submit=false) or submits a unit's report on a task for a period (2026-11 or 2026-Q4). Departments report for their department, districts for their district; send the version of an existing report (409 when stale). A submitted or approved report cannot change; a returned one can.");

        g.MapGet("/reports/{id:long}", async (long id, ReportService reports, HttpContext http, CancellationToken ct) =>
            {
                var (report, _) = await reports.VisibleReportAsync(id, http.User, ct);
                return report is null ? Results.NotFound() : Results.Ok(ToDto(report));
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("GetReport").WithSummary("A report with its evidence and its history of submissions and reviews.");

        g.MapPost("/reports/{id:long}/review", async (long id, ReviewBody body, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var result = await reports.ReviewAsync(id, body.Approve, body.Comment, IfMatch(http.Request, body.Version), http.User, ct);
                if (result.Outcome != ReportOutcome.Ok) return Problem(result.Outcome, result.Errors, l);
                var (report, _) = await reports.VisibleReportAsync(id, http.User, ct);
                return Results.Ok(ToDto(report!));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ReviewReport").WithSummary("The task force approves a submitted report, or returns it with a comment.");

        g.MapPost("/reports/{id:long}/attachments", async (long id, IFormFile? file, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (file is null) return Problem(ReportOutcome.Invalid, new Dictionary<string, string> { ["file"] = "Supervision.Error.FileEmpty" }, l);
                if (file.Length > EvidenceTypes.MaxBytes) return Problem(ReportOutcome.Invalid, new Dictionary<string, string> { ["file"] = "Supervision.Error.FileTooLarge" }, l);
                await using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var (result, attachment) = await reports.AttachAsync(id, file.FileName, buffer, http.User, ct);
                if (result.Outcome != ReportOutcome.Ok) return Problem(result.Outcome, result.Errors, l);
                return Results.Ok(new AttachmentDto(attachment!.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.UploadedAt, attachment.UploadedBy));
            })
            .DisableAntiforgery()
            .RequireAuthorization(Policies.Responsible)
            .WithName("AttachEvidence").WithSummary("Adds evidence to a draft or returned report (multipart field `file`): PDF, images, Office files, ≤ 20 MB, type checked by content.");

        g.MapGet("/attachments/{id:long}", async (long id, ReportService reports, HttpContext http, CancellationToken ct) =>
            {
                var found = await reports.DownloadAsync(id, http.User, ct);
                return found is { } f ? Results.File(f.Content, f.Attachment.ContentType, f.Attachment.FileName) : Results.NotFound();
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("DownloadEvidence").WithSummary("Downloads evidence, for people who may see the report's task.");

        g.MapDelete("/attachments/{id:long}", async (long id, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var outcome = await reports.DetachAsync(id, http.User, ct);
                return outcome == ReportOutcome.Ok ? Results.NoContent() : Problem(outcome, null, l);
            })
            .RequireAuthorization(Policies.Responsible)
            .WithName("RemoveEvidence").WithSummary("Removes evidence from a draft or returned report of the caller's unit.");

        g.MapGet("/scorecard", async (string? period, Scorecards scorecards, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var p = scorecards.DefaultPeriod();
                if (period is not null && !ReportingPeriod.TryParse(period, out p))
                    return Problem(ReportOutcome.Invalid, new Dictionary<string, string> { ["period"] = "Supervision.Error.ScorecardPeriod" }, l);
                var card = await scorecards.ComputeAsync(p, ct);
                return card is null ? Results.NotFound() : Results.Ok(new
                {
                    period = card.Period.Key, asOf = card.AsOf,
                    departments = card.Departments.Select(ScoreDto), districts = card.Districts.Select(ScoreDto),
                });
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Scorecard").WithSummary("Scores per department and per district for a month (2026-10) or a quarter (2026-Q3), ranked, with the reports and tasks behind each figure.");

        g.MapPost("/evaluate", async (SupervisionAlertRules rules, CancellationToken ct) => Results.Ok(new { raised = await rules.EvaluateAsync(null, ct) }))
            .RequireAuthorization(Policies.Admin)
            .WithName("EvaluateSupervisionRules").WithSummary("Runs the supervision warning rules now (admins); the background job runs them hourly.");
        return api;
    }

    private static object ScoreDto(ScoreRow r) => new
    {
        unit = r.Unit.Key, name = r.Unit.Name, r.Rank, r.Score, r.ReportsDue, r.ReportsOnTime, r.Tasks, r.TasksOnPlan, r.Overdue, r.AverageProgress,
        reports = r.Reports.Select(x => new { x.TaskId, x.Task, period = x.Period.Key, x.Due, x.SubmittedOn, x.OnTime }),
        taskRows = r.TaskRows.Select(x => new { x.TaskId, x.Task, light = x.Light.ToString(), x.OwnProgress }),
    };

    public static Task<List<ProgressReport>> ReportsOfAsync(Data.FipDbContext db, int taskId, CancellationToken ct) =>
        db.ProgressReports.AsNoTracking().Include(r => r.Attachments).Include(r => r.Department).Include(r => r.District)
            .Where(r => r.TaskId == taskId).OrderByDescending(r => r.Period).ThenBy(r => r.UnitKey).ToListAsync(ct);
}
