using System.Globalization;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

/// <summary>
/// A plan target's unit (个, 家, 亿元…) is shown in the reader's language from the resources' "Unit." keys, like every other UI
/// word; a unit the resources do not know is shown as the plan wrote it.
/// </summary>
public class PlanUnitTests
{
    private static string In(string culture, string? unit)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return Display.Unit(unit, new JsonStringLocalizer());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("个", "items")]
    [InlineData("家", "enterprises")]
    [InlineData("亿元", "100 million yuan")]
    [InlineData("万元", "×10k yuan")]
    [InlineData("个百分点", "percentage points")]
    [InlineData("%", "%")]
    [InlineData(" 家 ", "enterprises")]
    [InlineData("吨", "吨")]          // not in the resources: as written
    [InlineData("", "")]
    [InlineData(null, "")]
    public void InEnglish_TheResourcesWord_OrTheUnitAsWritten(string? unit, string expected) => Assert.Equal(expected, In("en", unit));

    [Theory]
    [InlineData("个")]
    [InlineData("亿元")]
    [InlineData("吨")]
    public void InChinese_ThePlansOwnWord(string unit) => Assert.Equal(unit, In("zh-CN", unit));

    /// <summary>The words live in the resources: each Chinese entry is its own unit, each English one what the page shows.</summary>
    [Fact]
    public void EveryUnitInTheResources_IsWhatThePageShows()
    {
        var zh = JsonStringLocalizerFactory.Table("zh-CN").Where(kv => kv.Key.StartsWith(Display.UnitKeyPrefix, StringComparison.Ordinal))
            .ToList();
        Assert.True(zh.Count >= 15, $"{zh.Count} units in the resources");
        Assert.All(zh, kv => Assert.Equal(kv.Key[Display.UnitKeyPrefix.Length..], kv.Value));
        var en = JsonStringLocalizerFactory.Table("en");
        Assert.All(zh, kv => Assert.Equal(en[kv.Key], In("en", kv.Value)));
    }
}
