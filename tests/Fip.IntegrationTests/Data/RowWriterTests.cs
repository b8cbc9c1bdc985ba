using System.Data.Common;
using System.Globalization;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests.Data;

/// <summary>
/// Rows written in bulk by <see cref="RowWriter"/> (from 50 rows: PostgreSQL's COPY in the text format, SQLite's JSON rows) are
/// stored exactly as the same values written one row a statement, with parameters made by each property's EF Core type mapping
/// (what a save binds): every column's stored type and value compared, for values that need escaping or rounding.
/// </summary>
public sealed class RowWriterTests
{
    /// <summary>Texts a row format must carry unchanged: its own separators and escapes, quotes, JSON, a literal \N, CJK, an
    /// emoji.</summary>
    private static readonly string?[] Texts =
    [
        "扬州市某某科技有限公司", "tab\there", "line\nbreak", "carriage\rreturn", @"back\slash", @"\N", "\\N\t\\t", "\"quoted\", 'single'",
        "{\"a\":\"b\\\"c\",\"d\":[1,2]}", "emoji 🚀 ok", " leading and trailing ", "", null, "a\\", "\\", "\r\n",
    ];

    private static readonly decimal?[] Amounts = [0m, 0.01m, -5.5m, 1234567890123456.78m, 100m, 99.999m, null, 5000.25m];

    /// <summary>Sub-microsecond ticks (truncated alike), a leap day, the turn of a year.</summary>
    private static readonly DateTime[] Times =
    [
        new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999),
        new DateTime(2025, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(5),
        new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(15),
        new DateTime(2026, 12, 7, 13, 45, 1, 123, DateTimeKind.Utc).AddTicks(4567),
    ];

    private static Enterprise Make(int i, int districtId, int id) => new()
    {
        Id = id,
        CreditCode = $"RW{Guid.NewGuid():N}"[..18],
        Name = (Texts[i % Texts.Length] ?? "名称") + i.ToString(CultureInfo.InvariantCulture),
        ShortName = Texts[(i + 3) % Texts.Length],
        Address = Texts[(i + 7) % Texts.Length],
        BusinessScope = string.Concat(Enumerable.Repeat(Texts[(i + 1) % Texts.Length] ?? "x", 1 + i % 40)),
        ContactPerson = Texts[(i + 5) % Texts.Length],
        ContactPhone = i % 4 == 0 ? null : $"0514-{i:D8}",
        DistrictId = districtId,
        // The smallest and largest dates and date-times: Npgsql sends them as -infinity and infinity.
        FoundedOn = i switch
        {
            11 => DateOnly.MinValue,
            12 => DateOnly.MaxValue,
            _ when i % 5 == 0 => null,
            _ => new DateOnly(1900 + i % 130, 1 + i % 12, 1 + i % 28),
        },
        RegisteredCapital = Amounts[i % Amounts.Length],
        Employees = i % 3 == 0 ? null : i * 37 - 500,
        CreditCodeCheckOverridden = i % 2 == 0,
        IsDemo = i % 3 == 1,
        IsDeleted = i % 7 == 3,
        DeletedAt = i switch { 13 => DateTime.MinValue, 14 => DateTime.MaxValue, _ when i % 7 == 3 => Times[i % Times.Length], _ => null },
        CreatedAt = Times[i % Times.Length],
        UpdatedAt = Times[(i + 1) % Times.Length],
        Version = $"v{i:D6}",
    };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BulkRows_AreStoredAsRowsWrittenOneAStatementWithParameters(DatabaseProvider db)
    {
        const int count = 64; // above RowWriter's threshold for a COPY (50)
        var app = FipApp.For(db);
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var district = await context.Districts.Select(d => d.Id).FirstAsync();
        var keys = await RowWriter.ReserveKeysAsync<Enterprise>(context, 2 * count, CancellationToken.None);
        var bulk = Enumerable.Range(0, count).Select(i => Make(i, district, keys[i])).ToList();
        var single = Enumerable.Range(0, count).Select(i => Make(i, district, keys[count + i])).ToList();
        await RowWriter.InsertAsync(context, bulk, CancellationToken.None, withKeys: true);
        foreach (var e in single) await RowWriter.InsertAsync(context, [e], CancellationToken.None, withKeys: true);
        var qualifications = bulk.Concat(single).Select((e, i) => new EnterpriseQualification
        {
            EnterpriseId = e.Id,
            Kind = Enum.GetValues<QualificationKind>()[i % count % Enum.GetValues<QualificationKind>().Length],
            Year = i % count % 3 == 0 ? null : 2000 + i % count,
        }).ToList();
        await RowWriter.InsertAsync(context, qualifications[..count], CancellationToken.None);
        foreach (var q in qualifications[count..]) await RowWriter.InsertAsync(context, [q], CancellationToken.None);

        var connection = context.Database.GetDbConnection();
        var dbTransaction = context.Database.CurrentTransaction!.GetDbTransaction();
        for (var i = 0; i < count; i++)
        {
            var (a, b) = (Row(connection, dbTransaction, "Enterprises", "Id", bulk[i].Id),
                Row(connection, dbTransaction, "Enterprises", "Id", single[i].Id));
            foreach (var column in b.Keys.Where(c => c is not "Id" and not "CreditCode"))
                Assert.True(a[column] == b[column], $"row {i}, Enterprises.{column}: bulk {a[column]}, one a statement {b[column]}");
            var (qa, qb) = (Row(connection, dbTransaction, "EnterpriseQualifications", "EnterpriseId", bulk[i].Id),
                Row(connection, dbTransaction, "EnterpriseQualifications", "EnterpriseId", single[i].Id));
            foreach (var column in qb.Keys.Where(c => c != "EnterpriseId"))
                Assert.True(qa[column] == qb[column], $"row {i}, EnterpriseQualifications.{column}: bulk {qa[column]}, one {qb[column]}");
        }
        // And what was written reads back as what was given (texts and amounts unchanged, times to the microsecond).
        var read = await context.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => e.Id >= keys[0] && e.Id < keys[0] + count)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(count, read.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal((bulk[i].Name, bulk[i].ShortName, bulk[i].Address, bulk[i].BusinessScope, bulk[i].ContactPerson),
                (read[i].Name, read[i].ShortName, read[i].Address, read[i].BusinessScope, read[i].ContactPerson));
            // numeric(18,2) on PostgreSQL rounds 99.999 to 100.00 (as it does a save's); SQLite keeps the text.
            Assert.Equal((Round(bulk[i].RegisteredCapital), bulk[i].FoundedOn, bulk[i].Employees, bulk[i].IsDeleted),
                (Round(read[i].RegisteredCapital), read[i].FoundedOn, read[i].Employees, read[i].IsDeleted));
            Assert.Equal(bulk[i].CreatedAt.Ticks / 10, read[i].CreatedAt.Ticks / 10);
        }
        await transaction.RollbackAsync();
    }

    private static decimal? Round(decimal? amount) => amount is { } a ? Math.Round(a, 2, MidpointRounding.AwayFromZero) : null;

    private static Dictionary<string, (Type, string)> Row(DbConnection connection, DbTransaction transaction, string table,
        string keyColumn, int key) => RawRows.Read(connection, transaction, table, $"\"{keyColumn}\" = {key}");
}
