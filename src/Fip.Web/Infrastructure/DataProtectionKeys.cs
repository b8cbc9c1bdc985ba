using Fip.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The keys that protect sign-in cookies, antiforgery tokens and password-reset tokens, kept where every node finds them:
/// in the database (table <c>DataProtectionKeys</c>, made by the platform's migrations), or in the folder
/// <c>DataProtection:KeysPath</c> names. The application name is fixed, so every node reads the others' cookies.
/// </summary>
public static class DataProtectionKeys
{
    public const string ApplicationName = "fip";

    public static void AddFipDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        KeptAntiforgeryCookie.Register(services);
        if (configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
            return;
        }
        var database = DatabaseOptions.From(configuration);
        services.AddDbContext<DataProtectionKeysContext>(o =>
        {
            if (database.Provider == DatabaseProvider.Sqlite) o.UseSqlite(database.EffectiveConnectionString);
            else o.UseNpgsql(database.EffectiveConnectionString);
        });
        protection.PersistKeysToDbContext<DataProtectionKeysContext>();
    }

    /// <summary>
    /// Makes the first key now if there is none (after migrating, before the nodes serve anyone), so nodes started
    /// together find one key instead of each making its own.
    /// </summary>
    public static void EnsureKey(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("fip.startup").Protect([1]);
}

/// <summary>
/// Reads and writes the keys for ASP.NET Core's key ring (whose store saves synchronously, which the platform's context
/// refuses). It writes only this table, and key material never reaches the audit log.
/// </summary>
public sealed class DataProtectionKeysContext(DbContextOptions<DataProtectionKeysContext> options) : DbContext(options),
    IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        new DataProtectionKeyConfiguration().Configure(modelBuilder.Entity<DataProtectionKey>());
}

/// <summary>The keys' table, in the platform's model so its migrations (both providers) make it.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e) => e.ToTable("DataProtectionKeys");
}
