using Fip.Web.Data;
using Fip.Web.Features.Demand;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Demo;

/// <summary>
/// Talent demands and people at a province's scale, for benchmarks and load tests (<c>fip demo-data --demands N --people N</c>):
/// demands posted by the demo enterprises already loaded, people kept by the talent office, worded from the skill taxonomy of
/// each track with the variety real postings have (a position named by an entry or one of its terms, or by nothing in the
/// taxonomy; one to three skills; headcounts 1–10). Every row is labelled 【演示】 and flagged as demo; the ID numbers pass the
/// check but belong to nobody, the phones are of the 1380000 block. Written without row audit, in one transaction.
/// </summary>
public static class TalentScaleDemo
{
    private static readonly string[] Roles = ["工程师", "高级工程师", "研究员", "技术员", "产品经理", "算法工程师", "测试工程师", "技术总监"];
    private static readonly string[] Generic = ["Python", "C++", "项目管理", "英语", "数据分析", "嵌入式开发", "机械设计", "质量管理"];
    private static readonly string[] Titles = ["工程师", "高级工程师", "正高级工程师", "研究员", "副研究员", "教授", "副教授", "讲师"];
    private static readonly TalentCategory[] Categories = Enum.GetValues<TalentCategory>();
    private static readonly EmployerKind[] EmployerKinds = Enum.GetValues<EmployerKind>();

    public static async Task<(int Demands, int People)> LoadAsync(FipDbContext db, int demands, int people, int seed,
        CancellationToken ct = default)
    {
        var random = new Random(seed);
        var skills = (await db.Set<TalentSkill>().AsNoTracking().Where(s => !s.IsDeleted)
            .Select(s => new { s.TrackId, s.Name, s.Terms }).ToListAsync(ct))
            .GroupBy(s => s.TrackId).ToDictionary(g => g.Key, g => g.Select(s => Scarcity.WordsOf(s.Name, s.Terms).ToArray()).ToArray());
        if (skills.Count == 0) throw new InvalidOperationException("The skill taxonomy is empty: seed the plan first (fip seed).");
        var tracks = skills.Keys.Order().ToArray();
        var enterprises = demands == 0 ? [] : await db.Enterprises.AsNoTracking().Where(e => e.IsDemo && !e.IsDeleted)
            .Select(e => e.Id).ToArrayAsync(ct);
        if (demands > 0 && enterprises.Length == 0)
            throw new InvalidOperationException("Demands are posted by demo enterprises: load some first (--enterprises N).");
        var keeper = await KeepingDepartments.FindAsync(db, TalentRegistry.KeeperMarker, ct);

        string Word(string[] words) => words[random.Next(words.Length)];
        string[] Entry(int track) => skills[track][random.Next(skills[track].Length)];
        string Position(int track) =>
            random.Next(10) == 0 ? Word(Generic) + Word(Roles) : Word(Entry(track)) + Word(Roles);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var rowAuditSuppressed = db.SuppressRowAudit();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var now = DateTime.UtcNow;
        for (var i = 0; i < demands; i++)
        {
            var track = tracks[random.Next(tracks.Length)];
            var skillWords = Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => random.Next(4) == 0 ? Word(Generic) : Word(Entry(track))).Distinct(StringComparer.Ordinal);
            var min = 6000 + 1000 * random.Next(20);
            db.Add(new TalentDemand
            {
                Name = $"【演示】{Position(track)}",
                EnterpriseId = enterprises[random.Next(enterprises.Length)],
                TrackId = track,
                Skills = string.Join('、', skillWords),
                Headcount = 1 + random.Next(10),
                Education = (EducationLevel)random.Next(5),
                Urgency = (DemandUrgency)random.Next(3),
                SalaryMin = min,
                SalaryMax = min + 2000 * (1 + random.Next(10)),
                PostedOn = DateOnly.FromDateTime(now).AddDays(-random.Next(720)),
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            });
            if (i % 5000 == 4999) await FlushAsync(db, ct);
        }
        await FlushAsync(db, ct);
        for (var i = 0; i < people; i++)
        {
            var track = tracks[random.Next(tracks.Length)];
            var born = new DateOnly(1965 + random.Next(35), 1 + random.Next(12), 1 + random.Next(28));
            var body = $"321002{born:yyyyMMdd}{random.Next(1000):000}";
            db.Add(new Talent
            {
                Name = $"【演示】人才{i + 1:000000}",
                Category = Categories[random.Next(Categories.Length)],
                Field = random.Next(8) == 0 ? Word(Generic) : Word(Entry(track)),
                TrackId = track,
                ChainLink = random.Next(3) == 0 ? Word(Entry(track)) : null,
                Title = Word(Titles),
                Employer = $"演示单位{random.Next(5000) + 1}",
                EmployerKind = EmployerKinds[random.Next(EmployerKinds.Length)],
                IdNumber = body + Infrastructure.IdNumber.CheckCharacter(body),
                Phone = $"1380000{random.Next(10000):0000}",
                BirthDate = born,
                Purpose = "演示数据：核心人才库建设与人才服务",
                ConsentOn = new DateOnly(2025, 1, 1),
                RetainUntil = new DateOnly(2030, 1, 1),
                KeeperDepartmentId = keeper,
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
            });
            if (i % 5000 == 4999) await FlushAsync(db, ct);
        }
        await FlushAsync(db, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (demands, people);
    }

    private static async Task FlushAsync(FipDbContext db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
