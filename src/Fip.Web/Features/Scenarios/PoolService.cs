using System.Security.Claims;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Scenarios;

public sealed record InstitutionInput(string? Name, int? DistrictId, string? Description);

public sealed record EventInput(string? Title, DateOnly? HeldOn, int? DistrictId, int? InstitutionId, IReadOnlyList<int>? PostIds,
    IReadOnlyList<string>? Attendees, string? FollowUp);

/// <summary>What an institution organised: its matchmaking events and its calls.</summary>
public sealed record InstitutionRecord(PromotionInstitution Institution, IReadOnlyList<MatchEvent> Events,
    IReadOnlyList<ScenarioCall> Calls);

/// <summary>One row of the funnel: published needs → matched (an agreed match or an awarded call) → awarded calls → projects that
/// reached each stage.</summary>
public sealed record FunnelRow(int? Key, int Published, int Matched, int Awarded, int EarlyValidation, int IntegrationTrial, int Promotion);

public sealed record Funnel(FunnelRow Total, IReadOnlyList<FunnelRow> ByTrack, IReadOnlyList<FunnelRow> ByDistrict);

/// <summary>The 场景促进机构 registry, 对接会 records, and the marketplace funnel.</summary>
public sealed class PoolService(FipDbContext db, TimeProvider clock)
{
    private const string PoolAudit = "ScenarioPool";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<Outcome> RefuseAsync(ClaimsPrincipal user, Outcome refusal, CancellationToken ct) =>
        ScenarioAudit.RefuseAsync(db, clock, user, PoolAudit, "new", refusal, ct);

