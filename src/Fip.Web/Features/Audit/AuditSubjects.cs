using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fip.Web.Features.Audit;

/// <summary>
/// What the record of an audit line is, in words: the log keeps its type and key only ("Enterprise" 412), which tell an official
/// nothing. A record is named by its name or title (an enterprise with its 统一社会信用代码, a task with its number:
/// "扬州某某有限公司（91321003MA1MDEMA0J）", "2025-003 推进…"); a record of two keys by each of them ("扬州某某有限公司 · 2024" for a
/// year's figures); a record without a name by the record it belongs to (a task's milestone by its task). A record since removed
/// is named from the line's own values. The names are read in one query per record type on the lines (in chunks of
/// <see cref="Chunk"/> keys), never one per line; no secret value (<see cref="AuditInterceptor.IsSecret"/>) names anything.
/// </summary>
/// <remarks>The log is read by admins only, who see every record's data unmasked (ScopeAuthorizationHandler); names and titles
/// and credit codes are not personal data, and the personal fields (phones, ID numbers) never name a record here.</remarks>
public sealed class AuditSubjects(FipDbContext db)
{
    /// <summary>The properties that name a record, in the order tried; the first one not empty names it.</summary>
    private static readonly string[] NameProperties = ["Name", "Title", "DisplayName", "EnterpriseName", "UserName", "FileName"];

    private const string NumberProperty = "Number";
    private const string CreditCodeProperty = "CreditCode";
    private const int Chunk = 500;

    /// <summary>A record type's naming columns: its key, the names, and a number before or a credit code after the name.</summary>
    private sealed record Namer(IEntityType Type, IProperty Key, IReadOnlyList<IProperty> Names, IProperty? Number, IProperty? CreditCode)
    {
        public IReadOnlyList<IProperty> Columns { get; } =
            [.. Names, .. new[] { Number, CreditCode }.OfType<IProperty>()];

        /// <summary>The words for one record's values (in the order of <see cref="Columns"/>); null when all names are empty.</summary>
        public string? Words(IReadOnlyList<string?> values)
        {
            var name = values.Take(Names.Count).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (name is null) return null;
            var i = Names.Count;
            if (Number is not null && values[i++] is { Length: > 0 } number) name = number + " " + name;
            if (CreditCode is not null && values[i] is { Length: > 0 } code) name += "（" + code + "）";
            return name;
        }
    }

    /// <summary>One part of a line's words: a key value as written, a named record, or the record a nameless one belongs to.</summary>
    private abstract record Part;

    private sealed record Literal(string Text) : Part;

    private sealed record Ref(Namer Namer, object Key) : Part;

    private sealed record Via(IEntityType Type, IProperty Key, object KeyValue, IForeignKey Owner, Namer OwnerNamer) : Part;

