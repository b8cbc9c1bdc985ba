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
        // English alone has singular forms ("Key#one"), each beside the key it belongs to.
        var singular = en.Keys.Where(k => k.EndsWith(JsonStringLocalizer.OneSuffix, StringComparison.Ordinal)).ToList();
        Assert.Empty(en.Keys.Except(zh.Keys).Except(singular));
        Assert.All(singular, k => Assert.True(zh.ContainsKey(k[..^JsonStringLocalizer.OneSuffix.Length]), k));
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

    [Theory]
    [InlineData("Plan.TrackCount", 1, "1 track")]
    [InlineData("Plan.TrackCount", 0, "0 tracks")]
    [InlineData("Plan.TrackCount", 2, "2 tracks")]
    [InlineData("Supervision.OverdueDays", 1, "1 day overdue")]
    [InlineData("Supervision.OverdueDays", 11, "11 days overdue")]
    [InlineData("Cockpit.Firms", 1L, "1 enterprise")]
    [InlineData("Finance.NeedCount", 1, "1 need")]
    [InlineData("Finance.NeedCount", 2, "2 needs")]
    [InlineData("Goals.ShowRecords", 21, "See the 21 records counted")]
    public void English_SaysOneInTheSingular(string key, object count, string expected)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            Assert.Equal(expected, new JsonStringLocalizer()[key, count].Value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>No English string holds a Chinese character: terms are translated, and formats a reader must type are described.</summary>
    [Fact]
    public void EnglishStrings_HoldNoChinese() =>
        Assert.Empty(JsonStringLocalizerFactory.Table("en").Where(kv => ChineseCharacter().IsMatch(kv.Value)).Select(kv => kv.Key));

    [GeneratedRegex(@"[\u3400-\u9FFF]")]
    private static partial Regex ChineseCharacter();

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
            Assert.Equal("3个方向", l["Plan.TrackCount", 3].Value);
            Assert.Equal("1个方向", l["Plan.TrackCount", 1].Value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
