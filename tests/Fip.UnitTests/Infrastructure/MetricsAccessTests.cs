using System.Net;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

public class MetricsAccessTests
{
    private const string Networks = "10.20.0.0/16, 192.0.2.7;fd00::/8";

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("127.8.9.10", null, true)]               // all of 127/8 is loopback
    [InlineData("::1", null, true)]
    [InlineData("::ffff:127.0.0.1", null, true)]         // IPv4 loopback seen on a dual-stack socket
    [InlineData("10.20.0.0", null, true)]                // first address of the network
    [InlineData("10.20.255.255", null, true)]            // last one
    [InlineData("10.21.0.0", null, false)]               // the next network
    [InlineData("::ffff:10.20.1.1", null, true)]
    [InlineData("192.0.2.7", null, true)]                // a single address
    [InlineData("192.0.2.8", null, false)]
    [InlineData("fd12::5", null, true)]
    [InlineData("fe80::1", null, false)]
    [InlineData("203.0.113.7", null, false)]
    [InlineData(null, null, false)]                      // no peer address (a unix socket): not trusted
    [InlineData("127.0.0.1", "203.0.113.7", false)]      // the local proxy relaying an outsider
    [InlineData("127.0.0.1", "10.20.4.4, 127.0.0.1", true)]
    [InlineData("127.0.0.1", "10.20.4.4, 203.0.113.7", false)] // any outsider on the way
    [InlineData("127.0.0.1", "unknown", false)]          // a hop that is not an address
    [InlineData("203.0.113.7", "127.0.0.1", false)]      // an outsider claiming to be local
    public void IsAllowed_LoopbackAndConfiguredNetworksOnly(string? remote, string? forwardedFor, bool allowed) =>
        Assert.Equal(allowed, MetricsAccess.IsAllowed(remote is null ? null : IPAddress.Parse(remote), forwardedFor,
            MetricsAccess.Parse(Networks)));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("intranet")]
    [InlineData("10.0.0.1/8")] // host bits set: say what is meant
    public void Parse_RefusesWhatIsNotANetwork(string setting) =>
        Assert.Throws<InvalidOperationException>(() => MetricsAccess.Parse(setting));

    [Fact]
    public void Parse_EmptyMeansLoopbackOnly() => Assert.Empty(MetricsAccess.Parse(null));
}
