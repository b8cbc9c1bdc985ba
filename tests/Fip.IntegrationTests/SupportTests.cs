using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Messaging;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>Support policies: the public pages, matching (政策计算器), applications and 兑现, 免申即享, rule edits and scope.</summary>
public class SupportTests
{
    private static async Task<(HttpClient Client, AppUser User, int EnterpriseId)> EnterpriseUserAsync(FipApp app)
    {
        var id = await SupportSamples.NewEnterpriseAsync(app);
        var code = app.Use(d => d.Enterprises.Single(e => e.Id == id).CreditCode);
        var user = await app.CreateUserAsync(Roles.Enterprise, uscc: code);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(user));
        return (client, user, id);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Portal_ShowsPublishedPoliciesWithClauseAndInterpretation_SearchesChinese_AndHidesUnpublished(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var hidden = app.Use(d =>
        {
            var p = new SupportPolicy
            {
                Code = "draft-" + Guid.NewGuid().ToString("N")[..10],
                Name = "未发布的草稿政策",
                Summary = "研发草稿",
                Rule = """{"field":"employees","op":">=","value":1}"""
            };
            d.Add(p);
            d.Save();
            return p.Id;
        });
        var anonymous = app.BrowserClient();
        var home = await anonymous.GetStringAsync("/Portal");
        Assert.Contains("href=\"/Portal/Policies\" data-testid=\"portal-section-policies\"", home, StringComparison.Ordinal);

        var list = await anonymous.GetStringAsync("/Portal/Policies");
        Assert.Contains("科技创新券", list, StringComparison.Ordinal);
        Assert.DoesNotContain("未发布的草稿政策", list, StringComparison.Ordinal);
        var search = await anonymous.GetStringAsync("/Portal/Policies?q=" + Uri.EscapeDataString("加计扣除"));
        Assert.Contains("研发费用税前加计扣除", search, StringComparison.Ordinal);
        Assert.DoesNotContain("科技创新券", search, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"policy-none\"",
            await anonymous.GetStringAsync("/Portal/Policies?q=" + Uri.EscapeDataString("草稿")), StringComparison.Ordinal);

        // Follow the link to the policy's page: its 解读, clause and conditions in words.
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        Assert.Contains($"href=\"/Portal/Policies/{voucher}\"", list, StringComparison.Ordinal);
        var page = await anonymous.GetStringAsync($"/Portal/Policies/{voucher}");
        Assert.Contains("data-testid=\"policy-interpretation\"", page, StringComparison.Ordinal);
        Assert.Contains("国科发政〔2017〕115号", page, StringComparison.Ordinal);
        Assert.Contains("从业人数 ≤ 500 人", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"policy-example\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Portal/Policies")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Portal/Policies/{hidden}")).StatusCode);
        // The back link opens.
        Assert.Contains("href=\"/Portal/Policies\" data-testid=\"policy-back\"", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Enterprise_MeetsVoucher_NearlyMeetsAnother_Applies_IsApprovedAndPaid_AndTheStatisticsMove(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, id) = await EnterpriseUserAsync(app);
        SupportSamples.MakeEligible(app, id, rd: 248m); // 3.1 %: below 科技创新券's 4 %
        var match = await client.GetFromJsonAsync<EnterpriseMatchDto>("/api/v1/support/match");
        var voucher = match!.Policies.Single(p => p.Policy == "科技创新券");
        Assert.False(voucher.Met);
        Assert.True(voucher.NearlyMet);
        Assert.Contains($"{SupportSamples.FiguresYear} 年度研发投入占比 3.1 %，需 ≥ 4 %", voucher.Blocking.Single().Text, StringComparison.Ordinal);
        var refused = await client.PostAsJsonAsync("/api/v1/support/applications",
            new { policyId = voucher.PolicyId });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        SupportSamples.MakeEligible(app, id); // files 400: 5 %
        match = await client.GetFromJsonAsync<EnterpriseMatchDto>("/api/v1/support/match");
        voucher = match!.Policies.Single(p => p.Policy == "科技创新券");
        Assert.True(voucher.Met);
        Assert.Equal(20m, voucher.ExpectedBenefit); // half of 400, at most 20
        var products = match.Policies.Single(p => p.Policy == "创新产品推广应用");
        Assert.True(products.NearlyMet);
        Assert.Contains("首台（套）产品数 0 项，需 ≥ 1 项", products.Blocking.Single().Text, StringComparison.Ordinal);

        var statsBefore = await StatsAsync(app, "科技创新券");
        var applied = await client.PostAsJsonAsync("/api/v1/support/applications", new { policyId = voucher.PolicyId, note = "申请创新券" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var application = (await applied.Content.ReadFromJsonAsync<ApplicationDto>())!;
        Assert.Equal(HttpStatusCode.Conflict,
            (await client.PostAsJsonAsync("/api/v1/support/applications", new { policyId = voucher.PolicyId })).StatusCode);
        // An enterprise does not review its own application.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/support/applications/{application.Id}/decide",
            new { decision = "approve", amount = 20, version = application.Version })).StatusCode);

        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var (gxj, _) = await app.ApiClientAsync(Roles.Department, "市工信局");
        Assert.Equal(HttpStatusCode.Forbidden, (await gxj.PostAsJsonAsync($"/api/v1/support/applications/{application.Id}/decide",
            new { decision = "approve", amount = 20, version = application.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await kjj.PostAsJsonAsync($"/api/v1/support/applications/{application.Id}/decide",
            new { decision = "approve", version = application.Version })).StatusCode);
        var approved = await kjj.PostAsJsonAsync($"/api/v1/support/applications/{application.Id}/decide",
            new { decision = "approve", amount = 18.5, version = application.Version });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var a2 = (await approved.Content.ReadFromJsonAsync<ApplicationDto>())!;
        Assert.Equal(HttpStatusCode.Conflict, (await kjj.PostAsJsonAsync($"/api/v1/support/applications/{application.Id}/pay",
            new { amount = 18.5, version = application.Version })).StatusCode); // stale version
        var paid = await kjj.PostAsJsonAsync($"/api/v1/support/applications/{application.Id}/pay", new
        {
            amount = 18.5,
            version = a2.Version
        });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("Paid", (await paid.Content.ReadFromJsonAsync<ApplicationDto>())!.State);

        var mine = await client.GetFromJsonAsync<List<ApplicationDto>>("/api/v1/support/applications");
        Assert.Equal(application.Id, Assert.Single(mine!).Id);
        var statsAfter = await StatsAsync(app, "科技创新券");
        // Other tests may add applications meanwhile: at least this one moved them.
        Assert.True(statsAfter.Applications >= statsBefore.Applications + 1);
        Assert.True(statsAfter.Paid >= statsBefore.Paid + 1);
        Assert.True(statsAfter.PaidAmount >= statsBefore.PaidAmount + 18.5m);
        Assert.NotNull(statsAfter.AverageDaysToPay);
    }

    /// <summary>A response body's strings, unescaped (ProblemDetails may escape non-ASCII characters).</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            var parts = new List<string>();
            void Walk(JsonElement e)
            {
                if (e.ValueKind == JsonValueKind.String) parts.Add(e.GetString()!);
                else if (e.ValueKind == JsonValueKind.Object) foreach (var p in e.EnumerateObject()) Walk(p.Value);
                else if (e.ValueKind == JsonValueKind.Array) foreach (var x in e.EnumerateArray()) Walk(x);
            }
            Walk(JsonDocument.Parse(body).RootElement);
            return string.Join(" ", parts);
        }
        catch (JsonException) { return body; }
    }

