using System.Globalization;
using System.Net;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Scenarios;

namespace Fip.IntegrationTests;

/// <summary>The expert pool's page in English (issue 19 item 3), whether or not the crawl reaches it: the list, the list with
/// deactivated experts, the edit form and a refusal's error line hold no Chinese outside data values, for a keeper and for an
/// enterprise (phones masked).</summary>
public sealed partial class EnglishPagesTests
{
    [Fact]
    public async Task TheExpertPool_InEnglish_HasNoChineseOutsideDataValues()
    {
        var app = _demo.App;
        var expert = app.Use(d => d.Set<ScenarioExpert>().Where(e => e.IsDemo).OrderByDescending(e => e.Id).Select(e => e.Id).First());
        var admin = (await app.CreateUserAsync(Roles.Admin)).UserName!;
        var findings = new List<string>();
        foreach (var (user, password) in new[] { (admin, FipApp.UserPassword), ("demo-enterprise", DemoPassword) })
        {
            var client = app.BrowserClient();
            Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(client, user, password)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture/en?returnUrl=%2F")).StatusCode);
            var pages = new List<(string Path, string Html)>();
            foreach (var path in new[] { "/Scenarios/Experts", "/Scenarios/Experts?all=true" })
                pages.Add((path, await client.GetStringAsync(path)));
            Assert.Contains("data-testid=\"expert\"", pages[0].Html, StringComparison.Ordinal);
            if (user == admin)
            {
                var edit = $"/Scenarios/Experts?edit={expert.ToString(CultureInfo.InvariantCulture)}";
                pages.Add((edit, await client.GetStringAsync(edit)));
                Assert.Contains("data-testid=\"expert-form\"", pages[^1].Html, StringComparison.Ordinal);
                var token = FipApp.AntiforgeryToken(pages[0].Html);
                var refused = await client.PostAsync("/Scenarios/Experts?handler=Save", new FormUrlEncodedContent(
                [
                    new("name", ""), new("organisation", "Yangzhou University"), new("fields", "UAV"),
                    new("__RequestVerificationToken", token),
                ]));
                var error = await client.GetStringAsync(refused.Headers.Location!.ToString());
                Assert.Contains("Name: Required.", error, StringComparison.Ordinal);
                pages.Add(("refusal", error));
            }
            var data = DataRuns(app.ConnectionString);
            foreach (var (path, html) in pages)
                foreach (var (run, context, masked) in ChineseRuns(html))
                    if (!data.Accepts(run, masked)) findings.Add($"{user} {path}: 「{run}」 in …{context}…");
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings.Distinct()));
    }
}
