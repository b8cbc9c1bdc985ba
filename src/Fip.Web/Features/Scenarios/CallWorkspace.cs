using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Scenarios;

/// <summary>
/// One 揭榜挂帅 call: its criteria and deadline, the applications the user may see with their scores and ranking, the enterprise's
/// application form (until the deadline), the award for its owners (after it) and the project the award becomes. The rules are
/// <see cref="CallService"/>'s and <see cref="ProjectService"/>'s; a refusal comes back as the error line.
/// </summary>
public sealed class CallModel(CallService calls, ProjectService projects, FipDbContext db, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    public CallView View { get; private set; } = null!;
    public ScenarioPost? Need { get; private set; }
    public int? ProjectId { get; private set; }
    public string? AwardedTo { get; private set; }

    /// <summary>Applications are still taken (the form is shown to enterprises; the service decides on the post).</summary>
    public bool Open => View.Call.State == CallState.Open && CallRules.MayApply(View.Call.Deadline, clock.GetUtcNow().UtcDateTime);
    public bool IsEnterprise => User.IsInRole(Roles.Enterprise);
    public bool HasApplied => IsEnterprise && View.Applications.Any(a => a.EnterpriseUscc == User.EnterpriseUscc());

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await calls.ViewAsync(id, User, ct) is not { } view) return NotFound();
        View = view;
        Need = await ScenarioService.Public(db.Set<ScenarioPost>().AsNoTracking()).FirstOrDefaultAsync(p => p.Id == view.Call.NeedId, ct);
        ProjectId = await db.Set<ScenarioProject>().Where(p => p.CallId == id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        AwardedTo = (await CallsModel.CallRowsAsync(db, [view.Call], ct))[0].AwardedTo;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(int id, string? proposal, IFormFile? file, CancellationToken ct)
    {
        await using var buffer = new MemoryStream();
        var read = await ProposalFiles.ReadAsync(file, buffer, ct);
        if (read.Error is { } tooLarge) return Done(tooLarge, "", Back(id));
        return Done((await calls.ApplyAsync(id, proposal, read.File, User, ct)).Status, "Calls.Applied", Back(id));
    }

    public async Task<IActionResult> OnPostAwardAsync(int id, int applicationId, string? note, string? version, CancellationToken ct) =>
        Done((await calls.AwardAsync(id, applicationId, note, version, User, ct)).Status, "Calls.AwardPublished", Back(id));

    /// <summary>The awarded call becomes a scenario project, whose page opens next.</summary>
    public async Task<IActionResult> OnPostStartAsync(int id, CancellationToken ct)
    {
        var started = await projects.StartAsync(new ProjectStart(id, null, null), User, ct);
        return started.IsOk ? Done(started.Status, "Calls.ProjectStarted", $"/Scenarios/Project/{started.Value!.Id}")
            : Done(started.Status, "", Back(id));
    }

    private static string Back(int id) => $"/Scenarios/Call/{id}";
}

/// <summary>An expert's scores of one application, one per criterion, recorded by the call's owners; an expert who declared a conflict
/// with the applicant is refused with the reason.</summary>
public sealed class ScoreModel(CallService calls, ExpertService pool, IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    public CallView View { get; private set; } = null!;
    public CallApplication Application { get; private set; } = null!;
    public IReadOnlyList<ScenarioExpert> Experts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int applicationId, CancellationToken ct)
    {
        if (await calls.ViewAsync(id, User, ct) is not { } view
            || view.Applications.FirstOrDefault(a => a.Id == applicationId) is not { } application) return NotFound();
        if (!view.MayManage) return Forbid();
        (View, Application) = (view, application);
        Experts = await pool.ActiveAsync(ct);
        return Page();
    }

    /// <summary>A blank score is no score: the list then falls short and the service names how many are needed.</summary>
    public async Task<IActionResult> OnPostAsync(int id, int applicationId, int? expertId, List<decimal?> scores, CancellationToken ct)
    {
        IReadOnlyList<decimal>? given = scores.Any(s => s is null) ? null : [.. scores.Select(s => s!.Value)];
        var result = await calls.ScoreAsync(id, applicationId, new ScoreInput(expertId, given), User, ct);
        return Done(result.Status, "Calls.Scored", result.IsOk ? $"/Scenarios/Call/{id}" : $"/Scenarios/Score/{id}/{applicationId}");
    }
}

