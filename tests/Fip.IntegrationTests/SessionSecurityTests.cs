using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fip.IntegrationTests;

/// <summary>Issue 16, holes 4 to 7: sign-in that tells nothing, throttled guessing, sessions and tokens that end at once, cookies
/// behind a TLS proxy, and account edits that neither overwrite blindly nor reset what they leave out.</summary>
public partial class SessionSecurityTests
{
    [GeneratedRegex("data-testid=\"login-error\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex LoginError();

    /// <summary>Posts a page's form (the page fetched first for its antiforgery token) from one client address; returns the
    /// response and how long the post alone took.</summary>
    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> PostFormAsync(HttpClient client, string page,
        Dictionary<string, string> fields, string? address)
    {
        fields["__RequestVerificationToken"] = FipApp.AntiforgeryToken(await client.GetStringAsync(page));
        var request = new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent(fields) };
        if (address is not null) request.Headers.Add(FipApp.ClientAddressHeader, address);
        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync(request);
        return (response, clock.Elapsed);
    }

    private static Task<(HttpResponseMessage Response, TimeSpan Took)> SignInAsync(HttpClient client, string name, string password,
        string? address = null) =>
        PostFormAsync(client, "/Accounts/Login",
            new Dictionary<string, string> { ["Input.UserName"] = name, ["Input.Password"] = password }, address);

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response) =>
        LoginError().Match(await response.Content.ReadAsStringAsync()) is { Success: true } m
            ? Regex.Replace(m.Groups[1].Value, "<[^>]+>", "").Trim()
            : throw new InvalidOperationException($"No sign-in error on the page ({(int)response.StatusCode}).");

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>A client address of its own (one the fixture never gives by itself).</summary>
    private static string NewAddress() => $"172.16.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SignIn_ForAnUnknownName_TakesAsLongAsAWrongPassword(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        // Three real accounts, three wrong passwords each: none gets locked (5), so every real attempt checks the password.
        var real = new[]
        {
            await app.CreateUserAsync(Roles.Leader), await app.CreateUserAsync(Roles.Leader), await app.CreateUserAsync(Roles.Leader),
        };
        var client = app.BrowserClient();
        await SignInAsync(client, "warm-up-" + Guid.NewGuid().ToString("N")[..8], "Wrong-Pass-123");
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            // Interleaved, so that a burst of load on the machine falls on both kinds alike.
            var nobody = "nobody-" + Guid.NewGuid().ToString("N")[..10];
            unknown.Add((await SignInAsync(client, nobody, "Wrong-Pass-123")).Took.TotalMilliseconds);
            wrong.Add((await SignInAsync(client, real[i % 3].UserName!, "Wrong-Pass-123")).Took.TotalMilliseconds);
        }
        var ratio = Median(unknown) / Median(wrong);
        // Skipping the password hasher for unknown names made them ~20 times faster (4 ms against 75 ms); the same work takes
        // about the same time, whatever else runs on the machine.
        Assert.True(ratio is > 0.5 and < 2.0,
            $"median unknown {Median(unknown):0.0} ms, median wrong password {Median(wrong):0.0} ms, ratio {ratio:0.00}");
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SignIn_SaysTheSame_ForUnknownNames_WrongPasswords_DisabledAndLockedAccounts(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var client = app.BrowserClient();
        var wrongUser = await app.CreateUserAsync(Roles.Leader);
        var disabled = await app.CreateUserAsync(Roles.Leader);
        using (var scope = app.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(disabled.Id);
            Assert.True(await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(stored!, true));
        }
        var locked = await app.CreateUserAsync(Roles.Leader);
        for (var i = 0; i < 5; i++) await SignInAsync(client, locked.UserName!, "Wrong-Pass-123");
        Assert.True(app.Use(d => d.Users.Single(u => u.Id == locked.Id).LockoutEnd) > DateTimeOffset.UtcNow, "five failures lock");

        var messages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unknown"] = await ErrorOfAsync((await SignInAsync(client, "no-such-user-here", "Wrong-Pass-123")).Response),
            ["wrong password"] = await ErrorOfAsync((await SignInAsync(client, wrongUser.UserName!, "Wrong-Pass-123")).Response),
            // The right password of a disabled or locked account: still the same words.
            ["disabled"] = await ErrorOfAsync((await SignInAsync(client, disabled.UserName!, FipApp.UserPassword)).Response),
            ["locked"] = await ErrorOfAsync((await SignInAsync(client, locked.UserName!, FipApp.UserPassword)).Response),
        };
        Assert.Single(messages.Values.Distinct(StringComparer.Ordinal));
        Assert.Contains("用户名或密码不正确", messages["unknown"], StringComparison.Ordinal);
        Assert.DoesNotContain("已锁定", messages["locked"], StringComparison.Ordinal);
        // The audit log (admins only) still says what it was.
        var details = app.Use(d => d.AuditEntries.Where(a => a.Action == AuditActions.SignInFailed
            && (a.UserName == disabled.UserName || a.UserName == locked.UserName)).Select(a => a.Detail).ToList());
        Assert.Contains("disabled", details);
        Assert.Contains("locked out", details);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SignIn_FromOneAddress_IsThrottled_With429AndRetryAfter(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var client = app.BrowserClient();
        var address = NewAddress();
        for (var i = 0; i < 20; i++)
        {
            var (response, _) = await SignInAsync(client, "guess-" + i, "Wrong-Pass-123", address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var (refused, _) = await SignInAsync(client, "guess-21", "Wrong-Pass-123", address);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.True(retryAfter is > 0 and <= 60, $"Retry-After: {retryAfter} s");
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("尝试过于频繁", page, StringComparison.Ordinal);
        Assert.Equal(0, app.Use(d => d.AuditEntries.Count(a => a.UserName == "guess-21")));

        // Another address is not throttled; nor is reading the sign-in page from the throttled one.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, "guess-elsewhere", "Wrong-Pass-123", NewAddress())).Response.StatusCode);
        var get = new HttpRequestMessage(HttpMethod.Get, "/Accounts/Login");
        get.Headers.Add(FipApp.ClientAddressHeader, address);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(get)).StatusCode);
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next,
        string? address = null) =>
        (await PostFormAsync(client, "/Accounts/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        }, address)).Response;

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ChangePassword_WrongCurrentPasswords_LockTheAccount_AndEndTheSession(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await ChangePasswordAsync(client, "Wrong-Pass-" + i, "Brand-New-Pass-1");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("当前密码", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(4, app.Use(d => d.Users.Single(u => u.Id == user.Id).AccessFailedCount));
        var fifth = await ChangePasswordAsync(client, "Wrong-Pass-5", "Brand-New-Pass-1");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.StartsWith("/Accounts/Login", fifth.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(app.Use(d => d.Users.Single(u => u.Id == user.Id).LockoutEnd) > DateTimeOffset.UtcNow);
        var after = await client.GetAsync("/Registries/enterprises");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Accounts/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // And the right password does not sign in while locked.
        Assert.Equal(HttpStatusCode.OK, (await FipApp.SignInAsync(app.BrowserClient(), user.UserName!, FipApp.UserPassword)).StatusCode);
        Assert.Equal(5, app.Use(d => d.AuditEntries.Count(a => a.UserName == user.UserName && a.Action == AuditActions.PasswordChanged
            && !a.Success)));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ChangePassword_FromOneAddress_IsThrottled(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword);
        var address = NewAddress();
        // Invalid forms (the new password not confirmed) count too: the limit is on posts, before anything is checked.
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await ChangePasswordAsync(client, "", "x", address)).StatusCode);
        var refused = await ChangePasswordAsync(client, FipApp.UserPassword, "Brand-New-Pass-1", address);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("尝试过于频繁", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Use(d => d.Users.Single(u => u.Id == user.Id).AccessFailedCount));
    }

    private static HttpClient CookieClient(FipApp app, string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopiedCookieIsRefused(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        var session = await CookieHeaderAsync(app, user);
        // What an attacker copied from the browser while the session was live.
        var stolen = CookieClient(app, session);
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/api/v1/me")).StatusCode);

        // The owner signs out from the page, as the browser does (the page's antiforgery cookie and token).
        var home = await CookieClient(app, session).GetAsync("/");
        var antiforgery = home.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("fip.af=",
            StringComparison.Ordinal));
        var owner = CookieClient(app, session + "; " + antiforgery);
        var signOut = await owner.PostAsync("/Accounts/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["__RequestVerificationToken"] = FipApp.AntiforgeryToken(await home.Content.ReadAsStringAsync()) }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/Accounts/Login", signOut.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/v1/me")).StatusCode);
        var page = await stolen.GetAsync("/Registries/enterprises");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Accounts/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // Signing in again works: only that session ended.
        Assert.Equal(HttpStatusCode.OK, (await CookieClient(app, await CookieHeaderAsync(app, user)).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public void TheSignInCookie_IsReadThroughTheKeptTicketFormat()
    {
        // The wrapper is set up after the cookie handler's own defaults (registration order): were it not, every request would
        // decrypt its cookie again, or the cookie handler would have no format at all.
        var options = FipApp.For(DatabaseProvider.Sqlite).Services
            .GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.IsType<KeptTicketFormat>(options.TicketDataFormat);
    }

    [Fact]
    public async Task TheAntiforgeryCookie_IsDecryptedThroughTheKeptProtector()
    {
        // Registered after ASP.NET Core's own provider, and the one the antiforgery serializer was given: a page read with an
        // antiforgery cookie keeps its decrypted token there. An app of its own: no other test's pages in its count.
        using var app = FipApp.Start(DatabaseProvider.Sqlite);
        var kept = Assert.IsType<KeptAntiforgeryCookie>(app.Services.GetRequiredService<IDataProtectionProvider>());
        var client = app.BrowserClient();
        await client.GetStringAsync("/Accounts/Login"); // sets the antiforgery cookie
        Assert.Equal(0, kept.Count);
        await client.GetStringAsync("/Accounts/Login"); // sends it back: decrypted once, kept
        Assert.Equal(1, kept.Count);
    }

    /// <summary>Signs the user in and returns the session cookie as a Cookie header (what a copied cookie replays).</summary>
    private static async Task<string> CookieHeaderAsync(FipApp app, AppUser user)
    {
        var client = app.BrowserClient();
        var token = FipApp.AntiforgeryToken(await client.GetStringAsync("/Accounts/Login"));
        var response = await client.PostAsync("/Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user.UserName!,
            ["Input.Password"] = FipApp.UserPassword,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AccessTokens_EndWhenThePasswordIsChanged_OrResetByAnAdmin(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.District);
        HttpClient Bearer(string token)
        {
            var c = app.CreateClient();
            c.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return c;
        }
        var first = Bearer(await app.CreateTokenAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me")).StatusCode);

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword);
        Assert.Contains("吊销", await browser.GetStringAsync("/Accounts/ChangePassword"), StringComparison.Ordinal);
        var changed = await ChangePasswordAsync(browser, FipApp.UserPassword, "Brand-New-Pass-1");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("1 个个人访问令牌已随之吊销", await browser.GetStringAsync(changed.Headers.Location!.OriginalString),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/me")).StatusCode);
        // Revoked by the user's own change, audited as such; the session that changed it goes on.
        Assert.Contains(app.Use(d => d.AuditEntries.Where(a => a.EntityType == nameof(PersonalAccessToken)
            && a.Action == AuditActions.Update).Select(a => a.UserName).ToList()), n => n == user.UserName);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        var second = Bearer(await app.CreateTokenAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me")).StatusCode);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var reset = await admin.PostAsync($"/api/v1/users/{user.Id}/reset-password", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(1, (await reset.Content.ReadFromJsonAsync<PasswordResetDto>(Json.Options))!.RevokedTokens);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.All(app.Use(d => d.PersonalAccessTokens.Where(t => t.UserId == user.Id).ToList()), t => Assert.NotNull(t.RevokedAt));
    }

    /// <summary>GET the sign-in page, then post it, with the given proxy headers and client address; the Set-Cookie and HSTS
    /// headers of both answers.</summary>
    private static async Task<(List<string> Cookies, bool Hsts)> ThroughProxyAsync(FipApp app, string address, string proto,
        AppUser user)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        { AllowAutoRedirect = false, HandleCookies = false });
        HttpRequestMessage Request(HttpMethod method, HttpContent? content = null)
        {
            var r = new HttpRequestMessage(method, "/Accounts/Login") { Content = content };
            r.Headers.Host = "fip.example.gov.cn";
            r.Headers.Add(FipApp.ClientAddressHeader, address);
            r.Headers.Add("X-Forwarded-Proto", proto);
            r.Headers.Add("X-Forwarded-For", "198.51.100.7");
            return r;
        }
        var get = await client.SendAsync(Request(HttpMethod.Get));
        var cookies = get.Headers.GetValues("Set-Cookie").ToList();
        var post = Request(HttpMethod.Post, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user.UserName!,
            ["Input.Password"] = FipApp.UserPassword,
            ["__RequestVerificationToken"] = FipApp.AntiforgeryToken(await get.Content.ReadAsStringAsync()),
        }));
        post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        cookies.AddRange(signedIn.Headers.GetValues("Set-Cookie"));
        return (cookies, get.Headers.Contains("Strict-Transport-Security") && signedIn.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task BehindAKnownTlsProxy_CookiesAreSecure_AndHstsIsSent_ButNotForAnUnknownProxy(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Leader);
        // Loopback is the default known proxy (Proxy:KnownProxies / Proxy:KnownNetworks add others).
        var (cookies, hsts) = await ThroughProxyAsync(app, "127.0.0.1", "https", user);
        Assert.True(hsts);
        foreach (var name in new[] { "fip.af=", "fip.auth=" })
            Assert.Contains(cookies, c => c.StartsWith(name, StringComparison.Ordinal)
                && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        // The client's address is the one the proxy forwarded (the audit line of the sign-in).
        Assert.Contains("198.51.100.7", app.Use(d => d.AuditEntries.Where(a => a.UserName == user.UserName
            && a.Action == AuditActions.SignIn).Select(a => a.IpAddress).ToList()));

        // The same headers from an address that is no known proxy are ignored: plain HTTP, no Secure, no HSTS.
        (cookies, hsts) = await ThroughProxyAsync(app, "203.0.113.9", "https", user);
        Assert.False(hsts);
        Assert.DoesNotContain(cookies, c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("203.0.113.9", app.Use(d => d.AuditEntries.Where(a => a.UserName == user.UserName
            && a.Action == AuditActions.SignIn).Select(a => a.IpAddress).ToList()));
    }

    /// <summary>Bodies of a PUT that leaves fields out, and what the account holds afterwards: display name, role, district,
    /// email.</summary>
    public static TheoryData<DatabaseProvider, string, string, string, string?, string?> PartialUpdates()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string, string?, string?>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "{}", "王五", "district", "江都区", "wang@example.cn");
            data.Add(db, "{\"email\":\"new@example.cn\"}", "王五", "district", "江都区", "new@example.cn");
            data.Add(db, "{\"displayName\":\"赵六\"}", "赵六", "district", "江都区", "wang@example.cn");
            data.Add(db, "{\"district\":\"仪征市\"}", "王五", "district", "仪征市", "wang@example.cn");
            data.Add(db, "{\"email\":\"\"}", "王五", "district", "江都区", null);
            data.Add(db, "{\"displayName\":null,\"role\":null}", "王五", "district", "江都区", "wang@example.cn");
            data.Add(db, "{\"role\":\"leader\"}", "王五", "leader", null, "wang@example.cn");
        }
        return data;
    }

    [Theory, MemberData(nameof(PartialUpdates))]
    public async Task UpdateUser_LeavesOmittedFieldsAsTheyWere(DatabaseProvider db, string body, string displayName, string role,
        string? district, string? email)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "part-" + Guid.NewGuid().ToString("N")[..10],
            displayName = "王五",
            role = "district",
            district = "江都区",
            email = "wang@example.cn",
        });
        var user = (await created.Content.ReadFromJsonAsync<CreatedUserDto>(Json.Options))!.User;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{user.Id}")
        { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{user.ConcurrencyStamp}\"");
        var response = await admin.SendAsync(put);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var after = (await admin.GetFromJsonAsync<UserDto>($"/api/v1/users/{user.Id}", Json.Options))!;
        Assert.Equal((displayName, role, district, email), (after.DisplayName, after.Role, after.DistrictName, after.Email));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task UpdateUser_WithoutAVersion_IsRefusedWith409_AndNothingChanges(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var target = await app.CreateUserAsync(Roles.District);
        var before = (await admin.GetFromJsonAsync<UserDto>($"/api/v1/users/{target.Id}", Json.Options))!;
        foreach (var body in new object[] { new { role = "admin" }, new { displayName = "admin", concurrencyStamp = (string?)null } })
        {
            var response = await admin.PutAsJsonAsync($"/api/v1/users/{target.Id}", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("刷新", JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var after = (await admin.GetFromJsonAsync<UserDto>($"/api/v1/users/{target.Id}", Json.Options))!;
        Assert.Equal(before, after);
    }
}
