using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries.Import;

/// <summary>An import job as a page shows it: its row, and whether it is running in this process.</summary>
public sealed record ImportJobView(ImportJobRecord Job, ImportFindings? Findings)
{
    public double Progress => Job.Rows == 0 ? 0 : Math.Min(1.0, Job.Done / (double)Job.Rows);
    public bool CanCommit => Job.State == ImportJobState.Checked && Job.ProblemCount == 0 && Findings is { FileProblems.Count: 0 }
        && Job.Rows > 0;
    public IReadOnlyList<object> ErrorArgs => Job.ErrorArgs is { } args ? JsonSerializer.Deserialize<List<JsonElement>>(args)!
        .Select(a => a.ValueKind == JsonValueKind.Number ? (object)a.GetInt32() : a.ToString()).ToList() : [];
}

/// <summary>What asking to commit a job came to.</summary>
public enum CommitClaim { Started, AlreadyCommitting, NotReady }

/// <summary>
/// Import jobs, stored in the database (<see cref="ImportJobRecord"/>, the file in <see cref="ImportFile"/>) so that any node
/// shows them and a job survives the node that ran it. The check and the commit run on the <see cref="BackgroundWorkQueue"/>
/// (one scope and DbContext each, acting for the user; stopping the app cancels them and an unfinished commit rolls back),
/// or inline for the command line. A running job writes its progress and a heartbeat every <see cref="BeatEvery"/>; a job
/// checking or committing whose heartbeat is older than <c>Imports:StaleAfterSeconds</c> (30) lost its node: it is marked
/// failed (its commit's transaction died with the node, so nothing of it is stored) and can be checked again.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ImportJobs> log,
    BackgroundWorkQueue? queue = null)
{
    public static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(2);

    /// <summary>This node's name in a job's row.</summary>
    public static string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(configuration.GetValue("Imports:StaleAfterSeconds", 30));

    /// <summary>Jobs checking or committing in this process, with their rows done so far.</summary>
    private readonly ConcurrentDictionary<Guid, int> _running = new();

    /// <summary>Stores an uploaded file as a new job, waiting to be checked (the command line keeps its file on its disk: null).</summary>
    public static async Task<ImportJobRecord> CreateAsync(FipDbContext db, string registry, byte[]? content, string fileName,
        string ownerId, bool acceptCheckMismatch, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var job = new ImportJobRecord
        {
            Id = Guid.NewGuid(),
            Registry = registry,
            OwnerId = ownerId,
            FileName = fileName,
            State = ImportJobState.Uploaded,
            AcceptCheckMismatch = acceptCheckMismatch,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ImportJobs.Add(job);
        if (content is not null) db.ImportFiles.Add(new ImportFile { JobId = job.Id, Content = content });
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>A user's job as it stands; one whose node stopped answering is marked failed first.</summary>
    public async Task<ImportJobView?> FindAsync(FipDbContext db, Guid id, string ownerId, CancellationToken ct)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.OwnerId == ownerId, ct);
        if (job is null) return null;
        if (_running.TryGetValue(id, out var done)) job.Done = Math.Max(job.Done, done);
        else if (job.State is ImportJobState.Checking or ImportJobState.Committing && job.HeartbeatAt < DateTime.UtcNow - StaleAfter
            && await MarkLostAsync(db, job, ct))
            job = await db.ImportJobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
        return new ImportJobView(job, job.Findings is { } f ? JsonSerializer.Deserialize<ImportFindings>(f) : null);
    }

    /// <summary>
    /// Marks a job whose node stopped answering as failed, if it still is where that node left it. On PostgreSQL the node's
    /// transaction ended with its connection; on SQLite a live commit holds the write lock, so this waits briefly and gives up.
    /// </summary>
    private async Task<bool> MarkLostAsync(FipDbContext db, ImportJobRecord job, CancellationToken ct)
    {
        var cutoff = DateTime.UtcNow - StaleAfter;
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(3);
        try
        {
            var marked = await db.ImportJobs
                .Where(j => j.Id == job.Id && j.State == job.State && j.HeartbeatAt < cutoff)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Failed).SetProperty(j => j.ErrorCode, "Import.NodeLost")
                    .SetProperty(j => j.ErrorArgs, JsonSerializer.Serialize(new object[] { (int)StaleAfter.TotalSeconds }))
                    .SetProperty(j => j.UpdatedAt, DateTime.UtcNow), ct) == 1;
            if (marked) log.LogWarning("Import job {Job} lost its node {Node} while {State}; marked failed", job.Id, job.Node, job.State);
            return marked;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogInformation(e, "Import job {Job}: its node may still be working (the database is busy)", job.Id);
            return false;
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>Checks an uploaded job in the background.</summary>
    public void StartCheck(Guid id, ClaimsPrincipal user) =>
        Queue.Enqueue(user, (services, stopping) => RunCheckAsync(services, id, user, stopping));

    private BackgroundWorkQueue Queue =>
        queue ?? throw new InvalidOperationException("Import jobs run in the background only in the web app.");

    /// <summary>
    /// Moves a checked job to committing, once: of two requests (a double-click, two nodes) one wins and starts the commit,
    /// the other is told it is already being committed.
    /// </summary>
    public async Task<(CommitClaim Claim, Guid Token)> ClaimCommitAsync(FipDbContext db, Guid id, string ownerId, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        var won = await db.ImportJobs
            .Where(j => j.Id == id && j.OwnerId == ownerId && j.State == ImportJobState.Checked && j.ProblemCount == 0)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Committing).SetProperty(j => j.CommitToken, token)
                .SetProperty(j => j.Done, 0).SetProperty(j => j.Node, Node).SetProperty(j => j.HeartbeatAt, DateTime.UtcNow)
                .SetProperty(j => j.UpdatedAt, DateTime.UtcNow), ct) == 1;
        if (won) return (CommitClaim.Started, token);
        var state = await db.ImportJobs.Where(j => j.Id == id && j.OwnerId == ownerId).Select(j => (ImportJobState?)j.State)
            .FirstOrDefaultAsync(ct);
        var already = state is ImportJobState.Committing or ImportJobState.Committed;
        return (already ? CommitClaim.AlreadyCommitting : CommitClaim.NotReady, token);
    }

    /// <summary>Commits a job this request moved to committing, in the background.</summary>
    public void StartCommit(Guid id, Guid token, ClaimsPrincipal user) =>
        Queue.Enqueue(user, (services, stopping) => RunCommitAsync(services, id, token, user, stopping));

    /// <summary>Sends a failed job back to be checked again from its stored file (after its node was lost, say).</summary>
    public static async Task<bool> RetryAsync(FipDbContext db, Guid id, string ownerId, CancellationToken ct) =>
        await db.ImportJobs
            .Where(j => j.Id == id && j.OwnerId == ownerId && j.State == ImportJobState.Failed && db.ImportFiles.Any(f => f.JobId == j.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Uploaded).SetProperty(j => j.ErrorCode, (string?)null)
                .SetProperty(j => j.ErrorArgs, (string?)null).SetProperty(j => j.Done, 0).SetProperty(j => j.CommitToken, (Guid?)null)
                .SetProperty(j => j.UpdatedAt, DateTime.UtcNow), ct) == 1;

    /// <summary>Discards a job that is not running (and not committed); its file goes with the retention sweep.</summary>
    public static async Task<bool> CancelAsync(FipDbContext db, Guid id, string ownerId, CancellationToken ct) =>
        await db.ImportJobs
            .Where(j => j.Id == id && j.OwnerId == ownerId
                && (j.State == ImportJobState.Uploaded || j.State == ImportJobState.Checked || j.State == ImportJobState.Failed))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Cancelled).SetProperty(j => j.UpdatedAt, DateTime.UtcNow),
                ct) == 1;

    /// <summary>Reads and checks a job's file and records what the check found. Runs where the job was claimed.</summary>
    public async Task RunCheckAsync(IServiceProvider services, Guid id, ClaimsPrincipal user, CancellationToken stopping,
        TabularFile? read = null)
    {
        var db = services.GetRequiredService<FipDbContext>();
        var claimed = await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Uploaded)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Checking).SetProperty(j => j.Node, Node)
                .SetProperty(j => j.HeartbeatAt, DateTime.UtcNow).SetProperty(j => j.Done, 0)
                .SetProperty(j => j.UpdatedAt, DateTime.UtcNow),
                stopping) == 1;
        if (!claimed) return;
        await RunAsync(db, id, ImportJobState.Checking, read, stopping, async (job, file, progress) =>
        {
            var ops = services.GetRequiredService<RegistryOpsFactory>().Importer(job.Registry)!;
            var check = await ops.CheckImportAsync(file, user, job.AcceptCheckMismatch, progress, stopping);
            var findings = new ImportFindings(file.Format, file.Encoding, check.FileProblems,
                [.. check.Problems.Take(ImportFindings.Listed)]);
            await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Checking && j.Node == Node)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Checked).SetProperty(j => j.Done, check.Rows)
                    .SetProperty(j => j.Added, check.Added).SetProperty(j => j.Updated, check.Updated)
                    .SetProperty(j => j.Unchanged, check.Unchanged)
                    .SetProperty(j => j.ProblemCount, check.ProblemCount + check.FileProblems.Count)
                    .SetProperty(j => j.Findings, JsonSerializer.Serialize(findings)).SetProperty(j => j.UpdatedAt, DateTime.UtcNow),
                    CancellationToken.None);
        });
    }

    /// <summary>
    /// Commits a job moved to committing under <paramref name="token"/>: reads its file, checks it again in the commit's
    /// transaction (the importers do) and writes the rows and the job's "committed" in that one transaction. Returns what the
    /// commit did, or null when it did not get that far.
    /// </summary>
    public async Task<ImportOutcome?> RunCommitAsync(IServiceProvider services, Guid id, Guid token, ClaimsPrincipal user,
        CancellationToken stopping, TabularFile? read = null)
    {
        var db = services.GetRequiredService<FipDbContext>();
        ImportOutcome? result = null;
        await RunAsync(db, id, ImportJobState.Committing, read, stopping, async (job, file, progress) =>
        {
            if (job.CommitToken != token) return;
            var ops = services.GetRequiredService<RegistryOpsFactory>().Importer(job.Registry)!;
            var check = await ops.CheckForCommitAsync(file, user, job.AcceptCheckMismatch, stopping);
            var superseded = false;
            check.BeforeCommit = async (outcome, ct) =>
            {
                superseded = await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Committing && j.CommitToken == token)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Committed).SetProperty(j => j.Done, job.Rows)
                        .SetProperty(j => j.Added, outcome.Added).SetProperty(j => j.Updated, outcome.Updated)
                        .SetProperty(j => j.Unchanged, outcome.Unchanged).SetProperty(j => j.DurationSeconds, outcome.Duration.TotalSeconds)
                        .SetProperty(j => j.UpdatedAt, DateTime.UtcNow), ct) != 1;
                return !superseded;
            };
            var outcome = check.CanCommit ? await ops.CommitImportAsync(check, user, progress, stopping) : null;
            result = outcome;
            if (outcome is { Committed: true } || superseded) return;
            // Something changed since the check: nothing was stored; the job says why, with every row's problem (the commit
            // stops at the first one; the check lists them all).
            if (outcome is { Problems.Count: > 0 } && check.ProblemCount == 0)
                check = await ops.CheckImportAsync(file, user, job.AcceptCheckMismatch, null, stopping);
            var problems = check.ProblemCount > 0 || outcome is null ? check.Problems : outcome.Problems;
            var findings = new ImportFindings(file.Format, file.Encoding, check.FileProblems, [.. problems.Take(ImportFindings.Listed)]);
            await FailAsync(db, id, ImportJobState.Committing, "Import.ChangedSinceCheck", findings);
        });
        return result;
    }

    /// <summary>
    /// Runs a claimed step of a job: loads it and its file, keeps its heartbeat and progress written while the step runs, and
    /// records a failure (an unreadable file, an error, the app stopping) on the job.
    /// </summary>
    private async Task RunAsync(FipDbContext db, Guid id, ImportJobState state, TabularFile? read, CancellationToken stopping,
        Func<ImportJobRecord, TabularFile, IProgress<double>, Task> step)
    {
        _running[id] = 0;
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task? heartbeat = null;
        try
        {
            var job = await db.ImportJobs.AsNoTracking().FirstAsync(j => j.Id == id, stopping);
            // A large file's rows go to a temporary file (TabularFile), deleted when the step ends.
            using var stored = read is null ? TabularReader.Read(
                new MemoryStream(await db.ImportFiles.Where(f => f.JobId == id).Select(f => f.Content).FirstAsync(stopping)),
                job.FileName) : null;
            var file = read ?? stored!;
            job.Rows = file.Rows.Count;
            await db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(u => u.SetProperty(j => j.Rows, job.Rows), stopping);
            heartbeat = BeatAsync(id, state, job.Rows, beating.Token);
            await step(job, file, new Progress<double>(p => _running[id] = (int)(p * job.Rows)));
        }
        catch (TabularFileException e)
        {
            await FailAsync(db, id, state, e.Code, null, [.. e.Args]);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A commit's transaction rolled back: nothing of the file was stored.
            await FailAsync(db, id, state, "Import.Interrupted", null);
            throw;
        }
        catch (Exception e)
        {
            log.LogError(e, "Import job {Job} failed while {State}", id, state);
            await FailAsync(db, id, state, "Import.Failed", null);
        }
        finally
        {
            await beating.CancelAsync();
            if (heartbeat is not null) await heartbeat;
            _running.TryRemove(id, out _);
        }
    }

    /// <summary>Records a step's failure on its job, if the job is still in that step on this node.</summary>
    private static async Task FailAsync(FipDbContext db, Guid id, ImportJobState state, string code, ImportFindings? findings,
        object[]? args = null)
    {
        db.ChangeTracker.Clear();
        var found = findings is null ? null : JsonSerializer.Serialize(findings);
        var argsJson = args is { Length: > 0 } ? JsonSerializer.Serialize(args) : null;
        await db.ImportJobs.Where(j => j.Id == id && j.State == state && j.Node == Node)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Failed).SetProperty(j => j.ErrorCode, code)
                .SetProperty(j => j.ErrorArgs, argsJson).SetProperty(j => j.Findings, j => found ?? j.Findings)
                .SetProperty(j => j.UpdatedAt, DateTime.UtcNow), CancellationToken.None);
    }

    /// <summary>
    /// Writes the job's rows done and a heartbeat every <see cref="BeatEvery"/> on a connection of its own, until cancelled.
    /// A SQLite commit holds the database's write lock, so there the node's own memory says it is alive instead.
    /// </summary>
    private async Task BeatAsync(Guid id, ImportJobState state, int rows, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(BeatEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
                if (db.Database.IsSqlite() && state == ImportJobState.Committing) continue;
                db.Database.SetCommandTimeout(5);
                var done = Math.Min(rows, _running.GetValueOrDefault(id));
                try
                {
                    await db.ImportJobs.Where(j => j.Id == id && j.State == state && j.Node == Node)
                        .ExecuteUpdateAsync(u => u.SetProperty(j => j.Done, done).SetProperty(j => j.HeartbeatAt, DateTime.UtcNow), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Import job {Job}: heartbeat not written", id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
