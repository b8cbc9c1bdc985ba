using System.Text.Json;
using System.Text.Json.Serialization;
using Fip.Policy;
using Fip.Web.Features.Organisation;

namespace Fip.Web.Features.Plans;

/// <summary>A stretch of <see cref="PlanDraft.Text"/>; the quote is always cut from the text, never stored apart.</summary>
public sealed record DraftSpan(int Start, int Length)
{
    public static DraftSpan From(SourceSpan s) => new(s.Offset, s.Length);
    public static DraftSpan From(SourceQuote q) => new(q.Start, q.Length);
    public int End => Start + Length;
    public bool FitsIn(string text) => Start >= 0 && Length >= 0 && Start + Length <= text.Length;
    public SourceQuote ToQuote(string text) => new() { Start = Start, Length = Length, Text = text.Substring(Start, Length) };
}

public sealed class DraftTier
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public DraftSpan Source { get; set; } = new(0, 0);
}

public sealed class DraftTrack
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public string Tier { get; set; } = "";
    /// <summary>True while no tier word placed the track and no one has chosen its tier: an import review asks for it.</summary>
    public bool TierAsked { get; set; }
    public DraftSpan Source { get; set; } = new(0, 0);
    public DraftSpan? Summary { get; set; }
    public DraftSpan? FocusSource { get; set; }
    /// <summary>District names as written; resolved against the districts' names, short names and aliases.</summary>
    public List<string> FocusDistricts { get; set; } = [];
    /// <summary>Candidate chain links the parser enumerated in the track's paragraph (shown, not stored yet).</summary>
    public List<string> ChainElements { get; set; } = [];
}

public sealed class DraftTarget
{
    public int? Year { get; set; }
    public string Indicator { get; set; } = "";
    public string? IndicatorEn { get; set; }
    public Comparator? Comparator { get; set; }
    public decimal? Value { get; set; }
    public string Unit { get; set; } = "";
    public DraftSpan Source { get; set; } = new(0, 0);
}

