using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>Issue 18 items 2, 3, 5 and 6: an enterprise registers, claims its record, 邗江区 approves; the enterprise files its yearly
/// figures and sees them on 我的企业, sees it meets 科技创新券 and nearly meets 首台（套）, applies, is approved and paid; a move to
/// another district waits for 邗江区's approval.</summary>
[Collection(BrowserCollection.Name)]
public class MyEnterpriseJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task EnterpriseRegistersClaimsFilesFigures_DistrictApprovesTheClaimAndAMove()
    {
        var code = "";
        var name = "旅程认领" + Guid.NewGuid().ToString("N")[..4] + "科技有限公司";
        var id = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random());
            var district = await db.Districts.Where(d => d.Name == "邗江区").Select(d => d.Id).SingleAsync();
            var e = new Enterprise
            { Name = name, CreditCode = code, DistrictId = district, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Enterprises.Add(e);
            await db.SaveChangesAsync();
            id = e.Id;
        });
        var userName = "jr-" + Guid.NewGuid().ToString("N")[..10];

        // The enterprise registers on a phone and claims its record.
        var ent = await fixture.NewPageAsync(390, 844);
        await ent.GotoAsync("/Accounts/Login");
        await ent.GetByTestId("login-register").ClickAsync();
        await fixture.CheckPageAsync(ent, "e0-register-390");
        await ent.GetByTestId("register-UserName").FillAsync(userName);
        await ent.GetByTestId("register-Phone").FillAsync("13812345678");
        await ent.GetByTestId("register-Email").FillAsync("journey@example.com");
        await ent.GetByTestId("register-Password").FillAsync(BrowserFixture.UserPassword);
        await ent.GetByTestId("register-ConfirmPassword").FillAsync(BrowserFixture.UserPassword);
        await ent.GetByTestId("register-submit").ClickAsync();
        await Expect(ent.GetByTestId("claim-form")).ToBeVisibleAsync();
        await ent.GetByTestId("claim-creditCode").FillAsync(code);
        await ent.GetByTestId("claim-companyName").FillAsync(name);
        await ent.GetByTestId("claim-contactPerson").FillAsync("旅程联系人");
        await ent.GetByTestId("claim-contactPhone").FillAsync("0514-87654321");
        await ent.GetByTestId("claim-submit").ClickAsync();
        await Expect(ent.GetByTestId("my-request").First).ToHaveAttributeAsync("data-state", "Pending");
        await fixture.CheckPageAsync(ent, "e1-claim-sent-390");

        // 邗江区 sees the claim in its 待办 and approves it.
        var district = await fixture.CreateUserAsync(Roles.District);
        var desk = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(desk, district.UserName!, BrowserFixture.UserPassword);
        await desk.GotoAsync("/Inbox");
        await desk.Locator("[data-kind='EnterpriseRequest'] a", new() { HasTextString = name }).ClickAsync();
        var claim = desk.Locator("[data-testid='request']", new() { HasTextString = code });
        await Expect(claim).ToBeVisibleAsync();
        await fixture.CheckPageAsync(desk, "e2-requests-1440");
        await claim.GetByTestId("request-approve").ClickAsync();
        await Expect(desk.Locator("[data-testid='request']", new() { HasTextString = code })).ToHaveCountAsync(0);

        // The enterprise signs in again (its session ended with the binding), on a desktop, and files last year's figures.
        var desktop = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(desktop, userName, BrowserFixture.UserPassword);
        await desktop.GotoAsync("/MyEnterprise");
        await Expect(desktop.GetByTestId("profile-card")).ToContainTextAsync(name);
        await fixture.CheckPageAsync(desktop, "e3-my-enterprise-1440");
        var year = DateTime.UtcNow.AddHours(8).Year - 1;
        await desktop.GetByTestId("figures-file").ClickAsync();
        await desktop.Locator("[name='i.year']").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await desktop.Locator("[name='i.revenue']").FillAsync("12800");
        await desktop.Locator("[name='i.rdExpense']").FillAsync("960");
        await desktop.Locator("[name='i.outputValue']").FillAsync("15300");
        await desktop.Locator("[name='i.tax']").FillAsync("420");
        await desktop.Locator("[name='i.employees']").FillAsync("186");
        await desktop.GetByTestId("indicator-save").ClickAsync();
        await desktop.GotoAsync("/MyEnterprise#figures");
        await Expect(desktop.GetByTestId($"my-figures-{year}")).ToContainTextAsync("12,800.00");

        // 政策计算器 on the figures just filed (R&D 7.5 % of revenue): it meets 科技创新券 and is one condition short of 首台（套）;
        // it applies with evidence, 市科技局 approves and pays, and the enterprise sees its application paid.
        int voucher = 0, firstSet = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            voucher = await db.Set<SupportPolicy>().Where(p => p.Code == SupportSeeder.Voucher).Select(p => p.Id).SingleAsync();
            firstSet = await db.Set<SupportPolicy>().Where(p => p.Code == SupportSeeder.FirstSet).Select(p => p.Id).SingleAsync();
        });
        await desktop.GotoAsync("/Support");
        await Expect(desktop.GetByTestId($"met-{voucher}")).ToBeVisibleAsync();
        await Expect(desktop.GetByTestId($"nearly-{firstSet}").GetByTestId("blocking")).ToContainTextAsync("需 ≥ 1");
        await fixture.CheckPageAsync(desktop, "e3a-calculator-1440");
        var pdf = fixture.ScratchFile("认领旅程.pdf");
        await File.WriteAllBytesAsync(pdf, "%PDF-1.4\n%%EOF\n"u8.ToArray());
        await desktop.GetByTestId($"apply-file-{voucher}").SetInputFilesAsync(pdf);
        await desktop.GetByTestId($"apply-{voucher}").ClickAsync();
        await Expect(desktop.GetByTestId("state")).ToContainTextAsync("待审核");
        var application = desktop.Url;
        var department = await fixture.NewPageAsync(1440, 900);
        await fixture.SignInAsync(department, (await fixture.CreateUserAsync(Roles.Department)).UserName!, BrowserFixture.UserPassword);
        await department.GotoAsync(application);
        await department.GetByTestId("review-amount").FillAsync("20");
        await department.GetByTestId("review-approve").ClickAsync();
        await Expect(department.GetByTestId("state")).ToContainTextAsync("已批准");
        await department.GetByTestId("pay-voucher").FillAsync("PZ-认领旅程-001");
        await department.GetByTestId("pay-submit").ClickAsync();
        await Expect(department.GetByTestId("paid")).ToContainTextAsync("PZ-认领旅程-001");
        await desktop.GotoAsync(application);
        await Expect(desktop.GetByTestId("state")).ToContainTextAsync("已兑现");
        await Expect(desktop.GetByTestId("paid")).ToContainTextAsync("PZ-认领旅程-001");
        await fixture.CheckPageAsync(desktop, "e3b-paid-1440");
        await desktop.GotoAsync("/MyEnterprise");

        // A move to 江都区 is not saved directly: it waits for 邗江区, whose approval moves the record.
        await desktop.GetByTestId("profile-edit").ClickAsync();
        await desktop.Locator("select[name='v.district']").SelectOptionAsync("江都区");
        await desktop.Locator("[name='v.address']").FillAsync("扬州市邗江区旅程路1号");
        await desktop.Locator("form button[type='submit']").Last.ClickAsync();
        await desktop.GotoAsync("/MyEnterprise");
        await Expect(desktop.GetByTestId("profile-district")).ToHaveTextAsync("邗江区");
        await Expect(desktop.GetByTestId("profile-address")).ToHaveTextAsync("扬州市邗江区旅程路1号");
        await Expect(desktop.Locator("[data-testid='my-request'][data-state='Pending']")).ToContainTextAsync("江都区");
        var phone = await fixture.NewPageAsync(390, 844);
        await fixture.SignInAsync(phone, userName, BrowserFixture.UserPassword);
        await phone.GotoAsync("/MyEnterprise");
        await fixture.CheckPageAsync(phone, "e4-my-enterprise-390");

        await desk.GotoAsync("/MyEnterprise/Requests");
        var change = desk.Locator("[data-testid='request'][data-kind='Change']", new() { HasTextString = name });
        await Expect(change.GetByTestId("request-value-district")).ToHaveTextAsync("江都区");
        await change.GetByTestId("request-approve").ClickAsync();
        await desktop.GotoAsync("/MyEnterprise");
        await Expect(desktop.GetByTestId("profile-district")).ToHaveTextAsync("江都区");
        await fixture.CheckPageAsync(desktop, "e5-moved-1440");
        Assert.True(id > 0);
    }
}
