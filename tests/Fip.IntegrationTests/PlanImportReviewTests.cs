using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>The import review of a document laid out unlike Yangzhou's: tiers asked for, sentence pieces refused, and the records a
/// revision unlinks shown a page at a time.</summary>
public partial class PlanImportTests
{
    /// <summary>开州's 实施意见 names its four directions without tier words.</summary>
    private static readonly string Unseen = File.ReadAllText(
        Path.Combine(RepoRoot(), "samples", "policies", "corpus", "kaizhou-chuangxin-qudong-shishi-yijian-2017.txt"));

    /// <summary>A piece of a sentence a parser once proposed as a track (a 三年行动方案's 印发 sentence).</summary>
    private const string SentencePiece = "印发泰州市未来产业";

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task UnseenLayout_AsksForTiers_RefusesSentencePieces_UntilTheAdminAnswers(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var client = await AdminClientAsync(app);
        var page = await UploadAsync(client, "开州实施意见.txt", Encoding.UTF8.GetBytes(Unseen));
        var draft = DraftOf(page);
        Assert.True(draft.Tracks.Count >= 2, string.Join("、", draft.Tracks.Select(t => t.Name)));
        Assert.All(draft.Tracks, t => Assert.True(t.TierAsked, t.Name));

        // The page says what it needs, in words: every row asks for its tier with an empty choice; the piece of a sentence is marked.
        Assert.Contains("data-testid=\"import-questions\"", page, StringComparison.Ordinal);
        Assert.Equal(draft.Tracks.Count, Regex.Count(page, "data-testid=\"tier-asked\""));
        Assert.Equal(draft.Tracks.Count, Regex.Count(page, "<option value=\"\" selected>— 请选择梯次 —</option>"));
        Assert.DoesNotContain("data-testid=\"fragment-note\"", page, StringComparison.Ordinal); // the parser proposes names only
        Assert.DoesNotContain(">other<", page, StringComparison.Ordinal);
        foreach (var tier in new[] { "重点培育", "延伸发展", "前瞻探索", "其他方向" })
            Assert.Contains($">{tier}</option>", page, StringComparison.Ordinal);

        // Reviewed as the browser posts it (the empty choice), with a sentence piece pasted over one name: refused, naming each track
        // and the piece, which the page now marks.
        const int fragment = 1;
        var fields = Fields(page, draft);
        for (var i = 0; i < draft.Tracks.Count; i++) fields[$"Tracks[{i}].Tier"] = "";
        fields[$"Tracks[{fragment}].Name"] = SentencePiece;
        var refused = await PostAsync(client, "Review", fields);
        var errors = Errors(refused);
        Assert.DoesNotContain("data-testid=\"import-changes\"", refused, StringComparison.Ordinal);
        foreach (var t in draft.Tracks.Where((_, i) => i != fragment))
            Assert.Contains($"请为“{t.Name}”选择梯次", errors, StringComparison.Ordinal);
        Assert.Contains($"“{SentencePiece}”读起来像句子的片段", errors, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(refused, "data-testid=\"fragment-note\""));
        var accepted = await PostAsync(client, "Accept", new Dictionary<string, string>(fields) { ["mode"] = "new" });
        Assert.Contains("data-testid=\"import-errors\"", accepted, StringComparison.Ordinal);
        Assert.Equal(1, app.Use(d => d.Plans.Count()));

        // Answered: the sentence piece removed, one track put in a tier the document does not name, the others in 其他方向.
        var answered = Fields(refused, DraftOf(refused));
        answered[$"Tracks[{fragment}].Remove"] = "true";
        const int explored = 0;
        for (var i = 0; i < draft.Tracks.Count; i++) answered[$"Tracks[{i}].Tier"] = i == explored ? "explore" : "other";
        var review = await PostAsync(client, "Review", answered);
        Assert.Empty(Errors(review));
        Assert.Contains("data-testid=\"import-changes\"", review, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"tier-asked\"", review, StringComparison.Ordinal);
        var reviewed = DraftOf(review);
        Assert.DoesNotContain(reviewed.Tracks, t => t.TierAsked);
        Assert.Equal(draft.Tracks.Count - 1, reviewed.Tracks.Count);

        var location = await PostAsync(client, "Accept",
            new Dictionary<string, string>(Fields(review, reviewed)) { ["mode"] = "new" }, expect: HttpStatusCode.Redirect);
        var planId = app.Use(d => d.Plans.Single(p => p.IsCurrent).Id);
        Assert.Equal($"/Plans/{planId}", location);
        var tiers = app.Use(d => d.Tracks.Where(t => t.PlanId == planId).Include(t => t.Tier)
            .Select(t => new { t.Name, Tier = t.Tier.Name }).ToList());
        Assert.Equal("前瞻探索", tiers.Single(t => t.Name == draft.Tracks[explored].Name).Tier);
        Assert.All(tiers.Where(t => t.Name != draft.Tracks[explored].Name), t => Assert.Equal("其他方向", t.Tier));
        Assert.DoesNotContain(tiers, t => t.Name == draft.Tracks[fragment].Name || t.Name == SentencePiece);
        Assert.Equal(draft.Tracks.Count - 1, tiers.Count);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Review_RecordsARemovedTrackUnlinks_ArePagedAndCounted(DatabaseProvider db)
    {
        using var app = FipApp.Start(db);
        var client = await AdminClientAsync(app);
        const int planted = 123;
        var hydrogen = app.Use(d => d.Tracks.Single(t => d.Plans.Any(p => p.IsCurrent && p.Id == t.PlanId) && t.Name == "氢能").Id);
        await app.WithAsync<FipDbContext, int>(async d =>
        {
            var district = await d.Districts.Select(x => x.Id).FirstAsync();
            for (var i = 0; i < planted; i++)
            {
                var e = new Enterprise
                {
                    CreditCode = RegistryTests.NewCreditCode(),
                    Name = $"分页测试氢能企业{i:000}",
                    DistrictId = district,
                };
                e.Tracks.Add(new EnterpriseTrack { TrackId = hydrogen });
                d.Enterprises.Add(e);
            }
            return await d.SaveChangesAsync();
        });
        var named = app.Use(d => d.EnterpriseTracks.Count(t => t.TrackId == hydrogen));

        var page = await UploadAsync(client, "扬州指导意见.txt", Encoding.UTF8.GetBytes(Sample));
        var draft = DraftOf(page);
        var fields = Fields(page, draft);
        fields[$"Tracks[{draft.Tracks.FindIndex(t => t.Name == "氢能")}].Remove"] = "true";
        var first = await PostAsync(client, "Review", fields);

        // Counted by kind, the enterprises among them; a page of 50, and the pager's buttons post the form for the next page.
        var groups = Between(first, "data-testid=\"import-affected-groups\"", "</ul>");
        Assert.Contains($"氢能 · 企业库 · {named} 条", groups, StringComparison.Ordinal);
        var total = int.Parse(Regex.Match(first, "以下 (\\d+) 条登记记录").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= named, $"{total} < {named}");
        var pages = (total + PlanWriter.AffectedPageSize - 1) / PlanWriter.AffectedPageSize;
        Assert.Contains($"<span class=\"page-link\">1 / {pages}</span>", first, StringComparison.Ordinal);
        Assert.Matches(
            "<button class=\"page-link\"[^>]*formaction=\"/Plans/Import\\?handler=Review\" name=\"RecordsPage\" value=\"2\"", first);

        var links = new List<string>();
        for (var p = 1; p <= pages; p++)
        {
            var shown = p == 1 ? first : await PostAsync(client, "Review",
                new Dictionary<string, string>(fields) { ["RecordsPage"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var items = Regex.Matches(Between(shown, "data-testid=\"import-affected\"", "</ul>"), "<li><a href=\"([^\"]+)\"")
                .Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(p < pages ? PlanWriter.AffectedPageSize : total - (pages - 1) * PlanWriter.AffectedPageSize, items.Count);
            links.AddRange(items);
        }
        Assert.Equal(total, links.Distinct().Count());
        Assert.Equal(named, links.Count(l => l.StartsWith("/Registries/enterprises/", StringComparison.Ordinal)));

        // A page past the last shows the last; every listed link opens.
        var past = await PostAsync(client, "Review", new Dictionary<string, string>(fields) { ["RecordsPage"] = "999999" });
        Assert.Contains($"<span class=\"page-link\">{pages} / {pages}</span>", past, StringComparison.Ordinal);
        foreach (var link in links.Where((_, i) => i % 40 == 0))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
    }

    private static string Errors(string html) =>
        html.Contains("data-testid=\"import-errors\"", StringComparison.Ordinal)
            ? Between(html, "data-testid=\"import-errors\"", "</div>")
            : "";

    private static string Between(string html, string start, string end)
    {
        var at = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, start);
        return html[at..html.IndexOf(end, at, StringComparison.Ordinal)];
    }
}
