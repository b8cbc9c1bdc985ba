using System.Data;
using System.Data.Common;
using Fip.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests.Data;

/// <summary>
/// On SQLite a pooled context keeps its connection open from one lease to the next (opening it again registered EF Core's SQL
/// functions on every request); a restore of the file makes each kept connection open again. An app of its own, so no other
/// test's scopes take its contexts.
/// </summary>
public class KeptConnectionTests
{
    private static readonly Lazy<FipApp> App = new(() => FipApp.Start(DatabaseProvider.Sqlite));

    /// <summary>Leases a context in a scope of its own, runs a query and a save's transaction, and returns its connection.</summary>
    private static async Task<DbConnection> LeaseAsync(Action<DbConnection>? atLease = null)
    {
        await using var scope = App.Value.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var connection = db.Database.GetDbConnection();
        atLease?.Invoke(connection);
        Assert.True(await db.Districts.AnyAsync());
        await using (var transaction = await db.Database.BeginTransactionAsync()) await transaction.CommitAsync();
        await db.Database.CloseConnectionAsync();
        Assert.Equal(ConnectionState.Open, connection.State); // EF Core closed it neither after the query nor when asked
        return connection;
    }

    [Fact]
    public async Task ALeasedContext_KeepsItsConnectionOpen_FromOneScopeToTheNext()
    {
        var opened = new Dictionary<DbConnection, int>();
        var seen = new List<DbConnection>();
        for (var i = 0; i < 20; i++)
        {
            seen.Add(await LeaseAsync(connection =>
            {
                if (opened.TryAdd(connection, 0))
                    connection.StateChange += (_, e) => { if (e.CurrentState == ConnectionState.Open) opened[connection]++; };
            }));
        }
        Assert.True(seen.Distinct().Count() < seen.Count, "the pool should have handed a context out twice");
        Assert.All(opened.Values, opens => Assert.Equal(0, opens)); // never opened again once kept
    }

    [Fact]
    public async Task AfterARestore_AKeptConnectionIsOpenedAgain_AtItsNextLease()
    {
        var opens = 0;
        var first = await LeaseAsync(connection =>
            connection.StateChange += (_, e) => { if (e.CurrentState == ConnectionState.Open) Interlocked.Increment(ref opens); });
        SqliteKeptConnections.Release(new SqliteConnectionStringBuilder(App.Value.ConnectionString).DataSource);
        DbConnection? again = null;
        for (var i = 0; i < 20 && again is null; i++)
        {
            var connection = await LeaseAsync();
            if (ReferenceEquals(connection, first)) again = connection;
        }
        Assert.NotNull(again);
        Assert.Equal(1, opens);
    }
}
