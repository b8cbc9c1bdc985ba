using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fip.Web.Data;

/// <summary>The SQLite flavour of the context; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteFipDbContext(DbContextOptions<SqliteFipDbContext> options) : FipDbContext(options);

/// <summary>The PostgreSQL flavour of the context; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresFipDbContext(DbContextOptions<PostgresFipDbContext> options) : FipDbContext(options);

/// <summary>Design-time factories so `dotnet ef migrations add` can build each context without a database.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFipDbContext>
{
    public SqliteFipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFipDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFipDbContext>
{
    public PostgresFipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFipDbContext>().UseNpgsql("Host=localhost;Database=fip_design").Options);
}
