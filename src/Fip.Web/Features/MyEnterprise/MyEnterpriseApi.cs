using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.MyEnterprise;

public sealed record EnterpriseRequestDto(int Id, string Kind, string State, string CreditCode, string CompanyName, int? EnterpriseId,
    string District, IReadOnlyDictionary<string, string?> Values, string? Reason, string? DecidedBy, DateTime CreatedAt,
    DateTime? DecidedAt, string Version)
{
    public static EnterpriseRequestDto Of(EnterpriseRequest r) => new(r.Id, r.Kind.ToString(), r.State.ToString(), r.CreditCode,
        r.CompanyName, r.EnterpriseId, r.District?.ShortName ?? "", r.ValueMap(), r.Reason, r.DecidedBy, r.CreatedAt, r.DecidedAt,
        r.Version);
}
public sealed record RequestDecisionInput(string? Decision, string? Reason, string? Version);

/// <summary>企业认领 and 变更审核 under /api/v1: an enterprise claims or submits its record; its district decides.</summary>
public static class MyEnterpriseApi
{
    public static RouteGroupBuilder MapMyEnterpriseApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/enterprise-requests").WithTags("Enterprise requests");
        g.MapGet("/", ListAsync).RequireAuthorization(Policies.RecordWrite).WithName("ListEnterpriseRequests")
            .WithSummary("Claims, new records and changes the caller sees (an enterprise: its own; a district: its district's).");
        g.MapPost("/claims", ClaimAsync).RequireAuthorization(Policies.EnterpriseSelf).ProducesOutcomeProblems()
            .WithName("ClaimEnterprise").WithSummary("认领: a signed-up enterprise user claims its record (code, name, contact).");
        g.MapPost("/new-records", NewRecordAsync).RequireAuthorization(Policies.EnterpriseSelf).ProducesOutcomeProblems()
            .WithName("SubmitEnterpriseRecord").WithSummary("An enterprise with no record submits one (registry fields) for approval.");
        g.MapPost("/{id:int}/decide", DecideAsync).RequireAuthorization(Policies.DistrictWrite).ProducesOutcomeProblems()
            .WithName("DecideEnterpriseRequest")
            .WithSummary("approve, or refuse with a reason; send the version you read (or If-Match): a stale one gets 409.");
        return api;
    }

    public static async Task<Ok<List<EnterpriseRequestDto>>> ListAsync(EnterpriseRequestService s, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok((await s.VisibleTo(user).OrderByDescending(r => r.Id).Take(500).ToListAsync(ct))
            .Select(EnterpriseRequestDto.Of).ToList());

    public static async Task<Results<Created<EnterpriseRequestDto>, ProblemHttpResult>> ClaimAsync(ClaimInput input,
        EnterpriseRequestService s, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        Created(await s.ClaimAsync(input, user, ct), l);

    public static async Task<Results<Created<EnterpriseRequestDto>, ProblemHttpResult>> NewRecordAsync(
        Dictionary<string, string?> values, EnterpriseRequestService s, ClaimsPrincipal user, IStringLocalizer<SharedResource> l,
        CancellationToken ct) =>
        Created(await s.SubmitNewRecordAsync(values, user, ct), l);

    private static Results<Created<EnterpriseRequestDto>, ProblemHttpResult> Created(Outcome<EnterpriseRequest> o, IStringLocalizer l) =>
        o.ToHttp(l, r => TypedResults.Created($"/api/v1/enterprise-requests/{r.Id}", EnterpriseRequestDto.Of(r)));

    public static async Task<Results<Ok<EnterpriseRequestDto>, ProblemHttpResult>> DecideAsync(int id, RequestDecisionInput input,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, EnterpriseRequestService s, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        bool? approve = input.Decision?.Trim().ToLowerInvariant() switch { "approve" => true, "refuse" => false, _ => null };
        if (approve is null) return Outcome.Invalid("decision", "MyEnterprise.BadDecision").AsProblem(l);
        return (await s.DecideAsync(id, approve.Value, input.Reason, IfMatch.Version(ifMatch, input.Version), user, ct))
            .ToHttp(l, r => TypedResults.Ok(EnterpriseRequestDto.Of(r)));
    }
}

public static class MyEnterpriseServices
{
    public static IServiceCollection AddMyEnterprise(this IServiceCollection services)
    {
        services.AddScoped<EnterpriseRequestService>();
        services.AddScoped<Registries.IEnterpriseChangeRequests>(sp => sp.GetRequiredService<EnterpriseRequestService>());
        return services;
    }
}
