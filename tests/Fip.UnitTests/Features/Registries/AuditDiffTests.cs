using Fip.Web.Features.Audit;

namespace Fip.UnitTests.Features.Registries;

public class AuditDiffTests
{
    [Fact]
    public void Changes_ListsChangedFieldsOnly_WithoutBookkeeping()
    {
        var changes = AuditDiff.Changes("""{"Id":1,"Name":"甲","Employees":10,"Version":"a"}""",
            """{"Id":1,"Name":"乙","Employees":10,"Version":"b"}""");
        var change = Assert.Single(changes);
        Assert.Equal(("Name", "甲", "乙"), (change.Field, change.Before, change.After));
    }

    [Fact]
    public void Changes_OfACreate_ListsEveryValue() =>
        Assert.Equal(2, AuditDiff.Changes(null, """{"Name":"甲","DistrictId":3}""").Count);
}
