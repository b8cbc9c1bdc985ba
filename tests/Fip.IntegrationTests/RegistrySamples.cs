using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;

namespace Fip.IntegrationTests;

/// <summary>Registry records and requests in a caller's scope (邗江区, or the enterprise user's own enterprise), for the scope
/// matrix.</summary>
internal static class RegistrySamples
{
    private static readonly Dictionary<FipApp, HttpClient> Admins = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<HttpResponseMessage> AdminAsync(FipApp app, Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        HttpClient admin;
        await Gate.WaitAsync();
        try
        {
            if (!Admins.TryGetValue(app, out admin!)) Admins[app] = admin = (await app.ApiClientAsync(Roles.Admin)).Client;
        }
        finally { Gate.Release(); }
        var response = await call(admin);
        Assert.True(response.IsSuccessStatusCode,
            $"sample setup failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>The enterprise a caller may act for: their own (enterprise users) or a new one in 邗江区.</summary>
    private static async Task<string> EnterpriseFor(FipApp app, AppUser user)
    {
        var code = user.EnterpriseUscc ?? RegistryTests.NewCreditCode();
        if (!app.Use(d => d.Enterprises.Any(e => e.CreditCode == code)))
            await AdminAsync(app,
                a => a.PostAsJsonAsync("/api/v1/enterprises", new { creditCode = code, name = "扬州矩阵企业" + code[^6..], district = "邗江区" }));
        return code;
    }

    public static async Task<Dictionary<string, object?>> BodyAsync(FipApp app, AppUser user, string registry) => registry switch
    {
        "enterprises" => new()
        {
            ["creditCode"] = user.EnterpriseUscc ?? RegistryTests.NewCreditCode(),
            ["name"] = "扬州矩阵新企业" + Unique(),
            ["district"] = "邗江区"
        },
        "products" => new() { ["name"] = "矩阵产品" + Unique(), ["enterprise"] = await EnterpriseFor(app, user), ["stage"] = "研发" },
        "scenarios" => new()
        {
            ["name"] = "矩阵场景" + Unique(),
            ["owner"] = "扬州矩阵单位",
            ["district"] = "邗江区",
            ["kind"] = "需求",
            ["stage"] = "早期验证",
            ["status"] = "征集"
        },
        "parks" => new() { ["name"] = "矩阵园区" + Unique(), ["district"] = "邗江区", ["status"] = "规划" },
        "platforms" => new()
        { ["name"] = "矩阵平台" + Unique(), ["kind"] = "孵化器", ["level"] = "市级", ["host"] = "扬州矩阵单位", ["district"] = "邗江区" },
        "projects" => new()
        { ["name"] = "矩阵项目" + Unique(), ["enterprise"] = await EnterpriseFor(app, user), ["district"] = "邗江区", ["status"] = "储备" },
        "talents" => new()
        {
            ["name"] = "矩阵人才" + Unique(),
            ["category"] = "青年科技人才",
            ["employer"] = "扬州大学",
            ["employerKind"] = "高校",
            ["purpose"] = "核心人才库建设",
            ["consentOn"] = "2025-01-01"
        },
        "funds" => new() { ["name"] = "矩阵基金" + Unique(), ["kind"] = "天使基金", ["commitment"] = "1000" },
        "demands" => new()
        {
            ["name"] = "矩阵岗位" + Unique(),
            ["enterprise"] = await EnterpriseFor(app, user),
            ["headcount"] = "2",
            ["education"] = "本科",
            ["urgency"] = "紧急"
        },
        "needs" => new()
        {
            ["name"] = "矩阵融资需求" + Unique(),
            ["enterprise"] = await EnterpriseFor(app, user),
            ["amount"] = "500",
            ["kind"] = "均可",
            ["stage"] = "天使轮",
            ["postedOn"] = "2025-06-01"
        },
        "skills" => new() { ["name"] = "矩阵技能" + Unique(), ["track"] = app.Use(d => d.Tracks.OrderBy(t => t.Id).First().Name) },
        "investments" => new()
        {
            ["fund"] = await NewFundAsync(app),
            ["enterprise"] = await EnterpriseFor(app, user),
            ["round"] = "天使轮",
            ["amount"] = "100",
            ["investedOn"] = "2025-01-01"
        },
        "loans" => new()
        {
            ["enterprise"] = await EnterpriseFor(app, user),
            ["kind"] = "信用贷",
            ["bank"] = "矩阵银行" + Unique(),
            ["amount"] = "100",
            ["lentOn"] = "2025-01-01"
        },
        _ => throw new ArgumentOutOfRangeException(nameof(registry)),
    };

    /// <summary>A new angel fund (created by an admin), by name.</summary>
    public static async Task<string> NewFundAsync(FipApp app)
    {
        var name = "矩阵天使基金" + Unique();
        await AdminAsync(app, a => a.PostAsJsonAsync("/api/v1/funds", new { name, kind = "天使基金" }));
        return name;
    }

    /// <summary>The department that keeps a registry no district or enterprise owns (talent: 人才办; finance: a 金融 office), if any.</summary>
    public static string? KeeperOf(string registry) => registry switch
    {
        "talents" or "skills" => "市委组织部（人才办）",
        "funds" or "investments" or "loans" => "国家金融监管总局扬州监管分局",
        _ => null,
    };

    /// <summary>
    /// A department user acts on a kept registry as a user of the keeping department (the one whose records they are), the way
    /// enterprise users act for their own enterprise; other callers are left as they are.
    /// </summary>
    public static async Task<HttpRequestMessage> AsKeeperAsync(ScopeMatrixTestsCaller c, string registry, HttpRequestMessage request)
    {
        if (c.User.DepartmentId is null || KeeperOf(registry) is not { } keeper) return request;
        var user = await c.App.CreateUserAsync(Roles.Department, department: keeper);
        request.Headers.Authorization = new("Bearer", await c.App.CreateTokenAsync(user));
        return request;
    }

    /// <summary>A stored record the user may write (created by an admin), by id.</summary>
    public static async Task<int> InScopeAsync(FipApp app, AppUser user, string registry)
    {
        if (registry == "enterprises" && user.EnterpriseUscc is { } own)
        {
            await EnterpriseFor(app, user);
            return app.Use(d => d.Enterprises.Single(e => e.CreditCode == own).Id);
        }
        var body = await BodyAsync(app, user, registry);
        var response = await AdminAsync(app, a => a.PostAsJsonAsync($"/api/v1/{registry}", body));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static string VersionOf(FipDbContext d, string registry, int id) => registry switch
    {
        "enterprises" => d.Enterprises.Single(x => x.Id == id).Version,
        "products" => d.KeyProducts.Single(x => x.Id == id).Version,
        "scenarios" => d.Scenarios.Single(x => x.Id == id).Version,
        "parks" => d.PilotParks.Single(x => x.Id == id).Version,
        "platforms" => d.InnovationPlatforms.Single(x => x.Id == id).Version,
        "talents" => d.Set<Fip.Web.Features.Talent.Talent>().Single(x => x.Id == id).Version,
        "funds" => d.Set<Fip.Web.Features.Finance.Fund>().Single(x => x.Id == id).Version,
        "investments" => d.Set<Fip.Web.Features.Finance.Investment>().Single(x => x.Id == id).Version,
        "loans" => d.Set<Fip.Web.Features.Finance.Loan>().Single(x => x.Id == id).Version,
        "demands" => d.Set<Fip.Web.Features.Demand.TalentDemand>().Single(x => x.Id == id).Version,
        "skills" => d.Set<Fip.Web.Features.Demand.TalentSkill>().Single(x => x.Id == id).Version,
        "needs" => d.Set<Fip.Web.Features.Finance.FinancingNeed>().Single(x => x.Id == id).Version,
        _ => d.KeyProjects.Single(x => x.Id == id).Version,
    };

    /// <summary>
    /// Enterprise users own exactly one enterprise: creating or deleting one is done as a fresh enterprise user,
    /// so the matrix caller's own enterprise stays for the other samples.
    /// </summary>
    public static async Task<HttpRequestMessage> AsOwnerAsync(ScopeMatrixTestsCaller c, string registry, HttpMethod method, string? url,
        Func<AppUser, Task<(Dictionary<string, object?>? Body, string Url)>> build)
    {
        var user = c.User;
        string? token = null;
        if (user.EnterpriseUscc is not null && registry == "enterprises" && method != HttpMethod.Put)
        {
            user = await c.App.CreateUserAsync(Roles.Enterprise);
            token = await c.App.CreateTokenAsync(user);
        }
        var (body, target) = await build(user);
        var request = new HttpRequestMessage(method, url ?? target);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    public static async Task<HttpRequestMessage> AsOwnerAsync(ScopeMatrixTestsCaller c, string registry, HttpMethod method, string url,
        Func<AppUser, Task<Dictionary<string, object?>>> body) =>
        await AsOwnerAsync(c, registry, method, url, async u => ((Dictionary<string, object?>?)await body(u), url));

    /// <summary>A one-row CSV in the caller's scope.</summary>
    public static async Task<MultipartFormDataContent> ImportFileAsync(FipApp app, AppUser user, string registry)
    {
        var body = await BodyAsync(app, user, registry);
        var keys = body.Keys.ToList();
        var headers = keys.Select(k => Fip.Web.Features.Registries.Labels.Header($"Field.{registry}.{k}"));
        var csv = string.Join(",", headers) + "\r\n"
            + string.Join(",", keys.Select(k => Convert.ToString(body[k], System.Globalization.CultureInfo.InvariantCulture))) + "\r\n";
        var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "sample.csv" } };
        return content;
    }
}
