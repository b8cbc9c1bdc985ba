using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Regulation;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>Flexible regulation on both databases: measures, their scope, expiry alerts and outcomes, notices and replies,
/// signals.</summary>
public class RegulationTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static (int Id, string Code) NewEnterprise(FipApp app, string district = "邗江区")
    {
        var code = RegistryTests.NewCreditCode();
        return app.Use(d =>
        {
            var e = new Enterprise
            {
                Name = "监管测试企业" + code[^6..],
                CreditCode = code,
                DistrictId = d.Districts.Single(x => x.Name == district).Id,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            d.Enterprises.Add(e);
            d.Save();
            return (e.Id, code);
        });
    }

    internal static object Measure(string code, string start, string end, int? departmentId = null) => new
    {
        departmentId,
        kind = "Tolerance",
        subject = "BusinessModel",
        subjectName = "无人配送试运营",
        enterpriseUscc = code,
        legalBasis = "行动方案工程七",
        scope = "限定路段",
        startOn = start,
        endOn = end,
        conditions = "按月报送数据",
        risks = "交通安全",
    };

    private static DateOnly On(int offset) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(offset);

    private static string Day(int offset) => On(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpClient> BrowserAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    private static async Task<long> GrantAsync(HttpClient department, string code, string start, string end)
    {
        var response = await department.PostAsJsonAsync("/api/v1/regulation/measures", Measure(code, start, end));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MeasureDto>(Json))!.Id;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Measure_EndBeforeStartAndMissingFields_AreRefusedWithClearMessages(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, _) = await app.ApiClientAsync(Roles.Department);
        var (_, code) = NewEnterprise(app);

        var response = await dept.PostAsJsonAsync("/api/v1/regulation/measures", Measure(code, Day(10), Day(9)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("结束日期不能早于开始日期", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        response = await dept.PostAsJsonAsync("/api/v1/regulation/measures", new
        {
            kind = "Observation",
            subject = "Enterprise",
            enterpriseUscc = "91320000NOTHERE00X",
            startOn = Day(0),
            endOn = Day(1)
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "legalBasis", "scope", "conditions", "risks", "enterpriseUscc" })
            Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

        // The same day for start and end is a one-day measure, not an error.
        await GrantAsync(dept, code, Day(3), Day(3));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Measure_IsSeenByTheGrantingDepartment_TheEnterprisesDistrict_AndTheEnterprise_Only(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (kjj, _) = await app.ApiClientAsync(Roles.Department);
        var (_, code) = NewEnterprise(app);
        var id = await GrantAsync(kjj, code, Day(0), Day(90));

        async Task<bool> Sees(AppUser user)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user));
            var list = await client.GetFromJsonAsync<List<MeasureDto>>("/api/v1/regulation/measures", Json);
            var inList = list!.Any(m => m.Id == id);
            var page = await (await BrowserAsync(app, user)).GetAsync($"/Regulation/Measure/{id}");
            Assert.Equal(inList, page.StatusCode == HttpStatusCode.OK);
            return inList;
        }

        Assert.True(await Sees(await app.CreateUserAsync(Roles.Department)));
        Assert.False(await Sees(await app.CreateUserAsync(Roles.Department, department: "市工信局")));
        Assert.True(await Sees(await app.CreateUserAsync(Roles.District, district: "邗江区")));
        Assert.False(await Sees(await app.CreateUserAsync(Roles.District, district: "江都区")));
        Assert.True(await Sees(await app.CreateUserAsync(Roles.Enterprise, uscc: code)));
        Assert.False(await Sees(await app.CreateUserAsync(Roles.Enterprise)));
        Assert.True(await Sees(await app.CreateUserAsync(Roles.Leader)));
        Assert.False(await Sees(await app.CreateUserAsync(Roles.ToleranceReviewer)));
        Assert.True(await Sees(await app.CreateUserAsync(Roles.Admin)));
    }

    private static Task<int> EvaluateAsync(FipApp app) =>
        app.WithAsync<RegulationAlertRules, int>(r => r.EvaluateAsync(CancellationToken.None));

    private static List<Alert> AlertsOf(FipApp app, long id) =>
        app.Use(d => d.Alerts.Where(a => a.Rule == "measure-expiry" && a.DedupKey.StartsWith($"measure-expiry:{id}:")).ToList());

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Expiry_AlertsThirtyAndSevenDaysBefore_Once_AndTheOutcomeResolvesThem(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);
        var (_, code) = NewEnterprise(app);
        var id = await GrantAsync(dept, code, Day(-300), Day(20));

        await EvaluateAsync(app);
        await EvaluateAsync(app);
        var alert = Assert.Single(AlertsOf(app, id));
        Assert.EndsWith(":30", alert.DedupKey, StringComparison.Ordinal);
        Assert.Equal(AlertSeverity.Yellow, alert.Severity);
        Assert.Equal(user.DepartmentId, alert.OwnerDepartmentId);
        Assert.Equal($"/Regulation/Measure/{id}", alert.Link);

        // Seven days before the end: the red one, also once.
        app.Use(d => { d.Set<RegulatoryMeasure>().Single(m => m.Id == id).EndOn = On(5); return d.Save(); });
        await EvaluateAsync(app);
        await EvaluateAsync(app);
        var red = Assert.Single(AlertsOf(app, id), a => a.Severity == AlertSeverity.Red);
        Assert.Equal(AlertStatus.Open, red.Status);

        // The department extends it (a reason and a new end); the alert is answered, and the new end arms new ones later.
        var browser = await BrowserAsync(app, await app.CreateUserAsync(Roles.Department));
        var form = new Dictionary<string, string> { ["outcome"] = "Extended", ["reason"] = "", ["newEnd"] = Day(200) };
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.PostFormAsync(browser, $"/Regulation/Measure/{id}?handler=Outcome", form,
            $"/Regulation/Measure/{id}")).StatusCode);
        // Refused: no reason.
        Assert.Equal(MeasureOutcome.Running, app.Use(d => d.Set<RegulatoryMeasure>().Single(m => m.Id == id).Outcome));
        form["reason"] = "试运营数据良好，扩大验证范围";
        form["newEnd"] = Day(4);
        await FipApp.PostFormAsync(browser, $"/Regulation/Measure/{id}?handler=Outcome", form, $"/Regulation/Measure/{id}");
        Assert.Equal(MeasureOutcome.Running, app.Use(d => d.Set<RegulatoryMeasure>().Single(m => m.Id == id).Outcome)); // new end too early
        form["newEnd"] = Day(200);
        await FipApp.PostFormAsync(browser, $"/Regulation/Measure/{id}?handler=Outcome", form, $"/Regulation/Measure/{id}");
        var m = app.Use(d => d.Set<RegulatoryMeasure>().Single(x => x.Id == id));
        Assert.Equal((MeasureOutcome.Extended, On(200), On(5)), (m.Outcome, m.EndOn, m.PreviousEndOn));
        Assert.All(AlertsOf(app, id), a => Assert.Equal(AlertStatus.Resolved, a.Status));
        var page = await browser.GetStringAsync($"/Regulation/Measure/{id}");
        Assert.Contains("扩大验证范围", page, StringComparison.Ordinal);

        // Ended for good: 转入常规监管; nothing more can be recorded.
        form = new() { ["outcome"] = "Regular", ["reason"] = "" };
        await FipApp.PostFormAsync(browser, $"/Regulation/Measure/{id}?handler=Outcome", form, $"/Regulation/Measure/{id}");
        Assert.Equal(MeasureOutcome.Regular, app.Use(d => d.Set<RegulatoryMeasure>().Single(x => x.Id == id).Outcome));
        Assert.DoesNotContain("data-testid=\"outcome-form\"", await browser.GetStringAsync($"/Regulation/Measure/{id}"),
            StringComparison.Ordinal);

        // Statistics by department and track on the list page.
        var list = await browser.GetStringAsync("/Regulation");
        Assert.Contains("data-testid=\"measure-stats\"", list, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Notice_TheEnterpriseSeesAnswersAndUploadsEvidence_TheDepartmentFollowsUp(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var dept = await app.CreateUserAsync(Roles.Department);
        var (_, code) = NewEnterprise(app);
        var department = await BrowserAsync(app, dept);
        var created = await FipApp.PostFormAsync(department, "/Regulation/Notice?handler=Create", new Dictionary<string, string>
        {
            ["Form.Kind"] = "Guidance",
            ["Form.EnterpriseUscc"] = code,
            ["Form.Findings"] = "隐私政策未说明留存期限",
            ["Form.Advice"] = "完善隐私政策",
            ["Form.ReplyBy"] = Day(10),
            ["send"] = "true",
        }, "/Regulation/Notice");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var link = created.Headers.Location!.OriginalString;
        var id = long.Parse(link[(link.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        var enterpriseUser = await app.CreateUserAsync(Roles.Enterprise, uscc: code);
        var enterprise = await BrowserAsync(app, enterpriseUser);
        var list = await enterprise.GetStringAsync("/Regulation");
        Assert.Contains($"href=\"/Regulation/Notice/{id}\"", list, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-regulation\"", list, StringComparison.Ordinal);
        var stranger = await BrowserAsync(app, await app.CreateUserAsync(Roles.Enterprise));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(link)).StatusCode);
        // The enterprise's 待办 (computed per role) lists it until it is answered.
        var todo = await app.WithAsync<Fip.Web.Features.Inbox.TodoInbox, Fip.Web.Features.Inbox.TodoList>(t =>
            t.ForAsync(Principal(app, enterpriseUser), CancellationToken.None));
        Assert.Contains(todo.Items, i => i.Kind == Fip.Web.Features.Inbox.TodoKind.NoticeToAnswer && i.Link == link);
        // …on its own /Inbox page, reached from the nav, whose link opens the notice.
        var home = await enterprise.GetStringAsync("/");
        Assert.Contains("href=\"/Inbox\" data-testid=\"nav-todo\"", home, StringComparison.Ordinal);
        var inbox = await enterprise.GetStringAsync("/Inbox");
        Assert.Contains($"href=\"{link}\"", inbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync(link)).StatusCode);

        // Evidence: content checked, then downloadable by both sides.
        var upload = new MultipartFormDataContent
        {
            { new StringContent(FipApp.AntiforgeryToken(await enterprise.GetStringAsync(link))), "__RequestVerificationToken" },
            { new ByteArrayContent("%PDF-1.4 整改报告"u8.ToArray()), "file", "整改报告.pdf" },
        };
        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.PostAsync($"{link}?handler=Evidence", upload)).StatusCode);
        var evidenceId = app.Use(d => d.Set<NoticeEvidence>().Single(v => v.NoticeId == id).Id);
        var page = await enterprise.GetStringAsync(link);
        var download = $"/Regulation/Notice?handler=Evidence&amp;file={evidenceId}";
        Assert.Contains(download, page, StringComparison.Ordinal);
        var file = await department.GetAsync(download.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.GetAsync(download.Replace("&amp;", "&", StringComparison.Ordinal))).StatusCode);
        var fake = new MultipartFormDataContent
        {
            { new StringContent(FipApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent("not a pdf"u8.ToArray()), "file", "伪装.pdf" },
        };
        await enterprise.PostAsync($"{link}?handler=Evidence", fake);
        Assert.Single(app.Use(d => d.Set<NoticeEvidence>().Where(v => v.NoticeId == id).ToList()));

        // The reply; a second one is refused.
        var reply = new Dictionary<string, string> { ["reply"] = "已修订并公示" };
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.PostFormAsync(enterprise, $"{link}?handler=Reply", reply, link)).StatusCode);
        Assert.Equal(NoticeState.Replied, app.Use(d => d.Set<RegulatoryNotice>().Single(n => n.Id == id).State));
        Assert.DoesNotContain("data-testid=\"reply-form\"", await enterprise.GetStringAsync(link), StringComparison.Ordinal);
        todo = await app.WithAsync<Fip.Web.Features.Inbox.TodoInbox, Fip.Web.Features.Inbox.TodoList>(t =>
            t.ForAsync(Principal(app, enterpriseUser), CancellationToken.None));
        Assert.DoesNotContain(todo.Items, i => i.Link == link);

        // A district user of the enterprise's district reads it but may not close it; the department closes it with its follow-up.
        var district = await BrowserAsync(app, await app.CreateUserAsync(Roles.District, district: "邗江区"));
        Assert.DoesNotContain("data-testid=\"close-form\"", await district.GetStringAsync(link), StringComparison.Ordinal);
        var close = new Dictionary<string, string> { ["followUp"] = "经回访核实已整改" };
        await FipApp.PostFormAsync(district, $"{link}?handler=Close", close, link);
        Assert.Equal(NoticeState.Replied, app.Use(d => d.Set<RegulatoryNotice>().Single(n => n.Id == id).State));
        await FipApp.PostFormAsync(department, $"{link}?handler=Close", close, link);
        var notice = app.Use(d => d.Set<RegulatoryNotice>().Single(n => n.Id == id));
        Assert.Equal((NoticeState.Closed, "已修订并公示", "经回访核实已整改"), (notice.State, notice.Reply, notice.FollowUp));
    }

    internal static System.Security.Claims.ClaimsPrincipal Principal(FipApp app, AppUser user) =>
        app.WithAsync<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AppUser>, System.Security.Claims.ClaimsPrincipal>(
            f => f.CreateAsync(user)).GetAwaiter().GetResult();

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Signals_DraftAWarningForTheDepartmentOncePerFact_UnseenByTheEnterpriseUntilSent(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, _) = await app.ApiClientAsync(Roles.Department);
        var (eid, code) = NewEnterprise(app);
        var year = DateTime.UtcNow.Year;
        app.Use(d =>
        {
            d.Set<EnterpriseIndicator>().Add(new() { EnterpriseId = eid, Year = year - 2, Revenue = 1000 });
            d.Set<EnterpriseIndicator>().Add(new() { EnterpriseId = eid, Year = year - 1, Revenue = 500 });
            return d.Save();
        });
        var id = await GrantAsync(dept, code, Day(-30), Day(300));

        await EvaluateAsync(app);
        await EvaluateAsync(app);
        var drafts = app.Use(d => d.Set<RegulatoryNotice>().Where(n => n.MeasureId == id).ToList());
        var drop = Assert.Single(drafts, n => n.SignalRule == "drop");
        Assert.Equal(NoticeState.Draft, drop.State);
        Assert.Contains("50", drop.Findings, StringComparison.Ordinal);

        var enterprise = await BrowserAsync(app, await app.CreateUserAsync(Roles.Enterprise, uscc: code));
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/Regulation/Notice/{drop.Id}")).StatusCode);
        var department = await BrowserAsync(app, await app.CreateUserAsync(Roles.Department));
        var page = await department.GetStringAsync($"/Regulation/Notice/{drop.Id}");
        Assert.Contains("data-testid=\"send-form\"", page, StringComparison.Ordinal);
        await FipApp.PostFormAsync(department, $"/Regulation/Notice/{drop.Id}?handler=Send",
            new Dictionary<string, string> { ["advice"] = "请说明收入下降原因" }, $"/Regulation/Notice/{drop.Id}");
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync($"/Regulation/Notice/{drop.Id}")).StatusCode);

        // The rules are stated on the page with their thresholds.
        var rules = await department.GetStringAsync("/Regulation");
        Assert.Contains("30%", rules, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"regulation-rules\"", rules, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task GrantPage_RefusesAnEndBeforeTheStart_AndGrantsAValidMeasure(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (_, code) = NewEnterprise(app);
        var browser = await BrowserAsync(app, await app.CreateUserAsync(Roles.Department));
        Assert.Contains("href=\"/Regulation/Measure\" data-testid=\"grant-measure\"", await browser.GetStringAsync("/Regulation"),
            StringComparison.Ordinal);
        var form = new Dictionary<string, string>
        {
            ["Form.Kind"] = "Observation",
            ["Form.Subject"] = "Enterprise",
            ["Form.EnterpriseUscc"] = code,
            ["Form.LegalBasis"] = "依据",
            ["Form.Scope"] = "范围",
            ["Form.StartOn"] = Day(5),
            ["Form.EndOn"] = Day(1),
            ["Form.Conditions"] = "条件",
            ["Form.Risks"] = "风险",
        };
        var refused = await FipApp.PostFormAsync(browser, "/Regulation/Measure?handler=Grant", form, "/Regulation/Measure");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("结束日期不能早于开始日期", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        form["Form.EndOn"] = Day(100);
        var granted = await FipApp.PostFormAsync(browser, "/Regulation/Measure?handler=Grant", form, "/Regulation/Measure");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(granted.Headers.Location!.OriginalString)).StatusCode);
        // District users read but do not grant.
        var district = await BrowserAsync(app, await app.CreateUserAsync(Roles.District));
        Assert.NotEqual(HttpStatusCode.OK, (await district.GetAsync("/Regulation/Measure")).StatusCode);
    }
}
