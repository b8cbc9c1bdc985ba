using System.Collections.Concurrent;
using Fip.Web.Data;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests.Data;

/// <summary>
/// The save pipeline's interceptors, one concern a test, on both databases. The tests use an app of their own (its own
/// database), so the change stamps they read move only with their own saves.
/// </summary>
public class SavePipelineTests
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<FipApp>> Apps = new();

    private static FipApp App(DatabaseProvider db) => Apps.GetOrAdd(db, p => new Lazy<FipApp>(() => FipApp.Start(p))).Value;

    private static async Task<T> WithContextAsync<T>(DatabaseProvider db, Func<FipDbContext, Task<T>> work)
    {
        await using var scope = App(db).Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<FipDbContext>());
    }

    private static async Task<PilotPark> NewParkAsync(FipDbContext d, string name)
    {
        var district = await d.Districts.OrderBy(x => x.Id).FirstAsync();
        return new PilotPark { Name = name, DistrictId = district.Id, Status = ParkStatus.Planned, TrackCodes = "" };
    }

    private static Task<List<AuditEntry>> LinesAsync(FipDbContext d, string entityType, string key) =>
        d.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityKey == key).OrderBy(a => a.Id).ToListAsync();

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task RecordVersion_NewOnRealChangeOnly(DatabaseProvider db)
    {
        var (id, created) = await WithContextAsync(db, async d =>
        {
            var park = await NewParkAsync(d, "版本园区" + Tag());
            d.PilotParks.Add(park);
            await d.SaveChangesAsync();
            Assert.NotEqual(default, park.CreatedAt);
            Assert.Equal(park.CreatedAt, park.UpdatedAt);
            Assert.False(string.IsNullOrEmpty(park.Version));
            return (park.Id, park.Version);
        });

        // The same value again is no change: no new version, no audit line.
        var same = await WithContextAsync(db, async d =>
        {
            var park = await d.PilotParks.SingleAsync(p => p.Id == id);
            park.Name = park.Name;
            park.Area = null;
            await d.SaveChangesAsync();
            return park.Version;
        });
        Assert.Equal(created, same);

        var changed = await WithContextAsync(db, async d =>
        {
            var park = await d.PilotParks.SingleAsync(p => p.Id == id);
            park.Area = 12.5m;
            await d.SaveChangesAsync();
            return (await d.PilotParks.AsNoTracking().SingleAsync(p => p.Id == id)).Version;
        });
        Assert.NotEqual(created, changed);
        var lines = await WithContextAsync(db,
            d => LinesAsync(d, nameof(PilotPark), id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([AuditActions.Create, AuditActions.Update], lines.Select(l => l.Action));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Audit_CreateUpdateDelete_KeyFromDatabase_ChangedValuesOnly(DatabaseProvider db)
    {
        var tag = Tag();
        var id = await WithContextAsync(db, async d =>
        {
            var park = await NewParkAsync(d, "审计园区" + tag);
            d.PilotParks.Add(park);
            await d.SaveChangesAsync();
            park.Area = 3m;
            await d.SaveChangesAsync();
            d.PilotParks.Remove(park);
            await d.SaveChangesAsync();
            return park.Id;
        });
        var lines = await WithContextAsync(db,
            d => LinesAsync(d, nameof(PilotPark), id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([AuditActions.Create, AuditActions.Update, AuditActions.Delete], lines.Select(l => l.Action));
        Assert.Null(lines[0].Before);
        Assert.Contains("审计园区" + tag, lines[0].After!, StringComparison.Ordinal);
        Assert.Contains($"\"Id\":{id}", lines[0].After!, StringComparison.Ordinal);
        // An update carries the key and what changed (the area, and the version and time the record got), not the name.
        Assert.Contains("\"Area\":null", lines[1].Before!, StringComparison.Ordinal);
        Assert.Contains("\"Area\":3", lines[1].After!, StringComparison.Ordinal);
        Assert.DoesNotContain("审计园区", lines[1].After!, StringComparison.Ordinal);
        Assert.Contains("\"Version\"", lines[1].After!, StringComparison.Ordinal);
        Assert.Contains("审计园区" + tag, lines[2].Before!, StringComparison.Ordinal);
        Assert.Null(lines[2].After);
        Assert.All(lines, l => Assert.Equal("anonymous", l.UserName)); // no one signed in: a service scope outside a request
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task FailedSave_WritesNothing_AndKeepsTheChangesToRetry(DatabaseProvider db)
    {
        var tag = Tag();
        await WithContextAsync(db, async d =>
        {
            var good = new Department { Name = "重试局" + tag, Kind = DepartmentKind.CityDepartment, SortOrder = 990 };
            var duplicate = new Department
            { Name = (await d.Departments.OrderBy(x => x.Id).FirstAsync()).Name, Kind = DepartmentKind.CityDepartment };
            d.Departments.AddRange(good, duplicate);
            await Assert.ThrowsAsync<DbUpdateException>(() => d.SaveChangesAsync());
            // Not accepted: both are still waiting to be added.
            Assert.Equal(EntityState.Added, d.Entry(good).State);
            d.Entry(duplicate).State = EntityState.Detached;
            await d.SaveChangesAsync();
            Assert.Equal(EntityState.Unchanged, d.Entry(good).State);
            return 0;
        });
        var (count, lines) = await WithContextAsync(db, async d =>
        {
            var id = await d.Departments.Where(x => x.Name == "重试局" + tag).Select(x => x.Id).SingleAsync();
            return (await d.Departments.CountAsync(x => x.Name == "重试局" + tag),
                await LinesAsync(d, nameof(Department), id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
        Assert.Equal(1, count);
        Assert.Single(lines); // the failed attempt left no line behind
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditLog_CannotBeChangedThroughTheContext(DatabaseProvider db)
    {
        var tag = Tag();
        await WithContextAsync(db, async d =>
        {
            var line = await d.AuditEntries.OrderBy(a => a.Id).FirstAsync();
            line.Detail = "篡改";
            d.Departments.Add(new Department { Name = "篡改局" + tag, Kind = DepartmentKind.CityDepartment });
            await Assert.ThrowsAsync<InvalidOperationException>(() => d.SaveChangesAsync());
            return 0;
        });
        Assert.Equal(0, await WithContextAsync(db, d => d.Departments.CountAsync(x => x.Name == "篡改局" + tag)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SuppressRowAudit_EndsWithItsScope_EvenAfterAnError(DatabaseProvider db)
    {
        var tag = Tag();
        await WithContextAsync(db, async d =>
        {
            try
            {
                using (d.SuppressRowAudit())
                {
                    d.PilotParks.Add(await NewParkAsync(d, "批量园区" + tag));
                    await d.SaveChangesAsync();
                    Assert.True(d.RowAuditSuppressed);
                    throw new InvalidOperationException("bulk load failed");
                }
            }
            catch (InvalidOperationException) { }
            Assert.False(d.RowAuditSuppressed);
            d.PilotParks.Add(await NewParkAsync(d, "常规园区" + tag));
            await d.SaveChangesAsync();
            return 0;
        });
        var (bulk, normal) = await WithContextAsync(db, async d =>
        {
            var ids = await d.PilotParks
                .Where(p => p.Name.EndsWith(tag))
                .ToDictionaryAsync(p => p.Name[..4], p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return ((await LinesAsync(d, nameof(PilotPark), ids["批量园区"])).Count,
                (await LinesAsync(d, nameof(PilotPark), ids["常规园区"])).Count);
        });
        Assert.Equal(0, bulk);
        Assert.Equal(1, normal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task NameIndex_FollowsTheEnterprisesSaved_AddRenameMoveDelete(DatabaseProvider db)
    {
        var word = string.Concat(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x3400, 0x4DB0)));
        Task<List<(string Gram, int District)>> GramsAsync(int id) => WithContextAsync(db, async d =>
            (await d.EnterpriseNameGrams.Where(g => g.EnterpriseId == id).ToListAsync()).Select(g => (g.Gram, g.DistrictId))
                .OrderBy(g => g.Gram, StringComparer.Ordinal)
                .ToList());
        var (id, first, second) = await WithContextAsync(db, async d =>
        {
            var districts = await d.Districts.OrderBy(x => x.Id).Select(x => x.Id).Take(2).ToListAsync();
            var enterprise = new Enterprise { CreditCode = RegistryTests.NewCreditCode(), Name = word + "公司", DistrictId = districts[0] };
            d.Enterprises.Add(enterprise);
            await d.SaveChangesAsync();
            return (enterprise.Id, districts[0], districts[1]);
        });
        Assert.Equal(
            new[] { (word[..2], first), (word[1..], first), (word[2] + "公", first), ("公司", first) }.OrderBy(g => g.Item1,
                StringComparer.Ordinal), await GramsAsync(id));

        await WithContextAsync(db, async d =>
        {
            var enterprise = await d.Enterprises.SingleAsync(e => e.Id == id);
            enterprise.Name = word[..2] + "集团";
            enterprise.DistrictId = second;
            return await d.SaveChangesAsync();
        });
        Assert.Equal(new[] { (word[..2], second), (word[1] + "集", second), ("集团", second) }.OrderBy(g => g.Item1, StringComparer.Ordinal),
            await GramsAsync(id));

        await WithContextAsync(db, async d =>
        {
            d.Enterprises.Remove(await d.Enterprises.SingleAsync(e => e.Id == id));
            return await d.SaveChangesAsync();
        });
        Assert.Empty(await GramsAsync(id));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BulkSaveWithItsSummary_OneLineNoRowLines_AndAFailedSaveWritesNeither(DatabaseProvider db)
    {
        var tag = Tag();
        await WithContextAsync(db, async d =>
        {
            // A failing bulk save: its summary line is not written either.
            var taken = (await d.Departments.OrderBy(x => x.Id).FirstAsync()).Name;
            d.Departments.Add(new Department { Name = taken, Kind = DepartmentKind.CityDepartment });
            d.AddAuditSummary("BulkTest", "failed-" + tag, "should not be written");
            using (d.SuppressRowAudit()) await Assert.ThrowsAsync<DbUpdateException>(() => d.SaveChangesAsync());
            d.ChangeTracker.Clear();

            d.PilotParks.Add(await NewParkAsync(d, "汇总园区" + tag));
            d.AddAuditSummary("BulkTest", tag, "1 park");
            using (d.SuppressRowAudit()) return await d.SaveChangesAsync();
        });
        var (summaries, failed, rowLines) = await WithContextAsync(db, async d =>
        {
            var park = await d.PilotParks.SingleAsync(p => p.Name == "汇总园区" + tag);
            var id = park.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (await LinesAsync(d, "BulkTest", tag), await LinesAsync(d, "BulkTest", "failed-" + tag),
                await LinesAsync(d, nameof(PilotPark), id));
        });
        var summary = Assert.Single(summaries);
        Assert.Equal(("1 park", "anonymous"), (summary.Detail, summary.UserName));
        Assert.Empty(failed);
        Assert.Empty(rowLines);
    }

    public static TheoryData<DatabaseProvider, string, string?> StampCases
    {
        get
        {
            // What is saved → the stamps it moves (comma-separated; null: none).
            var cases = new TheoryData<DatabaseProvider, string, string?>();
            foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                cases.Add(db, "park", ChangeStamp.Registries);
                cases.Add(db, "department", ChangeStamp.Goals);
                cases.Add(db, "target quote", ChangeStamp.Goals);
                cases.Add(db, "home visit", null);
                // The figures' stamp: not for a registration without figures, nor for a qualification or a new name.
                cases.Add(db, "enterprise", ChangeStamp.Registries);
                cases.Add(db, "enterprise with figures", $"{ChangeStamp.Registries},{ChangeStamp.Figures}");
                cases.Add(db, "qualification", ChangeStamp.Registries);
                cases.Add(db, "renamed", ChangeStamp.Registries);
                cases.Add(db, "figures in bulk", $"{ChangeStamp.Registries},{ChangeStamp.Figures}");
            }
            return cases;
        }
    }

    [Theory, MemberData(nameof(StampCases))]
    public async Task ChangeStamps_MoveForWhatTheEntityDeclares(DatabaseProvider db, string change, string? stamp)
    {
        // One save at a time on this app's database, so the stamps read before and after are this save's.
        await StampLock.WaitAsync();
        try
        {
            var existing = await WithContextAsync(db, async d =>
            {
                var e = new Enterprise
                {
                    CreditCode = RegistryTests.NewCreditCode(),
                    Name = "戳既有企业" + Tag(),
                    DistrictId = await d.Districts.Select(x => x.Id).FirstAsync()
                };
                d.Enterprises.Add(e);
                await d.SaveChangesAsync();
                return e;
            });
            var before = await WithContextAsync(db, d => d.ChangeStamps.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Value));
            await WithContextAsync(db, async d =>
            {
                switch (change)
                {
                    case "park": d.PilotParks.Add(await NewParkAsync(d, "戳园区" + Tag())); break;
                    case "department":
                        d.Departments.Add(
                        new Department { Name = "戳局" + Tag(), Kind = DepartmentKind.CityDepartment }); break;
                    // Only the owned source passage changes: the stamp follows its owner, the target.
                    case "target quote": (await d.Targets.OrderBy(t => t.Id).FirstAsync()).Source.Text += "。"; break;
                    case "home visit": d.HomeVisits.Add(new HomeVisit { UserId = "stamp-" + Tag(), LastAt = DateTime.UtcNow }); break;
                    case "enterprise" or "enterprise with figures":
                        var e = new Enterprise
                        {
                            CreditCode = RegistryTests.NewCreditCode(),
                            Name = "戳企业" + Tag(),
                            DistrictId = existing.DistrictId,
                        };
                        e.Tracks.Add(new EnterpriseTrack { TrackId = await d.Tracks.Select(t => t.Id).FirstAsync() });
                        if (change == "enterprise with figures") e.Indicators.Add(new EnterpriseIndicator { Year = 2024, Revenue = 1m });
                        d.Enterprises.Add(e); break;
                    case "qualification":
                        d.EnterpriseQualifications.Add(new EnterpriseQualification
                        {
                            EnterpriseId = existing.Id,
                            Kind = QualificationKind.Gazelle,
                            Year = 2024,
                        });
                        break;
                    case "renamed": (await d.Enterprises.SingleAsync(x => x.Id == existing.Id)).Name += "改"; break;
                    case "figures in bulk":
                        await d.InsertAuditedAsync([new EnterpriseIndicator { EnterpriseId = existing.Id, Year = 2020, Revenue = 2m }],
                            CancellationToken.None);
                        return 0;
                }
                return await d.SaveChangesAsync();
            });
            var after = await WithContextAsync(db, d => d.ChangeStamps.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Value));
            var moved = stamp?.Split(',') ?? [];
            foreach (var (name, value) in before)
                Assert.True(after[name] == value + (moved.Contains(name) ? 1 : 0), $"{change}: {name} {value} → {after[name]}");
        }
        finally
        {
            StampLock.Release();
        }
    }

    private static readonly SemaphoreSlim StampLock = new(1, 1);

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SynchronousSave_IsRefused(DatabaseProvider db)
    {
        await WithContextAsync(db, d =>
        {
            d.Departments.Add(new Department { Name = "同步局" + Tag(), Kind = DepartmentKind.CityDepartment });
            Assert.Throws<NotSupportedException>(() => d.SaveChanges());
            return Task.FromResult(0);
        });
    }
}
