using System.Diagnostics;
using Fip.Web.Data;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Stores generated demo records (every one flagged IsDemo, shown as 演示数据) for the plan's districts and tracks.
/// Bulk work: one audit line for the whole load instead of one per row.
/// </summary>
public sealed class DemoDataLoader(FipDbContext db, ILogger<DemoDataLoader> log)
{
    /// <summary>Words a business scope of each track is made of (the plan's own enumerations, shortened).</summary>
    internal static readonly Dictionary<string, string[]> Keywords = new(StringComparer.Ordinal)
    {
        ["low-altitude"] = ["无人驾驶航空器", "飞行控制系统", "航电系统", "电动垂直起降飞行器", "螺旋桨", "机载设备", "航空电机"],
        ["metaverse"] = ["虚拟现实设备", "Micro-LED显示", "三维动态建模", "数字内容生成", "脑机接口", "光学透镜"],
        ["zero-carbon"] = ["二氧化碳捕集", "碳封存", "碳排放监测", "节能环保设备", "低碳技术服务"],
        ["hydrogen"] = ["制氢装备", "氢燃料电池电堆", "储氢容器", "加氢设备"],
        ["frontier-biomed"] = ["基因测序仪", "基因治疗", "细胞治疗", "生物试剂", "载体递送"],
        ["pv-storage"] = ["固态电池", "钙钛矿电池", "储能系统", "正负极材料", "薄膜电池"],
        ["frontier-materials"] = ["电子专用材料", "碳基新材料", "人工晶体", "生物基可降解材料"],
    };

    public sealed record LoadReport(int Enterprises, int Products, int Scenarios, int Parks, int Platforms, int Projects,
        TimeSpan Duration);

