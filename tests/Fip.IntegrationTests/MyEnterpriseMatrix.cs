using System.Net.Http.Json;

namespace Fip.IntegrationTests;

/// <summary>The scope matrix's samples for /api/v1/enterprise-requests: each succeeds for every role its rule allows.</summary>
public static class MyEnterpriseMatrix
{
    /// <summary>Claims and new records come from an enterprise user with no code yet: an enterprise caller acts as a new one.</summary>
    private static async Task<HttpRequestMessage> AsUnboundAsync(ScopeMatrixTestsCaller c, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (c.User.EnterpriseUscc is not null)
        {
            var (_, user) = await MyEnterpriseTests.RegisteredAsync(c.App);
            request.Headers.Authorization = new("Bearer", await c.App.CreateTokenAsync(user));
        }
        return request;
    }

    public static void Add(Dictionary<string, Func<ScopeMatrixTestsCaller, Task<HttpRequestMessage>>> samples)
    {
        samples["GET /api/v1/enterprise-requests"] = _ =>
            Task.FromResult(new HttpRequestMessage(HttpMethod.Get, "/api/v1/enterprise-requests"));
        samples["POST /api/v1/enterprise-requests/claims"] = async c =>
        {
            var record = await MyEnterpriseTests.RecordAsync(c.App);
            return await AsUnboundAsync(c, "/api/v1/enterprise-requests/claims",
                new { creditCode = record.Code, companyName = record.Name, contactPerson = "矩阵", contactPhone = "13900001111" });
        };
        samples["POST /api/v1/enterprise-requests/new-records"] = async c => await AsUnboundAsync(c,
            "/api/v1/enterprise-requests/new-records", new Dictionary<string, string?>
            {
                ["creditCode"] = RegistryTests.NewCreditCode(),
                ["name"] = "扬州矩阵新建有限公司",
                ["district"] = "邗江区",
                ["contactPhone"] = "13900001111",
            });
        samples["POST /api/v1/enterprise-requests/{id:int}/decide"] = async c =>
        {
            // A claim in 邗江区 (the district callers' district), sent by a user of its own.
            var record = await MyEnterpriseTests.RecordAsync(c.App);
            var (client, _) = await MyEnterpriseTests.RegisteredAsync(c.App);
            var sent = await (await client.PostAsJsonAsync("/api/v1/enterprise-requests/claims",
                    new { creditCode = record.Code, companyName = record.Name, contactPerson = "矩阵", contactPhone = "13900001111" }))
                .Content.ReadFromJsonAsync<Fip.Web.Features.MyEnterprise.EnterpriseRequestDto>(Json.Options);
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/enterprise-requests/{sent!.Id}/decide")
            { Content = JsonContent.Create(new { decision = "refuse", reason = "矩阵", version = sent.Version }) };
        };
    }
}
