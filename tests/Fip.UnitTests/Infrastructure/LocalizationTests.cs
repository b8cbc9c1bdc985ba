using System.Text.RegularExpressions;
using Fip.UnitTests.Features.Plans;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

public partial class LocalizationTests
{
    [Fact]
    public void BothLanguages_HaveTheSameKeys()
    {
        var zh = JsonStringLocalizerFactory.Table("zh-CN");
        var en = JsonStringLocalizerFactory.Table("en");
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.All(zh, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.All(en, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Theory]
    [InlineData("zh-CN.json")]
    [InlineData("en.json")]
    public void ResourceFiles_AreSortedByKey(string file)
    {
        var path = Path.Combine(PlanSeedTests.RepoRoot(), "src", "Fip.Web", "Resources", file);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [GeneratedRegex("""\b[Ll]\["([A-Za-z0-9_.]+)"(?:\s*[,\]])""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex("""(?:ErrorMessage|Name) = "([A-Z][A-Za-z]+\.[A-Za-z0-9.]+)"\)?""")]
    private static partial Regex AttributeKey();

    [Fact]
    public void EveryKeyUsedInTheSource_ExistsInTheResources()
    {
        var zh = JsonStringLocalizerFactory.Table("zh-CN");
        var source = Path.Combine(PlanSeedTests.RepoRoot(), "src");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerCall().Matches(text).Concat(AttributeKey().Matches(text)))
            {
                var key = m.Groups[1].Value;
                if (!zh.ContainsKey(key)) missing.Add($"{Path.GetFileName(file)}: {key}");
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void RoleAndAuditActionNames_ExistForEveryValue()
    {
        var zh = JsonStringLocalizerFactory.Table("zh-CN");
        Assert.All(Fip.Web.Features.Accounts.Roles.All, r => Assert.True(zh.ContainsKey("Role." + r), r));
        Assert.All(Fip.Web.Features.Admin.Audit.IndexModel.Actions, a => Assert.True(zh.ContainsKey("AuditAction." + a), a));
        Assert.All(new[] { "400", "403", "404", "500" },
            c => Assert.True(zh.ContainsKey("ErrorPage.Title" + c) && zh.ContainsKey("ErrorPage.Text" + c), c));
    }

    [Fact]
    public void Localizer_FallsBackToChineseThenToTheKey()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            var l = new JsonStringLocalizer();
            Assert.Equal("Plan overview", l["Plan.Title"].Value);
            Assert.True(l["No.Such.Key"].ResourceNotFound);
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
            Assert.Equal("规划总览", l["Plan.Title"].Value);
            Assert.Equal("到2030年", l["Plan.ByYear", 2030].Value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
