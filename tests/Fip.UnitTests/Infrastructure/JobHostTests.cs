using System.Security.Claims;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fip.UnitTests.Infrastructure;

public class JobHostTests
{
    private sealed class Job(string name, Func<CancellationToken, Task<string?>> run) : IScheduledJob
    {
        public int Runs;
        public string Name => name;
        public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromMilliseconds(10);
        public TimeSpan FirstRunAfter => TimeSpan.Zero;

        public Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            return run(ct);
        }
    }

    private sealed class RefusingLease : IJobLease
    {
        public Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(null);
    }

    private static JobHost Host(IEnumerable<IScheduledJob> jobs, IJobLease? lease = null, bool enabled = true)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var configuration =
            new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?> { ["Jobs:Enabled"] = enabled ? "true" : "false" }).Build();
        return new JobHost(jobs, services.GetRequiredService<IServiceScopeFactory>(), lease ?? new LocalJobLease(), configuration,
            TimeProvider.System,
            NullLogger<JobHost>.Instance);
    }

    [Fact]
    public async Task RunOnce_FailingJob_IsLoggedAndTheHostGoesOn()
    {
        var failing = new Job("failing", _ => throw new InvalidOperationException("boom"));
        var host = Host([failing]);
        Assert.True(await host.RunOnceAsync(failing, CancellationToken.None));
        Assert.Equal(1, failing.Runs);
    }

    [Fact]
    public async Task RunOnce_LeaseHeldElsewhere_DoesNotRunTheJob()
    {
        var job = new Job("held", _ => Task.FromResult<string?>(null));
        Assert.True(await Host([job], new RefusingLease()).RunOnceAsync(job, CancellationToken.None));
        Assert.Equal(0, job.Runs);
    }

    [Fact]
    public async Task Host_RunsEveryDeclaredJob_AndStoppingCancelsTheRunInProgress()
    {
        var quick = new Job("quick", _ => Task.FromResult<string?>("done"));
        var cancelled = new TaskCompletionSource();
        var slow = new Job("slow", async ct =>
        {
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { cancelled.SetResult(); throw; }
            return null;
        });
        IHostedService host = Host([quick, slow]);
        await host.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (slow.Runs == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, quick.Runs);
        Assert.Equal(1, slow.Runs);
        var stopping = Task.Run(() => host.StopAsync(CancellationToken.None));
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.True(cancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task Host_Disabled_RunsNothing()
    {
        var job = new Job("off", _ => Task.FromResult<string?>(null));
        IHostedService host = Host([job], enabled: false);
        await host.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        await host.StopAsync(CancellationToken.None);
        Assert.Equal(0, job.Runs);
    }

    [Fact]
    public async Task Worker_RunsQueuedWork_AndStoppingCancelsIt()
    {
        var queue = new BackgroundWorkQueue();
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        IHostedService worker = new BackgroundWorker(queue, scopes, NullLogger<BackgroundWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var ran = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        queue.Enqueue(new ClaimsPrincipal(), (_, _) => { ran.SetResult(); return Task.CompletedTask; });
        queue.Enqueue(new ClaimsPrincipal(), async (_, ct) =>
        {
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { cancelled.SetResult(); throw; }
        });
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        await worker.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(cancelled.Task.IsCompleted);
    }
}
