using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

/// <summary>An import parses its next chunks on another thread while the database writes the last: what it reads must be what
/// it would have read in turn, a failure must reach it, and a reader that stops must stop the parsing.</summary>
public class ReadAheadTests
{
    private sealed class Source(int count, int? failAt = null)
    {
        public int Produced;
        public bool Finished;

        public async IAsyncEnumerable<int> Items([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    if (i == failAt) throw new InvalidDataException($"row {i}");
                    await Task.Yield();
                    Interlocked.Increment(ref Produced);
                    yield return i;
                }
            }
            finally
            {
                Finished = true;
            }
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(1000, 2)]
    [InlineData(37, 5)]
    public async Task Items_ComeInTheSourcesOrder_EveryOne(int count, int capacity)
    {
        var source = new Source(count);
        var read = new List<int>();
        await foreach (var i in ReadAhead.Of(source.Items(), capacity)) read.Add(i);
        Assert.Equal(Enumerable.Range(0, count), read);
        Assert.True(source.Finished);
    }

    [Fact]
    public async Task TheSourcesFailure_ReachesTheReader_AfterTheItemsBeforeIt()
    {
        var source = new Source(100, failAt: 42);
        var read = new List<int>();
        var failure = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var i in ReadAhead.Of(source.Items(), 2)) read.Add(i);
        });
        Assert.Equal("row 42", failure.Message);
        Assert.Equal(Enumerable.Range(0, 42), read);
    }

    [Fact]
    public async Task AReaderThatStops_StopsTheSource_WhichRunsAtMostCapacityAhead()
    {
        var source = new Source(1_000_000);
        var read = 0;
        await foreach (var _ in ReadAhead.Of(source.Items(), 2))
        {
            if (++read == 10)
            {
                // Wait for the source to fill the queue: it stops there, two items ahead (one more may be in hand).
                await Task.Delay(200);
                break;
            }
        }
        // Leaving the loop waited for the source to end.
        Assert.True(source.Finished);
        Assert.InRange(source.Produced, 10, 10 + 2 + 1);
    }

    [Fact]
    public async Task TheSourceGoesOn_WhileTheReaderIsBusyWithAnItem()
    {
        var source = new Source(50);
        var producedWhileBusy = -1;
        await foreach (var i in ReadAhead.Of(source.Items(), 2))
        {
            if (i != 0) continue;
            // The reader busy on its own thread (as a write is): the source fills the queue meanwhile.
            Thread.Sleep(300);
            producedWhileBusy = Volatile.Read(ref source.Produced);
        }
        Assert.True(source.Finished);
        Assert.InRange(producedWhileBusy, 3, 4);
    }

    [Fact]
    public async Task Cancelling_StopsBothTheReaderAndTheSource()
    {
        var source = new Source(1_000_000);
        using var cancel = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in ReadAhead.Of(source.Items(), 2, cancel.Token))
                if (++read == 5) await cancel.CancelAsync();
        });
        Assert.True(source.Finished);
        Assert.True(source.Produced < 1_000_000);
    }
}
