namespace Fip.Web.Features.Talent;

/// <summary>Where a plan year's check-in stands on a given day.</summary>
public enum CheckInState
{
    /// <summary>Its window has not opened yet.</summary>
    Upcoming,
    /// <summary>Within <see cref="FollowUpSchedule.DueWindowDays"/> days before the due date, not filed: in the unit's 待办.</summary>
    Due,
    /// <summary>Past the due date, not filed: in the unit's 待办, late, and an alert.</summary>
    Overdue,
    Filed,
    /// <summary>Not owed: the plan was closed before it fell due, or the person's record was anonymised (retention).</summary>
    Waived,
}

/// <summary>One plan year: the period it covers, the day its check-in is due, and its state.</summary>
public sealed record CheckInSlot(int PlanYear, DateOnly From, DateOnly DueOn, CheckInState State);

/// <summary>
/// When a follow-up plan's yearly check-ins fall due. Plan years run from the plan's start, not the calendar: plan year k covers
/// [start + (k − 1) years, start + k years) and its check-in is due on its last day's morrow, the anniversary start + k years; a
/// plan that ends between anniversaries has a last, shorter year due on its end date. A plan started on 1 July 2025 and ending 31
/// December 2027 owes check-ins on 1 July 2026, 1 July 2027 and 31 December 2027. A check-in is due from
/// <see cref="DueWindowDays"/> days before that day and overdue after it. Closing a plan early waives the check-ins due after the
/// closing day (those due on or before it are still owed); anonymising the person (retention) waives every check-in not filed.
/// </summary>
public static class FollowUpSchedule
{
    public const int DueWindowDays = 30;
    /// <summary>The longest plan: ten plan years.</summary>
    public const int MaxYears = 10;

    public static IReadOnlyList<CheckInSlot> Slots(DateOnly startsOn, DateOnly endsOn, DateOnly? closedOn, bool anonymised,
        IReadOnlySet<int> filedYears, DateOnly today)
    {
        var slots = new List<CheckInSlot>();
        for (var year = 1; year <= MaxYears; year++)
        {
            var from = startsOn.AddYears(year - 1);
            if (from >= endsOn) break;
            var due = startsOn.AddYears(year) is var anniversary && anniversary < endsOn ? anniversary : endsOn;
            slots.Add(new CheckInSlot(year, from, due, StateOf(due, closedOn, anonymised, filedYears.Contains(year), today)));
        }
        return slots;
    }

    public static CheckInState StateOf(DateOnly due, DateOnly? closedOn, bool anonymised, bool filed, DateOnly today)
    {
        if (filed) return CheckInState.Filed;
        if (anonymised || closedOn < due) return CheckInState.Waived;
        if (today > due) return CheckInState.Overdue;
        return today >= due.AddDays(-DueWindowDays) ? CheckInState.Due : CheckInState.Upcoming;
    }

    /// <summary>Whether a check-in for the slot may be filed now: its window opened and it is owed.</summary>
    public static bool Open(CheckInState state) => state is CheckInState.Due or CheckInState.Overdue;

    /// <summary>The items of an outcome list ("项目A、项目B"), for the counts on the talent's page.</summary>
    public static IReadOnlyList<string> Items(string? list) =>
        [.. (list ?? "").Split(Registries.FieldText.ListSeparators,
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
