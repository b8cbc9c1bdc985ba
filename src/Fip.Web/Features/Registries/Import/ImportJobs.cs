using System.Collections.Concurrent;
using System.Security.Claims;
using Fip.Web.Features.Registries.Files;
using Fip.Web.Infrastructure.Jobs;

namespace Fip.Web.Features.Registries.Import;

public enum ImportJobState { Reading, Checking, Checked, Committing, Committed, Failed }

/// <summary>An import in progress: the check and the commit run in the background; the page polls its progress.</summary>
public sealed class ImportJob
{
    public Guid Id { get; } = Guid.NewGuid();
    public required string Registry { get; init; }
    public required string UserId { get; init; }
    public required string FileName { get; init; }
    public DateTime CreatedAt { get; } = DateTime.UtcNow;
    public ImportJobState State { get; set; } = ImportJobState.Reading;
    /// <summary>0 to 1 within the current state.</summary>
    public double Progress { get; set; }
    public ImportCheck? Check { get; set; }
    public ImportOutcome? Outcome { get; set; }
    /// <summary>Resource key and arguments of a failure reading the file, in the reader's language when shown.</summary>
    public string? ErrorCode { get; set; }
    public object[] ErrorArgs { get; set; } = [];
}

/// <summary>
/// Runs import checks and commits off the request thread on the <see cref="BackgroundWorkQueue"/> (one scope and
/// DbContext each, acting for the user; stopping the app cancels them and an unfinished commit rolls back), and keeps
/// the jobs for an hour. Jobs live in this process's memory: with several nodes, an upload's page must reach the same node.
/// </summary>
public sealed class ImportJobs(BackgroundWorkQueue queue, ILogger<ImportJobs> log)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob? Find(Guid id, string userId) =>
        _jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;

    /// <summary>Reads and checks an uploaded file in the background. The stream is copied first, so the request may end.</summary>
    public async Task<ImportJob> StartCheckAsync(string registry, Stream upload, string fileName, ClaimsPrincipal user,
        bool acceptCheckMismatch, CancellationToken ct)
    {
        Sweep();
        var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var job = new ImportJob { Registry = registry, UserId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", FileName = fileName };
        _jobs[job.Id] = job;
        queue.Enqueue(user, async (services, stopping) =>
        {
            try
            {
                var file = TabularReader.Read(buffer, fileName);
                job.State = ImportJobState.Checking;
                var ops = services.GetRequiredService<RegistryOpsFactory>().Importer(registry)!;
                job.Check = await ops.CheckImportAsync(file, user, acceptCheckMismatch, new Progress<double>(p => job.Progress = p),
                    stopping);
                job.Progress = 1;
                job.State = ImportJobState.Checked;
            }
            catch (TabularFileException e)
            {
                job.ErrorCode = e.Code;
                job.ErrorArgs = [.. e.Args];
                job.State = ImportJobState.Failed;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogError(e, "Import check of {File} failed", fileName);
                job.ErrorCode = "Import.Failed";
                job.State = ImportJobState.Failed;
            }
            catch (OperationCanceledException)
            {
                job.ErrorCode = "Import.Interrupted";
                job.State = ImportJobState.Failed;
                throw;
            }
            finally
            {
                await buffer.DisposeAsync();
            }
        });
        return job;
    }

    /// <summary>Commits a checked job in the background.</summary>
    public bool StartCommit(ImportJob job, ClaimsPrincipal user)
    {
        if (job.State != ImportJobState.Checked || job.Check is not { CanCommit: true } check) return false;
        job.State = ImportJobState.Committing;
        job.Progress = 0;
        queue.Enqueue(user, async (services, stopping) =>
        {
            try
            {
                var ops = services.GetRequiredService<RegistryOpsFactory>().Importer(job.Registry)!;
                job.Outcome = await ops.CommitImportAsync(check, user, new Progress<double>(p => job.Progress = p), stopping);
                job.State = job.Outcome.Committed ? ImportJobState.Committed : ImportJobState.Failed;
                if (!job.Outcome.Committed) job.ErrorCode = "Import.ChangedSinceCheck";
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The commit's transaction rolled back: nothing of the file was stored.
                job.ErrorCode = "Import.Interrupted";
                job.State = ImportJobState.Failed;
                throw;
            }
            catch (Exception e)
            {
                log.LogError(e, "Import commit of {File} failed", job.FileName);
                job.ErrorCode = "Import.Failed";
                job.State = ImportJobState.Failed;
            }
        });
        return true;
    }

    private void Sweep()
    {
        foreach (var (id, job) in _jobs)
            if (DateTime.UtcNow - job.CreatedAt > TimeSpan.FromHours(1)) _jobs.TryRemove(id, out _);
    }
}
