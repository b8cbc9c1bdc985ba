using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Supervision;

public sealed record SupervisionTargetSeed(string Indicator, int? Year);
public sealed record SupervisionProgrammeSeed(string Title, ReportingCycle? Cycle, IReadOnlyList<SupervisionTargetSeed>? Targets);
/// <summary>The reviewed supervision overlay of a plan: reporting cycle, deadline, and which targets each programme serves.</summary>
public sealed record SupervisionOverlay(string Plan, ReportingCycle Cycle, DateOnly? Deadline,
    IReadOnlyList<SupervisionProgrammeSeed> Programmes);

/// <summary>
/// Gives each programme and measure of a plan its supervision task, once: the units of its bracket (lead or co-responsible as the
/// text says), every district when the text says the districts carry it out, the plan's last target year as deadline, reports
/// from the current quarter on, and the targets it serves from the overlay (<c>Seed/{plan}.supervision.json</c>) when there is one.
/// </summary>
public sealed class SupervisionSeeder(FipDbContext db, TimeProvider clock, ILogger<SupervisionSeeder> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static SupervisionOverlay? LoadEmbedded(string planKey)
    {
        using var stream = typeof(SupervisionSeeder).Assembly.GetManifestResourceStream($"Fip.Web.Seed.{planKey}.supervision.json");
        return stream is null ? null : JsonSerializer.Deserialize<SupervisionOverlay>(stream, Json);
    }

    /// <summary>Creates the tasks of the current plan's programmes that have none; returns how many.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.IsCurrent, ct);
        if (plan is null) return 0;
        var have = await db.SupervisionTasks
            .Where(t => t.PlanId == plan.Id && t.ProgrammeId != null)
            .Select(t => t.ProgrammeId!.Value)
            .ToListAsync(ct);
        var programmes = await db.Programmes.Include(p => p.Units).Where(p => p.PlanId == plan.Id && !have.Contains(p.Id))
            .OrderBy(p => p.SortOrder).ToListAsync(ct);
        if (programmes.Count == 0) return 0;

        var overlay = LoadEmbedded(plan.Key);
        var districts = await db.Districts.OrderBy(d => d.SortOrder).Select(d => d.Id).ToListAsync(ct);
        var districtGovernments =
            (await db.Departments
                .Where(d => d.Kind == Organisation.DepartmentKind.DistrictGovernments)
                .Select(d => d.Id)
                .ToListAsync(ct)).ToHashSet();
        var targets = await db.Targets.Where(t => t.PlanId == plan.Id).ToListAsync(ct);
        var lastYear = targets.Max(t => t.Year);
        var today = Display.Today(clock);
        var start = ReportingPeriod.Of(ReportingCycle.Quarterly, today).Start;
        var order = await db.SupervisionTasks.Where(t => t.PlanId == plan.Id && t.ParentId == null).MaxAsync(t => (int?)t.SortOrder, ct)
            ?? -1;
        foreach (var p in programmes)
        {
            var seed = overlay?.Programmes.FirstOrDefault(x => x.Title == p.Title);
            var task = new SupervisionTask
            {
                PlanId = plan.Id,
                ProgrammeId = p.Id,
                Level = TaskLevel.Programme,
                Number = (order + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = p.Title,
                TitleEn = p.TitleEn,
                Description = p.Body,
                Cycle = seed?.Cycle ?? overlay?.Cycle ?? ReportingCycle.Quarterly,
                StartDate = start,
                Deadline = overlay?.Deadline ?? (lastYear is { } y ? new DateOnly(y, 12, 31) : null),
                SortOrder = ++order,
                CreatedAt = DateTime.UtcNow,
            };
            // 县（市、区）政府、功能区管委会 named in a bracket are the districts themselves: they report as districts, not as a unit.
            task.Units.AddRange(p.Units.Where(u => !districtGovernments.Contains(u.DepartmentId)).OrderBy(u => u.SortOrder)
                .Select(u => new TaskUnit { DepartmentId = u.DepartmentId, Role = u.Role, SortOrder = u.SortOrder }));
            if (p.DistrictsCarryOut || p.Units.Any(u => districtGovernments.Contains(u.DepartmentId)))
                task.Districts.AddRange(districts.Select(d => new TaskDistrict { DistrictId = d }));
            foreach (var t in seed?.Targets ?? [])
            {
                var matches = targets.Where(x => x.Indicator == t.Indicator && (t.Year is null || x.Year == t.Year)).ToList();
                if (matches.Count == 0) log.LogWarning("Supervision overlay: no target {Indicator} for {Programme}", t.Indicator, p.Title);
                task.Targets.AddRange(
                    matches.Where(m => task.Targets.All(x => x.TargetId != m.Id)).Select(m => new TaskTarget { TargetId = m.Id }));
            }
            db.SupervisionTasks.Add(task);
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("Created {Count} supervision tasks from the plan's programmes and measures", programmes.Count);
        return programmes.Count;
    }
}
