using System.Globalization;
using System.Net.Http.Json;
using Fip.Web.Features.Registries;
using Fip.Web.Features.Support;

namespace Fip.IntegrationTests;

/// <summary>The scope matrix's samples for /api/v1/support: each succeeds for every role its rule allows.</summary>
public static class SupportMatrix
{
    private static string Id(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static HttpRequestMessage Post(string url, object body) => new(HttpMethod.Post, url) { Content = JsonContent.Create(body) };

    private const string ValidRule = """{"all":[{"field":"employees","op":"<=","value":500}]}""";

    public static void Add(Dictionary<string, Func<ScopeMatrixTestsCaller, Task<HttpRequestMessage>>> samples)
    {
        static int Voucher(ScopeMatrixTestsCaller c) => SupportSamples.PolicyId(c.App, SupportSeeder.Voucher);
        samples["GET /api/v1/support/policies"] = _ => Get("/api/v1/support/policies");
        samples["GET /api/v1/support/policies/{id:int}"] = c => Get($"/api/v1/support/policies/{Id(Voucher(c))}");
        samples["PUT /api/v1/support/policies/{id:int}/rule"] = c =>
        {
            // A policy of its own (unpublished), so the seeded rules other tests read stay as they are.
            var p = c.App.Use(d =>
            {
                var policy = new SupportPolicy { Code = "matrix-" + Guid.NewGuid().ToString("N")[..12], Name = "矩阵测试政策", Rule = ValidRule };
                d.Add(policy);
                d.Save();
                return policy;
            });
            return Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/support/policies/{Id(p.Id)}/rule")
            { Content = JsonContent.Create(new { rule = ValidRule, version = p.Version }) });
        };
        samples["POST /api/v1/support/policies/{id:int}/dry-run"] = c =>
            Task.FromResult(Post($"/api/v1/support/policies/{Id(Voucher(c))}/dry-run", new { rule = ValidRule }));
        samples["GET /api/v1/support/match"] = async c =>
        {
            var id = await SupportSamples.ApplicableEnterpriseAsync(c.App, c.User);
            return new HttpRequestMessage(HttpMethod.Get, $"/api/v1/support/match?enterpriseId={Id(id)}");
        };
        samples["GET /api/v1/support/policies/{id:int}/eligible"] = c => Get($"/api/v1/support/policies/{Id(Voucher(c))}/eligible");
        samples["GET /api/v1/support/policies/{id:int}/eligible.xlsx"] = c =>
            Get($"/api/v1/support/policies/{Id(Voucher(c))}/eligible.xlsx");
        samples["POST /api/v1/support/policies/{id:int}/eligible/push"] = c =>
            Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/support/policies/{Id(Voucher(c))}/eligible/push"));
        samples["GET /api/v1/support/applications"] = _ => Get("/api/v1/support/applications");
        samples["POST /api/v1/support/applications"] = async c =>
        {
            var id = await SupportSamples.ApplicableEnterpriseAsync(c.App, c.User);
            return Post("/api/v1/support/applications", new { policyId = Voucher(c), enterpriseId = id });
        };
        samples["POST /api/v1/support/applications/{id:int}/decide"] = async c =>
        {
            var a = SupportSamples.Application(c.App, await SupportSamples.NewEnterpriseAsync(c.App), ApplicationState.Submitted);
            return Post($"/api/v1/support/applications/{Id(a.Id)}/decide", new
            {
                decision = "approve",
                amount = 12.5,
                version = a.Version
            });
        };
        samples["POST /api/v1/support/applications/{id:int}/pay"] = async c =>
        {
            var a = SupportSamples.Application(c.App, await SupportSamples.NewEnterpriseAsync(c.App), ApplicationState.Approved);
            return Post($"/api/v1/support/applications/{Id(a.Id)}/pay", new { amount = 10, version = a.Version });
        };
        samples["POST /api/v1/support/applications/{id:int}/resubmit"] = async c =>
        {
            var enterprise = c.User.EnterpriseUscc is not null
                ? await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises")
                : await SupportSamples.NewEnterpriseAsync(c.App);
            var a = SupportSamples.Application(c.App, enterprise, ApplicationState.Returned, SupportSeeder.InnovativeProducts);
            return Post($"/api/v1/support/applications/{Id(a.Id)}/resubmit", new { note = "已补充", version = a.Version });
        };
        samples["POST /api/v1/support/applications/{id:int}/withdraw"] = async c =>
        {
            var enterprise = c.User.EnterpriseUscc is not null
                ? await RegistrySamples.InScopeAsync(c.App, c.User, "enterprises")
                : await SupportSamples.NewEnterpriseAsync(c.App);
            var a = SupportSamples.Application(c.App, enterprise, ApplicationState.Submitted, SupportSeeder.InnovativeProducts);
            return Post($"/api/v1/support/applications/{Id(a.Id)}/withdraw", new { reason = "暂不申报", version = a.Version });
        };
        samples["GET /api/v1/support/statistics"] = _ => Get("/api/v1/support/statistics");
    }
}