public sealed class DraftProgramme
{
    public ProgrammeKind Kind { get; set; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string? TitleEn { get; set; }
    public bool DistrictsCarryOut { get; set; }
    public DraftSpan Source { get; set; } = new(0, 0);
    public DraftSpan? UnitsSource { get; set; }
    /// <summary>Unit names as written; resolved against the departments' names, full names and aliases.</summary>
    public List<string> Lead { get; set; } = [];
    public List<string> Co { get; set; } = [];
}

public sealed class DraftDocument
{
    public string Title { get; set; } = "";
    public string? Issuer { get; set; }
    public string? Number { get; set; }
    public int? Year { get; set; }
    public string FileName { get; set; } = "";
}

/// <summary>
/// A plan read from a policy document (by <see cref="PlanDraftBuilder"/>) before it is written: what the parser found,
/// with a reviewed overlay applied and, in the import flow, an admin's corrections. Every item points into <see cref="Text"/>.
/// </summary>
public sealed class PlanDraft
{
    public string Key { get; set; } = "";
    public string CityName { get; set; } = "";
    public string? CityDivisionCode { get; set; }
    public DraftDocument Document { get; set; } = new();
    public string Text { get; set; } = "";
    public List<DraftTier> Tiers { get; set; } = [];
    public List<DraftTrack> Tracks { get; set; } = [];
    public List<DraftTarget> Targets { get; set; } = [];
    public List<DraftProgramme> Programmes { get; set; } = [];
    public List<PlanSeedDistrict> Districts { get; set; } = [];
    public List<PlanSeedDepartment> Departments { get; set; } = [];
    /// <summary>What the parser could not place, as “kind: quote”, so that nothing is silently dropped.</summary>
    public List<string> Unplaced { get; set; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PlanDraft FromJson(string json) => JsonSerializer.Deserialize<PlanDraft>(json, Json)
        ?? throw new PlanSeedException("Empty draft.");

    /// <summary>Problems that stop the draft from being written: spans outside the text, unknown tiers, duplicate codes.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Span(DraftSpan? s, string what)
        {
            if (s is not null && !s.FitsIn(Text)) problems.Add($"{what}: source outside the text");
        }
        foreach (var t in Tiers) Span(t.Source, t.Name);
        foreach (var t in Tracks)
        {
            Span(t.Source, t.Name); Span(t.Summary, t.Name); Span(t.FocusSource, t.Name);
            if (Tiers.All(x => x.Code != t.Tier)) problems.Add($"{t.Name}: unknown tier {t.Tier}");
            if (string.IsNullOrWhiteSpace(t.Name)) problems.Add("a track without a name");
        }
        foreach (var t in Targets) Span(t.Source, t.Indicator);
        foreach (var p in Programmes) { Span(p.Source, p.Title); Span(p.UnitsSource, p.Title); }
        foreach (var dup in Tracks.GroupBy(t => t.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"duplicate track code {dup.Key}");
        foreach (var dup in Tiers.GroupBy(t => t.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"duplicate tier code {dup.Key}");
        return problems;
    }
}

/// <summary>
/// The reviewed overlay of a plan (Seed/*.overlay.json): what a parser cannot know. Every entry is keyed by what the
/// parser produces (a tier code, a track or indicator or heading as written), so that a test can tell when an entry no
/// longer matches anything.
/// </summary>
public sealed record PlanOverlay(
    string Key,
    PlanSeedCity City,
    PlanSeedDocument Document,
    IReadOnlyList<PlanSeedDistrict> Districts,
    IReadOnlyList<PlanSeedDepartment> Departments,
    IReadOnlyList<OverlayTier> Tiers,
    IReadOnlyList<OverlayTrack> Tracks,
    IReadOnlyList<OverlayTarget> Targets,
    IReadOnlyList<PlanSeedTarget>? AddedTargets,
    IReadOnlyList<OverlaySection> Sections,
    IReadOnlyList<OverlayProgramme> Programmes)
{
    /// <summary>Overlay entries that match nothing the parser produced from <paramref name="parsed"/>, as “section: key”.</summary>
    public IReadOnlyList<string> StaleEntries(PolicyDraft parsed, PolicyVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var vocab = vocabulary ?? PolicyVocabulary.Default;
        var stale = new List<string>();
        stale.AddRange(Tiers.Where(o => !parsed.Tracks.Any(t => t.TierCode == o.Parsed)).Select(o => $"tiers: {o.Parsed}"));
        stale.AddRange(Tracks.Where(o => !parsed.Tracks.Any(t => t.Name == o.Parsed)).Select(o => $"tracks: {o.Parsed}"));
        stale.AddRange(
            Targets.Where(o => !parsed.Targets.Any(t => vocab.CanonicalIndicator(t.Indicator) == o.Indicator))
                .Select(o => $"targets: {o.Indicator}"));
        stale.AddRange(
            Sections.Where(o => !parsed.Outline.Any(h => h.Level == 1 && h.Title == o.Heading)).Select(o => $"sections: {o.Heading}"));
        stale.AddRange(
            Programmes.Where(o => !parsed.Outline.Any(h => h.Level == 2 && h.Title == o.Title)).Select(o => $"programmes: {o.Title}"));
        stale.AddRange(
            Departments.Where(o => !parsed.Departments.Contains(o.Name, StringComparer.Ordinal)).Select(o => $"departments: {o.Name}"));
        // An added target the parser now finds itself would be counted twice.
        stale.AddRange(
            (AddedTargets ?? []).Where(o => parsed.Targets.Any(t => o.Quote.Contains(t.Source.Quote, StringComparison.Ordinal)))
                .Select(o => $"addedTargets: {o.Quote}"));
        return stale;
    }
}

/// <summary>A tier the parser reports as <see cref="Parsed"/> (its tier data code), stored as <see cref="Code"/>.</summary>
public sealed record OverlayTier(string Parsed, string Code, string Name, string? NameEn);
/// <summary>A track the parser names <see cref="Parsed"/>: its stable code, English name, display name and summary quote.</summary>
public sealed record OverlayTrack(string Parsed, string Code, string? Name, string? NameEn, string? SummaryQuote, string? SummaryAnchor);
/// <summary>A target indicator as the parser reads it, with its English name.</summary>
public sealed record OverlayTarget(string Indicator, string? IndicatorEn);
/// <summary>A level-1 heading whose sub-headings are programmes of <see cref="Kind"/>.</summary>
public sealed record OverlaySection(string Heading, ProgrammeKind Kind);
/// <summary>A programme heading as the parser reads it, with its English title.</summary>
public sealed record OverlayProgramme(string Title, string? TitleEn);

/// <summary>Turns a <see cref="PolicyDraft"/> into a <see cref="PlanDraft"/>, applying an overlay when there is one.</summary>
public static class PlanDraftBuilder
{
    public static PlanDraft Build(PolicyDraft parsed, PlanOverlay? overlay, string fileName, PolicyVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var vocab = vocabulary ?? PolicyVocabulary.Default;
        var text = parsed.Text;
        var draft = new PlanDraft
        {
            Key = overlay?.Key ?? "",
            CityName = overlay?.City.Name ?? "",
            CityDivisionCode = overlay?.City.DivisionCode,
            Text = text,
            Document = new DraftDocument
            {
                Title = string.IsNullOrEmpty(parsed.Title)
                    ? overlay?.Document.Title ?? Path.GetFileNameWithoutExtension(fileName)
                    : parsed.Title,
                Issuer = overlay?.Document.Issuer,
                Number = parsed.IssuingNumber?.Quote ?? overlay?.Document.Number,
                Year = overlay?.Document.Year,
                FileName = fileName,
            },
            Districts = [.. overlay?.Districts ?? []],
            Departments = [.. overlay?.Departments ?? []],
            Unplaced = [.. parsed.Unplaced.Select(u => $"{u.Kind}: {u.Source.Quote}")],
        };

        // Tiers in order of first use; the source is the heading that carries the tier words, else the first track.
        foreach (var code in parsed.Tracks.Select(t => t.TierCode ?? "other").Distinct(StringComparer.Ordinal))
        {
            var first = parsed.Tracks.First(t => (t.TierCode ?? "other") == code);
            var o = overlay?.Tiers.FirstOrDefault(x => x.Parsed == code);
            var heading = first.TierWords is { } words
                ? parsed.Outline.FirstOrDefault(h => h.Title.Contains(words, StringComparison.Ordinal))
                : null;
            draft.Tiers.Add(new DraftTier
            {
                Code = o?.Code ?? code,
                Name = o?.Name ?? vocab.Tiers.FirstOrDefault(t => t.Code == code).Name ?? first.TierWords ?? code,
                NameEn = o?.NameEn,
                Source = heading is not null ? DraftSpan.From(heading.Source) : DraftSpan.From(first.Source),
            });
        }

        foreach (var (t, i) in parsed.Tracks.Select((t, i) => (t, i)))
        {
            var o = overlay?.Tracks.FirstOrDefault(x => x.Parsed == t.Name);
            var tierCode = t.TierCode ?? "other";
            var track = new DraftTrack
            {
                Code = o?.Code ?? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"track-{i + 1}"),
                Name = o?.Name ?? t.Name,
                NameEn = o?.NameEn,
                Tier = overlay?.Tiers.FirstOrDefault(x => x.Parsed == tierCode)?.Code ?? tierCode,
                TierAsked = t.TierCode is null && overlay?.Tiers.Any(x => x.Parsed == tierCode) != true,
                Source = DraftSpan.From(t.Source),
                Summary = o?.SummaryQuote is { } sq ? DraftSpan.From(QuoteLocator.Locate(text, sq, o.SummaryAnchor)) : null,
                FocusDistricts = [.. t.Places.Select(p => p.Name)],
                ChainElements = [.. t.ChainElements.Select(c => c.Name)],
            };
            if (t.Places.Count > 0) track.FocusSource = EnclosingBracket(text, t.Places[0].Source.Offset, t.Places[^1].Source.End);
            draft.Tracks.Add(track);
        }

        foreach (var t in parsed.Targets)
        {
            draft.Targets.Add(new DraftTarget
            {
                Year = t.Year,
                Indicator = vocab.CanonicalIndicator(t.Indicator),
                IndicatorEn = overlay?.Targets.FirstOrDefault(x => x.Indicator == vocab.CanonicalIndicator(t.Indicator))?.IndicatorEn,
                // A range is kept as its floor; the admin sees the quote and can correct it.
                Comparator = t.Comparator switch
                {
                    TargetComparator.AtLeast or TargetComparator.Between => Comparator.AtLeast,
                    TargetComparator.AtMost => Comparator.AtMost,
                    TargetComparator.About => Comparator.About,
                    _ => Comparator.Equal,
                },
                Value = t.Value,
                Unit = t.Unit,
                Source = DraftSpan.From(t.Source),
            });
        }
        foreach (var t in overlay?.AddedTargets ?? [])
        {
            draft.Targets.Add(new DraftTarget
            {
                Year = t.Year,
                Indicator = t.Indicator,
                IndicatorEn = t.IndicatorEn,
                Comparator = PlanSeeder.ParseComparator(t.Comparator),
                Value = t.Value,
                Unit = t.Unit,
                Source = DraftSpan.From(QuoteLocator.Locate(text, t.Quote, t.Anchor)),
            });
        }
        draft.Targets.Sort((a, b) => a.Source.Start.CompareTo(b.Source.Start));

        AddProgrammes(parsed, overlay, draft);

        // Units and places the overlay does not know are added as written, so that the plan can name them.
        foreach (var name in draft.Programmes.SelectMany(p => p.Lead.Concat(p.Co)).Distinct(StringComparer.Ordinal))
            if (!draft.Departments.Any(d => DepartmentNames(d).Contains(name, StringComparer.Ordinal)))
                draft.Departments.Add(
                    new PlanSeedDepartment(name, vocab.CanonicalDepartment(name) is var c && c != name ? c : null, [],
                        GuessDepartmentKind(name)));
        foreach (var name in draft.Tracks.SelectMany(t => t.FocusDistricts).Distinct(StringComparer.Ordinal))
            if (!draft.Districts.Any(d => DistrictNames(d).Contains(name, StringComparer.Ordinal)))
                draft.Districts.Add(new PlanSeedDistrict(null, null, vocab.CanonicalPlace(name), name,
                    name.EndsWith('区') || name.EndsWith('县') || name.EndsWith('市') ? DistrictKind.Division : DistrictKind.FunctionalZone,
                    vocab.CanonicalPlace(name) == name ? [] : [name]));
        return draft;
    }

    internal static IEnumerable<string> DepartmentNames(PlanSeedDepartment d) => new[] { d.Name, d.FullName ?? "" }.Concat(d.Aliases ?? []);
    internal static IEnumerable<string> DistrictNames(PlanSeedDistrict d) => new[] { d.Name, d.ShortName }.Concat(d.Aliases ?? []);

    private static DepartmentKind GuessDepartmentKind(string name) =>
        name.Contains("人民政府", StringComparison.Ordinal)
            || name.Contains("管委会", StringComparison.Ordinal) ? DepartmentKind.DistrictGovernments
        : name.Contains("专班", StringComparison.Ordinal) ? DepartmentKind.TaskForce
        : DepartmentKind.CityDepartment;

    /// <summary>The 〔重点布局：…〕 note around the places, brackets included; the places alone when there is no bracket.</summary>
    private static DraftSpan EnclosingBracket(string text, int start, int end)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        var open = text.LastIndexOfAny(['〔', '（', '('], Math.Max(0, start - 1));
        var close = text.IndexOfAny(['〕', '）', ')'], end);
        var lineEnd = text.IndexOf('\n', end);
        if (open >= lineStart && close >= 0 && (lineEnd < 0 || close < lineEnd)) return new DraftSpan(open, close + 1 - open);
        return new DraftSpan(start, end - start);
    }

