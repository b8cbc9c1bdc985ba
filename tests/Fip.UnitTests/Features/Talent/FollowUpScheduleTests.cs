using Fip.Web.Features.Talent;

namespace Fip.UnitTests.Features.Talent;

/// <summary>When a young talent's yearly check-in is due, overdue, filed or not owed (人才跟踪培养).</summary>
public class FollowUpScheduleTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>start, end, closed, anonymised, filed years, today → "year:due:state" per plan year.</summary>
    public static TheoryData<string, string, string?, bool, int[], string, string> Cases() => new()
    {
        // A plan started mid-year: plan years run from the start date, not the calendar; the last, shorter year is due at the end.
        { "2025-07-01", "2027-12-31", null, false, [], "2026-05-31",
            "1:2026-07-01:Upcoming 2:2027-07-01:Upcoming 3:2027-12-31:Upcoming" },
        // The window opens 30 days before the anniversary (1 June), not earlier.
        { "2025-07-01", "2027-12-31", null, false, [], "2026-06-01", "1:2026-07-01:Due 2:2027-07-01:Upcoming 3:2027-12-31:Upcoming" },
        // On the due day itself it is still due, not late; the day after it is overdue.
        { "2025-07-01", "2027-12-31", null, false, [], "2026-07-01", "1:2026-07-01:Due 2:2027-07-01:Upcoming 3:2027-12-31:Upcoming" },
        { "2025-07-01", "2027-12-31", null, false, [], "2026-07-02", "1:2026-07-01:Overdue 2:2027-07-01:Upcoming 3:2027-12-31:Upcoming" },
        // Filed years stay filed whatever the date.
        { "2025-07-01", "2027-12-31", null, false, [1], "2027-12-30", "1:2026-07-01:Filed 2:2027-07-01:Overdue 3:2027-12-31:Due" },
        // A calendar-year plan: three years, each due on 1 January.
        { "2024-01-01", "2027-01-01", null, false, [1, 2], "2027-01-15", "1:2025-01-01:Filed 2:2026-01-01:Filed 3:2027-01-01:Overdue" },
        // Closed early: a check-in due after the closing day is waived; one due on or before it is still owed.
        { "2025-07-01", "2028-06-30", "2027-03-01", false, [], "2027-09-01",
            "1:2026-07-01:Overdue 2:2027-07-01:Waived 3:2028-06-30:Waived" },
        { "2025-07-01", "2028-06-30", "2026-07-01", false, [], "2026-08-01",
            "1:2026-07-01:Overdue 2:2027-07-01:Waived 3:2028-06-30:Waived" },
        // The person's record was anonymised by retention: nothing is owed any more, what was filed stays filed.
        { "2024-03-01", "2027-03-01", null, true, [1], "2026-06-01", "1:2025-03-01:Filed 2:2026-03-01:Waived 3:2027-03-01:Waived" },
        // A plan shorter than a year owes one check-in, on its end date.
        { "2026-01-10", "2026-09-30", null, false, [], "2026-09-01", "1:2026-09-30:Due" },
        // Started on 29 February: the anniversary in a common year is 28 February.
        { "2024-02-29", "2026-02-28", null, false, [], "2025-03-01", "1:2025-02-28:Overdue 2:2026-02-28:Upcoming" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Slots_FollowThePlanYears(string start, string end, string? closed, bool anonymised, int[] filed, string today,
        string expected)
    {
        var slots = FollowUpSchedule.Slots(D(start), D(end), closed is null ? null : D(closed), anonymised, filed.ToHashSet(), D(today));
        Assert.Equal(expected, string.Join(" ", slots.Select(s => $"{s.PlanYear}:{s.DueOn:yyyy-MM-dd}:{s.State}")));
    }

    [Fact]
    public void APlan_HasAtMostTenYears()
    {
        var slots = FollowUpSchedule.Slots(D("2020-01-01"), D("2040-01-01"), null, false, new HashSet<int>(), D("2020-01-01"));
        Assert.Equal(FollowUpSchedule.MaxYears, slots.Count);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("项目A", 1)]
    [InlineData("项目A、项目B；项目C", 3)]
    [InlineData("A, B,, ", 2)]
    public void OutcomeItems_AreCountedByTheListSeparators(string? list, int count) =>
        Assert.Equal(count, FollowUpSchedule.Items(list).Count);
}
