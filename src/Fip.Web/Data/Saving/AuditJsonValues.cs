using System.Globalization;
using System.Text.Json;

namespace Fip.Web.Data.Saving;

/// <summary>
/// Writes one property's value into an audit line exactly as <see cref="AuditInterceptor.SerializeValues"/> does (System.Text.Json
/// serialising the value by its runtime type with <see cref="AuditInterceptor.Json"/>'s options), chosen once for the property's
/// type. The serializer looks up the converter of a boxed value's type on every call, and an import of a million enterprises
/// writes some 30 million values. The types the registries' rows are made of call the writer's own method, the one
/// System.Text.Json's converter for that type calls; any other type (enums, floating point, collections) still goes through the
/// serializer. (A profile under load put 12 s of a core in the serializer; a quiet pair of runs did not show the saving: see
/// docs/benchmarks.md.)
/// </summary>
internal static class AuditJsonValues
{
    /// <summary>The writer of a value of <paramref name="type"/> (or null, for a reference or nullable type).</summary>
    public static Action<Utf8JsonWriter, object?> For(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        Action<Utf8JsonWriter, object> write = plain switch
        {
            _ when plain == typeof(string) => static (json, v) => json.WriteStringValue((string)v),
            _ when plain == typeof(int) => static (json, v) => json.WriteNumberValue((int)v),
            _ when plain == typeof(long) => static (json, v) => json.WriteNumberValue((long)v),
            _ when plain == typeof(bool) => static (json, v) => json.WriteBooleanValue((bool)v),
            _ when plain == typeof(decimal) => static (json, v) => json.WriteNumberValue((decimal)v),
            _ when plain == typeof(DateTime) => static (json, v) => json.WriteStringValue((DateTime)v),
            _ when plain == typeof(DateTimeOffset) => static (json, v) => json.WriteStringValue((DateTimeOffset)v),
            _ when plain == typeof(Guid) => static (json, v) => json.WriteStringValue((Guid)v),
            _ when plain == typeof(DateOnly) => static (json, v) => WriteDate(json, (DateOnly)v),
            _ => static (json, v) => JsonSerializer.Serialize(json, v, AuditInterceptor.Json),
        };
        return (json, value) =>
        {
            if (value is null) json.WriteNullValue();
            else write(json, value);
        };
    }

    /// <summary>As System.Text.Json's DateOnly converter writes it: ISO 8601 ("O", yyyy-MM-dd).</summary>
    private static void WriteDate(Utf8JsonWriter json, DateOnly date)
    {
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture);
        json.WriteStringValue(text[..written]);
    }
}
