namespace Fip.Web.Features.Support;

/// <summary>
/// The match table this node keeps (one per app, shared by its requests), with what it was computed from: the registries' stamp
/// it is exact for, the goals' stamp and the names of districts and tracks (rules name them), the figures' year, the day (rules
/// on age), and each policy's rule. <see cref="PolicyMatcher.AllAsync"/> brings it up to date under <see cref="Gate"/>, one
/// request at a time; the others read the newest published table.
/// </summary>
public sealed class MatchKeeper
{
    internal sealed record Kept(long Stamp, long Goals, int Year, DateOnly Day, IReadOnlyDictionary<int, string> Districts,
        IReadOnlyDictionary<int, string> Tracks, IReadOnlyDictionary<int, string> Rules, int[] Live, MatchTable Table)
    {
        /// <summary>Rules on age change verdicts from one day to the next without a write.</summary>
        public bool ReadsAge(int policyId) => Rules.GetValueOrDefault(policyId)?.Contains("\"age\"", StringComparison.Ordinal) == true;
    }

    private volatile Kept? _current;
    private long _fullPasses, _patches;

    internal Kept? Current
    {
        get => _current;
        set => _current = value;
    }

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>How many times this node computed the whole table, and patched it: what tests and the benchmark observe.</summary>
    public long FullPasses => Interlocked.Read(ref _fullPasses);
    public long Patches => Interlocked.Read(ref _patches);

    internal void CountFullPass() => Interlocked.Increment(ref _fullPasses);
    internal void CountPatch() => Interlocked.Increment(ref _patches);

    /// <summary>Runs after a patch has read its facts and before it publishes the table (tests commit a write there).</summary>
    internal Func<Task>? AfterFactsRead { get; set; }

    /// <summary>Forgets the kept table: the next read computes it in full.</summary>
    public void Forget() => _current = null;
}

/// <summary>Merging a patch's verdicts into the kept per-policy id lists (sorted, never changed in place).</summary>
internal static class MatchPatch
{
    /// <summary>
    /// The list with the <paramref name="touched"/> enterprises' old entries replaced by <paramref name="now"/> (those of them in
    /// it now); the same array when nothing changed, so a patch that flips no verdict copies nothing.
    /// </summary>
    public static int[] Apply(int[] old, IReadOnlySet<int> touched, IReadOnlySet<int> now)
    {
        if (touched.All(id => Array.BinarySearch(old, id) >= 0 == now.Contains(id))) return old;
        var had = touched.Count(id => Array.BinarySearch(old, id) >= 0);
        var add = now.Order().ToArray();
        var result = new int[old.Length - had + add.Length];
        int i = 0, j = 0, k = 0;
        // One merge of two sorted lists, the touched enterprises' old entries left out.
        while (i < old.Length || j < add.Length)
        {
            if (i < old.Length && touched.Contains(old[i])) i++;
            else if (j >= add.Length || (i < old.Length && old[i] < add[j])) result[k++] = old[i++];
            else result[k++] = add[j++];
        }
        return result;
    }
}