    private static void AddProgrammes(PolicyDraft parsed, PlanOverlay? overlay, PlanDraft draft)
    {
        var outline = parsed.Outline;
        var inheritedNames = parsed.InheritedAssignments.SelectMany(a => a.Units).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < outline.Count; i++)
        {
            if (outline[i].Level != 1) continue;
            var sectionEnd = outline.Skip(i + 1).Select((h, k) => (h, k: k + i + 1)).FirstOrDefault(x => x.h.Level == 1).k;
            if (sectionEnd == 0) sectionEnd = outline.Count;
            var children = Enumerable.Range(i + 1, sectionEnd - i - 1).Where(k => outline[k].Level == 2).ToList();
            // A section is a programme section when its sub-headings close with responsibility notes.
            var notesOf = children.ToDictionary(k => k, k =>
            {
                var next = children.FirstOrDefault(c => c > k);
                var end = next == 0 ? sectionEnd : next;
                return parsed.Responsibilities.Where(r => r.SectionIndex >= k && r.SectionIndex < end).ToList();
            });
            if (children.Count == 0 || notesOf.Values.All(n => n.Count == 0)) continue;
            var kind = overlay?.Sections.FirstOrDefault(s => s.Heading == outline[i].Title)?.Kind
                ?? (outline[i].Title.Contains("保障", StringComparison.Ordinal) ? ProgrammeKind.Measure : ProgrammeKind.Programme);
            foreach (var k in children)
            {
                var h = outline[k];
                var notes = notesOf[k];
                var programme = new DraftProgramme
                {
                    Kind = kind,
                    Number = h.Marker,
                    Title = h.Title,
                    TitleEn = overlay?.Programmes.FirstOrDefault(p => p.Title == h.Title)?.TitleEn,
                    Source = DraftSpan.From(h.Source),
                    UnitsSource = notes.Count > 0 ? DraftSpan.From(notes[^1].Source) : null,
                };
                foreach (var u in notes.SelectMany(n => n.Units))
                {
                    if (u.IsInherited || inheritedNames.Contains(u.Name)) programme.DistrictsCarryOut = true;
                    if (u.IsInherited) continue;
                    var list = u.Role == UnitRole.Lead ? programme.Lead : programme.Co;
                    if (!programme.Lead.Contains(u.Name) && !programme.Co.Contains(u.Name)) list.Add(u.Name);
                }
                draft.Programmes.Add(programme);
            }
        }
    }
}
