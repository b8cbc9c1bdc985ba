using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Audit;

namespace Fip.Web.Features.Registries;

/// <summary>
/// Writes new enterprises of an import without EF Core's change tracking and its single-row statements: keys reserved
/// in bulk, then the enterprises, their tracks and qualifications, one audit line per record and per child row (the same
/// lines, with the same values, as a save writes: <see cref="AuditedInsert.CreatedLine{T}"/>) and their name bigrams,
/// each through <see cref="RowWriter"/> (one prepared statement on SQLite, binary COPY on PostgreSQL), in the caller's
/// transaction. The registries' change stamp moves on at its commit, with the new enterprises in its journal. What a save
/// adds (created/updated times, a version) is set here as <see cref="RecordVersionInterceptor"/> sets it.
/// </summary>
public static class EnterpriseBulkInsert
{
    public static async Task InsertAsync(FipDbContext db, IReadOnlyList<Enterprise> enterprises, CancellationToken ct)
    {
        if (enterprises.Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A bulk insert runs in the caller's transaction.");
        var keys = await RowWriter.ReserveKeysAsync<Enterprise>(db, enterprises.Count, ct);
        var now = DateTime.UtcNow;
        var tracks = new List<EnterpriseTrack>();
        var qualifications = new List<EnterpriseQualification>();
        var grams = new List<EnterpriseNameGram>();
        var lines = new List<AuditEntry>(enterprises.Count * 4);
        for (var i = 0; i < enterprises.Count; i++)
        {
            var e = enterprises[i];
            e.Id = keys[i];
            if (e.CreatedAt == default) e.CreatedAt = now;
            e.UpdatedAt = now;
            lines.Add(db.CreatedLine(e, now));
            foreach (var t in e.Tracks)
            {
                t.EnterpriseId = e.Id;
                tracks.Add(t);
                lines.Add(db.CreatedLine(t, now));
            }
            foreach (var q in e.Qualifications)
            {
                q.EnterpriseId = e.Id;
                qualifications.Add(q);
                lines.Add(db.CreatedLine(q, now));
            }
            foreach (var gram in EnterpriseNameSearch.OfRecord(e.Name, e.ShortName))
                grams.Add(new EnterpriseNameGram { Gram = gram, DistrictId = e.DistrictId, EnterpriseId = e.Id });
        }
        await RowWriter.InsertAsync(db, enterprises, ct, withKeys: true);
        await RowWriter.InsertAsync(db, tracks, ct);
        await RowWriter.InsertAsync(db, qualifications, ct);
        await RowWriter.InsertAsync(db, lines, ct);
        // Sorted as the index keeps them: SQLite appends to its B-tree pages instead of inserting all over them.
        grams.Sort((a, b) => string.CompareOrdinal(a.Gram, b.Gram) is var c and not 0 ? c
            : a.DistrictId != b.DistrictId ? a.DistrictId.CompareTo(b.DistrictId) : a.EnterpriseId.CompareTo(b.EnterpriseId));
        await RowWriter.InsertAsync(db, grams, ct);
        await ChangeStamp.MarkAsync(db, ChangeStamp.Registries, ct);
        RegistryJournal.Note(db, keys);
    }
}
