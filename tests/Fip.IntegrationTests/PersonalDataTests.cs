using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fip.Web.Data;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Registries;

namespace Fip.IntegrationTests;

/// <summary>
/// Issue 16, hole 11: who sees an enterprise's contacts (person, phone) unmasked. Those who serve it: admins all; a district user
/// the enterprises of their own district; an enterprise user its own. Masked for department users, leaders and other districts.
/// </summary>
public class PersonalDataTests
{
    /// <summary>What the reader gets of a field: the stored text, the masked text, or no record at all.</summary>
    public enum Sight { Unmasked, Masked, Hidden }

    /// <summary>role, whose the enterprise is to them (own/other district or enterprise; "-" when scope does not apply), field,
    /// what they see.</summary>
    public static TheoryData<DatabaseProvider, string, string, string, Sight> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string, Sight>();
        var rule = new (string Role, string Relation, Sight Sight)[]
        {
            (Roles.Admin, "-", Sight.Unmasked),
            (Roles.District, "own", Sight.Unmasked),
            (Roles.District, "other", Sight.Masked),
            (Roles.Department, "-", Sight.Masked),
            (Roles.Leader, "-", Sight.Masked),
            (Roles.Enterprise, "own", Sight.Unmasked),
            (Roles.Enterprise, "other", Sight.Hidden),
        };
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var (role, relation, sight) in rule)
                foreach (var field in new[] { "contactPerson", "contactPhone" })
                    data.Add(db, role, relation, field, sight);
        return data;
    }

    private static readonly Dictionary<string, (string Stored, string Masked)> Values = new(StringComparer.Ordinal)
    {
        ["contactPerson"] = ("李华", "李*"),
        ["contactPhone"] = ("13912345678", "139****5678"),
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Contacts_AreUnmaskedOnlyForThoseWhoServeTheEnterprise(DatabaseProvider db, string role, string relation,
        string field, Sight expected)
    {
        var app = FipApp.For(db);
        var (admin, _) = await app.ApiClientAsync(Roles.Admin);
        var code = RegistryTests.NewCreditCode();
        var created = await admin.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode = code,
            name = "扬州联系人测试有限公司" + code[^6..],
            district = "邗江区",
            contactPerson = Values["contactPerson"].Stored,
            contactPhone = Values["contactPhone"].Stored,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var reader = await app.CreateUserAsync(role, district: relation == "own" ? "邗江区" : "高邮市",
            uscc: relation == "own" ? code : null);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(reader));
        var response = await client.GetAsync($"/api/v1/enterprises/{id}");
        if (expected == Sight.Hidden)
        {
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)response.StatusCode}");
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<RecordView>(Json.Options))!;
        Assert.Equal(expected == Sight.Unmasked ? Values[field].Stored : Values[field].Masked, view.Values[field]);
        Assert.StartsWith("扬州联系人测试有限公司", view.Values["name"], StringComparison.Ordinal); // nothing else is masked

        // The list follows the same rule.
        var list = await client.GetFromJsonAsync<RecordPage>($"/api/v1/enterprises?q={code}", Json.Options);
        Assert.Equal(view.Values[field], Assert.Single(list!.Items).Values[field]);
    }
}
