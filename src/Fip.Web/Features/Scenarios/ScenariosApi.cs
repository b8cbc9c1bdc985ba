using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Portal;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Scenarios;

/// <summary>A post as the API shows it; the contact only to its owners and the task force.</summary>
public sealed record ScenarioPostDto(int Id, string Kind, string State, string Title, string Organisation, string Summary, int? TrackId,
    int? ChainLinkId, int? DistrictId, decimal? Budget, string? Timeline, string? Requirements, string? References, string? ContactName,
    string? ContactPhone, DateTime? PublishedAt, string Version);

public sealed record PostMatchDto(ScenarioPostDto Post, double Score, MatchReasons Reasons, bool? NeedAccepted, bool? CapabilityAccepted);

/// <summary>A move: submit, withdraw, publish, return, close; the version read (or If-Match).</summary>
public sealed record MoveInput(string? Action, string? Version);

public sealed record AnswerInput(bool Accept, string? Note);

public sealed record MatchAnswerDto(int NeedId, int CapabilityId, int PostId, bool Accepted, string? Note, DateTime AnsweredAt);

/// <summary>场景 under /api/v1/scenario-posts (/api/v1/scenarios is the registry of 应用场景): needs and capabilities, their states,
/// their ranked matches and the parties' answers.</summary>
public static class ScenariosApi
{
    public static RouteGroupBuilder MapScenariosApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/scenario-posts").WithTags("Scenarios");
        g.MapGet("/", ListAsync).RequireAuthorization(Policies.SignedIn)
            .WithName("ListScenarioPosts").WithSummary("Needs and capabilities the caller may read: published ones and their own drafts.");
        g.MapPost("/", CreateAsync).RequireAuthorization(Policies.ScenarioWrite).ProducesOutcomeProblems()
            .WithName("CreateScenarioPost")
                .WithSummary("Posts a need (department, district, enterprise) or a capability (enterprise, district, "
                + "admin) as a draft; kind is need or capability.");
        g.MapGet("/{id:int}", GetAsync).RequireAuthorization(Policies.SignedIn).ProducesNotFound()
            .WithName("GetScenarioPost").WithSummary("One post; its contact only for its owners and the task force.");
        g.MapPost("/{id:int}/move", MoveAsync).RequireAuthorization(Policies.ScenarioWrite).ProducesOutcomeProblems()
            .WithName("MoveScenarioPost").WithSummary("submit / withdraw (owner), publish / return (admin), close (owner or admin).");
        g.MapGet("/{id:int}/matches", MatchesAsync).RequireAuthorization(Policies.SignedIn).ProducesNotFound()
            .WithName("ScenarioMatches").WithSummary("Published counterparts ranked by BM25 over jieba-segmented text, each with reasons.");
        g.MapPost("/{id:int}/matches/{otherId:int}/answer", AnswerAsync).RequireAuthorization(Policies.ScenarioWrite)
            .ProducesOutcomeProblems()
            .WithName("AnswerScenarioMatch").WithSummary("The owner of a post accepts or declines a match with a published counterpart.");
        return api;
    }

    public static async Task<Ok<List<ScenarioPostDto>>> ListAsync([AsParameters] PostFilter filter, ScenarioService service,
        ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await service.ListAsync(service.Visible(user), filter, ct)).Select(p => ToDto(p, user)).ToList());

    public static async Task<Results<Created<ScenarioPostDto>, ProblemHttpResult>> CreateAsync(PostInput input, ScenarioService service,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await service.CreateAsync(input, user, ct)).ToHttp(l, p => TypedResults.Created($"/api/v1/scenario-posts/{p.Id}", ToDto(p, user)));

    public static async Task<Results<Ok<ScenarioPostDto>, ProblemHttpResult>> GetAsync(int id, ScenarioService service,
        ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var post = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstOrDefaultAsync(service.Visible(user), p => p.Id == id, ct);
        return post is null ? ApiHttp.NotFound(l) : TypedResults.Ok(ToDto(post, user));
    }

    public static async Task<Results<Ok<ScenarioPostDto>, ProblemHttpResult>> MoveAsync(int id, MoveInput input, HttpContext http,
        ScenarioService service, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var version = IfMatch.Version(http.Request.Headers[IfMatch.Header], input.Version);
        return (await service.MoveAsync(id, input.Action, version, user, ct)).ToHttp(l, p => TypedResults.Ok(ToDto(p, user)));
    }

    public static async Task<Results<Ok<List<PostMatchDto>>, ProblemHttpResult>> MatchesAsync(int id, int? max, ScenarioService service,
        ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await service.MatchesAsync(id, user, max ?? 10, ct)).ToHttp(l, list => TypedResults.Ok(list
            .Select(m => new PostMatchDto(ToDto(m.Post, user), m.Score, m.Reasons, m.NeedAccepted, m.CapabilityAccepted)).ToList()));

    public static async Task<Results<Ok<MatchAnswerDto>, ProblemHttpResult>> AnswerAsync(int id, int otherId, AnswerInput input,
        ScenarioService service, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await service.AnswerAsync(id, otherId, input.Accept, input.Note, user, ct)).ToHttp(l,
            a => TypedResults.Ok(new MatchAnswerDto(a.NeedId, a.CapabilityId, a.PostId, a.Accepted, a.Note, a.AnsweredAt)));

    public static ScenarioPostDto ToDto(ScenarioPost p, ClaimsPrincipal user)
    {
        var contact = ScenarioService.SeesContact(user, p);
        return new(p.Id, p.Kind.ToString().ToLowerInvariant(), p.State.ToString().ToLowerInvariant(), p.Title, p.Organisation, p.Summary,
            p.TrackId, p.ChainLinkId, p.DistrictId, p.Budget, p.Timeline, p.Requirements, p.References,
            contact ? p.ContactName : null, contact ? p.ContactPhone : null, p.PublishedAt, p.Version);
    }
}

public static class ScenarioServices
{
    public static IServiceCollection AddScenarios(this IServiceCollection services)
    {
        services.AddSingleton<ScenarioIndexCache>();
        services.AddScoped<ScenarioService>();
        services.AddScoped<Registries.IEnterpriseProfileSections, ScenarioProfileSections>();
        services.AddPortalSection(new PortalSection("scenarios", "Scenarios.Portal.Name", "Scenarios.Portal.Description",
            "/Portal/Scenarios", 20));
        return services;
    }
}
