using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>
/// Issue 20 item 2, 人才跟踪培养: a young talent's follow-up plan and yearly check-ins. The plan is personal data like the record:
/// masked without the talent scope, each unmasked read audited; a missing check-in is in the following unit's 待办 and raises an
/// alert until it is filed; edits are refused when stale.
/// </summary>
public class TalentFollowUpTests
{
    public enum Sight { Unmasked, Masked }

    public static TheoryData<DatabaseProvider, string, string?, Sight> Readers()
    {
        var data = new TheoryData<DatabaseProvider, string, string?, Sight>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, Roles.Admin, null, Sight.Unmasked);
            data.Add(db, Roles.Department, TalentPlanSamples.Keeper, Sight.Unmasked);
            data.Add(db, Roles.Department, "市科技局", Sight.Masked);
            data.Add(db, Roles.Leader, null, Sight.Masked);
            data.Add(db, Roles.District, null, Sight.Masked);
        }
        return data;
    }

    [Theory, MemberData(nameof(Readers))]
    public async Task Plan_IsMaskedLikeTheRecord_AndEachUnmaskedReadIsAudited(DatabaseProvider db, string role, string? department,
        Sight sight)
    {
        var app = FipApp.For(db);
        var (talentId, planId, _) = await TalentPlanSamples.PlanAsync(app, null, goals: "主持省级重点研发项目");
        var (client, _) = await app.ApiClientAsync(role, department ?? "市科技局");
        int Reads() => app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.PersonalDataRead
            && a.EntityType == nameof(TalentPlan) && a.EntityKey == planId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var before = Reads();
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/talent/people/{talentId}/plan");
        var goals = plan.GetProperty("goals").GetString();
        if (sight == Sight.Unmasked)
        {
            Assert.Equal("主持省级重点研发项目", goals);
            Assert.Equal(before + 1, Reads());
        }
        else
        {
            Assert.Equal(Fip.Web.Features.Registries.FieldText.Mask("主持省级重点研发项目"), goals);
            Assert.Equal(before, Reads());
        }
        Assert.Equal("Overdue", plan.GetProperty("slots")[0].GetProperty("state").GetString());
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task MissingCheckIn_IsInTheUnitsInbox_AndAlerts_UntilFiled(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (unit, unitUser) = await app.ApiClientAsync(Roles.District);
        var (talentId, planId, version) = await TalentPlanSamples.PlanAsync(app, unitUser);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var link = $"/Talent/Plan/{talentId}#checkin-1";

        async Task<JsonElement?> InboxItem() => (await unit.GetFromJsonAsync<JsonElement>("/api/v1/inbox")).GetProperty("items")
            .EnumerateArray().Select(i => (JsonElement?)i).FirstOrDefault(i => i!.Value.GetProperty("link").GetString() == link);
        var item = await InboxItem();
        Assert.NotNull(item);
        Assert.Equal("TalentCheckIn", item.Value.GetProperty("kind").GetString());
        Assert.True(item.Value.GetProperty("late").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/alerts/evaluate", null)).StatusCode);
        var key = FollowUpService.AlertKey(planId, 1);
        var alert = app.Use(d => d.Alerts.AsNoTracking().Single(a => a.DedupKey == key && a.Status != AlertStatus.Resolved));
        Assert.Equal(unitUser.DistrictId, alert.OwnerDistrictId);

        // A stale version is refused; the following unit files with the current one; the item and the alert go.
        var stale = await unit.PostAsJsonAsync($"/api/v1/talent/plans/{planId}/checkins", TalentPlanSamples.CheckInBody("stale"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var filed = await unit.PostAsJsonAsync($"/api/v1/talent/plans/{planId}/checkins", TalentPlanSamples.CheckInBody(version));
        Assert.True(filed.IsSuccessStatusCode, await filed.Content.ReadAsStringAsync());
        var plan = await filed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Filed", plan.GetProperty("slots")[0].GetProperty("state").GetString());
        Assert.Equal(2, plan.GetProperty("summary").GetProperty("projects").GetInt32());
        Assert.Equal(1, plan.GetProperty("summary").GetProperty("papers").GetInt32());
        // The district sees the texts it filed masked: the plan is the talent office's personal data.
        Assert.StartsWith("完*", plan.GetProperty("slots")[0].GetProperty("checkIn").GetProperty("progress").GetString(),
            StringComparison.Ordinal);
        Assert.Null(await InboxItem());
        await admin.PostAsync("/api/v1/alerts/evaluate", null);
        Assert.False(app.Use(d => d.Alerts.Any(a => a.DedupKey == key && a.Status != AlertStatus.Resolved)));

        var again = await unit.PostAsJsonAsync($"/api/v1/talent/plans/{planId}/checkins",
            TalentPlanSamples.CheckInBody(plan.GetProperty("version").GetString()!));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // Another district is not the following unit.
        var (other, _) = await app.ApiClientAsync(Roles.District);
        var otherUser = await app.CreateUserAsync(Roles.District, district: "宝应县");
        other.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(otherUser));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/v1/talent/plans/{planId}/checkins",
            TalentPlanSamples.CheckInBody(plan.GetProperty("version").GetString()!))).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TheTalentOffice_WritesAndClosesPlans_StaleEditsAre409(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var keeper = await app.CreateUserAsync(Roles.Department, department: TalentPlanSamples.Keeper);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(keeper));
        var talentId = await RegistrySamples.InScopeAsync(app, keeper, "talents");
        var unitId = app.Use(d => d.Departments.Single(x => x.Name == "市科技局").Id);

        var created = await client.SendAsync(TalentPlanSamples.Put(talentId, TalentPlanSamples.PlanBody(unitId)));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(TalentPlanSamples.Put(talentId,
            TalentPlanSamples.PlanBody(unitId, "stale")))).StatusCode);
        var closed = await client.SendAsync(TalentPlanSamples.Put(talentId,
            TalentPlanSamples.PlanBody(unitId, version, "2027-09-01", "调离本市")));
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        var slots = (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").EnumerateArray()
            .Select(s => s.GetProperty("state").GetString()).ToList();
        Assert.Equal(["Upcoming", "Waived", "Waived"], slots);

        // Bad input: refused with the field named, nothing stored; a department without the scope may not write.
        var bad = await client.SendAsync(TalentPlanSamples.Put(talentId, new
        {
            unitDepartmentId = unitId,
            startsOn = "2026-07-01",
            endsOn = "2026-01-01",
            goals = "",
            version = "x"
        }));
        Assert.Equal(HttpStatusCode.Conflict, bad.StatusCode);
        var (stranger, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(TalentPlanSamples.Put(talentId,
            TalentPlanSamples.PlanBody(unitId)))).StatusCode);
        var fresh = await RegistrySamples.InScopeAsync(app, keeper, "talents");
        var invalid = await client.SendAsync(TalentPlanSamples.Put(fresh, new
        {
            unitDepartmentId = unitId,
            startsOn = "2026-07-01",
            endsOn = "2026-01-01",
            goals = ""
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("endsOn", out _));
        Assert.True(errors.TryGetProperty("goals", out _));
        Assert.False(app.Use(d => d.Set<TalentPlan>().Any(p => p.TalentId == fresh)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Retention_ErasesThePlansTexts_AndWaivesItsCheckIns(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (talentId, planId, _) = await TalentPlanSamples.PlanAsync(app, null, goals: "应被删除的目标");
        app.Use(d =>
        {
            d.Set<Talent>().Where(t => t.Id == talentId).ExecuteUpdate(s => s.SetProperty(t => t.RetainUntil, new DateOnly(2020, 1, 1)));
            return 0;
        });
        using (var scope = app.Services.CreateScope())
            await TalentRetentionJob.AnonymiseDueAsync(scope.ServiceProvider.GetRequiredService<Fip.Web.Data.FipDbContext>(),
                TalentPlanSamples.Today, CancellationToken.None);
        Assert.Equal("", app.Use(d => d.Set<TalentPlan>().Single(p => p.Id == planId).PlanGoals));
        Assert.DoesNotContain(app.Use(d => d.AuditEntries.Where(a => a.EntityType == nameof(TalentPlan)).Select(a => a.After ?? "")
            .ToList()), after => after.Contains("应被删除的目标", StringComparison.Ordinal));
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var plan = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/talent/people/{talentId}/plan");
        Assert.All(plan.GetProperty("slots").EnumerateArray(), s => Assert.Equal("Waived", s.GetProperty("state").GetString()));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task RecordPage_LinksToThePlanPage_WhichListsTheCheckIns(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (talentId, _, _) = await TalentPlanSamples.PlanAsync(app, null);
        var keeper = await app.CreateUserAsync(Roles.Department, department: TalentPlanSamples.Keeper);
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, keeper.UserName!, FipApp.UserPassword);
        var record = await browser.GetStringAsync($"/Registries/talents/{talentId}");
        Assert.Contains("data-testid=\"followup-card\"", record, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Talent/Plan/{talentId}\"", record, StringComparison.Ordinal);
        var page = await browser.GetStringAsync($"/Talent/Plan/{talentId}");
        Assert.Contains("data-state=\"Overdue\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"checkin-form\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"plan-form\"", page, StringComparison.Ordinal);
        // The check-in form posts and the page shows the filed year.
        var version = app.Use(d => d.Set<TalentPlan>().Single(p => p.TalentId == talentId));
        var posted = await FipApp.PostFormAsync(browser, $"/Talent/Plan/{talentId}?handler=CheckIn", new Dictionary<string, string>
        {
            ["planId"] = version.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["planYear"] = "1",
            ["checkedOn"] = TalentPlanSamples.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["progress"] = "年度进展良好",
            ["titles"] = "副研究员",
            ["version"] = version.Version,
        }, $"/Talent/Plan/{talentId}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await browser.GetStringAsync($"/Talent/Plan/{talentId}");
        Assert.Contains("data-state=\"Filed\"", after, StringComparison.Ordinal);
        Assert.Contains("年度进展良好", after, StringComparison.Ordinal);
        // A department without the talent scope sees the plan masked.
        var (_, other) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var otherBrowser = app.BrowserClient();
        await FipApp.SignInAsync(otherBrowser, other.UserName!, FipApp.UserPassword);
        var masked = await otherBrowser.GetStringAsync($"/Talent/Plan/{talentId}");
        Assert.Contains("data-testid=\"plan-masked\"", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("年度进展良好", masked, StringComparison.Ordinal);
    }
}
