using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fip.Web.Data;

/// <summary>
/// Many rows into PostgreSQL as one <c>COPY … FROM STDIN</c> in its text format: each row a line of tab-separated values that
/// this class writes itself (a chunk at a time, encoded once), where the binary format cost a call into Npgsql for every
/// value (a parameter bound, its size measured, a string encoded on its own: about two thirds of an import's client time
/// in writing rows). Each value is the text PostgreSQL reads back as the value Npgsql's binary writer would have sent after
/// the property's EF Core converter: integers, flags, decimals exactly, dates, date-times to the microsecond (truncated, as
/// Npgsql truncates; the smallest and largest as -infinity and infinity, as Npgsql sends them), a <c>timestamp with time
/// zone</c> only from a UTC date-time (Npgsql refuses any other, so does this);
/// a column of any other type (bytes, floating point, arrays, JSON) is not taken: <see cref="Supports"/>.
/// </summary>
internal static class PostgresTextRows
{
    /// <summary>Characters written before they go to the connection (a chunk of rows is written in a few pieces).</summary>
    private const int Piece = 1 << 16;

    private static readonly SearchValues<char> Escaped = SearchValues.Create("\\\t\n\r");

    /// <summary>How a column's provider value is written.</summary>
    private enum Kind { Text, Flag, Integer, Decimal, Date, UtcTimestamp, Timestamp, Uuid }

    private static Kind? KindOf(IProperty property, RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? property.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) type = Enum.GetUnderlyingType(type);
        var store = mapping.StoreType.Split('(')[0].Trim();
        return type switch
        {
            _ when type == typeof(string) && store is "text" or "character varying" or "character" => Kind.Text,
            _ when type == typeof(bool) && store == "boolean" => Kind.Flag,
            _ when (type == typeof(int) || type == typeof(long) || type == typeof(short))
                && store is "integer" or "bigint" or "smallint" => Kind.Integer,
            _ when type == typeof(decimal) && store == "numeric" => Kind.Decimal,
            _ when type == typeof(DateOnly) && store == "date" => Kind.Date,
            _ when type == typeof(DateTime) && store == "timestamp with time zone" => Kind.UtcTimestamp,
            _ when type == typeof(DateTime) && store == "timestamp without time zone" => Kind.Timestamp,
            _ when type == typeof(Guid) && store == "uuid" => Kind.Uuid,
            _ => null,
        };
    }

    /// <summary>Whether every column's value can be written as text that PostgreSQL reads back exactly.</summary>
    public static bool Supports(IReadOnlyList<IProperty> properties, IReadOnlyList<RelationalTypeMapping> mappings) =>
        properties.Select((p, i) => KindOf(p, mappings[i])).All(k => k is not null);

    public static async Task InsertAsync<T>(NpgsqlConnection connection, string table, string columns,
        IReadOnlyList<IProperty> properties, IReadOnlyList<IClrPropertyGetter> getters, IReadOnlyList<RelationalTypeMapping> mappings,
        IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        var kinds = properties.Select((p, i) => KindOf(p, mappings[i])!.Value).ToArray();
        var line = new StringBuilder(Piece + 8192);
        await using var writer = await connection.BeginTextImportAsync($"COPY \"{table}\" ({columns}) FROM STDIN", ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < kinds.Length; i++)
            {
                if (i > 0) line.Append('\t');
                var value = getters[i].GetClrValue(row);
                if (value is not null && mappings[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                Append(line, kinds[i], value, properties[i]);
            }
            line.Append('\n');
            if (line.Length >= Piece)
            {
                await writer.WriteAsync(line, ct);
                line.Clear();
            }
        }
        if (line.Length > 0) await writer.WriteAsync(line, ct);
    }

    /// <summary>A value in COPY's text format (<c>\N</c> for null; a backslash, tab, newline and carriage return escaped).</summary>
    private static void Append(StringBuilder line, Kind kind, object? value, IProperty property)
    {
        if (value is null)
        {
            line.Append(@"\N");
            return;
        }
        var invariant = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case Kind.Text: AppendEscaped(line, (string)value); break;
            case Kind.Flag: line.Append((bool)value ? 't' : 'f'); break;
            case Kind.Integer: line.Append(Convert.ToInt64(value, invariant)); break;
            case Kind.Decimal: line.Append(((decimal)value).ToString(invariant)); break;
            case Kind.Date: line.Append(((DateOnly)value).ToString(@"yyyy\-MM\-dd", invariant)); break;
            // Npgsql sends the smallest and largest date-times as -infinity and infinity (whatever their kind).
            case Kind.UtcTimestamp or Kind.Timestamp when (DateTime)value == DateTime.MinValue: line.Append("-infinity"); break;
            case Kind.UtcTimestamp or Kind.Timestamp when (DateTime)value == DateTime.MaxValue: line.Append("infinity"); break;
            case Kind.UtcTimestamp:
                var utc = (DateTime)value;
                if (utc.Kind != DateTimeKind.Utc)
                    throw new ArgumentException(
                        $"{property.DeclaringType.ClrType.Name}.{property.Name}: a 'timestamp with time zone' takes a UTC " +
                        $"date-time only, not Kind={utc.Kind} (as Npgsql refuses it).");
                line.Append(utc.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.ffffff", invariant)).Append("+00");
                break;
            case Kind.Timestamp:
                var local = (DateTime)value;
                if (local.Kind == DateTimeKind.Utc)
                    throw new ArgumentException(
                        $"{property.DeclaringType.ClrType.Name}.{property.Name}: a 'timestamp without time zone' takes no UTC date-time " +
                        "(as Npgsql refuses it).");
                line.Append(local.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.ffffff", invariant));
                break;
            case Kind.Uuid: line.Append(((Guid)value).ToString("D")); break;
        }
    }

    private static void AppendEscaped(StringBuilder line, string text)
    {
        var span = text.AsSpan();
        while (true)
        {
            var at = span.IndexOfAny(Escaped);
            if (at < 0)
            {
                line.Append(span);
                return;
            }
            line.Append(span[..at]).Append(span[at] switch { '\t' => @"\t", '\n' => @"\n", '\r' => @"\r", _ => @"\\" });
            span = span[(at + 1)..];
        }
    }
}
