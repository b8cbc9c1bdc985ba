using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Registries.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

public class ChainTests
{
    /// <summary>A track of its own (so no other test's links count) with a chain of two segments and four links.</summary>
    internal static async Task<(int TrackId, Dictionary<string, int> Links)> OwnChainAsync(FipApp app)
    {
        var code = "t-" + Guid.NewGuid().ToString("N")[..10];
        // The track lives in a plan of its own (not the current one, one per app), so the seeded plan, its goals and other tests never see
        // it.
        var (planId, tierId) = TestPlan(app);
        var trackId = app.Use(d =>
        {
            var hanjiang = d.Districts.Single(x => x.Name == "邗江区");
            var track = new Track { PlanId = planId, TierId = tierId, Code = code, Name = "测试赛道" + code[^4..], SortOrder = 99 };
            track.FocusDistricts.Add(new TrackFocusDistrict { DistrictId = hanjiang.Id });
            d.Tracks.Add(track);
            d.Save();
            return track.Id;
        });
        var links = new Dictionary<string, int>(StringComparer.Ordinal);
        async Task Add(string name, string? parent, string position, string terms)
        {
            var response = await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync($"/api/v1/chains/tracks/{trackId}/links",
                new { name, position, parentId = parent is null ? (int?)null : links[parent], terms }));
            links[name] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        await Add("核心部件", null, "Upstream", "");
        await Add("整机", null, "Midstream", "");
        await Add("飞控系统", "核心部件", "Upstream", "飞行控制系统|飞控");
        await Add("电机", "核心部件", "Upstream", "航空电机");
        await Add("无人机", "整机", "Midstream", "无人驾驶航空器");
        await Add("eVTOL", "整机", "Midstream", "电动垂直起降飞行器");
        return (trackId, links);
    }

    private static readonly Dictionary<FipApp, (int Plan, int Tier)> TestPlans = [];

    private static (int Plan, int Tier) TestPlan(FipApp app)
    {
        lock (TestPlans)
        {
            if (TestPlans.TryGetValue(app, out var known)) return known;
            return TestPlans[app] = app.Use(d =>
            {
                var current = d.Plans.AsNoTracking().Single(p => p.IsCurrent);
                var plan = new Plan
                {
                    Key = "chain-tests",
                    Name = "产业链测试规划",
                    CityName = "扬州市",
                    IsCurrent = false,
                    PolicyDocumentId = current.PolicyDocumentId,
                    CreatedAt = DateTime.UtcNow
                };
                var tier = new TrackTier { Code = "focus", Name = "重点培育" };
                plan.Tiers.Add(tier);
                d.Plans.Add(plan);
                d.Save();
                return (plan.Id, tier.Id);
            });
        }
    }

    internal static async Task<int> NewEnterpriseAsync(FipApp app, string scope, string district = "邗江区", bool leader = false,
        int? trackId = null)
    {
        var code = RegistryTests.NewCreditCode();
        var response = await RegistrySamples.AdminAsync(app, a => a.PostAsJsonAsync("/api/v1/enterprises", new Dictionary<string, object?>
        {
            ["creditCode"] = code,
            ["name"] = "扬州链测企业" + code[^6..],
            ["district"] = district,
            ["businessScope"] = scope,
            ["qualifications"] = leader ? "链主企业(2024)" : null,
        }));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        // The test tracks are not in the current plan, so the registry cannot name them: set the track directly.
        if (trackId is { } t)
            app.Use(d => { d.EnterpriseTracks.Add(new EnterpriseTrack { EnterpriseId = id, TrackId = t }); return d.Save(); });
        return id;
    }