    public async Task<LoadReport> LoadAsync(int enterprises, int seed, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var planId = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var spec = new DemoDataSpec(enterprises, seed,
            [.. districts.Select(d => new DemoDistrict(d.ShortName, d.Code))],
            [.. tracks.Select(
                t => new DemoTrack(t.Code, t.Name, Keywords.GetValueOrDefault(t.Code) ?? [t.Name + "技术研发", t.Name + "产品制造", "技术服务"]))],
            ActivityUntil: DateOnly.FromDateTime(Infrastructure.Display.ToShanghai(DateTime.UtcNow)).AddDays(-1));
        var set = DemoDataGenerator.Generate(spec);
        var districtId = districts.SelectMany(d => d.AllNames().Select(n => (n, d.Id)))
            .GroupBy(x => x.n, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var trackId = tracks.ToDictionary(t => t.Code, t => t.Id, StringComparer.Ordinal);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var rowAuditSuppressed = db.SuppressRowAudit();
        // Its own transaction, or the caller's (the seed is one transaction).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var existing = (await db.Enterprises.Select(e => e.CreditCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = DateTime.UtcNow;
        var added = 0;
        foreach (var chunk in set.Enterprises.Where(e => !existing.Contains(e.CreditCode)).Chunk(1000))
        {
            foreach (var e in chunk)
            {
                var entity = NewEnterprise(e, districtId, trackId);
                entity.IsDemo = true;
                entity.CreatedAt = entity.UpdatedAt = now;
                entity.Indicators.AddRange(e.Indicators.Select(i => new EnterpriseIndicator
                {
                    Year = i.Year,
                    Revenue = i.Revenue,
                    RdExpense = i.RdExpense,
                    OutputValue = i.OutputValue,
                    Tax = i.Tax,
                    Employees = i.Employees,
                    InventionPatents = i.InventionPatents,
                }));
                db.Enterprises.Add(entity);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            added += chunk.Length;
        }
        var enterpriseIds = await db.Enterprises
            .AsNoTracking()
            .Select(e => new { e.CreditCode, e.Id, e.DistrictId })
            .ToDictionaryAsync(e => e.CreditCode, StringComparer.Ordinal, ct);

        foreach (var p in set.Products.Where(p => enterpriseIds.ContainsKey(p.EnterpriseCreditCode)))
            db.KeyProducts.Add(new KeyProduct
            {
                Name = p.Name,
                EnterpriseId = enterpriseIds[p.EnterpriseCreditCode].Id,
                TrackId = trackId.GetValueOrDefault(p.TrackCode),
                Stage = Enum.Parse<ProductStage>(p.Stage),
                FirstOfItsKind = p.FirstOfItsKind,
                RecognitionLevel = p.RecognitionLevel is null ? null : Enum.Parse<RecognitionLevel>(p.RecognitionLevel),
                RecognizedOn = p.RecognizedOn,
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            });
        foreach (var s in set.Scenarios)
            db.Scenarios.Add(new Scenario
            {
                Name = s.Name,
                TrackId = trackId.GetValueOrDefault(s.TrackCode),
                Owner = s.Owner,
                DistrictId = districtId[s.District],
                Kind = Enum.Parse<ScenarioKind>(s.Kind),
                Stage = Enum.Parse<ScenarioStage>(s.Stage),
                Status = Enum.Parse<ScenarioStatus>(s.Status),
                StartOn = s.StartOn,
                EndOn = s.EndOn,
                Description = s.Description,
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            });
        foreach (var p in set.Parks)
            db.PilotParks.Add(new PilotPark
            {
                Name = p.Name,
                DistrictId = districtId[p.District],
                TrackCodes = ParkRegistry.TrackCodes([.. p.TrackCodes.Where(trackId.ContainsKey).Select(c => trackId[c])]),
                Status = Enum.Parse<ParkStatus>(p.Status),
                Area = p.Area,
                ApprovedOn = p.ApprovedOn,
                ApprovalLevel = p.ApprovalLevel is null ? null : Enum.Parse<RecognitionLevel>(p.ApprovalLevel),
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            });
        foreach (var p in set.Platforms)
            db.InnovationPlatforms.Add(new InnovationPlatform
            {
                Name = p.Name,
                Kind = Enum.Parse<PlatformKind>(p.Kind),
                Level = Enum.Parse<RecognitionLevel>(p.Level),
                Host = p.Host,
                DistrictId = districtId.GetValueOrDefault(p.District),
                TrackCodes = ParkRegistry.TrackCodes([.. p.TrackCodes.Where(trackId.ContainsKey).Select(c => trackId[c])]),
                ApprovedOn = p.ApprovedOn,
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            });
        foreach (var p in set.Projects.Where(p => enterpriseIds.ContainsKey(p.EnterpriseCreditCode)))
            db.KeyProjects.Add(new KeyProject
            {
                Name = p.Name,
                EnterpriseId = enterpriseIds[p.EnterpriseCreditCode].Id,
                TrackId = trackId.GetValueOrDefault(p.TrackCode),
                DistrictId = districtId[p.District],
                TotalInvestment = p.TotalInvestment,
                CompletedInvestment = p.CompletedInvestment,
                StartOn = p.StartOn,
                EndOn = p.EndOn,
                Status = Enum.Parse<ProjectStatus>(p.Status),
                Investments = DemoInvestments(p, now.Year),
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var report = new LoadReport(added, set.Products.Count, set.Scenarios.Count, set.Parks.Count, set.Platforms.Count,
            set.Projects.Count, clock.Elapsed);
        db.AddAuditSummary("DemoData", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"演示数据: {report.Enterprises} enterprises, {report.Products} products, {report.Scenarios} scenarios, {report.Parks} " +
            $"parks, {report.Platforms} platforms, {report.Projects} projects");
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        log.LogInformation("Loaded demo data in {Seconds:0.0} s: {Report}", clock.Elapsed.TotalSeconds, report);
        return report;
    }

    /// <summary>
    /// A generated enterprise as a record with its tracks (those of the plan) and qualifications, ready to add; the demo
    /// loader and the import benchmark's baseline build it the same way.
    /// </summary>
    public static Enterprise NewEnterprise(DemoEnterprise e, IReadOnlyDictionary<string, int> districtId,
        IReadOnlyDictionary<string, int> trackId)
    {
        var entity = new Enterprise
        {
            CreditCode = e.CreditCode,
            Name = e.Name,
            ShortName = e.ShortName,
            DistrictId = districtId[e.District],
            Address = e.Address,
            FoundedOn = e.FoundedOn,
            RegisteredCapital = e.RegisteredCapital,
            Employees = e.Employees,
            BusinessScope = e.BusinessScope,
            ContactPerson = e.ContactPerson,
            ContactPhone = e.ContactPhone,
        };
        entity.Tracks.AddRange(
            e.TrackCodes.Where(trackId.ContainsKey).Distinct().Select(c => new EnterpriseTrack { TrackId = trackId[c] }));
        entity.Qualifications.AddRange(e.Qualifications
            .DistinctBy(q => q.Kind)
            .Select(q => new EnterpriseQualification { Kind = Enum.Parse<QualificationKind>(q.Kind), Year = q.Year }));
        return entity;
    }

    /// <summary>
    /// A demo project's yearly investment: the total planned evenly over its years, the completed amount spread over the years
    /// begun by <paramref name="thisYear"/> (some years a little over or under plan), later years not yet completed.
    /// </summary>
    public static List<ProjectInvestment> DemoInvestments(DemoProject p, int thisYear)
    {
        var years = Enumerable.Range(p.StartOn.Year, p.EndOn.Year - p.StartOn.Year + 1).ToList();
        var begun = years.Count(y => y <= thisYear);
        var planned = Math.Round(p.TotalInvestment / years.Count, 0);
        return [.. years.Select((y, i) => new ProjectInvestment
        {
            Year = y,
            Planned = planned,
            Completed = y > thisYear || begun == 0 ? null
                : Math.Round(p.CompletedInvestment / begun * (i % 2 == 0 ? 1.08m : 0.92m), 0),
        })];
    }
}
