using System.Security.Claims;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

/// <summary>Filters of the public list and the workspace list: kind (need, capability), track, district, state, search text.</summary>
public sealed record PostFilter(string? Kind = null, int? Track = null, int? District = null, string? State = null, string? Q = null);

/// <summary>A ranked counterpart: the post, its score and why, and the answers either side gave.</summary>
public sealed record PostMatch(ScenarioPost Post, double Score, MatchReasons Reasons, bool? NeedAccepted, bool? CapabilityAccepted);

/// <summary>The marketplace's use cases: post, move between states, list, rank, answer a match. Scope is checked with
/// <see cref="ScopeAuthorizationHandler"/>; a refused write is audited (success = false) and writes nothing else.</summary>
public sealed class ScenarioService(FipDbContext db, ScenarioIndexCache indexes, TimeProvider clock)
{
    public const string AuditType = "ScenarioPost";

    /// <summary>What a user may read: every published or closed post, and the drafts and posts under review in their scope.</summary>
    public IQueryable<ScenarioPost> Visible(ClaimsPrincipal user)
    {
        var q = db.Set<ScenarioPost>().AsNoTracking();
        var role = user.Role();
        if (role is Roles.Admin or Roles.Leader) return q;
        var dep = user.DepartmentId();
        var dis = user.DistrictId();
        var uscc = user.EnterpriseUscc();
        return role switch
        {
            Roles.Department => q.Where(p => (p.State == PostState.Published || p.State == PostState.Closed) || p.OwnerDepartmentId == dep),
            Roles.District => q.Where(p => (p.State == PostState.Published || p.State == PostState.Closed) || p.OwnerDistrictId == dis),
            Roles.Enterprise => q.Where(p => (p.State == PostState.Published || p.State == PostState.Closed)
                || p.OwnerEnterpriseUscc == uscc),
            _ => q.Where(p => (p.State == PostState.Published || p.State == PostState.Closed)),
        };
    }

    /// <summary>What the public portal shows: published (and closed) posts only; contacts are never read out.</summary>
    public static IQueryable<ScenarioPost> Public(IQueryable<ScenarioPost> q) => q.Where(p => (p.State == PostState.Published
        || p.State == PostState.Closed));

    public async Task<IReadOnlyList<ScenarioPost>> ListAsync(IQueryable<ScenarioPost> q, PostFilter f, CancellationToken ct)
    {
        if (ScenarioRules.ParseKind(f.Kind) is { } kind) q = q.Where(p => p.Kind == kind);
        if (f.Track is { } t) q = q.Where(p => p.TrackId == t);
        if (f.District is { } d) q = q.Where(p => p.DistrictId == d);
        if (Enum.TryParse<PostState>(f.State, true, out var s) && Enum.IsDefined(s)) q = q.Where(p => p.State == s);
        var list = await q.OrderByDescending(p => p.PublishedAt ?? p.CreatedAt).ThenByDescending(p => p.Id).Take(500).ToListAsync(ct);
        if (string.IsNullOrWhiteSpace(f.Q)) return list;
        // Chinese search: the words of the query as jieba cuts them, ranked by BM25 over the published posts; drafts by substring.
        var index = await indexes.GetAsync(db, ct);
        var order = new Dictionary<int, int>();
        foreach (var k in new[] { PostKind.Need, PostKind.Capability })
            foreach (var (id, i) in index.Search(k, f.Q).Select((id, i) => (id, i))) order.TryAdd(id, i);
        var text = f.Q.Trim();
        return [.. list.Where(p => order.ContainsKey(p.Id) || p.Title.Contains(text, StringComparison.OrdinalIgnoreCase)
                || p.Summary.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => order.GetValueOrDefault(p.Id, int.MaxValue))];
    }

