using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Scenarios;

/// <summary>The names pages show for a post's ids: districts, the current plan's tracks, chain links.</summary>
public sealed record ScenarioLookups(IReadOnlyList<District> Districts, IReadOnlyList<Track> Tracks, IReadOnlyDictionary<int, string> Links)
{
    public static async Task<ScenarioLookups> LoadAsync(FipDbContext db, CancellationToken ct)
    {
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var trackIds = tracks.Select(t => t.Id).ToList();
        var links = await db.ChainLinks.AsNoTracking().Where(l => l.MergedIntoId == null && trackIds.Contains(l.TrackId))
            .OrderBy(l => l.TrackId).ThenBy(l => l.Id).Select(l => new { l.Id, l.Name, l.NameEn }).ToListAsync(ct);
        return new(await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct), tracks,
            links.ToDictionary(l => l.Id, l => Display.Name(l.Name, l.NameEn)));
    }

    public string District(int? id) => Districts.FirstOrDefault(d => d.Id == id)?.ShortName ?? "—";
    public string Track(int? id) => Tracks.FirstOrDefault(t => t.Id == id) is { } t ? Display.Name(t.Name, t.NameEn) : "—";
    public string Link(int? id) => id is { } i && Links.TryGetValue(i, out var name) ? name : "—";
}

/// <summary>场景 in the workspace: the posts the user may read (their own drafts too), filtered and searched.</summary>
public sealed class IndexModel(ScenarioService service, FipDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public PostFilter Filter { get; set; } = new();
    public IReadOnlyList<ScenarioPost> Items { get; private set; } = [];
    public ScenarioLookups Lookups { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        Items = await service.ListAsync(service.Visible(User), Filter, ct);
    }
}

/// <summary>A new need or capability, saved as a draft; then the post's page offers to submit it.</summary>
public sealed class NewModel(ScenarioService service, FipDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PostInput Input { get; set; } = new("need", null, null, null, null, null, null, null, null, null, null, null,
        null);
    public ScenarioLookups Lookups { get; private set; } = null!;
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? kind, CancellationToken ct)
    {
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        if (ScenarioRules.ParseKind(kind) == PostKind.Capability) Input = Input with { Kind = "capability" };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await service.CreateAsync(Input, User, ct);
        if (result.IsOk) return Redirect($"/Scenarios/Post/{result.Value!.Id}");
        if (result.Status.Kind == OutcomeKind.Forbidden) return Forbid();
        Errors = result.Status.Messages(l);
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

/// <summary>One post: its fields (the contact for its owners), the moves the user may make, and its ranked matches with reasons.</summary>
public sealed class PostModel(ScenarioService service, FipDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public ScenarioPost Post { get; private set; } = null!;
    public IReadOnlyList<PostMatch> Matches { get; private set; } = [];
    public ScenarioLookups Lookups { get; private set; } = null!;
    public IReadOnlyList<PostTransition> Moves { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>The call this need was put out as, if any.</summary>
    public int? CallId { get; private set; }
    /// <summary>The enterprise that posted it (its profile lists the post), when the reader may see that enterprise's record.</summary>
    public int? EnterpriseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMoveAsync(int id, string? action, string? version, CancellationToken ct) =>
        await After(id, (await service.MoveAsync(id, action, version, User, ct)).Status, ct);

    public async Task<IActionResult> OnPostAnswerAsync(int id, int otherId, bool accept, string? note, CancellationToken ct) =>
        await After(id, (await service.AnswerAsync(id, otherId, accept, note, User, ct)).Status, ct);

    /// <summary>Puts the published need out as a 揭榜挂帅 call: the deadline is typed in Beijing time; criteria rows left blank are
    /// not criteria.</summary>
    public async Task<IActionResult> OnPostCallAsync(int id, string? title, DateTime? deadline, List<string?> criterion, List<int?> weight,
        [FromServices] CallService calls, CancellationToken ct)
    {
        var criteria = criterion.Select((name, i) => (name, weight: weight.ElementAtOrDefault(i)))
            .Where(c => !string.IsNullOrWhiteSpace(c.name) || c.weight is not null)
            .Select(c => new CriterionInput(c.name, c.weight ?? 0)).ToList();
        var input = new CallInput(title, deadline is { } d ? Display.FromShanghai(d) : null, criteria);
        var made = await calls.CreateCallAsync(id, input, User, ct);
        return made.IsOk ? Redirect($"/Scenarios/Call/{made.Value!.Id}") : await After(id, made.Status, ct);
    }

    private async Task<IActionResult> After(int id, Outcome outcome, CancellationToken ct)
    {
        if (outcome.IsOk) return Redirect($"/Scenarios/Post/{id}");
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        Error = outcome.Summary(l);
        Response.StatusCode = outcome.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict
            : StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var post = await service.Visible(User).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (post is null) return false;
        Post = post;
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        var mayWrite = Accounts.ScopeAuthorizationHandler.Allows(User, Accounts.ScopeRequirement.Write, post);
        Moves = [.. ScenarioRules.Transitions.Where(t => t.From == post.State && mayWrite
            && (!t.AdminOnly || User.IsInRole(Accounts.Roles.Admin)))];
        Matches = (await service.MatchesAsync(id, User, 10, ct)).Value ?? [];
        CallId = await CallLinks.CallOfAsync(db, id, ct);
        if (post.OwnerEnterpriseUscc is { } uscc && (User.Role() != Roles.Enterprise || User.EnterpriseUscc() == uscc))
            EnterpriseId = await db.Enterprises.Where(e => e.CreditCode == uscc && !e.IsDeleted).Select(e => (int?)e.Id)
                .FirstOrDefaultAsync(ct);
        return true;
    }

    public bool MayAnswer => Post.State == PostState.Published
        && Accounts.ScopeAuthorizationHandler.Allows(User, Accounts.ScopeRequirement.Write, Post);
}

/// <summary>应用场景 on the public portal: published needs and capabilities, filtered by kind, track, district and state, searched in
/// Chinese; no contact, no draft.</summary>
[AllowAnonymous]
public sealed class PublicModel(ScenarioService service, FipDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public PostFilter Filter { get; set; } = new();
    public IReadOnlyList<ScenarioPost> Items { get; private set; } = [];
    public ScenarioLookups Lookups { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        Items = await service.ListAsync(ScenarioService.Public(db.Set<ScenarioPost>().AsNoTracking()), Filter, ct);
    }
}

/// <summary>One published post on the public portal, without its contact.</summary>
[AllowAnonymous]
public sealed class PublicPostModel(FipDbContext db) : PageModel
{
    public ScenarioPost Post { get; private set; } = null!;
    public ScenarioLookups Lookups { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var post = await ScenarioService.Public(db.Set<ScenarioPost>().AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (post is null) return NotFound();
        Post = post;
        Lookups = await ScenarioLookups.LoadAsync(db, ct);
        return Page();
    }
}
