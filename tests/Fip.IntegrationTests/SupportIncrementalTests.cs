using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fip.IntegrationTests;

/// <summary>
/// The kept match table is patched, never stale: a change to an enterprise's facts (through the API, on this node or another on the
/// same database) or to a policy shows in the 免申即享 list at the next read, by re-evaluating what changed rather than everything.
/// </summary>
public class SupportIncrementalTests
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<FipApp>> Apps = new();

    /// <summary>An app of this class's own: the counters of full passes and patches see no other class's writes.</summary>
    private static FipApp AppFor(DatabaseProvider db) => Apps.GetOrAdd(db, p => new Lazy<FipApp>(() => FipApp.Start(p))).Value;

    private static MatchKeeper Keeper(FipApp app) => app.Services.GetRequiredService<MatchKeeper>();

    private static async Task<List<int>> ListAsync(HttpClient staff, int policyId) =>
        [.. (await staff.GetFromJsonAsync<EligibleListDto>($"/api/v1/support/policies/{policyId}/eligible"))!.Items
            .Select(e => e.EnterpriseId)];

    /// <summary>Files last year's figures through the API as the admin would: revenue 8000 and the given R&D (400 = 5 %).</summary>
    private static async Task FileAsync(FipApp app, HttpClient admin, int id, decimal rd)
    {
        var version = app.Use(d => d.Enterprises.Single(e => e.Id == id).Version);
        var response = await admin.PutAsJsonAsync($"/api/v1/enterprises/{id}/indicators/{SupportSamples.FiguresYear}",
            new { revenue = 8000m, rdExpense = rd, employees = 120, inventionPatents = 3, version });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Rule(int percent) =>
        $$"""{"all":[{"field":"qualification","op":"has","value":"HighTech"},{"field":"rdRatio","op":">=","value":{{percent}}},"""
        + """{"field":"district","op":"in","value":["邗江区","江都区"]}]}""";

    /// <summary>Imports last year's figures (the yearly-figure import, committed at once): an update, or a new row.</summary>
    private static async Task ImportAsync(FipApp app, HttpClient admin, int id, decimal rd)
    {
        var code = app.Use(d => d.Enterprises.Single(e => e.Id == id).CreditCode);
        var csv = System.Text.Encoding.UTF8.GetBytes($"creditCode,year,revenue,rdExpense\n{code},{SupportSamples.FiguresYear},8000,{rd}\n");
        var response = await admin.PostAsync("/api/v1/enterprises/indicators/import?commit=true",
            new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "figures.csv" } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A policy of a case's own, published and open: 高新技术企业 in 邗江区 or 江都区 with R&D ≥ 4 % of revenue (or the given
    /// rule).</summary>
    private static int NewPolicy(FipApp app, string? rule = null) => app.Use(d =>
    {
        var copy = new SupportPolicy
        {
            Code = "patch-" + Guid.NewGuid().ToString("N")[..10],
            Name = "研发补助（测试）",
            Rule = rule ?? Rule(4),
            IsPublished = true,
        };
        d.Add(copy);
        d.Save();
        return copy.Id;
    });

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AFigureWrittenThroughTheApi_ChangesTheListAndTheCalculatorAtOnce_ByAPatch(DatabaseProvider db)
    {
        var app = AppFor(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var id = await SupportSamples.NewEnterpriseAsync(app);
        SupportSamples.MakeEligible(app, id);
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        Assert.Contains(id, await ListAsync(kjj, voucher));
        var (full, patches) = (Keeper(app).FullPasses, Keeper(app).Patches);

        await FileAsync(app, admin, id, 160m); // 2 %
        Assert.DoesNotContain(id, await ListAsync(kjj, voucher));
        var match = await admin.GetFromJsonAsync<EnterpriseMatchDto>($"/api/v1/support/match?enterpriseId={id}");
        Assert.False(match!.Policies.Single(p => p.PolicyId == voucher).Met);

        await FileAsync(app, admin, id, 400m);
        Assert.Contains(id, await ListAsync(kjj, voucher));
        Assert.Equal(full, Keeper(app).FullPasses);
        Assert.True(Keeper(app).Patches >= patches + 2);
    }

    /// <summary>The cases officials argue about: what a change does to the 免申即享 list, and that a patch (not a full pass) does
    /// it, the yearly-figure import's bulk insert included; an unjournalled move of the stamp (a path that does not say what it
    /// changed) makes the next read a full pass.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "stops meeting it", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "newly meets it", false, true, false)]
    [InlineData(DatabaseProvider.Sqlite, "deleted", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "qualification withdrawn", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "moved to a district the rule does not name", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "moved into a district the rule names", false, true, false)]
    [InlineData(DatabaseProvider.Sqlite, "policy unpublished", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "window closed yesterday", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "window opens today", false, true, false)]
    [InlineData(DatabaseProvider.Sqlite, "rule raised to 6 %", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "rule lowered to 3 %", false, true, false)]
    [InlineData(DatabaseProvider.Sqlite, "stamp moved without a journal", true, true, true)]
    [InlineData(DatabaseProvider.Sqlite, "figures imported", true, false, false)]
    [InlineData(DatabaseProvider.Sqlite, "a new year's figures imported", false, true, false)]
    [InlineData(DatabaseProvider.Postgres, "stops meeting it", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "newly meets it", false, true, false)]
    [InlineData(DatabaseProvider.Postgres, "deleted", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "qualification withdrawn", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "moved to a district the rule does not name", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "moved into a district the rule names", false, true, false)]
    [InlineData(DatabaseProvider.Postgres, "policy unpublished", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "window closed yesterday", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "rule raised to 6 %", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "stamp moved without a journal", true, true, true)]
    [InlineData(DatabaseProvider.Postgres, "figures imported", true, false, false)]
    [InlineData(DatabaseProvider.Postgres, "a new year's figures imported", false, true, false)]
    public async Task AChange_MovesTheEnterpriseOnOrOffTheList(DatabaseProvider db, string change, bool before, bool after,
        bool fullPass)
    {
        var app = AppFor(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var id = await SupportSamples.NewEnterpriseAsync(app, change == "moved into a district the rule names" ? "广陵区" : "邗江区");
        var policy = NewPolicy(app);
        // 5 % of revenue when it meets the rule (before the change, or kept out only by the window or its district), else 3.5 %
        // (below 4 %, above the lowered 3 %).
        SupportSamples.MakeEligible(app, id, before || change is "window opens today" or "moved into a district the rule names"
            ? 400m : 280m);
        if (change == "window opens today")
            app.Use(d => d.Set<SupportPolicy>().Where(p => p.Id == policy).ExecuteUpdate(u => u.SetProperty(p => p.OpensOn,
                DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1))));
        if (change == "a new year's figures imported")
            app.Use(d =>
            {
                d.EnterpriseIndicators.RemoveRange(d.EnterpriseIndicators.Where(i => i.EnterpriseId == id));
                return d.Save();
            });
        Assert.Equal(before, (await ListAsync(kjj, policy)).Contains(id));
        var full = Keeper(app).FullPasses;

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task RuleAsync(int percent)
        {
            var version = app.Use(d => d.Set<SupportPolicy>().Single(x => x.Id == policy).Version);
            var put = await admin.PutAsJsonAsync($"/api/v1/support/policies/{policy}/rule", new { rule = Rule(percent), version });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        void Policy(Action<SupportPolicy> edit) => app.Use(d =>
        {
            edit(d.Set<SupportPolicy>().Single(p => p.Id == policy));
            return d.Save();
        });
        switch (change)
        {
            case "stops meeting it": await FileAsync(app, admin, id, 160m); break;
            case "newly meets it": await FileAsync(app, admin, id, 400m); break;
            case "deleted":
                var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/enterprises/{id}");
                delete.Headers.IfMatch.Add(new($"\"{app.Use(d => d.Enterprises.Single(e => e.Id == id).Version)}\""));
                Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(delete)).StatusCode);
                break;
            case "qualification withdrawn":
                app.Use(d =>
                {
                    d.EnterpriseQualifications.RemoveRange(d.EnterpriseQualifications.Where(q => q.EnterpriseId == id));
                    return d.Save();
                });
                break;
            case "policy unpublished": Policy(p => p.IsPublished = false); break;
            case "window closed yesterday": Policy(p => p.ClosesOn = today.AddDays(-1)); break;
            case "window opens today": Policy(p => p.OpensOn = today); break;
            case "rule raised to 6 %": await RuleAsync(6); break;
            case "rule lowered to 3 %": await RuleAsync(3); break;
            case "figures imported": await ImportAsync(app, admin, id, 160m); break;
            case "a new year's figures imported": await ImportAsync(app, admin, id, 400m); break;
            case "moved to a district the rule does not name": await MoveAsync(admin, app, id, "广陵区"); break;
            case "moved into a district the rule names": await MoveAsync(admin, app, id, "江都区"); break;
            case "stamp moved without a journal":
                app.Use(d => d.Database.ExecuteSqlRaw(
                    "UPDATE \"ChangeStamps\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = 'registries'"));
                break;
        }

        Assert.Equal(after, (await ListAsync(kjj, policy)).Contains(id));
        Assert.Equal(fullPass ? full + 1 : full, Keeper(app).FullPasses);

        // The policy's page says why its list is empty while nothing can be granted.
        var browser = app.BrowserClient();
        var user = await app.CreateUserAsync(Roles.Department, "市科技局");
        Assert.Equal(HttpStatusCode.Redirect, (await FipApp.SignInAsync(browser, user.UserName!, FipApp.UserPassword)).StatusCode);
        var page = await browser.GetStringAsync($"/Support/Policy/{policy}");
        Assert.Equal(change is "policy unpublished" or "window closed yesterday",
            page.Contains("data-testid=\"eligible-not-open\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// An enterprise inserted with its figures and qualification in one save (as a fixture or a claim's approval writes it) while the
    /// table is kept is on the list at the next read, by a patch. (It was missing: the browser journey of #18.)
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AnEnterpriseInsertedWithItsFactsInOneSave_IsOnTheListAtTheNextRead(DatabaseProvider db)
    {
        var app = AppFor(db);
        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        var before = await ListAsync(kjj, voucher);
        var full = Keeper(app).FullPasses;

        var id = app.Use(d =>
        {
            var e = new Enterprise
            {
                Name = "免申插入测试" + Guid.NewGuid().ToString("N")[..6] + "公司",
                CreditCode = RegistryTests.NewCreditCode(),
                DistrictId = d.Districts.Single(x => x.Name == "邗江区").Id,
                Employees = 120,
            };
            e.Indicators.Add(new EnterpriseIndicator
            {
                Year = SupportSamples.FiguresYear,
                Revenue = 8000m,
                RdExpense = 400m,
                Employees = 120,
                InventionPatents = 3,
            });
            e.Qualifications.Add(new EnterpriseQualification { Kind = QualificationKind.HighTech, Year = SupportSamples.FiguresYear - 2 });
            d.Enterprises.Add(e);
            d.Save();
            return e.Id;
        });

        var after = await ListAsync(kjj, voucher);
        Assert.Contains(id, after);
        Assert.DoesNotContain(id, before);
        Assert.Equal(full, Keeper(app).FullPasses);
    }

    /// <summary>Moves an enterprise to another district through the API, as an admin edits its record.</summary>
    private static async Task MoveAsync(HttpClient admin, FipApp app, int id, string district)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{id}") { Content = JsonContent.Create(new { district }) };
        put.Headers.IfMatch.Add(new($"\"{app.Use(d => d.Enterprises.Single(e => e.Id == id).Version)}\""));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(put)).StatusCode);
    }

    /// <summary>
    /// The facts of tens of thousands of enterprises by id (a patch of the kept table may read up to
    /// <see cref="PolicyMatcher.FullPassAbove"/>): the ids go as one parameter. With one parameter per id (EF Core 10's default on
    /// SQLite) a patch of 50,000 enterprises failed there ("too many SQL variables"); PostgreSQL gets an array either way.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task FactsOfSeventyThousandIds_AreRead_TheKnownOnesRight(DatabaseProvider db)
    {
        var app = AppFor(db);
        var id = await SupportSamples.NewEnterpriseAsync(app);
        SupportSamples.MakeEligible(app, id);
        // The enterprise among 70,000 ids, the others above every key in use.
        int[] ids = [id, .. Enumerable.Range(int.MaxValue - 70_000, 70_000)];
        var facts = await app.WithAsync<PolicyMatcher, Dictionary<int, EnterpriseFacts>>(
            m => m.LoadFactsAsync(ids, CancellationToken.None));
        var (key, f) = Assert.Single(facts);
        Assert.Equal((id, (decimal?)8000m, (decimal?)400m, (int?)3), (key, f.Revenue, f.RdExpense, f.InventionPatents));
    }

    /// <summary>
    /// An import of new enterprises: a few are patched in; more than <see cref="PolicyMatcher.FullPassAbove"/> make the next read
    /// compute the table again. Either way every imported enterprise that meets the rule is on the list.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.Postgres, false)]
    [InlineData(DatabaseProvider.Postgres, true)]
    public async Task AnImportOfNewEnterprises_PutsThemOnTheList_PatchedOrComputedAgain(DatabaseProvider db, bool aboveThreshold)
    {
        var app = AppFor(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var policy = NewPolicy(app, """
            {"all":[{"field":"qualification","op":"has","value":"HighTech"},{"field":"district","op":"in","value":["邗江区"]}]}
            """);
        var live = (await app.WithAsync<PolicyMatcher, MatchTable>(m => m.AllAsync(CancellationToken.None))).Enterprises;
        var count = aboveThreshold ? PolicyMatcher.FullPassAbove(live, db == DatabaseProvider.Sqlite) + 1 : 3;
        var before = await ListAsync(kjj, policy);
        var (full, patches) = (Keeper(app).FullPasses, Keeper(app).Patches);

        var codes = Enumerable.Range(0, count).Select(_ => RegistryTests.NewCreditCode()).ToList();
        var csv = RegistryTests.Csv([
            "统一社会信用代码,企业名称,所属板块,企业资质",
            .. codes.Select((c, i) => $"{c},扬州免申导入{c[^8..]}有限公司,{(i % 2 == 0 ? "邗江区" : "广陵区")},高新技术企业(2022)")]);
        var (status, result) = await RegistryTests.Import(admin, "enterprises", System.Text.Encoding.UTF8.GetBytes(csv), "many.csv", true);
        Assert.Equal((HttpStatusCode.OK, count), (status, result.Added));

        var ids = app.Use(d => d.Enterprises.Where(e => codes.Contains(e.CreditCode)).Select(e => new { e.Id, e.CreditCode }).ToList())
            .ToDictionary(e => e.CreditCode, e => e.Id);
        var list = await ListAsync(kjj, policy);
        int[] expected = [.. before, .. codes.Where((_, i) => i % 2 == 0).Select(c => ids[c])];
        Assert.Equal(expected.Order(), list.Order());
        Assert.Equal(aboveThreshold ? (full + 1, patches) : (full, patches + 1), (Keeper(app).FullPasses, Keeper(app).Patches));
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AWriteOnAnotherNode_ReachesThisNodesKeptTable(DatabaseProvider db)
    {
        using var first = FipApp.Start(db);
        using var second = FipApp.Beside(first);
        var (kjj, _) = await first.ApiClientAsync(Roles.Department, "市科技局");
        var (admin, _) = await second.ApiClientAsync(Roles.Admin);
        var id = await SupportSamples.NewEnterpriseAsync(second);
        SupportSamples.MakeEligible(second, id);
        var voucher = SupportSamples.PolicyId(first, SupportSeeder.Voucher);
        Assert.Contains(id, await ListAsync(kjj, voucher));
        var full = Keeper(first).FullPasses;

        await FileAsync(second, admin, id, 160m);
        Assert.DoesNotContain(id, await ListAsync(kjj, voucher));
        await FileAsync(second, admin, id, 400m);
        Assert.Contains(id, await ListAsync(kjj, voucher));
        Assert.Equal(full, Keeper(first).FullPasses);
    }

    /// <summary>
    /// A write that commits while a patch reads its facts is not lost: the table the patch publishes is labelled with the stamp read
    /// before its facts, so the next read finds the write in the journal. (Labelled with a stamp read afterwards, it would hide it.)
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task AWriteCommittedDuringAPatch_ShowsAtTheNextRead(DatabaseProvider db)
    {
        var app = AppFor(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var (kjj, _) = await app.ApiClientAsync(Roles.Department, "市科技局");
        var (a, b) = (await SupportSamples.NewEnterpriseAsync(app), await SupportSamples.NewEnterpriseAsync(app));
        var policy = NewPolicy(app);
        SupportSamples.MakeEligible(app, a);
        SupportSamples.MakeEligible(app, b, 160m);
        var list = await ListAsync(kjj, policy);
        Assert.Contains(a, list);
        Assert.DoesNotContain(b, list);

        await FileAsync(app, admin, a, 160m);
        var keeper = Keeper(app);
        keeper.AfterFactsRead = async () =>
        {
            keeper.AfterFactsRead = null;
            await FileAsync(app, admin, b, 400m);
        };
        try
        {
            Assert.DoesNotContain(a, await ListAsync(kjj, policy));
            Assert.Null(keeper.AfterFactsRead); // the write did come in the middle of the patch
            list = await ListAsync(kjj, policy);
            Assert.DoesNotContain(a, list);
            Assert.Contains(b, list);
        }
        finally
        {
            keeper.AfterFactsRead = null;
        }
    }

    /// <summary>Patching the kept lists: only the touched enterprises' entries change, and an unchanged list is not copied.</summary>
    [Theory]
    [InlineData(new[] { 1, 3, 5 }, new[] { 3 }, new int[0], new[] { 1, 5 })]
    [InlineData(new[] { 1, 5 }, new[] { 3 }, new[] { 3 }, new[] { 1, 3, 5 })]
    [InlineData(new[] { 1, 5 }, new[] { 0, 9 }, new[] { 0, 9 }, new[] { 0, 1, 5, 9 })]
    [InlineData(new int[0], new[] { 2 }, new[] { 2 }, new[] { 2 })]
    [InlineData(new[] { 2, 4 }, new[] { 2, 4 }, new int[0], new int[0])]
    public void Patch_ReplacesTheTouchedEntries(int[] old, int[] touched, int[] now, int[] expected)
    {
        var result = MatchPatch.Apply(old, touched.ToHashSet(), now.ToHashSet());
        Assert.Equal(expected, result);
        Assert.Same(old, MatchPatch.Apply(old, touched.ToHashSet(), old.Intersect(touched).ToHashSet()));
    }
}
