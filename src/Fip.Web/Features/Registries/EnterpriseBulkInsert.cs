using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>
/// Writes new enterprises of an import without EF Core's change tracking and its single-row statements: keys reserved
/// in bulk, then the enterprises, their tracks and qualifications through <see cref="RowWriter"/> (a thousand rows a statement
/// on SQLite, COPY on PostgreSQL), in the caller's transaction. Their audit lines, the same lines with the same values
/// as a save writes (<see cref="AuditedInsert.CreatedLine{T}"/>), go together (compressed) as one <see cref="AuditBatch"/> a thousand
/// enterprises, under one line of the import in the audit log (<see cref="ImportedLine"/>). Their name bigrams are gathered
/// into <see cref="NamePostings"/>, which writes them once for the whole import, in the bigram table's key order. The registries'
/// change stamp moves on at its commit, with the new enterprises in its journal. What a save adds (created/updated times, a
/// version) is set here as <see cref="RecordVersionInterceptor"/> sets it.
/// </summary>
public static class EnterpriseBulkInsert
{
    /// <summary>
    /// Writes the enterprises; their keys are added to <paramref name="written"/>, their name bigrams to <paramref name="names"/>
    /// (written by the caller before it commits: <see cref="NamePostings.WriteAsync"/>). Their audit
    /// lines go as one <see cref="AuditBatch"/> of <paramref name="changeSet"/>; the caller writes the import's own line
    /// (<see cref="ImportedLine"/>) once all batches are written.
    /// </summary>
    internal static async Task InsertAsync(FipDbContext db, IReadOnlyList<Enterprise> enterprises, List<int> written,
        NamePostings names, string changeSet, RowWriter.KeyBlocks<Enterprise> keyBlocks, Import.CommitSteps steps, CancellationToken ct)
    {
        if (enterprises.Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A bulk insert runs in the caller's transaction.");
        var keys = await keyBlocks.TakeAsync(db, enterprises.Count, ct);
        var now = DateTime.UtcNow;
        var tracks = new List<EnterpriseTrack>();
        var qualifications = new List<EnterpriseQualification>();
        for (var i = 0; i < enterprises.Count; i++)
        {
            var e = enterprises[i];
            e.Id = keys[i];
            if (e.CreatedAt == default) e.CreatedAt = now;
            e.UpdatedAt = now;
            foreach (var t in e.Tracks)
            {
                t.EnterpriseId = e.Id;
                tracks.Add(t);
            }
            foreach (var q in e.Qualifications)
            {
                q.EnterpriseId = e.Id;
                qualifications.Add(q);
            }
            written.Add(e.Id);
        }
        steps.Lap("keys");
        // The audit lines are built and packed, and the names' bigrams gathered, on another core while the rows are written (the
        // database does most of that work): both only read the entities from here on, the lines read nothing of the context but
        // its model, and nothing else touches the bigrams until this task is awaited below.
        var auditing = Task.Run(() =>
        {
            foreach (var e in enterprises) names.Add(e);
            return AuditBatch.Pack(CreatedLines(db, enterprises).Finish().Span);
        }, ct);
        try
        {
            await RowWriter.InsertAsync(db, enterprises, ct, withKeys: true);
            steps.Lap("enterprises");
            await RowWriter.InsertAsync(db, tracks, ct);
            await RowWriter.InsertAsync(db, qualifications, ct);
            steps.Lap("tracks, qualifications");
        }
        finally
        {
            // Never left running past a failed write (its buffer is large): the failure is the write's.
            if (!auditing.IsCompleted) await Task.WhenAny(auditing);
        }
        var packed = await auditing;
        steps.Lap("audit lines, bigrams (beside the rows)");
        var actor = db.AuditActor;
        AuditBatch batch = new()
        {
            ChangeSet = changeSet,
            At = now,
            UserId = actor?.UserId,
            UserName = actor?.UserName ?? "system",
            EntityType = nameof(Enterprise),
            FirstKey = keys.Min(),
            LastKey = keys.Max(),
            Records = enterprises.Count,
            PackedLines = packed,
        };
        await AuditBatch.InsertAsync(db, batch, ct);
        await ChangeStamp.MarkAsync(db, ChangeStamp.Registries, ct);
        RegistryJournal.Note(db, keys);
        steps.Lap("audit batches");
    }

    /// <summary>Each enterprise's created line, then its tracks' and qualifications' (the order a save writes them in).</summary>
    private static AuditedInsert.CreatedLines CreatedLines(FipDbContext db, IReadOnlyList<Enterprise> enterprises)
    {
        // About 1.5 kB of JSON a record with its child rows.
        var lines = new AuditedInsert.CreatedLines(db, enterprises.Count * 1600);
        foreach (var e in enterprises)
        {
            lines.Add(e);
            foreach (var t in e.Tracks) lines.Add(t);
            foreach (var q in e.Qualifications) lines.Add(q);
        }
        return lines;
    }

    /// <summary>
    /// The import's one line in the audit log, written with its last batch: key <paramref name="changeSet"/> (its batches'),
    /// the file's name as the detail and, as its values, how many enterprises it created and their keys' range.
    /// </summary>
    public static AuditEntry ImportedLine(FipDbContext db, string changeSet, string fileName, IReadOnlyList<int> written)
    {
        var line = AuditInterceptor.Line(db.AuditActor, DateTime.UtcNow, AuditActions.Import, nameof(Enterprise), changeSet, null,
            AuditInterceptor.SerializeValues([("Records", written.Count), ("FirstKey", written.Min()), ("LastKey", written.Max())]));
        line.Detail = fileName.Length <= 1000 ? fileName : fileName[..1000];
        return line;
    }
}
