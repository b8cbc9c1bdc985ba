using System.Globalization;
using System.Text.RegularExpressions;

namespace Fip.IntegrationTests;

/// <summary>The navigation's counts as a page shows them: unread messages and open alerts (null: no badge shown).</summary>
internal static partial class NavigationBadges
{
    public static int? Messages(string page) => Count(MessageCount().Match(page));

    public static int? Alerts(string page) => Count(AlertCount().Match(page));

    private static int? Count(Match m) => m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("data-testid=\"nav-message-count\">(\\d+)<")]
    private static partial Regex MessageCount();

    [GeneratedRegex("data-testid=\"nav-alert-count\">(\\d+)<")]
    private static partial Regex AlertCount();
}
