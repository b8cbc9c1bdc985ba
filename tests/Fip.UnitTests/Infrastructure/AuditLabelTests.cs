using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

/// <summary>The audit log names every record type in the reader's language: a new entity without a label would show its
/// class name to officials (in the log, its filter and its export).</summary>
public class AuditLabelTests
{
    private static IReadOnlyList<string> Logged()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        return AuditInterceptor.LoggedTypes(db.Model);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryLoggedType_HasALabel(string culture)
    {
        var table = JsonStringLocalizerFactory.Table(culture);
        var missing = Logged().Where(t => !table.ContainsKey("AuditEntity." + t)).ToList();
        Assert.True(missing.Count == 0, "No AuditEntity label: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("Enterprise", true)]
    [InlineData("EnterpriseIndicator", true)]
    [InlineData("Session", true)]
    [InlineData("AuditEntry", false)]        // the log does not log itself
    [InlineData("EnterpriseNameGram", false)] // search postings are bookkeeping (IUnaudited)
    [InlineData("HomeVisit", false)]
    public void TheLoggedTypes_AreTheAuditedOnes(string type, bool logged) => Assert.Equal(logged, Logged().Contains(type));
}
