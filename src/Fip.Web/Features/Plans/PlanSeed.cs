using System.Text.Json;
using System.Text.Json.Serialization;
using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Plans;

/// <summary>The structured seed of a plan (Seed/*.plan.json): what a reviewed reading of a policy document yields.</summary>
public sealed record PlanSeedFile(
    string Key,
    PlanSeedCity City,
    PlanSeedDocument Document,
    IReadOnlyList<PlanSeedDistrict> Districts,
    IReadOnlyList<PlanSeedDepartment> Departments,
    IReadOnlyList<PlanSeedTier> Tiers,
    IReadOnlyList<PlanSeedTrack> Tracks,
    IReadOnlyList<PlanSeedTarget> Targets,
    IReadOnlyList<PlanSeedProgramme> Programmes);

public sealed record PlanSeedCity(string Name, string? DivisionCode);
public sealed record PlanSeedDocument(string Title, string? Issuer, string? Number, int? Year, string FileName);
public sealed record PlanSeedDistrict(string? Code, string? StatsCode, string Name, string ShortName, DistrictKind Kind, IReadOnlyList<string>? Aliases);
public sealed record PlanSeedDepartment(string Name, string? FullName, IReadOnlyList<string>? Aliases, DepartmentKind Kind);
public sealed record PlanSeedTier(string Code, string Name, string? NameEn, string Quote, string? Anchor);
public sealed record PlanSeedFocus(string Quote, string? Anchor, IReadOnlyList<string> Districts);
public sealed record PlanSeedTrack(string Code, string Name, string? NameEn, string Tier, string Quote, string? Anchor, string? SummaryQuote, string? SummaryAnchor, PlanSeedFocus? FocusDistricts);
public sealed record PlanSeedTarget(int? Year, string Indicator, string? IndicatorEn, string? Comparator, decimal? Value, string Unit, string Quote, string? Anchor);
public sealed record PlanSeedUnits(string Quote, string? Anchor, IReadOnlyList<string> Lead, IReadOnlyList<string> Co);
public sealed record PlanSeedProgramme(ProgrammeKind Kind, string Number, string Title, string? TitleEn, string Quote, string? Anchor, PlanSeedUnits? Units, bool DistrictsCarryOut);

/// <summary>Finds where a quote stands in the document text.</summary>
public static class QuoteLocator
{
    /// <summary>
    /// Locates <paramref name="quote"/> in <paramref name="text"/>. Without an anchor the quote must occur exactly once;
    /// with one, the anchor must occur exactly once and contain the quote.
    /// </summary>
    public static SourceQuote Locate(string text, string quote, string? anchor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(quote);
        var scope = anchor ?? quote;
        var at = text.IndexOf(scope, StringComparison.Ordinal);
        if (at < 0) throw new PlanSeedException($"Quote not found in the document: “{scope}”");
        if (text.IndexOf(scope, at + 1, StringComparison.Ordinal) >= 0)
            throw new PlanSeedException($"Quote occurs more than once; give an anchor: “{scope}”");
        if (anchor is not null)
        {
            var inner = anchor.IndexOf(quote, StringComparison.Ordinal);
            if (inner < 0) throw new PlanSeedException($"Anchor “{anchor}” does not contain “{quote}”");
            at += inner;
        }
        return new SourceQuote { Start = at, Length = quote.Length, Text = quote };
    }
}

public sealed class PlanSeedException(string message) : Exception(message);

