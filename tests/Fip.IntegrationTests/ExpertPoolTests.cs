using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>
/// The expert pool (专家库, issue 19 item 3) over HTTP on both databases: experts added, edited (a stale edit refused), filtered,
/// deactivated and brought back through the API and through the page /Scenarios/Experts; contacts masked for those who do not keep
/// the pool; bad input refused with a clear message in Chinese and English, nothing written, audited; a conflict declared on the
/// page refuses that expert's scoring of the applicant; a deactivated expert scores no more. Every link and button is followed.
/// </summary>
[Collection(CallCollection.Name)]
public class ExpertPoolTests
{
    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static int Refusals(FipApp app) => app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.Refused && !a.Success));

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private static int Track(FipApp app, string name) =>
        app.Use(d => d.Tracks.Where(t => t.Name == name && d.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent)).Select(t => t.Id).First());

    private static async Task<HttpClient> SignedInAsync(FipApp app, AppUser user)
    {
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        return browser;
    }

    /// <summary>Posts a form the way a browser does, repeated fields included (the token from <paramref name="formPage"/>).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formPage,
        params (string Name, string Value)[] fields)
    {
        var token = FipApp.AntiforgeryToken(await client.GetStringAsync(formPage));
        return await client.PostAsync(url, new FormUrlEncodedContent(
            [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location!.ToString());
    }

    /// <summary>A registry enterprise of its own (so a conflict can name it by name or code).</summary>
    private static async Task<(string Uscc, string Name)> EnterpriseAsync(FipApp app)
    {
        var uscc = RegistryTests.NewCreditCode();
        var name = "扬州专家库测试企业" + Tag();
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        context.Enterprises.Add(new Fip.Web.Features.Registries.Enterprise
        {
            CreditCode = uscc,
            Name = name,
            DistrictId = await context.Districts.Select(d => d.Id).FirstAsync(),
        });
        await context.SaveChangesAsync();
        return (uscc, name);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task TheApi_AddsEditsFiltersAndDeactivatesExperts_RefusesStaleEdits_AndMasksContacts(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (department, _) = await app.ApiClientAsync(Roles.Department);
        var (enterprise, _) = await app.ApiClientAsync(Roles.Enterprise);
        var (company, companyName) = await EnterpriseAsync(app);
        var tag = Tag();
        var lowAltitude = Track(app, "低空经济");

        // Added with a conflict named by the enterprise's registered name; the answer carries the resolved credit code.
        var added = await department.PostAsJsonAsync("/api/v1/scenario-experts", new
        {
            name = "周教授" + tag,
            organisation = "扬州大学",
            title = "教授",
            fields = new[] { "无人机" + tag, "遥感" },
            tracks = new[] { lowAltitude },
            phone = "139 0514 0001",
            conflicts = new[] { new { enterprise = companyName, reason = "曾任该企业技术顾问" } },
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = await Json(added);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(company, body.GetProperty("conflicts")[0].GetProperty("enterpriseUscc").GetString());
        Assert.Equal("13905140001", body.GetProperty("phone").GetString());
        Assert.Equal(1, app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.Create && a.EntityType == nameof(ScenarioExpert)
            && a.EntityKey == I(id))));

        // Filtered by track, field and name; the keeper reads the phone (logged as a personal-data read), an enterprise masked.
        foreach (var query in new[] { $"track={I(lowAltitude)}", $"field=无人机{tag}", $"q=周教授{tag}" })
        {
            var list = await Json(await department.GetAsync("/api/v1/scenario-experts?" + query));
            Assert.Contains(list.EnumerateArray(), e => e.GetProperty("id").GetInt32() == id);
        }
        Assert.Empty((await Json(await department.GetAsync($"/api/v1/scenario-experts?field=无人机{tag}&q=别人"))).EnumerateArray());
        var mine = (await Json(await department.GetAsync($"/api/v1/scenario-experts?q=周教授{tag}")))[0];
        Assert.Equal("13905140001", mine.GetProperty("phone").GetString());
        Assert.Equal(companyName, mine.GetProperty("conflicts")[0].GetProperty("enterpriseName").GetString());
        Assert.True(app.Use(d => d.AuditEntries.Any(a => a.Action == AuditActions.PersonalDataRead && a.EntityKey == I(id))));
        var masked = (await Json(await enterprise.GetAsync($"/api/v1/scenario-experts?q=周教授{tag}")))[0];
        Assert.Equal("139****0001", masked.GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsJsonAsync($"/api/v1/scenario-experts/{I(id)}/active",
            new { active = false })).StatusCode);

        // Edited with the version read; the same stale version again is refused (409) and changes nothing.
        var version = mine.GetProperty("version").GetString();
        var edit = new { name = "周教授" + tag, organisation = "扬州大学", title = "二级教授", fields = new[] { "遥感" }, version };
        var edited = await department.PutAsJsonAsync($"/api/v1/scenario-experts/{I(id)}", edit);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Empty((await Json(edited)).GetProperty("conflicts").EnumerateArray());
        var refusals = Refusals(app);
        var stale = await department.PutAsJsonAsync($"/api/v1/scenario-experts/{I(id)}", edit with { title = "讲师" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(refusals + 1, Refusals(app));
        var stored = app.Use(d => d.Set<ScenarioExpert>().AsNoTracking().Single(e => e.Id == id));
        Assert.Equal(("二级教授", "遥感", ""), (stored.Title, stored.Fields, stored.Tracks));
        Assert.False(app.Use(d => d.Set<ExpertConflict>().Any(c => c.ExpertId == id)));
        using (var ifMatch = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/scenario-experts/{I(id)}")
        { Content = JsonContent.Create(edit with { version = (string?)null }) })
        {
            ifMatch.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            Assert.Equal(HttpStatusCode.Conflict, (await department.SendAsync(ifMatch)).StatusCode);
        }

        // Deactivated (kept, not deleted): listed only with all=true; brought back.
        var off = await department.PostAsJsonAsync($"/api/v1/scenario-experts/{I(id)}/active",
            new { active = false, version = stored.Version });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await Json(off)).GetProperty("active").GetBoolean());
        Assert.Empty((await Json(await department.GetAsync($"/api/v1/scenario-experts?q=周教授{tag}"))).EnumerateArray());
        Assert.Single((await Json(await department.GetAsync($"/api/v1/scenario-experts?q=周教授{tag}&all=true"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await department.PostAsJsonAsync($"/api/v1/scenario-experts/{I(id)}/active",
            new { active = true, version = stored.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await department.PostAsJsonAsync($"/api/v1/scenario-experts/{I(id)}/active",
            new { active = true })).StatusCode);
        Assert.True(app.Use(d => d.Set<ScenarioExpert>().Single(e => e.Id == id).DeactivatedAt == null));
        Assert.Equal(HttpStatusCode.NotFound, (await department.PutAsJsonAsync("/api/v1/scenario-experts/999999", edit)).StatusCode);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ADeactivatedExpert_ScoresNoMore_AndLeavesTheScoringPage(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (department, owner) = await app.ApiClientAsync(Roles.Department);
        var call = await CallSamples.CallAsync(app, ScenarioSamples.Reload(app, owner));
        var application = await CallSamples.ApplicationAsync(app, call.Id);
        var expert = await CallSamples.ExpertAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await department.PostAsJsonAsync($"/api/v1/scenario-experts/{I(expert.Id)}/active",
            new { active = false, version = expert.Version })).StatusCode);
        var refused = await department.PostAsJsonAsync($"/api/v1/scenario-calls/{I(call.Id)}/applications/{I(application.Id)}/scores",
            new { expertId = expert.Id, scores = new[] { 90, 90 } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("已停用", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<ExpertScore>().Any(s => s.ExpertId == expert.Id)));
        var browser = await SignedInAsync(app, owner);
        var page = await browser.GetStringAsync($"/Scenarios/Score/{I(call.Id)}/{I(application.Id)}");
        Assert.DoesNotContain($"<option value=\"{I(expert.Id)}\"", page, StringComparison.Ordinal);
        // The scoring page links the pool.
        Assert.Contains("href=\"/Scenarios/Experts\"", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AMergedTrack_IsFollowedByTheExpertsWhoJudgeIt_ARemovedOneDropped(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (from, to, near) = (990001 + Random.Shared.Next(1000) * 10, 0, 0);
        (to, near) = (from + 1, from * 10 + 1); // near: its id starts with the merged one's digits
        async Task<string> TracksAfterAsync(string tracks, int moved, int? into)
        {
            var expert = await CallSamples.ExpertAsync(app);
            app.Use(d => d.Set<ScenarioExpert>().Where(e => e.Id == expert.Id).ExecuteUpdate(u => u.SetProperty(e => e.Tracks, tracks)));
            using var scope = app.Services.CreateScope();
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await new ScenarioTrackDependents(context).MoveAsync(moved, into, CancellationToken.None);
            await context.SaveChangesAsync();
            return app.Use(d => d.Set<ScenarioExpert>().Single(e => e.Id == expert.Id).Tracks);
        }
        Assert.Equal(I(to), await TracksAfterAsync(I(from), from, to));
        Assert.Equal(I(to), await TracksAfterAsync($"{I(from)}|{I(to)}", from, to));
        Assert.Equal("", await TracksAfterAsync(I(from), from, null));
        Assert.Equal(I(near), await TracksAfterAsync(I(near), from, to));
    }

    /// <summary>The bad input officials would send: (case, what is changed from a good expert, expected words in Chinese, in
    /// English). Every case is refused with 422 through the API and with the error line on the page, writes nothing and is
    /// audited.</summary>
    private static readonly (string Name, string Change, string Zh, string En)[] BadInputCases =
    [
        ("missing name", "name=", "姓名：必填", "Required"),
        ("blank name", "name=  ", "姓名：必填", "Required"),
        ("name too long", "name=" + new string('长', 51), "姓名：内容过长", "Too long"),
        ("missing employer", "organisation=", "工作单位：必填", "Required"),
        ("no field", "fields=", "研究领域：必填", "Required"),
        ("bad phone", "phone=12345", "联系电话格式不正确", "phone number is not valid"),
        ("unknown track", "tracks=999999", "赛道：所选项不存在", "does not exist"),
        ("unknown enterprise in a conflict", "conflict=扬州查无此企业|亲属任职", "既不在企业库中", "neither in the registry"),
        ("unknown credit code in a conflict", "conflict=91321000MA00000000|持股", "既不在企业库中", "neither in the registry"),
        ("conflict without a reason", "conflict=(company)|", "须同时填写企业和原因", "both the enterprise and the reason"),
        ("reason without an enterprise", "conflict=|曾任职", "须同时填写企业和原因", "both the enterprise and the reason"),
        ("the same conflict twice", "conflict2=(company)|曾任职", "重复填写", "given twice"),
        ("duplicate of an expert in the pool", "duplicate", "专家库中已有", "The pool already has"),
    ];

    public static TheoryData<DatabaseProvider, string, string, string, string> BadInput()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var (name, change, zh, en) in BadInputCases) data.Add(db, name, change, zh, en);
        return data;
    }

    [Theory, MemberData(nameof(BadInput))]
    public async Task BadInput_IsRefusedClearly_InBothLanguages_WritesNothing_AndIsAudited(DatabaseProvider db, string name,
        string change, string zh, string en)
    {
        var app = FipApp.For(db);
        var (api, user) = await app.ApiClientAsync(Roles.District);
        var browser = await SignedInAsync(app, user);
        var (company, _) = await EnterpriseAsync(app);
        var good = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "钱研究员" + Tag(),
            ["organisation"] = "江苏省产业技术研究院",
            ["fields"] = "智能装备",
            ["phone"] = "0514-87654321",
            ["conflict"] = $"{company}|曾任职",
        };
        var (key, _, value) = change.Partition('=');
        if (change == "duplicate")
        {
            var existing = await CallSamples.ExpertAsync(app);
            (good["name"], good["organisation"]) = (existing.Name, existing.Organisation);
        }
        else if (key == "conflict2") good["conflict2"] = value.Replace("(company)", company, StringComparison.Ordinal);
        else good[key] = value.Replace("(company)", company, StringComparison.Ordinal);
        var conflicts = new[] { "conflict", "conflict2" }.Where(good.ContainsKey).Select(k => good[k].Split('|'))
            .Select(p => new { enterprise = p[0], reason = p[1] }).ToArray();
        var tracks = good.TryGetValue("tracks", out var t) ? new[] { int.Parse(t, CultureInfo.InvariantCulture) } : [];
        var experts = app.Use(d => (d.Set<ScenarioExpert>().Count(), d.Set<ExpertConflict>().Count()));
        var refusals = Refusals(app);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scenario-experts")
        {
            Content = JsonContent.Create(new
            {
                name = good["name"],
                organisation = good["organisation"],
                fields = good["fields"].Split('、', StringSplitOptions.RemoveEmptyEntries),
                phone = good["phone"],
                tracks,
                conflicts,
            }),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var response = await api.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name} ({db}): {(int)response.StatusCode} {problem}");
        Assert.True(problem.Contains(en, StringComparison.Ordinal), $"{name} ({db}): {problem}");
        Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal);

        var fields = new List<(string, string)>
        {
            ("name", good["name"]), ("organisation", good["organisation"]), ("fields", good["fields"]), ("phone", good["phone"]),
        };
        fields.AddRange(tracks.Select(x => ("tracks", I(x))));
        foreach (var c in conflicts) fields.AddRange([("conflictEnterprise", c.enterprise), ("conflictReason", c.reason)]);
        var page = await FollowAsync(browser, await PostAsync(browser, "/Scenarios/Experts?handler=Save", "/Scenarios/Experts",
            [.. fields]));
        Assert.Contains("data-testid=\"expert-error\"", page, StringComparison.Ordinal);
        Assert.True(System.Net.WebUtility.HtmlDecode(page).Contains(zh, StringComparison.Ordinal), $"{name} ({db}): page says no {zh}");

        Assert.Equal(experts, app.Use(d => (d.Set<ScenarioExpert>().Count(), d.Set<ExpertConflict>().Count())));
        Assert.True(Refusals(app) == refusals + 2, $"{name} ({db}): not audited");
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ThePage_AddsEditsAndDeactivatesExperts_AConflictDeclaredThereRefusesScoring_EveryLinkFollowed(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var owner = await app.CreateUserAsync(Roles.Department);
        var browser = await SignedInAsync(app, owner);
        var tag = Tag();
        var call = await CallSamples.CallAsync(app, ScenarioSamples.Reload(app, owner));
        var applicant = RegistryTests.NewCreditCode();
        var application = await CallSamples.ApplicationAsync(app, call.Id, applicant);
        var lowAltitude = Track(app, "低空经济");

        // The calls page and the scoring page link the pool.
        Assert.Contains("href=\"/Scenarios/Experts\"", await browser.GetStringAsync("/Scenarios/Calls"), StringComparison.Ordinal);
        var pool = await browser.GetStringAsync("/Scenarios/Experts");
        Assert.Contains("data-testid=\"expert-form\"", pool, StringComparison.Ordinal);
        Assert.Contains("href=\"/Scenarios/Calls\"", pool, StringComparison.Ordinal);
        Assert.Contains("href=\"/Scenarios\"", pool, StringComparison.Ordinal);

        // Added from the form: a conflict with the applicant by its credit code (lower case), one blank row skipped.
        var name = "孙总工" + tag;
        var added = await FollowAsync(browser, await PostAsync(browser, "/Scenarios/Experts?handler=Save", "/Scenarios/Experts",
            ("name", name), ("organisation", "扬州市规划设计研究院"), ("title", "正高级工程师"), ("fields", "低空经济、测绘" + tag),
            ("tracks", I(lowAltitude)), ("phone", "13905140002"), ("conflictEnterprise", applicant.ToLowerInvariant()),
            ("conflictReason", "近亲属在该企业任职"), ("conflictEnterprise", ""), ("conflictReason", "")));
        var expert = app.Use(d => d.Set<ScenarioExpert>().Include(e => e.Conflicts).AsNoTracking().Single(e => e.Name == name));
        Assert.Contains($"id=\"expert-{I(expert.Id)}\"", added, StringComparison.Ordinal);
        Assert.Equal(applicant, Assert.Single(expert.Conflicts).EnterpriseUscc);
        Assert.Contains("13905140002", added, StringComparison.Ordinal);

        // The filter form: by track, field and name, and the 'include deactivated' box.
        foreach (var query in new[] { $"track={I(lowAltitude)}", $"field=测绘{tag}", $"q={name}", $"q={name}&all=true" })
            Assert.Contains($"id=\"expert-{I(expert.Id)}\"", await browser.GetStringAsync("/Scenarios/Experts?" + query),
                StringComparison.Ordinal);
        Assert.Contains("data-testid=\"experts-none\"", await browser.GetStringAsync($"/Scenarios/Experts?field=测绘{tag}&q=别人"),
            StringComparison.Ordinal);

        // Scoring the applicant by this expert is refused on the scoring page with the reason; nothing kept.
        var scorePage = $"/Scenarios/Score/{I(call.Id)}/{I(application.Id)}";
        var refused = await FollowAsync(browser, await PostAsync(browser, scorePage, scorePage,
            ("expertId", I(expert.Id)), ("scores", "90"), ("scores", "90")));
        Assert.Contains("利益冲突", refused, StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<ExpertScore>().Any(s => s.ExpertId == expert.Id)));

        // The edit link opens the form filled in; saving drops the conflict, after which the expert scores.
        var editUrl = $"/Scenarios/Experts?edit={I(expert.Id)}";
        Assert.Contains($"href=\"{editUrl}#expert-form\"", added, StringComparison.Ordinal);
        var form = await browser.GetStringAsync(editUrl);
        Assert.Contains($"value=\"{expert.Version}\"", form, StringComparison.Ordinal);
        Assert.Contains("近亲属在该企业任职", form, StringComparison.Ordinal);
        Assert.Contains("href=\"/Scenarios/Experts\" data-testid=\"expert-cancel\"", form, StringComparison.Ordinal);
        (string, string)[] Edit(string version, string title) =>
        [
            ("id", I(expert.Id)), ("version", version), ("name", name), ("organisation", "扬州市规划设计研究院"), ("title", title),
            ("fields", "低空经济"), ("phone", "13905140002"), ("conflictEnterprise", ""), ("conflictReason", ""),
        ];
        var saved = await FollowAsync(browser, await PostAsync(browser, "/Scenarios/Experts?handler=Save", editUrl,
            Edit(expert.Version, "研究员级高级工程师")));
        Assert.Contains("研究员级高级工程师", saved, StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<ExpertConflict>().Any(c => c.ExpertId == expert.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, scorePage, scorePage,
            ("expertId", I(expert.Id)), ("scores", "90"), ("scores", "80"))).StatusCode);
        Assert.True(app.Use(d => d.Set<ExpertScore>().Any(s => s.ExpertId == expert.Id)));
        Assert.Contains("<td>1</td>", await browser.GetStringAsync($"/Scenarios/Experts?q={name}"), StringComparison.Ordinal);

        // A second save from the same (now stale) form is refused with the reason and changes nothing.
        var stale = await FollowAsync(browser, await PostAsync(browser, "/Scenarios/Experts?handler=Save", editUrl,
            Edit(expert.Version, "讲师")));
        Assert.Contains("已被他人修改", stale, StringComparison.Ordinal);
        Assert.Equal("研究员级高级工程师", app.Use(d => d.Set<ScenarioExpert>().Single(e => e.Id == expert.Id).Title));

        // Deactivate, then reactivate, with the row's buttons.
        var version = app.Use(d => d.Set<ScenarioExpert>().Single(e => e.Id == expert.Id).Version);
        var list = await browser.GetStringAsync($"/Scenarios/Experts?q={name}");
        Assert.Contains("data-testid=\"expert-deactivate\"", list, StringComparison.Ordinal);
        var off = await FollowAsync(browser, await PostAsync(browser, "/Scenarios/Experts?handler=Active", "/Scenarios/Experts",
            ("id", I(expert.Id)), ("version", version), ("active", "false")));
        Assert.Contains("data-testid=\"expert-reactivate\"", off, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"expert-{I(expert.Id)}\"", await browser.GetStringAsync($"/Scenarios/Experts?q={name}"),
            StringComparison.Ordinal);
        version = app.Use(d => d.Set<ScenarioExpert>().Single(e => e.Id == expert.Id).Version);
        var on = await FollowAsync(browser, await PostAsync(browser, "/Scenarios/Experts?handler=Active", "/Scenarios/Experts",
            ("id", I(expert.Id)), ("version", version), ("active", "true")));
        Assert.Contains("data-testid=\"expert-deactivate\"", on, StringComparison.Ordinal);
        Assert.Equal(1, app.Use(d => d.Set<ScenarioExpert>().Count(e => e.Id == expert.Id)));
        Assert.True(app.Use(d => d.AuditEntries.Count(a => a.EntityType == nameof(ScenarioExpert) && a.EntityKey == I(expert.Id)
            && a.Action == AuditActions.Update)) >= 3);

        // An enterprise reads the pool with the phone masked, without the form or buttons, and cannot post; a leader is refused.
        var company = await SignedInAsync(app, await app.CreateUserAsync(Roles.Enterprise));
        var read = await company.GetStringAsync($"/Scenarios/Experts?q={name}");
        Assert.Contains("139****0002", read, StringComparison.Ordinal);
        Assert.DoesNotContain("13905140002", read, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"expert-form\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"expert-deactivate\"", read, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", (await PostAsync(company, "/Scenarios/Experts?handler=Active", "/Scenarios/Experts",
            ("id", I(expert.Id)), ("active", "false"))).Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("AccessDenied", (await company.GetAsync(editUrl)).Headers.Location?.ToString() ?? "",
            StringComparison.Ordinal);
        var leader = await SignedInAsync(app, await app.CreateUserAsync(Roles.Leader));
        Assert.Contains("AccessDenied", (await leader.GetAsync("/Scenarios/Experts")).Headers.Location?.ToString() ?? "",
            StringComparison.Ordinal);
    }
}

internal static class StringPartition
{
    /// <summary>"a=b=c" → ("a", "=", "b=c"); without the separator → (text, "", "").</summary>
    public static (string Key, string Separator, string Value) Partition(this string text, char separator) =>
        text.IndexOf(separator, StringComparison.Ordinal) is var i and >= 0 ? (text[..i], separator.ToString(), text[(i + 1)..])
            : (text, "", "");
}
