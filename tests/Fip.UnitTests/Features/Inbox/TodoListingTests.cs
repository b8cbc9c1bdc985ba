using Fip.Web.Features.Inbox;

namespace Fip.UnitTests.Features.Inbox;

/// <summary>Which 待办 items are listed when there are more than the page shows: every kind keeps its share.</summary>
public class TodoListingTests
{
    /// <summary>counts: items of each kind as "Kind:count,…"; expected: items listed per kind, in kind order.</summary>
    [Theory]
    [InlineData("ReportOverdue:3,EnterpriseRequest:1", 10, "ReportOverdue:3,EnterpriseRequest:1")]
    // The case that hid a claim: 150 overdue reports and one claim, 100 shown.
    [InlineData("ReportOverdue:150,EnterpriseRequest:1", 100, "ReportOverdue:99,EnterpriseRequest:1")]
    [InlineData("ReportOverdue:150,Alert:150", 100, "ReportOverdue:50,Alert:50")]
    // A kind with fewer than its share leaves the rest to the kinds before it, in kind order.
    [InlineData("ReportOverdue:80,Alert:80,EnterpriseRequest:2", 100, "ReportOverdue:65,Alert:33,EnterpriseRequest:2")]
    [InlineData("ReportOverdue:100", 100, "ReportOverdue:100")]
    [InlineData("ReportOverdue:101", 100, "ReportOverdue:100")]
    // More kinds than places: one of each, in kind order, until the page is full.
    [InlineData("ReportReturned:5,ReportOverdue:5,ReportDue:5", 2, "ReportReturned:1,ReportOverdue:1")]
    public void EveryKind_KeepsItsShare(string counts, int shown, string expected)
    {
        var items = Parse(counts).SelectMany(k => Enumerable.Range(0, k.Count).Select(n =>
            new TodoItem(k.Kind, $"{k.Kind} {n}", null, null, "/", new DateOnly(2026, 1, 1).AddDays(n), false))).ToList();
        var listed = TodoInbox.Listed(items, shown);
        var actual = string.Join(",", listed.GroupBy(i => i.Kind).Select(g => $"{g.Key}:{g.Count()}"));
        Assert.Equal(expected, actual);
        Assert.Equal(listed.OrderBy(i => i.Kind).ThenBy(i => i.Due), listed);
        // Within a kind the most pressing come first: the earliest due dates.
        Assert.All(listed.GroupBy(i => i.Kind), g => Assert.Equal(new DateOnly(2026, 1, 1), g.First().Due));
    }

    private static IEnumerable<(TodoKind Kind, int Count)> Parse(string counts) =>
        counts.Split(',').Select(p => p.Split(':'))
            .Select(p => (Enum.Parse<TodoKind>(p[0]), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
}
