using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Plans;

public sealed record QuoteDto(int Start, int Length, string Text)
{
    public static QuoteDto? From(SourceQuote? q) => q is null ? null : new(q.Start, q.Length, q.Text);
}

public sealed record DistrictRef(int Id, string Name, string? Code, DistrictKind Kind);
public sealed record DepartmentRef(int Id, string Name, string? FullName, DepartmentKind Kind);
public sealed record TierDto(int Id, string Code, string Name, string? NameEn, QuoteDto Source, IReadOnlyList<TrackSummaryDto> Tracks);
public sealed record TrackSummaryDto(int Id, string Code, string Name, string? NameEn, string TierCode,
    IReadOnlyList<DistrictRef> FocusDistricts);
public sealed record TrackDto(int Id, string Code, string Name, string? NameEn, string TierCode, string TierName, QuoteDto Source,
    QuoteDto? Summary, QuoteDto? FocusSource, IReadOnlyList<DistrictRef> FocusDistricts);
public sealed record TargetDto(int Id, int? Year, string Indicator, string? IndicatorEn, Comparator? Comparator, decimal? Value,
    string Unit, QuoteDto Source);
public sealed record ProgrammeUnitDto(DepartmentRef Department, AssignmentRole Role);
public sealed record ProgrammeDto(int Id, ProgrammeKind Kind, string Number, string Title, string? TitleEn, bool DistrictsCarryOut,
    QuoteDto Source, QuoteDto? UnitsSource, string Body, IReadOnlyList<ProgrammeUnitDto> Units);
public sealed record PlanSummaryDto(int Id, string Key, string Name, string CityName, bool IsCurrent, string DocumentTitle, string? Issuer,
    string? DocumentNumber, int? Year);
/// <summary>What the home page says about the plan in force: its document and how many items it has.</summary>
public sealed record PlanHomeDto(PlanSummaryDto Plan, int Tracks, int Targets, int Programmes, int Measures);
public sealed record PlanDto(PlanSummaryDto Plan, IReadOnlyList<TierDto> Tiers, IReadOnlyList<TrackDto> Tracks,
    IReadOnlyList<TargetDto> Targets, IReadOnlyList<ProgrammeDto> Programmes);

/// <summary>A highlighted passage of the document: the quote of one plan item, with where it links to.</summary>
public sealed record DocumentMark(string Kind, int ItemId, int Start, int Length, string Anchor, string Label);
public sealed record DocumentDto(int PlanId, string Title, string? Issuer, string? DocumentNumber, string Text,
    IReadOnlyList<DocumentMark> Marks);

/// <summary>Read models of a plan for the pages and the API (one query per aggregate, no lazy loading).</summary>
public sealed class PlanQueries(FipDbContext db)
{
    public Task<List<PlanSummaryDto>> ListAsync(CancellationToken ct = default) =>
        db.Plans.AsNoTracking().OrderByDescending(p => p.IsCurrent).ThenBy(p => p.Id)
            .Select(
                p =>
                    new PlanSummaryDto(p.Id, p.Key, p.Name, p.CityName, p.IsCurrent, p.PolicyDocument.Title, p.PolicyDocument.Issuer,
                        p.PolicyDocument.DocumentNumber, p.PolicyDocument.Year))
            .ToListAsync(ct);

