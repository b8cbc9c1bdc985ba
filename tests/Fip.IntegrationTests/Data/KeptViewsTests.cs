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

    /// <summary>A computation whose end the test decides: counts its starts, returns what it is released with.</summary>
    private sealed class Gate
    {
        private readonly TaskCompletionSource<int> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _starts;
        public int Starts => _starts;
        public Task Started => _started.Task;
        public void Release(int value) => _release.SetResult(value);

        public async Task<int> ComputeAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _starts);
            _started.TrySetResult();
            return await _release.Task.WaitAsync(ct);
        }
    }

    private static async Task<int> GetAsync(IServiceProvider services, string view, Func<CancellationToken, Task<int>> factory)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeptViews>().GetOrCreateAsync(view, null, StampSet.Goals, factory,
            CancellationToken.None);
    }

    /// <summary>
    /// Requests that need a view while it is being computed wait for that computation (one at a time), and by default get
    /// its new value: never the one from before the write. An app of its own: on the shared one, another test's save to the
    /// goals while the view is being computed rightly starts a second computation (seen under load).
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task KeptView_IsComputedOnceAtATime_AndWaitersGetTheNewValue(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var services = app.Services;
        var view = "flight-" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await GetAsync(services, view, _ => Task.FromResult(1)));
        await MoveGoalsStampAsync(services);

        var gate = new Gate();
        var first = GetAsync(services, view, gate.ComputeAsync);
        await gate.Started;
        var others = Enumerable.Range(0, 5).Select(_ => GetAsync(services, view, gate.ComputeAsync)).ToList();
        await Task.Delay(200);
        Assert.All(others, o => Assert.False(o.IsCompleted)); // waiting, not answered with the old value
        gate.Release(2);
        var answers = await Task.WhenAll([first, .. others]);
        Assert.Equal(6, answers.Count(a => a == 2));
        Assert.Equal(1, gate.Starts);
    }

    /// <summary>
    /// With <c>Cache:StaleSeconds</c>, requests that come while the view is being computed again after a write are answered at
    /// once with its last value; the request computing it gets the new one, and so does every request after it.
    /// </summary>
    [Fact]
    public async Task KeptView_WithStaleSeconds_AnswersWaitersWithTheLastValue_WhileOneComputesTheNew()
    {
        using var app = FipApp.Start(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["Cache:StaleSeconds"] = "60" });
        var view = "stale-" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await GetAsync(app.Services, view, _ => Task.FromResult(1)));
        await MoveGoalsStampAsync(app.Services);

        var gate = new Gate();
        var computing = GetAsync(app.Services, view, gate.ComputeAsync);
        await gate.Started;
        // The last value, at once (a wait for the computation would time out here).
        Assert.Equal(1, await GetAsync(app.Services, view, gate.ComputeAsync).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(computing.IsCompleted);
        gate.Release(2);
        Assert.Equal(2, await computing);
        Assert.Equal(2, await GetAsync(app.Services, view, _ => Task.FromResult(3))); // kept under the new stamps
        Assert.Equal(1, gate.Starts);
    }

    [Fact]
    public void MemoryCache_HasASizeLimit()
    {
        // With a size limit set, the cache refuses an entry that does not say its size.
        var cache = FipApp.For(DatabaseProvider.Sqlite).Services.GetRequiredService<IMemoryCache>();
        Assert.Throws<InvalidOperationException>(() => cache.Set("unsized-" + Guid.NewGuid().ToString("N"), 1));
    }
}