    public async Task<IReadOnlyList<InstitutionRecord>> InstitutionsAsync(CancellationToken ct)
    {
        var list = await db.Set<PromotionInstitution>().AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct);
        var events = (await db.Set<MatchEvent>().AsNoTracking().Where(e => e.InstitutionId != null).ToListAsync(ct)).ToLookup(e =>
            e.InstitutionId);
        var calls = (await db.Set<ScenarioCall>().AsNoTracking().Where(c => c.InstitutionId != null).ToListAsync(ct)).ToLookup(c =>
            c.InstitutionId);
        return [.. list.Select(i => new InstitutionRecord(i, [.. events[i.Id]], [.. calls[i.Id]]))];
    }

    public async Task<Outcome<PromotionInstitution>> AddInstitutionAsync(InstitutionInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Text(errors, "name", input.Name, 200);
        Text(errors, "description", input.Description, 2000);
        if (input.DistrictId is { } d && !await db.Districts.AnyAsync(x => x.Id == d, ct)) errors["districtId"] = "Scenarios.Error.Unknown";
        if (errors.Count == 0 && await db.Set<PromotionInstitution>().AnyAsync(i => i.Name == input.Name!.Trim(), ct))
            errors["name"] = "Calls.Error.Duplicate";
        if (errors.Count > 0) return await RefuseAsync(user, Outcome.Invalid(errors), ct);
        var institution = new PromotionInstitution
        {
            Name = input.Name!.Trim(),
            DistrictId = input.DistrictId,
            Description = input.Description!.Trim(),
            CreatedAt = Now,
        };
        db.Add(institution);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(institution);
    }

    public Task<List<MatchEvent>> EventsAsync(CancellationToken ct) =>
        db.Set<MatchEvent>().AsNoTracking().OrderByDescending(e => e.HeldOn).ThenByDescending(e => e.Id).Take(500).ToListAsync(ct);

    /// <summary>Records a 对接会: who met (published posts and the attendees) and what followed.</summary>
    public async Task<Outcome<MatchEvent>> AddEventAsync(EventInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Text(errors, "title", input.Title, 200);
        Text(errors, "followUp", input.FollowUp, CallRules.TextMax);
        if (input.HeldOn is not { } held) errors["heldOn"] = "Scenarios.Error.Required";
        else if (held > Display.Today(clock)) errors["heldOn"] = "Calls.Error.Date";
        var ids = (input.PostIds ?? []).Distinct().ToList();
        if (ids.Count == 0) errors["postIds"] = "Scenarios.Error.Required";
        else if (await ScenarioService.Public(db.Set<ScenarioPost>()).CountAsync(p => ids.Contains(p.Id), ct) != ids.Count)
            errors["postIds"] = "Calls.Error.EventPosts";
        if (CallRules.Join(input.Attendees).Length == 0) errors["attendees"] = "Scenarios.Error.Required";
        else if (CallRules.Join(input.Attendees).Length > 2000) errors["attendees"] = "Scenarios.Error.TooLong";
        if (input.DistrictId is { } d && !await db.Districts.AnyAsync(x => x.Id == d, ct)) errors["districtId"] = "Scenarios.Error.Unknown";
        if (input.InstitutionId is { } i && !await db.Set<PromotionInstitution>().AnyAsync(x => x.Id == i, ct))
            errors["institutionId"] = "Scenarios.Error.Unknown";
        if (errors.Count > 0) return await RefuseAsync(user, Outcome.Invalid(errors), ct);
        var e = new MatchEvent
        {
            Title = input.Title!.Trim(),
            HeldOn = input.HeldOn!.Value,
            DistrictId = input.DistrictId,
            InstitutionId = input.InstitutionId,
            PostIds = string.Join('|', ids),
            Attendees = CallRules.Join(input.Attendees),
            FollowUp = input.FollowUp!.Trim(),
            CreatedBy = user.Identity?.Name ?? "",
            CreatedAt = Now,
        };
        db.Add(e);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok(e);
    }

    /// <summary>
    /// The funnel over needs that were ever published: matched when both sides accepted a match or its call was awarded; awarded
    /// when its call was; then its projects by the stage reached (a project at 综合推广 has reached 融合试验 too).
    /// </summary>
    public async Task<Funnel> FunnelAsync(int? track, int? district, CancellationToken ct)
    {
        var needs = await db.Set<ScenarioPost>().AsNoTracking().Where(p => p.Kind == PostKind.Need && p.PublishedAt != null)
            .Where(p => track == null || p.TrackId == track).Where(p => district == null || p.DistrictId == district)
            .Select(p => new { p.Id, p.TrackId, p.DistrictId }).ToListAsync(ct);
        var answers = await db.Set<ScenarioMatchAnswer>().AsNoTracking().Where(a => a.Accepted)
            .Select(a => new { a.NeedId, a.CapabilityId, a.PostId }).ToListAsync(ct);
        var agreed = answers.GroupBy(a => (a.NeedId, a.CapabilityId)).Where(g => g.Select(a => a.PostId).Distinct().Count() == 2)
            .Select(g => g.Key.NeedId).ToHashSet();
        var awarded = (await db.Set<ScenarioCall>().AsNoTracking().Where(c => c.State == CallState.Awarded).Select(c => c.NeedId)
            .ToListAsync(ct)).ToHashSet();
        var stages = (await db.Set<ScenarioProject>().AsNoTracking().Select(p => new { p.NeedId, p.Stage }).ToListAsync(ct))
            .ToLookup(p => p.NeedId, p => p.Stage);
        FunnelRow Row(int? key, IEnumerable<int> ids)
        {
            var list = ids.ToList();
            int Reached(ScenarioStage s) => list.Sum(n => stages[n].Count(x => x >= s));
            return new FunnelRow(key, list.Count, list.Count(n => agreed.Contains(n) || awarded.Contains(n)), list.Count(awarded.Contains),
                Reached(ScenarioStage.EarlyValidation), Reached(ScenarioStage.IntegrationTrial), Reached(ScenarioStage.Promotion));
        }
        return new Funnel(Row(null, needs.Select(n => n.Id)),
            [.. needs.GroupBy(n => n.TrackId).OrderBy(g => g.Key).Select(g => Row(g.Key, g.Select(n => n.Id)))],
            [.. needs.GroupBy(n => n.DistrictId).OrderBy(g => g.Key).Select(g => Row(g.Key, g.Select(n => n.Id)))]);
    }

    private static void Text(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = "Scenarios.Error.Required";
        else if (value.Trim().Length > max) errors[field] = "Scenarios.Error.TooLong";
    }
}
