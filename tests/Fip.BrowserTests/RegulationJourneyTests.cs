using Fip.Web.Features.Accounts;
using Fip.Web.Features.Regulation;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>Issue 21: a 包容期 granted, a 提示 and a 行政指导 sent and answered, the expiry alert and the outcome; a 容错 case decided
/// (减责) and published anonymised on the portal.</summary>
[Collection(BrowserCollection.Name)]
public class RegulationJourneyTests(BrowserFixture fixture)
{
    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(offset)
        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task DepartmentGrantsATolerancePeriod_SendsWarningAndGuidance_EnterpriseReplies_ExpiryAlert_OutcomeRecorded()
    {
        var code = "";
        var name = "旅程无人配送" + Guid.NewGuid().ToString("N")[..4];
        await fixture.WithDbAsync(async (db, _) =>
        {
            code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random());
            var district = await db.Districts.Where(d => d.Name == "邗江区").Select(d => d.Id).SingleAsync();
            db.Enterprises.Add(new Enterprise
            {
                Name = name + "公司",
                CreditCode = code,
                DistrictId = district,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var enterpriseUser = "";
        await fixture.WithDbAsync(async (_, sp) =>
        {
            enterpriseUser = "ent-" + Guid.NewGuid().ToString("N")[..10];
            var result = await sp.GetRequiredService<AccountService>().CreateAsync(
                new AccountInput(enterpriseUser, "旅程企业", Roles.Enterprise, null, null, code, null), BrowserFixture.UserPassword,
                mustChangePassword: false);
            Assert.True(result.Succeeded);
        });

        var dept = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(dept, (await fixture.CreateUserAsync(Roles.Department)).UserName!, BrowserFixture.UserPassword);
        await dept.GetByTestId("nav-services").ClickAsync();
        await dept.GetByTestId("nav-regulation").ClickAsync();
        await fixture.CheckPageAsync(dept, "a0-regulation-1440");
        await dept.GetByTestId("grant-measure").ClickAsync();
        await dept.GetByLabel("措施类型").SelectOptionAsync("Tolerance");
        await dept.GetByLabel("适用对象").SelectOptionAsync("BusinessModel");
        await dept.GetByLabel("产品或商业模式名称").FillAsync(name);
        await dept.GetByLabel("企业统一社会信用代码").FillAsync(code);
        await dept.GetByLabel("法律政策依据").FillAsync("行动方案工程七");
        await dept.GetByLabel("适用范围").FillAsync("邗江区限定路段");
        await dept.GetByLabel("开始日期").FillAsync(Day(-300));
        await dept.GetByLabel("结束日期").FillAsync(Day(20));
        await dept.GetByLabel("适用条件").FillAsync("每月报送运行数据");
        await dept.GetByLabel("需关注的风险").FillAsync("交通安全");
        await fixture.CheckPageAsync(dept, "a1-grant-form-1440");
        await dept.GetByTestId("grant-submit").ClickAsync();
        await Expect(dept.GetByTestId("measure-outcome")).ToHaveTextAsync("进行中");
        var measureUrl = dept.Url;

        foreach (var (kind, findings) in new[] { ("Warning", "超出限定路段运行"), ("Guidance", "隐私政策未说明留存期限") })
        {
            await dept.GotoAsync(measureUrl);
            await dept.GetByTestId("measure-new-notice").ClickAsync();
            await dept.GetByLabel("类型").SelectOptionAsync(kind);
            await dept.GetByLabel("发现的问题").FillAsync(findings);
            await dept.GetByLabel("建议与要求").FillAsync("请整改并报送情况");
            await dept.GetByLabel("答复期限").FillAsync(Day(10));
            await dept.GetByTestId("notice-send").ClickAsync();
            await Expect(dept.GetByTestId("notice-state")).ToHaveTextAsync("待企业答复");
        }
        await fixture.CheckPageAsync(dept, "a2-notice-sent-1440");

        // The enterprise, on a phone, finds both in 柔性监管 and answers each.
        var ent = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(ent, enterpriseUser, BrowserFixture.UserPassword);
        await ent.GotoAsync("/Regulation");
        await Expect(ent.GetByTestId("notice-link")).ToHaveCountAsync(2);
        await fixture.CheckPageAsync(ent, "a3-enterprise-notices-390");
        foreach (var findings in new[] { "超出限定路段运行", "隐私政策未说明留存期限" })
        {
            await ent.GotoAsync("/Regulation");
            await ent.GetByTestId("notice-link").Filter(new() { HasText = findings }).ClickAsync();
            await ent.GetByLabel("企业答复").FillAsync("已整改：" + findings);
            await ent.GetByTestId("reply-submit").ClickAsync();
            await Expect(ent.GetByTestId("notice-state")).ToHaveTextAsync("企业已答复");
        }
        await fixture.CheckPageAsync(ent, "a4-enterprise-replied-390");

        // The expiry alert arrives (the rules run hourly; run them now) and leads to the measure, where the outcome is recorded.
        await fixture.WithDbAsync(async (_, sp) => await sp.GetRequiredService<RegulationAlertRules>().EvaluateAsync(default));
        await dept.GotoAsync("/Alerts");
        var alert = dept.Locator("a[href='" + new Uri(measureUrl).AbsolutePath + "']").First;
        await Expect(alert).ToBeVisibleAsync();
        await alert.ClickAsync();
        await dept.GetByLabel("结果", new() { Exact = true }).SelectOptionAsync("Extended");
        await dept.GetByLabel("新结束日期（延长时填写）").FillAsync(Day(200));
        await dept.GetByLabel("理由").FillAsync("运行平稳，扩大验证");
        await dept.GetByTestId("outcome-submit").ClickAsync();
        await Expect(dept.GetByTestId("measure-outcome").First).ToHaveTextAsync("已延长");
        await fixture.CheckPageAsync(dept, "a5-outcome-1440");
        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, (await fixture.CreateUserAsync(Roles.Department)).UserName!, BrowserFixture.UserPassword);
        await phone.GotoAsync(measureUrl);
        await fixture.CheckPageAsync(phone, "a6-measure-390");
    }

    [Fact]
    public async Task ToleranceCase_FromApplicationToReducedLiability_PublishedAnonymisedOnThePortal()
    {
        var project = "钙钛矿中试线" + Guid.NewGuid().ToString("N")[..4];
        var reviewer = await fixture.NewPageAsync(1440, 900);
        var reviewerUser = await fixture.CreateUserAsync(Roles.ToleranceReviewer);
        await fixture.SignInAsync(reviewer, reviewerUser.UserName!, BrowserFixture.UserPassword);
        await reviewer.GetByTestId("nav-tolerance").ClickAsync();
        await reviewer.GetByTestId("new-case").ClickAsync();
        await reviewer.GetByLabel("单位", new() { Exact = true }).FillAsync("某市属科研院");
        await reviewer.GetByLabel("项目", new() { Exact = true }).FillAsync(project);
        await reviewer.GetByLabel("相关人员").FillAsync("王某某（课题负责人）");
        await reviewer.GetByLabel("预期结果").FillAsync("良率 80%");
        await reviewer.GetByLabel("实际结果").FillAsync("良率 45%，设备断供");
        await reviewer.GetByLabel("损失（万元）").FillAsync("320");
        await reviewer.GetByLabel("申请日期").FillAsync(Day(0));
        await fixture.CheckPageAsync(reviewer, "b0-case-form-1440");
        await reviewer.GetByTestId("case-submit").ClickAsync();

        foreach (var condition in Enum.GetNames<Fip.Web.Features.Tolerance.ToleranceCondition>())
        {
            var card = reviewer.Locator($"[data-testid='finding'][data-condition='{condition}']");
            await card.Locator("textarea[name='evidence']").FillAsync("会议纪要与审计报告");
            await card.GetByLabel(condition == "ProceduresFollowed" ? "不成立" : "成立", new() { Exact = true }).CheckAsync();
            await card.Locator("textarea[name='note']").FillAsync("经核查");
            await card.GetByTestId("finding-submit").ClickAsync();
            await Expect(reviewer.Locator($"[data-testid='finding'][data-condition='{condition}'] [data-testid='finding-state']"))
                .ToHaveTextAsync(condition == "ProceduresFollowed" ? "不成立" : "成立");
        }
        await reviewer.GetByLabel("决定", new() { Exact = true }).SelectOptionAsync("Reduced");
        await reviewer.GetByLabel("决定理由").FillAsync("程序存在瑕疵，予以减责");
        await reviewer.GetByLabel("在公众门户公示（匿名）").CheckAsync();
        await reviewer.GetByLabel("公示内容").FillAsync("市属科研院中试线因设备断供未达预期，予以减责。" + project);
        await reviewer.GetByTestId("decision-submit").ClickAsync();
        await Expect(reviewer.GetByTestId("case-decision")).ToHaveTextAsync("减责");
        // Applied, evidence added and a finding for each of the four conditions, decided.
        await Expect(reviewer.GetByTestId("timeline-event")).ToHaveCountAsync(10);
        await fixture.CheckPageAsync(reviewer, "b1-case-decided-1440");

        var visitor = await fixture.NewPageAsync(390, 844);
        await visitor.GotoAsync("/Portal");
        await visitor.GetByTestId("portal-section-tolerance").ClickAsync();
        var item = visitor.GetByTestId("public-case").Filter(new() { HasText = project });
        await Expect(item).ToContainTextAsync("减责");
        await Expect(item).ToContainTextAsync("单位不公开");
        await Expect(visitor.GetByText("王某某")).ToHaveCountAsync(0);
        await fixture.CheckPageAsync(visitor, "b2-portal-tolerance-390");
        var wide = await fixture.NewPageAsync(1440, 900);
        await wide.GotoAsync("/Portal/Tolerance");
        await fixture.CheckPageAsync(wide, "b3-portal-tolerance-1440");
    }
}
