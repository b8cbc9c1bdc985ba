using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

public partial class PlanImportTests
{
    private static readonly string Sample =
        File.ReadAllText(Path.Combine(RepoRoot(), "samples", "policies", "yangzhou-future-industries-2024.txt"));

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ImportPage_NonAdmin_IsRefused(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Department);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword);
        var response = await client.GetAsync("/Plans/Import");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Upload_OtherFileTypesAndDamagedFiles_AreRefusedWithTheReason(DatabaseProvider db)
    {
        var client = await AdminClientAsync(FipApp.For(db));
        var pdf = await UploadAsync(client, "policy.pdf", Encoding.UTF8.GetBytes("%PDF-1.4"));
        Assert.Contains("data-testid=\"import-errors\"", pdf, StringComparison.Ordinal);
        Assert.Contains(".pdf", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"DraftJson\"", pdf, StringComparison.Ordinal);

        var docx = await UploadAsync(client, "policy.docx", Encoding.UTF8.GetBytes("not a zip"));
        Assert.Contains("data-testid=\"import-errors\"", docx, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"DraftJson\"", docx, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Upload_Correct_Review_AcceptAsRevision_KeepsIdsAndShowsWhatChanges(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var client = await AdminClientAsync(app);
        var before = app.Use(d => d.Plans.Single(p => p.IsCurrent).Id);
        var keyProducts = app.Use(d => d.Targets.Single(t => t.PlanId == before && t.Indicator == "关键产品").Id);
        var lowAltitude = app.Use(d => d.Tracks.Single(t => t.PlanId == before && t.Name == "低空经济").Id);
        var humanoid = app.Use(d => d.Tracks.Single(t => t.PlanId == before && t.Name == "类人机器人").Id);
        await app.WithAsync<FipDbContext, int>(async d =>
        {
            d.Scenarios.Add(
                new Scenario
                {
                    Name = "人形机器人导览场景",
                    TrackId = humanoid,
                    Owner = "测试",
                    DistrictId = d.Districts.First().Id,
                    CreatedAt = DateTime.UtcNow,
                    UpdatedAt = DateTime.UtcNow
                });
            return await d.SaveChangesAsync();
        });

        var page = await UploadAsync(client, "扬州指导意见.txt", Encoding.UTF8.GetBytes(Sample));
        var draft = DraftOf(page);
        Assert.Equal(13, draft.Tracks.Count);
        Assert.Contains(draft.Targets, t => t.Indicator == "骨干企业" && t.Value is null);
        Assert.Contains("class=\"q q-target\"", page, StringComparison.Ordinal);
        Assert.Contains("推出50个以上关键产品", page, StringComparison.Ordinal);

        // The admin removes a track, raises a target, moves a track to another tier and names a lead unit.
        var fields = Fields(page, draft);
        fields[$"Tracks[{draft.Tracks.FindIndex(t => t.Name == "类人机器人")}].Remove"] = "true";
        var products = draft.Targets.FindIndex(t => t.Indicator == "关键产品");
        fields[$"Targets[{products}].Value"] = "60";
        fields[$"Targets[{products}].Year"] = "2029";
        fields[$"Tracks[{draft.Tracks.FindIndex(t => t.Name == "氢能")}].Tier"] = "focus";
        fields[$"Tracks[{draft.Tracks.FindIndex(t => t.Name == "氢能")}].Focus"] = "仪征市";
        fields["Programmes[0].Lead"] = "市科技局";

        var review = await PostAsync(client, "Review", fields);
        Assert.Contains("data-testid=\"import-changes\"", review, StringComparison.Ordinal);
        Assert.Contains("类人机器人", Section(review, "import-changes"), StringComparison.Ordinal);
        Assert.Contains("人形机器人导览场景", review, StringComparison.Ordinal);
        Assert.Contains("≥60 个", review, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"accept-revision\"", review, StringComparison.Ordinal);
        Assert.DoesNotContain("骨干企业", Section(review, "import-changes"), StringComparison.Ordinal);

        // Every track has a seeded chain map, curated work a revision may not drop: the removal is refused, with the track named,
        // until the chain map of 类人机器人 is taken down.
        var refused = await PostAsync(client, "Accept",
            new Dictionary<string, string>(Fields(review, DraftOf(review))) { ["mode"] = "revision" });
        Assert.Matches("data-testid=\"import-errors\">[^<]*<ul[^>]*>[^<]*<li>[^<]*类人机器人", refused);
        var humanoidTrack = app.Use(d =>
        {
            var humanoid = d.Tracks.Single(t => t.PlanId == before && t.Name == "类人机器人").Id;
            var links = d.ChainLinks.Where(l => l.TrackId == humanoid).ToList();
            var ids = links.Select(l => l.Id).ToList();
            d.RemoveRange(d.EnterpriseChainLinks.Where(e => ids.Contains(e.ChainLinkId)));
            d.RemoveRange(d.ChainSuggestions.Where(e => ids.Contains(e.ChainLinkId)));
            d.Save();
            while (links.Count > 0)
            {
                var leaves = links.Where(l => !links.Any(c => c.ParentId == l.Id)).ToList();
                d.RemoveRange(leaves);
                d.Save();
                links = links.Except(leaves).ToList();
            }
            return humanoid;
        });
        var accepted = await PostAsync(client, "Accept",
            new Dictionary<string, string>(Fields(refused, DraftOf(refused))) { ["mode"] = "revision" }, expect: HttpStatusCode.Redirect);
        Assert.Equal($"/Plans/{before}", accepted);
        // The removed track's skill entries (seeded from its chain links) go with it; they named it by a required key.
        Assert.True(app.Use(d => d.Set<Fip.Web.Features.Demand.TalentSkill>().Any()));
        Assert.False(app.Use(d => d.Set<Fip.Web.Features.Demand.TalentSkill>().Any(s => s.TrackId == humanoidTrack)));

        Assert.Equal(before, app.Use(d => d.Plans.Single(p => p.IsCurrent).Id));
        Assert.Equal(1, app.Use(d => d.Plans.Count()));
        Assert.Equal(12, app.Use(d => d.Tracks.Count(t => t.PlanId == before)));
        Assert.Equal(lowAltitude, app.Use(d => d.Tracks.Single(t => t.PlanId == before && t.Name == "低空经济").Id));
        Assert.False(app.Use(d => d.Tracks.Any(t => t.Id == humanoid)));
        Assert.Null(app.Use(d => d.Scenarios.Single(s => s.Name == "人形机器人导览场景").TrackId));
        var hydrogen =
            app.Use(
                d => d.Tracks
                    .Include(t => t.Tier)
                    .Include(t => t.FocusDistricts)
                    .ThenInclude(f => f.District)
                    .Single(t => t.PlanId == before && t.Name == "氢能"));
        Assert.Equal("focus", hydrogen.Tier.Code);
        Assert.Equal(["仪征市"], hydrogen.FocusDistricts.Select(f => f.District.ShortName));
        // A target whose year changed is a different target: the old one goes, the new one is added.
        Assert.False(app.Use(d => d.Targets.Any(t => t.Id == keyProducts)));
        Assert.Equal(60m, app.Use(d => d.Targets.Single(t => t.PlanId == before && t.Indicator == "关键产品").Value));
        var first =
            app.Use(
                d => d.Programmes
                    .Include(p => p.Units)
                    .ThenInclude(u => u.Department)
                    .Single(p => p.PlanId == before && p.Title == "未来产业技术策源工程"));
        Assert.Equal(["市科技局"], first.Units.Where(u => u.Role == AssignmentRole.Lead).Select(u => u.Department.Name));
        Assert.True(
            app.Use(d => d.AuditEntries.Any(a => a.EntityType == nameof(Track) && a.Action == Fip.Web.Features.Audit.AuditActions.Delete)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Upload_AcceptAsNewPlan_BecomesCurrent_AndRegistryLinksFollowTheTracks(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var client = await AdminClientAsync(app);
        var old = app.Use(d => d.Plans.Single(p => p.IsCurrent).Id);
        var metaverse = app.Use(d => d.Tracks.Single(t => t.PlanId == old && t.Name == "元宇宙").Id);
        await app.WithAsync<FipDbContext, int>(async d =>
        {
            d.Scenarios.Add(
                new Scenario
                {
                    Name = "元宇宙文旅场景",
                    TrackId = metaverse,
                    Owner = "测试",
                    DistrictId = d.Districts.First().Id,
                    CreatedAt = DateTime.UtcNow,
                    UpdatedAt = DateTime.UtcNow
                });
            return await d.SaveChangesAsync();
        });

        var page = await UploadAsync(client, "扬州指导意见.txt", Encoding.UTF8.GetBytes(Sample));
        var draft = DraftOf(page);
        var fields = Fields(page, draft);
        fields[$"Tracks[{draft.Tracks.FindIndex(t => t.Name == "零碳负碳")}].Name"] = "零碳负碳产业";
        var review = await PostAsync(client, "Review", fields);
        Assert.Contains("零碳负碳产业", Section(review, "import-changes"), StringComparison.Ordinal);
        var location = await PostAsync(client, "Accept",
            new Dictionary<string, string>(Fields(review, DraftOf(review))) { ["mode"] = "new" }, expect: HttpStatusCode.Redirect);

        var plans = app.Use(d => d.Plans.OrderBy(p => p.Id).Select(p => new { p.Id, p.IsCurrent }).ToList());
        Assert.Equal(2, plans.Count);
        Assert.False(plans[0].IsCurrent);
        Assert.True(plans[1].IsCurrent);
        Assert.Equal($"/Plans/{plans[1].Id}", location);
        var newMetaverse = app.Use(d => d.Tracks.Single(t => t.PlanId == plans[1].Id && t.Name == "元宇宙").Id);
        Assert.Equal(newMetaverse, app.Use(d => d.Scenarios.Single(s => s.Name == "元宇宙文旅场景").TrackId));
        Assert.True(app.Use(d => d.ChainLinks.Any(l => l.TrackId == newMetaverse)));
        Assert.False(app.Use(d => d.ChainLinks.Any(l => l.TrackId == metaverse)));
        Assert.Equal("zero-carbon", app.Use(d => d.Tracks.Single(t => t.PlanId == plans[1].Id && t.Name == "零碳负碳产业").Code));
        // Goals keep counting: the new plan's targets are linked to the indicators the old ones used.
        Assert.True(app.Use(d => d.Targets.Where(t => t.PlanId == plans[1].Id && t.Indicator == "关键产品").All(t => t.IndicatorId != null)));

        var overview = await client.GetStringAsync("/Plans");
        Assert.Contains("零碳负碳产业", overview, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fip.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static async Task<HttpClient> AdminClientAsync(FipApp app)
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var client = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(client, admin.UserName!, FipApp.UserPassword)).StatusCode);
        return client;
    }

    private static async Task<string> UploadAsync(HttpClient client, string fileName, byte[] bytes)
    {
        var page = await client.GetStringAsync("/Plans/Import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(FipApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        var response = await client.PostAsync("/Plans/Import?handler=Upload", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields,
        HttpStatusCode expect = HttpStatusCode.OK)
    {
        var response = await client.PostAsync($"/Plans/Import?handler={handler}", new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        var main = body[Math.Max(0, body.IndexOf("<main", StringComparison.Ordinal))..]; // the page's message, not its head
        Assert.True(response.StatusCode == expect, $"{response.StatusCode}: {main[..Math.Min(main.Length, 3000)]}");
        return expect == HttpStatusCode.Redirect ? response.Headers.Location!.ToString() : body;
    }

    [GeneratedRegex("name=\"DraftJson\" value=\"([^\"]*)\"")]
    private static partial Regex DraftField();

    private static PlanDraft DraftOf(string html) => PlanDraft.FromJson(WebUtility.HtmlDecode(DraftField().Match(html).Groups[1].Value));

    private static string Section(string html, string testId)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, testId);
        return html[at..html.IndexOf("</section>", at, StringComparison.Ordinal)];
    }

    /// <summary>The form as the browser would post it, unchanged.</summary>
    private static Dictionary<string, string> Fields(string html, PlanDraft d)
    {
        var f = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FipApp.AntiforgeryToken(html),
            ["DraftJson"] = d.ToJson(),
        };
        for (var i = 0; i < d.Tracks.Count; i++)
        {
            f[$"Tracks[{i}].Name"] = d.Tracks[i].Name;
            f[$"Tracks[{i}].Tier"] = d.Tracks[i].Tier;
            f[$"Tracks[{i}].Focus"] = string.Join('、', d.Tracks[i].FocusDistricts);
        }
        for (var i = 0; i < d.Targets.Count; i++)
        {
            var t = d.Targets[i];
            f[$"Targets[{i}].Indicator"] = t.Indicator;
            f[$"Targets[{i}].Year"] = t.Year?.ToString(CultureInfo.InvariantCulture) ?? "";
            f[$"Targets[{i}].Comparator"] = t.Comparator?.ToString() ?? "";
            f[$"Targets[{i}].Value"] = t.Value?.ToString(CultureInfo.InvariantCulture) ?? "";
            f[$"Targets[{i}].Unit"] = t.Unit;
        }
        for (var i = 0; i < d.Programmes.Count; i++)
        {
            f[$"Programmes[{i}].Title"] = d.Programmes[i].Title;
            f[$"Programmes[{i}].Lead"] = string.Join('、', d.Programmes[i].Lead);
            f[$"Programmes[{i}].Co"] = string.Join('、', d.Programmes[i].Co);
        }
        return f;
    }
}
