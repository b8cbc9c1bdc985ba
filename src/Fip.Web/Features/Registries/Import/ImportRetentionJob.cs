using Fip.Web.Data;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries.Import;

/// <summary>
/// Deletes import jobs and their stored files once nothing has happened to them for <c>Imports:RetentionHours</c> (24):
/// a job still checking or committing is kept while its node is alive (its heartbeat is recent).
/// </summary>
public sealed class ImportRetentionJob(IConfiguration configuration) : IScheduledJob
{
    public string Name => "import-retention";

    public TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromMinutes(configuration.GetValue("Imports:CleanupMinutes", 60));

    public TimeSpan Retention => TimeSpan.FromHours(configuration.GetValue("Imports:RetentionHours", 24.0));

    public async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<FipDbContext>();
        var cutoff = DateTime.UtcNow - Retention;
        var old = db.ImportJobs.Where(j => j.UpdatedAt < cutoff
            && !((j.State == ImportJobState.Checking || j.State == ImportJobState.Committing) && j.HeartbeatAt >= cutoff));
        // The files first (the larger part), then the jobs; each delete is one statement and its own transaction.
        var files = await db.ImportFiles.Where(f => old.Any(j => j.Id == f.JobId)).ExecuteDeleteAsync(ct);
        var jobs = await old.ExecuteDeleteAsync(ct);
        return jobs + files == 0 ? null : $"deleted {jobs} import jobs and {files} stored files older than {Retention.TotalHours:0.#} h";
    }
}
