using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Goals;

public sealed record PointDto(string Month, decimal Value);
public sealed record ProjectionDto(decimal Projected, decimal MonthlySlope, int MonthsLeft, decimal TrendAdditions, decimal Pipeline,
    decimal PipelineRate, decimal PipelineAdditions, int PointsUsed);
public sealed record GoalDto(
    int TargetId, string Indicator, string? IndicatorEn, int? Year, string? Comparator, decimal? Target, string Unit, string Quote,
    string? IndicatorCode, string? Registry, decimal? Value, decimal? Pipeline, decimal? Percent, string Status, ProjectionDto? Projection,
    string? HistoryBasis, IReadOnlyList<PointDto> History, string? Owner);
public sealed record SeriesDto(string Title, string Unit, decimal? Target, int? Year, IReadOnlyList<PointDto> History,
    IReadOnlyList<PointDto> Projection, string? Basis, string Status);
public sealed record CountDto(int? Id, string Name, decimal Count, bool Focus);
/// <summary>Cells are [track index, district index, value, 1 for a 重点布局 cell].</summary>
public sealed record HeatDto(IReadOnlyList<string> Districts, IReadOnlyList<string> Tracks, IReadOnlyList<decimal[]> Cells, decimal Max);
public sealed record BreakdownDto(string Title, IReadOnlyList<CountDto> ByTrack, IReadOnlyList<CountDto> ByDistrict, HeatDto Heat);
public sealed record IndicatorDto(int Id, string Code, string Name, string? NameEn, string Registry, IndicatorCriteria Criteria,
    string Description, string? Note, int? OwnerDepartmentId, string? Owner, int Revision, string Version, DateTime UpdatedAt,
    string Unit);
/// <summary>A change of an indicator; <c>Registry</c> null keeps the registry it counts (its source).</summary>
public sealed record IndicatorUpdateDto(string Name, string? NameEn, string? Note, int? OwnerDepartmentId, IndicatorCriteria Criteria,
    string? Version, string? Registry = null);
/// <summary>An indicator measured now: a count, a sum or an average (Value null and NoData true: an average of no values, 无数据),
/// in its unit, with the number of records behind it.</summary>
public sealed record IndicatorValueDto(int Id, string Code, string Name, string? NameEn, string Registry, string? Measure, string Unit,
    decimal? Value, bool NoData, int Records, decimal Pipeline, IReadOnlyList<PointDto> History);
/// <summary>How many indicators were snapshotted.</summary>
public sealed record TakenDto(int Taken);
/// <summary>Narrows a goal's count to one district (id) or one track (id).</summary>
public sealed record GoalFilter(int? District, int? Track);
public sealed record SnapshotDto(long Id, string Period, DateTime TakenAt, decimal Value, decimal Pipeline, int Revision, string Kind,
    string Criteria);

