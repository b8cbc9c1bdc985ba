using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests.Data;

/// <summary>The rebuild of a large load's indexes on PostgreSQL. An app of its own: dropping an index locks its table.</summary>
public class DeferredIndexesTests
{
    private static async Task<string> SettingAsync(FipDbContext db) =>
        (await db.Database.SqlQueryRaw<string>("SELECT current_setting('maintenance_work_mem') AS \"Value\"").ToListAsync())[0];

    [Fact]
    public async Task OnPostgres_TheRebuildSortsInMoreMemory_ForItsTransactionOnly()
    {
        using var app = FipApp.Start(DatabaseProvider.Postgres);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var before = await SettingAsync(db);
        Assert.NotEqual("256MB", before); // the test servers keep PostgreSQL's default (64MB)
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var indexes = await DeferredIndexes.DropAsync(db, "Enterprises", primaryKey: false, CancellationToken.None);
            await indexes.CreateAsync(db, CancellationToken.None);
            Assert.Equal("256MB", await SettingAsync(db));
            await transaction.RollbackAsync();
        }
        Assert.Equal(before, await SettingAsync(db));
    }
}
