using System.Globalization;
using System.Net;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Scenarios;

namespace Fip.IntegrationTests;

/// <summary>Who won a call is named as the registry names the enterprise today, not by its credit code or an old name.</summary>
[Collection(CallCollection.Name)]
public class CallAwardNameTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, true)]   // applied before its record existed (the name stored was its code)
    [InlineData(DatabaseProvider.Sqlite, false)]  // renamed since it applied
    [InlineData(DatabaseProvider.Postgres, true)]
    [InlineData(DatabaseProvider.Postgres, false)]
    public async Task TheAwardedTo_IsTheRegistryName(DatabaseProvider db, bool storedAsCode)
    {
        var app = FipApp.For(db);
        var enterpriseId = await SupportSamples.NewEnterpriseAsync(app);
        var (uscc, name) = app.Use(d => d.Enterprises.Where(e => e.Id == enterpriseId).Select(e => new { e.CreditCode, e.Name })
            .Single() is var e ? (e.CreditCode, e.Name) : default);
        var call = await CallSamples.CallAsync(app, null, deadlineInDays: 400);
        var application = await CallSamples.ApplicationAsync(app, call.Id, uscc);
        app.Use(d =>
        {
            var a = d.Set<CallApplication>().Single(x => x.Id == application.Id);
            a.EnterpriseName = storedAsCode ? uscc : "旧名称有限公司";
            var c = d.Set<ScenarioCall>().Single(x => x.Id == call.Id);
            c.State = CallState.Awarded;
            c.AwardedApplicationId = a.Id;
            c.AwardedAt = DateTime.UtcNow;
            return d.Save();
        });

        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var page = await browser.GetAsync($"/Scenarios/Call/{call.Id.ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"data-testid=\"call-winner\">{name}", html, StringComparison.Ordinal);
    }
}
