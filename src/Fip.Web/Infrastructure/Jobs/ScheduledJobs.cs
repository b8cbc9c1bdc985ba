using System.Security.Claims;
using System.Threading.Channels;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Medallion.Threading.Postgres;

namespace Fip.Web.Infrastructure.Jobs;

/// <summary>
/// Recurring work a feature declares (<see cref="JobServices.AddScheduledJob{T}"/>) and <see cref="JobHost"/> runs: each
/// run in a scope of its own, audited as <c>system:NAME</c>, after <see cref="IJobLease"/> grants it.
/// </summary>
public interface IScheduledJob
{
    /// <summary>A short stable name: the lease's key and the audit actor's name.</summary>
    string Name { get; }

    /// <summary>How long after a run's start the next is due (from configuration, read once at start).</summary>
    TimeSpan Interval(IConfiguration configuration);

    /// <summary>How long after the app starts the first run is due.</summary>
    TimeSpan FirstRunAfter => TimeSpan.FromSeconds(20);

    /// <summary>Does one run; returns a line for the log when it did something, null when there was nothing to do.</summary>
    Task<string?> RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// Decides whether this node may run a job now. The one place where several nodes agree that a job runs once:
/// on PostgreSQL <see cref="PostgresJobLease"/> (an advisory lock per job, several nodes), on SQLite
/// <see cref="LocalJobLease"/> (one node).
/// </summary>
public interface IJobLease
{
    /// <summary>A handle to dispose when the run ends, or null when another node holds the job.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct);
}

/// <summary>One process: every run is granted; overlapping runs of one job are not possible (the host runs them in turn).</summary>
public sealed class LocalJobLease : IJobLease
{
    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(new Nothing());
}

/// <summary>
/// Several nodes on one PostgreSQL: a run is granted to the node that takes the job's session-level advisory lock
/// (DistributedLock.Postgres, key <c>fip-job:NAME</c> hashed to 64 bits) without waiting; the others skip that run. The lock
/// is held on a connection of its own until the run ends, and PostgreSQL drops it with that connection, so a node that
/// dies (or loses the database) mid-run leaves the job to the next node whose turn comes.
/// </summary>
public sealed class PostgresJobLease(string connectionString) : IJobLease
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct) =>
        await new PostgresDistributedLock(new PostgresAdvisoryLockKey("fip-job:" + job, allowHashing: true), connectionString)
            .TryAcquireAsync(TimeSpan.Zero, ct);
}

/// <summary>
/// Runs the declared jobs on their intervals until the app stops (<c>Jobs:Enabled=false</c> turns them off). A failing
/// run is logged and the job runs again at its next time; stopping cancels the run in progress (its transaction rolls back).
/// </summary>
public sealed class JobHost(IEnumerable<IScheduledJob> jobs, IServiceScopeFactory scopes, IJobLease lease, IConfiguration configuration,
    TimeProvider clock, ILogger<JobHost> log) : BackgroundService
{
    /// <summary>How often the host looks for due jobs.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Jobs:Enabled", true)) return;
        var start = clock.GetUtcNow();
        var schedule = jobs.Select(j => (Job: j, Every: j.Interval(configuration), Next: start + j.FirstRunAfter)).ToArray();
        while (!stoppingToken.IsCancellationRequested)
        {
            for (var i = 0; i < schedule.Length; i++)
            {
                if (clock.GetUtcNow() < schedule[i].Next) continue;
                schedule[i].Next = clock.GetUtcNow() + schedule[i].Every;
                if (!await RunOnceAsync(schedule[i].Job, stoppingToken)) return;
            }
            try { await Task.Delay(Tick, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One run of a job, if the lease grants it. False when the app is stopping.</summary>
    public async Task<bool> RunOnceAsync(IScheduledJob job, CancellationToken stoppingToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            await using var held = await lease.TryAcquireAsync(job.Name, stoppingToken);
            if (held is null)
            {
                FipMetrics.JobRan(job.Name, "skipped", clock.GetElapsedTime(started));
                return true;
            }
            await using var scope = scopes.CreateAsyncScope();
            ActAs(scope.ServiceProvider, "system:" + job.Name);
            var done = await job.RunAsync(scope.ServiceProvider, stoppingToken);
            if (done is not null) log.LogInformation("Job {Job}: {Done}", job.Name, done);
            FipMetrics.JobRan(job.Name, done is null ? "idle" : "done", clock.GetElapsedTime(started));
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            FipMetrics.JobRan(job.Name, "failed", clock.GetElapsedTime(started));
            log.LogError(e, "Job {Job} failed; it runs again at its next time", job.Name);
            return true;
        }
    }

    /// <summary>Writes of a job are audited as the job.</summary>
    internal static void ActAs(IServiceProvider services, string name) => ActFor(services,
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "system")));

    /// <summary>Writes of background work are audited as the user it works for.</summary>
    internal static void ActFor(IServiceProvider services, ClaimsPrincipal user)
    {
        if (services.GetService<IAuditActor>() is HttpAuditActor actor) actor.ActingFor = user;
    }
}

/// <summary>
/// Work handed off by a request (an import's check or commit) and run by <see cref="BackgroundWorker"/> in a scope of
/// its own, acting for the user who asked. Stopping the app cancels it.
/// </summary>
public sealed class BackgroundWorkQueue
{
    internal readonly Channel<(ClaimsPrincipal User, Func<IServiceProvider, CancellationToken, Task> Work)> Items =
        Channel.CreateUnbounded<(ClaimsPrincipal, Func<IServiceProvider, CancellationToken, Task>)>();

    public void Enqueue(ClaimsPrincipal user, Func<IServiceProvider, CancellationToken, Task> work)
    {
        if (!Items.Writer.TryWrite((user, work))) throw new InvalidOperationException("The background queue is closed.");
    }
}

/// <summary>Runs queued work, <see cref="Workers"/> items at a time, until the app stops.</summary>
public sealed class BackgroundWorker(BackgroundWorkQueue queue, IServiceScopeFactory scopes, ILogger<BackgroundWorker> log)
    : BackgroundService
{
    public const int Workers = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (user, work) in queue.Items.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    JobHost.ActFor(scope.ServiceProvider, user);
                    await work(scope.ServiceProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    log.LogError(e, "Background work failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class JobServices
{
    /// <summary>Declares a recurring job; <see cref="JobHost"/> runs it in the web app (the command line runs none).</summary>
    public static IServiceCollection AddScheduledJob<T>(this IServiceCollection services) where T : class, IScheduledJob
    {
        services.AddSingleton<IScheduledJob, T>();
        return services;
    }

    /// <summary>The host of the declared jobs and of queued background work.</summary>
    public static IServiceCollection AddJobHost(this IServiceCollection services)
    {
        services.AddSingleton<IJobLease>(sp => sp.GetRequiredService<DatabaseOptions>() is { Provider: DatabaseProvider.Postgres } db
            ? new PostgresJobLease(DatabaseOptions.WithReset(db.EffectiveConnectionString))
            : new LocalJobLease());
        services.AddSingleton<BackgroundWorkQueue>();
        services.AddHostedService<JobHost>();
        services.AddHostedService<BackgroundWorker>();
        return services;
    }
}
