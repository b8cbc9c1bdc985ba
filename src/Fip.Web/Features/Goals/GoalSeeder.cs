using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Goals;

public sealed record IndicatorSeed(string Code, string Name, string? NameEn, string Registry, string? Owner, string? Note,
    IndicatorCriteria Criteria);
public sealed record TargetIndicatorSeed(string Indicator, int? Year, string Uses);
/// <summary>The reviewed overlay of a plan: what the parser cannot know — how each target is counted and who answers for it.</summary>
public sealed record IndicatorOverlay(string Plan, IReadOnlyList<IndicatorSeed> Indicators, IReadOnlyList<TargetIndicatorSeed> Targets);

/// <summary>Adds the overlay's indicators that are missing and links the plan's unlinked targets to them. Never changes what
/// exists.</summary>
public sealed class GoalSeeder(FipDbContext db, ILogger<GoalSeeder> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IndicatorOverlay LoadEmbedded(string planKey)
    {
        var name = $"Fip.Web.Seed.{planKey}.indicators.json";
        using var stream = typeof(GoalSeeder).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No indicator overlay {name}.");
        return JsonSerializer.Deserialize<IndicatorOverlay>(stream, Json) ?? throw new InvalidOperationException($"Empty overlay {name}.");
    }

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var linked = 0;
        foreach (var plan in await db.Plans.ToListAsync(ct))
        {
            if (typeof(GoalSeeder).Assembly.GetManifestResourceInfo($"Fip.Web.Seed.{plan.Key}.indicators.json") is null) continue;
            var overlay = LoadEmbedded(plan.Key);
            var departments = await db.Departments.ToListAsync(ct);
            foreach (var seed in overlay.Indicators)
            {
                if (await db.Indicators.AnyAsync(i => i.Code == seed.Code, ct)) continue;
                if (IndicatorSources.Catalogue(seed.Registry) is not { } catalogue || seed.Criteria.Validate(catalogue).Count > 0)
                    throw new InvalidOperationException($"Indicator {seed.Code} of the {plan.Key} overlay has invalid criteria.");
                db.Indicators.Add(new IndicatorDefinition
                {
                    Code = seed.Code,
                    Name = seed.Name,
                    NameEn = seed.NameEn,
                    Registry = seed.Registry,
                    Note = seed.Note,
                    Criteria = seed.Criteria.ToJson(),
                    UpdatedAt = DateTime.UtcNow,
                    OwnerDepartmentId =
                        departments.FirstOrDefault(d => d.Name == seed.Owner || d.Aliases.Split('|').Contains(seed.Owner))?.Id,
                });
            }
            await db.SaveChangesAsync(ct);
            var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, ct);
            foreach (var target in await db.Targets.Where(t => t.PlanId == plan.Id && t.IndicatorId == null).ToListAsync(ct))
            {
                var link =
                    overlay.Targets.FirstOrDefault(t => t.Indicator == target.Indicator && (t.Year is null || t.Year == target.Year));
                if (link is null || !indicators.TryGetValue(link.Uses, out var indicator)) continue;
                target.IndicatorId = indicator.Id;
                linked++;
            }
            await db.SaveChangesAsync(ct);
        }
        if (linked > 0) log.LogInformation("Linked {Count} targets to their indicators", linked);
        return linked;
    }
}
