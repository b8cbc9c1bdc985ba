using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;

namespace Fip.IntegrationTests;

/// <summary>Support-policy test data: enterprises that meet 科技创新券 (or nearly meet 创新产品推广), applications in a state.</summary>
public static class SupportSamples
{
    public static int FiguresYear => DateTime.UtcNow.Year - 1;

    public static int PolicyId(FipApp app, string code) => app.Use(d => d.Set<SupportPolicy>().Single(p => p.Code == code).Id);

    /// <summary>A new enterprise in 邗江区 (created by an admin through the API).</summary>
    public static async Task<int> NewEnterpriseAsync(FipApp app, string district = "邗江区")
    {
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        var response = await admin.PostAsJsonAsync("/api/v1/enterprises",
            new { creditCode = code, name = "扬州政策测试有限公司" + code[^6..], district, employees = 120 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Creating {code} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>Last year's figures: revenue 8000, R&D 400 (5 %, meets 科技创新券), 3 patents; 高新技术企业 (2023); no 首台（套）
    /// product, so 创新产品推广 is one condition short.</summary>
    public static void MakeEligible(FipApp app, int enterpriseId, decimal rd = 400m)
    {
        app.Use(d =>
        {
            var figures = d.EnterpriseIndicators.SingleOrDefault(i => i.EnterpriseId == enterpriseId && i.Year == FiguresYear);
            if (figures is null)
                d.EnterpriseIndicators.Add(figures = new EnterpriseIndicator { EnterpriseId = enterpriseId, Year = FiguresYear });
            figures.Revenue = 8000m;
            figures.RdExpense = rd;
            figures.Employees = 120;
            figures.InventionPatents = 3;
            if (!d.EnterpriseQualifications.Any(q => q.EnterpriseId == enterpriseId && q.Kind == QualificationKind.HighTech))
                d.EnterpriseQualifications.Add(new EnterpriseQualification
                { EnterpriseId = enterpriseId, Kind = QualificationKind.HighTech, Year = 2023 });
            return d.Save();
        });
    }

    /// <summary>An application in the given state, written directly (for samples that act on one).</summary>
    public static PolicyApplication Application(FipApp app, int enterpriseId, ApplicationState state,
        string code = SupportSeeder.Voucher) =>
        app.Use(d =>
        {
            var a = new PolicyApplication
            {
                PolicyId = d.Set<SupportPolicy>().Single(p => p.Code == code).Id,
                EnterpriseId = enterpriseId,
                State = state,
                SubmittedAt = DateTime.UtcNow.AddDays(-3),
                ApprovedAmount = state == ApplicationState.Approved ? 10m : null,
                Reason = state == ApplicationState.Returned ? "请补充服务合同" : null,
            };
            d.Add(a);
            d.Save();
            return a;
        });

    /// <summary>An enterprise the caller may apply for: an enterprise user's own, otherwise a new one in 邗江区.</summary>
    public static async Task<int> ApplicableEnterpriseAsync(FipApp app, AppUser user)
    {
        var id = user.EnterpriseUscc is not null
            ? await RegistrySamples.InScopeAsync(app, user, "enterprises")
            : await NewEnterpriseAsync(app);
        MakeEligible(app, id);
        return id;
    }
}
