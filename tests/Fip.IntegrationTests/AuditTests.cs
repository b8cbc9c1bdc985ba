using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

public class AuditTests
{
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task EveryWrite_IsAuditedWithWhoAndBeforeAfter_AndSecretsAreMasked(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var target = await app.CreateUserAsync(Roles.Leader);
        var before = (await admin.GetFromJsonAsync<UserDto>($"/api/v1/users/{target.Id}", Json.Options))!;
        var put = await admin.PutAsJsonAsync($"/api/v1/users/{target.Id}",
            new { displayName = "审计测试", role = "leader", concurrencyStamp = before.ConcurrencyStamp });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var page =
            (await admin.GetFromJsonAsync<AuditPage>($"/api/v1/audit?user={adminUser.UserName}&action=Update&entityType=AppUser",
                Json.Options))!;
        var entry = Assert.Single(page.Items, e => e.EntityKey == target.Id && e.After!.Contains("审计测试", StringComparison.Ordinal));
        Assert.Contains("测试leader", entry.Before!, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", entry.After!, StringComparison.Ordinal); // no password hash
        Assert.Contains("***", entry.After!, StringComparison.Ordinal);

        var csv = await admin.GetAsync($"/api/v1/audit/export?user={adminUser.UserName}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("id,time_utc,user,action", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("审计测试", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The log's lines say what their record is, not only its key: an enterprise by its name and 统一社会信用代码, a year's figures by
    /// the enterprise and the year, a sign-in by the person; the key is kept beside it, on the page and in the export. The names are
    /// read per record type, not per line.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditPage_AndExport_NameEachLinesRecord_BesideItsKey_WithoutAQueryPerLine(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (admin, adminUser) = await app.ApiClientAsync(Roles.Admin);
        var made = new List<(int Id, string Code, string Name)>();
        for (var i = 0; i < 6; i++)
        {
            var code = RegistryTests.NewCreditCode();
            var name = $"审计对象测试企业{i}{code[^6..]}";
            var created = await admin.PostAsJsonAsync("/api/v1/enterprises", new { creditCode = code, name, district = "邗江区" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
            var version = app.Use(d => d.Enterprises.Single(e => e.Id == id).Version);
            Assert.Equal(HttpStatusCode.OK,
                (await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}/indicators/2024", new { revenue = 10m + i, version })).StatusCode);
            made.Add((id, code, name));
        }

        var browser = app.BrowserClient();
        await FipApp.SignInAsync(browser, adminUser.UserName!, FipApp.UserPassword);
        var enterprises = await browser.GetStringAsync($"/Admin/Audit?user={adminUser.UserName}&entityType=Enterprise");
        var figures = await browser.GetStringAsync($"/Admin/Audit?user={adminUser.UserName}&entityType=EnterpriseIndicator");
        var sessions = await browser.GetStringAsync($"/Admin/Audit?user={adminUser.UserName}&entityType=Session");
        foreach (var (id, code, name) in made)
        {
            Assert.Matches($"data-testid=\"audit-subject\">{name}（{code}）</span>\\s*<code class=\"small\" title=\"对象标识\" "
                + $"data-testid=\"audit-key\">{id}</code>", enterprises);
            Assert.Contains($"data-testid=\"audit-subject\">{name}（{code}） · 2024</span>", figures, StringComparison.Ordinal);
            Assert.Contains($"data-testid=\"audit-key\">{id},2024</code>", figures, StringComparison.Ordinal);
        }
        Assert.Contains($"data-testid=\"audit-subject\">{adminUser.DisplayName}</span>", sessions, StringComparison.Ordinal);

        var export = await browser.GetAsync($"/Admin/Audit?handler=Export&user={adminUser.UserName}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var sheet = Fip.Web.Features.Registries.Files.TabularReader.Read(
            new MemoryStream(await export.Content.ReadAsByteArrayAsync()), "audit.xlsx");
        var subject = sheet.Headers.ToList().IndexOf("对象");
        var key = sheet.Headers.ToList().IndexOf("对象标识");
        Assert.True(subject >= 0 && key == subject + 1, string.Join(",", sheet.Headers));
        var cells = sheet.Rows.Select(r => (Subject: r.Cells[subject], Key: r.Cells[key])).ToList();
        foreach (var (id, code, name) in made)
        {
            Assert.Contains(($"{name}（{code}）", (string?)id.ToString(System.Globalization.CultureInfo.InvariantCulture)), cells);
            Assert.Contains(($"{name}（{code}） · 2024", (string?)$"{id},2024"), cells);
        }

        // One query per record type on the lines (in chunks), not one per line.
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var lines = await scope.ServiceProvider.GetRequiredService<AuditLog>().Query(new AuditFilter(User: adminUser.UserName))
            .Select(AuditLog.Dto).ToListAsync();
        Assert.True(lines.Count >= 13, $"{lines.Count} lines");
        using var counter = new CommandCounter(context);
        // EF Core looks again whether anyone listens only every so often (LoggingCacheTime): until it sees the counter, nothing counts.
        for (var i = 0; i < 100 && counter.Count == 0; i++)
        {
            await context.Districts.AnyAsync();
            await Task.Delay(50);
        }
        Assert.True(counter.Count > 0, "the counter sees the context's commands");
        counter.Reset();
        var named = await scope.ServiceProvider.GetRequiredService<AuditSubjects>().DescribeAsync(lines, CancellationToken.None);
        var types = lines.Select(l => l.EntityType).Distinct().Count();
        Assert.True(counter.Count >= 1 && counter.Count <= types, $"{counter.Count} queries for {lines.Count} lines of {types} types");
        var first = made[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{made[0].Name}（{made[0].Code}）", named[("Enterprise", first)]);
    }

    /// <summary>A task is named by its number and title; a record removed since by the values its own line kept; a key that
    /// names no record is left to itself.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditSubjects_NameATaskByNumber_ARemovedRecordFromItsLine_AndLeaveAnUnknownKey(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var task = app.Use(d => d.SupervisionTasks.OrderBy(t => t.Id).Select(t => new { t.Id, t.Number, t.Title }).First());
        AuditEntryDto Line(string type, string key, string? before = null) =>
            new(1, DateTime.UtcNow, "system", AuditActions.Delete, type, key, true, null, before, null, null);
        var lines = new[]
        {
            Line("SupervisionTask", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Line("Enterprise", "2000000001", """{"CreditCode":"91321003MA1MDEMA0J","Id":2000000001,"Name":"已注销测试企业"}"""),
            Line("Enterprise", "2000000002"),
            Line("NoSuchType", "1"),
        };
        var named = await app.WithAsync<AuditSubjects, IReadOnlyDictionary<(string Type, string Key), string>>(
            s => s.DescribeAsync(lines, CancellationToken.None));
        Assert.Equal($"{task.Number} {task.Title}", named[("SupervisionTask", lines[0].EntityKey)]);
        Assert.Equal("已注销测试企业（91321003MA1MDEMA0J）", named[("Enterprise", "2000000001")]);
        Assert.False(named.ContainsKey(("Enterprise", "2000000002")));
        Assert.False(named.ContainsKey(("NoSuchType", "1")));
    }

    /// <summary>A record with no name of its own (a progress report) is named by the record it belongs to (its task): stored, by
    /// its row; removed since, by the owner its line kept; removed with nothing kept, not named.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditSubjects_NameANamelessRecordByItsOwner(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var tasks = app.Use(d => d.SupervisionTasks.OrderBy(t => t.Id).Select(t => new { t.Id, t.Number, t.Title }).Take(2).ToList());
        var report = app.Use(d =>
        {
            var r = new ProgressReport
            {
                TaskId = tasks[0].Id,
                Period = "2026-Q4",
                UnitKey = "audit-owner-" + Guid.NewGuid().ToString("N")[..8],
                DueDate = new DateOnly(2026, 12, 31),
                Done = "按期推进",
            };
            d.ProgressReports.Add(r);
            d.Save();
            return r.Id;
        });
        AuditEntryDto Line(string key, string? before = null) =>
            new(1, DateTime.UtcNow, "system", AuditActions.Delete, nameof(ProgressReport), key, true, null, before, null, null);
        var stored = report.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = new[]
        {
            Line(stored),
            Line("9000000001", $$"""{"Id":9000000001,"TaskId":{{tasks[1].Id}},"Period":"2025-Q1"}"""),
            Line("9000000002"),
        };
        var named = await app.WithAsync<AuditSubjects, IReadOnlyDictionary<(string Type, string Key), string>>(
            s => s.DescribeAsync(lines, CancellationToken.None));
        Assert.Equal($"{tasks[0].Number} {tasks[0].Title}", named[(nameof(ProgressReport), stored)]);
        Assert.Equal($"{tasks[1].Number} {tasks[1].Title}", named[(nameof(ProgressReport), "9000000001")]);
        Assert.False(named.ContainsKey((nameof(ProgressReport), "9000000002")));
    }

    /// <summary>Counts the database commands one context runs (EF Core's diagnostic events), whatever else the process runs.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext _context;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public CommandCounter(DbContext context)
        {
            _context = context;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData e
                && ReferenceEquals(e.Context, _context))
                Interlocked.Increment(ref _count);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditLog_IsAppendOnly_EvenForTheDatabaseUser(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        await app.CreateUserAsync(Roles.Leader);
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        await Assert.ThrowsAnyAsync<Exception>(
            () => context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'tampered'"));
        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        var entry = await context.AuditEntries.FirstAsync();
        entry.UserName = "tampered";
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        Assert.False(app.Use(d => d.AuditEntries.Any(a => a.UserName == "tampered")));
    }

    /// <summary>Contexts are pooled: one handed out again writes as its new scope's actor and keeps nothing of the scope before.</summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task PooledContext_HandedOutAgain_HasTheNewScopesActor_AndNothingOfTheScopeBefore(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        FipDbContext first;
        IAuditActor? firstActor;
        using (var scope = app.Services.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            firstActor = scope.ServiceProvider.GetService<IAuditActor>();
            Assert.Same(firstActor, first.AuditActor);
            _ = first.SuppressRowAudit(); // never ended by this scope
            first.KeepStamps(new Dictionary<string, long>(StringComparer.Ordinal) { ["left-over"] = 42 });
            first.Database.SetCommandTimeout(1);
        }
        for (var i = 0; i < 5000; i++)
        {
            using var scope = app.Services.CreateScope();
            var context = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            if (!ReferenceEquals(context, first)) continue;
            Assert.False(context.RowAuditSuppressed);
            Assert.NotNull(context.AuditActor);
            Assert.Same(scope.ServiceProvider.GetService<IAuditActor>(), context.AuditActor);
            Assert.NotSame(firstActor, context.AuditActor);
            Assert.False((await context.AllStampsAsync(CancellationToken.None)).ContainsKey("left-over"));
            Assert.NotEqual(1, context.Database.GetCommandTimeout());
            return;
        }
        Assert.Fail("The pool never handed the first context out again.");
    }

    /// <summary>A personal-data read says where it was shown in the reader's language, on the page and in the export (the log's
    /// code words "list", "record", "export", "page" and "api" showed as they are on a Chinese page).</summary>
    [Fact]
    public async Task AuditPage_PersonalReads_SayWhereInWords()
    {
        var app = FipApp.For(DatabaseProvider.Sqlite);
        var admin = await app.CreateUserAsync(Roles.Admin);
        var reader = await app.CreateUserAsync(Roles.Department);
        using (var scope = app.Services.CreateScope())
        {
            var d = scope.ServiceProvider.GetRequiredService<FipDbContext>();
            foreach (var how in new[] { "list", "record", "export", "page", "api" })
                d.AuditEntries.Add(new Fip.Web.Features.Audit.AuditEntry
                {
                    At = DateTime.UtcNow,
                    UserName = reader.UserName!,
                    Action = Fip.Web.Features.Audit.AuditActions.PersonalDataRead,
                    EntityType = "Talent",
                    EntityKey = "1",
                    Detail = how,
                });
            await d.SaveChangesAsync();
        }
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, admin.UserName!, FipApp.UserPassword);
        var html = await client.GetStringAsync($"/Admin/Audit?user={reader.UserName}&action=PersonalDataRead");
        var details = System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"audit-detail\">([^<]*)<")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, details.Count);
        Assert.Equal(["通过接口读取", "在页面查看", "导出", "在记录页查看", "在列表中查看"], details);
        var export = await client.GetAsync($"/Admin/Audit?handler=Export&user={reader.UserName}");
        var sheet = Fip.Web.Features.Registries.Files.TabularReader.Read(await export.Content.ReadAsStreamAsync(), "audit.xlsx");
        Assert.Contains(sheet.Rows, r => r.Cells[10] == "在列表中查看");
        Assert.DoesNotContain(sheet.Rows, r => r.Cells[10] == "list");
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AuditPage_FiltersAndExports_ForAdminsOnly(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var admin = await app.CreateUserAsync(Roles.Admin);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, admin.UserName!, FipApp.UserPassword);
        var html = await client.GetStringAsync($"/Admin/Audit?user={admin.UserName}&action=SignIn");
        Assert.Contains(admin.UserName!, html, StringComparison.Ordinal);
        Assert.Contains("登录", html, StringComparison.Ordinal);
        var export = await client.GetAsync($"/Admin/Audit?handler=Export&user={admin.UserName}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = Fip.Web.Features.Registries.Files.TabularReader.Read(await export.Content.ReadAsStreamAsync(), "audit.xlsx");
        Assert.Equal(["时间", "用户", "操作", "对象类型", "对象", "对象标识", "结果", "IP 地址", "修改前", "修改后", "说明"], sheet.Headers);
        var signIn = Assert.Single(sheet.Rows, r => r.Cells[2] == "登录");
        Assert.Equal(admin.DisplayName, signIn.Cells[1]); // an admin has no unit
        Assert.Equal((admin.DisplayName, admin.Id), (signIn.Cells[4], signIn.Cells[5])); // the session: whose it is, and the key
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", signIn.Cells[0]);

        var district = await app.CreateUserAsync(Roles.District);
        var other = app.BrowserClient();
        await FipApp.SignInAsync(other, district.UserName!, FipApp.UserPassword);
        var denied = await other.GetAsync("/Admin/Audit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>The audit page's filters, each as an official would set them: person, action, entity type and a time range in
    /// Beijing dates. The district user leaves three lines: the failed sign-in, the sign-in and its update of the account's last
    /// sign-in; they are inside today..today, outside a range that ends yesterday or starts tomorrow.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "user={district}", 3, true)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&action=SignIn", 1, true)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&action=SignOut", 0, false)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&entityType=Session", 2, true)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&entityType=AppUser", 1, true)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&entityType=Enterprise", 0, false)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&from={today}&to={today}", 3, true)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&to={yesterday}", 0, false)]
    [InlineData(DatabaseProvider.Sqlite, "user={district}&from={tomorrow}", 0, false)]
    [InlineData(DatabaseProvider.Postgres, "user={district}&action=SignIn&from={today}", 1, true)]
    [InlineData(DatabaseProvider.Postgres, "user={district}&to={yesterday}", 0, false)]
    public async Task AuditPage_Filters_ShowPeopleInWords(DatabaseProvider db, string query, int rows, bool named)
    {
        var app = FipApp.For(db);
        var admin = await app.CreateUserAsync(Roles.Admin);
        var district = await app.CreateUserAsync(Roles.District, district: "邗江区");
        var other = app.BrowserClient();
        await FipApp.SignInAsync(other, district.UserName!, "wrong-password");
        await FipApp.SignInAsync(other, district.UserName!, FipApp.UserPassword);
        var client = app.BrowserClient();
        await FipApp.SignInAsync(client, admin.UserName!, FipApp.UserPassword);
        var today = Fip.Web.Infrastructure.Display.Today(TimeProvider.System);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var url = "/Admin/Audit?" + query.Replace("{district}", district.UserName, StringComparison.Ordinal)
            .Replace("{today}", Day(today), StringComparison.Ordinal)
            .Replace("{yesterday}", Day(today.AddDays(-1)), StringComparison.Ordinal)
            .Replace("{tomorrow}", Day(today.AddDays(1)), StringComparison.Ordinal);

        var html = await client.GetStringAsync(url);

        Assert.Equal(rows, System.Text.RegularExpressions.Regex.Count(html, "data-testid=\"audit-row\""));
        Assert.Equal(named, html.Contains($"{district.DisplayName}（邗江区）", StringComparison.Ordinal));
        // The export follows the same filters.
        var export = await client.GetAsync(url.Replace("/Admin/Audit?", "/Admin/Audit?handler=Export&", StringComparison.Ordinal));
        var sheet = Fip.Web.Features.Registries.Files.TabularReader.Read(await export.Content.ReadAsStreamAsync(), "audit.xlsx");
        Assert.Equal(rows, sheet.Rows.Count);
    }
}
