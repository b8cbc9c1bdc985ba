using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Portal;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Scenarios;

public sealed record CallDto(int Id, int NeedId, string Title, DateTime Deadline, IReadOnlyList<CriterionInput> Criteria, string State,
    int? AwardedApplicationId, string? AwardedTo, DateTime? AwardedAt, string? AwardNote, int? InstitutionId, string Version);

public sealed record ApplicationDto(int Id, int CallId, string EnterpriseUscc, string EnterpriseName, string Proposal, string? FileName,
    DateTime SubmittedAt);

public sealed record CallDetailDto(CallDto Call, IReadOnlyList<ApplicationDto> Applications, IReadOnlyList<RankedApplication>? Ranking);

public sealed record ScoreDto(int ApplicationId, int ExpertId, IReadOnlyList<decimal> Scores);

public sealed record AwardInput(int ApplicationId, string? Note, string? Version);

public sealed record ProjectDto(int Id, string Name, int NeedId, int? CapabilityId, int? CallId, int RegistryScenarioId, string Stage,
    int? TrackId, int DistrictId, DateOnly StartedOn, DateOnly StageSince, DateTime LastUpdateAt, int Contracts, decimal ContractAmount,
    int Users, int Sites, string Version);

public sealed record ProjectUpdateDto(DateOnly On, string From, string To, string? Reason, string Evidence, DateTime At);

public sealed record ProjectDetailDto(ProjectDto Project, IReadOnlyList<ProjectUpdateDto> Updates);

public sealed record ConflictDto(string EnterpriseUscc, string EnterpriseName, string Reason);

/// <summary>An expert of the pool; <see cref="Phone"/> is masked unless the caller keeps the pool.</summary>
public sealed record ExpertDto(int Id, string Name, string Organisation, string Title, IReadOnlyList<string> Fields,
    IReadOnlyList<int> Tracks, string? Phone, bool Active, int CallsScored, IReadOnlyList<ConflictDto> Conflicts, string Version);

public sealed record ExpertActiveInput(bool Active, string? Version);

public sealed record InstitutionDto(int Id, string Name, int? DistrictId, string Description, IReadOnlyList<int> EventIds,
    IReadOnlyList<int> CallIds);

public sealed record EventDto(int Id, string Title, DateOnly HeldOn, int? DistrictId, int? InstitutionId, IReadOnlyList<string> PostIds,
    IReadOnlyList<string> Attendees, string FollowUp);

