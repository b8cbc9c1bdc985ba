using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Features.Registries;

public class RegistryCatalogueTests
{
    [Fact]
    public void Names_EveryRegistryOnceInMenuOrder() =>
        // The six of the Registries feature, then those declared by features above it (finance, talent), found by reflection.
        Assert.Equal(
            ["enterprises", "products", "scenarios", "parks", "platforms", "projects", "demands", "funds", "investments", "loans", "needs",
                "skills", "talents"], RegistryCatalogue.Names);

    [Fact]
    public void Find_AnyCase_GivesTheDefinition_UnknownGivesNull()
    {
        Assert.IsType<ParkRegistry>(RegistryCatalogue.Find("Parks"));
        Assert.Same(RegistryCatalogue.Get<ParkRegistry>(), RegistryCatalogue.Get(ParkRegistry.Key));
        Assert.Null(RegistryCatalogue.Find("indicators"));
    }

    [Fact]
    public void ForEntity_AuditedEntityName_GivesItsRegistry()
    {
        Assert.Equal(ProductRegistry.Key, RegistryCatalogue.ForEntity(nameof(KeyProduct))?.Name);
        Assert.Equal(PlatformRegistry.Key, RegistryCatalogue.ForEntity(nameof(InnovationPlatform))?.Name);
        Assert.Null(RegistryCatalogue.ForEntity(nameof(EnterpriseQualification)));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryRegistry_ItsNameFiltersCriteriaAndDateHaveLabels(string language)
    {
        var table = JsonStringLocalizerFactory.Table(language);
        foreach (var registry in RegistryCatalogue.All)
        {
            Assert.True(table.ContainsKey(registry.LabelKey), registry.LabelKey);
            Assert.True(table.ContainsKey(registry.Criteria.DatedByKey), registry.Criteria.DatedByKey);
            Assert.Equal(registry.Name, registry.Criteria.Registry);
            // Goals count records by these; the skill taxonomy is a reference list no goal counts.
            if (registry.Name != "skills") Assert.NotEmpty(registry.Criteria.Fields);
            foreach (var field in registry.Criteria.Fields) Assert.True(table.ContainsKey(field.LabelKey), field.LabelKey);
            foreach (var filter in registry.Filters) Assert.True(table.ContainsKey("Filter." + filter.Key), "Filter." + filter.Key);
        }
    }

    [Fact]
    public void WritePolicy_EnterpriseBoundRegistriesNeedRecordWrite_OthersDistrictWrite()
    {
        Assert.Equal(
            [(EnterpriseRegistry.Key, Policies.RecordWrite, false), (ProductRegistry.Key, Policies.RecordWrite, true),
                (ScenarioRegistry.Key, Policies.DistrictWrite, false),
             (ParkRegistry.Key, Policies.DistrictWrite, false), (PlatformRegistry.Key, Policies.DistrictWrite, false),
             (ProjectRegistry.Key, Policies.RecordWrite, true),
             ("demands", Policies.RecordWrite, true), ("funds", Policies.DepartmentWrite, false),
             ("investments", Policies.DepartmentWrite, false), ("loans", Policies.DepartmentWrite, false),
             ("needs", Policies.RecordWrite, true), ("skills", Policies.DepartmentWrite, false),
             ("talents", Policies.DepartmentWrite, false)],
            RegistryCatalogue.All.Select(r => (r.Name, r.WritePolicy, r.EnterpriseUsersCreate)));
    }
}
