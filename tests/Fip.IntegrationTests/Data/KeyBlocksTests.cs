using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests.Data;

/// <summary>Keys reserved a block at a time for a chunked load (<see cref="RowWriter.KeyBlocks{T}"/>).</summary>
public sealed class KeyBlocksTests
{
    /// <summary>Chunks within a block, a chunk across two blocks and one larger than a block: every key new and unused, none twice,
    /// although no row is written between the reservations (on SQLite the next block starts after the keys handed out).</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task KeyBlocks_HandOutNewKeysOnce_WithinAndAcrossBlocks(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var largest = await context.Enterprises.IgnoreQueryFilters().MaxAsync(e => (int?)e.Id) ?? 0;
        var blocks = new RowWriter.KeyBlocks<Enterprise>(4);
        var taken = new List<int>();
        foreach (var chunk in new[] { 3, 1, 3, 9, 2 })
        {
            var keys = await blocks.TakeAsync(context, chunk, CancellationToken.None);
            Assert.Equal(chunk, keys.Length);
            taken.AddRange(keys);
        }
        Assert.Equal(18, taken.Distinct().Count());
        Assert.All(taken, k => Assert.True(k > largest, $"{k} ≤ {largest}"));
        Assert.Equal(taken.Order(), taken); // in the order handed out
        await transaction.RollbackAsync();
    }
}
