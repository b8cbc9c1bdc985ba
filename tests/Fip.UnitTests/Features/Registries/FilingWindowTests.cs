using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.Extensions.Configuration;

namespace Fip.UnitTests.Features.Registries;

/// <summary>When an enterprise may file a year's figures (issue #18 item 3), and what a contact phone must look like.</summary>
public sealed class FilingWindowTests
{
    [Theory]
    [InlineData(null, 2025, "2026-01-01", true)]    // opens on New Year's Day
    [InlineData(null, 2025, "2025-12-31", false)]   // not during the year itself
    [InlineData(null, 2025, "2026-05-31", true)]    // the deadline day is still open
    [InlineData(null, 2025, "2026-06-01", false)]   // closed the day after
    [InlineData(null, 2024, "2026-03-01", false)]   // an older year stays closed
    [InlineData("04-30", 2025, "2026-05-01", false)] // a configured deadline
    [InlineData("02-29", 2025, "2026-02-28", true)] // 29 February in a common year is its 28th
    [InlineData("02-29", 2025, "2026-03-01", false)]
    [InlineData("13-45", 2025, "2026-05-31", true)] // a broken setting keeps the default
    public void IsOpen(string? deadline, int year, string day, bool open)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Filing:Deadline"] = deadline }).Build();
        var on = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(open, FilingWindow.From(configuration).IsOpen(year, on));
    }

    [Theory]
    [InlineData("2026-03-01", 2025)]
    [InlineData("2026-07-01", null)]
    public void OpenYear(string day, int? year) =>
        Assert.Equal(year, FilingWindow.Default.OpenYear(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData(" 138 1234 5678 ", true)]
    [InlineData("0514-87654321", true)]
    [InlineData("051487654321", true)]
    [InlineData("12812345678", false)]   // no mobile number starts 12
    [InlineData("1381234567", false)]    // ten digits
    [InlineData("+8613812345678", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ContactPhoneIsChecked(string? phone, bool valid) => Assert.Equal(valid, ContactPhone.IsValid(phone));
}
