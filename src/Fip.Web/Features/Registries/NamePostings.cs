using System.Data.Common;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fip.Web.Features.Registries;

/// <summary>
/// The name bigrams of an import's new enterprises, gathered as their rows are written and written once, before the import
/// commits, in the order of the bigram table's key (bigram, district, enterprise). Each bigram and district holds the list of
/// its enterprises' keys, which arrive in increasing order (an import writes its new enterprises in key order), so only the
/// distinct bigram-district pairs are sorted, by this process: the database receives rows in its own key order and sorts
/// nothing, where one INSERT … SELECT DISTINCT … ORDER BY over the new rows made it sort every posting (at 1,000,000
/// enterprises, about 18 million rows sorted in spilled runs, a third of the commit). The bigrams are
/// <see cref="EnterpriseNameSearch.OfRecord"/>'s, the rule every save follows, made here without a string a bigram: a bigram
/// is held as its two code points in one number until it is written (tests compare the stored bigrams with the rule's).
/// Memory: a key (4 bytes) a posting, about twelve postings an enterprise, and the distinct pairs (a few tens of thousands).
/// </summary>
internal sealed class NamePostings
{
    private readonly Dictionary<(long Gram, int District), List<int>> lists = [];
    private readonly List<long> record = [];
    private readonly List<int> runes = [];

    /// <summary>How many postings (rows of the bigram table) are gathered.</summary>
    public long Count { get; private set; }

    /// <summary>Gathers the bigrams of a new enterprise's name and short name (its key and district set).</summary>
    public void Add(Enterprise enterprise)
    {
        record.Clear();
        Bigrams(enterprise.Name);
        Bigrams(enterprise.ShortName);
        foreach (var gram in record)
        {
            if (!lists.TryGetValue((gram, enterprise.DistrictId), out var ids))
                lists.Add((gram, enterprise.DistrictId), ids = new List<int>(4));
            ids.Add(enterprise.Id);
            Count++;
        }
    }

    /// <summary>
    /// <see cref="EnterpriseNameSearch.Of"/>'s bigrams of <paramref name="text"/>, each as its two code points (21 bits each),
    /// added to the record's bigrams once: adjacent code points (a lone surrogate reads as U+FFFD, as
    /// <see cref="string.EnumerateRunes"/> reads it there), ASCII letters upper-cased.
    /// </summary>
    private void Bigrams(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        runes.Clear();
        foreach (var r in text.EnumerateRunes()) runes.Add(r.Value is >= 'a' and <= 'z' ? r.Value - 32 : r.Value);
        for (var i = 0; i + 1 < runes.Count; i++)
        {
            var gram = ((long)runes[i] << 21) | (uint)runes[i + 1];
            if (!record.Contains(gram)) record.Add(gram);
        }
    }

    /// <summary>A bigram held as two code points, as the text stored.</summary>
    private static string Text(long gram) =>
        string.Concat(new Rune((int)(gram >> 21)).ToString(), new Rune((int)(gram & 0x1FFFFF)).ToString());

    /// <summary>
    /// The bigram-district pairs in the order of the table's key: a bigram's code points (the order of its UTF-8 bytes, which
    /// SQLite's BINARY collation compares; on PostgreSQL a C collation's order, otherwise only close to the key's), then the
    /// district; each pair's keys in increasing order. The order makes the writes quick; the rows are the same in any order.
    /// </summary>
    private List<((string Gram, int District) Key, List<int> Ids)> Ordered()
    {
        var pairs = lists.OrderBy(p => p.Key.Gram).ThenBy(p => p.Key.District).ToList();
        var ordered = new List<((string, int), List<int>)>(pairs.Count);
        foreach (var ((gram, district), ids) in pairs)
        {
            for (var i = 1; i < ids.Count; i++)
                if (ids[i - 1] >= ids[i]) { ids.Sort(); break; }
            ordered.Add(((Text(gram), district), ids));
        }
        return ordered;
    }

    /// <summary>
    /// Writes the gathered postings in the caller's transaction, in key order: on SQLite one prepared statement a
    /// bigram-district pair, its keys bound as one JSON array (<c>json_each</c>); on PostgreSQL one binary COPY. Nothing is
    /// held afterwards.
    /// </summary>
    public async Task WriteAsync(FipDbContext db, CancellationToken ct)
    {
        if (Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The name bigrams are written within the import's transaction.");
        var ordered = Ordered();
        lists.Clear();
        if (db.Database.IsSqlite())
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO "EnterpriseNameGrams" ("Gram", "DistrictId", "EnterpriseId")
                SELECT @gram, @district, value FROM json_each(@ids)
                """;
            DbParameter gram = Parameter(command, "@gram"), district = Parameter(command, "@district"), keys = Parameter(command, "@ids");
            await command.PrepareAsync(ct);
            foreach (var ((g, d), ids) in ordered)
            {
                gram.Value = g;
                district.Value = d;
                keys.Value = JsonSerializer.Serialize(ids);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        else
        {
            var connection = (NpgsqlConnection)transaction.Connection!;
            await using var import = await connection.BeginBinaryImportAsync(
                """COPY "EnterpriseNameGrams" ("Gram", "DistrictId", "EnterpriseId") FROM STDIN (FORMAT BINARY)""", ct);
            foreach (var ((g, d), ids) in ordered)
                foreach (var id in ids)
                {
                    await import.StartRowAsync(ct);
                    await import.WriteAsync(g, NpgsqlDbType.Varchar, ct);
                    await import.WriteAsync(d, NpgsqlDbType.Integer, ct);
                    await import.WriteAsync(id, NpgsqlDbType.Integer, ct);
                }
            await import.CompleteAsync(ct);
        }
        Count = 0;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
