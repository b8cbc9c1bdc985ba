using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Fip.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Fip.Web.Features.Registries;

public static class RegistryServices
{
    public static IServiceCollection AddRegistries(this IServiceCollection services)
    {
        foreach (var registry in RegistryCatalogue.All) services.AddRegistry(registry);
        services.AddScoped<RegistryOpsFactory>();
        services.AddScoped<Plans.ITrackDependents, RegistryTrackDependents>();
        services.AddScoped<EnterpriseIndicatorOps>();
        services.AddScoped<IEnterpriseProfileSections, RegistryProfileSections>();
        services.AddScoped<Accounts.IEnterpriseRecords, EnterpriseRecords>();
        services.AddSingleton<Import.ImportJobs>();
        services.AddScheduledJob<Import.ImportRetentionJob>();
        return services;
    }

    /// <summary>A registry of the catalogue, injectable by its definition type and as one of every <see cref="IRegistry"/>.</summary>
    private static IServiceCollection AddRegistry(this IServiceCollection services, IRegistry registry)
    {
        services.AddSingleton(registry.GetType(), registry);
        services.AddSingleton(registry);
        return services;
    }
}

/// <summary>Gives the operations of a registry by name, on the request's DbContext.</summary>
public sealed class RegistryOpsFactory(IServiceProvider services, FipDbContext db, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l)
{
    public IRegistryOps? For(string name) => RegistryCatalogue.Find(name)
        ?.Accept(new OpsOf(db, authorization, l, services.GetService<ICountingIndicators>(),
            services.GetService<IEnterpriseChangeRequests>(), services.GetService<IConfiguration>(),
            services.GetService<ILoggerFactory>()?.CreateLogger("Fip.Import"), services.GetService<KeptViews>()));

    /// <summary>What <c>fip import NAME</c> and the import page take: a registry, or "indicators" (enterprises' yearly figures).</summary>
    public IImporter? Importer(string name) =>
        string.Equals(name, IndicatorImport.Name, StringComparison.OrdinalIgnoreCase)
            ? new IndicatorImport(db, authorization, l)
            : For(name);

    public static readonly IReadOnlyList<string> ImportNames = [.. RegistryCatalogue.Names, IndicatorImport.Name];

    private sealed class OpsOf(FipDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l,
        ICountingIndicators? indicators, IEnterpriseChangeRequests? changes, IConfiguration? configuration, ILogger? importLog,
        KeptViews? kept)
        : IRegistryVisitor<IRegistryOps>
    {
        public IRegistryOps Visit<T>(Registry<T> registry) where T : RegistryRecord, Accounts.IScopedResource, new() =>
            new RegistryOps<T>(registry, db, authorization, l, indicators, changes, configuration, importLog, kept);
    }
}

/// <summary>Whether a live enterprise record has the code: an account is bound only to an enterprise the registry knows.</summary>
internal sealed class EnterpriseRecords(FipDbContext db) : Accounts.IEnterpriseRecords
{
    public Task<bool> ExistsAsync(string creditCode, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Enterprises,
            e => e.CreditCode == creditCode && !e.IsDeleted, ct);
}

/// <summary>The districts and the current plan's tracks, which the registry pages offer as choices and show records with.</summary>
public static class RegistryChoices
{
    public static async Task<(IReadOnlyList<Organisation.District> Districts, IReadOnlyList<Plans.Track> Tracks)> ReadAsync(FipDbContext db,
        CancellationToken ct)
    {
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        return (districts, tracks);
    }

    /// <summary>
    /// The same, kept until the goals' stamp (plans, tracks, districts) moves: the same instances for every request, so only to
    /// show and to choose from, never to attach to a context.
    /// </summary>
    public static async Task<(IReadOnlyList<Organisation.District> Districts, IReadOnlyList<Plans.Track> Tracks)> KeptAsync(FipDbContext db,
        KeptViews kept, CancellationToken ct) =>
        (await kept.GetOrCreateAsync("registry-choices", null, StampSet.Goals, async c => new Choices(await ReadAsync(db, c)), ct)).Lists;

    private sealed record Choices((IReadOnlyList<Organisation.District> Districts, IReadOnlyList<Plans.Track> Tracks) Lists);
}
