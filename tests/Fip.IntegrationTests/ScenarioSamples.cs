using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>Scenario posts written straight to the database, owned by a given user, for tests that need one in a given state.</summary>
public static class ScenarioSamples
{
    public static int District(FipApp app, string name = "邗江区") => app.Use(d => d.Districts.Single(x => x.Name == name).Id);

    public static object NeedBody(FipApp app, string title = "城市低空物流配送航线验证") => new
    {
        kind = "need",
        title,
        organisation = "市交通运输局",
        summary = "在城区开通无人机物流配送航线，验证医疗样本的低空配送",
        districtId = District(app),
        budget = 300,
        timeline = "2026年内",
        requirements = "具备无人机运营资质和地面站系统",
        contactName = "王工",
        contactPhone = "13800000001",
    };

    /// <summary>A post owned by <paramref name="owner"/>'s unit (or nobody's, for an admin), in <paramref name="state"/>.</summary>
    public static async Task<int> PostAsync(FipApp app, AppUser? owner, PostKind kind, PostState state, string title, string summary,
        string? products = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var post = new ScenarioPost
        {
            Kind = kind,
            State = state,
            Title = title,
            Organisation = "测试单位",
            Summary = summary,
            Requirements = products,
            DistrictId = District(app),
            ContactName = "李四",
            ContactPhone = "13900000002",
            CreatedBy = owner?.UserName ?? "test",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
            PublishedAt = state >= PostState.Published ? DateTime.UtcNow : null,
            OwnerDepartmentId = owner?.DepartmentId,
            OwnerDistrictId = owner?.DistrictId,
            OwnerEnterpriseUscc = owner?.EnterpriseUscc,
        };
        db.Add(post);
        await db.SaveChangesAsync();
        return post.Id;
    }

    public static Task<int> PublishedNeedAsync(FipApp app, AppUser? owner = null) =>
        PostAsync(app, owner, PostKind.Need, PostState.Published, "矩阵·无人机巡检需求", "长江岸线无人机巡检");

    public static Task<int> PublishedCapabilityAsync(FipApp app, AppUser? owner = null) =>
        PostAsync(app, owner, PostKind.Capability, PostState.Published, "矩阵·无人机巡检能力", "无人机自动巡检和图像识别", "自动机场");

    /// <summary>A user of <paramref name="role"/> as the API's scope sees them (department and district ids resolved).</summary>
    public static AppUser Reload(FipApp app, AppUser user) => app.Use(d => d.Users.Single(u => u.Id == user.Id));
}