    public async Task<int?> CurrentPlanIdAsync(CancellationToken ct = default) =>
        await db.Plans.AsNoTracking().Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
        ?? await db.Plans.AsNoTracking().OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>The plan's document and item counts in one query (the home page needs no more).</summary>
    public Task<PlanHomeDto?> HomeAsync(int planId, CancellationToken ct = default) =>
        db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new PlanHomeDto(
                new PlanSummaryDto(p.Id, p.Key, p.Name, p.CityName, p.IsCurrent, p.PolicyDocument.Title, p.PolicyDocument.Issuer,
                    p.PolicyDocument.DocumentNumber, p.PolicyDocument.Year),
                p.Tracks.Count, p.Targets.Count, p.Programmes.Count(x => x.Kind == ProgrammeKind.Programme),
                p.Programmes.Count(x => x.Kind == ProgrammeKind.Measure)))
            .FirstOrDefaultAsync(ct);

    public async Task<PlanDto?> GetAsync(int planId, CancellationToken ct = default)
    {
        var summary = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(
                p =>
                    new PlanSummaryDto(p.Id, p.Key, p.Name, p.CityName, p.IsCurrent, p.PolicyDocument.Title, p.PolicyDocument.Issuer,
                        p.PolicyDocument.DocumentNumber, p.PolicyDocument.Year))
            .FirstOrDefaultAsync(ct);
        if (summary is null) return null;

        var tiers = await db.TrackTiers.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId)
            .Include(t => t.Tier).Include(t => t.FocusDistricts).ThenInclude(f => f.District)
            .OrderBy(t => t.SortOrder).ToListAsync(ct);
        var targets = await db.Targets.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var programmes = await db.Programmes.AsNoTracking().Where(p => p.PlanId == planId)
            .Include(p => p.Units).ThenInclude(u => u.Department)
            .OrderBy(p => p.SortOrder).ToListAsync(ct);

        var trackDtos = tracks.Select(ToDto).ToList();
        var tierDtos = tiers.Select(t => new TierDto(t.Id, t.Code, t.Name, t.NameEn, QuoteDto.From(t.Source)!,
            [.. trackDtos.Where(x => x.TierCode == t.Code)
                .Select(x => new TrackSummaryDto(x.Id, x.Code, x.Name, x.NameEn, x.TierCode, x.FocusDistricts))])).ToList();
        return new PlanDto(summary, tierDtos, trackDtos,
            [.. targets.Select(ToDto)],
            [.. programmes.Select(ToDto)]);
    }

    public async Task<TrackDto?> GetTrackAsync(int trackId, CancellationToken ct = default)
    {
        var track = await db.Tracks.AsNoTracking().Include(t => t.Tier).Include(t => t.FocusDistricts).ThenInclude(f => f.District)
            .FirstOrDefaultAsync(t => t.Id == trackId, ct);
        return track is null ? null : ToDto(track);
    }

    public async Task<ProgrammeDto?> GetProgrammeAsync(int programmeId, CancellationToken ct = default)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Units).ThenInclude(u => u.Department)
            .FirstOrDefaultAsync(p => p.Id == programmeId, ct);
        return programme is null ? null : ToDto(programme);
    }

    public async Task<int?> PlanIdOfTrackAsync(int trackId, CancellationToken ct = default) =>
        await db.Tracks.Where(t => t.Id == trackId).Select(t => (int?)t.PlanId).FirstOrDefaultAsync(ct);

    public async Task<int?> PlanIdOfProgrammeAsync(int programmeId, CancellationToken ct = default) =>
        await db.Programmes.Where(t => t.Id == programmeId).Select(t => (int?)t.PlanId).FirstOrDefaultAsync(ct);

    public async Task<DocumentDto?> GetDocumentAsync(int planId, CancellationToken ct = default)
    {
        var plan = await GetAsync(planId, ct);
        if (plan is null) return null;
        var text = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.PolicyDocument.Text).FirstAsync(ct);
        return new DocumentDto(planId, plan.Plan.DocumentTitle, plan.Plan.Issuer, plan.Plan.DocumentNumber, text, MarksOf(plan));
    }

    /// <summary>Every quoted passage of the plan, in document order; anchors are the ids the pages link to.</summary>
    public static IReadOnlyList<DocumentMark> MarksOf(PlanDto plan)
    {
        var marks = new List<DocumentMark>();
        foreach (var t in plan.Tiers) marks.Add(new("tier", t.Id, t.Source.Start, t.Source.Length, Anchor("tier", t.Id), t.Name));
        foreach (var t in plan.Tracks)
        {
            marks.Add(new("track", t.Id, t.Source.Start, t.Source.Length, Anchor("track", t.Id), t.Name));
            if (t.Summary is { } s) marks.Add(new("track", t.Id, s.Start, s.Length, Anchor("track-summary", t.Id), t.Name));
            if (t.FocusSource is { } f) marks.Add(new("focus", t.Id, f.Start, f.Length, Anchor("focus", t.Id), t.Name));
        }
        foreach (var t in plan.Targets)
            marks.Add(new("target", t.Id, t.Source.Start, t.Source.Length, Anchor("target", t.Id), t.Indicator));
        foreach (var p in plan.Programmes)
        {
            marks.Add(new("programme", p.Id, p.Source.Start, p.Source.Length, Anchor("programme", p.Id), p.Title));
            if (p.UnitsSource is { } u) marks.Add(new("units", p.Id, u.Start, u.Length, Anchor("units", p.Id), p.Title));
        }
        return [.. marks.OrderBy(m => m.Start).ThenByDescending(m => m.Length)];
    }

    public static string Anchor(string kind, int id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"q-{kind}-{id}");

    private static TrackDto ToDto(Track t) =>
        new(t.Id, t.Code, t.Name, t.NameEn, t.Tier.Code, t.Tier.Name, QuoteDto.From(t.Source)!, QuoteDto.From(t.Summary),
            QuoteDto.From(t.FocusSource),
        [.. t.FocusDistricts
            .OrderBy(f => f.SortOrder)
            .Select(f => new DistrictRef(f.District.Id, f.District.ShortName, f.District.Code, f.District.Kind))]);

    private static TargetDto ToDto(Target t) =>
        new(t.Id, t.Year, t.Indicator, t.IndicatorEn, t.Comparator, t.Value, t.Unit, QuoteDto.From(t.Source)!);

    private static ProgrammeDto ToDto(Programme p) =>
        new(p.Id, p.Kind, p.Number, p.Title, p.TitleEn, p.DistrictsCarryOut, QuoteDto.From(p.Source)!, QuoteDto.From(p.UnitsSource), p.Body,
        [.. p.Units
            .OrderBy(u => u.SortOrder)
            .Select(
                u =>
                    new ProgrammeUnitDto(new DepartmentRef(u.Department.Id, u.Department.Name, u.Department.FullName, u.Department.Kind),
                        u.Role))]);
}
