using System.Buffers;
using System.Text;
using System.Text.Json;
using Fip.Web.Data.Saving;

namespace Fip.UnitTests.Infrastructure;

/// <summary>
/// An imported row's audit values are written by a writer chosen once for each property's type (<see cref="AuditJsonValues"/>);
/// a saved row's by System.Text.Json serialising each value by its runtime type (<see cref="AuditInterceptor.SerializeValues"/>).
/// A record's history reads both, so the two must write the same JSON: each case is written both ways and compared byte for byte.
/// </summary>
public class AuditJsonValuesTests
{
    public enum Tier { Leading = 1, Other = 9 }

    public static TheoryData<Type, object?> Cases() => new()
    {
        // Text: Chinese, quotes, backslashes, control characters, HTML-sensitive characters, an emoji, the empty string.
        { typeof(string), "扬州市江都区某某航空科技有限公司" },
        { typeof(string), "He said \"ok\" \\ then\ttab\nnewline\r\u0001" },
        { typeof(string), "<a href='x'>&amp;</a>" },
        { typeof(string), "😀 𠀀" },
        { typeof(string), "" },
        { typeof(string), null },
        { typeof(int), 0 },
        { typeof(int), int.MinValue },
        { typeof(int?), 42 },
        { typeof(int?), null },
        { typeof(long), long.MaxValue },
        { typeof(bool), true },
        { typeof(bool?), false },
        // Decimals keep their scale (1.50 stays 1.50), as the serializer writes them.
        { typeof(decimal), 1.50m },
        { typeof(decimal?), -0.001m },
        { typeof(decimal), 79228162514264337593543950335m },
        { typeof(decimal), 0m },
        // Date-times of every kind, with and without fractions of a second; the extremes.
        { typeof(DateTime), new DateTime(2024, 3, 5, 8, 9, 10, DateTimeKind.Utc) },
        { typeof(DateTime), new DateTime(2024, 3, 5, 8, 9, 10, DateTimeKind.Unspecified).AddTicks(1234567) },
        { typeof(DateTime?), new DateTime(2024, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9999) },
        { typeof(DateTime), DateTime.MinValue },
        { typeof(DateTime), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) },
        { typeof(DateTime?), null },
        { typeof(DateTimeOffset), new DateTimeOffset(2024, 3, 5, 8, 9, 10, TimeSpan.FromHours(8)) },
        { typeof(DateOnly), new DateOnly(2021, 1, 9) },
        { typeof(DateOnly?), DateOnly.MinValue },
        { typeof(DateOnly?), DateOnly.MaxValue },
        { typeof(Guid), new Guid("0f8fad5b-d9cb-469f-a165-70867728950e") },
        // Types without a writer of their own go through the serializer: the same by construction, checked all the same.
        { typeof(Tier), Tier.Other },
        { typeof(double), 0.1 },
        { typeof(TimeOnly?), new TimeOnly(7, 30) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheWriterOfAPropertysType_WritesWhatTheSerializerWrites(Type type, object? value)
    {
        var expected = Write(json => JsonSerializer.Serialize(json, value, AuditInterceptor.Json));
        var actual = Write(json => AuditJsonValues.For(type)(json, value));
        Assert.Equal(expected, actual);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AuditInterceptor.Json.Encoder }))
        {
            json.WriteStartArray();
            write(json);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
