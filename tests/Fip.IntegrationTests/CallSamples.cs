using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>Calls, applications, experts and projects written straight to the database, for tests that need one in a given state.</summary>
public static class CallSamples
{
    public const string Criteria = """[{"name":"技术方案","weight":60},{"name":"团队能力","weight":40}]""";

    private static async Task<T> AddAsync<T>(FipApp app, T row) where T : class
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        db.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    /// <summary>A call on a fresh published need of <paramref name="owner"/>'s unit (nobody's for null), closing in
    /// <paramref name="deadlineInDays"/> days (negative: already closed).</summary>
    public static async Task<ScenarioCall> CallAsync(FipApp app, AppUser? owner, double deadlineInDays = 30)
    {
        var need = await ScenarioSamples.PostAsync(app, owner, PostKind.Need, PostState.Published, "揭榜·无人机巡检", "港口无人机巡检");
        return await AddAsync(app, new ScenarioCall
        {
            NeedId = need,
            Title = "揭榜·港口无人机巡检",
            Deadline = DateTime.UtcNow.AddDays(deadlineInDays),
            Criteria = Criteria,
            OwnerDepartmentId = owner?.DepartmentId,
            OwnerDistrictId = owner?.DistrictId,
            OwnerEnterpriseUscc = owner?.EnterpriseUscc,
            CreatedBy = "test",
            CreatedAt = DateTime.UtcNow,
        });
    }

    public static Task<CallApplication> ApplicationAsync(FipApp app, int callId, string? uscc = null) => AddAsync(app, new CallApplication
    {
        CallId = callId,
        EnterpriseUscc = uscc ?? RegistryTests.NewCreditCode(),
        EnterpriseName = "测试揭榜企业",
        Proposal = "自动机场与图像识别方案",
        SubmittedBy = "test",
        SubmittedAt = DateTime.UtcNow,
    });

    public static Task<ScenarioExpert> ExpertAsync(FipApp app, string? conflict = null) => AddAsync(app, new ScenarioExpert
    {
        Name = "测试专家",
        Organisation = "扬州大学",
        Fields = "低空经济",
        Conflicts = conflict is null ? [] : [new ExpertConflict { EnterpriseUscc = conflict, Reason = "曾任职" }],
        CreatedAt = DateTime.UtcNow,
    });

    /// <summary>A closed call of <paramref name="owner"/> whose one application two experts scored fully; awarded when asked.</summary>
    public static async Task<(ScenarioCall Call, CallApplication Application)> ScoredCallAsync(FipApp app, AppUser? owner,
        bool awarded = false)
    {
        var call = await CallAsync(app, owner, -1);
        var application = await ApplicationAsync(app, call.Id);
        foreach (var expert in new[] { await ExpertAsync(app), await ExpertAsync(app) })
            foreach (var (criterion, score) in new[] { (0, 80m), (1, 90m) })
                await AddAsync(app, new ExpertScore
                {
                    ApplicationId = application.Id,
                    ExpertId = expert.Id,
                    Criterion = criterion,
                    Score = score,
                    RecordedBy = "test",
                    RecordedAt = DateTime.UtcNow,
                });
        if (awarded)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            var row = db.Set<ScenarioCall>().Single(c => c.Id == call.Id);
            row.State = CallState.Awarded;
            row.AwardedApplicationId = application.Id;
            row.AwardedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            call = row;
        }
        return (call, application);
    }

    /// <summary>A project of <paramref name="owner"/>'s unit at 早期验证, with its registry row.</summary>
    public static async Task<ScenarioProject> ProjectAsync(FipApp app, AppUser? owner)
    {
        var (call, application) = await ScoredCallAsync(app, owner, awarded: true);
        var district = ScenarioSamples.District(app);
        var scenario = await AddAsync(app, new Scenario
        {
            Name = "测试场景项目",
            Owner = "测试单位",
            DistrictId = district,
            Kind = ScenarioKind.Demonstration,
            Stage = ScenarioStage.EarlyValidation,
            Status = ScenarioStatus.Building,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await AddAsync(app, new ScenarioProject
        {
            Name = "测试场景项目",
            NeedId = call.NeedId,
            CallId = call.Id,
            ApplicationId = application.Id,
            RegistryScenarioId = scenario.Id,
            Stage = ScenarioStage.EarlyValidation,
            DistrictId = district,
            StartedOn = today.AddDays(-10),
            StageSince = today.AddDays(-10),
            LastUpdateAt = DateTime.UtcNow,
            OwnerDepartmentId = owner?.DepartmentId,
            OwnerDistrictId = owner?.DistrictId,
            OwnerEnterpriseUscc = owner?.EnterpriseUscc,
            CreatedBy = "test",
            CreatedAt = DateTime.UtcNow,
        });
    }
}