    public async Task<Outcome<ScenarioPost>> CreateAsync(PostInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (ScenarioRules.ParseKind(input.Kind) is not { } kind)
            return await RefuseAsync(user, "new", Outcome.Invalid("kind", "Scenarios.Error.Kind"), ct);
        if (!ScenarioRules.MayPost(user.Role(), kind)) return Outcome.Forbidden;
        var errors = ScenarioRules.Validate(input, kind);
        await CheckReferencesAsync(input, errors, ct);
        if (errors.Count > 0) return await RefuseAsync(user, "new", Outcome.Invalid(errors), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var role = user.Role();
        var post = new ScenarioPost
        {
            Kind = kind,
            State = PostState.Draft,
            CreatedBy = user.Identity?.Name ?? "",
            CreatedAt = now,
            OwnerDepartmentId = role == Roles.Department ? user.DepartmentId() : null,
            OwnerDistrictId = role == Roles.District ? user.DistrictId() : null,
            OwnerEnterpriseUscc = role == Roles.Enterprise ? user.EnterpriseUscc() : null,
        };
        Apply(post, input, now);
        db.Add(post);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(post);
    }

    /// <summary>Moves a post by the named action (submit, withdraw, publish, return, close); a stale version is refused (409).</summary>
    public async Task<Outcome<ScenarioPost>> MoveAsync(int id, string? action, string? version, ClaimsPrincipal user, CancellationToken ct)
    {
        var post = await db.Set<ScenarioPost>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (post is null || !await Visible(user).AnyAsync(p => p.Id == id, ct)) return Outcome.NotFound;
        var transition = ScenarioRules.Find(action, post.State);
        var mayWrite = ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, post);
        if (transition is null)
        {
            var known = ScenarioRules.Transitions.Any(t => t.Action == action);
            return await RefuseAsync(user, Key(post), known
                ? Outcome.Conflict("Scenarios.Error.State", action, post.State.ToString())
                : Outcome.Invalid("action", "Scenarios.Error.Action"), ct);
        }
        if (!mayWrite || (transition.AdminOnly && user.Role() != Roles.Admin))
            return await RefuseAsync(user, Key(post), Outcome.Forbidden, ct);
        if (version is not null && version != post.Version) return Outcome.Stale;
        var now = clock.GetUtcNow().UtcDateTime;
        post.State = transition.To;
        if (transition.To == PostState.Published) post.PublishedAt = now;
        post.UpdatedAt = now;
        post.Version = RecordVersions.New();
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(post);
    }

    /// <summary>The counterparts of a post ranked by <see cref="ScenarioIndex"/> (capabilities for a need, needs for a capability),
    /// with each side's answer.</summary>
    public async Task<Outcome<IReadOnlyList<PostMatch>>> MatchesAsync(int id, ClaimsPrincipal user, int max, CancellationToken ct)
    {
        var post = await Visible(user).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (post is null) return Outcome.NotFound;
        var index = await indexes.GetAsync(db, ct);
        var target = post.Kind == PostKind.Need ? PostKind.Capability : PostKind.Need;
        var ranked = index.Rank(ScenarioIndexCache.ToIndexed(post), target, Math.Clamp(max, 1, 50));
        var ids = ranked.Select(r => r.Id).ToList();
        var posts = await db.Set<ScenarioPost>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var answers = await db.Set<ScenarioMatchAnswer>().AsNoTracking()
            .Where(a => post.Kind == PostKind.Need ? a.NeedId == id : a.CapabilityId == id).ToListAsync(ct);
        bool? Answer(int need, int capability, int by) =>
            answers.FirstOrDefault(a => a.NeedId == need && a.CapabilityId == capability && a.PostId == by)?.Accepted;
        return Outcome.Ok<IReadOnlyList<PostMatch>>([.. ranked.Where(r => posts.ContainsKey(r.Id)).Select(r =>
        {
            var (need, capability) = post.Kind == PostKind.Need ? (id, r.Id) : (r.Id, id);
            return new PostMatch(posts[r.Id], r.Score, r.Reasons, Answer(need, capability, need), Answer(need, capability, capability));
        })]);
    }

