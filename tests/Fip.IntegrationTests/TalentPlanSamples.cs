using System.Net.Http.Json;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Talent;

namespace Fip.IntegrationTests;

/// <summary>Young talents with follow-up plans, for the follow-up tests and the scope matrix.</summary>
public static class TalentPlanSamples
{
    public const string Keeper = "市委组织部（人才办）";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>
    /// A new 青年科技人才 (created by an admin) and a plan followed by the unit of <paramref name="unitUser"/> (their department, else
    /// their district, else 仪征市; without a user, the talent office) that started a year and <paramref name="daysPastYear"/>
    /// days ago: with a positive value its first check-in is overdue. Returns the talent, the plan and the plan's version.
    /// </summary>
    public static async Task<(int TalentId, int PlanId, string Version)> PlanAsync(FipApp app, AppUser? unitUser, int daysPastYear = 10,
        string goals = "三年内主持省级项目")
    {
        var talentId = await RegistrySamples.InScopeAsync(app, unitUser ?? await app.CreateUserAsync(Roles.Admin), "talents");
        var start = Today.AddYears(-1).AddDays(-daysPastYear);
        return app.Use(d =>
        {
            var talent = d.Set<Talent>().Single(t => t.Id == talentId);
            var plan = new TalentPlan
            {
                TalentId = talentId,
                KeeperDepartmentId = talent.KeeperDepartmentId,
                UnitDepartmentId = unitUser is null ? talent.KeeperDepartmentId : unitUser.DepartmentId,
                UnitDistrictId = unitUser is null || unitUser.DepartmentId is not null ? null
                    : unitUser.DistrictId ?? d.Districts.Single(x => x.Name == "仪征市").Id,
                StartsOn = start,
                EndsOn = start.AddYears(3),
                PlanGoals = goals,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            d.Add(plan);
            d.Save();
            return (talentId, plan.Id, plan.Version);
        });
    }

    public static object CheckInBody(string version) => new
    {
        planYear = 1,
        checkedOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        progress = "完成年度研发任务",
        projects = "省重点研发项目、市科技项目",
        papers = "发明专利1件",
        version,
    };

    public static object PlanBody(int? departmentId, string? version = null, string? closedOn = null, string? closedReason = null) => new
    {
        unitDepartmentId = departmentId,
        startsOn = "2026-07-01",
        endsOn = "2029-06-30",
        goals = "主持省级以上项目一项",
        closedOn,
        closedReason,
        version,
    };

    public static HttpRequestMessage Put(int talentId, object body) =>
        new(HttpMethod.Put, $"/api/v1/talent/people/{talentId}/plan") { Content = JsonContent.Create(body) };
}
