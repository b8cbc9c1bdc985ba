using Fip.Web.Features.Support;

namespace Fip.UnitTests.Features.Support;

/// <summary>
/// How many changed enterprises the kept match table patches before a full pass replaces the patch
/// (<see cref="PolicyMatcher.FullPassAbove"/>): half the table on SQLite, a quarter on PostgreSQL, never below 1,000 (the measured
/// break-even, docs/benchmarks.md).
/// </summary>
public class FullPassThresholdTests
{
    public static TheoryData<int, bool, int> Cases => new()
    {
        // An empty or small table: a patch of up to 1,000 enterprises always.
        { 0, true, 1_000 },
        { 0, false, 1_000 },
        { 2_000, true, 1_000 },
        { 4_000, false, 1_000 },
        // Past the floor: half on SQLite, a quarter on PostgreSQL (rounded down).
        { 2_003, true, 1_001 },
        { 4_007, false, 1_001 },
        { 20_000, true, 10_000 },
        { 20_000, false, 5_000 },
        { 1_000_000, true, 500_000 },
        { 1_000_000, false, 250_000 },
    };

    [Theory, MemberData(nameof(Cases))]
    public void FullPassAbove_HalfOnSqlite_AQuarterOnPostgres_AtLeastAThousand(int enterprises, bool sqlite, int expected) =>
        Assert.Equal(expected, PolicyMatcher.FullPassAbove(enterprises, sqlite));

    [Fact]
    public void FullPassAbove_NeverFallsAsTheTableGrows()
    {
        foreach (var sqlite in new[] { true, false })
            for (var n = 0; n < 50_000; n += 7)
                Assert.True(PolicyMatcher.FullPassAbove(n + 7, sqlite) >= PolicyMatcher.FullPassAbove(n, sqlite));
    }
}
