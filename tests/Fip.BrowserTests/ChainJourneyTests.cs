using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Chains;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ChainJourneyTests(BrowserFixture fixture)
{
    private const string Gap = "#c0392b", Some = "#e0a800";

    [Fact]
    public async Task DistrictUser_OpensTheLowAltitudeMap_ClicksALink_AcceptsASuggestion_SeesTheColourChange()
    {
        // An enterprise of 邗江区 whose business scope names drones; suggestions computed for it.
        int enterpriseId, droneId, suggestionId;
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            var track = await db.Tracks.SingleAsync(t => t.Code == "low-altitude" && db.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent));
            droneId = await db.ChainLinks.Where(l => l.TrackId == track.Id && l.Name == "无人机").Select(l => l.Id).SingleAsync();
            Assert.False(await db.EnterpriseChainLinks.AnyAsync(x => x.ChainLinkId == droneId)); // a gap to begin with
            var enterprise = new Enterprise
            {
                CreditCode = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random(7007)),
                Name = "扬州浏览器链测航空科技有限公司",
                DistrictId = await db.Districts.Where(d => d.Name == "邗江区").Select(d => d.Id).SingleAsync(),
                BusinessScope = "一般项目：无人驾驶航空器的研发、生产；飞行控制系统的技术开发；货物进出口",
            };
            enterprise.Tracks.Add(new EnterpriseTrack { TrackId = track.Id });
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
            enterpriseId = enterprise.Id;
            await scope.ServiceProvider.GetRequiredService<ChainSuggester>().RunAsync(enterpriseId);
            suggestionId = await db.ChainSuggestions
                .Where(s => s.EnterpriseId == enterpriseId && s.ChainLinkId == droneId)
                .Select(s => s.Id)
                .SingleAsync();
        }

        var user = await fixture.CreateUserAsync(Roles.District);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        await page.GetByTestId("nav-chains").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "产业链图谱" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "低空经济", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "低空经济产业链图谱" })).ToBeVisibleAsync();
        await Expect(page.Locator("#chain-map[data-ready='true']")).ToBeVisibleAsync(new() { Timeout = 20000 });
        Assert.Equal(Gap, await ColourAsync(page, droneId));
        await Expect(page.Locator($"tr[data-link-id='{droneId}']")).ToHaveAttributeAsync("data-strength", "gap");
        var problems = await BrowserFixture.ChartProblemsAsync(page, "#chain-map", toolbox: false);
        Assert.True(problems.Length == 0, $"the low-altitude chain map: {string.Join("; ", problems)}");
        await fixture.CheckPageAsync(page, "40-chain-map");

        // Click the 无人机 node on the chart: the panel shows the link, its (no) enterprises and the suggestion with its reasons.
        var point = await page.EvaluateAsync<JsonElement>($"() => window.fipChain.pointOf({droneId})");
        await page.Mouse.ClickAsync((float)point.GetProperty("x").GetDouble(), (float)point.GetProperty("y").GetDouble());
        var panel = page.GetByTestId("link-panel");
        await Expect(panel.Locator("#panel-title")).ToHaveTextAsync("无人机");
        await Expect(panel).ToContainTextAsync("扬州浏览器链测航空科技有限公司");
        await Expect(panel.Locator($"[data-suggestion='{suggestionId}']")).ToContainTextAsync("无人驾驶航空器");
        await fixture.CheckPageAsync(page, "41-chain-link-panel");

        await panel.GetByTestId($"accept-{suggestionId}").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToContainTextAsync("已确认1条建议");
        await Expect(page.Locator("#chain-map[data-ready='true']")).ToBeVisibleAsync(new() { Timeout = 20000 });
        Assert.Equal(Some, await ColourAsync(page, droneId));
        await Expect(page.Locator($"tr[data-link-id='{droneId}']")).ToHaveAttributeAsync("data-strength", "some");
        await Expect(page.GetByTestId("link-panel")).ToContainTextAsync("本地企业（1家）");
        await fixture.CheckPageAsync(page, "42-chain-map-after-accept");

        // The enterprise's own page shows the link; the phone layout keeps the map reachable.
        await page.GotoAsync($"/Registries/enterprises/{enterpriseId}");
        await Expect(page.GetByTestId("enterprise-chains")).ToContainTextAsync("低空经济 · 无人机");
        var phone = await fixture.NewPageAsync(375, 812);
        await fixture.SignInAsync(phone, user.UserName!, BrowserFixture.UserPassword);
        await phone.GotoAsync(page.Url.Replace($"/Registries/enterprises/{enterpriseId}", "/Chains", StringComparison.Ordinal));
        await fixture.CheckPageAsync(phone, "43-chains-phone");
    }

    [Fact]
    public async Task Admin_RenamesALink_InEnglishToo_AndBadInputIsExplained()
    {
        var admin = await fixture.CreateUserAsync(Roles.Admin);
        int linkId, trackId;
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            trackId = await db.Tracks.Where(t => t.Code == "hydrogen").Select(t => t.Id).FirstAsync();
            linkId = await db.ChainLinks.Where(l => l.TrackId == trackId && l.Name == "工业用氢").Select(l => l.Id).SingleAsync();
        }
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, admin.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync($"/Chains/Link/{linkId}");
        await page.GetByTestId("edit-link").ClickAsync();
        await page.GetByLabel("环节名称").FillAsync(" ");
        await page.GetByLabel("环节名称").EvaluateAsync("e => e.removeAttribute('required')");
        await page.GetByTestId("save-link").ClickAsync();
        await Expect(page.GetByTestId("chain-error")).ToHaveTextAsync("请填写环节名称。");
        await fixture.CheckPageAsync(page, "44-chain-edit-error");
        await page.GetByLabel("环节名称").FillAsync("工业绿氢应用");
        await page.GetByLabel("同义词与关键词").FillAsync("绿氢化工、氢冶金、工业用氢");
        await page.GetByTestId("save-link").ClickAsync();
        await Expect(page.GetByTestId("flash")).ToHaveTextAsync("已保存。");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工业绿氢应用" })).ToBeVisibleAsync();

        // English: the map of the same track, on a phone.
        var phone = await fixture.NewPageAsync(375, 812);
        await fixture.SignInAsync(phone, admin.UserName!, BrowserFixture.UserPassword);
        await phone.GotoAsync($"/culture/en?returnUrl=/Chains/Track/{trackId}");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Hydrogen energy chain map" })).ToBeVisibleAsync();
        await Expect(phone.Locator("#chain-map[data-ready='true']")).ToBeAttachedAsync(new() { Timeout = 20000 });
        await Expect(phone.GetByTestId("chain-list")).ToContainTextAsync("Upstream");
        await fixture.CheckPageAsync(phone, "45-chain-map-phone-en");
    }

    /// <summary>Issue 16, hole 8: a link's name reached the tooltip as HTML (only the CSP stopped the script).</summary>
    [Fact]
    public async Task ALinkNamedLikeHtml_ShowsAsText_InTheMapsTooltip()
    {
        const string Hostile = "<img src=x onerror=window.__xss=1>";
        int trackId, linkId;
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            // A track no other journey looks at.
            var parent = await db.ChainLinks
                .Where(l => l.ParentId == null && l.Track.Code != "low-altitude" && l.Track.Code != "hydrogen"
                    && db.Plans.Any(p => p.Id == l.Track.PlanId && p.IsCurrent))
                .OrderByDescending(l => l.TrackId).FirstAsync();
            var link = new ChainLink
            { TrackId = parent.TrackId, ParentId = parent.Id, Name = Hostile, Position = parent.Position, SortOrder = 999 };
            db.ChainLinks.Add(link);
            await db.SaveChangesAsync();
            (trackId, linkId) = (parent.TrackId, link.Id);
        }
        var user = await fixture.CreateUserAsync(Roles.District);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        var response = await page.GotoAsync($"/Chains/Track/{trackId}");
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Expect(page.Locator("#chain-map[data-ready='true']")).ToBeVisibleAsync(new() { Timeout = 20000 });

        var point = await page.EvaluateAsync<JsonElement>($"() => window.fipChain.pointOf({linkId})");
        await page.Mouse.MoveAsync((float)point.GetProperty("x").GetDouble(), (float)point.GetProperty("y").GetDouble());
        var tooltip = page.Locator("#chain-map > div").Filter(new() { HasText = "onerror=window.__xss=1" });
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip).ToContainTextAsync(Hostile + " (0)");
        Assert.Equal(0, await page.Locator("#chain-map img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
        // The link list and the panel show the name as text too.
        await Expect(page.Locator($"tr[data-link-id='{linkId}']")).ToContainTextAsync(Hostile);

        // The shared helper every custom tooltip formatter uses, over the characters that matter.
        var escaped = await page.EvaluateAsync<string[]>(
            "() => ['<b>', 'a & b', '\"q\"', \"it's\", null, 42, '扬州'].map(window.fip.escapeHtml)");
        Assert.Equal(["&lt;b&gt;", "a &amp; b", "&quot;q&quot;", "it&#39;s", "", "42", "扬州"], escaped);
    }

    /// <summary>
    /// Issue 15 item 9: an exploratory (前瞻探索) track has its chain; clicking a link in the list below the map brings its
    /// panel into view (it opened out of sight before); its 招商 list downloads.
    /// </summary>
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task ExploratoryTrack_HasItsChain_AListClickScrollsThePanelIntoView(int width, int height)
    {
        int trackId, lastId;
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            trackId = await db.Tracks.Where(t => t.Code == "humanoid-robot" && db.Plans.Any(p => p.Id == t.PlanId && p.IsCurrent))
                .Select(t => t.Id).SingleAsync();
            lastId = await db.ChainLinks.Where(l => l.TrackId == trackId && l.Name == "服务与康养").Select(l => l.Id).SingleAsync();
        }
        var user = await fixture.CreateUserAsync(Roles.Department);
        var page = await fixture.NewPageAsync(width, height);
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Chains");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "类人机器人", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "类人机器人", Exact = true }).ClickAsync();
        await Expect(page.Locator("#chain-map[data-ready='true']")).ToBeAttachedAsync(new() { Timeout = 20000 });
        await Expect(page.GetByTestId("chain-list")).ToContainTextAsync("人形机器人整机");
        var problems = await BrowserFixture.ChartProblemsAsync(page, "#chain-map", toolbox: false);
        Assert.True(problems.Length == 0, $"the chain map at {width} px: {string.Join("; ", problems)}");

        // The last link of the list, read at the bottom of the page: the panel is out of sight.
        var link = page.Locator($"[data-link-open='{lastId}']");
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await Expect(page.GetByTestId("link-panel")).Not.ToBeInViewportAsync();
        await link.ClickAsync();
        await Expect(page.Locator("#panel-title")).ToHaveTextAsync("服务与康养");
        await Expect(page.GetByTestId("link-panel")).ToBeInViewportAsync();
        await Shot(page, $"chain-exploratory-panel-{width}");
        await fixture.CheckPageAsync(page, $"46-chain-exploratory-{width}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-gaps").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("类人机器人", download.SuggestedFilename, StringComparison.Ordinal);

        // The map saved as an image: a PNG named after the track, as large as the map drawn (twice, for print).
        var image = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("chain-save").ClickAsync());
        Assert.Equal("类人机器人.png", image.SuggestedFilename);
        var png = await File.ReadAllBytesAsync(await image.PathAsync());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var (pngWidth, pngHeight) = (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        var drawn = await page.Locator("#chain-map").BoundingBoxAsync();
        Assert.InRange(pngWidth, (int)(drawn!.Width * 2) - 2, (int)(drawn.Width * 2) + 2);
        Assert.InRange(pngHeight, (int)(drawn.Height * 2) - 2, (int)(drawn.Height * 2) + 2);
        // The print button opens the browser's print dialogue.
        await page.EvaluateAsync("() => { window.__printed = 0; window.print = () => window.__printed++; }");
        await page.GetByTestId("chain-print").ClickAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__printed"));
    }

    private static async Task Shot(IPage page, string name)
    {
        Directory.CreateDirectory("/tmp/shots-finish");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/shots-finish/{name}.png", FullPage = false });
    }

    private static async Task<string> ColourAsync(IPage page, int linkId) =>
        (await page.EvaluateAsync<string>($"() => window.fipChain.colourOf({linkId})")).ToLowerInvariant();
}