/// <summary>揭榜挂帅 calls (/api/v1/scenario-calls), scenario projects, the expert pool, 场景促进机构, 对接会 and the funnel.</summary>
public static class CallsApi
{
    public static RouteGroupBuilder MapScenarioCallsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Scenario calls");
        g.MapPost("/scenario-posts/{id:int}/calls", CreateCallAsync).RequireAuthorization(Policies.ScenarioWrite).ProducesOutcomeProblems()
            .WithName("CreateScenarioCall").WithSummary("Puts a published need out as a 揭榜挂帅 call: title, deadline, criteria whose "
                + "weights sum to 100.");
        g.MapGet("/scenario-calls", async (CallService s, CancellationToken ct) =>
                TypedResults.Ok((await s.ListCallsAsync(ct)).Select(c => ToDto(c, null)).ToList()))
            .RequireAuthorization(Policies.SignedIn).WithName("ListScenarioCalls").WithSummary("Every call, newest deadline first.");
        g.MapGet("/scenario-calls/{id:int}", GetCallAsync).RequireAuthorization(Policies.SignedIn).ProducesNotFound()
            .WithName("GetScenarioCall").WithSummary("A call; its owners see every application and the ranking, an enterprise its own.");
        g.MapPost("/scenario-calls/{id:int}/applications", ApplyAsync).RequireAuthorization(Policies.CallApply).DisableAntiforgery()
            .ProducesOutcomeProblems().WithName("ApplyToScenarioCall")
            .WithSummary("An enterprise applies up to the deadline (multipart: proposal, optional file of the evidence types).");
        g.MapGet("/scenario-calls/{id:int}/applications/{applicationId:int}/file", FileAsync).RequireAuthorization(Policies.ScenarioWrite)
            .ProducesNotFound().Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .WithName("ScenarioProposalFile").WithSummary("The proposal file, for the call's owners and the applicant.");
        g.MapPost("/scenario-calls/{id:int}/applications/{applicationId:int}/scores", ScoreAsync)
            .RequireAuthorization(Policies.ScenarioWrite).ProducesOutcomeProblems().WithName("ScoreScenarioApplication")
            .WithSummary("Records one expert's scores (0–100 per criterion); an expert with a declared conflict is refused (409).");
        g.MapPost("/scenario-calls/{id:int}/award", AwardAsync).RequireAuthorization(Policies.ScenarioWrite).ProducesOutcomeProblems()
            .WithName("AwardScenarioCall").WithSummary("After the deadline, publishes the award to an application scored by two experts.");
        g.MapGet("/scenario-projects", async (ProjectService s, CancellationToken ct) =>
                TypedResults.Ok((await s.ListAsync(ct)).Select(ToDto).ToList()))
            .RequireAuthorization(Policies.SignedIn).WithName("ListScenarioProjects")
                .WithSummary("Scenario projects, latest progress first.");
        g.MapGet("/scenario-projects/{id:int}", GetProjectAsync).RequireAuthorization(Policies.SignedIn).ProducesNotFound()
            .WithName("GetScenarioProject").WithSummary("A project with its progress entries.");
        g.MapPost("/scenario-projects", StartProjectAsync).RequireAuthorization(Policies.ScenarioWrite).ProducesOutcomeProblems()
            .WithName("StartScenarioProject").WithSummary("Starts a project from an awarded call (callId) or an agreed match (needId, "
                + "capabilityId).");
        g.MapPost("/scenario-projects/{id:int}/updates", UpdateProjectAsync).RequireAuthorization(Policies.ScenarioWrite)
            .ProducesOutcomeProblems().WithName("UpdateScenarioProject")
            .WithSummary("Records progress: evidence, outcomes, stage (EarlyValidation, IntegrationTrial, Promotion; back needs reason).");
        g.MapGet("/scenario-experts", ListExpertsAsync).RequireAuthorization(Policies.ScenarioWrite).WithName("ListScenarioExperts")
            .WithSummary("The expert pool (active experts; all=true for deactivated too), by track, field and name; contacts masked "
                + "unless the caller keeps the pool.");
        g.MapPost("/scenario-experts", AddExpertAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("AddScenarioExpert").WithSummary("Adds an expert: name, employer, title, fields, tracks, phone, and declared "
                + "conflicts (an enterprise by credit code or name, with the reason).");
        g.MapPut("/scenario-experts/{id:int}", UpdateExpertAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("UpdateScenarioExpert").WithSummary("Replaces an expert's data and conflicts (If-Match or version; stale: 409).");
        g.MapPost("/scenario-experts/{id:int}/active", SetExpertActiveAsync).RequireAuthorization(Policies.Responsible)
            .ProducesOutcomeProblems().WithName("SetScenarioExpertActive")
            .WithSummary("Deactivates an expert (active=false: they keep their scores and score no more) or brings them back.");
        g.MapGet("/scenario-institutions", async (PoolService s, CancellationToken ct) => TypedResults.Ok((await s.InstitutionsAsync(ct))
                .Select(r => new InstitutionDto(r.Institution.Id, r.Institution.Name, r.Institution.DistrictId, r.Institution.Description,
                    [.. r.Events.Select(e => e.Id)], [.. r.Calls.Select(c => c.Id)])).ToList()))
            .RequireAuthorization(Policies.SignedIn).WithName("ListScenarioInstitutions").WithSummary("场景促进机构 and what they organised.");
        g.MapPost("/scenario-institutions", AddInstitutionAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("AddScenarioInstitution").WithSummary("Registers a 场景促进机构.");
        g.MapGet("/scenario-events", async (PoolService s, CancellationToken ct) => TypedResults.Ok((await s.EventsAsync(ct)).Select(ToDto)
                .ToList())).RequireAuthorization(Policies.SignedIn).WithName("ListScenarioEvents").WithSummary("对接会 records.");
        g.MapPost("/scenario-events", AddEventAsync).RequireAuthorization(Policies.Responsible).ProducesOutcomeProblems()
            .WithName("AddScenarioEvent").WithSummary("Records a 对接会: date, the published posts whose parties met, attendees, follow-up.");
        g.MapGet("/scenario-funnel", async (int? track, int? district, PoolService s, CancellationToken ct) =>
                TypedResults.Ok(await s.FunnelAsync(track, district, ct)))
            .RequireAuthorization(Policies.Staff).WithName("ScenarioFunnel")
            .WithSummary("Published → matched → awarded → each stage, in total, by track and by district.");
        return api;
    }

    public static async Task<Results<Created<CallDto>, ProblemHttpResult>> CreateCallAsync(int id, CallInput input, CallService s,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await s.CreateCallAsync(id, input, user, ct)).ToHttp(l, c =>
            TypedResults.Created($"/api/v1/scenario-calls/{c.Id}", ToDto(c, null)));

    public static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> GetCallAsync(int id, CallService s, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await s.ViewAsync(id, user, ct) is { } v ? TypedResults.Ok(ToDto(v)) : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> ApplyAsync(int id, HttpRequest request, CallService s,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Outcome.Invalid("proposal", "Scenarios.Error.Required").AsProblem(l);
        var form = await request.ReadFormAsync(ct);
        await using var buffer = new MemoryStream();
        var (file, error) = await ProposalFiles.ReadAsync(form.Files["file"], buffer, ct);
        if (error is not null) return error.AsProblem(l);
        return (await s.ApplyAsync(id, form["proposal"], file, user, ct)).ToHttp(l, a => TypedResults.Ok(ToDto(a)));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> FileAsync(int id, int applicationId, CallService s,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await s.FileAsync(id, applicationId, user, ct) is { } f
            ? TypedResults.File(f.Content, f.Application.FileType ?? "application/octet-stream", f.Application.FileName)
            : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<ScoreDto>, ProblemHttpResult>> ScoreAsync(int id, int applicationId, ScoreInput input,
        CallService s, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await s.ScoreAsync(id, applicationId, input, user, ct)).ToHttp(l,
            rows => TypedResults.Ok(new ScoreDto(applicationId, input.ExpertId ?? 0, [.. rows.Select(r => r.Score)])));

    public static async Task<Results<Ok<CallDto>, ProblemHttpResult>> AwardAsync(int id, AwardInput input, HttpContext http, CallService s,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var version = IfMatch.Version(http.Request.Headers[IfMatch.Header], input.Version);
        return (await s.AwardAsync(id, input.ApplicationId, input.Note, version, user, ct)).ToHttp(l, c => TypedResults.Ok(ToDto(c, null)));
    }

    public static async Task<Results<Ok<ProjectDetailDto>, ProblemHttpResult>> GetProjectAsync(int id, ProjectService s,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await s.GetAsync(id, ct) is { } p
            ? TypedResults.Ok(new ProjectDetailDto(ToDto(p.Project), [.. p.Updates.Select(u =>
                new ProjectUpdateDto(u.On, u.From.ToString(), u.To.ToString(), u.Reason, u.Evidence, u.At))]))
            : ApiHttp.NotFound(l);

    public static async Task<Results<Created<ProjectDto>, ProblemHttpResult>> StartProjectAsync(ProjectStart input, ProjectService s,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await s.StartAsync(input, user, ct)).ToHttp(l, p => TypedResults.Created($"/api/v1/scenario-projects/{p.Id}", ToDto(p)));

    public static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> UpdateProjectAsync(int id, ProjectUpdateInput input,
        HttpContext http, ProjectService s, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var version = IfMatch.Version(http.Request.Headers[IfMatch.Header], input.Version);
        return (await s.UpdateAsync(id, input with { Version = version }, user, ct)).ToHttp(l, p => TypedResults.Ok(ToDto(p)));
    }

    /// <summary>The pool as filtered; the phones a keeper reads unmasked are logged as personal-data reads.</summary>
    public static async Task<Ok<List<ExpertDto>>> ListExpertsAsync(int? track, string? field, string? q, bool? all, ExpertService s,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var rows = await s.ListAsync(new ExpertFilter(track, field, q, all ?? false), ct);
        if (ExpertRules.MayKeep(user)) await s.LogContactReadsAsync(rows, "api", ct);
        return TypedResults.Ok(rows.Select(r => ToDto(r, user)).ToList());
    }

    public static async Task<Results<Created<ExpertDto>, ProblemHttpResult>> AddExpertAsync(ExpertInput input, ExpertService s,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await s.AddAsync(input, user, ct)).ToHttp(l, e => TypedResults.Created($"/api/v1/scenario-experts/{e.Id}", ToDto(e)));

    public static async Task<Results<Ok<ExpertDto>, ProblemHttpResult>> UpdateExpertAsync(int id, ExpertInput input, HttpContext http,
        ExpertService s, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var version = IfMatch.Version(http.Request.Headers[IfMatch.Header], input.Version);
        return (await s.UpdateAsync(id, input with { Version = version }, user, ct)).ToHttp(l, e => TypedResults.Ok(ToDto(e)));
    }

    public static async Task<Results<Ok<ExpertDto>, ProblemHttpResult>> SetExpertActiveAsync(int id, ExpertActiveInput input,
        HttpContext http, ExpertService s, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var version = IfMatch.Version(http.Request.Headers[IfMatch.Header], input.Version);
        return (await s.SetActiveAsync(id, input.Active, version, user, ct)).ToHttp(l, e => TypedResults.Ok(ToDto(e)));
    }

    public static async Task<Results<Created<InstitutionDto>, ProblemHttpResult>> AddInstitutionAsync(InstitutionInput input,
        PoolService s, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await s.AddInstitutionAsync(input, user, ct)).ToHttp(l, i => TypedResults.Created("/api/v1/scenario-institutions",
            new InstitutionDto(i.Id, i.Name, i.DistrictId, i.Description, [], [])));

    public static async Task<Results<Created<EventDto>, ProblemHttpResult>> AddEventAsync(EventInput input, PoolService s,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await s.AddEventAsync(input, user, ct)).ToHttp(l, e => TypedResults.Created("/api/v1/scenario-events", ToDto(e)));

    public static CallDto ToDto(ScenarioCall c, string? awardedTo) =>
        new(c.Id, c.NeedId, c.Title, c.Deadline, CallRules.Criteria(c.Criteria),
        c.State.ToString().ToLowerInvariant(), c.AwardedApplicationId, awardedTo, c.AwardedAt, c.AwardNote, c.InstitutionId, c.Version);

    public static CallDetailDto ToDto(CallView v) => new(ToDto(v.Call, null), [.. v.Applications.Select(ToDto)], v.Ranking);

    public static ApplicationDto ToDto(CallApplication a) =>
        new(a.Id, a.CallId, a.EnterpriseUscc, a.EnterpriseName, a.Proposal, a.FileName, a.SubmittedAt);

    public static ProjectDto ToDto(ScenarioProject p) => new(p.Id, p.Name, p.NeedId, p.CapabilityId, p.CallId, p.RegistryScenarioId,
        p.Stage.ToString(), p.TrackId, p.DistrictId, p.StartedOn, p.StageSince, p.LastUpdateAt, p.Contracts, p.ContractAmount, p.Users,
        p.Sites, p.Version);

    /// <summary>An expert as its keeper just wrote it (contact unmasked; conflicts as written, named by their codes).</summary>
    public static ExpertDto ToDto(ScenarioExpert e) => ToDto(new ExpertRow(e, [.. e.Conflicts.Select(c =>
        new ConflictRow(c.EnterpriseUscc, c.EnterpriseUscc, c.Reason))], 0), null);

    /// <summary>An expert as listed; the phone masked unless <paramref name="user"/> keeps the pool (null: the keeper who wrote it).
    /// </summary>
    public static ExpertDto ToDto(ExpertRow r, ClaimsPrincipal? user) =>
        new(r.Expert.Id, r.Expert.Name, r.Expert.Organisation, r.Expert.Title, CallRules.List(r.Expert.Fields), r.TrackIds,
            user is null || ExpertRules.MayKeep(user) ? r.Expert.Phone : Registries.FieldText.Mask(r.Expert.Phone),
            r.Expert.Active, r.CallsScored, [.. r.Conflicts.Select(c => new ConflictDto(c.EnterpriseUscc, c.EnterpriseName, c.Reason))],
            r.Expert.Version);

    public static EventDto ToDto(MatchEvent e) => new(e.Id, e.Title, e.HeldOn, e.DistrictId, e.InstitutionId, CallRules.List(e.PostIds),
        CallRules.List(e.Attendees), e.FollowUp);

    public static IServiceCollection AddScenarioCalls(this IServiceCollection services)
    {
        services.AddScoped<CallService>();
        services.AddScoped<ProjectService>();
        services.AddScoped<PoolService>();
        services.AddScoped<ExpertService>();
        services.AddAlertRules<ProjectAlertRules>();
        services.AddPortalSection(new PortalSection("scenario-calls", "Calls.Portal.Name", "Calls.Portal.Description",
            "/Portal/Scenarios/Calls", 21));
        return services;
    }
}
