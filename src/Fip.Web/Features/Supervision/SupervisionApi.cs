using Fip.Web.Features.Accounts;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Supervision;

public sealed record UnitDto(string Key, string Name, string? Role);
public sealed record MilestoneDto(int Id, string Title, DateOnly DueDate, DateOnly? DoneOn);
public sealed record ReporterDto(string Unit, string Name, string? Role, decimal? LatestPercent, string? LatestStatus,
    IReadOnlyList<string> OverduePeriods);
public sealed record OutcomeDto(int TargetId, string Indicator, int? Year, decimal? Value, decimal? Target, string Unit, string Status);
public sealed record TaskDto(
    int Id, int? ParentId, string Level, string Number, string Title, string Description, int Depth, bool IsLeaf, decimal Progress,
    decimal? ExpectedProgress, string Light,
    IReadOnlyList<string> Reasons, IReadOnlyList<UnitDto> Leads, IReadOnlyList<UnitDto> CoUnits, IReadOnlyList<UnitDto> Districts,
    string Cycle, DateOnly StartDate, DateOnly? Deadline, DateOnly? CompletedOn, decimal Weight, IReadOnlyList<MilestoneDto> Milestones,
    IReadOnlyList<int> TargetIds, string Version);
public sealed record TaskDetailDto(TaskDto Task, IReadOnlyList<ReporterDto> Reporters, IReadOnlyList<OutcomeDto> Outcomes,
    IReadOnlyList<ReportDto> Reports);
public sealed record AttachmentDto(long Id, string FileName, string ContentType, long Size, DateTime UploadedAt, string UploadedBy);
public sealed record ReportEventDto(DateTime At, string By, string Action, decimal Percent, string? Comment);
public sealed record ReportDto(
    long Id, int TaskId, string Period, string UnitKey, string? Unit, DateOnly DueDate, decimal Percent, string Status, string Done,
    string? Problems,
    string? NextSteps, string State, DateTime? FirstSubmittedAt, DateTime? SubmittedAt, string? SubmittedBy, DateTime? ReviewedAt,
    string? ReviewedBy,
    string? ReviewComment, string Version, IReadOnlyList<AttachmentDto> Attachments, IReadOnlyList<ReportEventDto> Events);
public sealed record ReportBody(string? Period, string? UnitKey, decimal? Percent, ReportStatus? Status, string? Done, string? Problems,
    string? NextSteps, string? Version, bool Submit);
public sealed record ReviewBody(bool Approve, string? Comment, string? Version);
public sealed record ScoredReportDto(int TaskId, string Task, string Period, DateOnly Due, DateOnly? SubmittedOn, bool OnTime,
    bool WasReturned);
public sealed record ScoredTaskDto(int TaskId, string Task, string Light, decimal OwnProgress, decimal? Expected);
/// <summary>A rated unit: its score (timeliness + quality + progress points, see the stated rule) and the records behind it.</summary>
public sealed record ScoreRowDto(
    string Unit, string Name, int Rank, decimal Score, decimal TimelinessPoints, decimal QualityPoints, decimal ProgressPoints,
    int ReportsDue, int ReportsOnTime, int ReportsLate, int ReportsMissing, int ReportsReturned, int Tasks, int Overdue,
    decimal AverageProgress, IReadOnlyList<ScoredReportDto> Reports, IReadOnlyList<ScoredTaskDto> TaskRows);
/// <summary>A unit not rated (不参评) for the period, and why (NothingDue: no report was due from it).</summary>
public sealed record NotRatedDto(string Unit, string Name, int Tasks, string Reason);
public sealed record ScorecardDto(string Period, DateOnly AsOf, IReadOnlyList<ScoreRowDto> Departments,
    IReadOnlyList<ScoreRowDto> Districts, IReadOnlyList<NotRatedDto> NotRatedDepartments, IReadOnlyList<NotRatedDto> NotRatedDistricts);
/// <summary>How many warnings a run of the rules raised.</summary>
public sealed record RaisedDto(int Raised);
/// <summary>Filters of the task list: <c>light</c> (Green, Yellow, Red, Done) and <c>mine=true</c> for the tasks the caller reports
/// on.</summary>
public sealed record TaskFilter(string? Light, bool? Mine);