    private static async Task<ChainCoverageDto> CoverageAsync(HttpClient client, int trackId) =>
        (await client.GetFromJsonAsync<ChainMapDto>($"/api/v1/chains/tracks/{trackId}", Json.Options))!.Coverage;

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task LinkingAnEnterprise_ChangesCoverage_AndALeaderMakesTheLinkStrong(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (trackId, links) = await OwnChainAsync(app);
        var (district, _) = await app.ApiClientAsync(Roles.District); // 邗江区
        var before = await CoverageAsync(district, trackId);
        Assert.Equal((4, 0, 0), (before.Links, before.Covered, before.Strong));

        var plain = await NewEnterpriseAsync(app, "电机的研发、生产");
        var linked = await district.PostAsJsonAsync($"/api/v1/chains/links/{links["电机"]}/enterprises", new { enterpriseId = plain });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var after = await CoverageAsync(district, trackId);
        Assert.Equal((4, 1, 0), (after.Links, after.Covered, after.Strong));
        Assert.Equal(0.25, after.CoverageRate);

        var leader = await NewEnterpriseAsync(app, "无人驾驶航空器的研发", leader: true);
        Assert.Equal(HttpStatusCode.OK,
            (await district.PostAsJsonAsync($"/api/v1/chains/links/{links["无人机"]}/enterprises", new { enterpriseId = leader })).StatusCode);
        var map = (await district.GetFromJsonAsync<ChainMapDto>($"/api/v1/chains/tracks/{trackId}", Json.Options))!;
        Assert.Equal((4, 2, 1), (map.Coverage.Links, map.Coverage.Covered, map.Coverage.Strong));
        Assert.Equal(LinkStrength.Strong, map.Nodes.Single(n => n.Id == links["无人机"]).Strength);
        Assert.Equal(LinkStrength.Some, map.Nodes.Single(n => n.Id == links["电机"]).Strength);
        Assert.Equal(LinkStrength.Gap, map.Nodes.Single(n => n.Id == links["eVTOL"]).Strength);

        // The service the goals page uses gives the same figures; another district's view counts none of them.
        using (var scope = app.Services.CreateScope())
        {
            var coverage = scope.ServiceProvider.GetRequiredService<ChainCoverage>();
            var service = await coverage.GetAsync(trackId);
            Assert.Equal((4, 2, 1), (service!.Links, service.Covered, service.Strong));
            var jiangdu = app.Use(d => d.Districts.Single(x => x.Name == "江都区").Id);
            Assert.Equal(0, (await coverage.GetAsync(trackId, jiangdu))!.Covered);
        }

        // Unlinking takes it back; the change is audited.
        Assert.Equal(HttpStatusCode.NoContent,
            (await district.DeleteAsync($"/api/v1/chains/links/{links["电机"]}/enterprises/{plain}")).StatusCode);
        Assert.Equal(1, (await CoverageAsync(district, trackId)).Covered);
        Assert.True(
            app.Use(
                d =>
                    d.AuditEntries.Any(
                        a => a.EntityType == nameof(EnterpriseChainLink)
                            && a.EntityKey == $"{plain},{links["电机"]}"
                            && a.Action == "Delete")));
    }