/// <summary>A scenario project: its path with the date each stage was reached, its outcomes, its progress entries and the form that
/// records the next (a move backwards names its reason).</summary>
public sealed class ProjectModel(ProjectService projects, FipDbContext db, IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    public ScenarioProject Project { get; private set; } = null!;
    public IReadOnlyList<ProjectUpdate> Updates { get; private set; } = [];
    public IReadOnlyList<StageReached> Timeline { get; private set; } = [];
    public ScenarioLookups Lookups { get; private set; } = null!;
    public bool MayUpdate { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await projects.GetAsync(id, ct) is not { } found) return NotFound();
        (Project, Updates) = (found.Project, found.Updates);
        Timeline = CallRules.Timeline(found.Project, found.Updates);
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        MayUpdate = ScopeAuthorizationHandler.Allows(User, ScopeRequirement.Write, found.Project);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, ProjectUpdateInput input, CancellationToken ct) =>
        Done((await projects.UpdateAsync(id, input, User, ct)).Status, "Calls.ProjectUpdated", $"/Scenarios/Project/{id}");
}

/// <summary>场景促进机构: the registry with what each organised; admins register one.</summary>
public sealed class InstitutionsModel(PoolService pool, FipDbContext db, IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    public IReadOnlyList<InstitutionRecord> Institutions { get; private set; } = [];
    public ScenarioLookups Lookups { get; private set; } = null!;
    public bool MayAdd => Policies.Allows(User, Policies.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Institutions = await pool.InstitutionsAsync(ct);
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(InstitutionInput input, CancellationToken ct) => !MayAdd ? Forbid()
        : Done((await pool.AddInstitutionAsync(input, User, ct)).Status, "Calls.InstitutionAdded", "/Scenarios/Institutions");
}

/// <summary>对接会: who met (the published posts and the attendees) and what followed; departments, districts and the task force
/// record one.</summary>
public sealed class EventsModel(PoolService pool, FipDbContext db, IStringLocalizer<SharedResource> l) : OutcomePage(l)
{
    public IReadOnlyList<MatchEvent> Events { get; private set; } = [];
    public IReadOnlyDictionary<int, ScenarioPost> Posts { get; private set; } = new Dictionary<int, ScenarioPost>();
    public IReadOnlyList<PromotionInstitution> Institutions { get; private set; } = [];
    public ScenarioLookups Lookups { get; private set; } = null!;
    public bool MayAdd => Policies.Allows(User, Policies.Responsible);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Events = await pool.EventsAsync(ct);
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        Institutions = [.. (await pool.InstitutionsAsync(ct)).Select(i => i.Institution)];
        var met = Events.SelectMany(e => CallRules.List(e.PostIds)).Select(int.Parse).ToHashSet();
        Posts = await ScenarioService.Public(db.Set<ScenarioPost>().AsNoTracking())
            .Where(p => met.Contains(p.Id) || MayAdd).OrderBy(p => met.Contains(p.Id) ? 0 : 1).ThenByDescending(p => p.PublishedAt)
            .Take(300 + met.Count)
            .ToDictionaryAsync(p => p.Id, ct);
    }

    /// <summary>Attendees are typed one a line (or separated by 、/，).</summary>
    public async Task<IActionResult> OnPostAsync(string? title, DateOnly? heldOn, int? districtId, int? institutionId, List<int> postIds,
        string? attendees, string? followUp, CancellationToken ct)
    {
        if (!MayAdd) return Forbid();
        var names = ListText.Split(attendees);
        var input = new EventInput(title, heldOn, districtId, institutionId, postIds, names, followUp);
        return Done((await pool.AddEventAsync(input, User, ct)).Status, "Calls.EventAdded", "/Scenarios/Events");
    }
}

/// <summary>Reading a posted proposal file: too large is refused before it is read; the content goes to the buffer.</summary>
public static class ProposalFiles
{
    public static async Task<(ProposalFile? File, Outcome? Error)> ReadAsync(IFormFile? file, MemoryStream buffer, CancellationToken ct)
    {
        if (file is null) return (null, null);
        if (file.Length > Supervision.EvidenceTypes.MaxBytes) return (null, Outcome.Invalid("file", "Supervision.Error.FileTooLarge"));
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return (new ProposalFile(file.FileName, buffer), null);
    }
}

/// <summary>Where the user may act on a post's call: the call, if there is one.</summary>
public static class CallLinks
{
    public static Task<int?> CallOfAsync(FipDbContext db, int needId, CancellationToken ct) =>
        db.Set<ScenarioCall>().Where(c => c.NeedId == needId).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);

    public static bool MayPutOut(ClaimsPrincipal user, ScenarioPost post) =>
        post is { Kind: PostKind.Need, State: PostState.Published } && ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, post);
}
