using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Plans;

/// <summary>One difference between the current plan and a draft: a section (tracks, targets, programmes, units), what happened and to
/// what.</summary>
public sealed record PlanChange(string Section, string Change, string Item, string? Before, string? After);

/// <summary>A record of another feature that names a track a revision removes: its label (a resource key), its page, its name.</summary>
public sealed record AffectedRecord(string LabelKey, string Link, string Name, string Track);

/// <summary>One kind of record of another feature that names a track: its label (a resource key), the start of its page's
/// address (the id follows) and the records, ordered, as id and name. Counted and paged in the database.</summary>
public sealed record TrackDependentQuery(string LabelKey, string LinkPrefix, IQueryable<ValueTuple<int, string>> Rows);

/// <summary>How many records of one kind name a removed track.</summary>
public sealed record AffectedGroup(string LabelKey, string Track, int Count);

/// <summary>The records a revision unlinks, one page of them, with the count of each kind for every removed track.</summary>
public sealed record AffectedPage(IReadOnlyList<AffectedGroup> Groups, IReadOnlyList<AffectedRecord> Items, int Total, int Page,
    int PageCount)
{
    public static readonly AffectedPage None = new([], [], 0, 1, 1);
}

/// <summary>
/// Records of other features that name a track of the plan (registries, chain maps). Plans owns the question; those features
/// answer it (registered as <c>ITrackDependents</c>), so the plan never names them.
/// </summary>
public interface ITrackDependents
{
    /// <summary>The kinds of records naming <paramref name="track"/>, listed before a revision that removes it is accepted.</summary>
    IEnumerable<TrackDependentQuery> Naming(Track track);

    /// <summary>Why none of <paramref name="tracks"/> may be removed (curated work hangs on it), or null.</summary>
    Task<string?> RefusesRemovalAsync(IReadOnlyList<Track> tracks, CancellationToken ct);

    /// <summary>Moves what names track <paramref name="from"/> to track <paramref name="to"/> (null: unlinks it), unsaved.</summary>
    Task MoveAsync(int from, int? to, CancellationToken ct);
}

/// <summary>
/// Writes a <see cref="PlanDraft"/> as a plan: a new plan, or a revision of an existing one in place. Items that stay
/// (tracks by code or name, targets by indicator and year, programmes by kind and title) keep their ids, so that
/// registry records, goals and links keep pointing at them. Every write goes through <see
/// cref="FipDbContext.SaveChangesAsync(CancellationToken)"/>.
/// </summary>
public sealed class PlanWriter(FipDbContext db, IEnumerable<ITrackDependents> dependents)
{
    /// <summary>Adds the draft as a new plan. It becomes current when asked, or when there is no current plan.</summary>
    public async Task<Plan> CreateAsync(PlanDraft d, CancellationToken ct = default, bool makeCurrent = false)
    {
        Check(d);
        var districts = await UpsertDistrictsAsync(d.Districts, ct);
        var departments = await UpsertDepartmentsAsync(d.Departments, ct);
        var previous = await db.Plans.Include(p => p.Tracks).Include(p => p.Targets).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.IsCurrent, ct);
        var plan = new Plan
        {
            Key = d.Key,
            Name = d.Document.Title,
            CityName = d.CityName,
            CityDivisionCode = d.CityDivisionCode,
            IsCurrent = makeCurrent || previous is null,
            PolicyDocument = NewDocument(d),
            CreatedAt = DateTime.UtcNow,
        };
        Apply(plan, d, districts, departments);
        db.Plans.Add(plan);
        if (makeCurrent && previous is not null) previous.IsCurrent = false;
        await db.SaveChangesAsync(ct);

