using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Fip.BrowserTests;

/// <summary>
/// Every download in the app, as each role meets it: from the navigation, every page it links to (one page per route, the
/// record pages included), every link that leads to a file is clicked, and the file must arrive and open (.xlsx and .docx
/// with the OpenXML SDK). A link a page offers as a download that gives no file (the 导出招商清单 buttons once pointed at
/// ".../gaps@q", a 404) fails the test with the page it sits on.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class DownloadJourneyTests(BrowserFixture fixture)
{
    /// <summary>How many pages one role's walk may visit (one per route pattern; the app has far fewer).</summary>
    private const int MaxPages = 120;

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Department)]
    [InlineData(Roles.District)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Enterprise)]
    public async Task EveryDownloadReachableFromTheNavigation_GivesAFileThatOpens(string role)
    {
        var user = role == Roles.Enterprise ? await EnterpriseUserAsync() : await fixture.CreateUserAsync(role);
        var page = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(page, user.UserName!, BrowserFixture.UserPassword);
        await page.WaitForURLAsync(u => !u.Contains("/Accounts/Login", StringComparison.Ordinal));

        var start = await LinksAsync(page);
        var queue = new Queue<(string Url, int Depth)>(start.Where(l => l.InNav).Select(l => (l.Href, 0)));
        queue.Enqueue(("/", 0));
        var seenPages = new HashSet<string>(StringComparer.Ordinal);
        var clicked = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var files = new List<string>();
        var downloadDir = Directory.CreateTempSubdirectory("fip-downloads-").FullName;
        while (queue.Count > 0 && seenPages.Count < MaxPages)
        {
            var (url, depth) = queue.Dequeue();
            if (!seenPages.Add(Pattern(url))) continue;
            var response = await page.GotoAsync(url);
            if (response is null || !response.Ok || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html",
                    StringComparison.Ordinal)) continue;
            foreach (var link in await LinksAsync(page))
            {
                if (IsDownload(link.Href))
                {
                    if (!clicked.Add(link.Href)) continue;
                    var outcome = await DownloadAsync(page, link, downloadDir);
                    if (outcome.Problem is { } p) problems.Add($"{url}: \"{link.Text}\" ({link.Href}): {p}");
                    else files.Add(outcome.File!);
                    if (page.Url != new Uri(new Uri(fixture.BaseUrl), url).ToString()) await page.GotoAsync(url);
                }
                else if (depth < 1 && IsPage(link.Href)) queue.Enqueue((link.Href, depth + 1));
            }
        }
        Directory.Delete(downloadDir, true);
        Assert.True(problems.Count == 0, $"{role}: downloads that gave no usable file:\n" + string.Join("\n", problems));
        // Every role but the enterprise's meets the registry exports at least; the walk must have found some files.
        Assert.True(files.Count >= (role == Roles.Enterprise ? 0 : 2),
            $"{role}: only {files.Count} downloads found ({string.Join(", ", files)})");
    }

    private sealed record PageLink(string Href, string Text, bool InNav);

    private static async Task<IReadOnlyList<PageLink>> LinksAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<string[][]>("""
            () => Array.from(document.querySelectorAll('a[href]')).map(a => [a.getAttribute('href'),
              (a.textContent || '').trim().slice(0, 40), a.closest('nav.navbar, header nav, #main-nav') ? '1' : '0'])
            """);
        return [.. raw.Where(r => r[0].StartsWith('/') && !r[0].StartsWith("//", StringComparison.Ordinal))
            .Select(r => new PageLink(r[0], r[1], r[2] == "1"))];
    }

    /// <summary>A link that leads to a file: the API (pages link to it only for files), an export handler or a format.</summary>
    internal static bool IsDownload(string href)
    {
        var path = href.Split('?', '#')[0];
        return (path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/api/docs", StringComparison.Ordinal))
            || DownloadQuery().IsMatch(href) || path.EndsWith("/Export", StringComparison.Ordinal);
    }

    /// <summary>A page to walk to: not an action (sign-out, language switch), not a handler, not an anchor.</summary>
    private static bool IsPage(string href) =>
        !href.StartsWith("/culture/", StringComparison.Ordinal) && !href.StartsWith("/Accounts/Logout", StringComparison.Ordinal)
        && !href.Contains("handler=", StringComparison.Ordinal) && !href.StartsWith("/api/", StringComparison.Ordinal)
        && !href.StartsWith("/lib/", StringComparison.Ordinal) && !href.StartsWith("/css/", StringComparison.Ordinal);

    /// <summary>One page per route: numbers and the query string do not make another page.</summary>
    private static string Pattern(string href) => Numbers().Replace(href.Split('?', '#')[0], "N").TrimEnd('/');

    private sealed record Outcome(string? File, string? Problem);

    private static async Task<Outcome> DownloadAsync(IPage page, PageLink link, string dir)
    {
        var anchor = page.Locator($"a[href=\"{link.Href.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]").First;
        IDownload download;
        try
        {
            download = await page.RunAndWaitForDownloadAsync(async () =>
            {
                if (await anchor.IsVisibleAsync()) await anchor.ClickAsync();
                else await anchor.EvaluateAsync("a => a.click()");
            }, new PageRunAndWaitForDownloadOptions { Timeout = 30000 });
        }
        catch (TimeoutException)
        {
            return new Outcome(null, $"no file arrived (the browser shows {page.Url})");
        }
        if (await download.FailureAsync() is { } failure) return new Outcome(null, failure);
        var name = download.SuggestedFilename;
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + Path.GetExtension(name));
        await download.SaveAsAsync(path);
        return Opens(path, name) is { } problem ? new Outcome(null, problem) : new Outcome(name, null);
    }

    /// <summary>Null when the file opens as what its name says; else what is wrong.</summary>
    internal static string? Opens(string path, string name)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) return $"{name} is empty";
        try
        {
            switch (Path.GetExtension(name).ToLowerInvariant())
            {
                case ".xlsx":
                    using (var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
                        if (doc.WorkbookPart?.WorksheetParts.Any() != true) return $"{name} has no worksheet";
                    break;
                case ".docx":
                    using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
                        if (doc.MainDocumentPart?.Document.Body is null) return $"{name} has no body";
                    break;
                case ".csv":
                    if (!Encoding.UTF8.GetString(bytes).Contains('\n', StringComparison.Ordinal)) return $"{name} has no rows";
                    break;
                case "":
                    return $"\"{name}\" has no extension";
            }
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException
            or System.IO.IOException)
        {
            return $"{name} does not open: {e.Message}";
        }
        return null;
    }

    private async Task<AppUser> EnterpriseUserAsync()
    {
        var code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321002", new Random(Environment.TickCount));
        await fixture.WithDbAsync(async (db, _) =>
        {
            db.Enterprises.Add(new Enterprise
            {
                CreditCode = code,
                Name = "扬州下载测试科技有限公司" + code[^4..],
                DistrictId = await db.Districts.Where(d => d.Name == "邗江区").Select(d => d.Id).SingleAsync(),
                BusinessScope = "一般项目：软件开发",
            });
            await db.SaveChangesAsync();
        });
        return await fixture.CreateUserAsync(Roles.Enterprise, enterprise: code);
    }

    [GeneratedRegex(@"[?&](handler=(Export|Breakdown|Scorecard|Bulletin)|format=(xlsx|csv|docx))", RegexOptions.IgnoreCase)]
    private static partial Regex DownloadQuery();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
