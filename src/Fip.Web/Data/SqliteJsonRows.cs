using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fip.Web.Data;

/// <summary>
/// Many rows in one SQLite statement: the rows go as one JSON array of arrays, bound as one parameter, and
/// <c>INSERT … SELECT … FROM json_each(@rows)</c> spreads them (SQLite reads the JSON in C; a thousand rows are one step
/// instead of a thousand). Each value is written as Microsoft.Data.Sqlite would bind it after the property's EF Core
/// converter (integers, text; dates, date-times and decimals as the text it stores them as), so the stored values are the
/// same as a save's; a column of any other type (a blob, a real, a GUID) is not taken: <see cref="Supports"/>.
/// </summary>
internal static class SqliteJsonRows
{
    /// <summary>Rows per statement: large enough that a statement's cost is the rows', small enough to keep its JSON small.</summary>
    private const int PerStatement = 1000;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Type ProviderType(IProperty property, RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? property.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetUnderlyingType(type) : type;
    }

    /// <summary>Whether every column's stored value can be written as JSON exactly.</summary>
    public static bool Supports(IReadOnlyList<IProperty> properties, IReadOnlyList<RelationalTypeMapping> mappings) =>
        properties.Select((p, i) => ProviderType(p, mappings[i])).All(t =>
            t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short)
            || t == typeof(byte) || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(decimal));

    public static async Task InsertAsync<T>(DbCommand command, string table, string columns, IReadOnlyList<IClrPropertyGetter> getters,
        IReadOnlyList<RelationalTypeMapping> mappings, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        var values = string.Join(", ", getters.Select((_, i) => $"json_extract(value, '$[{i}]')"));
        command.CommandText = $"INSERT INTO \"{table}\" ({columns}) SELECT {values} FROM json_each(@rows) ORDER BY key";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@rows";
        command.Parameters.Add(parameter);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        for (var start = 0; start < rows.Count; start += PerStatement)
        {
            buffer.ResetWrittenCount();
            await using (var json = new Utf8JsonWriter(buffer, Options))
            {
                json.WriteStartArray();
                for (var r = start; r < Math.Min(rows.Count, start + PerStatement); r++)
                {
                    json.WriteStartArray();
                    for (var i = 0; i < getters.Count; i++)
                    {
                        var value = getters[i].GetClrValue(rows[r]);
                        if (value is not null && mappings[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                        Write(json, value);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            parameter.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A value as Microsoft.Data.Sqlite binds it (SqliteValueBinder): integers, text, the texts of dates and decimals.</summary>
    private static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteNumberValue(b ? 1 : 0); break;
            case DateTime d: json.WriteStringValue(d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case DateOnly d: json.WriteStringValue(d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)); break;
            case decimal m: json.WriteStringValue(m.ToString("0.0###########################", CultureInfo.InvariantCulture)); break;
            case Enum e: json.WriteNumberValue(Convert.ToInt64(e, CultureInfo.InvariantCulture)); break;
            default: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
