using System.Data.Common;
using System.Text;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fip.Web.Features.Registries;

/// <summary>
/// One two-character piece (bigram) of an enterprise's name or short name, with its district: the index that lets a
/// Chinese substring search read the postings of one bigram instead of scanning the names (SQL LIKE '%…%' cannot use an
/// index). Kept by <see cref="FipDbContext"/> in the transaction of every enterprise write; bookkeeping, not audited.
/// </summary>
public sealed class EnterpriseNameGram : IUnaudited
{
    public string Gram { get; set; } = "";
    public int DistrictId { get; set; }
    public int EnterpriseId { get; set; }
}

/// <summary>How names become bigrams, how the bigrams are kept in step with the enterprises, and how a search uses them.</summary>
public static class EnterpriseNameSearch
{
    /// <summary>
    /// The bigrams of a text: every two adjacent characters (Unicode code points, as SQL substr counts them), ASCII letters
    /// upper-cased as SQLite's LIKE ignores their case. The same rule fills the table in the migrations (upper/translate).
    /// </summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var runes = new List<Rune>(text.Length);
        foreach (var r in text.EnumerateRunes()) runes.Add(r.Value is >= 'a' and <= 'z' ? new Rune(r.Value - 32) : r);
        var grams = new List<string>(Math.Max(0, runes.Count - 1));
        for (var i = 0; i + 1 < runes.Count; i++)
        {
            var gram = runes[i].ToString() + runes[i + 1].ToString();
            if (!grams.Contains(gram, StringComparer.Ordinal)) grams.Add(gram);
        }
        return grams;
    }

    /// <summary>A record's bigrams: those of its name and of its short name.</summary>
    public static IEnumerable<string> OfRecord(string? name, string? shortName) => Of(name).Union(Of(shortName), StringComparer.Ordinal);

    /// <summary>
    /// Whether text could be part of a 统一社会信用代码 (letters and digits only: GB 32100 codes have nothing else, and the
    /// registry refuses other shapes). Such a search also compares codes, which the bigrams do not hold.
    /// </summary>
    public static bool CouldBeCreditCode(string text) => text.All(char.IsAsciiLetterOrDigit);

    /// <summary>Whether <see cref="Search"/> answers this search text by bigrams (two characters or more, not a possible credit
    /// code).</summary>
    public static bool Answers(string? text) => !string.IsNullOrWhiteSpace(text)
        && Of(text.Trim()).Count > 0
        && !CouldBeCreditCode(text.Trim());

    /// <summary>
    /// Enterprises whose name or short name contains <paramref name="text"/> (as SQL LIKE '%text%' does): the rows holding
    /// every bigram of the text, confirmed by the LIKE itself, so the result is exactly the LIKE's. Null when the bigrams
    /// cannot answer it (one character, or text that could be part of a credit code): the caller searches by LIKE alone.
    /// </summary>
    public static IQueryable<Enterprise>? Search(FipDbContext db, IQueryable<Enterprise> query, string text, int? district)
    {
        if (!Answers(text)) return null;
        text = text.Trim();
        var grams = Of(text);
        var first = grams[0];
        var postings = db.EnterpriseNameGrams.Where(g => g.Gram == first);
        if (district is { } d) postings = postings.Where(g => g.DistrictId == d);
        query = query.Where(e => postings.Select(g => g.EnterpriseId).Contains(e.Id));
        foreach (var gram in grams.Skip(1))
            query =
                query.Where(e => db.EnterpriseNameGrams.Any(g => g.Gram == gram && g.DistrictId == e.DistrictId && g.EnterpriseId == e.Id));
        return Matches(query, text);
    }

    /// <summary>
    /// The postings that can answer a search in one district: those of the first of <paramref name="grams"/> (the text's bigrams,
    /// the rarest first: see <see cref="RarestFirstAsync"/>) holding every other bigram of the text (and, with a track, of
    /// enterprises in that track), all read from the bigram and track indexes, so a caller that walks them in
    /// <see cref="EnterpriseNameGram.EnterpriseId"/> order touches an enterprise row only for a likely match and can stop at its
    /// page. The caller still confirms the match with <see cref="Matches"/>.
    /// </summary>
    public static IQueryable<EnterpriseNameGram> Postings(FipDbContext db, IReadOnlyList<string> grams, int district, int? track)
    {
        var first = grams[0];
        var postings = db.EnterpriseNameGrams.Where(g => g.Gram == first && g.DistrictId == district);
        foreach (var gram in grams.Skip(1))
            postings =
                postings.Where(
                    g =>
                        db.EnterpriseNameGrams.Any(
                            o => o.Gram == gram && o.DistrictId == g.DistrictId && o.EnterpriseId == g.EnterpriseId));
        if (track is { } t)
            postings = postings.Where(g => db.EnterpriseTracks.Any(x => x.EnterpriseId == g.EnterpriseId && x.TrackId == t));
        return postings;
    }

    /// <summary>Postings counted per bigram up to this many to order a search's bigrams.</summary>
    private const int RarityCap = 20_000;

    /// <summary>
    /// The bigrams of a search text, the rarest first: the walk of <see cref="Postings"/> reads the first one's postings and
    /// checks the others for each, so 扬州恒远 walks the few postings of 恒远 rather than the million of 扬州 (in every name).
    /// Each bigram's postings are counted up to <see cref="RarityCap"/> from the index (a capped range read, a few ms).
    /// </summary>
    public static async Task<IReadOnlyList<string>> RarestFirstAsync(FipDbContext db, string text, CancellationToken ct)
    {
        var grams = Of(text.Trim());
        if (grams.Count < 2) return grams;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in grams)
            counts[gram] = await db.EnterpriseNameGrams.Where(g => g.Gram == gram).Take(RarityCap).CountAsync(ct);
        return [.. grams.OrderBy(g => counts[g])];
    }

    /// <summary>Enterprises whose name or short name contains the text, by SQL LIKE: the last test of a bigram search.</summary>
    public static IQueryable<Enterprise> Matches(IQueryable<Enterprise> query, string text)
    {
        var pattern = Like.Contains(text.Trim());
        return query.Where(e => EF.Functions.Like(e.Name, pattern, Like.Escape) || EF.Functions.Like(e.ShortName!, pattern, Like.Escape));
    }

    /// <summary>
    /// A pending change to an enterprise's bigrams: the ones it had (none when new) and the entry to read the new ones from.
    /// The id is read through the entry: a key the database made reaches the entity itself only when the save is accepted.
    /// </summary>
    public sealed record Pending(EntityEntry<Enterprise> Entry, IReadOnlyList<string> OldGrams, int OldDistrictId, bool Removed)
    {
        public Enterprise Enterprise => Entry.Entity;
        public int Id => Entry.Property(e => e.Id).CurrentValue;
    }

    private static readonly string[] Watched = [nameof(Enterprise.Name), nameof(Enterprise.ShortName), nameof(Enterprise.DistrictId)];

    /// <summary>The enterprises whose bigrams change with this save (read before it, while original values are known).</summary>
    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries<Enterprise>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(new Pending(entry, [], 0, false));
                    break;
                case EntityState.Modified when Watched.Any(p => !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue)):
                case EntityState.Deleted:
                    var old = OfRecord((string?)entry.Property(nameof(Enterprise.Name)).OriginalValue,
                        (string?)entry.Property(nameof(Enterprise.ShortName)).OriginalValue).ToList();
                    pending.Add(
                        new Pending(entry, old, (int)entry.Property(nameof(Enterprise.DistrictId)).OriginalValue!,
                            entry.State == EntityState.Deleted));
                    break;
            }
        }
        return pending;
    }

    private const int RowsPerStatement = 500;

    /// <summary>
    /// Writes the bigram changes after the enterprises are saved (their ids known), in the same transaction: removes the
    /// bigrams a record no longer has and adds the ones it now has (existing ones are kept). A missing bigram would hide a
    /// record from search, an extra one costs only a LIKE check, so adding never depends on what was removed.
    /// </summary>
    public static async Task WriteAsync(FipDbContext db, IReadOnlyList<Pending> pending, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        var removed = new List<(string Gram, int District, int Id)>();
        var added = new List<(string Gram, int District, int Id)>();
        foreach (var p in pending)
        {
            var e = p.Enterprise;
            var now = p.Removed ? [] : OfRecord(e.Name, e.ShortName).ToList();
            var id = p.Id;
            removed.AddRange(
                p.OldGrams
                    .Where(g => p.OldDistrictId != e.DistrictId || p.Removed || !now.Contains(g, StringComparer.Ordinal))
                    .Select(g => (g, p.OldDistrictId, id)));
            added.AddRange(
                now.Where(g => p.OldDistrictId != e.DistrictId || !p.OldGrams.Contains(g, StringComparer.Ordinal))
                    .Select(g => (g, e.DistrictId, id)));
        }
        if (db.Database.IsSqlite())
        {
            // SQLite: one prepared single-row statement, rebound per row, is far faster there than many-row statements of
            // 1,500 parameters (those made a 1,000-enterprise save take seconds).
            await ExecutePreparedAsync(db,
                "DELETE FROM \"EnterpriseNameGrams\" WHERE \"Gram\" = @g AND \"DistrictId\" = @d AND \"EnterpriseId\" = @e", removed, ct);
            await ExecutePreparedAsync(db,
                "INSERT INTO \"EnterpriseNameGrams\" (\"Gram\", \"DistrictId\", \"EnterpriseId\") VALUES (@g, @d, @e) ON CONFLICT DO " +
                "NOTHING", added, ct);
            return;
        }
        foreach (var chunk in removed.Chunk(RowsPerStatement))
            await ExecuteAsync(db, "DELETE FROM \"EnterpriseNameGrams\" WHERE (\"Gram\", \"DistrictId\", \"EnterpriseId\") IN (VALUES {0})",
                chunk, ct);
        foreach (var chunk in added.Chunk(RowsPerStatement))
            await ExecuteAsync(db,
                "INSERT INTO \"EnterpriseNameGrams\" (\"Gram\", \"DistrictId\", \"EnterpriseId\") VALUES {0} ON CONFLICT DO NOTHING", chunk,
                ct);
    }

    private static async Task ExecutePreparedAsync(FipDbContext db, string sql, List<(string Gram, int District, int Id)> rows,
        CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var gram = command.CreateParameter(); gram.ParameterName = "@g"; command.Parameters.Add(gram);
            var district = command.CreateParameter(); district.ParameterName = "@d"; command.Parameters.Add(district);
            var id = command.CreateParameter(); id.ParameterName = "@e"; command.Parameters.Add(id);
            await command.PrepareAsync(ct);
            foreach (var (g, d, e) in rows)
            {
                gram.Value = g;
                district.Value = d;
                id.Value = e;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Task<int> ExecuteAsync(FipDbContext db, string sql, (string Gram, int District, int Id)[] rows, CancellationToken ct)
    {
        var parameters = new List<DbParameter>(rows.Length * 3);
        var values = new StringBuilder();
        foreach (var (gram, district, id) in rows)
        {
            var n = parameters.Count;
            if (values.Length > 0) values.Append(", ");
            values.Append("(@g").Append(n).Append(", @g").Append(n + 1).Append(", @g").Append(n + 2).Append(')');
            parameters.Add(Parameter(db, "@g" + n, gram));
            parameters.Add(Parameter(db, "@g" + (n + 1), district));
            parameters.Add(Parameter(db, "@g" + (n + 2), id));
        }
        return db.Database.ExecuteSqlRawAsync(sql.Replace("{0}", values.ToString(), StringComparison.Ordinal), parameters, ct);
    }

    private static DbParameter Parameter(FipDbContext db, string name, object value)
    {
        var p = db.Database.GetDbConnection().CreateCommand().CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        return p;
    }
}
