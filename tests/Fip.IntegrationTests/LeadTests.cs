using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Investment;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>The 招商 lead registry on both databases: who creates and changes a lead, its checks, stages, contacts, the stale
/// alert, the pages (list, lead, funnel, the chain map's gap panel) and their links and download.</summary>
public class LeadTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Id(long v) => v.ToString(CultureInfo.InvariantCulture);

    internal static object Body(int linkId, string name = "测试·深圳翼展科技有限公司", string? creditCode = null, string city = "深圳市",
        int? departmentId = null, int? districtId = null, decimal? amount = 5000m) => new
        {
            enterpriseName = name,
            creditCode,
            homeCity = city,
            source = "世界无人机大会展商名录",
            chainLinkId = linkId,
            ownerDepartmentId = departmentId,
            ownerDistrictId = districtId,
            plannedInvestment = amount,
        };

    internal static int DepartmentId(FipApp app, string name = "市科技局") => app.Use(d => d.Departments.Single(x => x.Name == name).Id);

    /// <summary>The owner an admin names (市科技局); null for users with a unit of their own.</summary>
    internal static int? UnitlessOwner(FipApp app, AppUser user) =>
        user.DepartmentId is null && user.DistrictId is null ? DepartmentId(app) : null;

    /// <summary>A lead owned by the caller's unit (an admin's: 市科技局).</summary>
    internal static async Task<LeadDto> CreateAsync(FipApp app, HttpClient client, AppUser user, string name = "测试·线索企业")
    {
        var response = await client.PostAsJsonAsync("/api/v1/investment/leads", Body(ChainSamples.LeafId(app), name,
            departmentId: UnitlessOwner(app, user)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LeadDto>(Json))!;
    }

    /// <summary>A lead stored for the user's unit (市科技局 for roles without one), with its id and version.</summary>
    internal static (string Id, string Version) Stored(FipApp app, AppUser user)
    {
        var link = ChainSamples.LeafId(app);
        var department = user.DepartmentId ?? (user.DistrictId is null ? DepartmentId(app) : null);
        return app.Use(d =>
        {
            var lead = new InvestmentLead
            {
                EnterpriseName = "矩阵·线索",
                HomeCity = "上海市",
                Source = "矩阵",
                ChainLinkId = link,
                OwnerDepartmentId = department,
                OwnerDistrictId = department is null ? user.DistrictId : null,
                LastContactOn = new DateOnly(2026, 1, 1),
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
                CreatedBy = "test",
            };
            d.Add(lead);
            d.Save();
            return (Id(lead.Id), lead.Version);
        });
    }

    internal static HttpRequestMessage Versioned(HttpMethod method, string url, object body, string version) =>
        Send(method, url, body, version);

    private static async Task<HttpClient> BrowserAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    private static HttpRequestMessage Send(HttpMethod method, string url, object body, string? version) =>
        new(method, url) { Content = JsonContent.Create(body), Headers = { { "If-Match", version is null ? "*" : $"\"{version}\"" } } };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Department_CreatesALeadOwnedByItsUnit_Audited(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);

        var lead = await CreateAsync(app, dept, user, "测试·审计线索");

        Assert.Equal(user.DepartmentId, lead.OwnerDepartmentId);
        Assert.Null(lead.OwnerDistrictId);
        Assert.Equal("Contact", lead.Stage);
        Assert.Equal("市科技局", lead.Owner);
        Assert.True(app.Use(d => d.AuditEntries.Any(a => a.EntityType.Contains("InvestmentLead") && a.EntityKey == Id(lead.Id)
            && a.UserName == user.UserName)));
    }

    /// <summary>The checks of a lead's fields, each with its message in the caller's language.</summary>
    [Theory]
    [InlineData("creditCode", "91320214745555318X", "校验位不符")]   // a check character that does not match
    [InlineData("creditCode", "9132021474555531", "格式不正确")]     // 16 characters
    [InlineData("creditCode", "91320214745555318W", null)]          // a real code
    [InlineData("homeCity", "扬州市", "市外企业")]                    // the plan's own city is not 招商
    [InlineData("homeCity", "扬州", "市外企业")]
    [InlineData("homeCity", "", "所在城市")]
    [InlineData("homeCity", "泰州市", null)]                         // a neighbouring city is outside
    [InlineData("plannedInvestment", "-1", "负数")]
    [InlineData("plannedInvestment", "0", null)]
    [InlineData("enterpriseName", " ", "企业名称")]
    public async Task Fields_AreChecked_WithAClearMessage(string field, string value, string? message)
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var (dept, _) = await app.ApiClientAsync(Roles.Department);
        var body = JsonSerializer.SerializeToNode(Body(ChainSamples.LeafId(app)), Json)!.AsObject();
        body[field] = field == "plannedInvestment" ? decimal.Parse(value, CultureInfo.InvariantCulture) : value;

        var response = await dept.PostAsJsonAsync("/api/v1/investment/leads", body);

        if (message is null) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains(message, text, StringComparison.Ordinal);
            Assert.Contains(field, text, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Admin_NamesOneOwnerUnit_OthersCannotChooseOne(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (district, districtUser) = await app.ApiClientAsync(Roles.District);
        var link = ChainSamples.LeafId(app);

        var none = await admin.PostAsJsonAsync("/api/v1/investment/leads", Body(link));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("责任单位", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var both = await admin.PostAsJsonAsync("/api/v1/investment/leads", Body(link, departmentId: DepartmentId(app),
            districtId: districtUser.DistrictId));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.StatusCode);
        // A district user's lead is its district's, whatever department the body names.
        var own = await district.PostAsJsonAsync("/api/v1/investment/leads", Body(link, departmentId: DepartmentId(app)));
        var lead = (await own.Content.ReadFromJsonAsync<LeadDto>(Json))!;
        Assert.Equal((null, districtUser.DistrictId), (lead.OwnerDepartmentId, lead.OwnerDistrictId));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task OtherUnitsAndLeadersRead_OnlyTheOwnerUnitAndAdminsChange(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);
        var (otherDept, _) = await app.ApiClientAsync(Roles.Department, "市发改委");
        var (district, _) = await app.ApiClientAsync(Roles.District);
        var (leader, _) = await app.ApiClientAsync(Roles.Leader);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (enterprise, _) = await app.ApiClientAsync(Roles.Enterprise);
        var lead = await CreateAsync(app, dept, user);
        var url = $"/api/v1/investment/leads/{Id(lead.Id)}";
        var change = Body(lead.ChainLinkId, "测试·改名企业");

        foreach (var reader in new[] { otherDept, district, leader })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(Send(HttpMethod.Put, url, change, lead.Version))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync(url)).StatusCode);
        var byAdmin = await admin.SendAsync(Send(HttpMethod.Put, url, Body(lead.ChainLinkId, "测试·管理员改名", departmentId: user.DepartmentId),
            lead.Version));
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal("测试·管理员改名", (await byAdmin.Content.ReadFromJsonAsync<LeadDto>(Json))!.EnterpriseName);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task StaleVersion_IsRefusedWith409_AndChangesNothing(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);
        var lead = await CreateAsync(app, dept, user);
        var url = $"/api/v1/investment/leads/{Id(lead.Id)}";
        var first = await dept.SendAsync(Send(HttpMethod.Post, url + "/contacts",
            new
            {
                on = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                who = "招商科王科长",
                method = "Phone",
                summary = "电话沟通扩产意向"
            }, lead.Version));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var stale = await dept.SendAsync(Send(HttpMethod.Put, url, Body(lead.ChainLinkId, "测试·过期修改"), lead.Version));
        var staleMove = await dept.SendAsync(Send(HttpMethod.Post, url + "/stage", new { to = "Negotiation" }, lead.Version));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleMove.StatusCode);
        var now = (await dept.GetFromJsonAsync<LeadDto>(url, Json))!;
        Assert.Equal(("测试·线索企业", "Contact", 1), (now.EnterpriseName, now.Stage, now.Contacts!.Count));
    }

    /// <summary>Stage moves through the API: forward (skipping allowed), back only with a reason, landing only on a local record.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Stages_MoveForward_BackWithAReason_AndLandOnALocalRecord(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);
        var lead = await CreateAsync(app, dept, user);
        var url = $"/api/v1/investment/leads/{Id(lead.Id)}/stage";
        var version = lead.Version;

        LeadDto? last = null;
        async Task<HttpResponseMessage> MoveAsync(object body)
        {
            var r = await dept.SendAsync(Send(HttpMethod.Post, url, body, version));
            if (r.IsSuccessStatusCode) version = (last = await r.Content.ReadFromJsonAsync<LeadDto>(Json))!.Version;
            return r;
        }

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(new { to = "Signed" })).StatusCode);
        var back = await MoveAsync(new { to = "Negotiation" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, back.StatusCode);
        Assert.Contains("须填写原因", await back.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(new { to = "Negotiation", reason = "对方董事会否决原方案" })).StatusCode);
        var noRecord = await MoveAsync(new { to = "Landed", landedEnterpriseUscc = RegistryTests.NewCreditCode() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noRecord.StatusCode);
        Assert.Contains("本地企业库", await noRecord.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (enterpriseId, code) = RegulationTests.NewEnterprise(app);
        var landed = await MoveAsync(new { to = "Landed", landedEnterpriseUscc = code });

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        var dto = last!;
        Assert.Equal(("Landed", enterpriseId), (dto.Stage, dto.LandedEnterpriseId));
        Assert.Equal(["Contact→Signed", "Signed→Negotiation", "Negotiation→Landed"],
            dto.StageChanges!.Reverse().Select(c => c.From + "→" + c.To));
        Assert.Equal("对方董事会否决原方案", dto.StageChanges!.Single(c => c.To == "Negotiation").Reason);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Contacts_NeedDateWhoHowAndSummary_AndMoveTheLastContact(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);
        var lead = await CreateAsync(app, dept, user);
        var url = $"/api/v1/investment/leads/{Id(lead.Id)}/contacts";
        var tomorrow = DateTime.UtcNow.AddHours(32).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var empty = await dept.SendAsync(Send(HttpMethod.Post, url, new { }, lead.Version));
        var future = await dept.SendAsync(Send(HttpMethod.Post, url, new { on = tomorrow, who = "甲", method = "Visit", summary = "乙" },
            lead.Version));
        var ok = await dept.SendAsync(Send(HttpMethod.Post, url, new
        {
            on = "2026-01-05",
            who = "招商科",
            method = "Visit",
            summary = "上门拜访",
            nextStep = "安排考察"
        }, lead.Version));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        var text = await empty.Content.ReadAsStringAsync();
        foreach (var m in new[] { "联系日期", "联系人", "联系方式", "内容摘要" }) Assert.Contains(m, text, StringComparison.Ordinal);
        Assert.Contains("不能晚于今天", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var dto = (await ok.Content.ReadFromJsonAsync<LeadDto>(Json))!;
        Assert.Equal("安排考察", dto.Contacts!.Single().NextStep);
        // An older contact does not move the last contact back (it was the creation day).
        Assert.Equal(lead.LastContactOn, dto.LastContactOn);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SilentLead_RaisesAnAlertToItsOwnerUnit_ANewContactClearsIt(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);
        var lead = await CreateAsync(app, dept, user, "测试·久未联系企业");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var lastContact = today.AddDays(-LeadRules.StaleDays - 1);
        app.Use(d =>
        {
            d.Set<InvestmentLead>().Single(x => x.Id == lead.Id).LastContactOn = lastContact;
            return d.Save();
        });
        var key = LeadAlertRules.Key(lead.Id, lastContact);

        await app.WithAsync<LeadAlertRules, int>(r => r.EvaluateAsync(CancellationToken.None));

        var alert = app.Use(d => d.Alerts.AsNoTracking().Single(a => a.DedupKey == key));
        Assert.Equal((AlertStatus.Open, user.DepartmentId, $"/Investment/Lead/{Id(lead.Id)}"),
            (alert.Status, alert.OwnerDepartmentId, alert.Link));
        var version = app.Use(d => d.Set<InvestmentLead>().Single(x => x.Id == lead.Id).Version);
        var contact = await dept.SendAsync(Send(HttpMethod.Post, $"/api/v1/investment/leads/{Id(lead.Id)}/contacts", new
        {
            on = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            who = "招商科",
            method = "Online",
            summary = "视频会谈",
        }, version));
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);

        await app.WithAsync<LeadAlertRules, int>(r => r.EvaluateAsync(CancellationToken.None));

        Assert.Equal(AlertStatus.Resolved, app.Use(d => d.Alerts.AsNoTracking().Single(a => a.Id == alert.Id).Status));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ListFiltersByTrackStageAndOwner_AndTheFunnelCountsPerStage(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department, "市工信局");
        var lead = await CreateAsync(app, dept, user, "测试·筛选企业");
        var track = ChainSamples.TrackId(app);

        var page = await dept.GetFromJsonAsync<LeadPageDto>(
            $"/api/v1/investment/leads?trackId={track}&stage=Contact&departmentId={user.DepartmentId}&pageSize=200", Json);
        var otherStage = await dept.GetFromJsonAsync<LeadPageDto>(
            $"/api/v1/investment/leads?stage=Signed&departmentId={user.DepartmentId}", Json);
        var funnel = await dept.GetFromJsonAsync<List<FunnelDto>>("/api/v1/investment/funnel", Json);

        Assert.Contains(page!.Items, x => x.Id == lead.Id);
        Assert.All(page.Items, x => Assert.Equal((track, "Contact", user.DepartmentId), (x.TrackId, x.Stage, x.OwnerDepartmentId)));
        Assert.DoesNotContain(otherStage!.Items, x => x.Id == lead.Id);
        var row = funnel!.Single(f => f.TrackId == track);
        Assert.True(row.Counts["Contact"] >= 1);
        Assert.Equal(row.Total, row.Counts.Values.Sum());
        Assert.Equal(HttpStatusCode.BadRequest, (await dept.GetAsync("/api/v1/investment/leads?pageSize=500")).StatusCode);
    }

    /// <summary>
    /// The funnel's table counts each lead once, at the stage it is at now; its chart counts the leads that reached a stage (a lead at
    /// a later stage counts at every earlier one). Each says so, in both languages, and the table ends with both totals: now at the
    /// stage (the sum of its rows) and reached (the chart's own figures).
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Funnel_TableAndChart_SayWhatTheyCount_AndTheTableReconcilesWithTheChart(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department, "市工信局");
        await CreateAsync(app, dept, user, "测试·漏斗口径企业");
        var browser = await BrowserAsync(app, user);
        foreach (var (culture, table, chart) in new[]
        {
            ("zh-CN", "各赛道线索当前所处阶段", "累计到达各阶段的线索数"),
            ("en", "Leads now at each stage, by track", "Leads that reached each stage (cumulative)"),
        })
        {
            await browser.GetAsync($"/culture/{culture}?returnUrl=%2F");
            var html = await browser.GetStringAsync("/Investment/Funnel");
            Assert.Contains($"<h2 class=\"h6\" id=\"h-funnel-table\">{table}</h2>", html, StringComparison.Ordinal);
            Assert.Contains($"<h2 class=\"h6\" id=\"h-funnel-chart\">{chart}</h2>", html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"funnel-table-note\"", html, StringComparison.Ordinal);

            var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr data-track-id=\"\\d+\">(.*?)</tr>",
                    System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => System.Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, "data-testid=\"funnel-cell\">(\\d+)")
                    .Select(c => int.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture)).ToList())
                .ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(4, r.Count));
            int[] Footer(string testId)
            {
                var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
                Assert.True(start > 0, testId);
                var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
                return [.. System.Text.RegularExpressions.Regex.Matches(row, "data-count=\"(\\d+)\"")
                    .Select(c => int.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture))];
            }
            var atStage = Footer("funnel-at-stage");
            var reached = Footer("funnel-reached");
            int[] sums = [.. Enumerable.Range(0, 4).Select(i => rows.Sum(r => r[i]))];
            Assert.Equal([.. sums, sums.Sum()], atStage);
            var json = System.Text.RegularExpressions.Regex.Match(html, "data-chart=\"funnel\" data-json=\"([^\"]*)\"").Groups[1].Value;
            var total = JsonDocument.Parse(WebUtility.HtmlDecode(json)).RootElement.GetProperty("total").EnumerateArray()
                .Select(e => e.GetInt32()).ToArray();
            Assert.Equal(total, reached);
            Assert.Equal(sums.Sum(), reached[0]); // every lead reached 接触
        }
        await browser.GetAsync("/culture/zh-CN?returnUrl=%2F");
    }

    /// <summary>The chain map's gap panel counts the leads of a gap and links to them and to a new lead for the gap; the new-lead form
    /// posts, the lead page shows it with its links, and the list, the funnel and the export follow.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task GapPanel_AddLead_LeadPage_List_Funnel_AndExport_AreLinkedAndWork(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District, district: "江都区");
        var browser = await BrowserAsync(app, user);
        var track = ChainSamples.TrackId(app);
        var link = await ChainSamples.NewLinkAsync(app);
        var map = await browser.GetStringAsync($"/Chains/Track/{track}");
        Assert.Contains($"href=\"/Investment/Lead?link={link}\"", map, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Investment?link={link}\"", map, StringComparison.Ordinal);

        var form = await browser.GetStringAsync($"/Investment/Lead?link={link}");
        Assert.Contains($"<option value=\"{link}\" selected=\"selected\">", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Form.Owner", form, StringComparison.Ordinal);   // a district user's lead is its own
        Assert.Contains("action=\"/Investment/Lead?handler=Save\"", form, StringComparison.Ordinal); // the form posts to its handler
        var created = await FipApp.PostFormAsync(browser, $"/Investment/Lead?handler=Save", new Dictionary<string, string>
        {
            ["Form.EnterpriseName"] = "测试·页面新增企业",
            ["Form.HomeCity"] = "无锡市",
            ["Form.Source"] = "商会引荐",
            ["Form.ChainLinkId"] = link.ToString(CultureInfo.InvariantCulture),
            ["Form.PlannedInvestment"] = "3000",
        }, $"/Investment/Lead?link={link}");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var leadUrl = created.Headers.Location!.OriginalString;
        var leadPage = await browser.GetStringAsync(leadUrl);
        Assert.Contains("测试·页面新增企业", leadPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Chains/Link/{link}\"", leadPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Chains/Track/{track}\"", leadPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Chains/Link/{link}")).StatusCode);

        Assert.Contains("招商线索：1", await browser.GetStringAsync($"/Chains/Track/{track}"), StringComparison.Ordinal);
        var list = await browser.GetStringAsync($"/Investment?link={link}");
        Assert.Contains($"href=\"{leadUrl}\"", list, StringComparison.Ordinal);
        Assert.Contains("共 1 条线索", list, StringComparison.Ordinal);
        var funnel = await browser.GetStringAsync("/Investment/Funnel");
        Assert.Contains($"href=\"/Investment?track={track}&amp;stage=Contact\"", funnel, StringComparison.Ordinal);
        // The chart above the table: the leads that reached each stage, never widening, this lead among the contacted.
        Assert.Contains("data-testid=\"lead-funnel-chart\"", funnel, StringComparison.Ordinal);
        var json = System.Text.RegularExpressions.Regex.Match(funnel, "data-chart=\"funnel\" data-json=\"([^\"]*)\"").Groups[1].Value;
        var data = System.Text.Json.JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(json)).RootElement;
        Assert.Equal(["接触", "洽谈", "签约", "落地"], data.GetProperty("steps").EnumerateArray().Select(e => e.GetString()));
        var reached = data.GetProperty("total").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.True(reached[0] >= 1 && reached.Zip(reached.Skip(1)).All(p => p.First >= p.Second), string.Join(",", reached));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Investment?track={track}&stage=Contact")).StatusCode);
        var export = await browser.GetAsync($"/api/v1/investment/leads/export?chainLinkId={link}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(Fip.Web.Infrastructure.XlsxSheet.ContentType, export.Content.Headers.ContentType!.MediaType);
        // Like every other file: a title row with the time of export, and the amount's unit in its header.
        var bytes = await export.Content.ReadAsByteArrayAsync();
        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var part = workbook.WorkbookPart!;
            var title = part.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First();
            var strings = part.SharedStringTablePart?.SharedStringTable;
            var text = title.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString
                ? strings!.ElementAt(int.Parse(title.InnerText, CultureInfo.InvariantCulture)).InnerText
                : title.InnerText;
            Assert.StartsWith("招商线索（导出时间：", text, StringComparison.Ordinal);
        }
        var sheet = Fip.Web.Features.Registries.Files.TabularReader.Read(new MemoryStream(bytes), "leads.xlsx");
        Assert.Contains("计划投资（万元）", sheet.Headers);
        Assert.Contains($"href=\"/api/v1/investment/leads/export?chainLinkId={link}\"", list, StringComparison.Ordinal);
    }

    /// <summary>The lead page's forms: a contact, a move back without a reason (refused, said on the page), a stale form (409).</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LeadPage_Forms_RecordContacts_RefuseBadMoves_AndStaleForms(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (dept, user) = await app.ApiClientAsync(Roles.Department);
        var lead = await CreateAsync(app, dept, user, "测试·表单企业");
        var browser = await BrowserAsync(app, user);
        var page = $"/Investment/Lead/{Id(lead.Id)}";
        var html = await browser.GetStringAsync(page);
        Assert.Contains("data-testid=\"contact-form\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"stage-form\"", html, StringComparison.Ordinal);

        var contact = await FipApp.PostFormAsync(browser, page + "?handler=Contact", new Dictionary<string, string>
        {
            ["Contact.Version"] = lead.Version,
            ["Contact.On"] = "2026-03-01",
            ["Contact.Who"] = "招商科李科长",
            ["Contact.Method"] = "Meeting",
            ["Contact.Summary"] = "洽谈会面谈",
            ["Contact.NextStep"] = "寄送政策清单",
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var after = await browser.GetStringAsync(page);
        Assert.Contains("洽谈会面谈", after, StringComparison.Ordinal);
        var stale = await FipApp.PostFormAsync(browser, page + "?handler=Stage", new Dictionary<string, string>
        { ["Move.Version"] = lead.Version, ["Move.To"] = "Negotiation" }, page);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var version = app.Use(d => d.Set<InvestmentLead>().Single(x => x.Id == lead.Id).Version);
        var forward = await FipApp.PostFormAsync(browser, page + "?handler=Stage", new Dictionary<string, string>
        { ["Move.Version"] = version, ["Move.To"] = "Signed" }, page);
        Assert.Equal(HttpStatusCode.Redirect, forward.StatusCode);
        version = app.Use(d => d.Set<InvestmentLead>().Single(x => x.Id == lead.Id).Version);
        var back = await FipApp.PostFormAsync(browser, page + "?handler=Stage", new Dictionary<string, string>
        { ["Move.Version"] = version, ["Move.To"] = "Contact" }, page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, back.StatusCode);
        Assert.Contains("退回到之前的阶段须填写原因", await back.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another department reads the page without the forms; a leader too.
        var other = await BrowserAsync(app, await app.CreateUserAsync(Roles.Department, "市发改委"));
        var read = await other.GetStringAsync(page);
        Assert.DoesNotContain("data-testid=\"contact-form\"", read, StringComparison.Ordinal);
        var refused = await FipApp.PostFormAsync(other, page + "?handler=Stage",
            new Dictionary<string, string> { ["Move.Version"] = version, ["Move.To"] = "Landed" }, page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Accounts/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