/// <summary>督办 under /api/v1/supervision: tasks (admins write), progress reports with evidence, reviews and scorecards.</summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/supervision").WithTags("Supervision");

        g.MapGet("/tasks", ListTasksAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListTasks")
            .WithSummary("The supervision tasks the caller may see (admins and leaders: all; departments and districts: the tasks naming " +
                "them), in tree order, with rolled-up progress and colour (Green 按计划, Yellow 滞后, Red 逾期, Done 已完成). `mine=true`: only " +
                "those the caller reports on.");
        g.MapGet("/tasks/{id:int}", GetTaskAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetTask")
            .WithSummary("A task with its reporters (latest report, overdue periods), the targets it serves with their live values, and " +
                "its reports.");
        g.MapPost("/tasks", CreateTaskAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("CreateTask")
            .WithSummary("Creates a task (admins). Under a parent, units, districts and cycle are inherited when left out.");
        g.MapPut("/tasks/{id:int}", UpdateTaskAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("UpdateTask")
            .WithSummary("Changes a task (admins); fields left out stay. Send the version read (If-Match or \"version\"): a stale one " +
                "gets 409.");
        g.MapDelete("/tasks/{id:int}", DeleteTaskAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("DeleteTask")
            .WithSummary("Removes a task without live sub-tasks (admins); its reports and history stay. With If-Match, a stale version " +
                "gets 409.");
        g.MapPost("/tasks/{id:int}/reports", SaveReportAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("SaveReport")
            .WithSummary("Saves (submit=false) or submits a unit's report on a task for a period (2026-11 or 2026-Q4). Departments " +
                "report for their department, districts for their district; send the version of an existing report (If-Match or " +
                "\"version\"; 409 when stale). A submitted or approved report cannot change (409); a returned one can.");
        g.MapGet("/reports/{id:long}", GetReportAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetReport").WithSummary("A report with its evidence and its history of submissions and reviews.");
        g.MapPost("/reports/{id:long}/review", ReviewReportAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("ReviewReport")
            .WithSummary("The task force approves a submitted report, or returns it with a comment. Send the version read (If-Match or " +
                "\"version\").");
        g.MapPost("/reports/{id:long}/attachments", AttachEvidenceAsync)
            .DisableAntiforgery()
            .RequireAuthorization(Policies.Responsible)
            .ProducesOutcomeProblems()
            .WithName("AttachEvidence")
            .WithSummary("Adds evidence to a draft or returned report (multipart field `file`): PDF, images, Office files, ≤ 20 MB, type " +
                "checked by content.");
        g.MapGet("/attachments/{id:long}", DownloadEvidenceAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .WithName("DownloadEvidence").WithSummary("Downloads evidence, for people who may see the report's task.");
        g.MapDelete("/attachments/{id:long}", RemoveEvidenceAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("RemoveEvidence").WithSummary("Removes evidence from a draft or returned report of the caller's unit.");
        g.MapGet("/scorecard", ScorecardAsync)
            .ProducesNotFound()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Policies.Staff)
            .WithName("Scorecard")
            .WithSummary("Scores per department and per district for a month (2026-10) or a quarter (2026-Q3), ranked, with the reports " +
                "and tasks behind each figure.");
        g.MapPost("/evaluate", EvaluateAsync).RequireAuthorization(Policies.Admin)
            .WithName("EvaluateSupervisionRules")
            .WithSummary("Runs the supervision warning rules now (admins); the background job runs them hourly.");
        return api;
    }

    public static async Task<Ok<List<TaskDto>>> ListTasksAsync([AsParameters] TaskFilter filter, SupervisionBoard boards, HttpContext http,
        CancellationToken ct)
    {
        var board = await boards.LoadAsync(ct: ct);
        if (board is null) return TypedResults.Ok(new List<TaskDto>());
        var unit = UnitRef.KeyOf(http.User);
        var nodes = board.All.Where(n => ReportService.CanSee(http.User, n));
        if (Enum.TryParse<Exports.TaskLight>(filter.Light, out var light)) nodes = nodes.Where(n => n.Light == light);
        if (filter.Mine == true && unit is not null) nodes = nodes.Where(n => n.Reporters.Any(r => r.Unit.Key == unit));
        return TypedResults.Ok(nodes.Select(ToDto).ToList());
    }

    public static async Task<Results<Ok<TaskDetailDto>, ProblemHttpResult>> GetTaskAsync(int id, ReportService reports, GoalService goals,
        HttpContext http, Data.FipDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (board, node) = await reports.VisibleTaskAsync(id, http.User, ct);
        if (node is null) return ApiHttp.NotFound(l);
        var rows = await ReportsOfAsync(db, id, ct);
        return TypedResults.Ok(new TaskDetailDto(ToDto(node),
            [.. node.Reporters.Select(r =>
                new ReporterDto(r.Unit.Key, r.Unit.Name, r.Role?.ToString(), r.Latest?.Percent, r.Latest?.Status.ToString(),
                [.. r.Obligations.Where(o => o.IsOverdue(board!.AsOf)).Select(o => o.Period.Key)]))],
            await OutcomesAsync(node, goals, ct), [.. rows.Select(ToDto)]));
    }

    public static async Task<Results<Created<TaskDto>, ProblemHttpResult>> CreateTaskAsync(TaskInput body, TaskAdmin admin,
        ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await admin.CreateAsync(body, ct);
        if (result.Problem(l) is { } problem) return problem;
        var (_, node) = await reports.VisibleTaskAsync(result.Value!.Id, http.User, ct);
        return TypedResults.Created($"/api/v1/supervision/tasks/{result.Value.Id}", ToDto(node!));
    }

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> UpdateTaskAsync(int id, TaskInput body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, TaskAdmin admin, ReportService reports, HttpContext http,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await admin.UpdateAsync(id, body with { Version = IfMatch.Version(ifMatch, body.Version) }, ct);
        if (result.Problem(l) is { } problem) return problem;
        var (_, node) = await reports.VisibleTaskAsync(id, http.User, ct);
        return TypedResults.Ok(ToDto(node!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTaskAsync(int id,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, TaskAdmin admin, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await admin.DeleteAsync(id, IfMatch.Version(ifMatch, null), ct)).ToHttp(l, _ => TypedResults.NoContent());

    public static async Task<Results<Ok<ReportDto>, ProblemHttpResult>> SaveReportAsync(int id, ReportBody body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var input = new ReportInput(body.Period, body.UnitKey ?? UnitRef.KeyOf(http.User), body.Percent, body.Status, body.Done,
            body.Problems, body.NextSteps, IfMatch.Version(ifMatch, body.Version));
        var result = await reports.SaveAsync(id, input, body.Submit, http.User, ct);
        if (result.Problem(l) is { } problem) return problem;
        var (report, _) = await reports.VisibleReportAsync(result.Value!.Id, http.User, ct);
        return TypedResults.Ok(ToDto(report!));
    }

    public static async Task<Results<Ok<ReportDto>, ProblemHttpResult>> GetReportAsync(long id, ReportService reports, HttpContext http,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (report, _) = await reports.VisibleReportAsync(id, http.User, ct);
        return report is null ? ApiHttp.NotFound(l) : TypedResults.Ok(ToDto(report));
    }

    public static async Task<Results<Ok<ReportDto>, ProblemHttpResult>> ReviewReportAsync(long id, ReviewBody body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var result = await reports.ReviewAsync(id, body.Approve, body.Comment, IfMatch.Version(ifMatch, body.Version), http.User, ct);
        if (result.Problem(l) is { } problem) return problem;
        var (report, _) = await reports.VisibleReportAsync(id, http.User, ct);
        return TypedResults.Ok(ToDto(report!));
    }

    public static async Task<Results<Ok<AttachmentDto>, ProblemHttpResult>> AttachEvidenceAsync(long id, IFormFile? file,
        ReportService reports, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (file is null) return Outcome.Invalid("file", "Supervision.Error.FileEmpty").AsProblem(l);
        if (file.Length > EvidenceTypes.MaxBytes) return Outcome.Invalid("file", "Supervision.Error.FileTooLarge").AsProblem(l);
        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return (await reports.AttachAsync(id, file.FileName, buffer, http.User, ct)).ToHttp(l, a => TypedResults.Ok(ToDto(a)));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadEvidenceAsync(long id, ReportService reports,
        HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await reports.DownloadAsync(id, http.User, ct) is { } f
            ? TypedResults.File(f.Content, f.Attachment.ContentType, f.Attachment.FileName)
            : ApiHttp.NotFound(l);

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveEvidenceAsync(long id, ReportService reports, HttpContext http,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await reports.DetachAsync(id, http.User, ct)).ToHttp(l, TypedResults.NoContent);

    public static async Task<Results<Ok<ScorecardDto>, ProblemHttpResult>> ScorecardAsync(string? period, Scorecards scorecards,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var p = scorecards.DefaultPeriod();
        if (period is not null && !ReportingPeriod.TryParse(period, out p))
            return Outcome.Invalid("period", "Supervision.Error.ScorecardPeriod").AsProblem(l);
        var card = await scorecards.ComputeAsync(p, ct);
        return card is null
            ? ApiHttp.NotFound(l)
            : TypedResults.Ok(
                new ScorecardDto(card.Period.Key, card.AsOf, [.. card.Departments.Select(ToDto)], [.. card.Districts.Select(ToDto)],
                    [.. card.NotRatedDepartments.Select(ToDto)], [.. card.NotRatedDistricts.Select(ToDto)]));
    }

    public static async Task<Ok<RaisedDto>> EvaluateAsync(SupervisionAlertRules rules, CancellationToken ct) =>
        TypedResults.Ok(new RaisedDto(await rules.EvaluateAsync(null, ct)));

    public static TaskDto ToDto(TaskNode n) => new(
        n.Task.Id, n.Task.ParentId, n.Task.Level.ToString(), n.Task.Number, Display.Name(n.Task.Title, n.Task.TitleEn), n.Task.Description,
        n.Depth, n.IsLeaf,
        n.Progress, n.Expected, n.Light.ToString(), [.. n.Reasons.Select(r => r.ToString())],
        [.. n.Leads.Select(u => new UnitDto(u.Key, u.Name, "Lead"))], [.. n.CoUnits.Select(u => new UnitDto(u.Key, u.Name, "Co"))],
        [.. n.DistrictUnits.Select(u => new UnitDto(u.Key, u.Name, null))], n.Task.Cycle.ToString(), n.Task.StartDate, n.Task.Deadline,
        n.Task.CompletedOn,
        n.Task.Weight,
        [.. n.Task.Milestones.OrderBy(m => m.DueDate).Select(m => new MilestoneDto(m.Id, m.Title, m.DueDate, m.DoneOn))],
        [.. n.Task.Targets.Select(t => t.TargetId)], n.Task.Version);

    public static ReportDto ToDto(ProgressReport r) => new(
        r.Id, r.TaskId, r.Period, r.UnitKey, r.Department?.Name ?? r.District?.ShortName, r.DueDate, r.Percent, r.Status.ToString(), r.Done,
        r.Problems, r.NextSteps,
        r.State.ToString(), r.FirstSubmittedAt, r.SubmittedAt, r.SubmittedBy, r.ReviewedAt, r.ReviewedBy, r.ReviewComment, r.Version,
        [.. r.Attachments
            .OrderBy(a => a.Id)
            .Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedBy))],
        [.. r.Events
            .OrderBy(e => e.At)
            .ThenBy(e => e.Id)
            .Select(e => new ReportEventDto(e.At, e.By, e.Action.ToString(), e.Percent, e.Comment))]);

    /// <summary>The targets a task serves, with their live value and status (the outcome beside the task's own progress).</summary>
    public static async Task<IReadOnlyList<OutcomeDto>> OutcomesAsync(TaskNode node, GoalService goals, CancellationToken ct)
    {
        if (node.Task.Targets.Count == 0) return [];
        var ids = node.Task.Targets.Select(t => t.TargetId).ToHashSet();
        return [.. (await goals.CardsAsync(ct)).Where(c => ids.Contains(c.TargetId))
            .Select(c => new OutcomeDto(c.TargetId, c.Title, c.Year, c.Value, c.TargetValue, c.Unit, c.Status.ToString()))];
    }

    public static AttachmentDto ToDto(ReportAttachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedBy);

    public static ScoreRowDto ToDto(ScoreRow r) => new(
        r.Unit.Key, r.Unit.Name, r.Rank, r.Score, r.Parts.Timeliness, r.Parts.Quality, r.Parts.Progress, r.ReportsDue, r.ReportsOnTime,
        r.ReportsLate, r.ReportsMissing, r.ReportsReturned, r.Tasks, r.Overdue, r.AverageProgress,
        [.. r.Reports.Select(x => new ScoredReportDto(x.TaskId, x.Task, x.Period.Key, x.Due, x.SubmittedOn, x.OnTime, x.WasReturned))],
        [.. r.TaskRows.Select(x => new ScoredTaskDto(x.TaskId, x.Task, x.Light.ToString(), x.OwnProgress, x.Expected))]);

    public static NotRatedDto ToDto(NotRatedRow r) => new(r.Unit.Key, r.Unit.Name, r.Tasks, r.Reason.ToString());

    public static Task<List<ProgressReport>> ReportsOfAsync(Data.FipDbContext db, int taskId, CancellationToken ct) =>
        db.ProgressReports.AsNoTracking().Include(r => r.Attachments).Include(r => r.Department).Include(r => r.District)
            .Where(r => r.TaskId == taskId).OrderByDescending(r => r.Period).ThenBy(r => r.UnitKey).ToListAsync(ct);
}
