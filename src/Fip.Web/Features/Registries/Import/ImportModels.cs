using Fip.Web.Features.Registries.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fip.Web.Features.Registries.Import;

/// <summary>One problem with one cell (or row) of an import file, as the preview lists it.</summary>
public sealed record ImportProblem(int Row, string Column, string? Value, string Reason);

/// <summary>The result of checking a file: what committing it would do, or every reason it cannot be committed.</summary>
public sealed class ImportCheck
{
    public const int MaxListedProblems = 10_000;
    public required string Registry { get; init; }
    public required string FileName { get; init; }
    public required TabularFile File { get; init; }
    /// <summary>For each column of the file, the registry field it fills (null: not mapped).</summary>
    public required IReadOnlyList<string?> ColumnFields { get; init; }
    public bool AcceptCheckMismatch { get; init; }
    /// <summary>What a clean check found, in the importer's own terms, for its commit to reuse when nothing changed since.</summary>
    public object? Resolution { get; set; }
    public List<string> FileProblems { get; } = [];
    public List<ImportProblem> Problems { get; } = [];
    public int ProblemCount { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rows => File.Rows.Count;
    public bool CanCommit => FileProblems.Count == 0 && ProblemCount == 0 && Rows > 0;

    /// <summary>
    /// Run in the commit's transaction just before it commits, with what the commit did (an import job records it there, so
    /// the rows and the job's "committed" are stored together); false rolls everything back (the job was taken over).
    /// </summary>
    public Func<ImportOutcome, CancellationToken, Task<bool>>? BeforeCommit { get; set; }

    /// <summary>Ends a commit that wrote every row: asks <see cref="BeforeCommit"/>, then commits, or rolls back when it refuses.</summary>
    internal async Task<ImportOutcome> FinishAsync(DbContext db, IDbContextTransaction transaction, ImportOutcome outcome,
        CancellationToken ct)
    {
        if (BeforeCommit is { } before && !await before(outcome, ct))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return outcome with { Committed = false };
        }
        await transaction.CommitAsync(ct);
        return outcome;
    }

    public void Add(ImportProblem problem)
    {
        ProblemCount++;
        if (Problems.Count < MaxListedProblems) Problems.Add(problem);
    }
}

/// <summary>What a committed import did.</summary>
public sealed record ImportOutcome(bool Committed, int Added, int Updated, int Unchanged, TimeSpan Duration,
    IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>Counts the commit in fip_import_rows_total and fip_import_duration_seconds.</summary>
    public ImportOutcome Metered(string registry, int rows)
    {
        Infrastructure.FipMetrics.Imported(registry, Committed, rows, Duration);
        return this;
    }
}
