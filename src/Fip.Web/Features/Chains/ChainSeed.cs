using System.Text.Json;
using System.Text.Json.Serialization;
using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Chains;

/// <summary>One link of a chain seed file, with its children.</summary>
public sealed record ChainSeedNode(string Name, string? En, ChainPosition Position, IReadOnlyList<string> Terms,
    IReadOnlyList<ChainSeedNode>? Children);

/// <summary>
/// A chain seed file (Seed/{plan key}.chains.json): per track code, the chain as a tree. Chains are data: another city's
/// plan brings its own file; a track without an entry simply has no chain until an admin builds one.
/// </summary>
public static class ChainSeedFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record FileShape(Dictionary<string, List<ChainSeedNode>> Tracks);

    public static IReadOnlyDictionary<string, IReadOnlyList<ChainSeedNode>> Read(Stream json)
    {
        var file = JsonSerializer.Deserialize<FileShape>(json, Options) ?? throw new InvalidDataException("Empty chain seed file.");
        return file.Tracks.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ChainSeedNode>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>The chain file shipped for a plan key, or null when there is none.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ChainSeedNode>>? ForPlan(string planKey)
    {
        using var stream = typeof(ChainSeedFile).Assembly.GetManifestResourceStream($"Fip.Web.Seed.{planKey}.chains.json");
        return stream is null ? null : Read(stream);
    }
}

/// <summary>Adds the shipped chains to the tracks of the current plan that have none yet (safe at every start).</summary>
public sealed class ChainSeeder(FipDbContext db, ILogger<ChainSeeder> log)
{
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.IsCurrent).Select(p => new { p.Id, p.Key }).FirstOrDefaultAsync(ct);
        if (plan is null || ChainSeedFile.ForPlan(plan.Key) is not { } file) return 0;
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == plan.Id).Select(t => new { t.Id, t.Code }).ToListAsync(ct);
        var withChains = (await db.ChainLinks.Select(l => l.TrackId).Distinct().ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var track in tracks.Where(t => !withChains.Contains(t.Id)))
        {
            if (!file.TryGetValue(track.Code, out var roots)) continue;
            var order = 0;
            foreach (var root in roots) added += Add(track.Id, null, root, order++);
        }
        if (added == 0) return 0;
        // Seeding is bulk work: one audit line, not one per link.
        db.AddAuditSummary(nameof(ChainLink), plan.Key, $"产业链图谱: {added} links seeded");
        using (db.SuppressRowAudit()) await db.SaveChangesAsync(ct);
        log.LogInformation("Seeded {Count} chain links for plan {Plan}", added, plan.Key);
        return added;
    }

    private int Add(int trackId, ChainLink? parent, ChainSeedNode node, int order)
    {
        var link = new ChainLink
        {
            TrackId = trackId,
            Parent = parent,
            Name = node.Name.Trim(),
            NameEn = node.En,
            Position = node.Position,
            Terms = string.Join('|', node.Terms.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)),
            SortOrder = order,
        };
        db.ChainLinks.Add(link);
        var count = 1;
        var childOrder = 0;
        foreach (var child in node.Children ?? []) count += Add(trackId, link, child, childOrder++);
        return count;
    }
}