    private static async Task<SupportFigures> StatsAsync(FipApp app, string policy)
    {
        var (leader, _) = await app.ApiClientAsync(Roles.Leader);
        var stats = await leader.GetFromJsonAsync<SupportStatistics>("/api/v1/support/statistics");
        return stats!.ByPolicy.SingleOrDefault(p => p.Name == policy) ?? new SupportFigures(policy, 0, 0, 0, 0, 0, null);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Enterprise_NeverSeesAnotherEnterprisesMatchesOrApplications(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (first, _, firstId) = await EnterpriseUserAsync(app);
        var (second, _, secondId) = await EnterpriseUserAsync(app);
        SupportSamples.MakeEligible(app, firstId);
        SupportSamples.Application(app, firstId, ApplicationState.Submitted);
        // Asking for another enterprise's verdicts answers with its own.
        var match = await second.GetFromJsonAsync<EnterpriseMatchDto>($"/api/v1/support/match?enterpriseId={firstId}");
        Assert.Equal(secondId, match!.EnterpriseId);
        Assert.Empty((await second.GetFromJsonAsync<List<ApplicationDto>>("/api/v1/support/applications"))!);
        Assert.NotEmpty((await first.GetFromJsonAsync<List<ApplicationDto>>("/api/v1/support/applications"))!);
        // Applying for another enterprise is refused.
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await second.PostAsJsonAsync("/api/v1/support/applications", new { policyId = voucher, enterpriseId = firstId })).StatusCode);
        // Staff lists are not for enterprises.
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync($"/api/v1/support/policies/{voucher}/eligible")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync("/api/v1/support/statistics")).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Department_SeesTheProactiveList_ExportsIt_AndPushesToTheEnterprisesInbox(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (_, user, id) = await EnterpriseUserAsync(app);
        SupportSamples.MakeEligible(app, id);
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");

        var list = await kjj.GetFromJsonAsync<EligibleListDto>($"/api/v1/support/policies/{voucher}/eligible");
        Assert.Contains(list!.Items, e => e.EnterpriseId == id);
        var xlsx = await kjj.GetAsync($"/api/v1/support/policies/{voucher}/eligible.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(RegistriesApi.Xlsx, xlsx.Content.Headers.ContentType!.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // a zip (xlsx)

        var pushed = await kjj.PostAsync($"/api/v1/support/policies/{voucher}/eligible/push", null);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.True(app.Use(d => d.Set<Message>().Any(m => m.UserId == user.Id && m.Kind == MessageKind.PolicyEligible)));
        // Pushed twice, told once.
        await kjj.PostAsync($"/api/v1/support/policies/{voucher}/eligible/push", null);
        Assert.Equal(1, app.Use(d => d.Set<Message>().Count(m => m.UserId == user.Id && m.Kind == MessageKind.PolicyEligible)));

        // Once it has applied, it leaves the list.
        SupportSamples.Application(app, id, ApplicationState.Submitted);
        list = await kjj.GetFromJsonAsync<EligibleListDto>($"/api/v1/support/policies/{voucher}/eligible");
        Assert.DoesNotContain(list!.Items, e => e.EnterpriseId == id);
    }

    public static TheoryData<DatabaseProvider, string, HttpStatusCode, string?> RuleEdits()
    {
        var data = new TheoryData<DatabaseProvider, string, HttpStatusCode, string?>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, """{"field":"turnover","op":">=","value":4}""", HttpStatusCode.UnprocessableEntity, "turnover");
            data.Add(db, """{"all":[{"field":"employees","op":">=","value":5},{"field":"employees","op":"<=","value":3}]}""",
                HttpStatusCode.UnprocessableEntity, "矛盾");
            data.Add(db, "{", HttpStatusCode.UnprocessableEntity, "JSON");
            data.Add(db, """{"all":[{"field":"employees","op":"<=","value":300}]}""", HttpStatusCode.OK, null);
        }
        return data;
    }

    [Theory, MemberData(nameof(RuleEdits))]
    public async Task RuleEditor_RefusesInvalidRulesWithAMessage_AndSavesAValidOne(DatabaseProvider db, string rule, HttpStatusCode status,
        string? message)
    {
        var app = FipApp.For(db);
        var policy = app.Use(d =>
        {
            var p = new SupportPolicy
            {
                Code = "edit-" + Guid.NewGuid().ToString("N")[..10],
                Name = "规则编辑测试",
                Rule = """{"field":"employees","op":">=","value":1}""",
            };
            d.Add(p);
            d.Save();
            return p;
        });
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await admin.PutAsJsonAsync($"/api/v1/support/policies/{policy.Id}/rule", new { rule, version = policy.Version });
        var body = await TextAsync(response);
        Assert.True(status == response.StatusCode, body);
        if (message is not null) Assert.Contains(message, body, StringComparison.Ordinal);
        var stored = app.Use(d => d.Set<SupportPolicy>().AsNoTracking().Single(p => p.Id == policy.Id));
        Assert.Equal(status == HttpStatusCode.OK, stored.Rule.Contains("300", StringComparison.Ordinal));
        // The old version is stale once saved.
        var again = await admin.PutAsJsonAsync($"/api/v1/support/policies/{policy.Id}/rule", new { rule, version = policy.Version });
        Assert.Equal(status == HttpStatusCode.OK ? HttpStatusCode.Conflict : status, again.StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DryRun_CountsWhoARuleChangeAddsAndDrops_WithoutSaving(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var id = await SupportSamples.NewEnterpriseAsync(app);
        SupportSamples.MakeEligible(app, id);
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        var before = app.Use(d => d.Set<SupportPolicy>().AsNoTracking().Single(p => p.Id == voucher).Rule);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        // Requiring 100 invention patents drops the sample enterprise (3 patents).
        var response = await admin.PostAsJsonAsync($"/api/v1/support/policies/{voucher}/dry-run",
            new { rule = """{"field":"inventionPatents","op":">=","value":100}""" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<DryRunResult>())!;
        Assert.True(result.Before >= 1);
        Assert.Equal(result.Before - result.Dropped + result.Added, result.After);
        Assert.True(result.Dropped >= 1);
        Assert.Equal(before, app.Use(d => d.Set<SupportPolicy>().AsNoTracking().Single(p => p.Id == voucher).Rule));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync($"/api/v1/support/policies/{voucher}/dry-run",
            new { rule = """{"field":"nope","op":">=","value":1}""" })).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Apply_OutsideTheWindow_IsRefused(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, id) = await EnterpriseUserAsync(app);
        SupportSamples.MakeEligible(app, id);
        var closed = app.Use(d =>
        {
            var p = new SupportPolicy
            {
                Code = "closed-" + Guid.NewGuid().ToString("N")[..10],
                Name = "已截止政策",
                IsPublished = true,
                Rule = """{"field":"employees","op":">=","value":1}""",
                ClosesOn = new DateOnly(2020, 12, 31)
            };
            d.Add(p);
            d.Save();
            return p.Id;
        });
        var response = await client.PostAsJsonAsync("/api/v1/support/applications", new { policyId = closed });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("2020-12-31", await TextAsync(response), StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<PolicyApplication>().Any(a => a.PolicyId == closed)));
    }

    /// <summary>
    /// The hole: an enterprise user awarded itself 专精特新“小巨人” (or moved district) with one PUT. Now nothing is written to the
    /// record: the change waits for the district as a pending change (我的企业), while its other fields stay its own to edit.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EnterpriseUser_CannotAwardItselfAQualificationOrMoveDistrict_ButEditsItsOtherFields(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (client, _, id) = await EnterpriseUserAsync(app);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        string Version() => app.Use(d => d.Enterprises.Single(e => e.Id == id).Version);

        var award = await client.PutAsJsonAsync($"/api/v1/enterprises/{id}",
            new { qualifications = "专精特新“小巨人”企业(2024)", version = Version() });
        Assert.Equal(HttpStatusCode.OK, award.StatusCode);
        Assert.False(app.Use(d => d.EnterpriseQualifications.Any(q => q.EnterpriseId == id)));
        Assert.True(app.Use(d => d.Set<Fip.Web.Features.MyEnterprise.EnterpriseRequest>().Any(r => r.EnterpriseId == id
            && r.State == Fip.Web.Features.MyEnterprise.RequestState.Pending && r.Values.Contains("qualifications"))));

        var move = await client.PutAsJsonAsync($"/api/v1/enterprises/{id}", new { district = "江都区", version = Version() });
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.Equal("邗江区", app.Use(d => d.Enterprises.Include(e => e.District).Single(e => e.Id == id).District.Name));

        var edit = await client.PutAsJsonAsync($"/api/v1/enterprises/{id}", new { employees = 150, version = Version() });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(150, app.Use(d => d.Enterprises.Single(e => e.Id == id).Employees));

        // The district still may.
        var (district, _) = await app.ApiClientAsync(Roles.District);
        var granted = await district.PutAsJsonAsync($"/api/v1/enterprises/{id}",
            new { qualifications = "专精特新“小巨人”企业(2024)", version = Version() });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
    }
}