    /// <summary>The words for each line's record, by (type, key); a line whose record cannot be named is left out.</summary>
    public async Task<IReadOnlyDictionary<(string Type, string Key), string>> DescribeAsync(IEnumerable<AuditEntryDto> lines,
        CancellationToken ct)
    {
        var namers = new Dictionary<IEntityType, Namer?>();
        Namer? NamerOf(IEntityType t)
        {
            if (!namers.TryGetValue(t, out var n)) namers[t] = n = MakeNamer(t);
            return n;
        }

        // Each record once, with the values its lines hold (a removed record is named from them).
        var records = new Dictionary<(string Type, string Key), (IReadOnlyList<Part> Parts, List<string> Values)>();
        foreach (var line in lines)
        {
            var id = (line.EntityType, line.EntityKey);
            if (records.TryGetValue(id, out var known))
            {
                AddValues(known.Values, line);
                continue;
            }
            if (Plan(line.EntityType, line.EntityKey, NamerOf) is not { } parts) continue;
            var values = new List<string>();
            AddValues(values, line);
            records[id] = (parts, values);
        }

        // The records a nameless record belongs to (one query per such type), then every name (one query per named type).
        var owners = new Dictionary<Via, object?>();
        foreach (var group in records.Values.SelectMany(r => r.Parts.OfType<Via>().Select(v => (Via: v, r.Values)))
            .GroupBy(x => (x.Via.Type, x.Via.Owner)))
        {
            var found = await ValuesAsync(group.Key.Type, group.First().Via.Key, [group.Key.Owner.Properties[0]],
                [.. group.Select(x => x.Via.KeyValue)], ct);
            foreach (var (via, values) in group)
            {
                owners[via] = found.TryGetValue(via.KeyValue, out var row) ? row[0]
                    : FromValues(values, group.Key.Owner.Properties[0]) is { } text ? Parse(text, via.OwnerNamer.Key.ClrType) : null;
            }
        }
        Ref? RefOf(Part p) => p switch
        {
            Ref r => r,
            Via v when owners.GetValueOrDefault(v) is { } owner => new Ref(v.OwnerNamer, owner),
            _ => null,
        };

        var named = new Dictionary<(IEntityType, object), string?>();
        var refs = records.Values.SelectMany(r => r.Parts.Select(RefOf).OfType<Ref>().Select(x => (Ref: x, r.Values))).ToList();
        foreach (var group in refs.GroupBy(x => x.Ref.Namer))
        {
            var namer = group.Key;
            var found = await ValuesAsync(namer.Type, namer.Key, namer.Columns, [.. group.Select(x => x.Ref.Key).Distinct()], ct);
            foreach (var (r, values) in group)
            {
                if (named.ContainsKey((namer.Type, r.Key)) && named[(namer.Type, r.Key)] is not null) continue;
                named[(namer.Type, r.Key)] = found.TryGetValue(r.Key, out var row)
                    ? namer.Words([.. row.Select(v => v as string)])
                    // Removed since: the record's own line holds its values (for a record of its own type only).
                    : ReferenceEquals(namer.Type, TypeOf(values))
                        ? namer.Words([.. namer.Columns.Select(c => FromValues(values, c))])
                        : null;
            }
        }

        var result = new Dictionary<(string Type, string Key), string>();
        foreach (var (id, (parts, _)) in records)
        {
            var words = parts
                .Select(p => p is Literal l ? l.Text : RefOf(p) is { } r ? named.GetValueOrDefault((r.Namer.Type, r.Key)) : null)
                .ToList();
            if (words.All(w => w is not null) && parts.Any(p => p is not Literal)) result[id] = string.Join(" · ", words);
        }
        return result;
    }

    /// <summary>The type whose values a record's line list holds: kept as the first entry ("type:Name").</summary>
    private IEntityType? TypeOf(List<string> values) => values.Count > 0 ? FindType(values[0]) : null;

    private static void AddValues(List<string> values, AuditEntryDto line)
    {
        if (values.Count == 0) values.Add(line.EntityType);
        if (line.Before is { } before) values.Add(before);
        if (line.After is { } after) values.Add(after);
    }

