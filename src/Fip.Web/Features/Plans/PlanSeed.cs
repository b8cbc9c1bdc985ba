using System.Text.Json;
using Fip.Policy;
using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Plans;

public sealed record PlanSeedCity(string Name, string? DivisionCode);
public sealed record PlanSeedDocument(string Title, string? Issuer, string? Number, int? Year, string FileName);
public sealed record PlanSeedDistrict(string? Code, string? StatsCode, string Name, string ShortName, DistrictKind Kind,
    IReadOnlyList<string>? Aliases);
/// <param name="Members">For a group phrase (<see cref="Department.IsGroupKind"/>): the names of the departments and districts it
/// stands for.</param>
public sealed record PlanSeedDepartment(string Name, string? FullName, IReadOnlyList<string>? Aliases, DepartmentKind Kind,
    IReadOnlyList<string>? Members = null);
/// <summary>A target the overlay adds where the parser finds none (一批骨干企业 has no figure), located by its quote.</summary>
public sealed record PlanSeedTarget(int? Year, string Indicator, string? IndicatorEn, string? Comparator, decimal? Value, string Unit,
    string Quote, string? Anchor);

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

/// <summary>
/// Seeds the default plan: the bundled policy text is parsed with <see cref="PolicyParser"/> and the reviewed overlay
/// (Seed/*.overlay.json: codes, English names, district codes, department full names, what the parser misses) is
/// applied. Idempotent: a plan whose key exists is left alone.
/// </summary>
public sealed class PlanSeeder(PlanWriter writer, FipDbContext db)
{
    public const string DefaultOverlayResource = "Fip.Web.Seed.yangzhou-2024.overlay.json";

    public static PlanOverlay ReadOverlay(string resource = DefaultOverlayResource)
    {
        using var stream = typeof(PlanSeeder).Assembly.GetManifestResourceStream(resource)
            ?? throw new PlanSeedException($"Embedded overlay not found: {resource}");
        return JsonSerializer.Deserialize<PlanOverlay>(stream, PlanDraft.Json) ?? throw new PlanSeedException("Empty overlay file.");
    }

    public static string ReadEmbeddedDocument(string fileName)
    {
        var assembly = typeof(PlanSeeder).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Fip.Web.Seed.{fileName}")
            ?? throw new PlanSeedException($"Embedded document not found: {fileName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The parser's reading of the bundled document, before the overlay.</summary>
    public static PolicyDraft ParseDefault(PlanOverlay? overlay = null)
    {
        overlay ??= ReadOverlay();
        var text = ReadEmbeddedDocument(overlay.Document.FileName).Replace("\r\n", "\n", StringComparison.Ordinal);
        return PolicyParser.ParseText(text);
    }

    /// <summary>The default plan as it will be written: the parsed document with the overlay applied.</summary>
    public static PlanDraft BuildDefault()
    {
        var overlay = ReadOverlay();
        return PlanDraftBuilder.Build(ParseDefault(overlay), overlay, overlay.Document.FileName);
    }

    /// <summary>Seeds the default (Yangzhou) plan when no plan with its key exists. Returns true when it created one.</summary>
    public async Task<bool> SeedDefaultAsync(CancellationToken ct = default)
    {
        var draft = BuildDefault();
        if (await db.Plans.AnyAsync(p => p.Key == draft.Key, ct)) return false;
        await writer.CreateAsync(draft, ct);
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
}
