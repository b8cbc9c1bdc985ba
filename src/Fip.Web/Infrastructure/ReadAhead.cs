using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Fip.Web.Infrastructure;

/// <summary>
/// An async sequence produced on another thread, a few items ahead of its reader: an import parses its next chunk of rows on
/// one core while the database writes the last on the other. The items come in the source's order; an exception of the source
/// reaches the reader where the item would have; a reader that stops early (or is cancelled) stops the source and waits for it
/// before it goes on, so the source never runs past its reader.
/// </summary>
public static class ReadAhead
{
    /// <param name="source">Must not share anything unsafe across threads with the reader (a DbContext, a list both add to).</param>
    /// <param name="capacity">How many items may wait for the reader.</param>
    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> source, int capacity,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token)) await channel.Writer.WriteAsync(item, stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            // A source that failed completes the channel with its exception: WaitToReadAsync throws it here.
            while (await channel.Reader.WaitToReadAsync(ct))
                while (channel.Reader.TryRead(out var item))
                    yield return item;
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }
}