    /// <summary>A property's value as written in a line's values (JSON), from the newest line that holds it.</summary>
    private static string? FromValues(List<string> values, IProperty property)
    {
        foreach (var json in values.Skip(1).Reverse())
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(property.Name, out var v)
                    && v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
            }
            catch (JsonException)
            {
                // A note that is no JSON names nothing.
            }
        }
        return null;
    }

    private IEntityType? FindType(string name)
    {
        if (name == "Session") return db.Model.FindEntityType(typeof(AppUser));
        return db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == name && !t.HasSharedClrType && !t.IsOwned());
    }

    /// <summary>How a line's record is named, or null when it cannot be (an unknown type, a key of another shape).</summary>
    private List<Part>? Plan(string typeName, string key, Func<IEntityType, Namer?> namerOf)
    {
        if (key.Length == 0 || FindType(typeName) is not { } type || type.FindPrimaryKey() is not { } pk) return null;
        var texts = key.Split(',');
        if (texts.Length != pk.Properties.Count) return null;
        var values = new object[texts.Length];
        for (var i = 0; i < texts.Length; i++)
            if (Parse(texts[i], pk.Properties[i].ClrType) is { } v) values[i] = v;
            else return null;

        if (pk.Properties.Count == 1)
        {
            if (namerOf(type) is { } namer) return [new Ref(namer, values[0])];
            // A nameless record: by the record it must belong to.
            foreach (var fk in type.GetForeignKeys().Where(f => f.Properties.Count == 1 && f.IsRequired))
                if (namerOf(fk.PrincipalEntityType) is { } owner && fk.PrincipalKey.Properties.Count == 1)
                    return [new Via(type, pk.Properties[0], values[0], fk, owner)];
            return null;
        }
        // A record of two or more keys: each key by the record it names, or as written (a year).
        var parts = new List<Part>();
        for (var i = 0; i < values.Length; i++)
        {
            var fk = pk.Properties[i].GetContainingForeignKeys().FirstOrDefault(f => f.Properties.Count == 1);
            parts.Add(fk is not null && namerOf(fk.PrincipalEntityType) is { } owner ? new Ref(owner, values[i]) : new Literal(texts[i]));
        }
        return parts;
    }

    private static Namer? MakeNamer(IEntityType type)
    {
        if (type.FindPrimaryKey() is not { Properties.Count: 1 } pk) return null;
        IProperty? Text(string name) =>
            type.FindProperty(name) is { } p && p.ClrType == typeof(string) && !AuditInterceptor.IsSecret(name) ? p : null;
        var names = NameProperties.Select(Text).OfType<IProperty>().ToList();
        return names.Count == 0 ? null : new Namer(type, pk.Properties[0], names, Text(NumberProperty), Text(CreditCodeProperty));
    }

    private static object? Parse(string text, Type clr)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (clr == typeof(string)) return text;
        if (clr == typeof(int)) return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        if (clr == typeof(long)) return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
        if (clr == typeof(Guid)) return Guid.TryParse(text, out var g) ? g : null;
        return null;
    }

    /// <summary>Some columns of the records of a type with the given keys: one query per <see cref="Chunk"/> keys.</summary>
    private async Task<Dictionary<object, object?[]>> ValuesAsync(IEntityType type, IProperty key, IReadOnlyList<IProperty> columns,
        IReadOnlyList<object> keys, CancellationToken ct)
    {
        var method = typeof(AuditSubjects).GetMethod(nameof(ValuesOfAsync),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(type.ClrType, key.ClrType);
        return await (Task<Dictionary<object, object?[]>>)method.Invoke(this, [key, columns, keys, ct])!;
    }

    private async Task<Dictionary<object, object?[]>> ValuesOfAsync<T, TKey>(IProperty key, IReadOnlyList<IProperty> columns,
        IReadOnlyList<object> keys, CancellationToken ct)
        where T : class
        where TKey : notnull
    {
        var e = Expression.Parameter(typeof(T), "e");
        Expression Column(IProperty p) =>
            Expression.Convert(
                Expression.Call(typeof(EF), nameof(EF.Property), [p.ClrType], e, Expression.Constant(p.Name)), typeof(object));
        var select = Expression.Lambda<Func<T, object?[]>>(
            Expression.NewArrayInit(typeof(object), columns.Prepend(key).Select(Column)), e);
        var name = key.Name;
        var result = new Dictionary<object, object?[]>();
        foreach (var chunk in keys.Cast<TKey>().Distinct().Chunk(Chunk))
        {
            var wanted = chunk.ToList();
            var rows = await db.Set<T>().AsNoTracking().Where(x => wanted.Contains(EF.Property<TKey>(x, name))).Select(select)
                .ToListAsync(ct);
            foreach (var row in rows) result[row[0]!] = row[1..];
        }
        return result;
    }
}
