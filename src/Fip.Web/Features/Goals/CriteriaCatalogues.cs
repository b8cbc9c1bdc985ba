using Fip.Web.Features.Registries;

namespace Fip.Web.Features.Goals;

/// <summary>The fields indicator criteria may test, per registry.</summary>
public static class CriteriaCatalogues
{
    public static readonly CriteriaCatalogue<Enterprise> Enterprises = new("enterprises",
    [
        new("qualification", "Field.enterprises.qualifications", Criteria.OptionsOf<QualificationKind>(), values =>
        {
            var kinds = values.Select(Enum.Parse<QualificationKind>).ToList();
            return e => e.Qualifications.Any(q => kinds.Contains(q.Kind));
        }),
    ], null, "Goals.DatedBy.Created");

    public static readonly CriteriaCatalogue<KeyProduct> Products = new("products",
    [
        Criteria.NullableEnum<KeyProduct, RecognitionLevel>("recognitionLevel", "Field.products.recognitionLevel", p => p.RecognitionLevel),
        Criteria.Enum<KeyProduct, ProductStage>("stage", "Field.products.stage", p => p.Stage),
        Criteria.Flag<KeyProduct>("firstOfItsKind", "Field.products.firstOfItsKind", p => p.FirstOfItsKind),
    ], p => p.RecognizedOn, "Field.products.recognizedOn");

    public static readonly CriteriaCatalogue<Scenario> Scenarios = new("scenarios",
    [
        Criteria.Enum<Scenario, ScenarioStage>("stage", "Field.scenarios.stage", s => s.Stage),
        Criteria.Enum<Scenario, ScenarioStatus>("status", "Field.scenarios.status", s => s.Status),
        Criteria.Enum<Scenario, ScenarioKind>("kind", "Field.scenarios.kind", s => s.Kind),
    ], s => s.StartOn, "Field.scenarios.startOn");

    public static readonly CriteriaCatalogue<PilotPark> Parks = new("parks",
    [
        Criteria.Enum<PilotPark, ParkStatus>("status", "Field.parks.status", p => p.Status),
        Criteria.NullableEnum<PilotPark, RecognitionLevel>("approvalLevel", "Field.parks.approvalLevel", p => p.ApprovalLevel),
    ], p => p.ApprovedOn, "Field.parks.approvedOn");

    public static readonly CriteriaCatalogue<InnovationPlatform> Platforms = new("platforms",
    [
        Criteria.Enum<InnovationPlatform, PlatformKind>("kind", "Field.platforms.kind", p => p.Kind),
        Criteria.Enum<InnovationPlatform, RecognitionLevel>("level", "Field.platforms.level", p => p.Level),
    ], p => p.ApprovedOn, "Field.platforms.approvedOn");

    public static readonly CriteriaCatalogue<KeyProject> Projects = new("projects",
    [
        Criteria.Enum<KeyProject, ProjectStatus>("status", "Field.projects.status", p => p.Status),
    ], p => p.StartOn, "Field.projects.startOn");

    public static IReadOnlyList<ICriteriaCatalogue> All { get; } = [Enterprises, Products, Scenarios, Parks, Platforms, Projects];

    public static ICriteriaCatalogue? For(string registry) => All.FirstOrDefault(c => string.Equals(c.Registry, registry, StringComparison.OrdinalIgnoreCase));

    public static CriteriaCatalogue<T>? For<T>() where T : RegistryRecord => All.OfType<CriteriaCatalogue<T>>().FirstOrDefault();
}
