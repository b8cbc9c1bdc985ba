using Fip.Web.Data.Saving;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Registries.Import;

/// <summary>Where an import job is. Stored as its name; the moves between states are conditional updates (see ImportJobs).</summary>
public enum ImportJobState { Uploaded, Checking, Checked, Committing, Committed, Failed, Cancelled }

/// <summary>
/// An import job as every node sees it: who uploaded which file for which registry, where its check or commit is (rows done of
/// the rows in the file), what the check found, and which node works on it with its last sign of life. A job is committed at
/// most once: checked → committing is a conditional update that one request wins, and committing → committed is written in
/// the import's own transaction, guarded by the commit's token.
/// </summary>
public sealed class ImportJobRecord : IUnaudited
{
    public Guid Id { get; set; }
    /// <summary>The importer's name: a registry, or "indicators".</summary>
    public string Registry { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string FileName { get; set; } = "";
    public ImportJobState State { get; set; }
    public bool AcceptCheckMismatch { get; set; }
    public int Rows { get; set; }
    /// <summary>Rows done in the current check or commit.</summary>
    public int Done { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int ProblemCount { get; set; }
    /// <summary>What the check found, as JSON (<see cref="ImportFindings"/>): the file's format, its problems, the first rows'.</summary>
    public string? Findings { get; set; }
    /// <summary>Resource key of a failure, with its arguments as a JSON array.</summary>
    public string? ErrorCode { get; set; }
    public string? ErrorArgs { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The node checking or committing it (machine:process), and when it last said it was still at it.</summary>
    public string? Node { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>Set by the one request that moved the job to committing; the commit writes "committed" only under it.</summary>
    public Guid? CommitToken { get; set; }
    public double? DurationSeconds { get; set; }
}

/// <summary>The uploaded file of an import job, in the database so that any node can check or commit it.</summary>
public sealed class ImportFile : IUnaudited
{
    public Guid JobId { get; set; }
    public byte[] Content { get; set; } = [];
}

/// <summary>A check's findings as a job keeps them (the first <see cref="Listed"/> row problems).</summary>
public sealed record ImportFindings(string Format, string? Encoding, IReadOnlyList<string> FileProblems,
    IReadOnlyList<ImportProblem> Problems)
{
    public const int Listed = 1000;
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJobRecord>
{
    public void Configure(EntityTypeBuilder<ImportJobRecord> e)
    {
        e.ToTable("ImportJobs");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Registry).HasMaxLength(40);
        e.Property(x => x.OwnerId).HasMaxLength(450);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ErrorCode).HasMaxLength(100);
        e.Property(x => x.Node).HasMaxLength(200);
        e.HasIndex(x => x.CommitToken).IsUnique();
        e.HasIndex(x => new { x.OwnerId, x.CreatedAt });
        e.HasIndex(x => x.UpdatedAt);
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> e)
    {
        e.ToTable("ImportFiles");
        e.HasKey(x => x.JobId);
        e.HasOne<ImportJobRecord>().WithOne().HasForeignKey<ImportFile>(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
