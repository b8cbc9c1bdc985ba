using Fip.Web.Data;
using Fip.Web.Features.Organisation;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests.Data;

public class KeptViewsTests
{
    private static async Task<int> ComputationsAsync(IServiceProvider services, string view, object? args, StampSet dependsOn,
        Counter counter)
    {
        await using var scope = services.CreateAsyncScope();
        var kept = scope.ServiceProvider.GetRequiredService<KeptViews>();
        return await kept.GetOrCreateAsync(view, args, dependsOn, _ => Task.FromResult(counter.Next()), CancellationToken.None);
    }

    private sealed class Counter
    {
        private int _value;
        public int Next() => Interlocked.Increment(ref _value);
    }

    private static async Task MoveGoalsStampAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        db.Departments.Add(new Department { Name = "缓存局" + Guid.NewGuid().ToString("N")[..8], Kind = DepartmentKind.CityDepartment });
        await db.SaveChangesAsync();
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task KeptView_ComputedOncePerStampsAndArgs_AgainWhenADependedStampMoves(DatabaseProvider db)
    {
        var services = FipApp.For(db).Services;
        var view = "test-" + Guid.NewGuid().ToString("N");
        var onGoals = new Counter();
        var onSupervision = new Counter();

        var first = await ComputationsAsync(services, view, 1, StampSet.Goals, onGoals);
        Assert.Equal(first, await ComputationsAsync(services, view, 1, StampSet.Goals, onGoals)); // kept
        Assert.NotEqual(first, await ComputationsAsync(services, view, 2, StampSet.Goals, onGoals)); // other args: its own
        var supervisionFirst = await ComputationsAsync(services, view + "s", 1, StampSet.Supervision, onSupervision);

        await MoveGoalsStampAsync(services);
        Assert.NotEqual(first, await ComputationsAsync(services, view, 1, StampSet.Goals, onGoals)); // its stamp moved on
        // A view that does not depend on the goals stamp is still kept.
        Assert.Equal(supervisionFirst, await ComputationsAsync(services, view + "s", 1, StampSet.Supervision, onSupervision));
    }

    [Fact]
    public void MemoryCache_HasASizeLimit()
    {
        // With a size limit set, the cache refuses an entry that does not say its size.
        var cache = FipApp.For(DatabaseProvider.Sqlite).Services.GetRequiredService<IMemoryCache>();
        Assert.Throws<InvalidOperationException>(() => cache.Set("unsized-" + Guid.NewGuid().ToString("N"), 1));
    }
}
