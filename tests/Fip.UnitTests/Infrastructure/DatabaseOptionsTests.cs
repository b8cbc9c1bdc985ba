using Fip.Web.Data;
using Npgsql;

namespace Fip.UnitTests.Infrastructure;

public class DatabaseOptionsTests
{
    [Theory]
    [InlineData("Host=db;Database=fip", DatabaseOptions.AutoPrepared)]       // not set: kept prepared
    [InlineData("Host=db;Database=fip;Max Auto Prepare=0", 0)]              // an operator turns it off
    [InlineData("Host=db;Database=fip;Max Auto Prepare=20", 20)]
    [InlineData("Host=db;Database=fip;MaxAutoPrepare=7", 7)]                // the keyword's other spelling is the same setting
    [InlineData("host=db;database=fip;max auto prepare=3", 3)]              // keywords are case-insensitive
    public void Postgres_PreparesStatementsUnlessTheConnectionStringSays(string configured, int expected)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = configured };
        var effective = new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString);
        Assert.Equal(expected, effective.MaxAutoPrepare);
        Assert.Equal("db", effective.Host);
        Assert.Equal("fip", effective.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=fip", true)]                              // not set: no reset on close
    [InlineData("Host=db;Database=fip;No Reset On Close=false", false)]     // an operator keeps the reset
    [InlineData("host=db;database=fip;noresetonclose=False", false)]        // the keyword's other spelling, any case
    public void Postgres_SkipsTheResetOnCloseUnlessTheConnectionStringSays(string configured, bool expected)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = configured };
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString).NoResetOnClose);
    }

    [Fact]
    public void Postgres_TheJobLeasesPoolStillResets()
    {
        // Their session-level advisory locks must not outlive a lease on a pooled connection.
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db;Database=fip" };
        var lease = new NpgsqlConnectionStringBuilder(DatabaseOptions.WithReset(options.EffectiveConnectionString));
        Assert.False(lease.NoResetOnClose);
        Assert.Equal(DatabaseOptions.AutoPrepared, lease.MaxAutoPrepare);
    }

    [Fact]
    public void Sqlite_ConnectionStringIsLeftAsConfigured()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=/tmp/x.db" };
        Assert.Equal("Data Source=/tmp/x.db", options.EffectiveConnectionString);
    }
}