    /// <summary>The owner of one side accepts or declines a match with a published counterpart; answering again replaces it.</summary>
    public async Task<Outcome<ScenarioMatchAnswer>> AnswerAsync(int id, int otherId, bool accept, string? note, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var post = await db.Set<ScenarioPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        var other = await db.Set<ScenarioPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == otherId, ct);
        if (post is null || other is null || !await Visible(user).AnyAsync(p => p.Id == id, ct)) return Outcome.NotFound;
        if (!ScopeAuthorizationHandler.Allows(user, ScopeRequirement.Write, post)) return await RefuseAsync(user, Key(post),
            Outcome.Forbidden, ct);
        if (post.Kind == other.Kind) return await RefuseAsync(user, Key(post), Outcome.Invalid("otherId", "Scenarios.Error.SameKind"), ct);
        if (post.State != PostState.Published || other.State != PostState.Published)
            return await RefuseAsync(user, Key(post), Outcome.Conflict("Scenarios.Error.NotPublished"), ct);
        if (ScenarioRules.AnswerNoteError(accept, note) is { } noteError)
            return await RefuseAsync(user, Key(post), Outcome.Invalid("note", noteError), ct);
        var (need, capability) = post.Kind == PostKind.Need ? (id, otherId) : (otherId, id);
        var answer = await db.Set<ScenarioMatchAnswer>()
            .FirstOrDefaultAsync(a => a.NeedId == need && a.CapabilityId == capability && a.PostId == id, ct);
        if (answer is null) db.Add(answer = new ScenarioMatchAnswer { NeedId = need, CapabilityId = capability, PostId = id });
        answer.Accepted = accept;
        answer.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        answer.AnsweredBy = user.Identity?.Name ?? "";
        answer.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(answer);
    }

    /// <summary>Whether the user may see the post's contact unmasked (its owners and the task force).</summary>
    public static bool SeesContact(ClaimsPrincipal user, ScenarioPost post) =>
        ScopeAuthorizationHandler.Allows(user, ScopeRequirement.PersonalData, post);

    private static string Key(ScenarioPost p) => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Apply(ScenarioPost post, PostInput input, DateTime now)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        post.Title = input.Title!.Trim();
        post.Organisation = input.Organisation!.Trim();
        post.Summary = input.Summary!.Trim();
        post.TrackId = input.TrackId;
        post.ChainLinkId = input.ChainLinkId;
        post.DistrictId = input.DistrictId;
        post.Budget = input.Budget;
        post.Timeline = Clean(input.Timeline);
        post.Requirements = Clean(input.Requirements);
        post.References = Clean(input.References);
        post.ContactName = Clean(input.ContactName);
        post.ContactPhone = Clean(input.ContactPhone);
        post.UpdatedAt = now;
    }

    private async Task CheckReferencesAsync(PostInput input, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (input.TrackId is { } t && !await db.Tracks.AnyAsync(x => x.Id == t, ct)) errors["trackId"] = "Scenarios.Error.Unknown";
        if (input.DistrictId is { } d && !await db.Districts.AnyAsync(x => x.Id == d, ct)) errors["districtId"] = "Scenarios.Error.Unknown";
        if (input.ChainLinkId is { } l)
        {
            var link = await db.ChainLinks.AsNoTracking().Where(x => x.Id == l).Select(x => new { x.TrackId }).FirstOrDefaultAsync(ct);
            if (link is null) errors["chainLinkId"] = "Scenarios.Error.Unknown";
            else if (input.TrackId is { } track && link.TrackId != track) errors["chainLinkId"] = "Scenarios.Error.LinkTrack";
        }
    }

    private Task<Outcome> RefuseAsync(ClaimsPrincipal user, string key, Outcome refusal, CancellationToken ct) =>
        ScenarioAudit.RefuseAsync(db, clock, user, AuditType, key, refusal, ct);
}

/// <summary>Refused writes of the marketplace, calls and projects: audited (success = false), and nothing else of the request
/// kept.</summary>
public static class ScenarioAudit
{
    public static async Task<Outcome> RefuseAsync(FipDbContext db, TimeProvider clock, ClaimsPrincipal user, string type, string key,
        Outcome refusal, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Action = "Refused",
            UserId = user.UserId(),
            UserName = user.Identity?.Name ?? "",
            EntityType = type,
            EntityKey = key,
            Success = false,
            Detail = JsonSerializer.Serialize(new
            {
                refusal.Kind,
                Reason = refusal.Reason?.Key,
                Errors = refusal.Errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Key)),
            }),
        });
        await db.SaveChangesAsync(ct);
        return refusal;
    }
}