    /// <summary>
    /// The map page is kept with its rendering until something it shows changes: links and their enterprises (the registries),
    /// focus districts (the plans), and what moves no stamp (pending suggestions, 招商 leads) is read per request.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task MapPage_KeptWithItsRendering_FollowsEveryWriteItShows(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (trackId, links) = await OwnChainAsync(app);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, (await app.CreateUserAsync(Roles.District)).UserName!, FipApp.UserPassword);
        var page = $"/Chains/Track/{trackId}";
        // A link's row of the table: its strength, its enterprises and its pending suggestions.
        async Task<(string Strength, string Enterprises, string Pending)> Row(string link, string? url = null)
        {
            var html = await browser.GetStringAsync(url ?? page);
            var row = System.Text.RegularExpressions.Regex.Match(html,
                $"<tr data-link-id=\"{links[link]}\" data-strength=\"([a-z]+)\"[^>]*>(.*?)</tr>",
                System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.True(row.Success, html);
            var cells = System.Text.RegularExpressions.Regex.Matches(row.Groups[2].Value, "<td[^>]*>(.*?)</td>",
                System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value.Trim()).ToList();
            return (row.Groups[1].Value, cells[2], cells[4]);
        }
        Assert.Equal(("gap", "0", ""), await Row("电机"));
        Assert.Equal(("gap", "0", ""), await Row("电机")); // the kept rendering

        var motor = await NewEnterpriseAsync(app, "电机的研发");
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/chains/links/{links["电机"]}/enterprises", new { enterpriseId = motor })).StatusCode);
        Assert.Equal(("some", "1", ""), await Row("电机")); // an enterprise linked
        app.Use(d =>
        {
            d.EnterpriseQualifications.Add(new EnterpriseQualification { EnterpriseId = motor, Kind = QualificationKind.ChainLeader });
            return d.Save();
        });
        Assert.Equal(("strong", "1", ""), await Row("电机")); // its qualification makes the link strong

        var suggestion = app.Use(d =>
        {
            var s = new ChainSuggestion
            {
                EnterpriseId = motor,
                ChainLinkId = links["飞控系统"],
                Confidence = 0.9,
                MatchedWords = "飞控",
                State = SuggestionState.Pending,
                CreatedAt = DateTime.UtcNow
            };
            d.ChainSuggestions.Add(s);
            d.Save();
            return s.Id;
        });
        Assert.Equal(("gap", "0", "1"), await Row("飞控系统")); // a suggestion pending: it moves no stamp
        app.Use(d => d.ChainSuggestions.Where(s => s.Id == suggestion)
            .ExecuteUpdate(u => u.SetProperty(s => s.State, SuggestionState.Rejected)));
        Assert.Equal(("gap", "0", ""), await Row("飞控系统")); // and decided
        Assert.Contains($"data-open=\"{links["电机"]}\"", await browser.GetStringAsync($"{page}?link={links["电机"]}"),
            StringComparison.Ordinal);
        Assert.DoesNotContain("data-open=\"", (await browser.GetStringAsync(page)).Replace("data-open=\"\"", "", StringComparison.Ordinal),
            StringComparison.Ordinal);

        var jiangdu = app.Use(d => d.Districts.Single(x => x.ShortName == "江都区").Id);
        Assert.DoesNotContain("★ 江都区", await browser.GetStringAsync(page), StringComparison.Ordinal);
        app.Use(d =>
        {
            d.TrackFocusDistricts.Add(new TrackFocusDistrict { TrackId = trackId, DistrictId = jiangdu, SortOrder = 5 });
            return d.Save();
        });
        Assert.Contains("★ 江都区", await browser.GetStringAsync(page), StringComparison.Ordinal); // a plan's focus district added

        // The map of one district counts only its enterprises; deleted, the enterprise leaves a gap.
        var hanjiang = app.Use(d => d.Districts.Single(x => x.ShortName == "邗江区").Id);
        Assert.Equal(("strong", "1", ""), await Row("电机", $"{page}?district={hanjiang}"));
        Assert.Equal(("gap", "0", ""), await Row("电机", $"{page}?district={jiangdu}"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/enterprises/{motor}")).StatusCode);
        Assert.Equal(("gap", "0", ""), await Row("电机"));
        Assert.Equal(("gap", "0", ""), await Row("电机", $"{page}?district={hanjiang}"));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task GapExport_ListsExactlyTheUncoveredLinks_WithTheFocusDistricts(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (trackId, links) = await OwnChainAsync(app);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        await admin.PostAsJsonAsync($"/api/v1/chains/links/{links["飞控系统"]}/enterprises",
            new { enterpriseId = await NewEnterpriseAsync(app, "飞控") });
        await admin.PostAsJsonAsync($"/api/v1/chains/links/{links["eVTOL"]}/enterprises",
            new { enterpriseId = await NewEnterpriseAsync(app, "eVTOL", leader: true) });

        var response = await admin.GetAsync($"/api/v1/chains/tracks/{trackId}/gaps");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RegistriesApi.Xlsx, response.Content.Headers.ContentType!.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var sheet = TabularReader.Read(stream, "gaps.xlsx");
        var headers = sheet.Headers.ToList();
        Assert.Equal(["产业方向", "环节", "所属环节", "位置", "类型", "本地企业数", "薄弱原因", "规划重点布局板块"], headers);
        var kind = headers.IndexOf("类型");
        var gaps = sheet.Rows.Where(r => r.Cells[kind] == "缺链（无本地企业）").Select(r => r.Cells[1]).Order().ToList();
        Assert.Equal(["无人机", "电机"], gaps);
        var weak = Assert.Single(sheet.Rows, r => r.Cells[kind] != "缺链（无本地企业）");
        Assert.Equal("飞控系统", weak.Cells[1]);
        Assert.Equal("上游", weak.Cells[headers.IndexOf("位置")]);
        Assert.Contains("无龙头", weak.Cells[headers.IndexOf("薄弱原因")], StringComparison.Ordinal);
        Assert.All(sheet.Rows, r => Assert.Equal("邗江区", r.Cells[headers.IndexOf("规划重点布局板块")]));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task DistrictUser_CannotEditTheChainTree_PageOrApi(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (trackId, links) = await OwnChainAsync(app);
        var (district, user) = await app.ApiClientAsync(Roles.District);

        Assert.Equal(HttpStatusCode.Forbidden,
            (await district.PostAsJsonAsync($"/api/v1/chains/tracks/{trackId}/links", new { name = "板块新增" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await district.PutAsJsonAsync($"/api/v1/chains/links/{links["电机"]}", new { name = "改名" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await district.PostAsJsonAsync($"/api/v1/chains/links/{links["电机"]}/merge", new { into = links["飞控系统"] })).StatusCode);

        // Putting another district's enterprise on a link is refused too; their own district's is allowed.
        var jiangdu = await NewEnterpriseAsync(app, "电机", district: "江都区");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await district.PostAsJsonAsync($"/api/v1/chains/links/{links["电机"]}/enterprises", new { enterpriseId = jiangdu })).StatusCode);
        var unknown = await district.PostAsJsonAsync($"/api/v1/chains/links/{links["电机"]}/enterprises",
            new { creditCode = "91321003MA00000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("企业库中没有该统一社会信用代码的企业", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        var page = await browser.GetAsync($"/Chains/Edit/{links["电机"]}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(page.Headers.Location)).StatusCode);
        // The map page itself is open to them, but its add-link form is an admin's: posting it is refused.
        var add = await FipApp.PostFormAsync(browser, $"/Chains/Track/{trackId}?handler=Add",
            new Dictionary<string, string> { ["Input.Name"] = "板块新增" }, $"/Chains/Track/{trackId}");
        Assert.True(
            add.StatusCode is HttpStatusCode.Forbidden
                || add.Headers.Location?.PathAndQuery.StartsWith("/Accounts/AccessDenied", StringComparison.Ordinal) == true,
                $"{(int)add.StatusCode}");
        Assert.Equal("电机", app.Use(d => d.ChainLinks.Single(l => l.Id == links["电机"]).Name));
        Assert.False(app.Use(d => d.ChainLinks.Any(l => l.TrackId == trackId && l.Name == "板块新增")));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EnterpriseRecordPage_ChainPanelForms_LinkAndDecide_AndReturnToTheRecord(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (_, links) = await OwnChainAsync(app);
        var enterprise = await NewEnterpriseAsync(app, "电机");
        var suggestion = ChainSamples.PendingSuggestion(app, enterprise);
        var user = await app.CreateUserAsync(Roles.District, district: "邗江区");
        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        var record = $"/Registries/enterprises/{enterprise}";
        var html = await browser.GetStringAsync(record);
        // The panel is drawn by the chains feature, and its forms post to it.
        Assert.Contains("data-testid=\"enterprise-chains\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/Chains/Enterprise/{enterprise}?handler=Link\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/Chains/Enterprise/{enterprise}?handler=Decide\"", html, StringComparison.Ordinal);

        var linked = await FipApp.PostFormAsync(browser, $"/Chains/Enterprise/{enterprise}?handler=Link",
            new Dictionary<string, string> { ["linkId"] = links["电机"].ToString(System.Globalization.CultureInfo.InvariantCulture) },
            record);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal(record, linked.Headers.Location!.OriginalString);
        Assert.True(app.Use(d => d.EnterpriseChainLinks.Any(x => x.EnterpriseId == enterprise && x.ChainLinkId == links["电机"])));

        var decided = await FipApp.PostFormAsync(browser, $"/Chains/Enterprise/{enterprise}?handler=Decide",
            new Dictionary<string, string>
            { ["suggestion"] = suggestion.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "reject" },
                record);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(SuggestionState.Rejected, app.Use(d => d.ChainSuggestions.Single(x => x.Id == suggestion).State));
        Assert.Contains("电机", await browser.GetStringAsync(record), StringComparison.Ordinal);

        // Another enterprise's suggestion is not decided from this page; another district's enterprise is not linked.
        var other = await NewEnterpriseAsync(app, "电机", district: "江都区");
        var otherSuggestion = ChainSamples.PendingSuggestion(app, other);
        var wrong = await FipApp.PostFormAsync(browser, $"/Chains/Enterprise/{enterprise}?handler=Decide",
            new Dictionary<string, string>
            { ["suggestion"] = otherSuggestion.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "accept" },
                record);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var foreign = await FipApp.PostFormAsync(browser, $"/Chains/Enterprise/{other}?handler=Link",
            new Dictionary<string, string> { ["linkId"] = links["电机"].ToString(System.Globalization.CultureInfo.InvariantCulture) },
            record);
        Assert.True(foreign.StatusCode == HttpStatusCode.Forbidden
            || foreign.Headers.Location?.ToString().Contains("/Accounts/AccessDenied", StringComparison.Ordinal) == true,
            $"{(int)foreign.StatusCode} {foreign.Headers.Location}");
        Assert.False(app.Use(d => d.EnterpriseChainLinks.Any(x => x.EnterpriseId == other)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Admin_RenamesMovesAndMerges_EachAudited_BadInputExplained(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (trackId, links) = await OwnChainAsync(app);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var e = await NewEnterpriseAsync(app, "电机");
        await admin.PostAsJsonAsync($"/api/v1/chains/links/{links["电机"]}/enterprises", new { enterpriseId = e });

        Assert.Equal(HttpStatusCode.OK,
            (await admin.PutAsJsonAsync($"/api/v1/chains/links/{links["电机"]}",
                new { name = "航空电机", parentId = links["整机"], terms = "驱动电机、电驱" })).StatusCode);
        var moved = app.Use(d => d.ChainLinks.AsNoTracking().Single(l => l.Id == links["电机"]));
        Assert.Equal(("航空电机", links["整机"], "驱动电机|电驱"), (moved.Name, moved.ParentId!.Value, moved.Terms));

        var cycle = await admin.PutAsJsonAsync($"/api/v1/chains/links/{links["整机"]}", new { name = "整机", parentId = links["无人机"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle.StatusCode);
        Assert.Contains("不能移到自身或其下级环节之下", await cycle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var empty = await admin.PostAsJsonAsync($"/api/v1/chains/tracks/{trackId}/links", new { name = " " });
        Assert.Contains("请填写环节名称", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var merge = await admin.PostAsJsonAsync($"/api/v1/chains/links/{links["电机"]}/merge", new { into = links["eVTOL"] });
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        var map = (await admin.GetFromJsonAsync<ChainMapDto>($"/api/v1/chains/tracks/{trackId}", Json.Options))!;
        Assert.DoesNotContain(map.Nodes, n => n.Id == links["电机"]);
        var target = map.Nodes.Single(n => n.Id == links["eVTOL"]);
        Assert.Equal(1, target.Enterprises);
        Assert.Contains("航空电机", target.Terms);
        var audited =
            app.Use(
                d => d.AuditEntries
                    .Where(
                        a => a.EntityType == nameof(ChainLink)
                            && a.EntityKey == links["电机"].ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Select(a => a.Action)
                    .ToList());
        Assert.Contains("Create", audited);
        Assert.True(audited.Count(a => a == "Update") >= 2); // rename/move, then merge
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SuggestionRun_IsOneTransaction_NothingKeptWhenItsTransactionRollsBack(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (trackId, _) = await OwnChainAsync(app);
        var e = await NewEnterpriseAsync(app, "无人驾驶航空器的研发、生产；飞行控制系统的技术开发", trackId: trackId);
        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            var report = await scope.ServiceProvider.GetRequiredService<ChainSuggester>().RunAsync(e);
            Assert.True(report.Suggestions > 0);
            Assert.True(await context.ChainSuggestions.AnyAsync(s => s.EnterpriseId == e)); // saved inside the transaction…
            await transaction.RollbackAsync();
        }
        Assert.False(app.Use(d => d.ChainSuggestions.Any(s => s.EnterpriseId == e))); // …and gone with it, audit line too
        var key = e.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(app.Use(d => d.AuditEntries.Any(a => a.EntityType == nameof(ChainSuggestion) && a.EntityKey == key)));

        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var run = await admin.PostAsJsonAsync("/api/v1/chains/suggestions/run", new { enterpriseId = e });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.True(app.Use(d => d.ChainSuggestions.Any(s => s.EnterpriseId == e))); // its own transaction commits
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Suggestions_AreComputedFromTheScope_Accepted_AndRejectedOnesNeverReturn(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (trackId, links) = await OwnChainAsync(app);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        // Registered for the test's own track, so its links rank above the same words on other tracks.
        var e = await NewEnterpriseAsync(app, "无人驾驶航空器的研发、生产；飞行控制系统的技术开发", trackId: trackId);
        var run = await admin.PostAsJsonAsync("/api/v1/chains/suggestions/run", new { enterpriseId = e });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var suggestions = (await admin.GetFromJsonAsync<List<SuggestionDto>>($"/api/v1/chains/suggestions?enterprise={e}", Json.Options))!;
        var drone = Assert.Single(suggestions, s => s.LinkId == links["无人机"]);
        var flight = Assert.Single(suggestions, s => s.LinkId == links["飞控系统"]);
        Assert.Contains("无人驾驶航空器", drone.MatchedWords);
        Assert.Contains("飞行控制系统", flight.MatchedWords);

        var (district, _) = await app.ApiClientAsync(Roles.District);
        Assert.Equal(HttpStatusCode.OK,
            (await district.PostAsJsonAsync("/api/v1/chains/suggestions/decide",
                new { ids = new[] { drone.Id }, accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await district.PostAsJsonAsync("/api/v1/chains/suggestions/decide",
                new { ids = new[] { flight.Id }, accept = false })).StatusCode);
        Assert.True(
            app.Use(
                d =>
                    d.EnterpriseChainLinks.Any(
                        x => x.EnterpriseId == e && x.ChainLinkId == links["无人机"] && x.Source == ChainLinkSource.Suggestion)));

        await admin.PostAsJsonAsync("/api/v1/chains/suggestions/run", new { enterpriseId = e });
        Assert.DoesNotContain((
            await admin.GetFromJsonAsync<List<SuggestionDto>>($"/api/v1/chains/suggestions?enterprise={e}", Json.Options))!,
            s => s.LinkId == links["飞控系统"] || s.LinkId == links["无人机"]);

        // A district user may not decide for another district's enterprise.
        var other = await NewEnterpriseAsync(app, "电动垂直起降飞行器的研发", district: "江都区", trackId: trackId);
        await admin.PostAsJsonAsync("/api/v1/chains/suggestions/run", new { enterpriseId = other });
        var foreign = app.Use(d => d.ChainSuggestions.First(s => s.EnterpriseId == other).Id);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await district.PostAsJsonAsync("/api/v1/chains/suggestions/decide",
                new { ids = new[] { foreign }, accept = true })).StatusCode);
        var none = await district.PostAsJsonAsync("/api/v1/chains/suggestions/decide", new { ids = Array.Empty<int>(), accept = true });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("请至少选择一条建议", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