/// <summary>目标监测 under /api/v1/goals and /api/v1/indicators: goals measured live, their series and breakdowns, and how each is
/// counted.</summary>
public static class GoalsApi
{
    public static RouteGroupBuilder MapGoalsApi(this RouteGroupBuilder api)
    {
        var goals = api.MapGroup("/goals").WithTags("Goals");
        goals.MapGet("/", ListGoalsAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListGoals")
            .WithSummary("Every target of the plan in force, measured live: value, pipeline, projection to the target year, status and " +
                "history. Optional district or track narrows the count.");
        goals.MapGet("/{targetId:int}", GetGoalAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetGoal");
        goals.MapGet("/{targetId:int}/series", GetSeriesAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetGoalSeries").WithSummary("The goal's monthly history, its target line and its projection, for charts.");
        goals.MapGet("/{targetId:int}/breakdown", GetBreakdownAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetGoalBreakdown")
            .WithSummary("The goal's value by track, by district, and by district × track (with the plan's 重点布局 cells marked).");

        var indicators = api.MapGroup("/indicators").WithTags("Goals");
        indicators.MapGet("/", ListIndicatorsAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListIndicators").WithSummary("How each target is counted: registry, criteria, pipeline and owner.");
        indicators.MapGet("/{id:int}/snapshots", ListSnapshotsAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListIndicatorSnapshots")
            .WithSummary("Snapshots of an indicator, newest first, each with the definition in force when it was taken.");
        indicators.MapGet("/{id:int}/value", GetIndicatorValueAsync).ProducesNotFound().RequireAuthorization(Policies.Staff)
            .WithName("GetIndicatorValue")
            .WithSummary("An indicator measured live (count, sum or average, with its unit and the records behind it); optional " +
                "district or track narrows it.");
        indicators.MapPut("/{id:int}", UpdateIndicatorAsync).RequireAuthorization(Policies.Admin).ProducesOutcomeProblems()
            .WithName("UpdateIndicator")
            .WithSummary("Changes how an indicator is counted (admins). Send the version read (If-Match or \"version\"); a stale one " +
                "gets 409. Audited; a new criteria starts a new revision.");
        indicators.MapPost("/snapshots", TakeSnapshotsAsync).RequireAuthorization(Policies.Admin)
            .WithName("TakeSnapshots").WithSummary("Snapshots every indicator now (admins).");
        return api;
    }

    public static async Task<Ok<List<GoalDto>>> ListGoalsAsync([AsParameters] GoalFilter filter, GoalService service,
        CancellationToken ct) =>
        TypedResults.Ok((await service.KeptCardsAsync(ct, filter.District, filter.Track)).Select(ToDto).ToList());

    public static async Task<Results<Ok<GoalDto>, ProblemHttpResult>> GetGoalAsync(int targetId, [AsParameters] GoalFilter filter,
        GoalService service, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await service.CardAsync(targetId, ct, filter.District, filter.Track) is { } card
            ? TypedResults.Ok(ToDto(card))
            : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<SeriesDto>, ProblemHttpResult>> GetSeriesAsync(int targetId, [AsParameters] GoalFilter filter,
        GoalService service, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await service.CardAsync(targetId, ct, filter.District, filter.Track) is { } card
            ? TypedResults.Ok(Series(card, service.Today))
            : ApiHttp.NotFound(l);

    public static async Task<Results<Ok<BreakdownDto>, ProblemHttpResult>> GetBreakdownAsync(int targetId, FipDbContext db,
        IndicatorEngine engine, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await BreakdownAsync(db, engine, targetId, ct) is { } b ? TypedResults.Ok(b) : ApiHttp.NotFound(l);

    public static async Task<Ok<List<IndicatorDto>>> ListIndicatorsAsync(FipDbContext db, IStringLocalizer<SharedResource> l,
        CancellationToken ct) =>
        TypedResults.Ok(
            (await db.Indicators.AsNoTracking().Include(i => i.OwnerDepartment).OrderBy(i => i.Id).ToListAsync(ct)).Select(i => ToDto(i, l))
                .ToList());

    public static async Task<Results<Ok<IndicatorValueDto>, ProblemHttpResult>> GetIndicatorValueAsync(int id,
        [AsParameters] GoalFilter filter, FipDbContext db, GoalService service, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } def) return ApiHttp.NotFound(l);
        var r = await service.ReadAsync(def, ct, filter.District, filter.Track);
        return TypedResults.Ok(new IndicatorValueDto(def.Id, def.Code, def.Name, def.NameEn, def.Registry, r.Criteria.Measure,
            GoalUnits.OfIndicator(def, l), r.NoData ? null : r.Value, r.NoData, r.Records, r.Pipeline,
            [.. r.History.Select(h => new PointDto(Month(h.Month), h.Value))]));
    }

    public static async Task<Ok<List<SnapshotDto>>> ListSnapshotsAsync(int id, FipDbContext db, CancellationToken ct) =>
        TypedResults.Ok((
            await db.IndicatorSnapshots
                .AsNoTracking()
                .Where(s => s.IndicatorId == id)
                .OrderByDescending(s => s.TakenAt)
                .Take(240)
                .ToListAsync(ct))
            .Select(s => new SnapshotDto(s.Id, Month(s.Period), s.TakenAt, s.Value, s.Pipeline, s.Revision, s.Kind, s.Criteria)).ToList());

    public static async Task<Results<Ok<IndicatorDto>, ProblemHttpResult>> UpdateIndicatorAsync(int id, IndicatorUpdateDto body,
        [FromHeader(Name = IfMatch.Header)] string? ifMatch, IndicatorAdmin admin, IStringLocalizer<SharedResource> l,
        CancellationToken ct) =>
        (await admin.UpdateAsync(id,
            new IndicatorUpdate(body.Name, body.NameEn, body.Note, body.OwnerDepartmentId, body.Criteria, body.Registry),
            IfMatch.Version(ifMatch, body.Version), ct))
            .ToHttp(l, d => TypedResults.Ok(ToDto(d, l)));

    public static async Task<Ok<TakenDto>> TakeSnapshotsAsync(SnapshotService snapshots, CancellationToken ct) =>
        TypedResults.Ok(new TakenDto(await snapshots.TakeAsync(SnapshotKinds.Manual, ct)));

    public static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static GoalDto ToDto(GoalCard c) => new(
        c.TargetId, c.Indicator, c.IndicatorEn, c.Year, c.Comparator?.ToString(), c.TargetValue, c.Unit, c.Quote,
        c.Reading?.Definition.Code, c.Reading?.Definition.Registry, c.Value, c.Reading?.Pipeline, c.Percent, c.Status.ToString(),
        c.Projection is { } p
            ? new ProjectionDto(p.Projected, p.MonthlySlope, p.MonthsLeft, p.TrendAdditions, p.Pipeline, p.PipelineRate,
                p.PipelineAdditions, p.PointsUsed)
            : null,
        c.Reading?.Basis.ToString(), c.Reading?.History.Select(h => new PointDto(Month(h.Month), h.Value)).ToList() ?? [],
        c.Reading?.Definition.OwnerDepartment?.Name);

    public static SeriesDto Series(GoalCard c, DateOnly today)
    {
        var history = c.Reading?.History.Select(h => new PointDto(Month(h.Month), h.Value)).ToList() ?? [];
        var projection = new List<PointDto>();
        if (c.Projection is { } p && c.Year is { } y && history.Count > 0 && y >= today.Year)
        {
            projection.Add(history[^1]);
            projection.Add(new PointDto($"{y.ToString(CultureInfo.InvariantCulture)}-12", p.Projected));
        }
        return new SeriesDto(c.Title, c.Unit, c.TargetValue, c.Year, history, projection, c.Reading?.Basis.ToString(), c.Status.ToString());
    }

    public static IndicatorDto ToDto(IndicatorDefinition d, IStringLocalizer l) => new(d.Id, d.Code, d.Name, d.NameEn, d.Registry,
        IndicatorCriteria.Parse(d.Criteria), IndicatorAdmin.Describe(d, l), d.Note, d.OwnerDepartmentId, d.OwnerDepartment?.Name,
        d.Revision, d.Version, d.UpdatedAt, GoalUnits.OfIndicator(d, l));

    public static async Task<BreakdownDto?> BreakdownAsync(FipDbContext db, IndicatorEngine engine, int targetId, CancellationToken ct)
    {
        var target = await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == targetId, ct);
        if (target?.IndicatorId is not { } indicatorId
            || await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == indicatorId, ct) is not { } def)
            return null;
        var criteria = IndicatorCriteria.Parse(def.Criteria);
        var counter = engine.For(def.Registry);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == target.PlanId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var focus = await db.TrackFocusDistricts.AsNoTracking().Where(f => tracks.Select(t => t.Id).Contains(f.TrackId)).ToListAsync(ct);
        var byDistrict = await counter.ByDistrictAsync(db, criteria, null, ct);
        var average = counter.AggregateOf(criteria) == Registries.MeasureAggregate.Average;
        var cells = new List<decimal[]>();
        var byTrack = new List<CountDto>();
        for (var ti = 0; ti < tracks.Count; ti++)
        {
            var rows = await counter.ByDistrictAsync(db, criteria, tracks[ti].Id, ct);
            // An average is not the sum of its districts' averages: the track's own is measured.
            var trackValue = average ? (await counter.MeasureAsync(db, criteria, null, tracks[ti].Id, ct)).Value : rows.Sum(r => r.Count);
            byTrack.Add(new CountDto(tracks[ti].Id, Display.Name(tracks[ti].Name, tracks[ti].NameEn), trackValue, false));
            for (var di = 0; di < districts.Count; di++)
            {
                var n = rows.FirstOrDefault(r => r.DistrictId == districts[di].Id)?.Count ?? 0;
                var isFocus = focus.Any(f => f.TrackId == tracks[ti].Id && f.DistrictId == districts[di].Id);
                if (n > 0 || isFocus) cells.Add([ti, di, n, isFocus ? 1 : 0]);
            }
        }
        return new BreakdownDto(
            Display.Name(target.Indicator, target.IndicatorEn),
            byTrack,
            [.. districts.Select(
                d =>
                    new CountDto(d.Id, d.ShortName.Length > 0 ? d.ShortName : d.Name,
                        byDistrict.FirstOrDefault(r => r.DistrictId == d.Id)?.Count ?? 0, false))],
            new HeatDto([.. districts.Select(d => d.ShortName.Length > 0 ? d.ShortName : d.Name)],
                [.. tracks.Select(t => Display.Name(t.Name, t.NameEn))], cells, cells.Count == 0 ? 0 : cells.Max(c => c[2])));
    }
}
