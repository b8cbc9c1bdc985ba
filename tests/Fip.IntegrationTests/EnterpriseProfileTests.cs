using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Regulation;
using Fip.Web.Features.Scenarios;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Fip.IntegrationTests;

/// <summary>
/// The enterprise profile (企业画像): an enterprise's records from every module on its record page, each linked both ways, and
/// who sees what (an enterprise only its own profile; a district user the confined sections only in its own district); the
/// projects' yearly investment imported all-or-nothing and shown on the project; the cockpit's city map.
/// </summary>
public class EnterpriseProfileTests
{
    /// <summary>A: 邗江区, with a product, a project (2 years of investment), a registry scenario, a published post, a 观察期 with a
    /// sent 提示, a support application, two qualifications and figures. B: 江都区, with a 包容期.</summary>
    private sealed record Data(FipApp App, Enterprise A, Enterprise B, int Product, int Project, int Scenario, int Post, long Measure,
        long Notice, int Policy, long MeasureB);

    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<Data>>> Apps = new();

    private static Task<Data> DataFor(DatabaseProvider provider) => Apps.GetOrAdd(provider, p => new(() => SeedAsync(p))).Value;

    private static Task<Data> SeedAsync(DatabaseProvider provider)
    {
        var app = FipApp.Start(provider);
        return Task.FromResult(app.Use(db =>
        {
            var districts = db.Districts.ToDictionary(d => d.Name, d => d.Id);
            var department = db.Departments.First(d => d.Name == "市科技局").Id;
            var now = DateTime.UtcNow;
            Enterprise New(string name, string district) => new()
            {
                CreditCode = RegistryTests.NewCreditCode(),
                Name = name,
                DistrictId = districts[district],
                ContactPerson = "张三丰",
                ContactPhone = "13912345678",
                CreatedAt = now,
                UpdatedAt = now,
            };
            var a = New("画像测试甲企业" + Guid.NewGuid().ToString("N")[..6], "邗江区");
            a.Qualifications.Add(new EnterpriseQualification { Kind = QualificationKind.HighTech, Year = 2021 });
            a.Qualifications.Add(new EnterpriseQualification { Kind = QualificationKind.SpecialisedSme, Year = 2023 });
            a.Indicators.Add(new EnterpriseIndicator { Year = 2023, Revenue = 800, Employees = 40 });
            a.Indicators.Add(new EnterpriseIndicator { Year = 2024, Revenue = 1000, Tax = 50, Employees = 45 });
            var b = New("画像测试乙企业" + Guid.NewGuid().ToString("N")[..6], "江都区");
            db.Enterprises.AddRange(a, b);
            db.Save();
            var product = new KeyProduct
            {
                Name = "画像测试产品",
                EnterpriseId = a.Id,
                Stage = ProductStage.Prototype,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var project = new KeyProject
            {
                Name = "画像测试项目",
                EnterpriseId = a.Id,
                DistrictId = a.DistrictId,
                Status = ProjectStatus.UnderConstruction,
                TotalInvestment = 5000,
                CreatedAt = now,
                UpdatedAt = now,
                Investments = [new() { Year = 2024, Planned = 2000, Completed = 1600 },
                    new() { Year = 2025, Planned = 3000, Completed = 3300 }],
            };
            var scenario = new Scenario
            {
                Name = "画像测试场景",
                Owner = a.Name,
                DistrictId = a.DistrictId,
                Kind = ScenarioKind.Demonstration,
                Stage = ScenarioStage.EarlyValidation,
                Status = ScenarioStatus.Building,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var post = new ScenarioPost
            {
                Kind = PostKind.Capability,
                State = PostState.Published,
                Title = "画像测试能力",
                Organisation = a.Name,
                Summary = "测试",
                CreatedBy = "test",
                CreatedAt = now,
                UpdatedAt = now,
                PublishedAt = now,
                OwnerEnterpriseUscc = a.CreditCode,
            };
            RegulatoryMeasure Measure(Enterprise e, MeasureKind kind) => new()
            {
                Kind = kind,
                Subject = MeasureSubject.Enterprise,
                SubjectName = e.Name,
                EnterpriseId = e.Id,
                EnterpriseUscc = e.CreditCode,
                DistrictId = e.DistrictId,
                DepartmentId = department,
                LegalBasis = "测试",
                Scope = "测试",
                StartOn = new DateOnly(2025, 1, 1),
                EndOn = new DateOnly(2026, 12, 31),
                CreatedAt = now,
                CreatedBy = "test",
            };
            var measure = Measure(a, MeasureKind.Observation);
            var measureB = Measure(b, MeasureKind.Tolerance);
            var policy = new SupportPolicy
            {
                Code = "profile-" + Guid.NewGuid().ToString("N")[..10],
                Name = "画像测试政策",
                IsPublished = true,
                Rule = """{"field":"employees","op":">=","value":1}""",
            };
            db.AddRange(product, project, scenario, post, measure, measureB, policy);
            db.Save();
            var notice = new RegulatoryNotice
            {
                Kind = NoticeKind.Warning,
                State = NoticeState.Sent,
                MeasureId = measure.Id,
                EnterpriseId = a.Id,
                EnterpriseUscc = a.CreditCode,
                DistrictId = a.DistrictId,
                DepartmentId = department,
                Findings = "画像测试提示",
                Advice = "测试",
                CreatedAt = now,
                CreatedBy = "test",
                SentAt = now,
                SentBy = "test",
            };
            db.Add(notice);
            db.Add(new PolicyApplication
            {
                PolicyId = policy.Id,
                EnterpriseId = a.Id,
                State = ApplicationState.Submitted,
                SubmittedAt = now,
            });
            db.Save();
            return new Data(app, a, b, product.Id, project.Id, scenario.Id, post.Id, measure.Id, notice.Id, policy.Id, measureB.Id);
        }));
    }

    private static async Task<HttpClient> SignedInAsync(FipApp app, string role, string? district = "邗江区", string? uscc = null)
    {
        var client = app.BrowserClient();
        var user = await app.CreateUserAsync(role, district: district, uscc: uscc);
        await FipApp.SignInAsync(client, user.UserName!, FipApp.UserPassword);
        return client;
    }

    private static string Profile(Enterprise e) => "/Registries/enterprises/" + e.Id;

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Profile_ListsEveryModulesRecords_EachLinkedBothWays(DatabaseProvider db)
    {
        var d = await DataFor(db);
        var admin = await SignedInAsync(d.App, Roles.Admin);
        var page = await admin.GetStringAsync(Profile(d.A));
        foreach (var section in new[] { "profile-qualifications", "profile-products", "profile-projects", "profile-scenarios",
            "profile-posts",
            "profile-measures", "profile-notices", "profile-applications", "figures-chart" })
            Assert.Contains($"data-testid=\"{section}\"", page, StringComparison.Ordinal);
        // Qualifications in the order of their years.
        var timeline = page[page.IndexOf("data-testid=\"profile-qualifications\"", StringComparison.Ordinal)..];
        Assert.True(timeline.IndexOf("高新技术企业", StringComparison.Ordinal) < timeline.IndexOf("专精特新中小企业", StringComparison.Ordinal));

        // Every linked record opens, and the ones with an enterprise field link back to the profile.
        var back = $"href=\"{Profile(d.A)}\"";
        (string Link, bool LinksBack)[] links =
        [
            ($"/Registries/products/{d.Product}", true), ($"/Registries/projects/{d.Project}", true),
            ($"/Registries/scenarios/{d.Scenario}", true), ($"/Scenarios/Post/{d.Post}", true),
            ($"/Regulation/Measure/{d.Measure}", true), ($"/Regulation/Notice/{d.Notice}", true),
            ($"/Portal/Policies/{d.Policy}", false),
        ];
        foreach (var (link, linksBack) in links)
        {
            Assert.Contains($"href=\"{link}\"", page, StringComparison.Ordinal);
            var target = await admin.GetAsync(link);
            Assert.True(target.StatusCode == HttpStatusCode.OK, link + " " + target.StatusCode);
            if (linksBack) Assert.Contains(back, await target.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // B's measure is not A's.
        Assert.DoesNotContain($"/Regulation/Measure/{d.MeasureB}\"", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Profile_Scope_EnterpriseOnlyItsOwn_DistrictConfinedSectionsOnlyInItsDistrict(DatabaseProvider db)
    {
        var d = await DataFor(db);
        // An enterprise user of A sees A's profile with its own (unmasked) contact, and never B's.
        var firm = await SignedInAsync(d.App, Roles.Enterprise, uscc: d.A.CreditCode);
        var own = await firm.GetStringAsync(Profile(d.A));
        Assert.Contains("13912345678", own, StringComparison.Ordinal);
        Assert.Contains($"/Regulation/Notice/{d.Notice}\"", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await firm.GetAsync(Profile(d.B))).StatusCode);

        // A district user of 邗江区 sees A's measures and contact; on B (江都区) neither B's measure nor B's contact.
        var hanjiang = await SignedInAsync(d.App, Roles.District, "邗江区");
        var a = await hanjiang.GetStringAsync(Profile(d.A));
        Assert.Contains($"/Regulation/Measure/{d.Measure}\"", a, StringComparison.Ordinal);
        Assert.Contains("13912345678", a, StringComparison.Ordinal);
        var b = await hanjiang.GetStringAsync(Profile(d.B));
        Assert.DoesNotContain($"/Regulation/Measure/{d.MeasureB}\"", b, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", b, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"profile-measures\"", b, StringComparison.Ordinal);

        // A department user sees every section but personal data masked.
        var dept = await SignedInAsync(d.App, Roles.Department);
        var masked = await dept.GetStringAsync(Profile(d.A));
        Assert.DoesNotContain("13912345678", masked, StringComparison.Ordinal);
        Assert.Contains($"/Registries/products/{d.Product}\"", masked, StringComparison.Ordinal);
    }

    /// <summary>
    /// One term for the enterprise's R&amp;D figure: the profile (its figures table, chart and form) says what the cockpit says, 研发投入
    /// (R&amp;D spending), never 研发费用 beside it.
    /// </summary>
    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Profile_AndCockpit_NameTheRdFigureAlike(DatabaseProvider db)
    {
        var d = await DataFor(db);
        var admin = await SignedInAsync(d.App, Roles.Admin);
        foreach (var (culture, label) in new[] { ("zh-CN", "研发投入"), ("en", "R&amp;D spending") })
        {
            await admin.GetAsync($"/culture/{culture}?returnUrl=%2F");
            var profile = await admin.GetStringAsync(Profile(d.A));
            var cockpit = await admin.GetStringAsync("/Cockpit");
            Assert.Contains($"<th scope=\"col\">{label}</th>", profile, StringComparison.Ordinal);
            Assert.Contains($"for=\"i-rdExpense\">{label}", profile, StringComparison.Ordinal); // the form's field (万元 after it)
            Assert.Contains($"<dt>{label}</dt>", cockpit, StringComparison.Ordinal);
            foreach (var page in new[] { profile, cockpit }) Assert.DoesNotContain("研发费用", page, StringComparison.Ordinal);
        }
        await admin.GetAsync("/culture/zh-CN?returnUrl=%2F");
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task Project_ShowsYearlyInvestment_WithItsCompletionRatio(DatabaseProvider db)
    {
        var d = await DataFor(db);
        var admin = await SignedInAsync(d.App, Roles.Admin);
        var page = await admin.GetStringAsync($"/Registries/projects/{d.Project}");
        Assert.Contains("data-testid=\"investment-card\"", page, StringComparison.Ordinal);
        Assert.Contains("data-profile-chart=\"investment\"", page, StringComparison.Ordinal);
        Assert.Contains(">80%<", page, StringComparison.Ordinal);   // 1600 / 2000
        Assert.Contains(">110%<", page, StringComparison.Ordinal);  // 3300 / 3000: over plan is shown, not capped
        Assert.Contains("2024:2000/1600、2025:3000/3300", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task ProjectImport_YearlyInvestment_AllRowsOrNone(DatabaseProvider db)
    {
        var d = await DataFor(db);
        var header = "项目名称,项目单位,所属板块,项目状态,年度投资（年份:计划/完成，万元）";
        var dir = Directory.CreateTempSubdirectory("fip-projects-");
        try
        {
            var name = "导入投资项目" + Guid.NewGuid().ToString("N")[..6];
            var bad = Path.Combine(dir.FullName, "bad.csv");
            await File.WriteAllTextAsync(bad, $"{header}\r\n{name},{d.A.CreditCode},邗江区,在建,2024:100/120\r\n" +
                $"{name}乙,{d.A.CreditCode},邗江区,在建,2024:-5/1\r\n", new UTF8Encoding(false));
            var (code, _, error) = await d.App.RunCliAsync("import", "projects", bad);
            Assert.Equal(1, code);
            Assert.Contains("不小于 0", error, StringComparison.Ordinal);
            Assert.False(d.App.Use(x => x.KeyProjects.Any(p => p.Name.StartsWith(name))));

            var good = Path.Combine(dir.FullName, "good.csv");
            await File.WriteAllTextAsync(good, $"{header}\r\n{name},{d.A.CreditCode},邗江区,在建,\"2024:100/120、2025:200/\"\r\n",
                new UTF8Encoding(false));
            (code, _, error) = await d.App.RunCliAsync("import", "projects", good);
            Assert.True(code == 0, error);
            var stored = d.App.Use(x => x.Set<ProjectInvestment>().Where(i => x.KeyProjects.Any(p => p.Id == i.ProjectId && p.Name == name))
                .OrderBy(i => i.Year).ToList());
            Assert.Equal(new (int, decimal, decimal?)[] { (2024, 100m, 120m), (2025, 200m, null) },
                stored.Select(i => (i.Year, i.Planned!.Value, i.Completed)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory, MemberData(nameof(FipApp.Databases), MemberType = typeof(FipApp))]
    public async Task CityMap_EveryDistrictPlaced_ClickThroughLinks_AndStaffOnly(DatabaseProvider db)
    {
        var d = await DataFor(db);
        var leader = await SignedInAsync(d.App, Roles.Leader);
        var response = await leader.GetAsync("/Cockpit/Map");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var districts = d.App.Use(x => x.Districts.ToList());
        var areas = json.RootElement.GetProperty("boundaries").GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("id").GetInt32()).ToList();
        var points = json.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(districts.Where(x => x.Code is not null).Select(x => x.Id).Order(), areas.Order());
        Assert.Equal(districts.Where(x => x.Code is null).Select(x => x.Id).Order(), points.Order());
        Assert.Empty(json.RootElement.GetProperty("unplaced").EnumerateArray());

        foreach (var page in new[] { "/Cockpit", "/Cockpit/Screen" })
        {
            var html = await leader.GetStringAsync(page);
            Assert.Contains("data-testid=\"cockpit-map\"", html, StringComparison.Ordinal);
            Assert.Contains("data-city-map=\"/Cockpit/Map\"", html, StringComparison.Ordinal);
            Assert.Contains("/js/city-map.js", html, StringComparison.Ordinal);
            // The table beside the map links every district to its view.
            foreach (var district in districts)
                Assert.Contains($"href=\"/Cockpit/District/{district.Id}\"", html, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/Cockpit/District/{districts[0].Id}")).StatusCode);

        var firm = await SignedInAsync(d.App, Roles.Enterprise, uscc: d.A.CreditCode);
        var denied = await firm.GetAsync("/Cockpit/Map");
        Assert.StartsWith("/Accounts/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
