using Fip.Web.Features.Goals;

namespace Fip.UnitTests.Features.Goals;

public class HomeVisitMemoryTests
{
    private static readonly DateTime Visit = new(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>When a remembered visit answers a reload without a query: only within the minute in which the database would not be
    /// written either, never for a clock that reads earlier than the visit, never for another user.</summary>
    [Theory]
    [InlineData("leader", 0, true)]         // the same instant
    [InlineData("leader", 30, true)]
    [InlineData("leader", 60, true)]        // exactly a minute: the database is not written at a minute either
    [InlineData("leader", 61, false)]       // past a minute the visit is extended in the database, so it is read
    [InlineData("leader", 45 * 60, false)]  // after a gap another node may have rolled the visit on
    [InlineData("leader", -1, false)]       // a clock behind the visit (another node's write): read
    [InlineData("someone-else", 10, false)]
    public void Recent_AnswersOnlyWithinAMinuteOfTheVisit(string user, int secondsLater, bool answered)
    {
        var memory = new HomeVisitMemory();
        memory.Remember(new HomeVisit { UserId = "leader", LastAt = Visit, PreviousAt = Visit.AddHours(-5) });
        var recent = memory.Recent(user, Visit.AddSeconds(secondsLater));
        Assert.Equal(answered, recent is not null);
        if (answered) Assert.Equal(Visit.AddHours(-5), recent!.Value.PreviousAt);
    }

    [Fact]
    public void Remember_KeepsTheLatestWrite()
    {
        var memory = new HomeVisitMemory();
        memory.Remember(new HomeVisit { UserId = "leader", LastAt = Visit });
        memory.Remember(new HomeVisit { UserId = "leader", LastAt = Visit.AddHours(1), PreviousAt = Visit });
        Assert.Null(memory.Recent("leader", Visit.AddSeconds(30)));
        Assert.Equal(Visit, memory.Recent("leader", Visit.AddHours(1).AddSeconds(30))!.Value.PreviousAt);
    }
}
