using Fip.Web.Features.Goals;
using Fip.Web.Features.Plans;

namespace Fip.UnitTests.Features.Goals;

/// <summary>A goal met before its target year reads 提前达成, not 已达成: a 2030 goal reached in 2026 is not a finished programme.
/// The cases officials argue about: the target year itself, December before it, a year already over, no year, not met.</summary>
public class GoalStatusWordsTests
{
    private static GoalCard Card(int? year, decimal target, decimal current, DateOnly today, Comparator comparator = Comparator.AtLeast)
    {
        var projection = GoalMath.Project(current, [new SeriesPoint(today.AddMonths(-1), current)], 0, 0, today, year);
        var status = GoalMath.Status(comparator, target, year, current, projection.Projected, today);
        return new GoalCard(1, "应用场景", null, year, comparator, target, "个", "", null, projection, status);
    }

    [Theory]
    [InlineData(2030, 10, 54, "2026-12-05", "Goals.Status.MetEarly")] // reached four years early
    [InlineData(2027, 10, 10, "2026-12-31", "Goals.Status.MetEarly")] // December of the year before: still early
    [InlineData(2026, 10, 12, "2026-12-05", "Goals.Status.Met")] // its own year: met
    [InlineData(2026, 10, 12, "2026-01-02", "Goals.Status.Met")] // its own year, January: met, not early
    [InlineData(2025, 10, 12, "2026-12-05", "Goals.Status.Met")] // the year is over and it held
    [InlineData(null, 10, 12, "2026-12-05", "Goals.Status.Met")] // no year: nothing to be early for
    [InlineData(2030, 10, 5, "2026-12-05", "Goals.Status.Behind")] // not met, no growth: as before
    public void AStatusInWords(int? year, int target, int current, string today, string key)
    {
        var card = Card(year, target, current, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(key, card.StatusKey);
        Assert.Equal(key == "Goals.Status.MetEarly", card.MetEarly);
    }

    [Fact]
    public void AnAtMostTarget_MetBeforeItsYear_IsEarlyToo()
    {
        var card = Card(2030, 0.5m, 0.4m, new DateOnly(2026, 12, 5), Comparator.AtMost);
        Assert.Equal(GoalStatus.Met, card.Status);
        Assert.True(card.MetEarly);
    }

    [Fact]
    public void EveryStatusKey_HasWordsInBothLanguages()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Fip.Web", "Resources");
        foreach (var file in new[] { "zh-CN.json", "en.json" })
        {
            var words = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, file))).RootElement;
            foreach (var key in Enum.GetNames<GoalStatus>().Select(s => "Goals.Status." + s).Append("Goals.Status.MetEarly"))
                Assert.True(words.TryGetProperty(key, out _), $"{file}: {key}");
        }
    }
}
