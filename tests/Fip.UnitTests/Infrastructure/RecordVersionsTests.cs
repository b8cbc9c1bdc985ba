using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fip.Web.Data.Saving;

namespace Fip.UnitTests.Infrastructure;

/// <summary>Version tokens: the shape of the stored ones (a GUID's 32 hex digits), and never the same twice.</summary>
public class RecordVersionsTests
{
    [Fact]
    public void Tokens_HaveAGuidsShape()
    {
        var token = RecordVersions.New();
        Assert.Matches(new Regex("^[0-9a-f]{32}$"), token);
        Assert.Equal(token, Guid.ParseExact(token, "N").ToString("N"));
    }

    /// <summary>
    /// Many more tokens than one draw of random bytes holds (256 a draw), on four threads at once: all distinct, so each draw
    /// is used once, token by token, and every thread draws its own.
    /// </summary>
    [Fact]
    public void Tokens_AreNeverHandedOutTwice_AcrossDrawsAndThreads()
    {
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var duplicates = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 5_000; i++)
                if (!seen.TryAdd(RecordVersions.New(), true)) Interlocked.Increment(ref duplicates);
        });
        Assert.Equal((0, 20_000), (duplicates, seen.Count));
    }
}
