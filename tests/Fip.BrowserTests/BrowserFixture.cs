using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Fip.BrowserTests;

/// <summary>The platform on a real Kestrel port (SQLite) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminPassword = "Admin-First-2024!";
    public const string UserPassword = "User-Pass-2024!";
    public static readonly string RepoRoot = FindRepoRoot();
    public static readonly string Screenshots = Path.Combine(RepoRoot, "artifacts", "screenshots");

    private readonly string _dbFile = Path.Combine(Path.GetTempPath(), $"fip-browser-{Guid.NewGuid():N}.db");

    /// <summary>
    /// The run's own temporary folder: the app's attachments and the files the journeys upload and download, removed with the
    /// fixture (each run used to leave its uploads and attachments behind in the system's temporary folder).
    /// </summary>
    public string Scratch { get; } = Directory.CreateTempSubdirectory("fip-browser-").FullName;

    /// <summary>A path for a file named <paramref name="name"/> in a new folder of <see cref="Scratch"/>.</summary>
    public string ScratchFile(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(Scratch, Guid.NewGuid().ToString("N"))).FullName, name);
    private App? _app;
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string AxeSource { get; private set; } = "";

    private sealed class App(string connectionString, string attachments) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("FIP_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("Logging:File:Enabled", "false");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Filing:Deadline", "12-31");
            builder.UseSetting("Storage:Attachments", attachments);
            // Every page signs in from 127.0.0.1: the per-address limit on password forms (tested by the integration tests) would
            // throttle the journeys.
            builder.UseSetting("RateLimits:PasswordAttempts", "1000");
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        AxeSource = await File.ReadAllTextAsync(Path.Combine(RepoRoot, "src", "Fip.Web", "wwwroot", "lib", "axe-core", "axe.min.js"));
        _app = new App($"Data Source={_dbFile}", Path.Combine(Scratch, "attachments"));
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services
            .GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses
            .First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        // Debian's Chromium only: never let Playwright download a browser.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FIP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        foreach (var f in new[] { _dbFile, _dbFile + "-wal", _dbFile + "-shm" }) File.Delete(f);
        Directory.Delete(Scratch, recursive: true);
    }

    /// <summary>The running app's services, for arranging data a test needs.</summary>
    public IServiceProvider Services => _app!.Services;

    public async Task<AppUser> CreateUserAsync(string role, string? district = "邗江区", string? enterprise = null,
        string department = "市科技局")
    {
        using var scope = _app!.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var name = $"{role}-{Guid.NewGuid():N}"[..16];
        var result =
            await accounts.CreateAsync(
                new AccountInput(name, $"测试{name[..4]}", role, role == Roles.Department ? department : null,
                    role == Roles.District ? district : null, enterprise, null)
                { BindWithoutRecord = true }, UserPassword,
                mustChangePassword: false);
        Assert.True(result.Succeeded);
        return result.User!;
    }

    /// <summary>Runs work against the app's database in a scope of its own.</summary>
    public async Task WithDbAsync(Func<FipDbContext, IServiceProvider, Task> work)
    {
        using var scope = _app!.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<FipDbContext>(), scope.ServiceProvider);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            // Lets the test inject axe-core into pages whose CSP forbids inline script.
            BypassCSP = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// What is wrong with the page's ECharts charts as drawn: the toolbox's icon over a label, legend entry or plot area; two labels
    /// over each other; a colour scale without its ends' numbers, or painting a cell of its low end in another colour. Empty when
    /// every chart is right. <paramref name="charts"/> selects the chart elements; <paramref name="toolbox"/>: each must have one.
    /// </summary>
    public static Task<string[]> ChartProblemsAsync(IPage page, string charts = "[data-chart]", bool toolbox = true) =>
        page.EvaluateAsync<string[]>("""
        ([charts, toolbox]) => [...document.querySelectorAll(charts)].filter(el => echarts.getInstanceByDom(el)).length === 0
          ? ['no chart drawn in ' + charts] : [...document.querySelectorAll(charts)].flatMap(el => {
          const c = echarts.getInstanceByDom(el);
          if (!c) return [];
          const rect = g => { const r = g.getBoundingRect().clone(); r.applyTransform(g.getComputedTransform()); return r; };
          const name = (el.dataset.chart || el.dataset.cockpitChart || el.id) + (el.dataset.field ? '/' + el.dataset.field : '');
          const out = [];
          const tb = c.getModel().getComponent('toolbox');
          if (toolbox && !tb) return [name + ': no toolbox'];
          const tools = tb ? c.getViewOfComponentModel(tb).group : null;
          const box = tools ? rect(tools) : null;
          if (toolbox && box.width === 0) return [name + ': toolbox not drawn'];
          const legend = c.getModel().getComponent('legend');
          if (box && legend && rect(c.getViewOfComponentModel(legend).group).intersect(box)) out.push(name + ': legend');
          const grid = c.getModel().getComponent('grid');
          if (box && grid && grid.coordinateSystem.getRect().intersect(box)) out.push(name + ': plot area');
          const inToolbox = t => { for (let p = t; p; p = p.parent) if (p === tools) return true; return false; };
          c.getZr().storage.getDisplayList(true)
            .filter(t => t.style && t.style.text != null && String(t.style.text).length > 0 && !t.ignore && !t.invisible
              && t.style.opacity !== 0 && !inToolbox(t))
            .forEach(t => { if (box && rect(t).intersect(box)) out.push(name + ': label "' + t.style.text + '"'); });
          // No two labels over each other (the heat map's slanted district names ran into each other on a phone).
          const texts = c.getZr().storage.getDisplayList(true)
            .filter(t => t.style && t.style.text != null && String(t.style.text).length > 0 && !t.ignore && !t.invisible
              && t.style.opacity !== 0 && !inToolbox(t))
            .map(t => ({ text: String(t.style.text), box: rect(t) }));
          for (let i = 0; i < texts.length; i++)
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i].box, b = texts[j].box;
              const overlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1
                && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;
              if (overlap) out.push(name + ': "' + texts[i].text + '" over "' + texts[j].text + '"');
            }
          // A colour scale says what its ends are.
          const scale = c.getModel().getComponent('visualMap');
          if (scale && !(scale.get('text') || []).length) out.push(name + ': a colour scale without numbers');
          // ... and a cell of the scale's low end is painted its low colour (the heat map painted empty cells the darkest, by
          // another field of the cell).
          if (scale) {
            const norm = x => { const g = document.createElement('canvas').getContext('2d'); g.fillStyle = x; return g.fillStyle; };
            const low = norm(scale.get('inRange').color[0]);
            c.getModel().getSeries().filter(s => s.subType === 'heatmap').forEach(s => {
              const data = s.getData();
              for (let i = 0; i < data.count(); i++) {
                const v = data.getValues(i)[2];
                const fill = norm(data.getItemVisual(i, 'style').fill);
                if (v === scale.get('min') && fill !== low)
                  out.push(name + ': a cell of ' + v + ' painted ' + fill + ', not ' + low);
              }
            });
          }
          return out;
        })
        """, new object[] { charts, toolbox });

    /// <summary>Saves a full-page screenshot and runs axe-core; fails on serious or critical violations.</summary>
    public async Task CheckPageAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeSource });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        var problems = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(problems.Count == 0, $"axe on {name} ({page.Url}):\n" + string.Join("\n", problems));
    }

    public async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/Accounts/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fip.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
