using System.Data.Common;
using System.Globalization;

namespace Fip.IntegrationTests.Data;

/// <summary>A stored row as the database gives it back: each column's type and value (a date-time to the tick), for comparing
/// how two write paths stored the same values.</summary>
internal static class RawRows
{
    public static Dictionary<string, (Type, string)> Read(DbConnection connection, DbTransaction? transaction, string table,
        string where)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where}";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"no {table} row where {where}");
        var row = new Dictionary<string, (Type, string)>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.GetValue(i);
            row[reader.GetName(i)] = (value.GetType(), value switch
            {
                DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            });
        }
        return row;
    }
}
