using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Registries.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fip.IntegrationTests;

/// <summary>A test that needs the throwaway PostgreSQL server: skipped when FIP_TEST_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("FIP_TEST_POSTGRES") is null) Skip = "FIP_TEST_POSTGRES is not set.";
    }
}

/// <summary>Import jobs kept in the database: committed once, failed cleanly when their node is lost, seen from any node.</summary>
public class ImportJobTests(ITestOutputHelper output)
{
    private const string Header = "统一社会信用代码,企业名称,所属板块,产业方向";

    /// <summary>A CSV of <paramref name="count"/> new enterprises with valid, distinct codes; returns the codes too.</summary>
    internal static (byte[] Bytes, List<string> Codes) EnterprisesCsv(int count)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count) codes.Add(RegistryTests.NewCreditCode());
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var code in codes) text.Append(code).Append(",扬州导入作业测试").Append(code[^8..]).Append("有限公司,邗江区,低空经济\r\n");
        return (new UTF8Encoding(true).GetBytes(text.ToString()), [.. codes]);
    }

    private static async Task<HttpClient> SignedInAsync(FipApp app, AppUser user)
    {
        var client = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword)).StatusCode);
        return client;
    }

    private const string Page = "/Registries/enterprises/Import";

    /// <summary>Uploads a file on the import page, as a browser does; returns the job's id.</summary>
    private static async Task<Guid> UploadAsync(HttpClient client, byte[] bytes, string name)
    {
        var token = FipApp.AntiforgeryToken(await client.GetStringAsync(Page));
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var response = await client.PostAsync(Page + "?handler=Upload", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split("job=")[1][..36]);
    }

    /// <summary>Presses a button of the job's status (Commit, Retry, Discard); returns where it leads.</summary>
    private static async Task<string> PressAsync(HttpClient client, Guid job, string handler)
    {
        var token = FipApp.AntiforgeryToken(await client.GetStringAsync($"{Page}?job={job}"));
        var response = await client.PostAsync($"{Page}?handler={handler}&job={job}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<ImportJobRecord> WaitAsync(FipApp app, Guid id, params ImportJobState[] states)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = app.Use(d => d.ImportJobs.AsNoTracking().Single(j => j.Id == id));
            if (states.Contains(job.State)) return job;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"job {id} stayed {job.State} ({job.ErrorCode})");
            await Task.Delay(100);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Commit_PressedTwiceAtOnce_CommitsOnce_AndTheSecondIsToldItIsAlreadyBeingCommitted(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var client = await SignedInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var (bytes, codes) = EnterprisesCsv(200);
        var id = await UploadAsync(client, bytes, "twice.csv");
        var checkedJob = await WaitAsync(app, id, ImportJobState.Checked, ImportJobState.Failed);
        Assert.Equal((ImportJobState.Checked, 200, 200), (checkedJob.State, checkedJob.Rows, checkedJob.Added));
        Assert.Contains("data-testid=\"import-commit\"", await client.GetStringAsync($"{Page}?job={id}"), StringComparison.Ordinal);

        var token = FipApp.AntiforgeryToken(await client.GetStringAsync($"{Page}?job={id}"));
        Task<HttpResponseMessage> Press() => client.PostAsync($"{Page}?handler=Commit&job={id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var responses = await Task.WhenAll(Press(), Press());
        var locations = responses.Select(r => r.Headers.Location!.OriginalString).ToList();
        Assert.Single(locations, l => !l.Contains("notice=committing", StringComparison.Ordinal));
        var second = locations.Single(l => l.Contains("notice=committing", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"import-notice\"", await client.GetStringAsync(second), StringComparison.Ordinal);

        var done = await WaitAsync(app, id, ImportJobState.Committed, ImportJobState.Failed);
        Assert.Equal((ImportJobState.Committed, 200), (done.State, done.Added));
        Assert.Equal(200, app.Use(d => d.Enterprises.Count(e => codes.Contains(e.CreditCode))));
        // One commit: one line of the import in the log, and in its batches one creation line per record.
        var keys = app.Use(d => d.Enterprises.Where(e => codes.Contains(e.CreditCode)).Select(e => e.Id).ToList());
        var batches = app.Use(d => d.Set<AuditBatch>().Where(b => b.EntityType == "Enterprise" && b.LastKey >= keys.Min()
            && b.FirstKey <= keys.Max()).ToList());
        Assert.All(keys, k => Assert.Single(batches.SelectMany(b => b.LinesOf(k)), l => l.EntityType == "Enterprise"));
        var changeSets = batches.Where(b => keys.Any(k => b.LinesOf(k).Any())).Select(b => b.ChangeSet).Distinct().ToList();
        Assert.Equal(1, app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.Import && changeSets.Contains(a.EntityKey))));
        Assert.Contains("data-testid=\"import-done\"", await client.GetStringAsync($"{Page}?job={id}"), StringComparison.Ordinal);
        // Pressing again after the commit: the same answer, nothing more.
        Assert.Contains("notice=committing", await PressAsync(client, id, "Commit"), StringComparison.Ordinal);
        Assert.Equal(ImportJobState.Committed, (await WaitAsync(app, id, ImportJobState.Committed)).State);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CommittingJob_WhoseNodeDied_IsShownFailed_DataUntouched_AndChecksAndCommitsAgainFromItsStoredFile(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Admin);
        var client = await SignedInAsync(app, user);
        var (bytes, codes) = EnterprisesCsv(3);
        var id = Guid.NewGuid();
        var longAgo = DateTime.UtcNow.AddMinutes(-10);
        app.Use(d =>
        {
            d.ImportJobs.Add(new ImportJobRecord
            {
                Id = id,
                Registry = "enterprises",
                OwnerId = user.Id,
                FileName = "lost.csv",
                State = ImportJobState.Committing,
                Rows = 3,
                Done = 1,
                Added = 3,
                Findings = JsonSerializer.Serialize(new ImportFindings("csv", "UTF-8", [], [])),
                CreatedAt = longAgo,
                UpdatedAt = longAgo,
                Node = "node-that-died:1",
                HeartbeatAt = longAgo,
                CommitToken = Guid.NewGuid(),
            });
            d.ImportFiles.Add(new ImportFile { JobId = id, Content = bytes });
            return d.Save();
        });

        var page = await client.GetStringAsync($"{Page}?job={id}");
        Assert.Contains("data-state=\"Failed\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"import-failed\"", page, StringComparison.Ordinal);
        var failed = app.Use(d => d.ImportJobs.AsNoTracking().Single(j => j.Id == id));
        Assert.Equal((ImportJobState.Failed, "Import.NodeLost"), (failed.State, failed.ErrorCode));
        Assert.Equal(0, app.Use(d => d.Enterprises.Count(e => codes.Contains(e.CreditCode))));

        // Check the file again (the stored one), then commit it.
        Assert.EndsWith($"job={id}", await PressAsync(client, id, "Retry"), StringComparison.Ordinal);
        Assert.Equal(ImportJobState.Checked, (await WaitAsync(app, id, ImportJobState.Checked, ImportJobState.Failed)).State);
        await PressAsync(client, id, "Commit");
        Assert.Equal(ImportJobState.Committed, (await WaitAsync(app, id, ImportJobState.Committed, ImportJobState.Failed)).State);
        Assert.Equal(3, app.Use(d => d.Enterprises.Count(e => codes.Contains(e.CreditCode))));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Job_IsSeenFromASecondNode_OnTheSameDatabase_AndDiscardedThere(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var user = await app.CreateUserAsync(Roles.Admin);
        var (bytes, _) = EnterprisesCsv(5);
        var id = await UploadAsync(await SignedInAsync(app, user), bytes, "seen-elsewhere.csv");
        await WaitAsync(app, id, ImportJobState.Checked);

        using var second = FipApp.Beside(app);
        var elsewhere = await SignedInAsync(second, user);
        var status = await elsewhere.GetStringAsync($"{Page}?handler=Status&job={id}");
        Assert.Contains("seen-elsewhere.csv", status, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"import-ready\"", status, StringComparison.Ordinal);
        // Another user does not see it.
        var stranger = await SignedInAsync(second, await second.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Page}?job={id}")).StatusCode);

        await PressAsync(elsewhere, id, "Discard");
        Assert.Contains("data-testid=\"import-discarded\"", await elsewhere.GetStringAsync($"{Page}?job={id}"), StringComparison.Ordinal);
        Assert.Equal(ImportJobState.Cancelled, app.Use(d => d.ImportJobs.Single(j => j.Id == id).State));
        // A discarded job cannot be committed.
        Assert.DoesNotContain("notice", await PressAsync(elsewhere, id, "Commit"), StringComparison.Ordinal);
        Assert.Equal(ImportJobState.Cancelled, app.Use(d => d.ImportJobs.Single(j => j.Id == id).State));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Retention_DeletesOldJobsAndTheirFiles_KeepsRecentOnes_AndOnesStillRunning(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var old = DateTime.UtcNow.AddDays(-3);
        ImportJobRecord Job(DateTime updated, ImportJobState state, DateTime? heartbeat = null) => new()
        {
            Id = Guid.NewGuid(),
            Registry = "enterprises",
            OwnerId = "retention-test",
            FileName = "r.csv",
            State = state,
            CreatedAt = updated,
            UpdatedAt = updated,
            HeartbeatAt = heartbeat,
        };
        var (stale, recent, running) = (Job(old, ImportJobState.Committed), Job(DateTime.UtcNow, ImportJobState.Checked),
            Job(old, ImportJobState.Committing, DateTime.UtcNow));
        app.Use(d =>
        {
            d.ImportJobs.AddRange(stale, recent, running);
            d.ImportFiles.AddRange(new ImportFile { JobId = stale.Id, Content = [1] }, new ImportFile { JobId = recent.Id, Content = [2] },
                new ImportFile { JobId = running.Id, Content = [3] });
            return d.Save();
        });
        await using var scope = app.Services.CreateAsyncScope();
        var job = app.Services.GetServices<Fip.Web.Infrastructure.Jobs.IScheduledJob>().OfType<ImportRetentionJob>().Single();
        Assert.NotNull(await job.RunAsync(scope.ServiceProvider, CancellationToken.None));
        var left = app.Use(d => d.ImportJobs.Where(j => j.OwnerId == "retention-test").Select(j => j.Id).ToList());
        Assert.Equal(new[] { recent.Id, running.Id }.Order(), left.Order());
        Assert.False(app.Use(d => d.ImportFiles.Any(f => f.JobId == stale.Id)));
        Assert.True(app.Use(d => d.ImportFiles.Any(f => f.JobId == recent.Id)));
    }

    /// <summary>
    /// On PostgreSQL, while a 49,000-row enterprise import commits (one transaction), another user edits an existing
    /// enterprise and creates a product: neither waits for the import (the change stamp's row is locked only just before
    /// the import commits), and the import still commits all its rows. The rows: enough for the commit to outlast the job's
    /// first heartbeat (<see cref="ImportJobs.BeatEvery"/>, when its progress is first written) on a quiet machine, and fewer
    /// than a load that rebuilds the table's indexes (<c>Imports:RebuildIndexesFrom</c>, 50,000), which locks the table.
    /// </summary>
    [PostgresFact]
    public async Task OtherUsersWrites_ProceedDuringALargeImport_OnPostgres()
    {
        const int rows = 49_000;
        var app = FipApp.For(DatabaseProvider.Postgres);
        var (api, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        var create = await api.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = code, name = "扬州并行编辑测试有限公司" + code[^4..], district = "邗江区", employees = 10 });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var enterpriseId = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var version = create.Headers.ETag!.Tag;
        // The same two writes once before the import (the first requests of a run also compile their queries).
        async Task<(TimeSpan Edit, TimeSpan Product)> OtherWritesAsync(int employees, string product)
        {
            var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{enterpriseId}")
            { Content = JsonContent.Create(new { employees }) };
            edit.Headers.IfMatch.Add(new EntityTagHeaderValue(version));
            var clock = Stopwatch.StartNew();
            var edited = await api.SendAsync(edit);
            var editTime = clock.Elapsed;
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            version = edited.Headers.ETag!.Tag;
            clock.Restart();
            var created = await api.PostAsJsonAsync("/api/v1/products", new { name = product, enterprise = code, stage = "样机" });
            var productTime = clock.Elapsed;
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            return (editTime, productTime);
        }
        var before = await OtherWritesAsync(41, "并行产品甲" + code[^4..]);

        var (bytes, codes) = EnterprisesCsv(rows);
        var owner = await app.CreateUserAsync(Roles.Admin);
        var jobs = app.Services.GetRequiredService<ImportJobs>();
        var principal = await app.WithAsync<Microsoft.AspNetCore.Identity.SignInManager<AppUser>, System.Security.Claims.ClaimsPrincipal>(
            s => s.CreateUserPrincipalAsync(owner));
        await using var scope = app.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<FipDbContext>();
        var job = await ImportJobs.CreateAsync(dbContext, "enterprises", bytes, "large.csv", owner.Id, false, CancellationToken.None);
        await jobs.RunCheckAsync(scope.ServiceProvider, job.Id, principal, CancellationToken.None);
        var (claim, token) = await jobs.ClaimCommitAsync(dbContext, job.Id, owner.Id, CancellationToken.None);
        Assert.Equal(CommitClaim.Started, claim);

        var importClock = Stopwatch.StartNew();
        await using var commitScope = app.Services.CreateAsyncScope();
        var import = jobs.RunCommitAsync(commitScope.ServiceProvider, job.Id, token, principal, CancellationToken.None);
        // Wait until the import is well into its transaction: rows written but not committed.
        while (app.Use(d => d.ImportJobs.AsNoTracking().Single(j => j.Id == job.Id).Done) < rows / 5 && !import.IsCompleted)
            await Task.Delay(50);
        Assert.False(import.IsCompleted, "the import ended before the other writes could run beside it");
        var writtenDuringImport = importClock.Elapsed;

        (TimeSpan Edit, TimeSpan Product) during;
        try
        {
            during = await OtherWritesAsync(42, "并行产品乙" + code[^4..]);
        }
        catch
        {
            // Let the import end before its scope is disposed, then report what failed.
            try { await import; } catch (Exception e) when (e is not OutOfMemoryException) { }
            throw;
        }
        var (editTime, productTime) = during;
        Assert.False(import.IsCompleted, "the import ended before the other writes were done: they may have waited for it");

        var outcome = await import;
        var importTime = importClock.Elapsed;
        output.WriteLine($"import of {rows} rows: {importTime.TotalSeconds:0.0} s; other writes started at " +
            $"{writtenDuringImport.TotalSeconds:0.0} s: edit {editTime.TotalMilliseconds:0} ms, " +
            $"product {productTime.TotalMilliseconds:0} ms " +
            $"(before the import: {before.Edit.TotalMilliseconds:0} ms, {before.Product.TotalMilliseconds:0} ms)");
        Assert.True(outcome is { Committed: true }, "the import did not commit");
        Assert.True(editTime < TimeSpan.FromSeconds(5), $"the edit took {editTime}");
        Assert.True(productTime < TimeSpan.FromSeconds(5), $"creating the product took {productTime}");
        Assert.Equal(rows, app.Use(d => d.Enterprises.Count(e => codes.Contains(e.CreditCode))));
        Assert.Equal(42, app.Use(d => d.Enterprises.Single(e => e.Id == enterpriseId).Employees));
        Assert.Equal(ImportJobState.Committed, app.Use(d => d.ImportJobs.Single(j => j.Id == job.Id).State));
    }
}