        if (makeCurrent && previous is not null)
        {
            // Records linked to a track of the old plan follow the track of the same code or name in the new one.
            var moves = previous.Tracks
                .Select(
                    old =>
                        (old,
                            now: plan.Tracks.FirstOrDefault(n => n.Code == old.Code)
                                ?? plan.Tracks.FirstOrDefault(n => n.Name == old.Name)))
                .Where(x => x.now is not null)
                .ToDictionary(x => x.old.Id, x => (int?)x.now!.Id);
            await RelinkRecordsAsync(moves, ct);
            foreach (var target in plan.Targets.Where(t => t.IndicatorId is null))
                target.IndicatorId =
                    previous.Targets.FirstOrDefault(t => t.Indicator == target.Indicator && t.IndicatorId is not null)?.IndicatorId;
            await db.SaveChangesAsync(ct);
        }
        return plan;
    }

    /// <summary>Revises plan <paramref name="planId"/> in place to what the draft says; unmatched tracks' records are unlinked.</summary>
    public async Task ReviseAsync(int planId, PlanDraft d, CancellationToken ct = default)
    {
        Check(d);
        var districts = await UpsertDistrictsAsync(d.Districts, ct);
        var departments = await UpsertDepartmentsAsync(d.Departments, ct);
        var plan = await LoadAsync(planId, ct) ?? throw new PlanSeedException($"No plan {planId}.");
        plan.PolicyDocument = NewDocument(d);
        plan.Name = d.Document.Title;
        var removedTracks = plan.Tracks.Where(t => !d.Tracks.Any(x => Matches(t, x))).ToList();
        // Curated work (a chain map) hangs on some tracks: those are not removed silently.
        foreach (var dependent in dependents)
            if (await dependent.RefusesRemovalAsync(removedTracks, ct) is { } refusal) throw new PlanSeedException(refusal);
        await RelinkRecordsAsync(removedTracks.ToDictionary(t => t.Id, _ => (int?)null), ct);
        Apply(plan, d, districts, departments);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What accepting <paramref name="d"/> as a revision of plan <paramref name="planId"/> would change.</summary>
    /// <param name="affectedPage">Which page of the records the removed tracks unlink (<see cref="AffectedPageSize"/> each).</param>
    public async Task<(IReadOnlyList<PlanChange> Changes, AffectedPage Affected)> CompareAsync(int planId, PlanDraft d,
        int affectedPage = 1, CancellationToken ct = default)
    {
        var plan = await LoadAsync(planId, ct, tracking: false) ?? throw new PlanSeedException($"No plan {planId}.");
        var changes = new List<PlanChange>();
        foreach (var t in plan.Tracks.OrderBy(t => t.SortOrder))
        {
            var x = d.Tracks.FirstOrDefault(x => Matches(t, x));
            if (x is null) { changes.Add(new("tracks", "removed", t.Name, Describe(t), null)); continue; }
            var (before, after) = (Describe(t), Describe(x, d));
            if (before != after) changes.Add(new("tracks", "changed", t.Name, before, after));
        }
        foreach (var x in d.Tracks.Where(x => !plan.Tracks.Any(t => Matches(t, x))))
            changes.Add(new("tracks", "added", x.Name, null, Describe(x, d)));
        foreach (var t in plan.Targets.OrderBy(t => t.SortOrder))
        {
            var x = d.Targets.FirstOrDefault(x => Matches(t, x));
            if (x is null)
            {
                changes.Add(
                    new("targets", "removed", Label(t.Indicator, t.Year), Describe(t.Comparator, t.Value, t.Unit), null)); continue;
            }
            var (before, after) = (Describe(t.Comparator, t.Value, t.Unit), Describe(x.Comparator, x.Value, x.Unit));
            if (before != after) changes.Add(new("targets", "changed", Label(t.Indicator, t.Year), before, after));
        }
        foreach (var x in d.Targets.Where(x => !plan.Targets.Any(t => Matches(t, x))))
            changes.Add(new("targets", "added", Label(x.Indicator, x.Year), null, Describe(x.Comparator, x.Value, x.Unit)));
        foreach (var p in plan.Programmes.OrderBy(p => p.SortOrder))
        {
            var x = d.Programmes.FirstOrDefault(x => x.Kind == p.Kind && x.Title == p.Title);
            if (x is null) { changes.Add(new("programmes", "removed", p.Title, Units(p), null)); continue; }
            var (before, after) = (Units(p), Units(x));
            if (before != after) changes.Add(new("units", "changed", p.Title, before, after));
        }
        foreach (var x in d.Programmes.Where(x => !plan.Programmes.Any(p => x.Kind == p.Kind && x.Title == p.Title)))
            changes.Add(new("programmes", "added", x.Title, null, Units(x)));

        var removed = plan.Tracks.Where(t => !d.Tracks.Any(x => Matches(t, x))).OrderBy(t => t.SortOrder).ToList();
        return (changes, await AffectedAsync(removed, affectedPage, ct));
    }

    public const int AffectedPageSize = 50;

    /// <summary>One page of the records naming <paramref name="removed"/>, in the order of track, kind and id; the database counts
    /// and skips, so a track named by a million enterprises costs a count and one page.</summary>
    private async Task<AffectedPage> AffectedAsync(IReadOnlyList<Track> removed, int page, CancellationToken ct)
    {
        var groups = new List<(AffectedGroup Group, TrackDependentQuery Query)>();
        foreach (var t in removed)
            foreach (var q in dependents.SelectMany(x => x.Naming(t)))
                if (await q.Rows.CountAsync(ct) is > 0 and var count) groups.Add((new AffectedGroup(q.LabelKey, t.Name, count), q));
        var total = groups.Sum(g => g.Group.Count);
        if (total == 0) return AffectedPage.None;
        page = Infrastructure.Paging.Within(page, total, AffectedPageSize);
        var (skip, need) = ((page - 1) * AffectedPageSize, AffectedPageSize);
        var items = new List<AffectedRecord>();
        foreach (var (group, q) in groups)
        {
            if (need == 0) break;
            if (skip >= group.Count) { skip -= group.Count; continue; }
            var rows = await q.Rows.Skip(skip).Take(need).ToListAsync(ct);
            items.AddRange(rows.Select(r => new AffectedRecord(q.LabelKey, q.LinkPrefix + r.Item1.ToString(CultureInfo.InvariantCulture),
                r.Item2, group.Track)));
            (skip, need) = (0, need - rows.Count);
        }
        return new AffectedPage([.. groups.Select(g => g.Group)], items, total, page,
            Infrastructure.Paging.PageCount(total, AffectedPageSize));
    }

    private static void Check(PlanDraft d)
    {
        var problems = d.Validate();
        if (problems.Count > 0) throw new PlanSeedException(string.Join("; ", problems));
    }

    private Task<Plan?> LoadAsync(int planId, CancellationToken ct, bool tracking = true)
    {
        var q = db.Plans
            .Include(p => p.PolicyDocument)
            .Include(p => p.Tiers)
            .Include(p => p.Tracks)
            .ThenInclude(t => t.Tier)
            .Include(p => p.Tracks)
            .ThenInclude(t => t.FocusDistricts)
            .ThenInclude(f => f.District)
            .Include(p => p.Targets).Include(p => p.Programmes).ThenInclude(p => p.Units).ThenInclude(u => u.Department).AsSplitQuery();
        return (tracking ? q : q.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == planId, ct);
    }

    internal static bool Matches(Track t, DraftTrack x) => t.Code == x.Code || t.Name == x.Name;
    internal static bool Matches(Target t, DraftTarget x) => t.Indicator == x.Indicator && t.Year == x.Year;

    private static string Label(string indicator, int? year) => year is null
        ? indicator
        : string.Create(CultureInfo.InvariantCulture, $"{year} {indicator}");
    private static string Describe(Comparator? c, decimal? v, string unit) =>
        $"{Infrastructure.Display.Symbol(c)}{v?.ToString("0.####", CultureInfo.InvariantCulture)} {unit}".Trim();
    private static string Describe(Track t) =>
        $"{t.Name} · {t.Tier.Name} · {string.Join('、', t.FocusDistricts.OrderBy(f => f.SortOrder).Select(f => f.District.ShortName))}";
    private static string Describe(DraftTrack x, PlanDraft d) =>
        $"{x.Name} · {d.Tiers.FirstOrDefault(t => t.Code == x.Tier)?.Name ?? x.Tier} · " +
        $"{string.Join('、', x.FocusDistricts.Select(n => ShortName(d, n)))}";
    private static string ShortName(PlanDraft d, string name) =>
        d.Districts.FirstOrDefault(x => PlanDraftBuilder.DistrictNames(x).Contains(name, StringComparer.Ordinal))?.ShortName ?? name;
    private static string Units(Programme p) =>
        $"{string.Join('、', p.Units.Where(u => u.Role == AssignmentRole.Lead).OrderBy(u => u.SortOrder).Select(u => u.Department.Name))} " +
        $"| {string.Join('、', p.Units.Where(u => u.Role == AssignmentRole.Co).OrderBy(u => u.SortOrder).Select(u => u.Department.Name))}";
    private static string Units(DraftProgramme p) => $"{string.Join('、', p.Lead)} | {string.Join('、', p.Co)}";

    private static PolicyDocument NewDocument(PlanDraft d) => new()
    {
        Title = d.Document.Title,
        Issuer = d.Document.Issuer,
        DocumentNumber = d.Document.Number,
        Year = d.Document.Year,
        FileName = d.Document.FileName,
        Text = d.Text,
        ImportedAt = DateTime.UtcNow,
    };

    /// <summary>Brings the plan's tiers, tracks, targets and programmes to what the draft says, keeping matched items.</summary>
    private void Apply(Plan plan, PlanDraft d, List<District> districts, List<Department> departments)
    {
        var text = d.Text;
        var tiers = new Dictionary<string, TrackTier>(StringComparer.Ordinal);
        foreach (var (x, i) in d.Tiers.Select((x, i) => (x, i)))
        {
            var tier = plan.Tiers.FirstOrDefault(t => t.Code == x.Code);
            if (tier is null) plan.Tiers.Add(tier = new TrackTier { Code = x.Code });
            tier.Name = x.Name; tier.NameEn = x.NameEn; tier.SortOrder = i; tier.Source = x.Source.ToQuote(text);
            tiers[x.Code] = tier;
        }

        var keptTracks = new List<Track>();
        foreach (var (x, i) in d.Tracks.Select((x, i) => (x, i)))
        {
            var track = plan.Tracks.FirstOrDefault(t => t.Code == x.Code && !keptTracks.Contains(t))
                ?? plan.Tracks.FirstOrDefault(t => t.Name == x.Name && !keptTracks.Contains(t));
            if (track is null) plan.Tracks.Add(track = new Track());
            keptTracks.Add(track);
            track.Code = x.Code; track.Name = x.Name; track.NameEn = x.NameEn; track.Tier = tiers[x.Tier]; track.SortOrder = i;
            track.Source = x.Source.ToQuote(text);
            track.Summary = x.Summary?.ToQuote(text);
            track.FocusSource = x.FocusSource?.ToQuote(text);
            track.FocusDistricts.Clear();
            foreach (var (name, j) in x.FocusDistricts.Select((n, j) => (n, j)))
            {
                var district = districts.FirstOrDefault(dd => dd.AllNames().Contains(name, StringComparer.Ordinal))
                    ?? throw new PlanSeedException($"Unknown district {name} in the focus of {x.Name}.");
                if (track.FocusDistricts.Any(f => f.District == district)) continue;
                track.FocusDistricts.Add(new TrackFocusDistrict { District = district, SortOrder = j });
            }
        }
        foreach (var gone in plan.Tracks.Except(keptTracks).ToList()) { plan.Tracks.Remove(gone); db.Tracks.Remove(gone); }
        foreach (var gone in plan.Tiers.Where(t => !tiers.ContainsValue(t)).ToList())
        {
            plan.Tiers.Remove(gone); db.TrackTiers.Remove(gone);
        }

        var keptTargets = new List<Target>();
        foreach (var (x, i) in d.Targets.Select((x, i) => (x, i)))
        {
            var target = plan.Targets.FirstOrDefault(t => Matches(t, x) && !keptTargets.Contains(t));
            if (target is null) plan.Targets.Add(target = new Target());
            keptTargets.Add(target);
            target.Year = x.Year; target.Indicator = x.Indicator; target.IndicatorEn = x.IndicatorEn; target.Comparator = x.Comparator;
            target.Value = x.Value; target.Unit = x.Unit; target.SortOrder = i; target.Source = x.Source.ToQuote(text);
        }
        foreach (var gone in plan.Targets.Except(keptTargets).ToList()) { plan.Targets.Remove(gone); db.Targets.Remove(gone); }

        var keptProgrammes = new List<Programme>();
        foreach (var (x, i) in d.Programmes.Select((x, i) => (x, i)))
        {
            var programme = plan.Programmes.FirstOrDefault(p => p.Kind == x.Kind && p.Title == x.Title && !keptProgrammes.Contains(p));
            if (programme is null) plan.Programmes.Add(programme = new Programme());
            keptProgrammes.Add(programme);
            programme.Kind = x.Kind; programme.Number = x.Number; programme.Title = x.Title; programme.TitleEn =
                x.TitleEn; programme.SortOrder = i;
            programme.DistrictsCarryOut = x.DistrictsCarryOut;
            programme.Source = x.Source.ToQuote(text);
            programme.UnitsSource = x.UnitsSource?.ToQuote(text);
            var bodyEnd = x.UnitsSource?.Start ?? NextHeadingStart(d, x);
            programme.Body = bodyEnd > x.Source.End ? text[x.Source.End..bodyEnd].Trim() : "";
            var units = new List<ProgrammeUnit>();
            var order = 0;
            foreach (var (names, role) in new[] { (x.Lead, AssignmentRole.Lead), (x.Co, AssignmentRole.Co) })
            {
                foreach (var name in names)
                {
                    var department =
                        departments.FirstOrDefault(
                            dd => dd.Name == name || dd.FullName == name || dd.Aliases.Split('|').Contains(name, StringComparer.Ordinal))
                        ?? throw new PlanSeedException($"Unknown unit {name} in {x.Title}.");
                    if (units.Any(u => u.Department == department)) continue;
                    var unit = programme.Units.FirstOrDefault(u => u.Department == department) ?? new ProgrammeUnit
                    { Department = department };
                    unit.Role = role; unit.SortOrder = order++;
                    units.Add(unit);
                }
            }
            foreach (var gone in programme.Units.Except(units).ToList()) programme.Units.Remove(gone);
            foreach (var added in units.Except(programme.Units).ToList()) programme.Units.Add(added);
        }
        foreach (var gone in plan.Programmes.Except(keptProgrammes).ToList()) { plan.Programmes.Remove(gone); db.Programmes.Remove(gone); }
    }

    private static int NextHeadingStart(PlanDraft d, DraftProgramme x)
    {
        var next = d.Programmes.Where(p => p.Source.Start > x.Source.Start).Select(p => p.Source.Start).DefaultIfEmpty(d.Text.Length).Min();
        return next;
    }

    /// <summary>Moves the records naming one track to another (or unlinks them when the new id is null).</summary>
    private async Task RelinkRecordsAsync(Dictionary<int, int?> moves, CancellationToken ct)
    {
        foreach (var (from, to) in moves.Where(m => m.Key != m.Value))
            foreach (var dependent in dependents)
                await dependent.MoveAsync(from, to, ct);
    }

    private async Task<List<District>> UpsertDistrictsAsync(IEnumerable<PlanSeedDistrict> seeds, CancellationToken ct)
    {
        var existing = await db.Districts.ToListAsync(ct);
        var order = existing.Count;
        foreach (var d in seeds)
        {
            if (existing.Any(e => e.Name == d.Name || e.AllNames().Contains(d.ShortName, StringComparer.Ordinal))) continue;
            var district = new District
            {
                Code = d.Code,
                StatsCode = d.StatsCode,
                Name = d.Name,
                ShortName = d.ShortName,
                Kind = d.Kind,
                Aliases = string.Join('|', d.Aliases ?? []),
                SortOrder = order++,
            };
            db.Districts.Add(district);
            existing.Add(district);
        }
        return existing;
    }

    private async Task<List<Department>> UpsertDepartmentsAsync(IEnumerable<PlanSeedDepartment> seeds, CancellationToken ct)
    {
        var existing = await db.Departments.ToListAsync(ct);
        var order = existing.Count;
        foreach (var d in seeds)
        {
            var members = string.Join('|', d.Members ?? []);
            var known = existing.FirstOrDefault(e => e.Name == d.Name || e.Aliases.Split('|').Contains(d.Name, StringComparer.Ordinal));
            if (known is not null)
            {
                // A group seeded before it had members gets them; members an admin has set stay.
                if (known.IsGroup && known.Members.Length == 0 && members.Length > 0) known.Members = members;
                continue;
            }
            var department = new Department
            {
                Name = d.Name,
                FullName = d.FullName,
                Kind = d.Kind,
                Aliases = string.Join('|', d.Aliases ?? []),
                Members = members,
                SortOrder = order++,
            };
            db.Departments.Add(department);
            existing.Add(department);
        }
        return existing;
    }
}
