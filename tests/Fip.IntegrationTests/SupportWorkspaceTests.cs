using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Audit;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>
/// The support workspace's pages, followed as a browser does: the enterprise's 政策计算器 and application with evidence, the
/// department's review and 兑现, the statistics; the 免申即享 list (export, push to 待办, on behalf); the policy editor with its
/// structured rule form and dry run; bad input refused with a message, nothing written, audited.
/// </summary>
public class SupportWorkspaceTests
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private static async Task<HttpClient> SignedInAsync(FipApp app, AppUser user)
    {
        var client = app.BrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var signIn = await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>A new eligible enterprise of 邗江区 and a browser signed in as its user.</summary>
    private static async Task<(HttpClient Browser, AppUser User, int EnterpriseId)> EnterpriseAsync(FipApp app)
    {
        var id = await SupportSamples.NewEnterpriseAsync(app);
        SupportSamples.MakeEligible(app, id);
        var code = app.Use(d => d.Enterprises.Single(e => e.Id == id).CreditCode);
        var user = await app.CreateUserAsync(Roles.Enterprise, uscc: code);
        return (await SignedInAsync(app, user), user, id);
    }

    private static async Task<HttpResponseMessage> ApplyAsync(HttpClient browser, int policyId, byte[]? file, string fileName)
    {
        var page = await browser.GetStringAsync("/Support");
        var form = new MultipartFormDataContent
        {
            { new StringContent(FipApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(policyId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "policyId" },
            { new StringContent("服务合同已上传"), "note" },
        };
        if (file is not null) form.Add(new ByteArrayContent(file), "file", fileName);
        return await browser.PostAsync("/Support?handler=Apply", form);
    }

    private static async Task<string> FollowAsync(HttpClient browser, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await browser.GetStringAsync(response.Headers.Location!.OriginalString);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Enterprise_SeesMetAndNearlyMet_AppliesWithEvidence_DepartmentApprovesWithinTheCapAndPays_StatisticsMove(
        DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (browser, _, id) = await EnterpriseAsync(app);
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        var products = SupportSamples.PolicyId(app, SupportSeeder.InnovativeProducts);

        var calculator = await browser.GetStringAsync("/Support");
        Assert.Contains($"data-testid=\"met-{voucher}\"", calculator, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"nearly-{products}\"", calculator, StringComparison.Ordinal);
        // The failing condition in words: the enterprise's value and the requirement.
        Assert.Matches("首台（套）[^<]*0[^<]*需 ≥ 1", calculator);
        Assert.Contains("20 万元", calculator, StringComparison.Ordinal); // 50 % of 400, capped at 20

        var application = await FollowAsync(browser, await ApplyAsync(browser, voucher, Pdf, "合同.pdf"));
        var appId = app.Use(d => d.Set<PolicyApplication>().Single(a => a.EnterpriseId == id).Id);
        var evidence = Regex.Match(application, "href=\"(/Support/Application/\\d+\\?handler=Evidence&amp;file=\\d+)\"");
        Assert.True(evidence.Success, application);
        var download = await browser.GetAsync(evidence.Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("data-testid=\"applied-" + voucher, await browser.GetStringAsync("/Support"), StringComparison.Ordinal);

        var kjj = await SignedInAsync(app, await app.CreateUserAsync(Roles.Department, "市科技局"));
        var url = $"/Support/Application/{appId}";
        string Version() => app.Use(d => d.Set<PolicyApplication>().Single(a => a.Id == appId).Version);
        var over = await FollowAsync(kjj, await FipApp.PostFormAsync(kjj, url + "?handler=Decide",
            new Dictionary<string, string> { ["decision"] = "Approve", ["amount"] = "25", ["version"] = Version() }, url));
        Assert.Contains("不能超过测算上限 20", over, StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Submitted, app.Use(d => d.Set<PolicyApplication>().Single(a => a.Id == appId).State));
        await FollowAsync(kjj, await FipApp.PostFormAsync(kjj, url + "?handler=Decide",
            new Dictionary<string, string> { ["decision"] = "Approve", ["amount"] = "20", ["version"] = Version() }, url));
        // Counted as the statistics count payments: paid, with the payment recorded (other tests store bare states).
        int PaidNow() => app.Use(d => d.Set<PolicyApplication>()
            .Count(a => a.PolicyId == voucher && a.State == ApplicationState.Paid && a.PaidAt != null));
        var before = PaidNow();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var paid = await FollowAsync(kjj, await FipApp.PostFormAsync(kjj, url + "?handler=Pay", new Dictionary<string, string>
        { ["amount"] = "20", ["paidOn"] = today, ["voucher"] = "PZ-2026-001", ["version"] = Version() }, url));
        Assert.Contains("PZ-2026-001", paid, StringComparison.Ordinal);
        var stored = app.Use(d => d.Set<PolicyApplication>().Single(a => a.Id == appId));
        Assert.Equal((ApplicationState.Paid, 20m, "PZ-2026-001"), (stored.State, stored.PaidAmount!.Value, stored.PaymentVoucher));

        var stats = await kjj.GetStringAsync("/Support/Statistics");
        Assert.Contains("data-testid=\"chart-policy\"", stats, StringComparison.Ordinal);
        var row = Regex.Match(stats, "<th scope=\"row\">科技创新券</th><td class=\"text-end\">(\\d+)</td><td class=\"text-end\">\\d+</td>"
            + "<td class=\"text-end\">(\\d+)</td>");
        Assert.True(row.Success, stats);
        // Other tests pay applications of the same policy in the shared database meanwhile, and payments are final: the figure
        // shown counts this payment (at least one more than before it) and no payment that did not exist once the page was drawn.
        var after = PaidNow();
        Assert.InRange(int.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), before + 1, after);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Department_ProactiveList_ExportsValidXlsx_PushesToTheEnterprisesTodoOnce_AndAppliesOnBehalf(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (enterprise, _, id) = await EnterpriseAsync(app);
        var name = app.Use(d => d.Enterprises.Single(e => e.Id == id).Name);
        // A policy of its own that only this enterprise meets (a headcount no other test gives), so the pushes' counts are this
        // test's alone while other classes create eligible enterprises and push the seeded policies.
        var headcount = 700_000 + (id % 200_000);
        app.Use(d =>
        {
            d.EnterpriseIndicators.Single(i => i.EnterpriseId == id && i.Year == SupportSamples.FiguresYear).Employees = headcount;
            return d.Save();
        });
        var policy = NewPolicy(app, $$"""{"all":[{"field":"employees","op":"=","value":{{headcount}}}]}""", proactive: true);
        var voucher = policy.Id;
        var kjj = await SignedInAsync(app, await app.CreateUserAsync(Roles.Department, "市科技局"));

        var catalogue = await kjj.GetStringAsync("/Support");
        Assert.Contains($"href=\"/Support/Policy/{voucher}\"", catalogue, StringComparison.Ordinal);
        var page = await kjj.GetStringAsync($"/Support/Policy/{voucher}");
        Assert.Contains(name, page, StringComparison.Ordinal);
        var export = Regex.Match(page, "href=\"([^\"]+eligible\\.xlsx)\"");
        Assert.True(export.Success);
        var xlsx = await kjj.GetAsync(export.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(book).Select(e => e.Description));
            Assert.Contains(name, book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText
                ?? book.WorkbookPart.WorksheetParts.Single().Worksheet.InnerText, StringComparison.Ordinal);
        }

        var policyUrl = $"/Support/Policy/{voucher}";
        var pushed = await FollowAsync(kjj, await FipApp.PostFormAsync(kjj, policyUrl + "?handler=Push", new Dictionary<string, string>(),
            policyUrl));
        Assert.Matches("已推送给 [1-9]\\d* 家企业", pushed);
        var again = await FollowAsync(kjj, await FipApp.PostFormAsync(kjj, policyUrl + "?handler=Push", new Dictionary<string, string>(),
            policyUrl));
        Assert.Contains("已推送给 0 家企业", again, StringComparison.Ordinal);
        Assert.Equal(1, app.Use(d => d.Set<PolicyInvitation>().Count(i => i.EnterpriseId == id && i.PolicyId == voucher)));

        var inbox = await enterprise.GetStringAsync("/Inbox");
        Assert.Contains(policy.Name, inbox, StringComparison.Ordinal);
        var link = $"/Support#policy-{voucher}";
        Assert.Contains($"href=\"{link}\"", inbox, StringComparison.Ordinal);
        Assert.Contains($"id=\"policy-{voucher}\"", await enterprise.GetStringAsync(link), StringComparison.Ordinal);

        var onBehalf = await FipApp.PostFormAsync(kjj, policyUrl + "?handler=OnBehalf",
            new Dictionary<string, string> { ["enterpriseId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                policyUrl);
        Assert.StartsWith("/Support/Application/", onBehalf.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(app.Use(d => d.Set<PolicyApplication>().Single(a => a.EnterpriseId == id).OnBehalf));
        // It leaves the 免申即享 list (its name stays in the policy's applications below it).
        Assert.DoesNotContain($"data-testid=\"on-behalf-{id}\"", await kjj.GetStringAsync(policyUrl), StringComparison.Ordinal);
        Assert.DoesNotContain(policy.Name, await enterprise.GetStringAsync("/Inbox"), StringComparison.Ordinal);
    }

    /// <summary>A policy of the test's own (every enterprise with a headcount meets the default rule); a proactive one (免申即享) is
    /// published, lists the enterprises that meet it and pushes it to them.</summary>
    private static SupportPolicy NewPolicy(FipApp app, string rule = """{"all":[{"field":"employees","op":">=","value":1}]}""",
        bool proactive = false)
    {
        var code = "ws-" + Guid.NewGuid().ToString("N")[..10];
        return app.Use(d =>
        {
            var p = new SupportPolicy
            {
                Code = code,
                Name = "工作台测试政策" + code[3..],
                IssuingUnit = "市科技局",
                BenefitKind = BenefitKind.Fixed,
                BenefitAmount = 10m,
                Rule = rule,
                Proactive = proactive,
                IsPublished = proactive,
                DepartmentId = d.Departments.Single(x => x.Name == "市科技局").Id,
            };
            d.Add(p);
            d.Save();
            return p;
        });
    }

    /// <summary>The editor's form fields for a policy, as the page renders them (the rows of its rule as given).</summary>
    private static Dictionary<string, string> Form(SupportPolicy p, params (string Path, string Kind, string? Field, string? Op,
        string? Value)[] rows)
    {
        var f = new Dictionary<string, string>
        {
            ["Form.Name"] = p.Name,
            ["Form.IssuingUnit"] = p.IssuingUnit,
            ["Form.BenefitKind"] = "Fixed",
            ["Form.BenefitAmount"] = "10",
            ["Form.Version"] = p.Version,
        };
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            f[$"Rows[{i}].Path"] = r.Path;
            f[$"Rows[{i}].Kind"] = r.Kind;
            if (r.Field is not null) f[$"Rows[{i}].Field"] = r.Field;
            if (r.Op is not null) f[$"Rows[{i}].Op"] = r.Op;
            if (r.Value is not null) f[$"Rows[{i}].Value"] = r.Value;
        }
        return f;
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Editor_AddsConditionsThroughTheForm_DryRunsTheChange_Saves_AndRefusesAStaleEdit(DatabaseProvider db)
    {
        var app = FipApp.For(db);
        var (_, _, id) = await EnterpriseAsync(app); // 120 employees, revenue 8000
        var policy = NewPolicy(app);
        var admin = await SignedInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var url = $"/Support/Edit/{policy.Id}";
        Assert.Contains("data-testid=\"rule-row-0.0\"", await admin.GetStringAsync(url), StringComparison.Ordinal);

        var rows = new[] { ("0", "all", (string?)null, (string?)null, (string?)null), ("0.0", "condition", "employees", ">=", "1") };
        var added = await FipApp.PostFormAsync(admin, url, new Dictionary<string, string>(Form(policy, rows)) { ["action"] = "add:0:any" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("data-testid=\"rule-row-0.1\"", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Employees ≥ 1 and revenue ≥ 10000: the test enterprise (8000) drops out.
        var narrower = Form(policy, ("0", "all", null, null, null), ("0.0", "condition", "employees", ">=", "1"),
            ("0.1", "condition", "revenue", ">=", "10000"));
        var dry = await FipApp.PostFormAsync(admin, url, new Dictionary<string, string>(narrower) { ["action"] = "dryrun" });
        var dryText = await dry.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"dry-run-counts\"", dryText, StringComparison.Ordinal);
        Assert.Contains(app.Use(d => d.Enterprises.Single(e => e.Id == id).Name), dryText, StringComparison.Ordinal);
        Assert.DoesNotContain("10000", app.Use(d => d.Set<SupportPolicy>().Single(p => p.Id == policy.Id).Rule), StringComparison.Ordinal);

        var saved = await FipApp.PostFormAsync(admin, url, new Dictionary<string, string>(narrower) { ["action"] = "save" });
        Assert.Equal($"/Support/Policy/{policy.Id}", saved.Headers.Location!.OriginalString);
        Assert.Contains("10000", app.Use(d => d.Set<SupportPolicy>().Single(p => p.Id == policy.Id).Rule), StringComparison.Ordinal);
        var stale = await FipApp.PostFormAsync(admin, url, new Dictionary<string, string>(narrower) { ["action"] = "save" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadPolicies()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "unknown field", "Rows[1].Field=turnover", "turnover");
            data.Add(db, "revenue ≥ 5000 and ≤ 1000", "Rows[1].Field=revenue;Rows[1].Value=5000;Rows[2].Path=0.1;Rows[2].Kind=condition;"
                + "Rows[2].Field=revenue;Rows[2].Op=<=;Rows[2].Value=1000", "矛盾");
            data.Add(db, "a number where names are needed", "Rows[1].Field=district;Rows[1].Op=in;Rows[1].Value=不存在区", "不存在区");
            data.Add(db, "window closes before it opens", "Form.OpensOn=2026-06-01;Form.ClosesOn=2026-05-01", "早于开始日期");
            data.Add(db, "fixed benefit without an amount", "Form.BenefitAmount=", "大于 0 的金额");
            data.Add(db, "share without a cap", "Form.BenefitKind=Share;Form.BenefitPercent=50;Form.BenefitFigure=rdExpense", "上限");
            data.Add(db, "share above 100 %",
                "Form.BenefitKind=Share;Form.BenefitPercent=150;Form.BenefitFigure=rdExpense;Form.BenefitCap=5",
                "100 %");
            data.Add(db, "source link not http", "Form.SourceUrl=javascript:alert(1)", "http");
            data.Add(db, "no name", "Form.Name=", "政策名称");
        }
        return data;
    }

    [Theory, MemberData(nameof(BadPolicies))]
    public async Task Editor_RefusesBadInput_WithAMessage_WritesNothing_AndAudits(DatabaseProvider db, string why, string changes,
        string message)
    {
        var app = FipApp.For(db);
        var policy = NewPolicy(app);
        var kjj = await SignedInAsync(app, await app.CreateUserAsync(Roles.Department, "市科技局"));
        var form = Form(policy, ("0", "all", null, null, null), ("0.0", "condition", "employees", ">=", "5"));
        foreach (var change in changes.Split(';'))
        {
            var (key, value) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=',
                StringComparison.Ordinal) + 1)..]);
            form[key.Replace("Rows[1]", "Rows[1]", StringComparison.Ordinal)] = value;
        }
        form["action"] = "save";
        var url = $"/Support/Edit/{policy.Id}";
        var response = await FipApp.PostFormAsync(kjj, url, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{why}: {(int)response.StatusCode}");
        Assert.Contains(message, body, StringComparison.Ordinal);
        var stored = app.Use(d => d.Set<SupportPolicy>().AsNoTracking().Single(p => p.Id == policy.Id));
        Assert.Equal((policy.Version, policy.Rule, policy.Name), (stored.Version, stored.Rule, stored.Name));
        Assert.True(app.Use(d => d.AuditEntries.Any(a => a.Action == AuditActions.Refused && a.EntityType == nameof(SupportPolicy)
            && a.EntityKey == policy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && !a.Success)), why);
    }

    public static TheoryData<DatabaseProvider, string, string> BadApplications()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(db, "closed window", "不在申报期内");
            data.Add(db, "not eligible", "不符合政策条件");
            data.Add(db, "a PNG named .pdf", "文件内容与类型不符");
            data.Add(db, "an executable", "文件内容与类型不符");
            data.Add(db, "an empty file", "非空文件");
        }
        return data;
    }

    [Theory, MemberData(nameof(BadApplications))]
    public async Task Apply_BadInput_IsRefusedWithAMessage_WritesNoApplication_AndAudits(DatabaseProvider db, string why, string message)
    {
        var app = FipApp.For(db);
        var (browser, user, id) = await EnterpriseAsync(app);
        var voucher = SupportSamples.PolicyId(app, SupportSeeder.Voucher);
        var policyId = voucher;
        byte[] file = Pdf;
        var fileName = "合同.pdf";
        switch (why)
        {
            case "closed window":
                policyId = app.Use(d =>
                {
                    var p = new SupportPolicy
                    {
                        Code = "closed-" + Guid.NewGuid().ToString("N")[..8],
                        Name = "已截止政策",
                        IsPublished = true,
                        Rule = """{"field":"employees","op":">=","value":1}""",
                        ClosesOn = new DateOnly(2020, 12, 31),
                    };
                    d.Add(p);
                    d.Save();
                    return p.Id;
                });
                break;
            case "not eligible": policyId = SupportSamples.PolicyId(app, SupportSeeder.InnovativeProducts); break;
            case "a PNG named .pdf": file = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]; break;
            case "an executable": (file, fileName) = ("MZ\u0090\0"u8.ToArray(), "setup.exe"); break;
            case "an empty file": file = []; break;
        }
        var before = app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.Refused && a.UserName == user.UserName));
        var response = await ApplyAsync(browser, policyId, file, fileName);
        Assert.Equal("/Support", response.Headers.Location!.OriginalString);
        Assert.Contains(message, await browser.GetStringAsync("/Support"), StringComparison.Ordinal);
        Assert.False(app.Use(d => d.Set<PolicyApplication>().Any(a => a.EnterpriseId == id)), why);
        Assert.Equal(before + 1, app.Use(d => d.AuditEntries.Count(a => a.Action == AuditActions.Refused && a.UserName == user.UserName)));
    }
}
