using DocumentFormat.OpenXml.Packaging;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fip.BrowserTests;

/// <summary>
/// Issue 18 (items 4–6): an enterprise sees it meets 科技创新券 and nearly meets 创新产品推广, applies with an evidence file; the
/// department approves and records payment and the statistics move; the department opens the 免申即享 list, exports it (the file
/// opened) and pushes it. At 1440 and 390 px, axe clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SupportJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task Enterprise_MeetsVoucher_AppliesWithEvidence_DepartmentApprovesPays_ListExportedAndPushed(int width)
    {
        var (code, voucher, products) = await EligibleEnterpriseAsync();
        var ent = await fixture.CreateUserAsync(Roles.Enterprise, enterprise: code);
        var tag = width.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var page = await fixture.NewPageAsync(width, 900);
        await fixture.SignInAsync(page, ent.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync("/Support");
        await Expect(page.GetByTestId($"met-{voucher}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"nearly-{products}").GetByTestId("blocking")).ToContainTextAsync("需 ≥ 1");
        await fixture.CheckPageAsync(page, $"s1-calculator-{tag}");
        var pdf = fixture.ScratchFile("合同.pdf");
        await File.WriteAllBytesAsync(pdf, "%PDF-1.4\n%%EOF\n"u8.ToArray());
        await page.GetByTestId($"apply-file-{voucher}").SetInputFilesAsync(pdf);
        await page.GetByTestId($"apply-{voucher}").ClickAsync();
        await Expect(page.GetByTestId("state")).ToContainTextAsync("待审核");
        await Expect(page.GetByTestId("evidence")).ToContainTextAsync(Path.GetFileName(pdf));
        await fixture.CheckPageAsync(page, $"s2-application-{tag}");
        var applicationUrl = page.Url;

        var dept = await fixture.NewPageAsync(width, 900);
        await fixture.SignInAsync(dept, (await fixture.CreateUserAsync(Roles.Department)).UserName!, BrowserFixture.UserPassword);
        await dept.GotoAsync("/Support/Statistics");
        var voucherRow = dept.GetByTestId("stats-policy").Locator("tr", new() { HasText = "科技创新券" });
        var paidBefore = await voucherRow.CountAsync() == 0 ? "0" : await voucherRow.Locator("td").Nth(2).InnerTextAsync();
        await dept.GotoAsync(applicationUrl);
        await dept.GetByTestId("review-amount").FillAsync("20");
        await dept.GetByTestId("review-approve").ClickAsync();
        await Expect(dept.GetByTestId("state")).ToContainTextAsync("已批准");
        await dept.GetByTestId("pay-voucher").FillAsync("PZ-旅程-001");
        await fixture.CheckPageAsync(dept, $"s3-pay-{tag}");
        await dept.GetByTestId("pay-submit").ClickAsync();
        await Expect(dept.GetByTestId("paid")).ToContainTextAsync("PZ-旅程-001");
        await dept.GotoAsync("/Support/Statistics");
        var paidAfter = await dept.GetByTestId("stats-policy").Locator("tr",
            new() { HasText = "科技创新券" }).Locator("td").Nth(2).InnerTextAsync();
        Assert.Equal(int.Parse(paidBefore, System.Globalization.CultureInfo.InvariantCulture) + 1,
            int.Parse(paidAfter, System.Globalization.CultureInfo.InvariantCulture));
        await fixture.CheckPageAsync(dept, $"s4-statistics-{tag}");

        // The 免申即享 list: a second eligible enterprise that has not applied is on it, exported and pushed.
        var other = "";
        await fixture.WithDbAsync(async (db, _) =>
        {
            var source = await db.Enterprises.Include(e => e.Indicators).Include(e => e.Qualifications)
                .SingleAsync(e => e.CreditCode == code);
            var e = new Enterprise
            {
                Name = other = "旅程免申企业" + Guid.NewGuid().ToString("N")[..4] + "公司",
                CreditCode = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random()),
                DistrictId = source.DistrictId,
                Employees = 120,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            e.Indicators.Add(new EnterpriseIndicator
            {
                Year = DateTime.UtcNow.Year - 1,
                Revenue = 8000m,
                RdExpense = 400m,
                Employees = 120
            });
            db.Enterprises.Add(e);
            await db.SaveChangesAsync();
        });
        await dept.GotoAsync("/Support");
        await dept.GetByTestId($"policy-link-{voucher}").ClickAsync();
        await Expect(dept.GetByTestId("eligible-table")).ToContainTextAsync(other);
        await fixture.CheckPageAsync(dept, $"s5-eligible-{tag}");
        var download = await dept.RunAndWaitForDownloadAsync(() => dept.GetByTestId("eligible-export").ClickAsync());
        var file = fixture.ScratchFile("eligible.xlsx");
        await download.SaveAsAsync(file);
        using (var book = SpreadsheetDocument.Open(file, false))
            Assert.Contains(other, book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText
                ?? book.WorkbookPart.WorksheetParts.First().Worksheet.InnerText, StringComparison.Ordinal);
        await dept.GetByTestId("eligible-push").ClickAsync();
        await Expect(dept.GetByTestId("flash")).ToContainTextAsync("已推送给");
        await fixture.CheckPageAsync(dept, $"s6-pushed-{tag}");
    }

    /// <summary>A new enterprise of 邗江区 that meets 科技创新券 and nearly meets 创新产品推广, with the two policies' ids.</summary>
    private async Task<(string Code, int Voucher, int Products)> EligibleEnterpriseAsync()
    {
        var code = "";
        int voucher = 0, products = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            code = Fip.Web.Demo.DemoDataGenerator.CreditCode("321003", new Random());
            var district = await db.Districts.Where(d => d.Name == "邗江区").Select(d => d.Id).SingleAsync();
            var year = DateTime.UtcNow.Year - 1;
            var e = new Enterprise
            {
                Name = "旅程政策企业" + Guid.NewGuid().ToString("N")[..4] + "公司",
                CreditCode = code,
                DistrictId = district,
                Employees = 120,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            e.Indicators.Add(new EnterpriseIndicator
            {
                Year = year,
                Revenue = 8000m,
                RdExpense = 400m,
                Employees = 120,
                InventionPatents = 3
            });
            e.Qualifications.Add(new EnterpriseQualification { Kind = QualificationKind.HighTech, Year = year - 2 });
            db.Enterprises.Add(e);
            await db.SaveChangesAsync();
            voucher = await db.Set<SupportPolicy>().Where(p => p.Code == SupportSeeder.Voucher).Select(p => p.Id).SingleAsync();
            products = await db.Set<SupportPolicy>().Where(p => p.Code == SupportSeeder.InnovativeProducts).Select(p => p.Id).SingleAsync();
        });
        return (code, voucher, products);
    }

    /// <summary>
    /// Issue 18 item 1: an anonymous visitor (no sign-in) goes from the portal to the support policies, searches in Chinese, opens
    /// 科技创新券 and reads its 解读, who may apply and the clause it comes from. At 1440 and 390 px, axe clean.
    /// </summary>
    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task AnonymousVisitor_SearchesThePortal_ReadsAPolicyAndItsInterpretation(int width)
    {
        var tag = width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await fixture.NewPageAsync(width, 900);
        await page.GotoAsync("/Portal");
        await page.GetByTestId("portal-section-policies").ClickAsync();
        await Expect(page.GetByTestId($"policy-link-{SupportSeeder.RdDeduction}")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, $"p1-portal-policies-{tag}");
        await page.GetByTestId("policy-search").FillAsync("创新券");
        await page.GetByTestId("policy-search-submit").ClickAsync();
        await Expect(page.GetByTestId($"policy-link-{SupportSeeder.RdDeduction}")).ToHaveCountAsync(0);
        await page.GetByTestId($"policy-link-{SupportSeeder.Voucher}").ClickAsync();
        await Expect(page.GetByTestId("policy-name")).ToHaveTextAsync("科技创新券");
        await Expect(page.GetByTestId("policy-interpretation")).ToContainTextAsync("创新券");
        await Expect(page.GetByTestId("policy-clause")).ToContainTextAsync("职工总数不超过500人");
        await Expect(page.GetByText("从业人数 ≤ 500 人").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, $"p2-portal-policy-{tag}");
        await page.GetByTestId("policy-back").ClickAsync();
        await Expect(page.GetByTestId($"policy-link-{SupportSeeder.Voucher}")).ToBeVisibleAsync();
    }

    /// <summary>撤回 at 390 px: the enterprise opens its application awaiting review, confirms the withdrawal with a reason and
    /// sees the state in words; the button is gone. Axe clean.</summary>
    [Fact]
    public async Task Enterprise_WithdrawsItsApplicationBeforeReview_AtPhoneWidth()
    {
        var (code, voucher, _) = await EligibleEnterpriseAsync();
        var id = 0;
        await fixture.WithDbAsync(async (db, _) =>
        {
            var enterprise = await db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync();
            var a = new PolicyApplication
            {
                PolicyId = voucher,
                EnterpriseId = enterprise,
                State = ApplicationState.Submitted,
                SubmittedAt = DateTime.UtcNow,
            };
            db.Add(a);
            await db.SaveChangesAsync();
            id = a.Id;
        });
        var ent = await fixture.CreateUserAsync(Roles.Enterprise, enterprise: code);
        var page = await fixture.NewPageAsync(390, 900);
        await fixture.SignInAsync(page, ent.UserName!, BrowserFixture.UserPassword);
        await page.GotoAsync($"/Support/Application/{id}");
        await Expect(page.GetByTestId("state")).ToContainTextAsync("待审核");
        await page.GetByTestId("withdraw-open").ClickAsync();
        await Expect(page.GetByTestId("withdraw-warning")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "w1-withdraw-confirm-390");
        await page.GetByTestId("withdraw-reason").FillAsync("项目延期，暂不申报");
        await page.GetByTestId("withdraw-submit").ClickAsync();
        await Expect(page.GetByTestId("state")).ToContainTextAsync("已撤回");
        await Expect(page.GetByTestId("reason")).ToContainTextAsync("项目延期");
        await Expect(page.GetByTestId("withdraw-open")).ToHaveCountAsync(0);
        await fixture.CheckPageAsync(page, "w2-withdrawn-390");
    }
}
