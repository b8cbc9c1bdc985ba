using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>
/// Writes new enterprises of an import without EF Core's change tracking and its single-row statements: keys reserved
/// in bulk, then the enterprises, their tracks and qualifications through <see cref="RowWriter"/> (a thousand rows a statement
/// on SQLite, binary COPY on PostgreSQL), in the caller's transaction. Their audit lines, the same lines with the same values
/// as a save writes (<see cref="AuditedInsert.CreatedLine{T}"/>), go together as one <see cref="AuditBatch"/> a thousand
/// enterprises, under one line of the import in the audit log (<see cref="ImportedLine"/>). Their name bigrams are written once
/// for the whole import by <see cref="IndexNamesAsync"/>: one sorted INSERT … SELECT over the new rows, made in the database by
/// the rule of <see cref="EnterpriseNameSearch.Of"/> (the same SQL the migration that made the index uses). The registries'
/// change stamp moves on at its commit, with the new enterprises in its journal. What a save adds (created/updated times, a
/// version) is set here as <see cref="RecordVersionInterceptor"/> sets it.
/// </summary>
public static class EnterpriseBulkInsert
{
    /// <summary>
    /// Writes the enterprises; their keys are added to <paramref name="written"/> for <see cref="IndexNamesAsync"/>. Their audit
    /// lines go as one <see cref="AuditBatch"/> of <paramref name="changeSet"/>; the caller writes the import's own line
    /// (<see cref="ImportedLine"/>) once all batches are written.
    /// </summary>
    public static async Task InsertAsync(FipDbContext db, IReadOnlyList<Enterprise> enterprises, List<int> written, string changeSet,
        CancellationToken ct)
    {
        if (enterprises.Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A bulk insert runs in the caller's transaction.");
        var keys = await RowWriter.ReserveKeysAsync<Enterprise>(db, enterprises.Count, ct);
        var now = DateTime.UtcNow;
        var tracks = new List<EnterpriseTrack>();
        var qualifications = new List<EnterpriseQualification>();
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
            written.Add(e.Id);
        }
        await RowWriter.InsertAsync(db, enterprises, ct, withKeys: true);
        await RowWriter.InsertAsync(db, tracks, ct);
        await RowWriter.InsertAsync(db, qualifications, ct);
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
            Lines = AuditBatch.Pack(lines),
        };
        await RowWriter.InsertAsync(db, [batch], ct);
        await ChangeStamp.MarkAsync(db, ChangeStamp.Registries, ct);
        RegistryJournal.Note(db, keys);
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

    /// <summary>
    /// Writes the name bigrams of enterprises written by <see cref="InsertAsync"/> in this transaction, in one statement
    /// sorted as the index keeps them (the database sorts them; nothing is held in this process). Bigrams as
    /// <see cref="EnterpriseNameSearch.Of"/> makes them: two adjacent characters (substr counts code points, as Rune does),
    /// ASCII letters only upper-cased (SQLite's upper() without ICU; translate() on PostgreSQL, whose upper() changes others).
    /// </summary>
    public static async Task IndexNamesAsync(FipDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        int first = ids.Min(), last = ids.Max();
        // SQLite hands out the keys after the largest one under the write lock: a range of them is this import's alone.
        var contiguous = last - first + 1 == ids.Count;
        string sql;
        object[] parameters;
        if (db.Database.IsSqlite())
        {
            var which = contiguous ? "\"Id\" BETWEEN {0} AND {1}" : "\"Id\" IN (SELECT value FROM json_each({0}))";
            sql = $"""
                WITH RECURSIVE n(i) AS (
                    SELECT 1 UNION ALL SELECT i + 1 FROM n
                    WHERE i < (SELECT max(max(length("Name")), max(ifnull(length("ShortName"), 0))) FROM "Enterprises" WHERE {which}))
                INSERT INTO "EnterpriseNameGrams" ("Gram", "DistrictId", "EnterpriseId")
                SELECT DISTINCT upper(substr(t."Text", n.i, 2)), t."DistrictId", t."Id"
                FROM (SELECT "Id", "DistrictId", "Name" AS "Text" FROM "Enterprises" WHERE {which}
                      UNION ALL SELECT "Id", "DistrictId", "ShortName" FROM "Enterprises" WHERE "ShortName" IS NOT NULL AND {which}) AS t
                JOIN n ON n.i < length(t."Text")
                ORDER BY 1, 2, 3
                """;
            parameters = contiguous ? [first, last] : [System.Text.Json.JsonSerializer.Serialize(ids)];
        }
        else
        {
            // Keys come from the sequence, which other writers share: the list itself.
            sql = """
                INSERT INTO "EnterpriseNameGrams" ("Gram", "DistrictId", "EnterpriseId")
                SELECT DISTINCT translate(substr(t.text, i, 2), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
                    t."DistrictId", t."Id"
                FROM (SELECT "Id", "DistrictId", "Name" AS text FROM "Enterprises" WHERE "Id" = ANY({0})
                      UNION ALL SELECT "Id", "DistrictId", "ShortName" FROM "Enterprises" WHERE "ShortName" IS NOT NULL
                          AND "Id" = ANY({0})) AS t
                CROSS JOIN LATERAL generate_series(1, char_length(t.text) - 1) AS i
                ORDER BY 1, 2, 3
                """;
            parameters = [ids.ToArray()];
        }
        // One statement for the whole import: a million enterprises' twelve million bigrams take tens of seconds to sort and
        // write, past the default command timeout (30 s), which would fail the import at its last step. It runs as long as it
        // needs; the import's cancellation still stops it. PostgreSQL sorts them in memory up to 64 MB, this transaction only.
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(0);
        try
        {
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", ct);
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }
}