/// <summary>Loads a plan seed (and its document) into the database. Idempotent: a plan whose key exists is left alone.</summary>
public sealed class PlanSeeder(FipDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public const string DefaultSeedResource = "Fip.Web.Seed.yangzhou-2024.plan.json";

    public static PlanSeedFile ReadEmbedded(string resource = DefaultSeedResource)
    {
        using var stream = typeof(PlanSeeder).Assembly.GetManifestResourceStream(resource)
            ?? throw new PlanSeedException($"Embedded seed not found: {resource}");
        return JsonSerializer.Deserialize<PlanSeedFile>(stream, Json) ?? throw new PlanSeedException("Empty seed file.");
    }

    public static string ReadEmbeddedDocument(string fileName)
    {
        var assembly = typeof(PlanSeeder).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Fip.Web.Seed.{fileName}")
            ?? throw new PlanSeedException($"Embedded document not found: {fileName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Seeds the default (Yangzhou) plan when no plan with its key exists. Returns true when it created one.</summary>
    public Task<bool> SeedDefaultAsync(CancellationToken ct = default)
    {
        var seed = ReadEmbedded();
        return SeedAsync(seed, ReadEmbeddedDocument(seed.Document.FileName), ct);
    }

    public async Task<bool> SeedAsync(PlanSeedFile seed, string documentText, CancellationToken ct = default)
    {
        if (await db.Plans.AnyAsync(p => p.Key == seed.Key, ct)) return false;
        var text = documentText.Replace("\r\n", "\n", StringComparison.Ordinal);
        var now = DateTime.UtcNow;

        var districts = await UpsertDistrictsAsync(seed, ct);
        var departments = await UpsertDepartmentsAsync(seed, ct);

        var document = new PolicyDocument
        {
            Title = seed.Document.Title,
            Issuer = seed.Document.Issuer,
            DocumentNumber = seed.Document.Number,
            Year = seed.Document.Year,
            FileName = seed.Document.FileName,
            Text = text,
            ImportedAt = now,
        };
        var anyCurrent = await db.Plans.AnyAsync(p => p.IsCurrent, ct);
        var plan = new Plan
        {
            Key = seed.Key,
            Name = seed.Document.Title,
            CityName = seed.City.Name,
            CityDivisionCode = seed.City.DivisionCode,
            IsCurrent = !anyCurrent,
            PolicyDocument = document,
            CreatedAt = now,
        };

        var tiers = new Dictionary<string, TrackTier>(StringComparer.Ordinal);
        foreach (var (t, i) in seed.Tiers.Select((t, i) => (t, i)))
        {
            var tier = new TrackTier { Code = t.Code, Name = t.Name, NameEn = t.NameEn, SortOrder = i, Source = QuoteLocator.Locate(text, t.Quote, t.Anchor) };
            tiers[t.Code] = tier;
            plan.Tiers.Add(tier);
        }

        foreach (var (t, i) in seed.Tracks.Select((t, i) => (t, i)))
        {
            if (!tiers.TryGetValue(t.Tier, out var tier)) throw new PlanSeedException($"Track {t.Name} names an unknown tier {t.Tier}.");
            var track = new Track
            {
                Code = t.Code,
                Name = t.Name,
                NameEn = t.NameEn,
                Tier = tier,
                SortOrder = i,
                Source = QuoteLocator.Locate(text, t.Quote, t.Anchor),
                Summary = t.SummaryQuote is null ? null : QuoteLocator.Locate(text, t.SummaryQuote, t.SummaryAnchor),
            };
            if (t.FocusDistricts is { } focus)
            {
                track.FocusSource = QuoteLocator.Locate(text, focus.Quote, focus.Anchor);
                foreach (var (name, j) in focus.Districts.Select((n, j) => (n, j)))
                {
                    var district = ResolveDistrict(districts, name) ?? throw new PlanSeedException($"Unknown district {name} in the focus of {t.Name}.");
                    track.FocusDistricts.Add(new TrackFocusDistrict { District = district, SortOrder = j });
                }
            }
            plan.Tracks.Add(track);
        }

        foreach (var (t, i) in seed.Targets.Select((t, i) => (t, i)))
        {
            plan.Targets.Add(new Target
            {
                Year = t.Year,
                Indicator = t.Indicator,
                IndicatorEn = t.IndicatorEn,
                Comparator = ParseComparator(t.Comparator),
                Value = t.Value,
                Unit = t.Unit,
                SortOrder = i,
                Source = QuoteLocator.Locate(text, t.Quote, t.Anchor),
            });
        }

        foreach (var (p, i) in seed.Programmes.Select((p, i) => (p, i)))
        {
            var heading = QuoteLocator.Locate(text, p.Quote, p.Anchor);
            var programme = new Programme
            {
                Kind = p.Kind,
                Number = p.Number,
                Title = p.Title,
                TitleEn = p.TitleEn,
                SortOrder = i,
                DistrictsCarryOut = p.DistrictsCarryOut,
                Source = heading,
            };
            var bodyStart = heading.Start + heading.Length;
            if (p.Units is { } units)
            {
                programme.UnitsSource = QuoteLocator.Locate(text, units.Quote, units.Anchor);
                programme.Body = text[bodyStart..programme.UnitsSource.Start].Trim();
                var order = 0;
                foreach (var (names, role) in new[] { (units.Lead, AssignmentRole.Lead), (units.Co, AssignmentRole.Co) })
                {
                    foreach (var name in names)
                    {
                        var department = ResolveDepartment(departments, name) ?? throw new PlanSeedException($"Unknown unit {name} in {p.Title}.");
                        if (programme.Units.Any(u => u.Department == department)) continue;
                        programme.Units.Add(new ProgrammeUnit { Department = department, Role = role, SortOrder = order++ });
                    }
                }
            }
            plan.Programmes.Add(programme);
        }

        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static Comparator? ParseComparator(string? value) => value switch
    {
        null or "" => null,
        ">=" or "≥" => Comparator.AtLeast,
        "<=" or "≤" => Comparator.AtMost,
        "about" or "≈" => Comparator.About,
        "=" => Comparator.Equal,
        _ => throw new PlanSeedException($"Unknown comparator {value}."),
    };

    private async Task<List<District>> UpsertDistrictsAsync(PlanSeedFile seed, CancellationToken ct)
    {
        var existing = await db.Districts.ToListAsync(ct);
        var order = existing.Count;
        foreach (var d in seed.Districts)
        {
            if (existing.Any(e => e.Name == d.Name)) continue;
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

    private async Task<List<Department>> UpsertDepartmentsAsync(PlanSeedFile seed, CancellationToken ct)
    {
        var existing = await db.Departments.ToListAsync(ct);
        var order = existing.Count;
        foreach (var d in seed.Departments)
        {
            if (existing.Any(e => e.Name == d.Name)) continue;
            var department = new Department
            {
                Name = d.Name,
                FullName = d.FullName,
                Kind = d.Kind,
                Aliases = string.Join('|', d.Aliases ?? []),
                SortOrder = order++,
            };
            db.Departments.Add(department);
            existing.Add(department);
        }
        return existing;
    }

    private static District? ResolveDistrict(IEnumerable<District> districts, string name) =>
        districts.FirstOrDefault(d => d.AllNames().Contains(name, StringComparer.Ordinal));

    private static Department? ResolveDepartment(IEnumerable<Department> departments, string name) =>
        departments.FirstOrDefault(d => d.Name == name || (d.FullName == name) || d.Aliases.Split('|').Contains(name, StringComparer.Ordinal));
}
