using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>The scenario marketplace (场景) over HTTP on both databases: post, review, publish, the public portal, matches with
/// reasons, answers; refusals clear, audited and writing nothing else.</summary>
[Collection(CallCollection.Name)] // counts refusals: never beside the call pages' tests, which make some
public class ScenarioTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> Move(HttpClient client, int id, string action,
        string? version = null)
    {
        var r = await client.PostAsJsonAsync($"/api/v1/scenario-posts/{id}/move", new { action, version });
        return (r, await Json(r));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Need_IsReviewedPublishedAndShownOnThePortal_WithoutItsContact(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (department, _) = await app.ApiClientAsync(Roles.Department);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var title = $"港口无人机物流配送{Guid.NewGuid():N}"[..20];
        var created = await department.PostAsJsonAsync("/api/v1/scenario-posts", ScenarioSamples.NeedBody(app, title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var need = await Json(created);
        var id = need.GetProperty("id").GetInt32();
        Assert.Equal("draft", need.GetProperty("state").GetString());
        Assert.Equal("13800000001", need.GetProperty("contactPhone").GetString()); // the poster sees its contact

        var anonymous = app.BrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Portal/Scenarios/{id}")).StatusCode); // a draft is not public

        // The department may not publish its own post: the task force reviews it.
        var (submitted, s) = await Move(department, id, "submit");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Move(department, id, "publish")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Move(admin, id, "publish", version: "stale")).Response.StatusCode);
        var (published, p) = await Move(admin, id, "publish", s.GetProperty("version").GetString());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", p.GetProperty("state").GetString());

        var list = await anonymous.GetStringAsync("/Portal/Scenarios?q=" + Uri.EscapeDataString("无人机物流"));
        Assert.Contains(title, list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Portal/Scenarios/{id}\"", list, StringComparison.Ordinal);
        var page = await anonymous.GetStringAsync($"/Portal/Scenarios/{id}");
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", page, StringComparison.Ordinal);
        Assert.DoesNotContain("王工", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Portal/Scenarios\"", page, StringComparison.Ordinal); // its way back, followed here
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Portal/Scenarios")).StatusCode);
        // The portal home lists the section.
        Assert.Contains("href=\"/Portal/Scenarios\" data-testid=\"portal-section-scenarios\"", await anonymous.GetStringAsync("/Portal"),
            StringComparison.Ordinal);

        // Another district's user reads the published need without its contact.
        var (district, _) = await app.ApiClientAsync(Roles.District);
        var seen = await district.GetFromJsonAsync<JsonElement>($"/api/v1/scenario-posts/{id}");
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("contactPhone").ValueKind);
    }

    public static TheoryData<string, string, string, string> Portal => new()
    {
        // filter, value, expected (a published title), not expected (a published post of the other side of the filter)
        { "kind", "capability", "门户筛选-能力", "门户筛选-需求" },
        { "kind", "need", "门户筛选-需求", "门户筛选-能力" },
        { "q", "图像识别", "门户筛选-能力", "门户筛选-需求" },
        { "state", "Closed", "门户筛选-已关闭", "门户筛选-需求" },
        { "q", "尚未审核", "", "门户筛选-草稿" }, // never a draft, even when searched by its words
    };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Portal_FiltersAndSearches_AndNeverShowsDrafts(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        if (!app.Use(d => d.Set<ScenarioPost>().Any(p => p.Title == "门户筛选-需求")))
        {
            await ScenarioSamples.PostAsync(app, null, PostKind.Need, PostState.Published, "门户筛选-需求", "港区堆场智能调度");
            await ScenarioSamples.PostAsync(app, null, PostKind.Capability, PostState.Published, "门户筛选-能力", "图像识别与视觉检测");
            await ScenarioSamples.PostAsync(app, null, PostKind.Need, PostState.Closed, "门户筛选-已关闭", "已完成的征集");
            await ScenarioSamples.PostAsync(app, null, PostKind.Need, PostState.Draft, "门户筛选-草稿", "尚未审核");
        }
        var anonymous = app.BrowserClient();
        foreach (var (filter, value, expected, unexpected) in Portal.Select(r => ((string)r[0], (string)r[1], (string)r[2], (string)r[3])))
        {
            var html = await anonymous.GetStringAsync($"/Portal/Scenarios?{filter}={Uri.EscapeDataString(value)}");
            if (expected.Length > 0) Assert.Contains(expected, html, StringComparison.Ordinal);
            Assert.DoesNotContain(unexpected, html, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, object, string, string> BadPosts(string district) => new()
    {
        { "no title", new { kind = "need", organisation = "市科技局", summary = "需求", districtId = district, timeline = "年内",
            contactName = "王工", contactPhone = "13800000001" }, "title", "必填" },
        { "no district", new { kind = "need", title = "某需求", organisation = "市科技局", summary = "需求", timeline = "年内",
            contactName = "王工", contactPhone = "13800000001" }, "districtId", "必填" },
        { "bad phone", new { kind = "need", title = "某需求", organisation = "市科技局", summary = "需求", districtId = district,
            timeline = "年内", contactName = "王工", contactPhone = "12345" }, "contactPhone", "联系电话格式不正确" },
        { "no kind", new { title = "某需求" }, "kind", "请选择类型" },
        { "capability without products", new { kind = "capability", title = "某能力", organisation = "某公司", summary = "能力",
            contactName = "王工", contactPhone = "13800000001" }, "requirements", "必填" },
    };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BadPosts_AreRefusedInTheUsersLanguage_WriteNothing_AndAreAudited(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (enterprise, user) = await app.ApiClientAsync(Roles.Enterprise);
        var district = ScenarioSamples.District(app).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var row in BadPosts(district))
        {
            var (name, body, field, message) = ((string)row[0], row[1], (string)row[2], (string)row[3]);
            var before = app.Use(d => d.Set<ScenarioPost>().Count());
            var refusals = app.Use(d => d.AuditEntries.Count(a => a.UserId == user.Id && a.Action == "Refused"));
            // districtId goes as a number
            var json = JsonSerializer.Serialize(body).Replace($"\"{district}\"", district, StringComparison.Ordinal);
            var r = await enterprise.PostAsync("/api/v1/scenario-posts", new StringContent(json, System.Text.Encoding.UTF8,
                "application/json"));
            Assert.True(r.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)r.StatusCode}");
            var problem = await Json(r);
            Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
            Assert.Equal(before, app.Use(d => d.Set<ScenarioPost>().Count()));
            Assert.Equal(refusals + 1, app.Use(d => d.AuditEntries.Count(a => a.UserId == user.Id && a.Action == "Refused")));
        }
        // In English for an English reader.
        using var en = new HttpRequestMessage(HttpMethod.Post,
            "/api/v1/scenario-posts")
        { Content = JsonContent.Create(new { kind = "need" }) };
        en.Headers.AcceptLanguage.Add(new("en"));
        var english = await Json(await enterprise.SendAsync(en));
        Assert.Equal("Required.", english.GetProperty("errors").GetProperty("title")[0].GetString());
    }

    public static TheoryData<string, string, PostState, string, HttpStatusCode> Moves => new()
    {
        // who (owner = the post's own unit), action, from, expected
        { "owner", "submit", PostState.Draft, "review", HttpStatusCode.OK },
        { "owner", "withdraw", PostState.Review, "draft", HttpStatusCode.OK },
        { "owner", "close", PostState.Published, "closed", HttpStatusCode.OK },
        { "owner", "publish", PostState.Review, "", HttpStatusCode.Forbidden },
        { "owner", "return", PostState.Review, "", HttpStatusCode.Forbidden },
        { "owner", "close", PostState.Draft, "", HttpStatusCode.Conflict },
        { "owner", "publish", PostState.Closed, "", HttpStatusCode.Conflict },
        { "owner", "fly", PostState.Draft, "", HttpStatusCode.UnprocessableEntity },
        { "admin", "publish", PostState.Review, "published", HttpStatusCode.OK },
        { "admin", "return", PostState.Review, "draft", HttpStatusCode.OK },
        { "admin", "close", PostState.Published, "closed", HttpStatusCode.OK },
        { "other department", "submit", PostState.Draft, "", HttpStatusCode.NotFound }, // another unit's draft is not even seen
        { "other department", "close", PostState.Published, "", HttpStatusCode.Forbidden },
        { "enterprise", "close", PostState.Published, "", HttpStatusCode.Forbidden },
    };

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Moves_FollowWhoMayMoveWhich(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (owner, ownerUser) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var clients = new Dictionary<string, HttpClient>
        {
            ["owner"] = owner,
            ["admin"] = (await app.ApiClientAsync(Roles.Admin)).Client,
            ["other department"] = (await app.ApiClientAsync(Roles.Department, "市工信局")).Client,
            ["enterprise"] = (await app.ApiClientAsync(Roles.Enterprise)).Client,
        };
        var ownerUnit = ScenarioSamples.Reload(app, ownerUser);
        foreach (var row in Moves)
        {
            var (who, action, from, to, status) = ((string)row[0], (string)row[1], (PostState)row[2], (string)row[3],
                (HttpStatusCode)row[4]);
            var id = await ScenarioSamples.PostAsync(app, ownerUnit, PostKind.Need, from, $"状态·{who}·{action}", "无人机");
            var (r, body) = await Move(clients[who], id, action);
            Assert.True(status == r.StatusCode, $"{who} {action} from {from}: {(int)r.StatusCode}");
            var state = app.Use(d => d.Set<ScenarioPost>().Single(p => p.Id == id).State);
            if (status == HttpStatusCode.OK) Assert.Equal(to, body.GetProperty("state").GetString());
            else Assert.Equal(from, state); // nothing half-written
        }
        Assert.True(app.Use(d => d.AuditEntries.Any(a => a.Action == "Refused" && a.EntityType == ScenarioService.AuditType
            && !a.Success)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Matches_AreRankedWithReasons_AndEachSideAnswers(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (department, depUser) = await app.ApiClientAsync(Roles.Department);
        var (enterprise, entUser) = await app.ApiClientAsync(Roles.Enterprise);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var need = await ScenarioSamples.PostAsync(app, ScenarioSamples.Reload(app, depUser), PostKind.Need, PostState.Published,
            $"匹配{tag}·港口无人机巡检", "港口岸线无人机巡检，要求图像识别和自动机场");
        var good = await ScenarioSamples.PostAsync(app, ScenarioSamples.Reload(app, entUser), PostKind.Capability, PostState.Published,
            $"匹配{tag}·巡检能力", "无人机自动机场，巡检图像识别", "自动机场；图像识别平台");
        var weak = await ScenarioSamples.PostAsync(app, null, PostKind.Capability, PostState.Published, "财务软件能力",
            "财务软件和人力资源管理系统", "财务软件");
        var draft = await ScenarioSamples.PostAsync(app, null, PostKind.Capability, PostState.Draft, $"匹配{tag}·草稿能力",
            "无人机自动机场巡检图像识别", "自动机场");

        var matches = await department.GetFromJsonAsync<JsonElement>($"/api/v1/scenario-posts/{need}/matches?max=50");
        var ids = matches.EnumerateArray().Select(m => m.GetProperty("post").GetProperty("id").GetInt32()).ToList();
        Assert.Contains(good, ids);
        Assert.DoesNotContain(weak, ids);  // nothing shared, no match
        Assert.DoesNotContain(draft, ids); // only published posts are matched
        var top = matches.EnumerateArray().First(m => m.GetProperty("post").GetProperty("id").GetInt32() == good);
        var terms = top.GetProperty("reasons").GetProperty("sharedTerms").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("无人机", terms);
        Assert.NotEmpty(top.GetProperty("reasons").GetProperty("productTerms").EnumerateArray()); // 自动机场 and its parts
        Assert.True(top.GetProperty("reasons").GetProperty("sameDistrict").GetBoolean());

        // Each side answers for its own post only.
        Assert.Equal(HttpStatusCode.OK,
            (await department.PostAsJsonAsync($"/api/v1/scenario-posts/{need}/matches/{good}/answer", new { accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await department.PostAsJsonAsync($"/api/v1/scenario-posts/{good}/matches/{need}/answer", new { accept = true })).StatusCode);
        // Declining without a reason is refused (422) and leaves no answer; with one it is kept.
        var noReason = await enterprise.PostAsJsonAsync($"/api/v1/scenario-posts/{good}/matches/{need}/answer", new { accept = false });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("谢绝对接须说明原因", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Use(d => d.Set<ScenarioMatchAnswer>().Count(a => a.PostId == good)));
        Assert.Equal(HttpStatusCode.OK,
            (await enterprise.PostAsJsonAsync($"/api/v1/scenario-posts/{good}/matches/{need}/answer", new
            {
                accept = false,
                note = "产能已满"
            }))
            .StatusCode);
        // Two capabilities are no match (422); a need answered against a counterpart still in draft is refused (409).
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await enterprise.PostAsJsonAsync($"/api/v1/scenario-posts/{good}/matches/{draft}/answer", new { accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await department.PostAsJsonAsync($"/api/v1/scenario-posts/{need}/matches/{draft}/answer", new { accept = true })).StatusCode);
        var after = await enterprise.GetFromJsonAsync<JsonElement>($"/api/v1/scenario-posts/{good}/matches?max=50");
        var pair = after.EnumerateArray().Single(m => m.GetProperty("post").GetProperty("id").GetInt32() == need);
        Assert.True(pair.GetProperty("needAccepted").GetBoolean());
        Assert.False(pair.GetProperty("capabilityAccepted").GetBoolean());
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Pages_PostANeed_SubmitIt_AndShowMatchesWithReasons(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        var home = await browser.GetStringAsync("/");
        Assert.Contains("href=\"/Scenarios\" data-testid=\"nav-scenarios\"", home, StringComparison.Ordinal);
        var index = await browser.GetStringAsync("/Scenarios");
        Assert.Contains("href=\"/Scenarios/New?kind=need\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"/Scenarios/New?kind=capability\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"/Portal/Scenarios\"", index, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Scenarios/New?kind=capability")).StatusCode);

        // A bad form comes back with its message; a good one saves a draft and opens it.
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = "need",
            ["Input.Title"] = "",
            ["Input.Organisation"] = "邗江区",
            ["Input.Summary"] = "园区无人机安防巡逻",
            ["Input.DistrictId"] = ScenarioSamples.District(app).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Timeline"] = "年内",
            ["Input.ContactName"] = "赵工",
            ["Input.ContactPhone"] = "13700000003",
        };
        var bad = await FipApp.PostFormAsync(browser, "/Scenarios/New", fields, "/Scenarios/New?kind=need");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("必填", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        fields["Input.Title"] = "园区无人机安防巡逻" + Guid.NewGuid().ToString("N")[..4];
        var good = await FipApp.PostFormAsync(browser, "/Scenarios/New", fields, "/Scenarios/New?kind=need");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var location = good.Headers.Location!.ToString();
        var postPage = await browser.GetStringAsync(location);
        Assert.Contains("data-testid=\"scenario-move-submit\"", postPage, StringComparison.Ordinal);
        Assert.DoesNotContain("scenario-move-publish", postPage, StringComparison.Ordinal);
        var submitted = await FipApp.PostFormAsync(browser, location + "?handler=Move",
            new Dictionary<string, string> { ["action"] = "submit" }, location);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("data-state=\"Review\"", await browser.GetStringAsync(location), StringComparison.Ordinal);
        // A refused move stays on the page with its reason.
        var refused = await FipApp.PostFormAsync(browser, location + "?handler=Move",
            new Dictionary<string, string> { ["action"] = "close" }, location);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("data-testid=\"scenario-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A published need with a published capability shows the match, its reasons and the answer buttons.
        var need = await ScenarioSamples.PostAsync(app, ScenarioSamples.Reload(app, user), PostKind.Need, PostState.Published,
            "页面匹配·无人机安防", "园区无人机安防巡逻，夜间巡检");
        var cap = await ScenarioSamples.PostAsync(app, null, PostKind.Capability, PostState.Published, "页面匹配·安防无人机",
            "安防巡逻无人机，夜间巡检", "夜视无人机");
        var page = await browser.GetStringAsync($"/Scenarios/Post/{need}");
        Assert.Contains($"data-testid=\"scenario-match\" data-id=\"{cap}\"", page, StringComparison.Ordinal);
        Assert.Contains("共同关键词", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Scenarios/Post/{cap}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Scenarios/Post/{cap}")).StatusCode);
        var accepted = await FipApp.PostFormAsync(browser, $"/Scenarios/Post/{need}?handler=Answer&otherId={cap}&accept=true",
            new Dictionary<string, string>(), $"/Scenarios/Post/{need}");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(app.Use(d => d.Set<ScenarioMatchAnswer>().Any(a => a.NeedId == need && a.CapabilityId == cap && a.Accepted)));
    }
}
