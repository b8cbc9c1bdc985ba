using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fip.Web.Data;

public static class AuditedInsert
{
    /// <summary>
    /// The one audit line of bulk work saved under <see cref="FipDbContext.SuppressRowAudit"/>, by the current actor (the
    /// system when none); the next save writes it, so a bulk load saved at once commits with its line.
    /// </summary>
    public static void AddAuditSummary(this FipDbContext db, string entityType, string entityKey, string detail)
    {
        var line = AuditInterceptor.Line(db.AuditActor, DateTime.UtcNow, AuditActions.Create, entityType, entityKey, null, null);
        line.Detail = detail;
        db.AuditEntries.Add(line);
    }

    /// <summary>
    /// The audit line of a new row, as <see cref="AuditInterceptor"/> writes it for an added entry: entity type, key
    /// (columns joined by commas), every property's value; the row's keys must be set.
    /// </summary>
    public static AuditEntry CreatedLine<T>(this FipDbContext db, T row, DateTime at) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var shape = Shapes.GetOrAdd(entityType, static t => new Shape(t));
        return AuditInterceptor.Line(db.AuditActor, at, AuditActions.Create, typeof(T).Name, shape.Key(row), before: null,
            shape.Values(row));
    }

    /// <summary>
    /// The created lines of a batch of new rows written straight into one JSON array, UTF-8 as it is stored: each line
    /// <c>[entity type, key, values]</c> with the values <see cref="CreatedLine{T}"/> gives, without a string a line or the
    /// array made again from such strings (an import's million records and their child rows: about a gigabyte of JSON).
    /// </summary>
    public sealed class CreatedLines(FipDbContext db, int capacity)
    {
        private readonly ArrayBufferWriter<byte> buffer = new(Math.Max(capacity, 256));
        private Utf8JsonWriter? json;

        /// <summary>Adds the created line of <paramref name="row"/> (its keys set).</summary>
        public void Add<T>(T row) where T : class
        {
            if (json is null)
            {
                json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AuditInterceptor.Json.Encoder });
                json.WriteStartArray();
            }
            var entityType = db.Model.FindEntityType(typeof(T))
                ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            var shape = Shapes.GetOrAdd(entityType, static t => new Shape(t));
            json.WriteStartArray();
            json.WriteStringValue(typeof(T).Name);
            json.WriteStringValue(shape.Key(row));
            shape.Write(json, row);
            json.WriteEndArray();
        }

        /// <summary>The array of every line added, as UTF-8 JSON (valid until this object is dropped).</summary>
        public ReadOnlyMemory<byte> Finish()
        {
            if (json is null) return "[]"u8.ToArray();
            json.WriteEndArray();
            json.Dispose();
            json = null;
            return buffer.WrittenMemory;
        }
    }

    private static readonly ConcurrentDictionary<IEntityType, Shape> Shapes = new();

    /// <summary>
    /// What an entity type's created lines are made of, found once: its key's getters, its properties in name order with
    /// their names encoded, secrets marked. <see cref="Values"/> writes what <see cref="AuditInterceptor.SerializeValues"/>
    /// writes (the same JSON: names sorted ordinally, each value serialised by its own type, secrets masked) without
    /// sorting a dictionary a line: an import makes one line a record and a child row.
    /// </summary>
    private sealed class Shape(IEntityType type)
    {
        public readonly IClrPropertyGetter[] Keys = [.. type.FindPrimaryKey()!.Properties.Select(p => p.GetGetter())];

        private readonly (JsonEncodedText Name, bool Secret, IClrPropertyGetter Get, Action<Utf8JsonWriter, object?> Write)[] properties =
        [
            .. type.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => (JsonEncodedText.Encode(p.Name, AuditInterceptor.Json.Encoder), AuditInterceptor.IsSecret(p.Name),
                    p.GetGetter(), AuditJsonValues.For(p.ClrType))),
        ];

        [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;

        /// <summary>The row's key as the audit log writes it: its columns joined by commas.</summary>
        public string Key(object row) => Keys.Length == 1
            ? Convert.ToString(Keys[0].GetClrValue(row), CultureInfo.InvariantCulture)!
            : string.Join(",", Keys.Select(k => Convert.ToString(k.GetClrValue(row), CultureInfo.InvariantCulture)));

        public string Values(object row)
        {
            var written = buffer ??= new ArrayBufferWriter<byte>(4096);
            written.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(written, new JsonWriterOptions { Encoder = AuditInterceptor.Json.Encoder }))
                Write(json, row);
            return Encoding.UTF8.GetString(written.WrittenSpan);
        }

        /// <summary>The row's values as one JSON object (what <see cref="Values"/> returns as a string).</summary>
        public void Write(Utf8JsonWriter json, object row)
        {
            json.WriteStartObject();
            foreach (var (name, secret, get, write) in properties)
            {
                json.WritePropertyName(name);
                if (secret) json.WriteStringValue("***");
                else write(json, get.GetClrValue(row));
            }
            json.WriteEndObject();
        }
    }

    /// <summary>
    /// Adds new rows of a simple entity type (keys given, nothing generated by the database, no navigations set) with one
    /// audit line each, as a save would, in the current transaction or one of its own, and moves the entity's change
    /// stamp on (facts about enterprises are noted in the registries' journal). Rows and audit lines go through
    /// <see cref="RowWriter"/> (a prepared statement on SQLite, COPY on PostgreSQL): an import's thousand-row batch then costs a
    /// fraction of EF Core's thousand single-row statements.
    /// Nothing is tracked afterwards.
    /// </summary>
    public static async Task InsertAuditedAsync<T>(this FipDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var properties = entityType.GetProperties().ToList();
        if (properties.Any(p => p.ValueGenerated != ValueGenerated.Never))
            throw new InvalidOperationException($"{typeof(T).Name} has values made by the database: save it normally.");
        var now = DateTime.UtcNow;
        var audits = rows.Select(row => db.CreatedLine(row, now)).ToList();
        var stamp = SavePipeline.StampOf(typeof(T));

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await RowWriter.InsertAsync(db, rows, ct);
            await RowWriter.InsertAsync(db, audits, ct);
            if (stamp is not null) await ChangeStamp.MarkAsync(db, stamp, ct);
            if (FiguresStamp.MovesWithInsertOf(typeof(T))) await ChangeStamp.MarkAsync(db, ChangeStamp.Figures, ct);
            if (typeof(IEnterpriseFact).IsAssignableFrom(typeof(T)))
                RegistryJournal.Note(db, rows.Select(r => ((IEnterpriseFact)r).EnterpriseId));
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }
}
